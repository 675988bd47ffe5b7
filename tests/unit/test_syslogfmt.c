/*
 * syslogfmt: one /dev/log datagram, one line. Every PRI 0..191 and the
 * ones just outside (<192>, <01>, <1000>, <>, <abc>, no '>'), RFC 3164
 * with and without its timestamp, RFC 5424 with "-" fields, structured
 * data (several elements, an escaped \]), a BOM, no MSG; garbage relayed
 * verbatim as user.notice; newlines, trailing NULs, the empty datagram,
 * a short output buffer; syslog_severity's names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tend/syslogfmt.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define S(s)	s, sizeof(s) - 1

/* RFC 5424 section 6.2.1, table 1 (16..23 local0..local7). */
static const char *const fac[24] = {
	"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
	"uucp", "cron", "authpriv", "ftp", "ntp", "security", "console",
	"solaris-cron", "local0", "local1", "local2", "local3", "local4",
	"local5", "local6", "local7",
};

/* RFC 5424 section 6.2.1, table 2. */
static const char *const sev[8] = {
	"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug",
};

/*
 * Format in[0..n) into a buffer exactly SYSLOG_OUT_MAX(n) + 1 long (ASan
 * sees one byte too many) and check it against want[0..wantlen).
 */
static void
expect(const char *in, size_t n, const char *want, size_t wantlen,
    int wantsev)
{
	size_t outlen = SYSLOG_OUT_MAX(n) + 1, got;
	char *out = malloc(outlen), msg[1024] = "";
	int s = -1;

	assert_non_null(out);
	got = syslog_format(in, n, out, outlen, &s);
	if (got != wantlen || memcmp(out, want, wantlen) != 0)
		snprintf(msg, sizeof(msg), "syslog_format(\"%.*s\") = "
		    "\"%.*s\" (%zu), want \"%.*s\" (%zu)", (int)n, in,
		    (int)got, out, got, (int)wantlen, want, wantlen);
	else if (out[got] != '\0')
		snprintf(msg, sizeof(msg), "\"%.*s\": no NUL", (int)n, in);
	else if (memchr(out, '\n', got) != NULL)
		snprintf(msg, sizeof(msg), "\"%.*s\": newline", (int)n, in);
	else if (s != wantsev)
		snprintf(msg, sizeof(msg), "\"%.*s\": severity %d, want %d",
		    (int)n, in, s, wantsev);
	else if (got > SYSLOG_OUT_MAX(n))
		snprintf(msg, sizeof(msg), "\"%.*s\": %zu > SYSLOG_OUT_MAX",
		    (int)n, in, got);
	free(out);
	if (msg[0] != '\0')
		fail_msg("%s", msg);
}

/* Every valid PRI: facility.severity, the severity, the rest verbatim. */
static void
test_every_pri(void **state)
{
	char in[64], want[64];
	int pri, n, wn;

	(void)state;
	for (pri = 0; pri <= 191; pri++) {
		n = snprintf(in, sizeof(in), "<%d>hello world", pri);
		wn = snprintf(want, sizeof(want), "%s.%s hello world",
		    fac[pri / 8], sev[pri % 8]);
		expect(in, (size_t)n, want, (size_t)wn, pri % 8);
	}
}

static const struct {
	const char	*in;
	size_t		 n;
	const char	*want;
	size_t		 wantlen;
	int		 sev;
} cases[] = {
	/* the PRI boundaries */
	{ S("<0>x"), S("kern.emerg x"), 0 },
	{ S("<7>x"), S("kern.debug x"), 7 },
	{ S("<8>x"), S("user.emerg x"), 0 },
	{ S("<13>x"), S("user.notice x"), 5 },
	{ S("<11>x"), S("user.err x"), 3 },
	{ S("<99>x"), S("ntp.err x"), 3 },
	{ S("<100>x"), S("ntp.warning x"), 4 },
	{ S("<127>x"), S("solaris-cron.debug x"), 7 },
	{ S("<128>x"), S("local0.emerg x"), 0 },
	{ S("<184>x"), S("local7.emerg x"), 0 },
	{ S("<191>x"), S("local7.debug x"), 7 },
	{ S("<0>"), S("kern.emerg"), 0 },	/* nothing after the PRI */
	/* not a PRI: verbatim, user.notice */
	{ S("<192>x"), S("<192>x"), 5 },
	{ S("<199>x"), S("<199>x"), 5 },
	{ S("<999>x"), S("<999>x"), 5 },
	{ S("<1000>x"), S("<1000>x"), 5 },
	{ S("<0191>x"), S("<0191>x"), 5 },
	{ S("<01>x"), S("<01>x"), 5 },
	{ S("<00>x"), S("<00>x"), 5 },
	{ S("<013>x"), S("<013>x"), 5 },
	{ S("<>x"), S("<>x"), 5 },
	{ S("<>"), S("<>"), 5 },
	{ S("<abc>x"), S("<abc>x"), 5 },
	{ S("<1a>x"), S("<1a>x"), 5 },
	{ S("<-1>x"), S("<-1>x"), 5 },
	{ S("<+1>x"), S("<+1>x"), 5 },
	{ S("< 1>x"), S("< 1>x"), 5 },
	{ S("<13 x"), S("<13 x"), 5 },		/* no '>' */
	{ S("<13"), S("<13"), 5 },
	{ S("<1"), S("<1"), 5 },
	{ S("<"), S("<"), 5 },
	{ S("13>x"), S("13>x"), 5 },
	{ S(" <13>x"), S(" <13>x"), 5 },
	{ S("plain text"), S("plain text"), 5 },
	{ S("\x01\x02\xff\xfe"), S("\x01\x02\xff\xfe"), 5 },
	/* RFC 3164 */
	{ S("<13>Nov 25 18:00:00 sshd[42]: msg"),
	    S("user.notice sshd[42]: msg"), 5 },
	{ S("<38>Nov  5 08:01:02 sshd[42]: accepted"),
	    S("auth.info sshd[42]: accepted"), 6 },
	{ S("<13>Jan  1 00:00:00 x"), S("user.notice x"), 5 },
	{ S("<13>sshd[42]: no timestamp"),
	    S("user.notice sshd[42]: no timestamp"), 5 },
	{ S("<13>Nov 25 18:00:00 "), S("user.notice"), 5 },
	/* near misses: the text stays */
	{ S("<13>nov 25 18:00:00 x"), S("user.notice nov 25 18:00:00 x"), 5 },
	{ S("<13>NOV 25 18:00:00 x"), S("user.notice NOV 25 18:00:00 x"), 5 },
	{ S("<13>Nov 25 18:00:00x"), S("user.notice Nov 25 18:00:00x"), 5 },
	{ S("<13>Nov 25 18:00:0 x"), S("user.notice Nov 25 18:00:0 x"), 5 },
	{ S("<13>Nov 25 18.00:00 x"), S("user.notice Nov 25 18.00:00 x"), 5 },
	{ S("<13>Nov 25 18:00:00"), S("user.notice Nov 25 18:00:00"), 5 },
	{ S("<13>Nov 5 18:00:00 x"), S("user.notice Nov 5 18:00:00 x"), 5 },
	/* RFC 5424: the examples of section 6.5 */
	{ S("<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47"
	    " - \xef\xbb\xbf'su root' failed for lonvick on /dev/pts/8"),
	    S("auth.crit su: 'su root' failed for lonvick on /dev/pts/8"), 2 },
	{ S("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710"
	    " - - %% It's time to make the do-nuts."),
	    S("local4.notice myproc[8710]: %% It's time to make the do-nuts."),
	    5 },
	{ S("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog"
	    " - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\""
	    " eventID=\"1011\"] \xef\xbb\xbf" "An application event log"
	    " entry..."),
	    S("local4.notice evntslog: [exampleSDID@32473 iut=\"3\""
	    " eventSource=\"Application\" eventID=\"1011\"] An application"
	    " event log entry..."), 5 },
	{ S("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog"
	    " - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\""
	    " eventID=\"1011\"][examplePriority@32473 class=\"high\"]"),
	    S("local4.notice evntslog: [exampleSDID@32473 iut=\"3\""
	    " eventSource=\"Application\" eventID=\"1011\"]"
	    "[examplePriority@32473 class=\"high\"]"), 5 },
	/* RFC 5424, the rest */
	{ S("<13>1 - - - - - -"), S("user.notice -:"), 5 },
	{ S("<13>1 - - - - - - msg"), S("user.notice -: msg"), 5 },
	{ S("<13>1 - - app - - - msg"), S("user.notice app: msg"), 5 },
	{ S("<13>1 - - app 42 - - msg"), S("user.notice app[42]: msg"), 5 },
	{ S("<13>1 - - - 42 - - msg"), S("user.notice -[42]: msg"), 5 },
	{ S("<13>1 - - app 42 - - "), S("user.notice app[42]:"), 5 },
	{ S("<13>1 - - app 42 - [a@1]"), S("user.notice app[42]: [a@1]"), 5 },
	{ S("<13>1 - - app 42 - [a@1 x=\"1\"] msg"),
	    S("user.notice app[42]: [a@1 x=\"1\"] msg"), 5 },
	{ S("<13>1 - - app 42 - [a@1 x=\"1\"][b@2 y=\"2\"][c@3] msg"),
	    S("user.notice app[42]: [a@1 x=\"1\"][b@2 y=\"2\"][c@3] msg"), 5 },
	{ S("<13>1 - - app 42 - [a@1 x=\"q\\]r\"] msg"),
	    S("user.notice app[42]: [a@1 x=\"q\\]r\"] msg"), 5 },
	{ S("<13>1 - - app 42 - [a@1 x=\"q\\\\\"][b@2 y=\"\\\"\\]\"] msg"),
	    S("user.notice app[42]: [a@1 x=\"q\\\\\"][b@2 y=\"\\\"\\]\"] msg"),
	    5 },
	{ S("<13>1 - - app 42 - - \xef\xbb\xbfmsg"),
	    S("user.notice app[42]: msg"), 5 },
	{ S("<13>1 - - app 42 - - \xef\xbb\xbf"), S("user.notice app[42]:"),
	    5 },
	{ S("<13>1 - - app 42 - - \xef\xbbmsg"),
	    S("user.notice app[42]: \xef\xbbmsg"), 5 },
	{ S("<13>1 - - app 42 - - msg with  two  spaces "),
	    S("user.notice app[42]: msg with  two  spaces "), 5 },
	{ S("<13>9 - - app 42 - - msg"), S("user.notice app[42]: msg"), 5 },
	{ S("<191>1 - - app 42 - - msg"), S("local7.debug app[42]: msg"), 7 },
	/* RFC 5424 in shape only: read as RFC 3164 / free text */
	{ S("<13>1 - - app 42 - [a@1 x=\"1\" msg"),
	    S("user.notice 1 - - app 42 - [a@1 x=\"1\" msg"), 5 },
	{ S("<13>1 - - app 42 - [a@1 x=\"\\]"),
	    S("user.notice 1 - - app 42 - [a@1 x=\"\\]"), 5 },
	{ S("<13>1 - - app 42 - [a@1]x msg"),
	    S("user.notice 1 - - app 42 - [a@1]x msg"), 5 },
	{ S("<13>1 - - app 42 - x msg"), S("user.notice 1 - - app 42 - x msg"),
	    5 },
	{ S("<13>1 - - app 42 -"), S("user.notice 1 - - app 42 -"), 5 },
	{ S("<13>1 - - app"), S("user.notice 1 - - app"), 5 },
	{ S("<13>1  - - app 42 - - msg"),
	    S("user.notice 1  - - app 42 - - msg"), 5 },
	{ S("<13>1"), S("user.notice 1"), 5 },
	{ S("<13>1 "), S("user.notice 1 "), 5 },
	{ S("<13>0 - - app 42 - - msg"), S("user.notice 0 - - app 42 - - msg"),
	    5 },
	{ S("<13>10 - - app 42 - - msg"),
	    S("user.notice 10 - - app 42 - - msg"), 5 },
	/* one message, one line */
	{ S("<13>a\nb\nc"), S("user.notice a b c"), 5 },
	{ S("<13>a\n\nb\n\n"), S("user.notice a  b"), 5 },
	{ S("<13>1 - - app 42 - - line one\nline two\n"),
	    S("user.notice app[42]: line one line two"), 5 },
	{ S("<13>1 - - app 42 - [a@1 x=\"\n\"] m"),
	    S("user.notice app[42]: [a@1 x=\" \"] m"), 5 },
	{ S("a\nb\n"), S("a b"), 5 },
	{ S("\na"), S(" a"), 5 },
	{ S("a\rb\r\n"), S("a\rb\r"), 5 },
	/* trailing NULs and newlines go, inner ones do not */
	{ S("<13>msg\0"), S("user.notice msg"), 5 },
	{ S("<13>msg\n\0\n\0\0"), S("user.notice msg"), 5 },
	{ S("<13>a\0b"), S("user.notice a\0b"), 5 },
	{ S("<13>\0"), S("user.notice"), 5 },
	{ S("<13>x\0"), S("user.notice x"), 5 },
	{ S("msg\0"), S("msg"), 5 },
	{ S("\0msg"), S("\0msg"), 5 },
	/* empty */
	{ S(""), S(""), 5 },
	{ S("\n"), S(""), 5 },
	{ S("\0"), S(""), 5 },
	{ S("\n\0\n"), S(""), 5 },
};

static void
test_cases(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++)
		expect(cases[i].in, cases[i].n, cases[i].want,
		    cases[i].wantlen, cases[i].sev);
}

/* "<13>x" in the smallest buffers: truncated, NUL-terminated, no overrun. */
static void
test_short_buffer(void **state)
{
	static const struct {
		const char	*in;
		size_t		 outlen;
		const char	*want;
	} t[] = {
		{ "<13>hello", 1, "" },
		{ "<13>hello", 2, "u" },
		{ "<13>hello", 5, "user" },
		{ "<13>hello", 13, "user.notice " },
		{ "<13>hello", 14, "user.notice h" },
		{ "<13>hello", 18, "user.notice hello" },
		{ "<13>1 - - app 42 - - msg", 16, "user.notice app" },
		{ "<13>1 - - app 42 - - msg", 19, "user.notice app[42" },
		{ "hello", 1, "" },
		{ "hello", 3, "he" },
		{ "hello", 6, "hello" },
	};
	size_t i, got;
	char *out;
	int s;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		out = malloc(t[i].outlen);
		assert_non_null(out);
		got = syslog_format(t[i].in, strlen(t[i].in), out,
		    t[i].outlen, &s);
		if (got != strlen(t[i].want) || strcmp(out, t[i].want) != 0)
			fail_msg("\"%s\" in %zu: \"%s\", want \"%s\"", t[i].in,
			    t[i].outlen, out, t[i].want);
		free(out);
	}
	/* no room at all: nothing written */
	{
		char c = 'Q';

		assert_int_equal(syslog_format("<13>x", 5, &c, 0, &s), 0);
		assert_int_equal(c, 'Q');
	}
}

/* A long message keeps its every byte (and a PRI costs at most 64). */
static void
test_long(void **state)
{
	const size_t n = 200000;
	size_t outlen = SYSLOG_OUT_MAX(n) + 1, got, i;
	char *in = malloc(n), *out = malloc(outlen);
	int s;

	(void)state;
	assert_non_null(in);
	assert_non_null(out);
	memcpy(in, "<150>", 5);		/* local2.info */
	for (i = 5; i < n; i++)
		in[i] = (char)('a' + i % 26);
	got = syslog_format(in, n, out, outlen, &s);
	assert_int_equal(got, strlen("local2.info ") + n - 5);
	assert_memory_equal(out, "local2.info ", 12);
	assert_memory_equal(out + 12, in + 5, n - 5);
	assert_int_equal(s, 6);
	free(in);
	free(out);
}

static const struct {
	const char	*name;
	int		 sev;
} sevnames[] = {
	{ "emerg", 0 }, { "alert", 1 }, { "crit", 2 },
	{ "err", SYSLOG_SEV_ERR }, { "warning", 4 },
	{ "notice", SYSLOG_SEV_NOTICE }, { "info", 6 }, { "debug", 7 },
	{ "none", 8 },
	{ "", -1 }, { "ERR", -1 }, { "Err", -1 }, { "error", -1 },
	{ "warn", -1 }, { "emergency", -1 }, { "panic", -1 },
	{ "notice ", -1 }, { " notice", -1 }, { "inf", -1 },
	{ "debug2", -1 }, { "3", -1 },
	{ "non\xd0\xb5", -1 },		/* a Cyrillic e */
};

static void
test_severity_names(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(sevnames); i++)
		if (syslog_severity(sevnames[i].name) != sevnames[i].sev)
			fail_msg("syslog_severity(\"%s\") = %d, want %d",
			    sevnames[i].name,
			    syslog_severity(sevnames[i].name),
			    sevnames[i].sev);
	/* the names the formatter prints are the names it reads */
	for (i = 0; i < 8; i++)
		assert_int_equal(syslog_severity(sev[i]), (int)i);
	assert_int_equal(SYSLOG_SEV_ERR, 3);
	assert_int_equal(SYSLOG_SEV_NOTICE, 5);
}

/*
 * Routing: the relay sends a message to stderr when its severity is at
 * most the --syslog-stderr level; every level name must split the eight
 * severities the same way the PRI does, for every facility.
 */
static void
test_severity_routing(void **state)
{
	char in[16], out[128];
	int pri, s, th;

	(void)state;
	for (th = 0; th < 8; th++) {
		for (pri = 0; pri <= 191; pri++) {
			snprintf(in, sizeof(in), "<%d>m", pri);
			syslog_format(in, strlen(in), out, sizeof(out), &s);
			assert_int_equal(s, pri % 8);
			assert_int_equal(s <= syslog_severity(sev[th]),
			    pri % 8 <= th);
		}
	}
	/* "none" is past every severity: opts turns it into -1 */
	assert_true(syslog_severity("none") > 7);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_pri),
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_short_buffer),
		cmocka_unit_test(test_long),
		cmocka_unit_test(test_severity_names),
		cmocka_unit_test(test_severity_routing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
