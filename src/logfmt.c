/* Relayed lines as text or JSON (see include/tend/logfmt.h); pure. */
#include <string.h>

#include "tend/cron.h"
#include "tend/logfmt.h"

/* Length of the valid UTF-8 sequence at s (2..4; s[0] >= 0x80), or 0. */
static size_t
logfmt_utf8(const unsigned char *s, size_t n)
{
	uint32_t c = s[0];
	size_t len, i;

	if (c < 0xc2 || c > 0xf4)
		return 0;
	len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
	if (n < len)
		return 0;
	/* the lead byte's payload: 5, 4 or 3 bits */
	c &= 0x3fu >> (len - 1);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	/* overlong forms, UTF-16 surrogates, past U+10FFFF */
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	return len;
}

size_t
logfmt_json_escape(const char *s, size_t n, char *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, o = 0, k;

	while (i < n) {
		unsigned char c = p[i];

		if (c == '"' || c == '\\') {
			out[o++] = '\\';
			out[o++] = (char)c;
		} else if (c == '\n' || c == '\r' || c == '\t') {
			out[o++] = '\\';
			out[o++] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
		} else if (c < 0x20 || c == 0x7f) {
			memcpy(out + o, "\\u00", 4);
			/* c >> 4 is 0, 1 or 7 */
			out[o + 4] = (char)('0' + (c >> 4));
			out[o + 5] = (char)((c & 15) + ((c & 15) < 10 ? '0' :
			    'a' - 10));
			o += 6;
		} else if (c < 0x80)
			out[o++] = (char)c;
		else if ((k = logfmt_utf8(p + i, n - i)) == 0) {
			memcpy(out + o, "\\ufffd", 6);
			o += 6;
		} else {
			memcpy(out + o, p + i, k);
			o += k;
			i += k;
			continue;
		}
		i++;
	}
	return o;
}

/* a / b rounded down, b > 0. */
static int64_t
logfmt_floor(int64_t a, int64_t b)
{
	return (a >= 0 ? a : a - b + 1) / b;
}

void
logfmt_time(int64_t ms, char out[25])
{
	int64_t lm = logfmt_floor(ms, 60000);
	/* cron's civil_from_days, one copy of it in the binary */
	struct cron_tm t = cron_tm(lm);
	/*
	 * The fields left of the seconds, a byte each from the minute up,
	 * the year above them: no array (it would cost a stack canary).
	 */
	uint64_t f = (uint64_t)t.year << 32 | (uint32_t)t.mon << 24 |
	    (uint32_t)t.mday << 16 | (uint32_t)t.hour << 8 | t.min;
	int i, v = (int)(ms - lm * 60000);

	memcpy(out, "0000-00-00T00:00:00.000Z", 25);
	/*
	 * Digits from right to left: the milliseconds of the minute, then
	 * at each separator but '.' the next field to the left (the year,
	 * at out[4], is all that is left of f).
	 */
	for (i = 22; i >= 0; i--) {
		if (out[i] != '0') {
			if (i != 19) {
				v = (int)(i == 4 ? f : f & 0xff);
				f >>= 8;
			}
			continue;
		}
		out[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

size_t
logfmt_max(enum logfmt_kind k, const struct logfmt_line *l)
{
	size_t body = strlen(l->prefix) + l->len;

	if (k == LOGFMT_TEXT)
		return body + sizeof(LOGFMT_SPLIT_MARK) + 1;
	return 6 * (body + strlen(l->source)) + 128;
}

static size_t
logfmt_lit(char *out, const char *s)
{
	size_t n = strlen(s);

	memcpy(out, s, n);
	return n;
}

size_t
logfmt_render(enum logfmt_kind k, const struct logfmt_line *l, char *out,
    size_t outlen)
{
	size_t o = 0, plen = strlen(l->prefix);

	(void)outlen;	/* the caller reserved logfmt_max() bytes */
	if (k == LOGFMT_TEXT) {
		memcpy(out, l->prefix, plen);
		memcpy(out + plen, l->msg, l->len);
		o = plen + l->len;
		if (l->split)
			o += logfmt_lit(out + o, LOGFMT_SPLIT_MARK);
		out[o++] = '\n';
		return o;
	}
	/* the start has a fixed length: the time is 24 bytes (and a NUL) */
	memcpy(out, "{\"time\":\"", 9);
	logfmt_time(l->time_ms, out + 9);
	memcpy(out + 9 + 24, "\",\"source\":\"", 12);
	o = 9 + 24 + 12;
	o += logfmt_json_escape(l->source, strlen(l->source), out + o);
	o += logfmt_lit(out + o, "\",\"stream\":\"");
	o += logfmt_lit(out + o, l->stream);
	o += logfmt_lit(out + o, "\",\"message\":\"");
	o += logfmt_json_escape(l->prefix, plen, out + o);
	o += logfmt_json_escape(l->msg, l->len, out + o);
	o += logfmt_lit(out + o, l->split ? "\",\"split\":true}\n" : "\"}\n");
	return o;
}
