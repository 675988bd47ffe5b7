/*
 * duration: Go-style units, a bare number as seconds, and the edges: empty,
 * signs, unknown units, trailing garbage, DURATION_MAX_MS and overflow.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tend/duration.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define SEC	((int64_t)1000)
#define MIN	(60 * SEC)
#define HOUR	(60 * MIN)
#define DAY	(24 * HOUR)

static const struct {
	const char	*in;
	int64_t		 ms;
} good[] = {
	{ "0", 0 },
	{ "0s", 0 },
	{ "0ms", 0 },
	{ "1ms", 1 },
	{ "250ms", 250 },
	{ "5s", 5 * SEC },
	{ "5", 5 * SEC },		/* bare: seconds */
	{ "1.5", 1500 },
	{ "1.5s", 1500 },
	{ ".5s", 500 },
	{ "1.001s", 1001 },
	{ "1.5m", 90 * SEC },
	{ "1m30s", 90 * SEC },
	{ "1m", MIN },
	{ "2h", 2 * HOUR },
	{ "1d", DAY },
	{ "1h1m1s1ms", HOUR + MIN + SEC + 1 },
	{ "1s1s", 2 * SEC },
	{ "007s", 7 * SEC },
	/* the ceiling, reached every way */
	{ "30d", DURATION_MAX_MS },
	{ "720h", DURATION_MAX_MS },
	{ "43200m", DURATION_MAX_MS },
	{ "2592000s", DURATION_MAX_MS },
	{ "2592000", DURATION_MAX_MS },
	{ "2592000000ms", DURATION_MAX_MS },
	{ "29d23h59m59s999ms", DURATION_MAX_MS - 1 },
	{ "29d23h59m59s1000ms", DURATION_MAX_MS },
	{ "29.5d12h", DURATION_MAX_MS },
};

static const char *const bad[] = {
	"",
	"-1s",
	"-0",
	"+5s",
	"5x",
	"5S",
	"5sec",
	"s",
	"ms",
	"h",
	".",
	".s",
	"1s5",		/* a bare number only on its own */
	"1m30",
	"5s ",
	" 5s",
	"5 s",
	"1..5s",
	"5.5.5s",
	"1s-1s",
	"0x10s",
	"5sms",
	"1e3ms",
	/* past the ceiling */
	"31d",
	"30d1ms",
	"30.5d",
	"721h",
	"2592001s",
	"2592001",
	"2592000001ms",
	"29d23h59m59s1001ms",
	"99999999999999999999s",
	"99999999999999999999",
	"9223372036854775807ms",
	"18446744073709551616ms",
};

static void
test_good(void **state)
{
	char err[128];
	int64_t ms;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(good); i++) {
		err[0] = '\0';
		ms = -1;
		if (duration_parse(good[i].in, &ms, err, sizeof(err)) != 0)
			fail_msg("duration_parse(\"%s\") failed: %s",
			    good[i].in, err);
		if (ms != good[i].ms)
			fail_msg("duration_parse(\"%s\") = %lld ms, want %lld",
			    good[i].in, (long long)ms, (long long)good[i].ms);
	}
}

static void
test_bad(void **state)
{
	char err[256], quoted[64];
	int64_t ms;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(bad); i++) {
		err[0] = '\0';
		ms = -7;
		if (duration_parse(bad[i], &ms, err, sizeof(err)) != -1)
			fail_msg("duration_parse(\"%s\") accepted: %lld ms",
			    bad[i], (long long)ms);
		if (ms != -7)
			fail_msg("duration_parse(\"%s\") wrote %lld on error",
			    bad[i], (long long)ms);
		snprintf(quoted, sizeof(quoted), "'%s'", bad[i]);
		if (strstr(err, quoted) == NULL)
			fail_msg("duration_parse(\"%s\"): \"%s\" lacks %s",
			    bad[i], err, quoted);
	}
}

/* Every value up to the ceiling in ms fits; one more does not. */
static void
test_ceiling_each_unit(void **state)
{
	static const struct {
		const char	*unit;
		int64_t		 ms;
	} u[] = {
		{ "ms", 1 }, { "s", SEC }, { "m", MIN }, { "h", HOUR },
		{ "d", DAY },
	};
	char in[64], err[128];
	int64_t ms, n;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(u); i++) {
		n = DURATION_MAX_MS / u[i].ms;
		snprintf(in, sizeof(in), "%lld%s", (long long)n, u[i].unit);
		if (duration_parse(in, &ms, err, sizeof(err)) != 0)
			fail_msg("\"%s\" failed: %s", in, err);
		assert_int_equal(ms, n * u[i].ms);
		snprintf(in, sizeof(in), "%lld%s", (long long)n + 1,
		    u[i].unit);
		if (duration_parse(in, &ms, err, sizeof(err)) != -1)
			fail_msg("\"%s\" accepted: %lld", in, (long long)ms);
	}
}

/* A tiny error buffer truncates, never overflows (ASan watches). */
static void
test_short_err_buffer(void **state)
{
	char *err;
	int64_t ms;

	(void)state;
	err = test_malloc(4);
	assert_int_equal(duration_parse("5x", &ms, err, 4), -1);
	assert_int_equal(strlen(err), 3);
	test_free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_ceiling_each_unit),
		cmocka_unit_test(test_short_err_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
