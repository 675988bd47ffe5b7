/* The HTTP/1.1 bits of a probe (see include/tend/http.h); pure. */
#include <stdint.h>
#include <string.h>

#include "tend/fmt.h"
#include "tend/http.h"
#include "tend/num.h"

#define HTTP_TAIL	"\r\nUser-Agent: tend\r\nConnection: close\r\n\r\n"

size_t
http_request(char *buf, size_t len, const struct url *u)
{
	size_t n;
	int v6 = strchr(u->host, ':') != NULL;

	/*
	 * In two pieces, the port in the second only when it is not 80 (the
	 * linker keeps one copy of the common tail). Cut short (fmt_s writes
	 * nothing more once full), it would not end in a blank line:
	 * url_parse lets no line end into the path or host.
	 */
	n = fmt_s(buf, len, "GET %s HTTP/1.1\r\nHost: %s%s%s", u->path,
	    v6 ? "[" : "", u->host, v6 ? "]" : "");
	n += fmt_s(buf + n, len - n, u->port != 80 ? ":%d" HTTP_TAIL :
	    HTTP_TAIL, u->port);
	return n >= 4 && memcmp(buf + n - 4, "\r\n\r\n", 4) == 0 ? n : 0;
}

/*
 * Byte by byte, each within its bounds in lo and hi: "HTTP/1.", a digit,
 * a blank, a code of 100..599, then what ends the code (a blank, or the
 * line end when there is no reason phrase). So a wrong byte decides at
 * once, and a line that starts right needs only its first 13 bytes.
 */
int
http_status(const char *buf, size_t len)
{
	static const char lo[] = "HTTP/1.0 100", hi[] = "HTTP/1.9 599";
	size_t i;
	char c;

	for (i = 0; i < sizeof(lo); i++) {
		if (i == len)
			return 0;
		c = buf[i];
		if (i == sizeof(lo) - 1 ? c != ' ' && c != '\r' && c != '\n' :
		    c < lo[i] || c > hi[i])
			return -1;
	}
	return (buf[9] - '0') * 100 + (buf[10] - '0') * 10 + buf[11] - '0';
}

size_t
http_body(const char *buf, size_t len)
{
	size_t i;

	/* "\n\n" or "\n\r\n": the end of "\r\n\r\n" too */
	for (i = 0; i + 1 < len; i++) {
		if (buf[i] != '\n')
			continue;
		if (buf[i + 1] == '\n')
			return i + 2;
		if (buf[i + 1] == '\r' && i + 2 < len && buf[i + 2] == '\n')
			return i + 3;
	}
	return 0;
}

int
http_range_parse(const char *s, int *lo, int *hi, char *err, size_t errlen)
{
	struct num_read a = num_read(s, 599), b = a;

	/* no addresses taken: no stack canary where this is inlined */
	if (a.end != NULL && *a.end == '-')
		b = num_read(a.end + 1, 599);
	if (b.end != NULL && *b.end == '\0' && a.v >= 100 && a.v <= b.v) {
		*lo = (int)a.v;
		*hi = (int)b.v;
		return 0;
	}
	fmt_s(err, errlen, "bad status range '%s' (as in 200 or 200-399, "
	    "within 100-599)", s);
	return -1;
}

/* s at p, in any case (s lower case, or ':'), within end */
static bool
http_word(const char *p, const char *end, const char *s)
{
	for (; *s; p++, s++)
		if (p == end || (*p | 0x20) != *s)
			return false;
	return true;
}

bool
http_is_chunked(const char *buf, size_t body)
{
	const char *p = buf, *end = buf + body, *l;

	while ((l = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		p = l + 1;
		if (!http_word(p, end, "transfer-encoding:"))
			continue;
		for (l = p + 18; l < end && *l != '\n'; l++)
			if (http_word(l, end, "chunked"))
				return true;
	}
	return false;
}

size_t
http_dechunk(const char *in, size_t n, char *out, size_t cap, bool *done)
{
	const char *p = in, *end = in + n, *nl;
	size_t o = 0, size, take;
	int v;

	*done = false;
	while (p < end) {
		/* "SIZE[;ext]\r\n" in hex, then SIZE bytes, then "\r\n" */
		for (size = 0; p < end; p++) {
			v = *p >= '0' && *p <= '9' ? *p - '0' :
			    (*p | 0x20) >= 'a' && (*p | 0x20) <= 'f' ?
			    (*p | 0x20) - 'a' + 10 : -1;
			if (v < 0 || size > (SIZE_MAX >> 4))
				break;
			size = size * 16 + (size_t)v;
		}
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			break;
		p = nl + 1;
		if (size == 0) {
			*done = true;
			break;
		}
		take = size < (size_t)(end - p) ? size : (size_t)(end - p);
		memcpy(out + o, p, take < cap - o ? take : cap - o);
		o += take < cap - o ? take : cap - o;
		p += take;
		if (take < size || o == cap)
			break;
		/* the CRLF after the data, or what of it is in */
		p += end - p >= 2 && *p == '\r' ? 2 : end - p >= 1 &&
		    *p == '\n' ? 1 : 0;
	}
	return o;
}
