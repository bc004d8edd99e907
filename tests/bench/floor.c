/* floor.c — the measuring helper of tests/bench/vmstat-bench.sh.
 *
 *   floor pread N FILE…     open the files once, pread() each of them N times from offset 0 (what a
 *                           monitor that reads those files N times cannot do with less), and print the
 *                           CPU seconds that took: "user sys"
 *   floor run [-o OUT] CMD [ARG…]
 *                           run CMD once and print its "user sys maxrss_kib wall" (from wait4)
 *   floor repeat N [-o OUT] CMD…
 *                           run CMD N times one after the other; print the totals "user sys maxrss_kib
 *                           wall" (maxrss is the largest of the runs)
 *
 * Times are seconds with microsecond resolution.  The children write their stdout to OUT (default
 * /dev/null), their stderr to the helper's. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double tv_sec(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned long parse_count(const char *s)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(s, &end, 10);
	if (errno || end == s || *end || n == 0) {
		fprintf(stderr, "floor: bad count '%s'\n", s);
		exit(2);
	}
	return n;
}

static int do_pread(unsigned long n, int nfiles, char **files)
{
	static char buf[1 << 16];
	struct rusage ru;
	int fd[64];

	if (nfiles > 64) {
		fprintf(stderr, "floor: at most 64 files\n");
		return 2;
	}
	for (int i = 0; i < nfiles; i++) {
		fd[i] = open(files[i], O_RDONLY | O_CLOEXEC);
		if (fd[i] < 0) {
			fprintf(stderr, "floor: %s: %s\n", files[i], strerror(errno));
			return 2;
		}
	}
	for (unsigned long k = 0; k < n; k++) {
		for (int i = 0; i < nfiles; i++) {
			/* the whole file, as a reader must: until pread returns 0 */
			off_t off = 0;
			ssize_t r;

			while ((r = pread(fd[i], buf, sizeof buf, off)) > 0)
				off += r;
			if (r < 0) {
				fprintf(stderr, "floor: %s: %s\n", files[i], strerror(errno));
				return 2;
			}
		}
	}
	getrusage(RUSAGE_SELF, &ru);
	printf("%.6f %.6f\n", tv_sec(ru.ru_utime), tv_sec(ru.ru_stime));
	return 0;
}

/* Run argv once; add its times to the totals, keep the largest maxrss.  Returns its wait status. */
static const char *out_path = "/dev/null";

static int run_once(char **argv, double *user, double *sys, long *maxrss)
{
	struct rusage ru;
	pid_t pid;
	int st;

	pid = fork();
	if (pid < 0) {
		perror("floor: fork");
		exit(2);
	}
	if (pid == 0) {
		int fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

		if (fd < 0 || dup2(fd, 1) < 0) {
			fprintf(stderr, "floor: %s: %s\n", out_path, strerror(errno));
			_exit(127);
		}
		execvp(argv[0], argv);
		fprintf(stderr, "floor: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &st, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("floor: wait4");
			exit(2);
		}
	}
	*user += tv_sec(ru.ru_utime);
	*sys += tv_sec(ru.ru_stime);
	if (ru.ru_maxrss > *maxrss)
		*maxrss = ru.ru_maxrss;
	return st;
}

static int do_run(unsigned long n, char **argv)
{
	double user = 0, sys = 0, t0 = now();
	long maxrss = 0;

	for (unsigned long k = 0; k < n; k++) {
		int st = run_once(argv, &user, &sys, &maxrss);

		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			fprintf(stderr, "floor: %s failed (status %d)\n", argv[0],
				WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
			return 1;
		}
	}
	printf("%.6f %.6f %ld %.6f\n", user, sys, maxrss, now() - t0);
	return 0;
}

/* An optional "-o FILE" before the command. */
static char **take_out(char **argv)
{
	if (argv[0] && strcmp(argv[0], "-o") == 0 && argv[1]) {
		out_path = argv[1];
		argv += 2;
	}
	if (!argv[0]) {
		fprintf(stderr, "floor: no command\n");
		exit(2);
	}
	return argv;
}

int main(int argc, char **argv)
{
	if (argc >= 4 && strcmp(argv[1], "pread") == 0)
		return do_pread(parse_count(argv[2]), argc - 3, argv + 3);
	if (argc >= 3 && strcmp(argv[1], "run") == 0)
		return do_run(1, take_out(argv + 2));
	if (argc >= 4 && strcmp(argv[1], "repeat") == 0)
		return do_run(parse_count(argv[2]), take_out(argv + 3));
	fprintf(stderr, "usage: floor pread N FILE... | floor run CMD... | floor repeat N CMD...\n");
	return 2;
}
