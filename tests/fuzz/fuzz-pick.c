/* fuzz-pick.c — proc_pick() against a plain model: on a first read (no hints) each key gets the value of
 * the first line that names it and has a number, as a full scan finds it; on a second read of another
 * text with the hints of the first, a key is found exactly when some line of that text has it, with the
 * value of one such line (the one near the hint may win over an earlier repeat).  The first input byte
 * chooses the separator (' ' or ':'); the rest is split at the first "\n\n" into the two texts. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "proc-pick.h"

const char fuzz_name[] = "pick";

static const char *const names[] = { "pgpgin", "pgpgout", "MemFree", "nr_free_pages", "a", "pswpin",
				     "MemAvailable", "nr" };
#define NKEYS (sizeof names / sizeof names[0])

/* The value of a "name<sep> value" line as proc_pick reads one: blanks, then digits. */
static int line_value(const char *v, const char *eol, uint64_t *val)
{
	while (v < eol && (*v == ' ' || *v == '\t'))
		v++;
	if (v >= eol || *v < '0' || *v > '9')
		return 0;
	return zs_parse_u64(&v, val) && v <= eol;
}

/* Every line of text whose name is key: the first value (*first), and whether val is one of them. */
static int model(const char *text, size_t len, char sep, const char *key, uint64_t *first, uint64_t val,
		 int *val_seen)
{
	const char *p = text, *end = text + strnlen(text, len);   /* a NUL ends the text (proc.h) */
	size_t kl = strlen(key);
	int found = 0;

	*val_seen = 0;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		uint64_t v;

		if (!eol)
			eol = end;
		if ((size_t)(eol - p) > kl && memcmp(p, key, kl) == 0 && p[kl] == sep &&
		    line_value(p + kl + 1, eol, &v)) {
			if (!found)
				*first = v;
			found = 1;
			*val_seen |= v == val;
		}
		p = eol + 1;
	}
	return found;
}

/* One read's results against the model; hinted: the hints of a read of another text were kept. */
static void check_read(const struct proc_pick *keys, size_t nf, const char *text, size_t len, char sep,
		       int hinted)
{
	size_t n = 0;

	for (size_t i = 0; i < NKEYS; i++) {
		uint64_t first = 0;
		int seen, has = model(text, len, sep, names[i], &first, keys[i].value, &seen);

		FZ_CHECK(keys[i].found == has, "%s: found %d, a full scan %d (hints kept: %d)", names[i],
			 keys[i].found, has, hinted);
		FZ_CHECK(has || keys[i].value == 0, "%s: value without a line", names[i]);
		if (hinted)
			FZ_CHECK(!has || seen, "%s: %llu with hints, on no line", names[i],
				 (unsigned long long)keys[i].value);
		else
			FZ_CHECK(!has || keys[i].value == first, "%s: %llu, first line says %llu", names[i],
				 (unsigned long long)keys[i].value, (unsigned long long)first);
		n += has;
	}
	FZ_CHECK(nf == n, "returned %zu, found %zu", nf, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct proc_pick keys[NKEYS];
	char *t, *second, sep;
	size_t l1, l2, nf;

	if (size < 1)
		return 0;
	sep = data[0] & 1 ? ':' : ' ';
	t = fz_text(data + 1, size - 1);
	second = strstr(t, "\n\n");
	l1 = second ? (size_t)(second - t) + 1 : size - 1;
	second = second ? second + 2 : t + size - 1;
	l2 = (size_t)(t + size - 1 - second);
	proc_pick_init(keys, names, NKEYS);

	t[l1] = '\0';
	fz_quiet_begin();
	nf = proc_pick(keys, NKEYS, t, l1, sep);
	fz_quiet_end("proc_pick");
	check_read(keys, nf, t, l1, sep, 0);
	if (l1 < size - 1)
		t[l1] = (char)data[1 + l1];

	/* the second text, with the hints of the first */
	fz_quiet_begin();
	nf = proc_pick(keys, NKEYS, second, l2, sep);
	fz_quiet_end("proc_pick");
	check_read(keys, nf, second, l2, sep, 1);
	free(t);
	return 0;
}
