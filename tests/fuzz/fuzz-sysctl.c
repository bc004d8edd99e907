/* fuzz-sysctl.c — proc_sysctl_parse() over a snapshot of /proc/sys/vm files (input: "== sys/vm/NAME"
 * sections, fuzz.h): a value is either what the file says or -1, the lowmem_reserve_ratio list fits its
 * array, THP's mode is one of the four. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "proc.h"

const char fuzz_name[] = "sysctl";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct snapshot snap;
	struct sysctls sys, again;
	struct zs_err e = { 0 };
	int rc, rc2;

	snapshot_init(&snap);
	fz_snapshot(&snap, (const char *)data, size, NULL);
	memset(&sys, 0x5a, sizeof sys);
	memset(&again, 0, sizeof again);
	fz_quiet_begin();
	rc = proc_sysctl_parse(&sys, &snap, &e);
	rc2 = proc_sysctl_parse(&again, &snap, &e);
	fz_quiet_end("proc_sysctl_parse");

	FZ_CHECK(rc == rc2 && (rc == 0 || rc == -1), "rc %d/%d", rc, rc2);
	FZ_CHECK(sys.nlowmem_reserve_ratio >= 0 && sys.nlowmem_reserve_ratio <= 8, "%d ratios",
		 sys.nlowmem_reserve_ratio);
	FZ_CHECK(sys.thp_enabled >= -1 && sys.thp_enabled <= 2, "thp %d", sys.thp_enabled);
	FZ_CHECK(sys.min_free_kbytes == again.min_free_kbytes && sys.swappiness == again.swappiness &&
			 sys.watermark_scale_factor == again.watermark_scale_factor &&
			 sys.nlowmem_reserve_ratio == again.nlowmem_reserve_ratio &&
			 memcmp(sys.lowmem_reserve_ratio, again.lowmem_reserve_ratio,
				(size_t)sys.nlowmem_reserve_ratio * sizeof(int64_t)) == 0,
		 "a parse over old values differs");
	/* an absent file reads as -1 */
	if (!snapshot_text(&snap, SNAP_SYSCTL_MIN_FREE_KBYTES, NULL))
		FZ_CHECK(sys.min_free_kbytes == -1, "min_free_kbytes %lld without its file",
			 (long long)sys.min_free_kbytes);
	if (!snapshot_text(&snap, SNAP_SYSCTL_LOWMEM_RESERVE_RATIO, NULL))
		FZ_CHECK(sys.nlowmem_reserve_ratio == 0, "ratios without their file");
	if (!snapshot_text(&snap, SNAP_THP_ENABLED, NULL))
		FZ_CHECK(sys.thp_enabled == -1, "THP mode without its file");
	if (rc < 0)
		FZ_CHECK(e.msg[0] != '\0', "error without a message");
	snapshot_free(&snap);
	return 0;
}
