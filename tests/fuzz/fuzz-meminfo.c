/* fuzz-meminfo.c — proc_meminfo_parse(): keys up to the colon, values not negative (fuzz-kvfile.h). */
#include "config.h"

#include "fuzz-kvfile.h"
#include "proc.h"

const char fuzz_name[] = "meminfo";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_kvfile_run(proc_meminfo_parse, "meminfo: ", ":", 1, data, size);
	return 0;
}
