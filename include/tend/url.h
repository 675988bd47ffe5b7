/*
 * Endpoint URLs for wait and health: tcp://, tcp4://, tcp6://, http://,
 * unix://, file://. Pure: the string is only taken apart, nothing resolved.
 */
#ifndef TEND_URL_H
#define TEND_URL_H

#include <stddef.h>
#include <stdint.h>

/* 0..3 in this order: url_parse maps scheme names to them by index */
enum url_scheme {
	URL_TCP,
	URL_HTTP,
	URL_UNIX,	/* connect(2) to a unix stream socket */
	URL_FILE,	/* the path exists */
};

#define URL_HOST_MAX	255	/* a DNS name's limit */
#define URL_PATH_MAX	1024

struct url {
	enum url_scheme	 scheme;
	int		 family;	/* 0 any, 4 or 6: tcp4/tcp6 */
	char		 host[URL_HOST_MAX + 1];  /* no brackets: "::1" */
	uint16_t	 port;		/* 1..65535; http defaults to 80 */
	/*
	 * http: path and query ("/" when none); unix, file: an absolute
	 * path. After a successful url_parse the bytes past it are zero (a
	 * unix path is copied whole into sun_path).
	 */
	char		 path[URL_PATH_MAX + 1];
};

/*
 * Parse s. Host and port are required for tcp ("tcp://db:5432",
 * "tcp://[::1]:80"); http takes "http://host[:port][/path[?query]]"
 * (a fragment is dropped; a blank or control byte in the path is
 * refused, as it would end the request line); unix:///path and
 * file:///path take an absolute path, kept byte for byte, and no host.
 * The scheme is lower case. A host in brackets must be an IPv6 literal;
 * other hosts are not checked as names here (the resolver does), but
 * take no ':', '@', blank or control byte. tcp4/tcp6 set family and do
 * not check a literal against it. https:// is refused (no TLS here) with
 * a hint to probe tcp://HOST:443. 0 or -1 with a reason in err (without
 * s itself: the caller names the URL).
 */
int	url_parse(struct url *u, const char *s, char *err, size_t errlen);

#endif
