/*
 * signame: names and numbers both ways, at the edges of the table (0, NSIG,
 * the real-time range) and on malformed input ("15x", "SIG", blanks, signs).
 */
#include <ctype.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "tend/signame.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* RTMIN+n counts from 34 as kill(1) and Docker do, whatever the libc. */
#define RTMIN	34
#define RTMAX	(NSIG - 1)

/* Every classic name Linux knows (signal(7)), aliases included. */
static const struct {
	const char	*name;
	int		 sig;
} names[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "ILL", SIGILL }, { "TRAP", SIGTRAP }, { "ABRT", SIGABRT },
	{ "IOT", SIGIOT }, { "BUS", SIGBUS }, { "FPE", SIGFPE },
	{ "KILL", SIGKILL }, { "USR1", SIGUSR1 }, { "SEGV", SIGSEGV },
	{ "USR2", SIGUSR2 }, { "PIPE", SIGPIPE }, { "ALRM", SIGALRM },
	{ "TERM", SIGTERM }, { "STKFLT", SIGSTKFLT }, { "CHLD", SIGCHLD },
	{ "CLD", SIGCHLD }, { "CONT", SIGCONT }, { "STOP", SIGSTOP },
	{ "TSTP", SIGTSTP }, { "TTIN", SIGTTIN }, { "TTOU", SIGTTOU },
	{ "URG", SIGURG }, { "XCPU", SIGXCPU }, { "XFSZ", SIGXFSZ },
	{ "VTALRM", SIGVTALRM }, { "PROF", SIGPROF }, { "WINCH", SIGWINCH },
	{ "IO", SIGIO }, { "POLL", SIGPOLL }, { "PWR", SIGPWR },
	{ "SYS", SIGSYS },
};

/* Malformed or out-of-range input, rejected whatever allow_zero says. */
static const char *const bad[] = {
	"", "SIG", "sig", "15x", "x15", "-1", "+15", " 15", "15 ", "1 5",
	"0x0f", "1.5", "TERM ", " TERM", "SIG TERM", "SIG-TERM", "SIGSIGTERM",
	"SIG15", "TERMX", "TER", "TERMINATE", "SIGKILLX", "KILL9", "NOSUCH",
	"99999999999999999999", "-0", "RT", "RTM", "RTMI", "RTMIN+",
	"RTMIN+99", "RTMIN-1", "RTMIN+1x", "RTMIN+-1", "RTMIN++1", "RTMIN+ 1",
	"RTMIN1", "RTMINX", "RTMAX+1", "RTMAX-", "RTMAX-99", "RTMAX1",
	"SIGRTMIN+99", "RTMIN+0x1",
};

static void
check_ok(const char *s, int allow_zero, int want)
{
	char err[128] = "";
	int sig = -12345;

	if (sig_parse(s, allow_zero, &sig, err, sizeof(err)) != 0)
		fail_msg("sig_parse(\"%s\", %d) failed: %s", s, allow_zero,
		    err);
	if (sig != want)
		fail_msg("sig_parse(\"%s\", %d) = %d, want %d", s, allow_zero,
		    sig, want);
}

static void
check_bad(const char *s, int allow_zero)
{
	char err[256] = "", quoted[64];
	int sig = -12345;

	if (sig_parse(s, allow_zero, &sig, err, sizeof(err)) != -1)
		fail_msg("sig_parse(\"%s\", %d) accepted it as %d", s,
		    allow_zero, sig);
	/* the message quotes what the user typed */
	snprintf(quoted, sizeof(quoted), "'%s'", s);
	if (strstr(err, quoted) == NULL)
		fail_msg("sig_parse(\"%s\"): message \"%s\" lacks %s", s, err,
		    quoted);
}

static void
lower(char *dst, const char *src, size_t len)
{
	size_t i;

	for (i = 0; src[i] != '\0' && i + 1 < len; i++)
		dst[i] = (char)tolower((unsigned char)src[i]);
	dst[i] = '\0';
}

/* "TERM", "SIGTERM", "term", "sigterm", "SIGterm", "sigTERM", "Term". */
static void
test_names_every_form(void **state)
{
	char buf[40], low[16];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(names); i++) {
		const char *n = names[i].name;
		int s = names[i].sig;

		lower(low, n, sizeof(low));
		check_ok(n, 0, s);
		check_ok(n, 1, s);
		check_ok(low, 0, s);
		snprintf(buf, sizeof(buf), "SIG%s", n);
		check_ok(buf, 0, s);
		snprintf(buf, sizeof(buf), "sig%s", low);
		check_ok(buf, 0, s);
		snprintf(buf, sizeof(buf), "SIG%s", low);
		check_ok(buf, 0, s);
		snprintf(buf, sizeof(buf), "sig%s", n);
		check_ok(buf, 0, s);
		snprintf(buf, sizeof(buf), "Sig%c%s", n[0], low + 1);
		check_ok(buf, 0, s);
	}
}

static void
test_numbers_in_range(void **state)
{
	char buf[16];
	int s;

	(void)state;
	for (s = 1; s < NSIG; s++) {
		snprintf(buf, sizeof(buf), "%d", s);
		check_ok(buf, 0, s);
		check_ok(buf, 1, s);
	}
}

static void
test_zero(void **state)
{
	(void)state;
	check_ok("0", 1, 0);
	check_bad("0", 0);
	check_bad("00x", 1);
	check_bad("-0", 1);
	/* zero only as a number: there is no signal named that */
	check_bad("SIG0", 1);
}

static void
test_nsig_and_above(void **state)
{
	char buf[32];
	int s;

	(void)state;
	for (s = NSIG; s < NSIG + 4; s++) {
		snprintf(buf, sizeof(buf), "%d", s);
		check_bad(buf, 0);
		check_bad(buf, 1);
	}
	snprintf(buf, sizeof(buf), "%d", INT_MAX);
	check_bad(buf, 0);
	snprintf(buf, sizeof(buf), "%ld", (long)INT_MAX + 1);
	check_bad(buf, 0);
	snprintf(buf, sizeof(buf), "%lu", (unsigned long)ULONG_MAX);
	check_bad(buf, 0);
}

static void
test_malformed(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(bad); i++) {
		check_bad(bad[i], 0);
		check_bad(bad[i], 1);
	}
}

static void
test_realtime(void **state)
{
	char buf[32];
	int n, range = RTMAX - RTMIN;

	(void)state;
	assert_true(range > 0);
	check_ok("RTMIN", 0, RTMIN);
	check_ok("SIGRTMIN", 0, RTMIN);
	check_ok("rtmin", 0, RTMIN);
	check_ok("SIGrtMin", 0, RTMIN);
	check_ok("RTMAX", 0, RTMAX);
	check_ok("sigrtmax", 0, RTMAX);
	check_ok("RTMAX-1", 0, RTMAX - 1);
	check_ok("SIGRTMAX-1", 0, RTMAX - 1);
	for (n = 0; n <= range; n++) {
		snprintf(buf, sizeof(buf), "RTMIN+%d", n);
		check_ok(buf, 0, RTMIN + n);
		snprintf(buf, sizeof(buf), "SIGRTMIN+%d", n);
		check_ok(buf, 0, RTMIN + n);
		snprintf(buf, sizeof(buf), "RTMAX-%d", n);
		check_ok(buf, 0, RTMAX - n);
	}
	/* one past either end of the range */
	snprintf(buf, sizeof(buf), "RTMIN+%d", range + 1);
	check_bad(buf, 0);
	snprintf(buf, sizeof(buf), "RTMAX-%d", range + 1);
	check_bad(buf, 0);
	snprintf(buf, sizeof(buf), "SIGRTMIN+%d", range + 1);
	check_bad(buf, 0);
}

static void
test_name_round_trip(void **state)
{
	char buf[32];
	const char *n;
	int s;

	(void)state;
	for (s = 1; s < NSIG; s++) {
		memset(buf, 'x', sizeof(buf));
		n = sig_name(s, buf, sizeof(buf));
		assert_non_null(n);
		if (strncasecmp(n, "SIG", 3) == 0)
			fail_msg("sig_name(%d) = \"%s\" keeps SIG", s, n);
		check_ok(n, 0, s);
	}
}

static void
test_name_fixed(void **state)
{
	static const struct {
		int		 sig;
		const char	*want;
	} t[] = {
		{ SIGHUP, "HUP" }, { SIGTERM, "TERM" }, { SIGKILL, "KILL" },
		{ SIGCHLD, "CHLD" }, { SIGSYS, "SYS" }, { 0, "0" },
		{ -1, "-1" }, { 32, "32" }, { 33, "33" }, { 34, "RTMIN+0" },
		{ 37, "RTMIN+3" }, { NSIG, NULL },
	};
	char buf[32], want[32];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		if (t[i].want == NULL)
			snprintf(want, sizeof(want), "%d", t[i].sig);
		else
			snprintf(want, sizeof(want), "%s", t[i].want);
		assert_string_equal(sig_name(t[i].sig, buf, sizeof(buf)),
		    want);
	}
	assert_string_equal(sig_name(RTMIN, buf, sizeof(buf)),
	    "RTMIN+0");
	snprintf(want, sizeof(want), "RTMIN+%d", RTMAX - RTMIN);
	assert_string_equal(sig_name(RTMAX, buf, sizeof(buf)), want);
}

/* A short buffer truncates, never overflows (ASan watches). */
static void
test_name_short_buffer(void **state)
{
	char *buf;
	const char *n;

	(void)state;
	buf = test_malloc(4);
	n = sig_name(RTMIN + 3, buf, 4);
	assert_int_equal(strlen(n), 3);
	assert_memory_equal(n, "RTM", 3);
	n = sig_name(NSIG + 1000, buf, 4);
	assert_int_equal(strlen(n), 3);
	test_free(buf);
}

static void
test_forwardable(void **state)
{
	static const struct {
		int	sig;
		int	want;
	} t[] = {
		{ INT_MIN, 0 }, { -1, 0 }, { 0, 0 }, { SIGHUP, 1 },
		{ SIGINT, 1 }, { SIGKILL, 0 }, { SIGSTOP, 0 }, { SIGCHLD, 0 },
		{ SIGTERM, 1 }, { SIGCONT, 1 }, { SIGTSTP, 1 }, { SIGTTIN, 1 },
		{ SIGTTOU, 1 }, { SIGSEGV, 1 }, { SIGWINCH, 1 },
		{ NSIG - 1, 1 }, { NSIG, 0 }, { NSIG + 1, 0 }, { INT_MAX, 0 },
	};
	size_t i;
	int s;

	(void)state;
	for (i = 0; i < NELEM(t); i++)
		if (!sig_forwardable(t[i].sig) != !t[i].want)
			fail_msg("sig_forwardable(%d) = %d, want %d", t[i].sig,
			    sig_forwardable(t[i].sig), t[i].want);
	for (s = 1; s < NSIG; s++) {
		int want = s != SIGKILL && s != SIGSTOP && s != SIGCHLD;

		if (!sig_forwardable(s) != !want)
			fail_msg("sig_forwardable(%d) = %d, want %d", s,
			    sig_forwardable(s), want);
	}
	assert_true(sig_forwardable(RTMIN));
	assert_true(sig_forwardable(RTMAX));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_every_form),
		cmocka_unit_test(test_numbers_in_range),
		cmocka_unit_test(test_zero),
		cmocka_unit_test(test_nsig_and_above),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_realtime),
		cmocka_unit_test(test_name_round_trip),
		cmocka_unit_test(test_name_fixed),
		cmocka_unit_test(test_name_short_buffer),
		cmocka_unit_test(test_forwardable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
