/*
 * exitcode: the DESIGN.md section 3 table over every exit code and signal,
 * the -e remap set across 0..255 and its word boundaries, exec errnos.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tend/exitcode.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Wait statuses built by hand, as the kernel lays them out (wait(2)). */
#define EXITED(n)	((n) << 8)
#define SIGNALED(s)	(s)
#define CORE		0x80
#define STOPPED(s)	(((s) << 8) | 0x7f)
#define CONTINUED	0xffff

static void
test_exited_every_code(void **state)
{
	int n, got;

	(void)state;
	for (n = 0; n <= 255; n++) {
		got = exit_from_wait(EXITED(n));
		if (got != n)
			fail_msg("exited %d -> %d, want %d", n, got, n);
	}
}

static void
test_signaled_every_signal(void **state)
{
	int s, got;

	(void)state;
	for (s = 1; s < NSIG; s++) {
		got = exit_from_wait(SIGNALED(s));
		if (got != 128 + s)
			fail_msg("killed by %d -> %d, want %d", s, got,
			    128 + s);
		got = exit_from_wait(SIGNALED(s) | CORE);
		if (got != 128 + s)
			fail_msg("killed by %d, core -> %d, want %d", s, got,
			    128 + s);
	}
}

/* Never reported to tend (no WUNTRACED/WCONTINUED): not a crash, not 0. */
static void
test_stopped_continued(void **state)
{
	(void)state;
	assert_int_equal(exit_from_wait(STOPPED(SIGSTOP)), 1);
	assert_int_equal(exit_from_wait(STOPPED(SIGTSTP)), 1);
	assert_int_equal(exit_from_wait(CONTINUED), 1);
}

static int
remap_count(const struct exit_remap *r)
{
	int n, c = 0;

	for (n = 0; n <= 255; n++)
		c += exit_remap_has(r, n);
	return c;
}

static void
test_remap_empty(void **state)
{
	struct exit_remap r;
	int n;

	(void)state;
	memset(&r, 0, sizeof(r));
	for (n = -1; n <= 256; n++) {
		assert_false(exit_remap_has(&r, n));
		assert_int_equal(exit_remap_apply(&r, n), n);
	}
}

/* Each code alone: it and only it becomes 0. */
static void
test_remap_each_alone(void **state)
{
	struct exit_remap r;
	int n, m;

	(void)state;
	for (n = 0; n <= 255; n++) {
		memset(&r, 0, sizeof(r));
		exit_remap_add(&r, n);
		for (m = 0; m <= 255; m++) {
			int want = m == n ? 0 : m;

			if (exit_remap_has(&r, m) != (m == n))
				fail_msg("set {%d}: has(%d) = %d", n, m,
				    exit_remap_has(&r, m));
			if (exit_remap_apply(&r, m) != want)
				fail_msg("set {%d}: apply(%d) = %d, want %d",
				    n, m, exit_remap_apply(&r, m), want);
		}
	}
}

static void
test_remap_boundaries(void **state)
{
	static const int codes[] = { 0, 1, 31, 32, 63, 64, 127, 128, 143,
	    223, 224, 254, 255 };
	struct exit_remap r;
	size_t i;

	(void)state;
	memset(&r, 0, sizeof(r));
	for (i = 0; i < NELEM(codes); i++)
		exit_remap_add(&r, codes[i]);
	exit_remap_add(&r, 143);	/* twice is once */
	assert_int_equal(remap_count(&r), NELEM(codes));
	for (i = 0; i < NELEM(codes); i++) {
		assert_true(exit_remap_has(&r, codes[i]));
		assert_int_equal(exit_remap_apply(&r, codes[i]), 0);
	}
	assert_int_equal(exit_remap_apply(&r, 30), 30);
	assert_int_equal(exit_remap_apply(&r, 33), 33);
	assert_int_equal(exit_remap_apply(&r, 253), 253);
}

/* Out of range: ignored by add, never in the set, apply leaves it. */
static void
test_remap_out_of_range(void **state)
{
	static const int out[] = { INT_MIN, -256, -1, 256, 257, 511, 512,
	    INT_MAX };
	struct exit_remap r, zero;
	size_t i;

	(void)state;
	memset(&r, 0, sizeof(r));
	memset(&zero, 0, sizeof(zero));
	for (i = 0; i < NELEM(out); i++)
		exit_remap_add(&r, out[i]);
	assert_memory_equal(&r, &zero, sizeof(r));
	for (i = 0; i < 256; i++)
		exit_remap_add(&r, (int)i);
	assert_int_equal(remap_count(&r), 256);
	for (i = 0; i < NELEM(out); i++) {
		assert_false(exit_remap_has(&r, out[i]));
		assert_int_equal(exit_remap_apply(&r, out[i]), out[i]);
	}
}

static void
test_remap_all(void **state)
{
	struct exit_remap r;
	int n;

	(void)state;
	memset(&r, 0, sizeof(r));
	for (n = 0; n <= 255; n++)
		exit_remap_add(&r, n);
	for (n = 0; n <= 255; n++)
		assert_int_equal(exit_remap_apply(&r, n), 0);
}

static void
test_exec_errno(void **state)
{
	static const struct {
		int	err;
		int	want;
	} t[] = {
		{ ENOENT, EXIT_NOTFOUND }, { ENOTDIR, EXIT_NOTFOUND },
		{ EACCES, EXIT_NOEXEC }, { ENOEXEC, EXIT_NOEXEC },
		{ EISDIR, EXIT_NOEXEC }, { EPERM, EXIT_NOEXEC },
		{ ETXTBSY, EXIT_NOEXEC }, { E2BIG, EXIT_NOEXEC },
		{ ENOMEM, EXIT_NOEXEC }, { 0, EXIT_NOEXEC },
	};
	size_t i;

	(void)state;
	assert_int_equal(EXIT_NOTFOUND, 127);
	assert_int_equal(EXIT_NOEXEC, 126);
	assert_int_equal(EXIT_USAGE, 125);
	assert_int_equal(EXIT_TIMEOUT, 124);
	for (i = 0; i < NELEM(t); i++)
		if (exit_from_exec_errno(t[i].err) != t[i].want)
			fail_msg("exec errno %d (%s) -> %d, want %d",
			    t[i].err, strerror(t[i].err),
			    exit_from_exec_errno(t[i].err), t[i].want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exited_every_code),
		cmocka_unit_test(test_signaled_every_signal),
		cmocka_unit_test(test_stopped_continued),
		cmocka_unit_test(test_remap_empty),
		cmocka_unit_test(test_remap_each_alone),
		cmocka_unit_test(test_remap_boundaries),
		cmocka_unit_test(test_remap_out_of_range),
		cmocka_unit_test(test_remap_all),
		cmocka_unit_test(test_exec_errno),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
