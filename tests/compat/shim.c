/* shim.c — an LD_PRELOAD library that lets two programs read the same recorded /proc samples at the same
 * fake instants, so their output can be compared byte for byte (tests/compat/run.sh) or so a program
 * can produce thousands of interval lines without waiting (tests/bench/vmstat-bench.sh).
 *
 * Environment:
 *   ZS_SHIM_EPOCH=SECONDS  fake the clocks: the wall clock starts at SECONDS, the monotonic clocks at a
 *                          fixed point; both advance only by the time the program asks to sleep.
 *                          Unset: the clocks are the real ones (sleeps still return at once).
 *   ZS_SHIM_SNAPS=DIR      at the k-th sleep (k = 1, 2, …), copy every file of DIR/k/ over the file of the
 *                          same name in ZS_SHIM_DEST (in place: same inode, truncated and rewritten,
 *                          because both procps and zonestat keep their /proc files open and re-read
 *                          them).  When DIR/k does not exist the files stay as they are.
 *   ZS_SHIM_DEST=DIR       where the snapshots go (the harness's tmpfs mounted over /proc).
 *
 * procps-ng vmstat 4.0.2 waits with sleep(); glibc's sleep() does not go through the exported
 * nanosleep(), so each entry point counts one step by itself.  libproc2 re-reads some files only when
 * time(NULL) advanced by a second or more, which the fake clock does as long as delays are >= 1 s.
 *
 * This file is built without the project's flags (no sanitizers: an ASan runtime must not be loaded
 * twice) and uses nothing but system calls between the interposed functions. */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static int inited;
static int fake_clock;
static time_t epoch;            /* the fake wall clock at start */
static long long slept_ns;      /* fake time that has passed */
static unsigned long step;      /* sleeps so far */
static const char *snaps, *dest;

/* The monotonic clocks start here (any value works; a round one makes traces easy to read). */
#define MONO_START 100000

static int (*real_clock_gettime)(clockid_t, struct timespec *);

static void init(void)
{
	const char *e;

	if (inited)
		return;
	inited = 1;
	real_clock_gettime = (int (*)(clockid_t, struct timespec *))dlsym(RTLD_NEXT, "clock_gettime");
	e = getenv("ZS_SHIM_EPOCH");
	if (e && *e) {
		fake_clock = 1;
		epoch = (time_t)strtoll(e, NULL, 10);
	}
	snaps = getenv("ZS_SHIM_SNAPS");
	dest = getenv("ZS_SHIM_DEST");
	if (snaps && !*snaps)
		snaps = NULL;
	if (!dest || !*dest)
		dest = "/proc";
}

static void say(const char *a, const char *b)
{
	/* diagnostics only: a harness problem must not pass unnoticed */
	ssize_t r = write(2, "zs-shim: ", 9);

	r = write(2, a, strlen(a));
	r = write(2, b, strlen(b));
	r = write(2, "\n", 1);
	(void)r;
}

/* Rewrite dst in place with the bytes of src. */
static void copy_in_place(const char *src, const char *dst)
{
	char buf[65536];
	int in, out;
	ssize_t n;

	in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		say("cannot open ", src);
		return;
	}
	out = open(dst, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (out < 0) {
		/* the file is absent in this run (a "missing file" case): leave it absent */
		close(in);
		return;
	}
	while ((n = read(in, buf, sizeof buf)) > 0) {
		char *p = buf;

		while (n > 0) {
			ssize_t w = write(out, p, (size_t)n);

			if (w < 0) {
				if (errno == EINTR)
					continue;
				say("cannot write ", dst);
				n = 0;
				break;
			}
			p += w;
			n -= w;
		}
	}
	close(in);
	close(out);
}

static void install_next(void)
{
	char dir[4096], src[4096], dst[4096];
	struct dirent *de;
	DIR *d;

	step++;
	if (!snaps)
		return;
	snprintf(dir, sizeof dir, "%s/%lu", snaps, step);
	d = opendir(dir);
	if (!d)
		return;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(src, sizeof src, "%s/%s", dir, de->d_name);
		snprintf(dst, sizeof dst, "%s/%s", dest, de->d_name);
		copy_in_place(src, dst);
	}
	closedir(d);
}

static void advance(long long ns)
{
	init();
	if (ns > 0)
		slept_ns += ns;
	install_next();
}

unsigned int sleep(unsigned int seconds)
{
	advance((long long)seconds * 1000000000LL);
	return 0;
}

int usleep(useconds_t usec)
{
	advance((long long)usec * 1000LL);
	return 0;
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	if (!req || req->tv_nsec < 0 || req->tv_nsec >= 1000000000L) {
		errno = EINVAL;
		return -1;
	}
	advance((long long)req->tv_sec * 1000000000LL + req->tv_nsec);
	if (rem)
		rem->tv_sec = rem->tv_nsec = 0;
	return 0;
}

int clock_nanosleep(clockid_t id, int flags, const struct timespec *req, struct timespec *rem)
{
	long long ns;

	(void)id;
	if (!req || req->tv_nsec < 0 || req->tv_nsec >= 1000000000L)
		return EINVAL;
	ns = (long long)req->tv_sec * 1000000000LL + req->tv_nsec;
	if (flags & TIMER_ABSTIME) {
		struct timespec now;

		clock_gettime(id, &now);
		ns -= (long long)now.tv_sec * 1000000000LL + now.tv_nsec;
	}
	advance(ns);
	if (rem && !(flags & TIMER_ABSTIME))
		rem->tv_sec = rem->tv_nsec = 0;
	return 0;
}

int clock_gettime(clockid_t id, struct timespec *ts)
{
	long long base;

	init();
	if (!fake_clock || !ts) {
		if (!real_clock_gettime) {
			errno = ENOSYS;
			return -1;
		}
		return real_clock_gettime(id, ts);
	}
	switch (id) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		base = (long long)epoch;
		break;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_BOOTTIME:
		base = MONO_START;
		break;
	default:  /* CPU-time clocks stay real */
		return real_clock_gettime ? real_clock_gettime(id, ts) : -1;
	}
	ts->tv_sec = (time_t)(base + slept_ns / 1000000000LL);
	ts->tv_nsec = (long)(slept_ns % 1000000000LL);
	return 0;
}

int gettimeofday(struct timeval *tv, void *tz)
{
	struct timespec ts;

	(void)tz;
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return -1;
	if (tv) {
		tv->tv_sec = ts.tv_sec;
		tv->tv_usec = ts.tv_nsec / 1000;
	}
	return 0;
}

time_t time(time_t *t)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return (time_t)-1;
	if (t)
		*t = ts.tv_sec;
	return ts.tv_sec;
}
