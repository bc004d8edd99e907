/* sat.h — saturating 64-bit arithmetic for numbers read from the kernel's files.  A damaged or hostile
 * file can hold any value; the checks and sums built on them stay defined and monotone (a sum that would
 * pass INT64_MAX stays there) instead of overflowing. */
#ifndef ZS_SAT_H
#define ZS_SAT_H

#include <stdint.h>

static inline int64_t sat_add(int64_t a, int64_t b)
{
	int64_t r;

	if (__builtin_add_overflow(a, b, &r))
		return a < 0 ? INT64_MIN : INT64_MAX;
	return r;
}

static inline int64_t sat_sub(int64_t a, int64_t b)
{
	int64_t r;

	if (__builtin_sub_overflow(a, b, &r))
		return a < 0 ? INT64_MIN : INT64_MAX;
	return r;
}

static inline int64_t sat_mul(int64_t a, int64_t b)
{
	int64_t r;

	if (__builtin_mul_overflow(a, b, &r))
		return (a < 0) != (b < 0) ? INT64_MIN : INT64_MAX;
	return r;
}

/* An unsigned count as a signed one: INT64_MAX beyond it. */
static inline int64_t sat_of_u64(uint64_t u)
{
	return u > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)u;
}

/* Unsigned counts (free blocks of an order, their pages): UINT64_MAX beyond 64 bits. */
static inline uint64_t sat_ushl(uint64_t n, int k)
{
	return n > (UINT64_MAX >> k) ? UINT64_MAX : n << k;
}

static inline uint64_t sat_uadd(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/* |a - b| for any pair (llabs of the difference can overflow twice). */
static inline uint64_t sat_dist(int64_t a, int64_t b)
{
	return a >= b ? (uint64_t)a - (uint64_t)b : (uint64_t)b - (uint64_t)a;
}

/* Is a within tol of b?  A negative tolerance holds nothing. */
static inline int sat_within(int64_t a, int64_t b, int64_t tol)
{
	return tol >= 0 && sat_dist(a, b) <= (uint64_t)tol;
}

#endif
