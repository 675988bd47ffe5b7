/* fmt: the small formatter behind every message tend prints. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tend/fmt.h"

static void
test_conversions(void **state)
{
	char buf[128], ref[128];
	size_t n;

	(void)state;
	n = fmt_s(buf, sizeof(buf), "a %s b %d c %c d %% e %.*s", "str", -42,
	    'x', 3, "abcdef");
	snprintf(ref, sizeof(ref), "a %s b %d c %c d %% e %.*s", "str", -42,
	    'x', 3, "abcdef");
	assert_string_equal(buf, ref);
	assert_int_equal(n, strlen(ref));
}

static void
test_int_boundaries(void **state)
{
	static const int v[] = { 0, 1, -1, 9, 10, 99, 100, INT_MAX, INT_MIN,
	    INT_MIN + 1, 65535, -65536 };
	char buf[32], ref[32];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		fmt_s(buf, sizeof(buf), "%d", v[i]);
		snprintf(ref, sizeof(ref), "%d", v[i]);
		assert_string_equal(buf, ref);
	}
}

static void
test_truncation(void **state)
{
	char buf[8];
	size_t n;

	(void)state;
	memset(buf, 'Z', sizeof(buf));
	n = fmt_s(buf, sizeof(buf), "%s", "0123456789");
	assert_int_equal(n, 7);
	assert_string_equal(buf, "0123456");
	n = fmt_s(buf, sizeof(buf), "ab%dcd", 123456);
	assert_int_equal(n, 7);
	assert_string_equal(buf, "ab12345");
	n = fmt_s(buf, 1, "%s", "x");
	assert_int_equal(n, 0);
	assert_string_equal(buf, "");
	buf[0] = 'Q';
	n = fmt_s(buf, 0, "%s", "x");
	assert_int_equal(n, 0);
	assert_int_equal(buf[0], 'Q');
}

static void
test_precision_and_odd_input(void **state)
{
	char buf[64];

	(void)state;
	fmt_s(buf, sizeof(buf), "[%.*s]", 0, "abc");
	assert_string_equal(buf, "[]");
	fmt_s(buf, sizeof(buf), "[%.*s]", 10, "abc");
	assert_string_equal(buf, "[abc]");
	{
		/* through a volatile: the compiler must not see the NULL */
		const char *volatile nul = NULL;

		fmt_s(buf, sizeof(buf), "[%s]", nul);
		assert_string_equal(buf, "[(null)]");
	}
	fmt_s(buf, sizeof(buf), "%s", "");
	assert_string_equal(buf, "");
	fmt_s(buf, sizeof(buf), "plain");
	assert_string_equal(buf, "plain");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conversions),
		cmocka_unit_test(test_int_boundaries),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_precision_and_odd_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
