/*
 * tz: the offset against glibc's localtime_r for zones of the system's
 * tzdata, 1901 to 2100 (past 2037, the footer's rule) and at each
 * change to the second; POSIX TZ strings (J, n and M rules, times past
 * 24h and negative, quoted names, the default rule), strings refused;
 * TZif v1 and footers empty or missing, built by hand; and every
 * truncation and many corruptions of a real file, in buffers of their
 * exact size (ASan: never a byte outside).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "tend/tz.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define T1901	((int64_t)-2145916800)	/* 1902-01-01: after INT32_MIN */
#define T1971	((int64_t)31536000)
#define T2100	((int64_t)4102444800)
#define STEP	37041				/* ~10 h, drifting */

/* A file whole, in a buffer of its exact size; NULL if absent. */
static unsigned char *
slurp(const char *name, size_t *len)
{
	char path[256];
	unsigned char *b;
	FILE *f;
	long n;

	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", name);
	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	b = malloc(n > 0 ? (size_t)n : 1);
	assert_non_null(b);
	assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return b;
}

static long
glibc_off(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	assert_non_null(localtime_r(&tt, &tm));
	return tm.tm_gmtoff;
}

static void
same(const struct tz *tz, const char *what, int64_t t)
{
	long want = glibc_off(t), got = tz_offset(tz, t);

	if (got != want)
		fail_msg("%s at %lld: %ld, glibc %ld", what, (long long)t, got,
		    want);
}

/*
 * tz against glibc (TZ set): sampled, and at each change glibc shows
 * between two samples, to the second on both sides. The changes after
 * 2037 are counted.
 */
static int
against_glibc(const struct tz *tz, const char *what, int64_t from)
{
	int64_t t, lo, hi, mid;
	long prev = glibc_off(from), now;
	int changes = 0;

	same(tz, what, from);
	for (t = from + STEP; t < T2100; t += STEP) {
		same(tz, what, t);
		if ((now = glibc_off(t)) == prev)
			continue;
		for (lo = t - STEP, hi = t; hi - lo > 1; )
			if (glibc_off(mid = lo + (hi - lo) / 2) == prev)
				lo = mid;
			else
				hi = mid;
		same(tz, what, lo);
		same(tz, what, hi);
		prev = now;
		changes += t > 2153000000;
	}
	return changes;
}

static void
setzone(const char *tzenv)
{
	setenv("TZ", tzenv, 1);
	tzset();
}

static const char *const zones[] = {
	"America/New_York",
	"Europe/London",
	"Australia/Lord_Howe",		/* 30-minute DST */
	"Asia/Kathmandu",		/* +05:45 */
	"Pacific/Chatham",		/* +12:45/+13:45 */
	"America/Sao_Paulo",		/* southern DST, ended 2019 */
	"UTC",
	"Europe/Dublin",		/* negative DST in winter */
	"Africa/Casablanca",		/* Ramadan changes, listed to 2087 */
	"Asia/Jerusalem",		/* v3: M3.4.4/26 */
	"America/Nuuk",			/* v3: M3.5.0/-2 */
	"Antarctica/Troll",		/* +00/+02 */
};

static void
test_zones(void **state)
{
	struct tz tz;
	unsigned char *b;
	size_t i, len, tested = 0;

	(void)state;
	for (i = 0; i < NELEM(zones); i++) {
		if ((b = slurp(zones[i], &len)) == NULL)
			continue;
		if (tz_parse_file(&tz, b, len) != 0)
			fail_msg("%s: refused", zones[i]);
		setzone(zones[i]);
		/* a zone with DST after 2037 changes there by its footer */
		if (against_glibc(&tz, zones[i], T1901) < (tz.dst ? 2 * 60 :
		    0))
			fail_msg("%s: too few changes after 2038", zones[i]);
		free(b);
		tested++;
	}
	if (tested == 0)
		skip();
}

static const struct {
	const char	*tz;
	const char	*glibc;		/* the same zone for glibc */
} posix[] = {
	{ "EST5EDT,M3.2.0,M11.1.0", NULL },
	{ "EST5EDT", "EST5EDT,M3.2.0,M11.1.0" },	/* the default */
	{ "EST5EDT4", "EST5EDT4,M3.2.0,M11.1.0" },
	{ "<-05>+5<-04>,M3.2.0/2:00:00,M11.1.0/02",
	    "EST5EDT,M3.2.0,M11.1.0" },
	{ "<+0545>-5:45", NULL },
	{ "JST-9", NULL },
	{ "UTC0", NULL },
	{ "<+14>-14", NULL },
	{ "XXX-5:30:15", NULL },
	{ "CET-1CEST,M3.5.0,M10.5.0/3", NULL },
	{ "IST-2IDT,M3.4.4/26,M10.5.0", NULL },
	{ "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1", NULL },
	{ "NZST-12NZDT,M9.5.0,M4.1.0/3", NULL },
	{ "AEST-10AEDT,M10.1.0,M4.1.0/3", NULL },
	{ "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", NULL },
	{ "<A B>5<x$y>,M3.2.0,M11.1.0", "AAA5BBB,M3.2.0,M11.1.0" }, /* musl */
	{ "EST5EDT,J60/2,J300", NULL },
	{ "EST5EDT,J1/0,J365/23", NULL },
	{ "EST5EDT,59,299/-1", NULL },
	{ "EST5EDT,0/0,365/23", NULL },
	{ "EST5EDT,0/0,J365/25", NULL },		/* DST all year */
	{ "ABC3DEF,M1.1.0/0,M12.5.6/167", NULL },
	{ "ABC-3DEF,M2.5.0/-167,M3.1.1/24", NULL },
	{ "IST-1GMT0,M10.5.0,M3.5.0/1", NULL },		/* Dublin's */
	{ "GMT0IST,M3.5.0/1,M10.5.0", NULL },
};

/* The Gregorian calendar repeats every 400 years, and so does a rule. */
static void
periodic(const struct tz *tz, const char *what, int64_t t)
{
	int64_t p = (int64_t)146097 * 86400;

	if (tz_offset(tz, t) != tz_offset(tz, t + p))
		fail_msg("%s at %lld: %ld, 400 years on %ld", what,
		    (long long)t, (long)tz_offset(tz, t),
		    (long)tz_offset(tz, t + p));
}

/*
 * glibc puts a rule's changes before 1971 in 1970 (compute_change): up
 * to 1970, a rule is checked against itself 400 years on, at each New
 * Year (a second either side: the rule of the UTC year applies).
 */
static void
test_posix(void **state)
{
	struct tm tm;
	struct tz tz;
	int64_t t;
	size_t i;
	int y;

	(void)state;
	for (i = 0; i < NELEM(posix); i++) {
		if (tz_parse_rule(&tz, posix[i].tz) != 0)
			fail_msg("\"%s\": refused", posix[i].tz);
		setzone(posix[i].glibc ? posix[i].glibc : posix[i].tz);
		(void)against_glibc(&tz, posix[i].tz, T1971);
		for (t = T1901; t < T1971; t += STEP)
			periodic(&tz, posix[i].tz, t);
		for (y = 1902; y <= 1971; y++) {
			memset(&tm, 0, sizeof(tm));
			tm.tm_year = y - 1900;
			tm.tm_mday = 1;
			t = (int64_t)timegm(&tm);
			periodic(&tz, posix[i].tz, t - 1);
			periodic(&tz, posix[i].tz, t);
		}
	}
}

static void
test_posix_fields(void **state)
{
	struct tz tz;

	(void)state;
	assert_int_equal(tz_parse_rule(&tz, "<+0545>-5:45"), 0);
	assert_false(tz.dst);
	assert_int_equal(tz.std_off, 5 * 3600 + 45 * 60);
	assert_int_equal(tz_parse_rule(&tz, "EST+5EDT"), 0);
	assert_true(tz.dst);
	assert_int_equal(tz.std_off, -5 * 3600);
	assert_int_equal(tz.dst_off, -4 * 3600);
	assert_int_equal(tz.r[0].kind, 'M');
	assert_int_equal(tz.r[0].mwd[0], 3);
	assert_int_equal(tz.r[0].mwd[1], 2);
	assert_int_equal(tz.r[0].mwd[2], 0);
	assert_int_equal(tz.r[0].time, 7200);
	assert_int_equal(tz.r[1].mwd[0], 11);
	assert_int_equal(tz.r[1].mwd[1], 1);
	assert_int_equal(tz.r[1].mwd[2], 0);
	assert_int_equal(tz_parse_rule(&tz, "A-1B,J1/-167:59:59,0/167"), -1);
	assert_int_equal(tz_parse_rule(&tz, "AAA-1BBB,J1/-167:59:59,0/167"),
	    0);
	assert_int_equal(tz.r[0].kind, 'J');
	assert_int_equal(tz.r[0].day, 1);
	assert_int_equal(tz.r[0].time, -(167 * 3600 + 59 * 60 + 59));
	assert_int_equal(tz.r[1].kind, 0);
	assert_int_equal(tz.r[1].day, 0);
	assert_int_equal(tz.r[1].time, 167 * 3600);
	/* a zeroed struct is UTC */
	memset(&tz, 0, sizeof(tz));
	assert_int_equal(tz_offset(&tz, 1750000000), 0);
	assert_int_equal(tz_offset(&tz, INT64_MIN), 0);
	assert_int_equal(tz_offset(&tz, INT64_MAX), 0);
}

static const char *const posix_bad[] = {
	"", "EST", "ES5", "E5", "<ES>5", "<EST5", "<EST\n>5", "5", "-5",
	":EST5EDT", "EST25", "EST-25", "EST5:60", "EST5:00:60", "EST5:",
	"EST5:00:00:00", "EST+", "EST5EDT25", "EST5EDT,", "EST5EDT,M3.2.0",
	"EST5EDT,M3.2.0,", "EST5EDT,M13.1.0,M11.1.0", "EST5EDT,M0.1.0,M1.1.0",
	"EST5EDT,M3.6.0,M11.1.0", "EST5EDT,M3.0.0,M11.1.0",
	"EST5EDT,M3.1.7,M11.1.0", "EST5EDT,M3.1,M11.1.0",
	"EST5EDT,M3..1.0,M11.1.0", "EST5EDT,J0,J1", "EST5EDT,J366,J1",
	"EST5EDT,366,1", "EST5EDT,-1,1", "EST5EDT,1/168,2",
	"EST5EDT,1/-168,2", "EST5EDT,1/,2", "EST5EDT,M3.2.0,M11.1.0,",
	"EST5EDT,M3.2.0,M11.1.0x", "EST5EDT,M3.2.0,M11.1.0/2:", "EST5 ",
	"EST5\n", "EST99999999999999999999", "EST5EDT,99999999999,1",
	"America/New_York", "EST5EDT,M3.2.0,M11.1.0\n",
};

static void
test_posix_bad(void **state)
{
	struct tz tz;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(posix_bad); i++)
		if (tz_parse_rule(&tz, posix_bad[i]) != -1)
			fail_msg("\"%s\": accepted", posix_bad[i]);
}

/* Big-endian n-byte v at p; p moved past it. */
static void
put(unsigned char **p, int64_t v, int n)
{
	int i;

	for (i = n - 1; i >= 0; i--)
		*(*p)++ = (unsigned char)((uint64_t)v >> (8 * i));
}

/*
 * A TZif file: version v ('\0', '2', '3'); transitions at t[] to types
 * idx[]; types of offsets off[] (isdst dst[]); the footer as given
 * (NULL: none), after the v2 data.
 */
static size_t
mkfile(unsigned char *buf, char v, const int64_t *t, const unsigned char *idx,
    int n, const int32_t *off, const unsigned char *dst, int nt,
    const char *footer)
{
	unsigned char *p = buf;
	int pass, i, sz;

	for (pass = 0; pass < (v ? 2 : 1); pass++) {
		sz = pass ? 8 : 4;
		memcpy(p, "TZif", 4);
		p[4] = (unsigned char)v;
		memset(p + 5, 0, 15);
		p += 20;
		put(&p, 0, 4);		/* isutcnt */
		put(&p, 0, 4);		/* isstdcnt */
		put(&p, 0, 4);		/* leapcnt */
		put(&p, n, 4);
		put(&p, nt, 4);
		put(&p, 4, 4);		/* charcnt */
		for (i = 0; i < n; i++)
			put(&p, t[i], sz);
		for (i = 0; i < n; i++)
			*p++ = idx[i];
		for (i = 0; i < nt; i++) {
			put(&p, off[i], 4);
			*p++ = dst[i];
			*p++ = 0;
		}
		memcpy(p, "ABC", 4);
		p += 4;
	}
	if (v && footer != NULL) {
		memcpy(p, footer, strlen(footer));
		p += strlen(footer);
	}
	return (size_t)(p - buf);
}

static void
test_built(void **state)
{
	static const int64_t t[] = { -1000, 0, 1000 };
	static const unsigned char idx[] = { 2, 1, 0 };
	static const int32_t off[] = { 3600, 7200, -1800 };
	static const unsigned char dst[] = { 1, 0, 0 };
	unsigned char buf[512], *b;
	struct tz tz;
	size_t len;

	(void)state;
	/* v1: before the first, the first standard type; then each */
	len = mkfile(buf, '\0', t, idx, 3, off, dst, 3, NULL);
	b = malloc(len);
	memcpy(b, buf, len);
	assert_int_equal(tz_parse_file(&tz, b, len), 0);
	assert_int_equal(tz.tsize, 4);
	assert_int_equal(tz_offset(&tz, -1001), 7200);
	assert_int_equal(tz_offset(&tz, -1000), -1800);
	assert_int_equal(tz_offset(&tz, -1), -1800);
	assert_int_equal(tz_offset(&tz, 0), 7200);
	assert_int_equal(tz_offset(&tz, 999), 7200);
	assert_int_equal(tz_offset(&tz, 1000), 3600);
	assert_int_equal(tz_offset(&tz, INT64_MAX), 3600);
	assert_int_equal(tz_offset(&tz, INT64_MIN), 7200);
	free(b);
	/* v2 without a footer, and with an empty one: the last type */
	len = mkfile(buf, '2', t, idx, 3, off, dst, 3, NULL);
	assert_int_equal(tz_parse_file(&tz, buf, len), 0);
	assert_int_equal(tz.tsize, 8);
	assert_int_equal(tz_offset(&tz, 5000), 3600);
	len = mkfile(buf, '2', t, idx, 3, off, dst, 3, "\n\n");
	assert_int_equal(tz_parse_file(&tz, buf, len), 0);
	assert_int_equal(tz_offset(&tz, 5000), 3600);
	/* with a rule: from the last transition on */
	len = mkfile(buf, '3', t, idx, 3, off, dst, 3, "\n<+04>-4\n");
	assert_int_equal(tz_parse_file(&tz, buf, len), 0);
	assert_int_equal(tz_offset(&tz, 999), 7200);
	assert_int_equal(tz_offset(&tz, 1000), 4 * 3600);
	/* no transitions: the rule throughout */
	len = mkfile(buf, '2', t, idx, 0, off, dst, 1, "\nXXX-2\n");
	assert_int_equal(tz_parse_file(&tz, buf, len), 0);
	assert_int_equal(tz_offset(&tz, -5000), 7200);
	/* all types DST: type 0 before the first */
	len = mkfile(buf, '\0', t, (const unsigned char *)"\0\0\0", 3, off,
	    (const unsigned char *)"\1", 1, NULL);
	assert_int_equal(tz_parse_file(&tz, buf, len), 0);
	assert_int_equal(tz_offset(&tz, -2000), 3600);
	/* refused: no types, a type index out of range, a bad footer */
	len = mkfile(buf, '2', t, idx, 0, off, dst, 0, "\n\n");
	assert_int_equal(tz_parse_file(&tz, buf, len), -1);
	len = mkfile(buf, '2', t, idx, 3, off, dst, 2, "\n\n");
	assert_int_equal(tz_parse_file(&tz, buf, len), -1);
	len = mkfile(buf, '2', t, idx, 3, off, dst, 3, "\nXXX\n");
	assert_int_equal(tz_parse_file(&tz, buf, len), -1);
	len = mkfile(buf, '2', t, idx, 3, off, dst, 3, "\nXXX-2\nx");
	assert_int_equal(tz_parse_file(&tz, buf, len), -1);
	len = mkfile(buf, '2', t, idx, 3, off, dst, 3, "xXXX-2\n");
	assert_int_equal(tz_parse_file(&tz, buf, len), -1);
	len = mkfile(buf, '2', t, idx, 3, off, dst, 3, "\nXXX-2\nYYY-3\n");
	assert_int_equal(tz_parse_file(&tz, buf, len), -1);
	buf[0] = 't';
	assert_int_equal(tz_parse_file(&tz, buf, len), -1);
}

/* Parsed or refused, never a byte outside: each instant's offset sane. */
static void
probe(const unsigned char *data, size_t len)
{
	static const int64_t at[] = {
		INT64_MIN, -5000000000LL, T1901, -1, 0, 1750000000, T2100,
		INT64_MAX,
	};
	unsigned char *b = malloc(len > 0 ? len : 1);
	struct tz tz;
	size_t i;

	assert_non_null(b);
	memcpy(b, data, len);
	if (tz_parse_file(&tz, b, len) == 0)
		for (i = 0; i < NELEM(at); i++)
			(void)tz_offset(&tz, at[i]);
	free(b);
}

static void
test_truncated(void **state)
{
	static const char *const names[] = {
		"America/New_York", "Asia/Jerusalem", "UTC",
	};
	unsigned char *b, *c;
	struct tz tz;
	size_t i, n, len, k, ok;
	uint32_t r = 12345;

	(void)state;
	for (i = 0; i < NELEM(names); i++) {
		if ((b = slurp(names[i], &len)) == NULL)
			continue;
		for (n = 0, ok = 0; n <= len; n++) {
			probe(b, n);
			c = malloc(n > 0 ? n : 1);
			memcpy(c, b, n);
			ok += tz_parse_file(&tz, c, n) == 0;
			free(c);
		}
		/* the whole file, and the v1 part alone (version 0) */
		assert_true(ok >= 1);
		/* corruptions: a few bytes changed at random */
		c = malloc(len);
		for (n = 0; n < 3000; n++) {
			memcpy(c, b, len);
			for (k = 0; k < 1 + n % 4; k++) {
				r = r * 1103515245 + 12345;
				c[(r >> 8) % len] = (unsigned char)(r >> 24);
			}
			probe(c, len);
		}
		free(c);
		free(b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zones),
		cmocka_unit_test(test_posix),
		cmocka_unit_test(test_posix_fields),
		cmocka_unit_test(test_posix_bad),
		cmocka_unit_test(test_built),
		cmocka_unit_test(test_truncated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
