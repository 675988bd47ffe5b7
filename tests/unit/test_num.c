/*
 * num: strict decimal against a bound. Digits only (no sign, no blank, no
 * base prefix), leading zeros accepted, the bound met exactly and missed by
 * one, overflow of unsigned long, and num_scan stopping at a non-digit.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tend/num.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	const char	*in;
	unsigned long	 max;
	unsigned long	 want;
} good[] = {
	{ "0", 0, 0 },
	{ "0", 255, 0 },
	{ "1", 1, 1 },
	{ "9", 9, 9 },
	{ "01", 255, 1 },		/* leading zeros are digits too */
	{ "00", 0, 0 },
	{ "007", 7, 7 },
	{ "0000000000000000000000000000042", 42, 42 },
	{ "255", 255, 255 },		/* the bound itself */
	{ "254", 255, 254 },
	{ "64", 64, 64 },
	{ "2147483647", 0x7fffffff, 0x7fffffff },
	{ "4294967295", 4294967295UL, 4294967295UL },
	{ "18446744073709551615", ULONG_MAX, ULONG_MAX },
	{ "18446744073709551614", ULONG_MAX, ULONG_MAX - 1 },
	{ "1844674407370955161", ULONG_MAX, ULONG_MAX / 10 },
};

static const struct {
	const char	*in;
	unsigned long	 max;
} bad[] = {
	{ "", 255 },
	{ "+1", 255 },
	{ "-1", 255 },
	{ "-0", 255 },
	{ " 1", 255 },
	{ "1 ", 255 },
	{ "\t1", 255 },
	{ "1\n", 255 },
	{ "0x1", 255 },
	{ "1e3", 9999 },
	{ "1.0", 255 },
	{ "15x", 255 },
	{ "x", 255 },
	{ "256", 255 },			/* the bound plus one */
	{ "1000", 255 },
	{ "2550", 255 },
	{ "65", 64 },
	{ "2147483648", 0x7fffffff },
	{ "4294967296", 4294967295UL },
	{ "18446744073709551616", ULONG_MAX },	/* overflows unsigned long */
	{ "18446744073709551620", ULONG_MAX },
	{ "99999999999999999999", ULONG_MAX },
	{ "184467440737095516150", ULONG_MAX },
	{ "999999999999999999999999999999", ULONG_MAX },
	{ "00000000000000000000000000000256", 255 },
};

/*
 * A bound below 9: a single digit can be larger than the bound itself
 * (opts and signame pass 9 and up today, but the contract is any max).
 */
static const struct {
	const char	*in;
	unsigned long	 max;
} bad_small_max[] = {
	{ "1", 0 },
	{ "9", 0 },
	{ "2", 1 },
	{ "6", 5 },
	{ "9", 8 },
	{ "17", 5 },
	{ "10", 1 },
};

static void
test_good(void **state)
{
	unsigned long v;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(good); i++) {
		v = 12345;
		if (num_parse(good[i].in, good[i].max, &v) != 0)
			fail_msg("num_parse(\"%s\", %lu) failed", good[i].in,
			    good[i].max);
		if (v != good[i].want)
			fail_msg("num_parse(\"%s\", %lu) = %lu, want %lu",
			    good[i].in, good[i].max, v, good[i].want);
	}
}

static void
test_bad(void **state)
{
	unsigned long v;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(bad); i++) {
		v = 12345;
		if (num_parse(bad[i].in, bad[i].max, &v) != -1)
			fail_msg("num_parse(\"%s\", %lu) accepted: %lu",
			    bad[i].in, bad[i].max, v);
	}
}

static void
test_bad_small_max(void **state)
{
	unsigned long v;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(bad_small_max); i++) {
		v = 12345;
		if (num_parse(bad_small_max[i].in, bad_small_max[i].max,
		    &v) != -1)
			fail_msg("num_parse(\"%s\", %lu) accepted: %lu",
			    bad_small_max[i].in, bad_small_max[i].max, v);
	}
}

/* Every bound 0..300: n <= max passes, max + 1 does not. */
static void
test_every_small_bound(void **state)
{
	char in[32];
	unsigned long max, n, v;

	(void)state;
	for (max = 0; max <= 300; max++) {
		for (n = 0; n <= max + 1; n++) {
			snprintf(in, sizeof(in), "%lu", n);
			if (n <= max) {
				if (num_parse(in, max, &v) != 0 || v != n)
					fail_msg("\"%s\" <= %lu refused", in,
					    max);
			} else if (num_parse(in, max, &v) != -1)
				fail_msg("\"%s\" > %lu accepted: %lu", in, max,
				    v);
		}
	}
}

/* The top of unsigned long, each bound near it: v, v + 1 (as text). */
static void
test_near_ulong_max(void **state)
{
	static const unsigned long max[] = { ULONG_MAX, ULONG_MAX - 1,
	    ULONG_MAX - 5, ULONG_MAX - 6, ULONG_MAX / 10,
	    ULONG_MAX / 10 + 1, ULONG_MAX / 10 - 1, (unsigned long)LONG_MAX };
	char in[32], over[40];
	unsigned long v;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(max); i++) {
		snprintf(in, sizeof(in), "%lu", max[i]);
		if (num_parse(in, max[i], &v) != 0 || v != max[i])
			fail_msg("\"%s\" at its own bound refused", in);
		if (max[i] != ULONG_MAX) {
			snprintf(over, sizeof(over), "%lu", max[i] + 1);
			if (num_parse(over, max[i], &v) != -1)
				fail_msg("\"%s\" > %lu accepted", over, max[i]);
		}
		/* one more digit: ten times as big, or past unsigned long */
		snprintf(over, sizeof(over), "%s0", in);
		if (max[i] > ULONG_MAX / 10) {
			if (num_parse(over, ULONG_MAX, &v) != -1)
				fail_msg("\"%s\" overflowed into %lu", over,
				    v);
		} else if (num_parse(over, ULONG_MAX, &v) != 0 ||
		    v != max[i] * 10)
			fail_msg("\"%s\" refused or wrong", over);
	}
}

static const struct {
	const char	*in;
	unsigned long	 max;
	int		 ret;
	unsigned long	 want;
	size_t		 used;		/* how far *s moved */
} scan[] = {
	{ "123abc", 255, 0, 123, 3 },
	{ "0", 255, 0, 0, 1 },
	{ "7", 255, 0, 7, 1 },
	{ "12 34", 255, 0, 12, 2 },
	{ "12-3", 255, 0, 12, 2 },
	{ "99/", 255, 0, 99, 2 },	/* '/' is '0' - 1 */
	{ "99:", 255, 0, 99, 2 },	/* ':' is '9' + 1 */
	{ "007)", 255, 0, 7, 3 },
	{ "255 (x)", 255, 0, 255, 3 },
	{ "256 (x)", 255, -1, 0, 0 },
	{ "abc", 255, -1, 0, 0 },
	{ "", 255, -1, 0, 0 },
	{ " 1", 255, -1, 0, 0 },
	{ "+1", 255, -1, 0, 0 },
	{ "-1", 255, -1, 0, 0 },
	{ "99999999999999999999 ", ULONG_MAX, -1, 0, 0 },
};

static void
test_scan(void **state)
{
	const char *s;
	unsigned long v;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(scan); i++) {
		s = scan[i].in;
		v = 12345;
		if (num_scan(&s, scan[i].max, &v) != scan[i].ret)
			fail_msg("num_scan(\"%s\", %lu) != %d", scan[i].in,
			    scan[i].max, scan[i].ret);
		if (scan[i].ret == 0 && v != scan[i].want)
			fail_msg("num_scan(\"%s\") = %lu, want %lu",
			    scan[i].in, v, scan[i].want);
		if (scan[i].ret != 0 && v != 12345)
			fail_msg("num_scan(\"%s\") wrote %lu on error",
			    scan[i].in, v);
		if ((size_t)(s - scan[i].in) != scan[i].used)
			fail_msg("num_scan(\"%s\") moved %zu, want %zu",
			    scan[i].in, (size_t)(s - scan[i].in),
			    scan[i].used);
	}
}

/* Scanning on from where the last number ended: "1:22:333". */
static void
test_scan_chain(void **state)
{
	const char *s = "1:22:333";
	unsigned long a, b, c;

	(void)state;
	assert_int_equal(num_scan(&s, 9, &a), 0);
	assert_int_equal(a, 1);
	assert_int_equal(*s, ':');
	s++;
	assert_int_equal(num_scan(&s, 99, &b), 0);
	assert_int_equal(b, 22);
	assert_int_equal(*s, ':');
	s++;
	assert_int_equal(num_scan(&s, 999, &c), 0);
	assert_int_equal(c, 333);
	assert_int_equal(*s, '\0');
	assert_int_equal(num_scan(&s, 999, &c), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_bad_small_max),
		cmocka_unit_test(test_every_small_bound),
		cmocka_unit_test(test_near_ulong_max),
		cmocka_unit_test(test_scan),
		cmocka_unit_test(test_scan_chain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
