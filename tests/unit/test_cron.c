/*
 * cron: the five fields at their bounds (0/59, 1/31, 24, 32, 13, 8, 7 as
 * Sunday), steps ("*\/0"), ranges ("5-1", names in both cases), empty
 * items, trailing junk, too few fields, a missing command, the macros and
 * @every; the calendar against glibc's timegm; vixie's day rule; cron_due
 * on clock jumps, wildcard and fixed-time jobs apart when time goes back;
 * and cron_next over month, year and leap-year ends in UTC and over DST
 * days in America/New_York, where it must agree with cron_due called
 * every minute.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "tend/cron.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define B(n)		((uint64_t)1 << (n))
#define R(lo, hi)	((B(hi) << 1) - B(lo))	/* bits lo..hi */
#define ALLMIN		R(0, 59)
#define ALLHOUR		R(0, 23)
#define ALLDOM		R(1, 31)
#define ALLMON		R(1, 12)
#define ALLDOW		R(0, 6)

#define NYC	"/usr/share/zoneinfo/America/New_York"

static const struct {
	const char	*in;
	uint64_t	 minute, hour, dom, month, dow;
	int		 dom_star, dow_star;
	int64_t		 every_ms;
	const char	*rest;
} good[] = {
	{ "* * * * * cmd", ALLMIN, ALLHOUR, ALLDOM, ALLMON, ALLDOW, 1, 1, 0,
	    "cmd" },
	{ "0 0 1 1 0 x", B(0), B(0), B(1), B(1), B(0), 0, 0, 0, "x" },
	{ "59 23 31 12 6 x", B(59), B(23), B(31), B(12), B(6), 0, 0, 0,
	    "x" },
	{ "0,59 0,23 1,31 1,12 0,6 x", B(0) | B(59), B(0) | B(23),
	    B(1) | B(31), B(1) | B(12), B(0) | B(6), 0, 0, 0, "x" },
	{ "00 00 01 01 00 x", B(0), B(0), B(1), B(1), B(0), 0, 0, 0, "x" },
	{ "0-59 0-23 1-31 1-12 0-6 x", ALLMIN, ALLHOUR, ALLDOM, ALLMON,
	    ALLDOW, 0, 0, 0, "x" },
	/* steps */
	{ "*/15 * * * * x", B(0) | B(15) | B(30) | B(45), ALLHOUR, ALLDOM,
	    ALLMON, ALLDOW, 1, 1, 0, "x" },
	{ "5-20/5 */12 * * * x", B(5) | B(10) | B(15) | B(20), B(0) | B(12),
	    ALLDOM, ALLMON, ALLDOW, 1, 1, 0, "x" },
	{ "10/20 3/10 * * * x", B(10) | B(30) | B(50), B(3) | B(13) | B(23),
	    ALLDOM, ALLMON, ALLDOW, 1, 1, 0, "x" },
	{ "*/59 */23 */31 */12 */7 x", B(0) | B(59), B(0) | B(23), B(1),
	    B(1), B(0), 1, 1, 0, "x" },
	{ "*/1 * */2 * * x", ALLMIN, ALLHOUR, 0xaaaaaaaau, ALLMON,
	    ALLDOW, 1, 1, 0, "x" },
	{ "59/1 23/5 31/9 12/1 6/1 x", B(59), B(23), B(31), B(12), B(6), 0,
	    0, 0, "x" },
	{ "1-59/58 * * * * x", B(1) | B(59), ALLHOUR, ALLDOM, ALLMON, ALLDOW,
	    1, 1, 0, "x" },
	{ "*,5 * * * * x", ALLMIN, ALLHOUR, ALLDOM, ALLMON, ALLDOW, 1, 1, 0,
	    "x" },
	{ "1,1,1 * * * * x", B(1), ALLHOUR, ALLDOM, ALLMON, ALLDOW, 1, 1, 0,
	    "x" },
	/* 7 is Sunday, in every form */
	{ "0 0 * * 7 x", B(0), B(0), ALLDOM, ALLMON, B(0), 1, 0, 0, "x" },
	{ "0 0 * * 0-7 x", B(0), B(0), ALLDOM, ALLMON, ALLDOW, 1, 0, 0, "x" },
	{ "0 0 * * 5-7 x", B(0), B(0), ALLDOM, ALLMON, B(5) | B(6) | B(0), 1,
	    0, 0, "x" },
	{ "0 0 * * 7/1 x", B(0), B(0), ALLDOM, ALLMON, B(0), 1, 0, 0, "x" },
	{ "0 0 * * 1/2 x", B(0), B(0), ALLDOM, ALLMON, B(1) | B(3) | B(5), 1,
	    0, 0, "x" },
	/* names, in any case, in ranges and lists */
	{ "0 0 * * mon-fri x", B(0), B(0), ALLDOM, ALLMON, R(1, 5), 1, 0, 0,
	    "x" },
	{ "0 0 * * MON-FRI x", B(0), B(0), ALLDOM, ALLMON, R(1, 5), 1, 0, 0,
	    "x" },
	{ "0 0 * * Mon-fRI x", B(0), B(0), ALLDOM, ALLMON, R(1, 5), 1, 0, 0,
	    "x" },
	{ "0 0 * * sun,SAT x", B(0), B(0), ALLDOM, ALLMON, B(0) | B(6), 1, 0,
	    0, "x" },
	{ "0 0 * * sun-sat/2 x", B(0), B(0), ALLDOM, ALLMON,
	    B(0) | B(2) | B(4) | B(6), 1, 0, 0, "x" },
	{ "0 0 * * tue-5 x", B(0), B(0), ALLDOM, ALLMON, R(2, 5), 1, 0, 0,
	    "x" },
	{ "0 0 1 jan-mar * x", B(0), B(0), B(1), R(1, 3), ALLDOW, 0, 1, 0,
	    "x" },
	{ "0 0 1 JAN,Dec * x", B(0), B(0), B(1), B(1) | B(12), ALLDOW, 0, 1,
	    0, "x" },
	{ "0 0 1 jan-dec/3 * x", B(0), B(0), B(1), B(1) | B(4) | B(7) | B(10),
	    ALLDOW, 0, 1, 0, "x" },
	{ "0 0 1 feb,4-5,Jun * x", B(0), B(0), B(1), B(2) | R(4, 6), ALLDOW,
	    0, 1, 0, "x" },
	/* blanks: spaces and tabs, before, between and after */
	{ "  *\t*  * *\t*   cmd  arg ", ALLMIN, ALLHOUR, ALLDOM, ALLMON,
	    ALLDOW, 1, 1, 0, "cmd  arg " },
	{ "0 0 29 2 * x", B(0), B(0), B(29), B(2), ALLDOW, 0, 1, 0, "x" },
	/* macros */
	{ "@yearly a", B(0), B(0), B(1), B(1), ALLDOW, 0, 1, 0, "a" },
	{ "@annually a", B(0), B(0), B(1), B(1), ALLDOW, 0, 1, 0, "a" },
	{ "@monthly a", B(0), B(0), B(1), ALLMON, ALLDOW, 0, 1, 0, "a" },
	{ "@weekly a", B(0), B(0), ALLDOM, ALLMON, B(0), 1, 0, 0, "a" },
	{ "@daily a", B(0), B(0), ALLDOM, ALLMON, ALLDOW, 1, 1, 0, "a" },
	{ "@midnight a", B(0), B(0), ALLDOM, ALLMON, ALLDOW, 1, 1, 0, "a" },
	{ "@hourly a", B(0), ALLHOUR, ALLDOM, ALLMON, ALLDOW, 1, 1, 0, "a" },
	{ "@DAILY a", B(0), B(0), ALLDOM, ALLMON, ALLDOW, 1, 1, 0, "a" },
	{ "\t@Hourly\ta b", B(0), ALLHOUR, ALLDOM, ALLMON, ALLDOW, 1, 1, 0,
	    "a b" },
	{ "@every 1s a", 0, 0, 0, 0, 0, 0, 0, 1000, "a" },
	{ "@every 1m30s a", 0, 0, 0, 0, 0, 0, 0, 90000, "a" },
	{ "@EVERY\t5m  a", 0, 0, 0, 0, 0, 0, 0, 300000, "a" },
	{ "@every 1ms a", 0, 0, 0, 0, 0, 0, 0, 1, "a" },
	{ "@every 30d a", 0, 0, 0, 0, 0, 0, 0, 30LL * 86400 * 1000, "a" },
};

static const struct {
	const char	*in;
	const char	*err;
} bad[] = {
	{ "", "empty schedule" },
	{ " \t ", "empty schedule" },
	/* too few fields, no command */
	{ "*", "missing hour field" },
	{ "* * * *", "missing day-of-week field" },
	{ "* * * *   ", "missing day-of-week field" },
	{ "* * * * *", "missing command" },
	{ "* * * * *  \t", "missing command" },
	{ "@daily", "missing command" },
	{ "@daily ", "missing command" },
	{ "@every 1s", "missing command" },
	/* past each bound */
	{ "60 * * * * x", "minute field '60': 60 out of range 0-59" },
	{ "* 24 * * * x", "hour field '24': 24 out of range 0-23" },
	{ "* * 32 * * x", "day-of-month field '32': 32 out of range 1-31" },
	{ "* * 0 * * x", "day-of-month field '0': 0 out of range 1-31" },
	{ "* * * 13 * x", "month field '13': 13 out of range 1-12" },
	{ "* * * 0 * x", "month field '0': 0 out of range 1-12" },
	{ "* * * * 8 x", "day-of-week field '8': 8 out of range 0-7" },
	{ "1,60 * * * * x", "minute field '1,60': 60 out of range 0-59" },
	{ "0-60 * * * * x", "minute field '0-60': 60 out of range 0-59" },
	{ "99999999999999999999 * * * * x", "minute field "
	    "'99999999999999999999': 99999999999999999999 out of range 0-59" },
	/* steps */
	{ "*/0 * * * * x", "minute field '*/0': step 0 out of range 1-59" },
	{ "* */0 * * * x", "hour field '*/0': step 0 out of range 1-23" },
	{ "*/60 * * * * x", "minute field '*/60': step 60 out of range 1-59" },
	{ "* * * * */8 x", "day-of-week field '*/8': step 8 out of range 1-7" },
	{ "*/ * * * * x", "minute field '*/': missing step value" },
	{ "*/x * * * * x", "minute field '*/x': bad step value 'x'" },
	{ "* * * */jan * x", "month field '*/jan': bad step value 'jan'" },
	{ "*/-1 * * * * x", "minute field '*/-1': missing step value" },
	/* ranges */
	{ "5-1 * * * * x", "minute field '5-1': range '5-1' goes backwards" },
	{ "0,5-1 * * * * x",
	    "minute field '0,5-1': range '5-1' goes backwards" },
	{ "* * * * fri-mon x",
	    "day-of-week field 'fri-mon': range 'fri-mon' goes backwards" },
	{ "* * * mar-JAN * x",
	    "month field 'mar-JAN': range 'mar-JAN' goes backwards" },
	{ "* * * * 7-1 x",
	    "day-of-week field '7-1': range '7-1' goes backwards" },
	{ "1- * * * * x", "minute field '1-': missing value" },
	{ "-5 * * * * x", "minute field '-5': missing value" },
	/* empty items */
	{ "1,,2 * * * * x", "minute field '1,,2': missing value" },
	{ "1, * * * * x", "minute field '1,': missing value" },
	{ ",1 * * * * x", "minute field ',1': missing value" },
	{ "* * , * * x", "day-of-month field ',': missing value" },
	/* names where they do not belong, or not names */
	{ "mon * * * * x", "minute field 'mon': bad value 'mon'" },
	{ "* * * mon * x", "month field 'mon': bad value 'mon'" },
	{ "* * * * jan x", "day-of-week field 'jan': bad value 'jan'" },
	{ "* * * * monday x",
	    "day-of-week field 'monday': bad value 'monday'" },
	{ "* * * ja * x", "month field 'ja': bad value 'ja'" },
	{ "* * * * cmd", "day-of-week field 'cmd': bad value 'cmd'" },
	/* trailing junk */
	{ "5x * * * * x", "minute field '5x': bad value '5x'" },
	{ "*x * * * * x", "minute field '*x': unexpected 'x'" },
	{ "** * * * * x", "minute field '**': unexpected '*'" },
	{ "1-2-3 * * * * x", "minute field '1-2-3': unexpected '-'" },
	{ "*/5/2 * * * * x", "minute field '*/5/2': unexpected '/'" },
	{ "1;2 * * * * x", "minute field '1;2': unexpected ';'" },
	{ "* * * * *x", "day-of-week field '*x': unexpected 'x'" },
	{ "* * * * 0;x", "day-of-week field '0;x': unexpected ';'" },
	/* macros */
	{ "@sometimes x", "unknown macro '@sometimes'" },
	{ "@ x", "unknown macro '@'" },
	{ "@dailyx x", "unknown macro '@dailyx'" },
	{ "@daily,x x", "unknown macro '@daily,x'" },
	{ "@every", "@every: missing duration" },
	{ "@every \t", "@every: missing duration" },
	{ "@every 0 x", "bad duration '0': must be more than 0" },
	{ "@every 0s x", "bad duration '0s': must be more than 0" },
	{ "@every 0.0001s x", "bad duration '0.0001s': must be more than 0" },
	{ "@every 1x x", "bad duration '1x': unknown unit (use ms, s, m, h or "
	    "d)" },
	{ "@every -1s x", "bad duration '-1s': negative" },
	{ "@every 31d x", "bad duration '31d': too long" },
	{ "@every 0000000000000000000000000000001s x",
	    "bad duration '0000000000000000000000000000001s': too long" },
};

static void
test_parse_good(void **state)
{
	struct cron_spec c;
	const char *rest;
	char err[128];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(good); i++) {
		err[0] = '\0';
		rest = NULL;
		if (cron_parse(good[i].in, &c, &rest, err, sizeof(err)) != 0)
			fail_msg("cron_parse(\"%s\") failed: %s", good[i].in,
			    err);
		if (c.minute != good[i].minute || c.hour != good[i].hour ||
		    c.dom != good[i].dom || c.month != good[i].month ||
		    c.dow != good[i].dow || c.dom_star != good[i].dom_star ||
		    c.dow_star != good[i].dow_star ||
		    c.every_ms != good[i].every_ms)
			fail_msg("cron_parse(\"%s\"): %llx %x %x %x %x %d %d "
			    "%lld", good[i].in, (unsigned long long)c.minute,
			    c.hour, c.dom, c.month, c.dow, c.dom_star,
			    c.dow_star, (long long)c.every_ms);
		assert_string_equal(rest, good[i].rest);
	}
}

static void
test_parse_bad(void **state)
{
	struct cron_spec c, orig;
	const char *rest;
	char err[256];
	size_t i;

	(void)state;
	memset(&orig, 0xa5, sizeof(orig));
	for (i = 0; i < NELEM(bad); i++) {
		err[0] = '\0';
		rest = "untouched";
		c = orig;
		if (cron_parse(bad[i].in, &c, &rest, err, sizeof(err)) != -1)
			fail_msg("cron_parse(\"%s\") accepted", bad[i].in);
		if (strcmp(err, bad[i].err) != 0)
			fail_msg("cron_parse(\"%s\"): \"%s\", want \"%s\"",
			    bad[i].in, err, bad[i].err);
		if (memcmp(&c, &orig, sizeof(c)) != 0 ||
		    strcmp(rest, "untouched") != 0)
			fail_msg("cron_parse(\"%s\") wrote on error",
			    bad[i].in);
	}
}

/* A tiny error buffer truncates, never overflows (ASan watches). */
static void
test_short_err_buffer(void **state)
{
	struct cron_spec c;
	const char *rest;
	char *err;
	size_t n;

	(void)state;
	for (n = 1; n < 40; n += 3) {
		err = test_malloc(n);
		assert_int_equal(cron_parse("60 * * * * x", &c, &rest, err, n),
		    -1);
		assert_int_equal(strlen(err), n - 1);
		assert_int_equal(cron_parse("@every 1x x", &c, &rest, err, n),
		    -1);
		assert_int_equal(strlen(err), n - 1);
		test_free(err);
	}
}

static int64_t
utc(int y, int mo, int d, int h, int mi)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	return (int64_t)timegm(&tm);
}

/* The calendar agrees with glibc's, every day from 1600 to 2500. */
static void
test_calendar(void **state)
{
	int64_t t, lm;
	struct tm tm;
	time_t tt;
	int y, mo, d, h, mi, wd;

	(void)state;
	assert_int_equal(cron_local_min(1970, 1, 1, 0, 0), 0);
	assert_int_equal(cron_local_min(1969, 12, 31, 23, 59), -1);
	cron_fields(-1, &y, &mo, &d, &h, &mi, &wd);
	assert_true(y == 1969 && mo == 12 && d == 31 && h == 23 && mi == 59 &&
	    wd == 3);
	cron_fields(cron_local_min(2000, 2, 29, 12, 0), &y, &mo, &d, &h, &mi,
	    &wd);
	assert_true(y == 2000 && mo == 2 && d == 29 && wd == 2);
	cron_fields(cron_local_min(2100, 2, 28, 0, 0) + 1440, &y, &mo, &d, &h,
	    &mi, &wd);
	assert_true(y == 2100 && mo == 3 && d == 1);
	/* 37 h 1 min steps cross every hour and minute over the years */
	for (t = utc(1600, 1, 1, 0, 0); t < utc(2500, 1, 1, 0, 0);
	    t += 37 * 3600 + 60) {
		tt = (time_t)t;
		gmtime_r(&tt, &tm);
		lm = cron_local_min(tm.tm_year + 1900, tm.tm_mon + 1,
		    tm.tm_mday, tm.tm_hour, tm.tm_min);
		if (lm * 60 != t)
			fail_msg("cron_local_min at %lld: %lld", (long long)t,
			    (long long)lm);
		cron_fields(lm, &y, &mo, &d, &h, &mi, &wd);
		if (y != tm.tm_year + 1900 || mo != tm.tm_mon + 1 ||
		    d != tm.tm_mday || h != tm.tm_hour || mi != tm.tm_min ||
		    wd != tm.tm_wday)
			fail_msg("cron_fields(%lld): %d-%d-%d %d:%d wday %d",
			    (long long)lm, y, mo, d, h, mi, wd);
	}
}

/* Vixie cron's day rule: both day fields restricted, either matches. */
static void
test_match(void **state)
{
	static const struct {
		const char	*spec;
		int		 y, mo, d, h, mi;
		int		 want;
	} t[] = {
		/* 2026-02-13 is a Friday, 2026-02-06 too */
		{ "0 0 13 * 5 x", 2026, 2, 13, 0, 0, 1 },
		{ "0 0 13 * 5 x", 2026, 3, 13, 0, 0, 1 },	/* Fri 13th */
		{ "0 0 13 * 5 x", 2026, 4, 13, 0, 0, 1 },	/* Monday */
		{ "0 0 13 * 5 x", 2026, 2, 6, 0, 0, 1 },
		{ "0 0 13 * 5 x", 2026, 2, 7, 0, 0, 0 },
		{ "0 0 13 * 5 x", 2026, 2, 13, 0, 1, 0 },
		{ "0 0 * * 5 x", 2026, 2, 6, 0, 0, 1 },
		{ "0 0 * * 5 x", 2026, 4, 13, 0, 0, 0 },
		{ "0 0 13 * * x", 2026, 4, 13, 0, 0, 1 },
		{ "0 0 13 * * x", 2026, 2, 6, 0, 0, 0 },
		/* "*\/2" counts as '*': both must match */
		{ "0 0 */2 * 5 x", 2026, 2, 13, 0, 0, 1 },
		{ "0 0 */2 * 5 x", 2026, 2, 6, 0, 0, 0 },
		{ "0 0 */2 * 5 x", 2026, 2, 7, 0, 0, 0 },
		{ "0 0 1 * 7 x", 2026, 3, 1, 0, 0, 1 },	/* a Sunday */
		{ "0 0 1 * 7 x", 2026, 3, 8, 0, 0, 1 },
		{ "0 0 1 * 7 x", 2026, 3, 9, 0, 0, 0 },
		{ "0 0 * 2 * x", 2026, 2, 28, 0, 0, 1 },
		{ "0 0 * 2 * x", 2026, 3, 1, 0, 0, 0 },
		{ "59 23 31 12 * x", 2026, 12, 31, 23, 59, 1 },
		{ "59 23 31 12 * x", 2026, 12, 31, 23, 58, 0 },
		{ "@every 1s x", 2026, 1, 1, 0, 0, 0 },
	};
	struct cron_spec c;
	const char *rest;
	char err[128];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		assert_int_equal(cron_parse(t[i].spec, &c, &rest, err,
		    sizeof(err)), 0);
		if (cron_match(&c, cron_local_min(t[i].y, t[i].mo, t[i].d,
		    t[i].h, t[i].mi)) != t[i].want)
			fail_msg("\"%s\" at %d-%02d-%02d %02d:%02d: want %d",
			    t[i].spec, t[i].y, t[i].mo, t[i].d, t[i].h,
			    t[i].mi, t[i].want);
	}
}

struct due_step {
	int64_t	 lm;	/* minutes after 10:00 */
	int	 want;
	int64_t	 wm;	/* the watermark after */
	int64_t	 back;	/* and how far behind it the last minute handled */
};

static void
due_steps(const char *spec, const struct due_step *t, size_t n)
{
	struct cron_spec c;
	const char *rest;
	char err[128];
	int64_t base = cron_local_min(2026, 1, 1, 10, 0), wm = -1, want;
	size_t i;

	assert_int_equal(cron_parse(spec, &c, &rest, err, sizeof(err)), 0);
	for (i = 0; i < n; i++) {
		if (cron_due(&c, &wm, base + t[i].lm) != t[i].want)
			fail_msg("\"%s\" step %zu (%lld): want %d", spec, i,
			    (long long)t[i].lm, t[i].want);
		want = (base + t[i].wm) | t[i].back << CRON_WM_BACK;
		if (wm != want)
			fail_msg("\"%s\" step %zu: watermark %lld back %lld, "
			    "want %lld back %lld", spec, i,
			    (long long)((wm & (((int64_t)1 << CRON_WM_BACK) -
			    1)) - base), (long long)(wm >> CRON_WM_BACK),
			    (long long)t[i].wm, (long long)t[i].back);
	}
}

/*
 * The watermark, step by step from 10:00: the first call, the same
 * minute, catching up at most CRON_CATCHUP_MIN minutes, landings after
 * longer jumps either way, and steps back of up to CRON_CATCHUP_MIN, where
 * a wildcard job ("0 * * * *": every hour) runs on the wall clock and a
 * fixed-time one ("30 11 * * *") does not, and neither twice in a minute.
 */
static void
test_due(void **state)
{
	static const struct due_step wild[] = {
		{ 0, 0, 0, 0 },		/* first call: only sets it */
		{ 0, 0, 0, 0 },		/* the same minute */
		{ 59, 0, 59, 0 },
		{ 60, 1, 60, 0 },
		{ 30, 0, 60, 30 },	/* back a little: W stays */
		{ 30, 0, 60, 30 },
		{ 45, 0, 60, 15 },
		{ 60, 1, 60, 0 },	/* 11:00 again on the wall clock */
		{ 60, 0, 60, 0 },	/* the same minute */
		{ 59, 0, 60, 1 },
		{ 61, 0, 61, 0 },	/* past W: from W, not from 10:59 */
		{ 241, 1, 241, 0 },	/* +180: 12:00, 13:00 caught up */
		{ 422, 0, 422, 0 },	/* +181: only 17:02 looked at */
		{ 660, 1, 660, 0 },	/* +238, lands on 21:00 */
		{ 300, 1, 300, 0 },	/* -360, lands on 15:00: reset */
		{ 301, 0, 301, 0 },
		{ 360, 1, 360, 0 },
		{ 180, 1, 360, 180 },	/* -180: 13:00 again */
		{ 180, 0, 360, 180 },
		{ 240, 1, 360, 120 },	/* 14:00 again */
		{ 180, 1, 360, 180 },	/* back again: 13:00 once more */
		{ 299, 0, 360, 61 },
		{ 419, 0, 419, 0 },	/* past W: (W, L] only */
		{ 420, 1, 420, 0 },
		{ 239, 0, 239, 0 },	/* -181: reset, 13:59 looked at */
		{ 240, 1, 240, 0 },
		{ 241, 0, 241, 0 },
	};
	static const struct due_step fixed[] = {
		{ 0, 0, 0, 0 },
		{ 90, 1, 90, 0 },	/* 11:30, caught up */
		{ 100, 0, 100, 0 },
		{ 80, 0, 100, 20 },	/* back 20 minutes */
		{ 90, 0, 100, 10 },	/* 11:30 again: not run again */
		{ 90, 0, 100, 10 },
		{ 100, 0, 100, 0 },	/* W itself */
		{ 101, 0, 101, 0 },
		{ -79, 0, 101, 180 },	/* -180: still a repeat */
		{ 90, 0, 101, 11 },
		{ 102, 0, 102, 0 },
		{ -79, 0, -79, 0 },	/* -181: reset to 08:41 */
		{ 90, 1, 90, 0 },	/* +169: 11:30 caught up, again */
		{ 90, 0, 90, 0 },
	};
	struct cron_spec c;
	const char *rest;
	char err[128];
	int64_t wm;

	(void)state;
	due_steps("0 * * * * x", wild, NELEM(wild));
	due_steps("30 11 * * * x", fixed, NELEM(fixed));
	/* any negative watermark is "none yet", even on a match */
	assert_int_equal(cron_parse("0 * * * * x", &c, &rest, err,
	    sizeof(err)), 0);
	wm = -5;
	assert_false(cron_due(&c, &wm, cron_local_min(2026, 1, 1, 10, 0)));
	assert_int_equal(wm, cron_local_min(2026, 1, 1, 10, 0));
}

static int64_t
utc_local(int64_t t, void *ctx)
{
	(void)ctx;
	return t / 60;
}

/* cron_next in UTC, across month, year and leap-year ends. */
static void
test_next_utc(void **state)
{
	static const struct {
		const char	*spec;
		int		 y, mo, d, h, mi, s;	/* after */
		int		 limit;
		int		 wy, wmo, wd, wh, wmi;	/* 0: none */
	} t[] = {
		{ "* * * * * x", 2026, 1, 1, 0, 0, 0, 1, 2026, 1, 1, 0, 1 },
		{ "* * * * * x", 2026, 1, 1, 0, 0, 59, 1, 2026, 1, 1, 0, 1 },
		{ "* * * * * x", 2026, 12, 31, 23, 59, 30, 1, 2027, 1, 1, 0,
		    0 },
		{ "0 0 1 1 * x", 2025, 12, 31, 23, 59, 0, 1, 2026, 1, 1, 0, 0 },
		{ "0 0 1 1 * x", 2026, 1, 1, 0, 0, 0, 1, 2027, 1, 1, 0, 0 },
		{ "59 23 31 12 * x", 2026, 1, 1, 0, 0, 0, 1, 2026, 12, 31, 23,
		    59 },
		{ "59 23 31 12 * x", 2026, 12, 31, 23, 59, 0, 1, 2027, 12, 31,
		    23, 59 },
		{ "0 0 1 * * x", 2026, 1, 31, 12, 0, 0, 1, 2026, 2, 1, 0, 0 },
		{ "0 0 31 * * x", 2026, 1, 31, 0, 0, 0, 1, 2026, 3, 31, 0, 0 },
		{ "0 0 31 * * x", 2026, 7, 31, 0, 0, 0, 1, 2026, 8, 31, 0, 0 },
		{ "*/15 * * * * x", 2026, 12, 31, 23, 59, 0, 1, 2027, 1, 1, 0,
		    0 },
		{ "0 12 * * * x", 2026, 2, 28, 12, 0, 0, 1, 2026, 3, 1, 12, 0 },
		{ "0 12 * * * x", 2028, 2, 28, 12, 0, 0, 1, 2028, 2, 29, 12,
		    0 },
		/* Feb 29: leap years only, 2000 is one and 2100 is not */
		{ "0 0 29 2 * x", 2026, 1, 1, 0, 0, 0, 4, 2028, 2, 29, 0, 0 },
		{ "0 0 29 2 * x", 2028, 2, 29, 0, 0, 0, 4, 2032, 2, 29, 0, 0 },
		{ "0 0 29 2 * x", 1999, 3, 1, 0, 0, 0, 4, 2000, 2, 29, 0, 0 },
		{ "0 0 29 2 * x", 2096, 3, 1, 0, 0, 0, 8, 2104, 2, 29, 0, 0 },
		{ "0 0 29 2 * x", 2096, 3, 1, 0, 0, 0, 7, 0, 0, 0, 0, 0 },
		{ "0 0 29 2 * x", 2026, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0 },
		{ "0 0 30 2 * x", 2026, 1, 1, 0, 0, 0, 5, 0, 0, 0, 0, 0 },
		/* day names; 2026-03-01 is a Sunday */
		{ "0 0 * * 1 x", 2026, 3, 1, 0, 0, 0, 1, 2026, 3, 2, 0, 0 },
		{ "0 9 * * mon-fri x", 2026, 2, 27, 9, 0, 0, 1, 2026, 3, 2, 9,
		    0 },
		{ "0 0 * * 7 x", 2026, 3, 1, 0, 0, 0, 1, 2026, 3, 8, 0, 0 },
		/* either day field: Friday 2026-04-03, Monday the 13th */
		{ "0 0 13 * fri x", 2026, 4, 1, 0, 0, 0, 1, 2026, 4, 3, 0, 0 },
		{ "0 0 13 * fri x", 2026, 4, 10, 0, 0, 0, 1, 2026, 4, 13, 0,
		    0 },
		{ "@every 1s x", 2026, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0 },
		{ "* * * * * x", 2026, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
	};
	struct cron_spec c;
	const char *rest;
	char err[128];
	int64_t got, want;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		assert_int_equal(cron_parse(t[i].spec, &c, &rest, err,
		    sizeof(err)), 0);
		want = t[i].wy == 0 ? -1 : utc(t[i].wy, t[i].wmo, t[i].wd,
		    t[i].wh, t[i].wmi);
		got = cron_next(&c, utc(t[i].y, t[i].mo, t[i].d, t[i].h,
		    t[i].mi) + t[i].s, utc_local, NULL, t[i].limit);
		if (got != want)
			fail_msg("%zu \"%s\": %lld, want %lld", i, t[i].spec,
			    (long long)got, (long long)want);
	}
}

/* cron_next is the first minute cron_match gives, however it leaps. */
static void
test_next_brute(void **state)
{
	static const char *const specs[] = {
		"* * * * * x", "17 * * * * x", "0 3 * * * x", "*/7 1-3 * * * x",
		"0 0 1 * * x", "30 12 * * sat,sun x", "0 0 13 * fri x",
		"59 23 * 2 * x", "5 4 */3 * mon x", "0 22 28-31 * * x",
	};
	struct cron_spec c;
	const char *rest;
	char err[128];
	int64_t after, got, lm;
	size_t i;
	int k;

	(void)state;
	for (i = 0; i < NELEM(specs); i++) {
		assert_int_equal(cron_parse(specs[i], &c, &rest, err,
		    sizeof(err)), 0);
		after = utc(2026, 1, 30, 22, 13);
		for (k = 0; k < 20; k++) {
			got = cron_next(&c, after, utc_local, NULL, 1);
			assert_true(got > after && got % 60 == 0);
			for (lm = after / 60 + 1; lm < got / 60; lm++)
				if (cron_match(&c, lm))
					fail_msg("\"%s\": %lld skipped",
					    specs[i], (long long)lm);
			assert_true(cron_match(&c, got / 60));
			after = got + 7 * 86400 + 3917;
		}
	}
}

static int
nyc_setup(void **state)
{
	(void)state;
	if (access(NYC, R_OK) != 0)
		return 0;
	setenv("TZ", "America/New_York", 1);
	tzset();
	return 0;
}

static int64_t
nyc_local(int64_t t, void *ctx)
{
	time_t tt = (time_t)t;
	struct tm tm;

	(void)ctx;
	localtime_r(&tt, &tm);
	return cron_local_min(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	    tm.tm_hour, tm.tm_min);
}

/*
 * 2026-03-08 02:00 EST -> 03:00 EDT; 2026-11-01 02:00 EDT -> 01:00 EST,
 * where the wildcard jobs run again on the wall clock, and the fixed-time
 * ones do not.
 */
static void
test_next_dst(void **state)
{
	static const struct {
		const char	*spec;
		int		 y, mo, d, h, mi;	/* after, UTC */
		int		 want[6][3];		/* d h mi UTC, or 0 */
	} t[] = {
		/* 02:30 EST; 03:00 EDT, the first minute after the gap */
		{ "30 2 * * * x", 2026, 3, 7, 0, 0,
		    { { 7, 7, 30 }, { 8, 7, 0 }, { 9, 6, 30 },
		    { 10, 6, 30 } } },
		/* 01:30 EDT, not again at 01:30 EST, then 01:30 EST */
		{ "30 1 * * * x", 2026, 10, 31, 0, 0,
		    { { 31, 5, 30 }, { 1, 5, 30 }, { 2, 6, 30 },
		    { 3, 6, 30 } } },
		/* 01:45 EDT; 01:00, 01:15, 01:30, 01:45 EST; 02:00 EST */
		{ "*/15 * * * * x", 2026, 11, 1, 5, 30,
		    { { 1, 5, 45 }, { 1, 6, 0 }, { 1, 6, 15 }, { 1, 6, 30 },
		    { 1, 6, 45 }, { 1, 7, 0 } } },
		{ "0 * * * * x", 2026, 3, 8, 5, 30,
		    { { 8, 6, 0 }, { 8, 7, 0 }, { 8, 8, 0 }, { 8, 9, 0 } } },
		/* 01:00 EDT, 01:00 EST, 02:00 EST */
		{ "0 * * * * x", 2026, 11, 1, 4, 30,
		    { { 1, 5, 0 }, { 1, 6, 0 }, { 1, 7, 0 }, { 1, 8, 0 } } },
		/* every minute of the hour, both times, to 01:59 EST */
		{ "* 1 * * * x", 2026, 11, 1, 5, 58,
		    { { 1, 5, 59 }, { 1, 6, 0 }, { 1, 6, 1 } } },
		{ "* 1 * * * x", 2026, 11, 1, 6, 58,
		    { { 1, 6, 59 }, { 2, 6, 0 } } },
	};
	struct cron_spec c;
	const char *rest;
	char err[128];
	int64_t after, got, want;
	size_t i, k;
	int mo;

	(void)state;
	if (access(NYC, R_OK) != 0)
		skip();
	for (i = 0; i < NELEM(t); i++) {
		assert_int_equal(cron_parse(t[i].spec, &c, &rest, err,
		    sizeof(err)), 0);
		after = utc(t[i].y, t[i].mo, t[i].d, t[i].h, t[i].mi);
		for (k = 0; k < 6 && t[i].want[k][0] != 0; k++) {
			/* a day before the after day is in the next month */
			mo = t[i].want[k][0] < t[i].d ? t[i].mo + 1 : t[i].mo;
			want = utc(t[i].y, mo, t[i].want[k][0],
			    t[i].want[k][1], t[i].want[k][2]);
			got = cron_next(&c, after, nyc_local, NULL, 1);
			if (got != want)
				fail_msg("\"%s\" #%zu: %lld, want %lld",
				    t[i].spec, k, (long long)got,
				    (long long)want);
			after = got;
		}
	}
}

/*
 * Around both changes, cron_due called every minute (twice: the second
 * call never due) gives what cron_next chained from one run to the next
 * gives. A fixed-time job runs at no local minute twice; a wildcard job
 * runs at no UTC minute twice, and over the fall-back, where it follows
 * the wall clock, exactly where it matches.
 */
static void
test_due_dst(void **state)
{
	static const char *const specs[] = {
		"30 2 * * * x", "30 1 * * * x", "*/15 * * * * x", "0 * * * * x",
		"* * * * * x", "59 1 * * * x", "0 2 * * * x", "0 3 * * * x",
		"15 2 8 3 * x", "0 0 * * 0 x", "*/7 1-3 * * * x", "0 1 * * * x",
		/* wildcards by one field: the last minute of the span too */
		"* 1 * * * x", "59 * * * * x",
		/* a day shorter than 1440 minutes: no leap over it */
		"30 0 * * mon x", "45 23 * * sun,mon x",
	};
	static const int days[][3] = { { 2026, 3, 6 }, { 2026, 10, 30 } };
	struct cron_spec c;
	const char *rest;
	char err[128];
	int64_t t, from, to, wm, next, last, lm;
	size_t i, j;
	int n, wild, first, due;

	(void)state;
	if (access(NYC, R_OK) != 0)
		skip();
	for (i = 0; i < NELEM(specs); i++) {
		assert_int_equal(cron_parse(specs[i], &c, &rest, err,
		    sizeof(err)), 0);
		wild = c.minute == ALLMIN || c.hour == ALLHOUR;
		n = 0;
		for (j = 0; j < NELEM(days); j++) {
			from = utc(days[j][0], days[j][1], days[j][2], 0, 0);
			to = from + 4 * 86400;
			wm = -1;
			last = -1;
			next = from;
			for (t = from; t < to; t += 60) {
				lm = nyc_local(t, NULL);
				first = wm < 0;
				due = cron_due(&c, &wm, lm);
				if (cron_due(&c, &wm, lm))
					fail_msg("\"%s\": due twice at %lld",
					    specs[i], (long long)t);
				if (wild && j == 1 && !first &&
				    due != cron_match(&c, lm))
					fail_msg("\"%s\": at %lld not on the "
					    "wall clock", specs[i],
					    (long long)t);
				if (!due)
					continue;
				next = cron_next(&c, next, nyc_local, NULL, 1);
				if (next != t)
					fail_msg("\"%s\": due at %lld, next "
					    "%lld", specs[i], (long long)t,
					    (long long)next);
				if (wild ? t <= last : lm <= last)
					fail_msg("\"%s\": %s %lld again",
					    specs[i], wild ? "UTC" : "local",
					    (long long)(wild ? t : lm));
				last = wild ? t : lm;
				n++;
			}
			assert_true(cron_next(&c, next, nyc_local, NULL, 1) >=
			    to);
		}
		assert_true(n > 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_good),
		cmocka_unit_test(test_parse_bad),
		cmocka_unit_test(test_short_err_buffer),
		cmocka_unit_test(test_calendar),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_due),
		cmocka_unit_test(test_next_utc),
		cmocka_unit_test(test_next_brute),
		cmocka_unit_test(test_next_dst),
		cmocka_unit_test(test_due_dst),
	};

	return cmocka_run_group_tests(tests, nyc_setup, NULL);
}
