/* test-kv.c — Check suite for kv.c (named counters). */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <string.h>

#include "kv.h"
#include "unit-run.h"

START_TEST(put_get_in_order)
{
	struct kvset kv;
	int64_t v;

	kv_init(&kv);
	kv_put(&kv, "MemTotal", 8, 100);
	kv_put(&kv, "MemFreeXYZ", 7, 5); /* only "MemFree" */
	ck_assert(kv_get(&kv, "MemFree", &v));
	ck_assert_int_eq(v, 5);
	ck_assert(!kv_has(&kv, "MemFreeXYZ"));
	ck_assert_int_eq(kv_val(&kv, "MemTotal"), 100);
	ck_assert_int_eq(kv_val(&kv, "absent"), 0);
	ck_assert_str_eq(kv_name(&kv, 0), "MemTotal");
	ck_assert_str_eq(kv_name(&kv, 1), "MemFree");
	kv_put(&kv, "MemTotal", 8, 7);
	ck_assert_uint_eq(kv_count(&kv), 2);
	ck_assert_int_eq(kv_val(&kv, "MemTotal"), 7);
	kv_free(&kv);
}
END_TEST

START_TEST(many_entries_and_clear)
{
	struct kvset kv;
	char name[32];

	kv_init(&kv);
	for (int round = 0; round < 3; round++) {
		kv_clear(&kv);
		for (int i = 0; i < 5000; i++) {
			int n = snprintf(name, sizeof name, "key_%d", i);

			kv_put(&kv, name, (size_t)n, i * 3 + round);
		}
		ck_assert_uint_eq(kv_count(&kv), 5000);
		for (int i = 0; i < 5000; i += 7) {
			snprintf(name, sizeof name, "key_%d", i);
			ck_assert_int_eq(kv_val(&kv, name), i * 3 + round);
		}
	}
	kv_add(&kv, "key_1", 10);
	kv_add(&kv, "new", 4);
	ck_assert_int_eq(kv_val(&kv, "key_1"), 3 + 2 + 10);
	ck_assert_int_eq(kv_val(&kv, "new"), 4);
	kv_free(&kv);
}
END_TEST

START_TEST(copy_keeps_order)
{
	struct kvset a, b;

	kv_init(&a);
	kv_init(&b);
	kv_put(&a, "z", 1, 1);
	kv_put(&a, "a", 1, 2);
	kv_copy(&b, &a);
	ck_assert_str_eq(kv_name(&b, 0), "z");
	ck_assert_int_eq(kv_val(&b, "a"), 2);
	kv_free(&a);
	kv_free(&b);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("kv");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, put_get_in_order);
	tcase_add_test(tc, many_entries_and_clear);
	tcase_add_test(tc, copy_keeps_order);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
