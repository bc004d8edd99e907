/* fuzz-util.c — input copies, the "parsers never print" guard, failures and multi-file snapshots. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "util.h"

char *fz_text(const uint8_t *data, size_t size)
{
	char *t = xmalloc(size + 1);

	if (size)
		memcpy(t, data, size);
	t[size] = '\0';
	return t;
}

/* stdio goes to one temporary file, descriptor 1 to another: the sanitizers' reports use descriptor 2,
 * which is left alone so that a crash inside the guard is still reported. */
static FILE *sink_stdio, *real_stdout, *real_stderr;
static int sink_fd1 = -1, saved_fd1 = -1;

void fz_quiet_begin(void)
{
	if (!sink_stdio) {
		FILE *f = tmpfile();

		if (!f || !(sink_stdio = tmpfile())) {
			perror("fuzz: tmpfile");
			abort();
		}
		sink_fd1 = fileno(f);   /* f stays open for the whole run */
	}
	fflush(stdout);
	fflush(stderr);
	real_stdout = stdout;
	real_stderr = stderr;
	stdout = sink_stdio;
	stderr = sink_stdio;
	saved_fd1 = dup(1);
	dup2(sink_fd1, 1);
}

void fz_quiet_end(const char *what)
{
	long n1, n2;

	fflush(sink_stdio);
	n1 = ftell(sink_stdio);
	n2 = (long)lseek(sink_fd1, 0, SEEK_CUR);
	stdout = real_stdout;
	stderr = real_stderr;
	dup2(saved_fd1, 1);
	close(saved_fd1);
	if (n1 > 0 || n2 > 0) {
		char buf[200] = "";

		rewind(sink_stdio);
		buf[fread(buf, 1, sizeof buf - 1, sink_stdio)] = '\0';
		fprintf(stderr, "fuzz: %s printed %ld bytes on stdio and %ld on fd 1 (parsers never print): %s\n",
			what, n1, n2, buf);
		abort();
	}
}

const uint8_t *fz_replay_input;
size_t fz_replay_len;

void fz_fail(const char *file, int line, const char *cond, const char *fmt, ...)
{
	va_list ap;

	if (sink_stdio && stderr == sink_stdio) {   /* a check inside fz_quiet_begin/end */
		stdout = real_stdout;
		stderr = real_stderr;
	}
	fprintf(stderr, "fuzz: %s:%d: broken promise: %s: ", file, line, cond);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (fz_replay_input) {
		char path[128];
		FILE *f;

		snprintf(path, sizeof path, "fuzz-failure-%s", fuzz_name);
		if ((f = fopen(path, "wb"))) {
			fwrite(fz_replay_input, 1, fz_replay_len, f);
			fclose(f);
			fprintf(stderr, "fuzz: the input is in %s (replay it: replay-%s %s)\n", path, fuzz_name, path);
		}
	}
	abort();
}

static void set_file(struct snapshot *s, const char *path, size_t plen, const char *text, size_t len)
{
	char name[128];

	if (plen == 0 || plen >= sizeof name)
		return;
	memcpy(name, path, plen);
	name[plen] = '\0';
	for (int i = 0; i < SNAP_NFILES; i++)
		if (strcmp(snap_file_path[i], name) == 0) {
			snapshot_set(s, (enum snap_file)i, text, len);
			return;
		}
	snapshot_set_extra(s, name, text, len);
}

void fz_snapshot(struct snapshot *s, const char *text, size_t len, const char *prefix)
{
	const char *p = text, *end = text + len;
	size_t pl = prefix ? strlen(prefix) : 0;

	/* find "== " at a line start */
	while (p < end) {
		const char *hdr_end, *body, *next;

		if (!(end - p >= 3 && memcmp(p, "== ", 3) == 0 && (p == text || p[-1] == '\n'))) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));

			p = nl ? nl + 1 : end;
			continue;
		}
		hdr_end = memchr(p, '\n', (size_t)(end - p));
		if (!hdr_end)
			return;
		body = hdr_end + 1;
		/* the body ends before the next "\n== " */
		for (next = body; next < end; next++)
			if (end - next >= 3 && memcmp(next, "== ", 3) == 0 && (next == body || next[-1] == '\n'))
				break;
		p += 3;
		if (!prefix)
			set_file(s, p, (size_t)(hdr_end - p), body, (size_t)(next - body));
		else if ((size_t)(hdr_end - p) > pl && memcmp(p, prefix, pl) == 0 && p[pl] == '/')
			set_file(s, p + pl + 1, (size_t)(hdr_end - p) - pl - 1, body, (size_t)(next - body));
		p = next;
	}
}

int fz_has_line_start(const char *text, size_t tlen, const char *line, size_t len, const char *after)
{
	const char *p = text, *end = text + tlen;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));

		if (!eol)
			eol = end;
		if ((size_t)(eol - p) >= len && memcmp(p, line, len) == 0 &&
		    (!after || p + len == eol || (p[len] && strchr(after, p[len]))))
			return 1;
		p = eol + 1;
	}
	return 0;
}
