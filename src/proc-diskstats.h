/* proc-diskstats.h — /proc/diskstats (one line per block device) and which of them are whole disks.
 *
 * The parser is tolerant: it keeps every line with a major, a minor and a name, however many numbers
 * follow (4 on old partition lines, 11 to 17 today), and records how many it saw so that a view that must
 * be as strict as procps (vmstat) can refuse what procps refuses. */
#ifndef ZS_PROC_DISKSTATS_H
#define ZS_PROC_DISKSTATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct disk_entry {
	char name[64];           /* cut to 63 bytes; name_len is the real length */
	size_t name_len;
	int major, minor;
	int nfields;             /* numbers after the name */
	uint64_t reads, reads_merged, read_sectors, read_ms;
	uint64_t writes, writes_merged, write_sectors, write_ms;
	uint64_t in_flight, io_ms, weighted_ms;
	bool is_disk;            /* listed in /sys/block (or /sys/block unreadable) */
};

struct diskstats {
	struct disk_entry *d;    /* file order */
	size_t n, cap;
	bool have_sys_block;     /* false: /sys/block could not be read, every device counts as a disk */
};

/* sysblock: the names in /sys/block, one per line, or NULL when it could not be read. */
int proc_diskstats_parse(struct diskstats *ds, const char *text, size_t len, const char *sysblock,
			 size_t sblen, struct zs_err *e);
void proc_diskstats_free(struct diskstats *ds);
/* The entry named name, or NULL. */
const struct disk_entry *proc_diskstats_find(const struct diskstats *ds, const char *name);

#endif
