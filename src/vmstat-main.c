/* vmstat-main.c — the vmstat views' entry points: the source, the terminal height, stdout's life
 * (line buffering, closed pipes, write errors) and procps' messages for /proc problems. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "proc-cpuinfo.h"
#include "vmstat.h"

static int write_errno;   /* errno of the first failed write, seen after a line (zonestat mode) */

void vm_error(const struct vm_run *r, const char *fmt, ...)
{
	va_list ap;

	/* glibc's error(), which procps uses, flushes stdout first */
	fflush(stdout);
	fprintf(stderr, "%s: ", r->c->prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int vm_fail(const struct vm_run *r, const char *text, const char *detail)
{
	if (r->c->vmstat_only || !detail || !*detail)
		vm_error(r, "%s", text);
	else
		vm_error(r, "%s (%s)", text, detail);
	return -1;
}

int vm_need(const struct vm_run *r, int part, const char *text)
{
	if (r->s.have & SAMPLE_HAVE(part))
		return 0;
	return vm_fail(r, text, r->s.err[part].msg);
}

int vm_need_stat(const struct vm_run *r)
{
	static const char text[] = "Unable to create system stat structure";
	size_t len;
	const char *t = snapshot_text(&r->snap, SNAP_STAT, &len);
	char why[160];

	if (vm_need(r, SP_STAT, text) < 0)
		return -1;
	if (len < 4 || memcmp(t, "cpu ", 4) != 0 || r->s.stat.total.nfields < 8) {
		snprintf(why, sizeof why, "stat: the first line must be 'cpu' with at least 8 numbers, it %s",
			 len < 4 || memcmp(t, "cpu ", 4) != 0 ? "is not 'cpu'" : "has fewer");
		return vm_fail(r, text, why);
	}
	if (r->c->compat == COMPAT_402) {
		if (vm_need(r, SP_CPUINFO, text) < 0)
			return -1;
		if (r->s.cpuinfo->open_block_at_eof)
			return vm_fail(r, text, "cpuinfo: the last processor block has no 'core id' and no "
					  "ending blank line");
	}
	return 0;
}

int vm_take_some(struct vm_run *r, unsigned read, unsigned parts)
{
	struct zs_err e = { 0 };

	if (source_take(r->src, sample_parts_mask(read), &r->snap, &e) < 0) {
		vm_error(r, "%s", e.msg);
		return -1;
	}
	if (r->c->compat == COMPAT_402) {
		/* 4.0.2 reads /proc/meminfo and /proc/vmstat with one read() of at most 8191 bytes: what
		 * lies beyond is not seen (a line cut there is read as far as it goes) */
		static const enum snap_file cut[] = { SNAP_MEMINFO, SNAP_VMSTAT };

		for (size_t i = 0; i < ZS_ARRAY_LEN(cut); i++) {
			struct snap_text *t = &r->snap.f[cut[i]];

			if (t->read && !t->err && t->len > 8191) {
				t->len = 8191;
				t->buf[t->len] = '\0';
			}
		}
	}
	sample_parse(&r->s, &r->snap, parts);
	return 0;
}

int vm_take(struct vm_run *r, unsigned parts)
{
	return vm_take_some(r, parts, parts);
}

void vm_wait(struct vm_run *r)
{
	source_wait(r->src, (double)r->c->delay);
}

void vm_line_done(struct vm_run *r)
{
	if (r->c->vmstat_only)
		return;   /* procps goes on writing and reports the error at exit */
	if (ferror(stdout) || fflush(stdout) != 0) {
		if (!write_errno)
			write_errno = errno ? errno : EIO;
		r->stop = true;
	}
}

void vm_timestamp(char *buf, size_t size)
{
	time_t now = time(NULL);
	struct tm tm;

	if (!localtime_r(&now, &tm) || strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		buf[0] = '\0';
}

void vm_tzname(char *buf, size_t size)
{
	time_t now = time(NULL);
	struct tm tm;
	char tz[64];

	if (!localtime_r(&now, &tm) || strftime(tz, sizeof tz, "%Z", &tm) == 0)
		tz[0] = '\0';
	snprintf(buf, size, "%19.19s", tz);
}

/* Header every height lines: the terminal's rows - 3 (stdout's terminal only), 21 when not a terminal. */
static int term_height(void)
{
	struct winsize ws;
	int rows = 24;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0)
		rows = ws.ws_row;
	return rows - 3 > 0 ? rows - 3 : 22;
}

/* procps' close_stdout(): a failed or unflushable stdout is "write error", status 1.  In zonestat mode a
 * closed pipe is the reader's choice, not an error. */
static int close_stdout(const struct vm_run *r)
{
	bool pending = __fpending(stdout) != 0, prev_fail = ferror(stdout) != 0, close_fail;

	errno = 0;
	close_fail = fclose(stdout) != 0;
	if (prev_fail || (close_fail && (pending || errno != EBADF))) {
		int err = close_fail ? errno : 0;

		if (!r->c->vmstat_only && (write_errno == EPIPE || err == EPIPE))
			return 0;
		if (err == EPIPE)
			return 0;
		if (err)
			fprintf(stderr, "%s: write error: %s\n", r->c->prog, strerror(err));
		else
			fprintf(stderr, "%s: write error\n", r->c->prog);
		return 1;
	}
	return 0;
}

static int vm_open(struct vm_run *r, const struct cli *c)
{
	struct zs_err e = { 0 };

	memset(r, 0, sizeof *r);
	r->c = c;
	if (!c->vmstat_only)
		signal(SIGPIPE, SIG_IGN);   /* a closed pipe ends the run quietly (see vm_line_done) */
	setlinebuf(stdout);
	r->height = term_height();
	r->csv = c->output == RENDER_CSV && !c->vmstat_only;
	render_init(&r->r, RENDER_CSV, stdout);
	r->src = app_open_source(c, &e);
	if (!r->src) {
		vm_error(r, "%s", e.msg);
		return -1;
	}
	snapshot_init(&r->snap);
	sample_init(&r->s);
	return 0;
}

static int vm_close(struct vm_run *r, int rc)
{
	if (r->src) {
		source_close(r->src);
		snapshot_free(&r->snap);
		sample_free(&r->s);
	}
	if (close_stdout(r))
		rc = ZS_EXIT_FAIL;
	return rc;
}

int vmstat_main(const struct cli *c)
{
	struct vm_run r;
	int rc;

	if (vm_open(&r, c) < 0)
		return vm_close(&r, ZS_EXIT_FAIL);
	switch (c->vm_mode) {
	case VM_MODE_SUM:
		rc = vmstat_sum_run(&r);
		break;
	case VM_MODE_DISK:
		rc = vmstat_disk_run(&r);
		break;
	case VM_MODE_DISKSUM:
		rc = vmstat_disksum_run(&r);
		break;
	case VM_MODE_PARTITION:
		rc = vmstat_part_run(&r);
		break;
	case VM_MODE_SLAB:
		rc = vmstat_slab_run(&r);
		break;
	default:
		rc = vmstat_vm_run(&r);
		break;
	}
	return vm_close(&r, rc);
}

int vmstat_forks(const struct cli *c)
{
	struct vm_run r;

	if (vm_open(&r, c) < 0)
		return vm_close(&r, ZS_EXIT_FAIL);
	return vm_close(&r, vmstat_forks_run(&r));
}
