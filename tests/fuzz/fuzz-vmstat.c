/* fuzz-vmstat.c — proc_vmstat_parse(): names up to the first blank, values may be negative (some node
 * items are) (fuzz-kvfile.h). */
#include "config.h"

#include "fuzz-kvfile.h"
#include "proc.h"

const char fuzz_name[] = "vmstat";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_kvfile_run(proc_vmstat_parse, "vmstat: ", " \t", 0, data, size);
	return 0;
}
