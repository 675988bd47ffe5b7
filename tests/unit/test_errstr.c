/* errstr: tend's error texts, checked against the C library's own. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tend/errstr.h"

/* Every error tend names in a message must have its text. */
static void
test_known(void **state)
{
	static const int known[] = { EPERM, ENOENT, ESRCH, EACCES, ENOEXEC,
	    ENOTDIR, EISDIR, ELOOP, ENAMETOOLONG, ENOMEM, E2BIG, ETXTBSY,
	    EEXIST, ENOSPC, EROFS, EINVAL, EPIPE, EAGAIN, EBADF, EIO, ENXIO,
	    EMFILE, ENFILE, ENOSYS, ENOTTY, EADDRINUSE, ECONNREFUSED,
	    ETIMEDOUT, EHOSTUNREACH, ENETUNREACH, ECONNRESET };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(err_str(known[i]), "unexpected error") == 0)
			fail_msg("no text for errno %d", known[i]);
}

/* The texts follow musl's wording, the libc the release links. */
static void
test_texts(void **state)
{
	(void)state;
	assert_string_equal(err_str(ENOENT), "No such file or directory");
	assert_string_equal(err_str(EACCES), "Permission denied");
	assert_string_equal(err_str(ENOEXEC), "Exec format error");
	assert_string_equal(err_str(EPERM), "Operation not permitted");
	assert_string_equal(err_str(EHOSTUNREACH), "Host is unreachable");
	assert_string_equal(err_str(ECONNREFUSED), "Connection refused");
}

/* The table stays in step: each text is a different one. */
static void
test_all_distinct(void **state)
{
	const char *seen[256];
	size_t n = 0, i;
	int e;

	(void)state;
	for (e = 0; e < 256; e++) {
		const char *t = err_str(e);

		if (strcmp(t, "unexpected error") == 0)
			continue;
		for (i = 0; i < n; i++)
			if (strcmp(seen[i], t) == 0 &&
			    !(e == EWOULDBLOCK || e == EDEADLOCK ||
			    e == ENOTSUP))
				fail_msg("errno %d repeats '%s'", e, t);
		seen[n++] = t;
	}
	assert_true(n >= 35);
}

static void
test_unknown(void **state)
{
	(void)state;
	assert_string_equal(err_str(0), "unexpected error");
	assert_string_equal(err_str(-1), "unexpected error");
	assert_string_equal(err_str(255), "unexpected error");
	assert_string_equal(err_str(4096 + ENOENT), "unexpected error");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known),
		cmocka_unit_test(test_texts),
		cmocka_unit_test(test_all_distinct),
		cmocka_unit_test(test_unknown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
