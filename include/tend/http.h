/*
 * The HTTP/1.1 bits of a probe, pure: the request, and a verdict over the
 * bytes received so far (relayd's check_http_code: a function over a
 * buffer, testable without a socket).
 */
#ifndef TEND_HTTP_H
#define TEND_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "tend/url.h"

/*
 * "GET <path> HTTP/1.1\r\nHost: <host>[:<port>]\r\nUser-Agent: tend\r\n
 * Connection: close\r\n\r\n" into buf (IPv6 hosts in brackets, the port
 * only when not 80), NUL-terminated. Returns the length, or 0 if it and
 * its NUL do not fit.
 */
size_t	http_request(char *buf, size_t len, const struct url *u);

/*
 * The status code of the response in buf[0..len): "HTTP/1.x NNN ..." up to
 * the end of the status line. Returns 100..599; 0 when more bytes are
 * needed to decide; -1 when it is not an HTTP/1.x status line. Decided
 * at the first wrong byte, or once the 13 bytes of "HTTP/1.1 200 " are
 * in (the code ends at a blank, CR or LF; no reason phrase is needed).
 */
int	http_status(const char *buf, size_t len);

/*
 * Offset of the body (just past the first "\r\n\r\n" or "\n\n"), or 0 if
 * it is not there yet.
 */
size_t	http_body(const char *buf, size_t len);

/*
 * Whether the headers in buf[0..body) say "Transfer-Encoding: ...chunked"
 * (names and the coding in any case).
 */
bool	http_is_chunked(const char *buf, size_t body);

/*
 * The data of a chunked body in[0..n) (RFC 9112 7.1), as much as has
 * come: into out, at most cap bytes; a chunk cut short gives what of it
 * is in. *done once the last (zero-size) chunk is read. Returns the
 * length written. Extensions are skipped, trailers not read.
 */
size_t	http_dechunk(const char *in, size_t n, char *out, size_t cap,
	    bool *done);

/* A status range: "200", "200-399"; 100 <= lo <= hi <= 599. 0 or -1. */
int	http_range_parse(const char *s, int *lo, int *hi, char *err,
	    size_t errlen);

#endif
