/*
 * envfile: Docker's --env-file lines. Blank and comment lines skipped,
 * leading blanks dropped, KEY=VALUE with the value exactly as written
 * ('=' in it, quotes, trailing blanks; a last '\r' dropped, as Docker
 * does), KEY alone with trailing blanks dropped, a BOM; errors for an empty name, blanks in the name
 * (the message shows the name, never the value) and NUL bytes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tend/envfile.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	const char	*in;
	int		 kind;
	const char	*key;
	const char	*val;		/* ENVF_SET only */
} good[] = {
	{ "", ENVF_SKIP, NULL, NULL },
	{ " ", ENVF_SKIP, NULL, NULL },
	{ " \t \r", ENVF_SKIP, NULL, NULL },
	{ "#", ENVF_SKIP, NULL, NULL },
	{ "# KEY=VALUE", ENVF_SKIP, NULL, NULL },
	{ "   # indented comment", ENVF_SKIP, NULL, NULL },
	{ "#KEY", ENVF_SKIP, NULL, NULL },
	{ "KEY=VALUE", ENVF_SET, "KEY", "VALUE" },
	{ "KEY=", ENVF_SET, "KEY", "" },
	{ "  \tKEY=v", ENVF_SET, "KEY", "v" },
	{ "KEY=a=b==c", ENVF_SET, "KEY", "a=b==c" },
	{ "KEY=\"quoted\"", ENVF_SET, "KEY", "\"quoted\"" },
	{ "KEY='single'", ENVF_SET, "KEY", "'single'" },
	{ "KEY= lead and trail  ", ENVF_SET, "KEY", " lead and trail  " },
	/* one CR before the end goes, as Go's bufio.ScanLines drops it */
	{ "KEY=crlf\r", ENVF_SET, "KEY", "crlf" },
	{ "KEY=two\r\r", ENVF_SET, "KEY", "two\r" },
	{ "KEY=\rmid", ENVF_SET, "KEY", "\rmid" },
	{ "KEY=# not a comment", ENVF_SET, "KEY", "# not a comment" },
	{ "KEY=${OTHER}", ENVF_SET, "KEY", "${OTHER}" },
	{ "lower.dot-dash=1", ENVF_SET, "lower.dot-dash", "1" },
	{ "K#=1", ENVF_SET, "K#", "1" },
	{ "\xc3\xa9=utf8", ENVF_SET, "\xc3\xa9", "utf8" },
	{ "\xef\xbb\xbfKEY=bom", ENVF_SET, "KEY", "bom" },
	{ "\xef\xbb\xbf  KEY=bom", ENVF_SET, "KEY", "bom" },
	{ "\xef\xbb\xbf", ENVF_SKIP, NULL, NULL },
	{ "\xef\xbb\xbf# c", ENVF_SKIP, NULL, NULL },
	/* not a BOM */
	{ "\xef\xbbKEY=x", ENVF_SET, "\xef\xbbKEY", "x" },
	{ "KEY", ENVF_INHERIT, "KEY", NULL },
	{ "  KEY", ENVF_INHERIT, "KEY", NULL },
	{ "KEY  \t", ENVF_INHERIT, "KEY", NULL },
	{ "KEY\r", ENVF_INHERIT, "KEY", NULL },
	{ "\tKEY \r", ENVF_INHERIT, "KEY", NULL },
	{ "K", ENVF_INHERIT, "K", NULL },
	{ "\xef\xbb\xbfKEY", ENVF_INHERIT, "KEY", NULL },
};

static const struct {
	const char	*in;
	const char	*err;
} bad[] = {
	{ "=", "no variable name before '='" },
	{ "=value", "no variable name before '='" },
	{ "  =value", "no variable name before '='" },
	{ "\xef\xbb\xbf=x", "no variable name before '='" },
	{ "A B=x", "blank after variable name 'A'" },
	{ "KEY =x", "blank after variable name 'KEY'" },
	{ "KEY\t=x", "blank after variable name 'KEY'" },
	{ "KEY\r=x", "blank after variable name 'KEY'" },
	{ "A B", "blank after variable name 'A'" },
	{ "PASSWORD hunter2", "blank after variable name 'PASSWORD'" },
	{ "A B  ", "blank after variable name 'A'" },
};

static void
test_good(void **state)
{
	struct envfile_entry e;
	char err[128];
	size_t i, n;
	int kind;

	(void)state;
	for (i = 0; i < NELEM(good); i++) {
		memset(&e, 0, sizeof(e));
		err[0] = '\0';
		kind = envfile_line(good[i].in, strlen(good[i].in), &e, err,
		    sizeof(err));
		if (kind != good[i].kind)
			fail_msg("\"%s\": kind %d, want %d (%s)", good[i].in,
			    kind, good[i].kind, err);
		if (kind == ENVF_SKIP)
			continue;
		if (e.klen != strlen(good[i].key) ||
		    memcmp(e.key, good[i].key, e.klen) != 0)
			fail_msg("\"%s\": key \"%.*s\", want \"%s\"",
			    good[i].in, (int)e.klen, e.key, good[i].key);
		/* pointers into the line */
		assert_true(e.key >= good[i].in &&
		    e.key + e.klen <= good[i].in + strlen(good[i].in));
		if (kind != ENVF_SET)
			continue;
		if (e.vlen != strlen(good[i].val) ||
		    memcmp(e.val, good[i].val, e.vlen) != 0)
			fail_msg("\"%s\": value \"%.*s\", want \"%s\"",
			    good[i].in, (int)e.vlen, e.val, good[i].val);
		/* the value runs to the line's end, or to its last CR */
		n = strlen(good[i].in);
		if (n > 0 && good[i].in[n - 1] == '\r')
			n--;
		assert_ptr_equal(e.val + e.vlen, good[i].in + n);
	}
}

static void
test_bad(void **state)
{
	struct envfile_entry e;
	char err[128];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(bad); i++) {
		err[0] = '\0';
		if (envfile_line(bad[i].in, strlen(bad[i].in), &e, err,
		    sizeof(err)) != -1)
			fail_msg("\"%s\" accepted", bad[i].in);
		if (strcmp(err, bad[i].err) != 0)
			fail_msg("\"%s\": \"%s\", want \"%s\"", bad[i].in, err,
			    bad[i].err);
	}
}

/* Only n bytes are read: no NUL needed at the end, a NUL inside fails. */
static void
test_lengths(void **state)
{
	static const char buf[] = "KEY=VALUE\nNEXT=1";
	struct envfile_entry e;
	char err[64];

	(void)state;
	assert_int_equal(envfile_line(buf, 9, &e, err, sizeof(err)),
	    ENVF_SET);
	assert_int_equal(e.vlen, 5);
	assert_int_equal(envfile_line(buf, 3, &e, err, sizeof(err)),
	    ENVF_INHERIT);
	assert_int_equal(e.klen, 3);
	assert_int_equal(envfile_line(buf, 4, &e, err, sizeof(err)),
	    ENVF_SET);
	assert_int_equal(e.vlen, 0);
	assert_int_equal(envfile_line(buf, 0, &e, err, sizeof(err)),
	    ENVF_SKIP);

	assert_int_equal(envfile_line("KEY=a\0b", 7, &e, err, sizeof(err)),
	    -1);
	assert_string_equal(err, "NUL byte in line");
	assert_int_equal(envfile_line("\0", 1, &e, err, sizeof(err)), -1);
	assert_int_equal(envfile_line("# c\0", 4, &e, err, sizeof(err)),
	    -1);
	assert_int_equal(envfile_line("KEY\0", 4, &e, err, sizeof(err)),
	    -1);
}

/* A tiny error buffer truncates, never overflows (ASan watches). */
static void
test_short_err_buffer(void **state)
{
	struct envfile_entry e;
	char *err;

	(void)state;
	err = test_malloc(4);
	assert_int_equal(envfile_line("A B=x", 5, &e, err, 4), -1);
	assert_string_equal(err, "bla");
	test_free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_lengths),
		cmocka_unit_test(test_short_err_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
