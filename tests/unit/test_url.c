/*
 * url: each scheme, IPv6 literals in brackets, ports at and past their
 * bounds (0, 1, 65535, 65536, "80x", ":"), missing parts, userinfo, junk
 * after the port, host and path lengths at and past their limits, and
 * messages that name the bad part but never the whole URL.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tend/url.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	const char	*in;
	enum url_scheme	 scheme;
	int		 family;
	const char	*host;
	unsigned	 port;
	const char	*path;
} good[] = {
	{ "tcp://db:5432", URL_TCP, 0, "db", 5432, "" },
	{ "tcp://127.0.0.1:1", URL_TCP, 0, "127.0.0.1", 1, "" },
	{ "tcp://h:65535", URL_TCP, 0, "h", 65535, "" },
	{ "tcp://h:080", URL_TCP, 0, "h", 80, "" },
	{ "tcp://my-db.svc.cluster.local:5432", URL_TCP, 0,
	    "my-db.svc.cluster.local", 5432, "" },
	{ "tcp4://localhost:80", URL_TCP, 4, "localhost", 80, "" },
	{ "tcp6://localhost:80", URL_TCP, 6, "localhost", 80, "" },
	{ "tcp6://[::1]:80", URL_TCP, 6, "::1", 80, "" },
	{ "tcp://[::1]:80", URL_TCP, 0, "::1", 80, "" },
	{ "tcp://[fe80::1]:443", URL_TCP, 0, "fe80::1", 443, "" },
	{ "tcp://[::ffff:1.2.3.4]:8", URL_TCP, 0, "::ffff:1.2.3.4", 8, "" },
	{ "tcp://[1:2:3:4:5:6:7:8]:9", URL_TCP, 0, "1:2:3:4:5:6:7:8", 9,
	    "" },
	{ "http://h", URL_HTTP, 0, "h", 80, "/" },
	{ "http://h/", URL_HTTP, 0, "h", 80, "/" },
	{ "http://h:80", URL_HTTP, 0, "h", 80, "/" },
	{ "http://h:1/", URL_HTTP, 0, "h", 1, "/" },
	{ "http://h:8080/health?x=1", URL_HTTP, 0, "h", 8080,
	    "/health?x=1" },
	{ "http://h?x=1", URL_HTTP, 0, "h", 80, "/?x=1" },
	{ "http://h/p#frag", URL_HTTP, 0, "h", 80, "/p" },
	{ "http://h#frag", URL_HTTP, 0, "h", 80, "/" },
	{ "http://h/a?b#c?d", URL_HTTP, 0, "h", 80, "/a?b" },
	{ "http://h/#", URL_HTTP, 0, "h", 80, "/" },
	{ "http://[::1]/x", URL_HTTP, 0, "::1", 80, "/x" },
	{ "http://[::1]:8080", URL_HTTP, 0, "::1", 8080, "/" },
	{ "http://[::1]?q", URL_HTTP, 0, "::1", 80, "/?q" },
	{ "http://10.0.0.1:9/a/b/c?d=e&f=%20", URL_HTTP, 0, "10.0.0.1", 9,
	    "/a/b/c?d=e&f=%20" },
	{ "http://h/a:b@c", URL_HTTP, 0, "h", 80, "/a:b@c" },
	{ "unix:///run/x.sock", URL_UNIX, 0, "", 0, "/run/x.sock" },
	{ "unix:///run/a b#c?d", URL_UNIX, 0, "", 0, "/run/a b#c?d" },
	{ "file:///tmp/ready", URL_FILE, 0, "", 0, "/tmp/ready" },
	{ "file:///", URL_FILE, 0, "", 0, "/" },
	{ "file:////x", URL_FILE, 0, "", 0, "//x" },
};

static const struct {
	const char	*in;
	const char	*why;		/* in the message */
} bad[] = {
	{ "", "missing scheme" },
	{ "localhost:80", "missing scheme" },
	{ "db", "missing scheme" },
	{ "tcp:/h:80", "missing scheme" },
	{ "tcp:h:80", "missing scheme" },
	{ "unix:/run/x", "missing scheme" },
	{ "://h:80", "unknown scheme" },
	{ "ftp://h", "unknown scheme 'ftp'" },
	{ "tcpx://h:1", "unknown scheme 'tcpx'" },
	{ "tcp44://h:1", "unknown scheme 'tcp44'" },
	{ "httpss://h", "unknown scheme 'httpss'" },
	{ "tc://h:1", "unknown scheme 'tc'" },
	{ "TCP://h:1", "unknown scheme 'TCP'" },	/* lower case only */
	{ "https://h", "https is not supported" },
	{ "https://h:8443/x", "probe tcp://h:8443 instead" },
	{ "https://example.com/", "probe tcp://example.com:443 instead" },
	{ "https://[::1]/x", "probe tcp://[::1]:443 instead" },
	{ "https://", "probe tcp://HOST:443 instead" },
	{ "tcp://h", "missing port" },
	{ "tcp://h:", "missing port" },
	{ "tcp://h/x", "missing port" },
	{ "tcp://[::1]", "missing port" },
	{ "tcp://[::1]:", "missing port" },
	{ "http://h:", "missing port" },
	{ "http://h:/x", "missing port" },
	{ "tcp://h:0", "bad port '0'" },
	{ "tcp://h:00", "bad port '00'" },
	{ "tcp://h:65536", "bad port '65536'" },
	{ "tcp://h:99999", "bad port '99999'" },
	{ "tcp://h:99999999999999999999999", "bad port" },
	{ "tcp://h:80x", "bad port '80x'" },
	{ "http://h:80x", "bad port '80x'" },
	{ "http://h:80x/path", "bad port '80x'" },
	{ "http://h:0/", "bad port '0'" },
	{ "http://h:65536/", "bad port '65536'" },
	{ "tcp://h:-1", "bad port '-1'" },
	{ "tcp://h:+80", "bad port '+80'" },
	{ "tcp://h: 80", "bad port ' 80'" },
	{ "tcp://h:0x50", "bad port '0x50'" },
	{ "tcp://h:http", "bad port 'http'" },
	{ "tcp://[::1]x:80", "bad port 'x:80'" },
	{ "tcp://[::1]:80]", "bad port '80]'" },
	{ "tcp://", "missing host" },
	{ "tcp://:80", "missing host" },
	{ "http://", "missing host" },
	{ "http:///path", "missing host" },
	{ "http://:80/", "missing host" },
	{ "tcp://[]:80", "missing host" },
	{ "tcp://::1:80", "needs brackets" },
	{ "tcp://fe80::1:80", "needs brackets" },
	{ "http://::1/", "needs brackets" },
	{ "tcp://[::1:80", "missing ']'" },
	{ "tcp://[::1/]:80", "missing ']'" },
	{ "tcp://[1.2.3.4]:80", "not an IPv6 address '1.2.3.4'" },
	{ "tcp://[foo]:80", "not an IPv6 address 'foo'" },
	{ "tcp://[fe80::1%eth0]:80", "not an IPv6 address" },
	{ "tcp://[:::1]:80", "not an IPv6 address" },
	{ "tcp://user@h:80", "user info" },
	{ "tcp://@h:80", "user info" },
	{ "http://u:p@h/", "user info" },
	{ "tcp://h:80/x", "junk after the port" },
	{ "tcp://h:80/", "junk after the port" },
	{ "tcp://h:80?x", "junk after the port" },
	{ "tcp://h:80#x", "junk after the port" },
	{ "unix://relative", "absolute path" },
	{ "unix://", "absolute path" },
	{ "unix://host/run/x.sock", "absolute path" },
	{ "file://localhost/etc", "absolute path" },
	{ "tcp://a b:80", "blank or control character in the host" },
	{ "tcp://a\x01:80", "blank or control character in the host" },
	{ "http://h\r\nX: y/", "blank or control character in the host" },
	{ "http://h/a b", "blank or control character" },
	{ "http://h/a\tb", "blank or control character" },
	{ "http://h/a\r\nX: y", "blank or control character" },
	{ "http://h?a b", "blank or control character" },
};

static void
test_good(void **state)
{
	struct url u;
	char err[256];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(good); i++) {
		err[0] = '\0';
		memset(&u, 0x55, sizeof(u));
		if (url_parse(&u, good[i].in, err, sizeof(err)) != 0)
			fail_msg("url_parse(\"%s\") failed: %s", good[i].in,
			    err);
		if (u.scheme != good[i].scheme || u.family != good[i].family ||
		    u.port != good[i].port ||
		    strcmp(u.host, good[i].host) != 0 ||
		    strcmp(u.path, good[i].path) != 0)
			fail_msg("url_parse(\"%s\") = %d %d '%s' %u '%s'",
			    good[i].in, (int)u.scheme, u.family, u.host,
			    (unsigned)u.port, u.path);
	}
}

static void
test_bad(void **state)
{
	struct url u;
	char err[256];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(bad); i++) {
		err[0] = '\0';
		if (url_parse(&u, bad[i].in, err, sizeof(err)) != -1)
			fail_msg("url_parse(\"%s\") accepted", bad[i].in);
		if (strstr(err, bad[i].why) == NULL)
			fail_msg("url_parse(\"%s\"): \"%s\" lacks \"%s\"",
			    bad[i].in, err, bad[i].why);
		/* the caller names the URL; the message does not repeat it */
		if (strlen(bad[i].in) > 8 && strstr(err, bad[i].in) != NULL)
			fail_msg("url_parse(\"%s\"): \"%s\" repeats the URL",
			    bad[i].in, err);
	}
}

/* Every port 0..70000 as text: 1..65535 taken, the rest refused. */
static void
test_every_port(void **state)
{
	struct url u;
	char in[64], err[128];
	unsigned p;
	int rc;

	(void)state;
	for (p = 0; p <= 70000; p++) {
		snprintf(in, sizeof(in), p & 1 ? "tcp://h:%u" :
		    "http://[::1]:%u/", p);
		rc = url_parse(&u, in, err, sizeof(err));
		if (p >= 1 && p <= 65535) {
			if (rc != 0 || u.port != p)
				fail_msg("\"%s\": %d %u %s", in, rc,
				    (unsigned)u.port, err);
		} else if (rc != -1)
			fail_msg("\"%s\" accepted", in);
	}
}

/* Host up to URL_HOST_MAX bytes; path up to URL_PATH_MAX, both ways. */
static void
test_lengths(void **state)
{
	static char in[4096];
	struct url u;
	char err[128];
	size_t n;

	(void)state;
	for (n = URL_HOST_MAX - 1; n <= URL_HOST_MAX + 2; n++) {
		strcpy(in, "tcp://");
		memset(in + 6, 'a', n);
		strcpy(in + 6 + n, ":1");
		if (n <= URL_HOST_MAX) {
			assert_int_equal(url_parse(&u, in, err, sizeof(err)),
			    0);
			assert_int_equal(strlen(u.host), n);
		} else {
			assert_int_equal(url_parse(&u, in, err, sizeof(err)),
			    -1);
			assert_non_null(strstr(err, "host too long"));
		}
	}
	for (n = URL_PATH_MAX - 1; n <= URL_PATH_MAX + 2; n++) {
		/* http: "/" and n - 1 more; unix: the same path */
		strcpy(in, "http://h/");
		memset(in + 9, 'p', n - 1);
		in[8 + n] = '\0';
		assert_int_equal(url_parse(&u, in, err, sizeof(err)),
		    n <= URL_PATH_MAX ? 0 : -1);
		if (n <= URL_PATH_MAX)
			assert_int_equal(strlen(u.path), n);
		else
			assert_non_null(strstr(err, "path too long"));
		memcpy(in, "unix://", 7);
		memmove(in + 7, in + 8, n + 1);
		assert_int_equal(url_parse(&u, in, err, sizeof(err)),
		    n <= URL_PATH_MAX ? 0 : -1);
		if (n <= URL_PATH_MAX)
			assert_int_equal(strlen(u.path), n);
		else
			assert_non_null(strstr(err, "path too long"));
	}
	/* the fragment does not count */
	strcpy(in, "http://h/");
	memset(in + 9, 'p', URL_PATH_MAX - 1);
	strcpy(in + 8 + URL_PATH_MAX, "#fragment");
	assert_int_equal(url_parse(&u, in, err, sizeof(err)), 0);
}

/* A tiny error buffer truncates, never overflows (ASan watches). */
static void
test_short_err_buffer(void **state)
{
	struct url u;
	char *err;
	size_t n;

	(void)state;
	for (n = 1; n < 8; n++) {
		err = test_malloc(n);
		assert_int_equal(url_parse(&u, "tcp://h:80x", err, n), -1);
		assert_int_equal(strlen(err), n - 1);
		test_free(err);
	}
	assert_int_equal(url_parse(&u, "ftp://x", NULL, 0), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_every_port),
		cmocka_unit_test(test_lengths),
		cmocka_unit_test(test_short_err_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
