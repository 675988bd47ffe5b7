/* Endpoint URLs (see include/tend/url.h); pure: taken apart, not resolved. */
#include <string.h>

#include "tend/dns.h"
#include "tend/fmt.h"
#include "tend/num.h"
#include "tend/url.h"

/* By index: tcp, tcp4, tcp6 (0-2), http (3), unix, file (4, 5), https. */
static const char url_names[][6] = {
	"tcp", "tcp4", "tcp6", "http", "unix", "file", "https",
};

int
url_parse(struct url *u, const char *s, char *err, size_t errlen)
{
	const char *a, *e, *h, *p, *q = s, *why;
	unsigned char lit[16];
	char *d;
	unsigned long port;
	size_t n = 0, i;

	memset(u, 0, sizeof(*u));
	why = "missing scheme (tcp://, http://, unix:// or file://)";
	p = strchr(s, ':');
	if (p == NULL || p[1] != '/' || p[2] != '/')
		goto fail;
	a = p + 3;
	n = (size_t)(p - s);
	for (i = n > 5 ? 7 : 0; i < 7; i++)
		if (strncmp(s, url_names[i], n) == 0 && url_names[i][n] == 0)
			break;
	why = "unknown scheme";
	if (i == 7)
		goto fail;
	/* from here on, q[0..n) is quoted in a message when n > 0 */
	n = 0;
	for (e = a; *e != '\0' && *e != '/' && *e != '?' && *e != '#'; e++)
		;
	if (i == 6) {
		/* the same host and port over plain TCP: tcp://h:443 */
		p = memchr(a, ']', (size_t)(e - a));
		p = memchr(p ? p : a, ':', (size_t)(e - (p ? p : a)));
		fmt_s(err, errlen, "https is not supported (no TLS in tend): "
		    "probe tcp://%s%.*s%s instead", e == a ? "HOST" : "",
		    (int)(e - a), a, p ? "" : ":443");
		return -1;
	}
	/* by index: URL_TCP (0) thrice, URL_HTTP, URL_UNIX, URL_FILE (3) */
	u->scheme = (enum url_scheme)"\0\0\0\1\2\3"[i];
	if (i > 3) {
		/* unix:///run/x.sock: the path as it is, blanks and all */
		why = "unix:// and file:// take an absolute path, no host";
		if (*a != '/')
			goto fail;
		e = a;
		goto path;
	}
	u->family = "\0\4\6"[i];
	u->port = i == 3 ? 80 : 0;
	why = "user info (user@) is not supported";
	if (memchr(a, '@', (size_t)(e - a)) != NULL)
		goto fail;
	h = a;
	if (*a == '[') {
		h++;
		p = memchr(h, ']', (size_t)(e - h));
		why = "missing ']'";
		if (p == NULL)
			goto fail;
	} else {
		for (p = a; p < e && *p != ':'; p++)
			if ((unsigned char)*p <= ' ')
				break;
		why = "blank or control character in the host";
		if (p < e && *p != ':')
			goto fail;
		why = "an IPv6 address needs brackets, as in [::1]:80";
		if (p < e && memchr(p + 1, ':', (size_t)(e - p - 1)) != NULL)
			goto fail;
	}
	n = (size_t)(p - h);
	why = n == 0 ? "missing host" : "host too long";
	if (n == 0 || n > URL_HOST_MAX) {
		n = 0;
		goto fail;
	}
	memcpy(u->host, h, n);
	q = h;
	why = "not an IPv6 address";
	if (h != a && dns_addr_parse(h, n, lit) != 6)
		goto fail;

	/* what follows the host is ":PORT", or nothing */
	q = p + (h != a);
	n = 0;
	why = "missing port";
	if (q < e) {
		if (*q == ':' && ++q == e)
			goto fail;
		p = q;
		n = (size_t)(e - q);
		why = "bad port";
		if (num_scan(&p, 65535, &port) < 0 || p != e || port == 0)
			goto fail;
		u->port = (uint16_t)port;
		n = 0;
	}
	if (u->port == 0)
		goto fail;
	why = "junk after the port";
	if (i < 3 && *e != '\0')
		goto fail;
	if (i < 3)
		return 0;
	/*
	 * http: "/" when there is no path, the query kept, a fragment not.
	 * unix, file (i > 3): the path byte for byte, blanks and all.
	 */
path:
	d = u->path;
	if (*e != '/')
		*d++ = '/';
	for (; *e != '\0' && (i > 3 || *e != '#'); e++) {
		why = "path too long";
		if (d == u->path + URL_PATH_MAX)
			goto fail;
		/* a blank or control character would end the request line */
		why = "blank or control character in the path";
		if (i == 3 && (unsigned char)*e <= ' ')
			goto fail;
		*d++ = *e;
	}
	return 0;
fail:
	if (n == 0)
		fmt_s(err, errlen, "%s", why);
	else
		fmt_s(err, errlen, "%s '%.*s'", why, (int)n, q);
	return -1;
}
