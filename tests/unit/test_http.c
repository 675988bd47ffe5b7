/*
 * http: the request for a parsed URL and the buffer it must fit; the
 * status line over whole, truncated and garbage buffers (every prefix of
 * each, in a buffer of exactly that size, so ASan sees any read past
 * it); the end of the header; status ranges at and past 100 and 599.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tend/http.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define S(s)	s, sizeof(s) - 1

#define TAIL	"\r\nUser-Agent: tend\r\nConnection: close\r\n\r\n"

static const struct {
	const char	*url;
	const char	*req;
} requests[] = {
	{ "http://h", "GET / HTTP/1.1\r\nHost: h" TAIL },
	{ "http://h:80/x", "GET /x HTTP/1.1\r\nHost: h" TAIL },
	{ "http://h:8080/health?full=1#top",
	    "GET /health?full=1 HTTP/1.1\r\nHost: h:8080" TAIL },
	{ "http://[::1]/", "GET / HTTP/1.1\r\nHost: [::1]" TAIL },
	{ "http://[fe80::1]:81/a", "GET /a HTTP/1.1\r\nHost: [fe80::1]:81"
	    TAIL },
	{ "http://10.0.0.1:65535?q", "GET /?q HTTP/1.1\r\nHost: "
	    "10.0.0.1:65535" TAIL },
};

static void
test_request(void **state)
{
	struct url u;
	char err[128], *buf;
	size_t i, n, want, len;

	(void)state;
	for (i = 0; i < NELEM(requests); i++) {
		if (url_parse(&u, requests[i].url, err, sizeof(err)) != 0)
			fail_msg("%s: %s", requests[i].url, err);
		want = strlen(requests[i].req);
		/* every size: too small gives 0; the request and a NUL fit */
		for (len = 0; len <= want + 2; len++) {
			buf = test_malloc(len + 1);
			n = http_request(buf, len, &u);
			if (len <= want) {
				if (n != 0)
					fail_msg("%s in %zu bytes: %zu",
					    requests[i].url, len, n);
			} else if (n != want ||
			    memcmp(buf, requests[i].req, want) != 0)
				fail_msg("%s: \"%.*s\"", requests[i].url,
				    (int)n, buf);
			test_free(buf);
		}
	}
}

static const struct {
	const char	*buf;
	size_t		 len;
	int		 want;
} status[] = {
	{ S("HTTP/1.1 200 OK\r\n"), 200 },
	{ S("HTTP/1.0 200 OK"), 200 },
	{ S("HTTP/1.1 503 Service Unavailable\r\n"), 503 },
	{ S("HTTP/1.1 200\r\n"), 200 },		/* no reason phrase */
	{ S("HTTP/1.1 204\n"), 204 },
	{ S("HTTP/1.1 200 \r\n"), 200 },
	{ S("HTTP/1.1 100 Continue\r\n"), 100 },
	{ S("HTTP/1.1 599 x"), 599 },
	{ S("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"), 404 },
	{ S("HTTP/1.9 302 Found"), 302 },
	/* decided once byte 13 is in */
	{ S("HTTP/1.1 200 "), 200 },
	{ S("HTTP/1.1 200\r"), 200 },
	/* truncated: more is needed */
	{ S(""), 0 },
	{ S("H"), 0 },
	{ S("HTTP"), 0 },
	{ S("HTTP/1."), 0 },
	{ S("HTTP/1.1"), 0 },
	{ S("HTTP/1.1 "), 0 },
	{ S("HTTP/1.1 2"), 0 },
	{ S("HTTP/1.1 20"), 0 },
	{ S("HTTP/1.1 200"), 0 },		/* a fourth digit may come */
	/* garbage: decided at the first wrong byte */
	{ S("X"), -1 },
	{ S("HTTX"), -1 },
	{ S("HTTP/2 200 OK"), -1 },
	{ S("HTTP/2"), -1 },
	{ S("HTTP/1.x 200 OK"), -1 },
	{ S("HTTP/1.1  200 OK"), -1 },
	{ S("HTTP/1.1\t200 OK"), -1 },
	{ S("http/1.1 200 OK"), -1 },
	{ S(" HTTP/1.1 200 OK"), -1 },
	{ S("\r\nHTTP/1.1 200 OK"), -1 },
	{ S("HTTP/1.1 2000 OK"), -1 },		/* four digits */
	{ S("HTTP/1.1 20 OK"), -1 },
	{ S("HTTP/1.1 200OK"), -1 },
	{ S("HTTP/1.1 20x OK"), -1 },
	{ S("HTTP/1.1 099 x"), -1 },
	{ S("HTTP/1.1 000 x"), -1 },
	{ S("HTTP/1.1 600 x"), -1 },
	{ S("HTTP/1.1 999 x"), -1 },
	{ S("HTTP/1.1 6"), -1 },		/* 6xx: no need to wait */
	{ S("HTTP/1.1 0"), -1 },
	{ S("HTTP/1.1 -20 x"), -1 },
	{ S("HTTP/1.1 +20 x"), -1 },
	{ S("HTTP/1.1\0""200 OK"), -1 },
	{ S("SSH-2.0-OpenSSH_9.6\r\n"), -1 },
	{ S("<html><body>"), -1 },
	{ S("\x16\x03\x01\x02\x00"), -1 },	/* a TLS handshake */
};

static int
status_of(const char *s, size_t len)
{
	char *buf = test_malloc(len + 1);
	int rc;

	memcpy(buf, s, len);
	rc = http_status(buf, len);
	test_free(buf);
	return rc;
}

static void
test_status(void **state)
{
	size_t i, k;
	int rc, got, decided;

	(void)state;
	for (i = 0; i < NELEM(status); i++) {
		rc = status_of(status[i].buf, status[i].len);
		if (rc != status[i].want)
			fail_msg("http_status(\"%.*s\") = %d, want %d",
			    (int)status[i].len, status[i].buf, rc,
			    status[i].want);
		/*
		 * every prefix: 0 until decided, then the same verdict; more
		 * bytes never change it
		 */
		decided = 0;
		for (k = 0; k <= status[i].len; k++) {
			got = status_of(status[i].buf, k);
			if (got != 0)
				decided = 1;
			if (got != (decided ? rc : 0))
				fail_msg("\"%.*s\" (%zu of %zu) = %d, then %d",
				    (int)k, status[i].buf, k, status[i].len,
				    got, rc);
		}
	}
}

/* Every code 0..999 in a line: 100..599 read back, the rest refused. */
static void
test_every_code(void **state)
{
	char line[32];
	int c, want;

	(void)state;
	for (c = 0; c <= 999; c++) {
		snprintf(line, sizeof(line), "HTTP/1.1 %03d X\r\n", c);
		want = c >= 100 && c <= 599 ? c : -1;
		assert_int_equal(status_of(line, strlen(line)), want);
	}
}

static const struct {
	const char	*buf;
	size_t		 len;
	size_t		 want;
} body[] = {
	{ S("HTTP/1.1 200 OK\r\n\r\nbody"), 19 },
	{ S("HTTP/1.1 200 OK\r\nA: b\r\n\r\n"), 25 },
	{ S("HTTP/1.0 200 OK\nA: b\n\nx"), 22 },
	{ S("\r\n\r\n"), 4 },
	{ S("\n\n"), 2 },
	{ S("a\n\r\nb"), 4 },
	{ S("a\r\n\nb"), 4 },
	{ S("a\n\n\r\n\r\n"), 3 },		/* the first end */
	{ S(""), 0 },
	{ S("\n"), 0 },
	{ S("\r\n"), 0 },
	{ S("\r\n\r"), 0 },
	{ S("HTTP/1.1 200 OK\r\n"), 0 },
	{ S("HTTP/1.1 200 OK\r\nA: b\r\n\r"), 0 },
	{ S("a\r\r\nb"), 0 },
	{ S("a\n\rb\n"), 0 },
};

static void
test_body(void **state)
{
	size_t i, got;
	char *buf;

	(void)state;
	for (i = 0; i < NELEM(body); i++) {
		buf = test_malloc(body[i].len + 1);
		memcpy(buf, body[i].buf, body[i].len);
		got = http_body(buf, body[i].len);
		test_free(buf);
		if (got != body[i].want)
			fail_msg("http_body(\"%.*s\") = %zu, want %zu",
			    (int)body[i].len, body[i].buf, got, body[i].want);
		/* one byte less and the end is not there yet */
		if (got > 0 && http_body(body[i].buf, got - 1) != 0)
			fail_msg("http_body(\"%.*s\") found early",
			    (int)got - 1, body[i].buf);
	}
}

static const struct {
	const char	*in;
	int		 lo, hi;
} range_good[] = {
	{ "200", 200, 200 },
	{ "100", 100, 100 },
	{ "599", 599, 599 },
	{ "200-399", 200, 399 },
	{ "100-599", 100, 599 },
	{ "204-204", 204, 204 },
	{ "0200-0399", 200, 399 },
};

static const char *const range_bad[] = {
	"", "99", "600", "0", "1000", "200-", "-200", "-", "399-200",
	"200-600", "099-200", "200-99", "2OO", "200 ", " 200", "200 -399",
	"200-399x", "200--399", "+200", "200-+399", "1e2", "200,300",
	"200-399-400", "99999999999999999999", "200-99999999999999999999",
};

static void
test_range(void **state)
{
	char err[256], quoted[64];
	size_t i;
	int lo, hi;

	(void)state;
	for (i = 0; i < NELEM(range_good); i++) {
		lo = hi = -7;
		if (http_range_parse(range_good[i].in, &lo, &hi, err,
		    sizeof(err)) != 0)
			fail_msg("\"%s\" refused: %s", range_good[i].in, err);
		if (lo != range_good[i].lo || hi != range_good[i].hi)
			fail_msg("\"%s\" = %d-%d", range_good[i].in, lo, hi);
	}
	for (i = 0; i < NELEM(range_bad); i++) {
		lo = hi = -7;
		err[0] = '\0';
		if (http_range_parse(range_bad[i], &lo, &hi, err,
		    sizeof(err)) != -1)
			fail_msg("\"%s\" accepted: %d-%d", range_bad[i], lo,
			    hi);
		if (lo != -7 || hi != -7)
			fail_msg("\"%s\" wrote %d-%d on error", range_bad[i],
			    lo, hi);
		snprintf(quoted, sizeof(quoted), "'%s'", range_bad[i]);
		if (strstr(err, quoted) == NULL)
			fail_msg("\"%s\": \"%s\" lacks %s", range_bad[i], err,
			    quoted);
	}
}

/* Transfer-Encoding: chunked, in the headers only, in any case */
static void
test_is_chunked(void **state)
{
	static const struct {
		const char	*head;
		bool		 chunked;
	} t[] = {
		{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", true },
		{ "HTTP/1.1 200 OK\r\ntransfer-encoding: CHUNKED\r\n\r\n", true },
		{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
		  true },
		{ "HTTP/1.1 200 OK\nTRANSFER-ENCODING:chunked\n\n", true },
		{ "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n", false },
		{ "HTTP/1.1 200 OK\r\nX-Transfer-Encoding: chunked\r\n\r\n",
		  false },
		{ "HTTP/1.1 200 OK\r\nX: chunked\r\n\r\n", false },
		{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunke\r\n\r\n", false },
		{ "HTTP/1.1 200 OK\r\n\r\n", false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(t); i++)
		if (http_is_chunked(t[i].head, strlen(t[i].head)) !=
		    t[i].chunked)
			fail_msg("%s: want %d", t[i].head, t[i].chunked);
}

/*
 * Every prefix of a chunked body decodes to a prefix of its data, and the
 * whole to all of it, done; out's bound is kept.
 */
static void
test_dechunk(void **state)
{
	static const struct {
		const char	*in;
		const char	*data;
	} t[] = {
		{ "3\r\nsta\r\n4;ext=1\r\ntus:\r\n3\r\n ok\r\n0\r\n\r\n",
		  "status: ok" },
		{ "A\r\n0123456789\r\n1f\r\nabcdefghijklmnopqrstuvwxyz01234"
		  "\r\n0\r\n\r\n", "0123456789abcdefghijklmnopqrstuvwxyz01234" },
		{ "5\nhello\n0\n\n", "hello" },
		{ "0\r\n\r\n", "" },
	};
	char out[64];
	size_t i, k, n, want;
	bool done;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		want = strlen(t[i].data);
		for (k = 0; k <= strlen(t[i].in); k++) {
			memset(out, '#', sizeof(out));
			n = http_dechunk(t[i].in, k, out, sizeof(out), &done);
			if (n > want || memcmp(out, t[i].data, n) != 0)
				fail_msg("%s [%zu]: %.*s", t[i].in, k, (int)n, out);
			if (k == strlen(t[i].in) && (n != want || !done))
				fail_msg("%s: %zu of %zu, done %d", t[i].in, n,
				    want, done);
		}
		/* a small out: cut, never overrun */
		memset(out, '#', sizeof(out));
		n = http_dechunk(t[i].in, strlen(t[i].in), out, 4, &done);
		assert_true(n <= 4 && out[4] == '#');
		assert_memory_equal(out, t[i].data, n);
	}
	/* a size that is not hex ends the data; a huge one is cut */
	n = http_dechunk("zz\r\nabc", 7, out, sizeof(out), &done);
	assert_int_equal(n, 0);
	n = http_dechunk("ffffffffffffffffff\r\nabc", 23, out, sizeof(out),
	    &done);
	assert_true(n <= 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request),
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_every_code),
		cmocka_unit_test(test_body),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_is_chunked),
		cmocka_unit_test(test_dechunk),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
