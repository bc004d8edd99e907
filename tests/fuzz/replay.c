/* replay.c — a plain main() for a harness: make check runs every parser harness without clang.
 *
 *   replay-NAME [FILE|DIR]...   default: $top_srcdir/tests/fuzz/corpus/NAME
 *
 * Each seed file is fed whole, then mutated the ways that break parsers most often: cut at every byte
 * (a file read while the kernel was still writing it, or a short read), each line left out, each line
 * start dropped, bytes overwritten with separators, digits, NUL and 0xff at spread-out places, and the
 * seed glued to itself (the same zone or key twice).  Deterministic: the same seeds always give the same
 * inputs.  Exit 0, or 99 when no seed could be read (the harness aborts on its own failures). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "util.h"

static unsigned long ninputs;

static void feed(const uint8_t *d, size_t n)
{
	/* a private copy: the harness sees exactly n readable bytes, as under libFuzzer (ASan catches reads
	 * past them) */
	uint8_t *c = xmalloc(n ? n : 1);

	if (n)
		memcpy(c, d, n);
	fz_replay_input = c;
	fz_replay_len = n;
	LLVMFuzzerTestOneInput(c, n);
	fz_replay_input = NULL;
	free(c);
	ninputs++;
}

static void mutate(const uint8_t *d, size_t n)
{
	static const uint8_t repl[] = { '\n', ' ', ':', ',', '-', '=', '0', '9', '\0', 0xff, '(', '\t' };
	uint8_t *buf = xmalloc(2 * n + 1);
	size_t stride = n > 16384 ? n / 16384 : 1;
	uint32_t rng = 2463534242u;

	feed(d, n);
	/* every prefix */
	for (size_t k = 0; k < n; k += stride)
		feed(d, k);
	/* each line left out, and each line's first byte dropped */
	for (size_t a = 0; a < n;) {
		const uint8_t *nl = memchr(d + a, '\n', n - a);
		size_t b = nl ? (size_t)(nl - d) + 1 : n;

		memcpy(buf, d, a);
		memcpy(buf + a, d + b, n - b);
		feed(buf, n - (b - a));
		memcpy(buf, d, n);
		memmove(buf + a, buf + a + 1, n - a - 1);
		feed(buf, n - 1);
		a = b;
	}
	/* overwritten bytes */
	for (int i = 0; n && i < 512; i++) {
		size_t at;

		rng ^= rng << 13;
		rng ^= rng >> 17;
		rng ^= rng << 5;
		at = rng % n;
		memcpy(buf, d, n);
		buf[at] = repl[(rng >> 8) % sizeof repl];
		feed(buf, n);
	}
	/* twice in a row */
	memcpy(buf, d, n);
	memcpy(buf + n, d, n);
	feed(buf, 2 * n);
	free(buf);
}

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *d = NULL;
	size_t n = 0, cap = 0, r;

	if (!f) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	do {
		xgrow((void **)&d, &cap, n + 65536, 1);
		r = fread(d + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	fclose(f);
	mutate(d, n);
	free(d);
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Returns the number of seeds run, -1 on an unreadable path. */
static int run_path(const char *path)
{
	struct stat st;
	DIR *dir;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;
	int seeds = 0;

	if (stat(path, &st) < 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path) < 0 ? -1 : 1;
	if (!(dir = opendir(path)))
		return -1;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		xgrow((void **)&names, &cap, n + 1, sizeof *names);
		names[n] = xmalloc(strlen(path) + strlen(de->d_name) + 2);
		sprintf(names[n++], "%s/%s", path, de->d_name);
	}
	closedir(dir);
	qsort(names, n, sizeof *names, cmp_names);
	for (size_t i = 0; i < n; i++) {
		if (run_file(names[i]) == 0)
			seeds++;
		free(names[i]);
	}
	free(names);
	return seeds;
}

int main(int argc, char **argv)
{
	int seeds = 0;

	if (argc > 1) {
		for (int i = 1; i < argc; i++) {
			int r = run_path(argv[i]);

			if (r < 0)
				return 99;
			seeds += r;
		}
	} else {
		const char *top = getenv("top_srcdir");
		char dir[4096];

		snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus/%s", top && *top ? top : ".", fuzz_name);
		if ((seeds = run_path(dir)) < 0)
			return 99;
	}
	if (seeds == 0) {
		fprintf(stderr, "replay %s: no seed files\n", fuzz_name);
		return 99;
	}
	printf("replay %s: %d seeds, %lu inputs, every promise kept\n", fuzz_name, seeds, ninputs);
	return 0;
}
