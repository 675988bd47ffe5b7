/*
 * logfmt: a relayed line as text (prefix, split marker) and as one JSON
 * object; JSON escaping of quotes, backslashes, control characters and of
 * every byte outside valid UTF-8 (overlong forms, surrogates, past
 * U+10FFFF, truncated sequences, lone continuation bytes); RFC 3339 UTC
 * time with milliseconds before and after 1970; logfmt_max as a real
 * bound on logfmt_render for the worst input.
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

#include "tend/logfmt.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define S(s)	s, sizeof(s) - 1

#define FFFD	"\\ufffd"

/*
 * Render into a buffer of exactly logfmt_max() bytes (ASan sees a byte
 * too many) and compare with want.
 */
static void
expect_render(enum logfmt_kind k, const struct logfmt_line *l,
    const char *want, size_t wantlen)
{
	size_t max = logfmt_max(k, l), got;
	char *out = malloc(max), msg[512] = "";

	assert_non_null(out);
	got = logfmt_render(k, l, out, max);
	if (got > max)
		snprintf(msg, sizeof(msg), "rendered %zu > max %zu", got, max);
	else if (got != wantlen || memcmp(out, want, wantlen) != 0)
		snprintf(msg, sizeof(msg), "got \"%.*s\", want \"%.*s\"",
		    (int)got, out, (int)wantlen, want);
	free(out);
	if (msg[0] != '\0')
		fail_msg("%s", msg);
}

static void
test_text(void **state)
{
	static const struct {
		const char	*prefix;
		const char	*msg;
		size_t		 len;
		bool		 split;
		const char	*want;
		size_t		 wantlen;
	} t[] = {
		{ "", S("hello"), false, S("hello\n") },
		{ "[web] ", S("hello"), false, S("[web] hello\n") },
		{ "", S("hello"), true, S("hello [tend: line continues]\n") },
		{ "[web] ", S("hello"), true,
		    S("[web] hello [tend: line continues]\n") },
		{ "", S(""), false, S("\n") },
		{ "p ", S(""), false, S("p \n") },
		{ "", S(""), true, S(" [tend: line continues]\n") },
		/* text is relayed as it came: no escaping */
		{ "", S("a\r\0\x01\"\\\xff"), false, S("a\r\0\x01\"\\\xff\n") },
	};
	struct logfmt_line l = { .prefix = "", .source = "/var/log/a.log",
	    .stream = "stdout", .time_ms = 1234 };
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		l.prefix = t[i].prefix;
		l.msg = t[i].msg;
		l.len = t[i].len;
		l.split = t[i].split;
		expect_render(LOGFMT_TEXT, &l, t[i].want, t[i].wantlen);
	}
	/* the message is len bytes, not up to a NUL */
	l.prefix = "";
	l.msg = "abcdef";
	l.len = 3;
	l.split = false;
	expect_render(LOGFMT_TEXT, &l, S("abc\n"));
}

static void
test_json(void **state)
{
	static const struct {
		const char	*prefix;
		const char	*source;
		const char	*stream;
		const char	*msg;
		size_t		 len;
		bool		 split;
		int64_t		 ms;
		const char	*want;
		size_t		 wantlen;
	} t[] = {
		{ "", "/var/log/a.log", "stdout", S("hello"), false, 0,
		    S("{\"time\":\"1970-01-01T00:00:00.000Z\","
		    "\"source\":\"/var/log/a.log\",\"stream\":\"stdout\","
		    "\"message\":\"hello\"}\n") },
		{ "[web] ", "syslog", "stderr", S("user.err x"), false,
		    1764093600123,
		    S("{\"time\":\"2025-11-25T18:00:00.123Z\","
		    "\"source\":\"syslog\",\"stream\":\"stderr\","
		    "\"message\":\"[web] user.err x\"}\n") },
		{ "", "/a", "stdout", S("cut"), true, 0,
		    S("{\"time\":\"1970-01-01T00:00:00.000Z\","
		    "\"source\":\"/a\",\"stream\":\"stdout\","
		    "\"message\":\"cut\",\"split\":true}\n") },
		{ "", "/a", "stdout", S(""), false, 0,
		    S("{\"time\":\"1970-01-01T00:00:00.000Z\","
		    "\"source\":\"/a\",\"stream\":\"stdout\","
		    "\"message\":\"\"}\n") },
		/* prefix, source and message are all escaped */
		{ "\"p\"\t", "/tmp/\"q\"\\\n\xff", "stdout", S("a\0b\r\n"),
		    true, 0,
		    S("{\"time\":\"1970-01-01T00:00:00.000Z\","
		    "\"source\":\"/tmp/\\\"q\\\"\\\\\\n" FFFD "\","
		    "\"stream\":\"stdout\","
		    "\"message\":\"\\\"p\\\"\\ta\\u0000b\\r\\n\","
		    "\"split\":true}\n") },
	};
	struct logfmt_line l;
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		l.prefix = t[i].prefix;
		l.source = t[i].source;
		l.stream = t[i].stream;
		l.msg = t[i].msg;
		l.len = t[i].len;
		l.split = t[i].split;
		l.time_ms = t[i].ms;
		expect_render(LOGFMT_JSON, &l, t[i].want, t[i].wantlen);
	}
}

static const struct {
	const char	*in;
	size_t		 n;
	const char	*want;
	size_t		 wantlen;
} esc[] = {
	{ S(""), S("") },
	{ S("plain text"), S("plain text") },
	{ S("\""), S("\\\"") },
	{ S("\\"), S("\\\\") },
	{ S("\n"), S("\\n") },
	{ S("\r"), S("\\r") },
	{ S("\t"), S("\\t") },
	{ S("\0"), S("\\u0000") },
	{ S("\x01"), S("\\u0001") },
	{ S("\x08"), S("\\u0008") },
	{ S("\x0c"), S("\\u000c") },
	{ S("\x1b[0m"), S("\\u001b[0m") },
	{ S("\x1f"), S("\\u001f") },
	{ S("\x7f"), S("\\u007f") },
	{ S(" ~/'"), S(" ~/'") },		/* 0x20, 0x7e, no escape */
	{ S("a\"b\\c\nd"), S("a\\\"b\\\\c\\nd") },
	/* valid UTF-8 stays as it is: 2, 3 and 4 bytes and the edges */
	{ S("\xc2\x80"), S("\xc2\x80") },		/* U+0080 */
	{ S("caf\xc3\xa9"), S("caf\xc3\xa9") },		/* U+00E9 */
	{ S("\xdf\xbf"), S("\xdf\xbf") },		/* U+07FF */
	{ S("\xe0\xa0\x80"), S("\xe0\xa0\x80") },	/* U+0800 */
	{ S("\xe2\x82\xac"), S("\xe2\x82\xac") },	/* U+20AC */
	{ S("\xed\x9f\xbf"), S("\xed\x9f\xbf") },	/* U+D7FF */
	{ S("\xee\x80\x80"), S("\xee\x80\x80") },	/* U+E000 */
	{ S("\xef\xbb\xbf"), S("\xef\xbb\xbf") },	/* U+FEFF */
	{ S("\xef\xbf\xbf"), S("\xef\xbf\xbf") },	/* U+FFFF */
	{ S("\xf0\x90\x80\x80"), S("\xf0\x90\x80\x80") },	/* U+10000 */
	{ S("\xf0\x9f\x98\x80"), S("\xf0\x9f\x98\x80") },	/* U+1F600 */
	{ S("\xf4\x8f\xbf\xbf"), S("\xf4\x8f\xbf\xbf") },	/* U+10FFFF */
	{ S("\xc2\xa0\xe2\x82\xac\xf0\x9f\x98\x80"),
	    S("\xc2\xa0\xe2\x82\xac\xf0\x9f\x98\x80") },
	/* overlong forms: one U+FFFD a byte */
	{ S("\xc0\x80"), S(FFFD FFFD) },
	{ S("\xc1\xbf"), S(FFFD FFFD) },
	{ S("\xe0\x80\x80"), S(FFFD FFFD FFFD) },
	{ S("\xe0\x9f\xbf"), S(FFFD FFFD FFFD) },
	{ S("\xf0\x80\x80\x80"), S(FFFD FFFD FFFD FFFD) },
	{ S("\xf0\x8f\xbf\xbf"), S(FFFD FFFD FFFD FFFD) },
	/* UTF-16 surrogates */
	{ S("\xed\xa0\x80"), S(FFFD FFFD FFFD) },	/* U+D800 */
	{ S("\xed\xbf\xbf"), S(FFFD FFFD FFFD) },	/* U+DFFF */
	{ S("\xed\xa0\xbd\xed\xb8\x80"),		/* CESU-8 pair */
	    S(FFFD FFFD FFFD FFFD FFFD FFFD) },
	/* past U+10FFFF, and lead bytes that never start anything */
	{ S("\xf4\x90\x80\x80"), S(FFFD FFFD FFFD FFFD) },
	{ S("\xf5\x80\x80\x80"), S(FFFD FFFD FFFD FFFD) },
	{ S("\xf7\xbf\xbf\xbf"), S(FFFD FFFD FFFD FFFD) },
	{ S("\xf8\x88\x80\x80\x80"), S(FFFD FFFD FFFD FFFD FFFD) },
	{ S("\xfe"), S(FFFD) },
	{ S("\xff"), S(FFFD) },
	/* lone continuation bytes */
	{ S("\x80"), S(FFFD) },
	{ S("\xbf"), S(FFFD) },
	{ S("a\x80z"), S("a" FFFD "z") },
	{ S("\xc3\xa9\xa9"), S("\xc3\xa9" FFFD) },
	/* truncated at the end */
	{ S("a\xc3"), S("a" FFFD) },
	{ S("\xe2\x82"), S(FFFD FFFD) },
	{ S("\xe2"), S(FFFD) },
	{ S("\xf0\x9f\x98"), S(FFFD FFFD FFFD) },
	{ S("\xf0\x9f"), S(FFFD FFFD) },
	{ S("\xf0"), S(FFFD) },
	/* truncated inside: what follows is read again on its own */
	{ S("\xe2\x82z"), S(FFFD FFFD "z") },
	{ S("\xc3\x28"), S(FFFD "(") },
	{ S("\xc3\n"), S(FFFD "\\n") },
	{ S("\xf0\x9f\x98\""), S(FFFD FFFD FFFD "\\\"") },
	{ S("\xe2\xc3\xa9"), S(FFFD "\xc3\xa9") },
};

static void
test_escape(void **state)
{
	char *out;
	size_t i, got;

	(void)state;
	for (i = 0; i < NELEM(esc); i++) {
		/* six bytes out for one in is the worst case */
		out = malloc(6 * esc[i].n + 1);
		assert_non_null(out);
		got = logfmt_json_escape(esc[i].in, esc[i].n, out);
		if (got != esc[i].wantlen ||
		    memcmp(out, esc[i].want, got) != 0) {
			char msg[512];

			snprintf(msg, sizeof(msg), "escape #%zu: \"%.*s\", "
			    "want \"%.*s\"", i, (int)got, out,
			    (int)esc[i].wantlen, esc[i].want);
			free(out);
			fail_msg("%s", msg);
		}
		free(out);
	}
}

/* Every single byte: escaped, kept, or U+FFFD, never more than 6 bytes. */
static void
test_escape_every_byte(void **state)
{
	char in[1], out[6];
	size_t got;
	int c;

	(void)state;
	for (c = 0; c < 256; c++) {
		in[0] = (char)c;
		got = logfmt_json_escape(in, 1, out);
		if (c == '"' || c == '\\')
			assert_int_equal(got, 2);
		else if (c < 0x20 || c == 0x7f)
			assert_true(got == 2 || got == 6);
		else if (c < 0x80) {
			assert_int_equal(got, 1);
			assert_int_equal(out[0], c);
		} else {
			assert_int_equal(got, 6);
			assert_memory_equal(out, FFFD, 6);
		}
	}
}

static const struct {
	int64_t		 ms;
	const char	*want;
} times[] = {
	{ 0, "1970-01-01T00:00:00.000Z" },
	{ 1, "1970-01-01T00:00:00.001Z" },
	{ 999, "1970-01-01T00:00:00.999Z" },
	{ 1000, "1970-01-01T00:00:01.000Z" },
	{ 86399999, "1970-01-01T23:59:59.999Z" },
	{ 86400000, "1970-01-02T00:00:00.000Z" },
	/* before 1970: the milliseconds still count up */
	{ -1, "1969-12-31T23:59:59.999Z" },
	{ -999, "1969-12-31T23:59:59.001Z" },
	{ -1000, "1969-12-31T23:59:59.000Z" },
	{ -1001, "1969-12-31T23:59:58.999Z" },
	{ -86400000, "1969-12-31T00:00:00.000Z" },
	{ -86400001, "1969-12-30T23:59:59.999Z" },
	{ -2208988800000, "1900-01-01T00:00:00.000Z" },
	{ -2203891200001, "1900-02-28T23:59:59.999Z" },	/* no Feb 29 */
	{ -11670998400000, "1600-02-29T00:00:00.000Z" },
	{ -62135596800000, "0001-01-01T00:00:00.000Z" },
	/* leap days */
	{ 951782399999, "2000-02-28T23:59:59.999Z" },
	{ 951782400000, "2000-02-29T00:00:00.000Z" },
	{ 951868800000, "2000-03-01T00:00:00.000Z" },
	{ 4107502923004, "2100-02-28T13:02:03.004Z" },
	{ 1735689599999, "2024-12-31T23:59:59.999Z" },
	{ 1735689600000, "2025-01-01T00:00:00.000Z" },
	{ 2147483648000, "2038-01-19T03:14:08.000Z" },
	{ 253402300799999, "9999-12-31T23:59:59.999Z" },
};

static void
test_time(void **state)
{
	char out[25];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(times); i++) {
		memset(out, 'X', sizeof(out));
		logfmt_time(times[i].ms, out);
		if (strcmp(out, times[i].want) != 0)
			fail_msg("logfmt_time(%lld) = \"%.25s\", want \"%s\"",
			    (long long)times[i].ms, out, times[i].want);
	}
}

/* Against the libc: a day and 1 h 2 min 3.004 s apart, 1600 to 2400. */
static void
test_time_vs_gmtime(void **state)
{
	const int64_t step = 86400000 + 3723004;
	char out[25], want[32];
	int64_t ms;
	time_t t;
	struct tm tm;

	(void)state;
	for (ms = -11670998400000; ms < 13569465600000; ms += step) {
		t = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
		assert_non_null(gmtime_r(&t, &tm));
		snprintf(want, sizeof(want),
		    "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
		    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
		    tm.tm_sec, (int)(ms - (int64_t)t * 1000));
		logfmt_time(ms, out);
		if (strcmp(out, want) != 0)
			fail_msg("logfmt_time(%lld) = \"%s\", want \"%s\"",
			    (long long)ms, out, want);
	}
}

/*
 * The worst lines: every byte six bytes out (control characters, bytes
 * outside UTF-8), in prefix, source and message, split or not. Rendered
 * into exactly logfmt_max() bytes: a byte more and ASan stops the test.
 */
static void
test_max_bounds_render(void **state)
{
	static const char fill[] = { '\x01', '\x80', '\xff', '"', '\\', '\n',
	    'a', '\xc3', '\xe2', '\xf0' };
	static const size_t lens[] = { 0, 1, 2, 3, 100, 65536 };
	struct logfmt_line l;
	char *msg, *pre, *src, *out;
	size_t f, i, max, got;
	int k, split;

	(void)state;
	msg = malloc(65536);
	pre = malloc(65);
	src = malloc(257);
	assert_non_null(msg);
	assert_non_null(pre);
	assert_non_null(src);
	for (f = 0; f < NELEM(fill); f++) {
		memset(msg, fill[f], 65536);
		/* NUL-terminated strings: never a NUL in them */
		memset(pre, fill[f], 64);
		pre[64] = '\0';
		memset(src, fill[f], 256);
		src[256] = '\0';
		for (i = 0; i < NELEM(lens); i++) {
			for (k = LOGFMT_TEXT; k <= LOGFMT_JSON; k++) {
				for (split = 0; split <= 1; split++) {
					l.prefix = i % 2 ? pre : "";
					l.source = i % 2 ? "/" : src;
					l.stream = "stderr";
					l.msg = msg;
					l.len = lens[i];
					l.split = split;
					l.time_ms = -62135596800000;
					max = logfmt_max(k, &l);
					out = malloc(max);
					assert_non_null(out);
					got = logfmt_render(k, &l, out, max);
					assert_true(got <= max);
					assert_int_equal(out[got - 1], '\n');
					free(out);
				}
			}
		}
	}
	free(msg);
	free(pre);
	free(src);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_escape_every_byte),
		cmocka_unit_test(test_time),
		cmocka_unit_test(test_time_vs_gmtime),
		cmocka_unit_test(test_max_bounds_render),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
