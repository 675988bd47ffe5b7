/*
 * libFuzzer target for syslogfmt and logfmt: a /dev/log datagram on its
 * way out, as the relay takes it. `make fuzz` (clang) builds it with
 *
 *	clang -std=c11 -D_GNU_SOURCE -Iinclude $(WARN) -g -O1 \
 *	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
 *	    -o build/fuzz/fuzz_syslogfmt tests/fuzz/fuzz_syslogfmt.c \
 *	    src/fmt.c src/syslogfmt.c src/logfmt.c src/cron.c \
 *	    src/duration.c src/num.c
 *
 * and runs it for FUZZ_TIME seconds (30 by default) on its corpus:
 *
 *	build/fuzz/fuzz_syslogfmt -max_len=8192 -max_total_time=30 \
 *	    -artifact_prefix=build/fuzz/ build/fuzz/fuzz_syslogfmt.corpus
 *
 * A crash leaves its input in build/fuzz/crash-*; run the binary on
 * that file alone to replay it.
 *
 * Input: byte 0 is a short output buffer's size, byte 1 the split flag
 * (bit 0), the prefix length (bits 1-3), the source length (bits 4-6)
 * and whether "<byte 0>" starts the datagram (bit 7); then prefix and
 * source (cut at a NUL), then the datagram.
 *
 * syslog_format, in a buffer of exactly SYSLOG_OUT_MAX(n) + 1 bytes: the
 * line is at most SYSLOG_OUT_MAX(n) bytes, NUL-terminated, has no '\n',
 * its severity is 0..7 and, checked against a PRI parser of our own, it
 * starts with the right "facility.severity " or is the datagram verbatim
 * as user.notice; in a short buffer, it is cut short of the same line.
 * logfmt_render, in a buffer of exactly logfmt_max() bytes, of the line
 * and of the raw datagram: text is prefix, message, marker, '\n'; JSON
 * is one valid object (checked by the small validator below: RFC 8259
 * grammar, strict UTF-8, no raw control characters) whose strings decode
 * to the input with every byte outside UTF-8 as U+FFFD, whose time is
 * gmtime's.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tend/logfmt.h"
#include "tend/syslogfmt.h"

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

static const char *const fac[24] = {
	"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
	"uucp", "cron", "authpriv", "ftp", "ntp", "security", "console",
	"solaris-cron", "local0", "local1", "local2", "local3", "local4",
	"local5", "local6", "local7",
};

static const char *const sev[8] = {
	"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug",
};

/* RFC 5424 PRI: "<" 1-3 digits, no leading zero but "0", <= 191, ">". */
static int
ref_pri(const char *s, size_t n)
{
	size_t i;
	int v = 0;

	if (n < 3 || s[0] != '<')
		return -1;
	for (i = 1; i < n && i < 5 && s[i] >= '0' && s[i] <= '9'; i++)
		v = v * 10 + s[i] - '0';
	if (i == 1 || i == 5 || i == n || s[i] != '>' || v > 191)
		return -1;
	if (s[1] == '0' && i != 2)
		return -1;
	return v;
}

/*
 * The length of the well-formed UTF-8 sequence at s, 0 if none: Unicode
 * 15, table 3-7, written out as byte ranges.
 */
static size_t
ref_utf8(const unsigned char *s, size_t n)
{
	static const struct {
		unsigned char	lo[4], hi[4];
		size_t		len;
	} wf[] = {
		{ { 0x00 }, { 0x7f }, 1 },
		{ { 0xc2, 0x80 }, { 0xdf, 0xbf }, 2 },
		{ { 0xe0, 0xa0, 0x80 }, { 0xe0, 0xbf, 0xbf }, 3 },
		{ { 0xe1, 0x80, 0x80 }, { 0xec, 0xbf, 0xbf }, 3 },
		{ { 0xed, 0x80, 0x80 }, { 0xed, 0x9f, 0xbf }, 3 },
		{ { 0xee, 0x80, 0x80 }, { 0xef, 0xbf, 0xbf }, 3 },
		{ { 0xf0, 0x90, 0x80, 0x80 }, { 0xf0, 0xbf, 0xbf, 0xbf }, 4 },
		{ { 0xf1, 0x80, 0x80, 0x80 }, { 0xf3, 0xbf, 0xbf, 0xbf }, 4 },
		{ { 0xf4, 0x80, 0x80, 0x80 }, { 0xf4, 0x8f, 0xbf, 0xbf }, 4 },
	};
	size_t r, i;

	for (r = 0; r < sizeof(wf) / sizeof(wf[0]); r++) {
		if (n < wf[r].len)
			continue;
		for (i = 0; i < wf[r].len; i++)
			if (s[i] < wf[r].lo[i] || s[i] > wf[r].hi[i])
				break;
		if (i == wf[r].len)
			return i;
	}
	return 0;
}

/* s[0..n) with every byte outside UTF-8 as U+FFFD, appended at out. */
static size_t
ref_sanitize(const char *s, size_t n, char *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, o = 0, k;

	while (i < n) {
		if ((k = ref_utf8(p + i, n - i)) == 0) {
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
		} else {
			memcpy(out + o, p + i, k);
			o += k;
			i += k;
		}
	}
	return o;
}

/*
 * A small JSON validator: RFC 8259 grammar, strict UTF-8 in strings,
 * surrogates only in pairs. The value of the string member named key
 * goes, decoded, to dec (if not NULL).
 */
struct json {
	const char	*p, *end;
	const char	*key;
	char		*dec;
	size_t		 declen;
	int		 found;
};

static bool	json_value(struct json *, char *);

static void
json_ws(struct json *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' ||
	    *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static int
json_hex4(struct json *j)
{
	int v = 0, i, c;

	if (j->end - j->p < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		c = *j->p++;
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

static size_t
json_put_cp(char *out, uint32_t c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | c >> 12);
		out[1] = (char)(0x80 | (c >> 6 & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | c >> 18);
	out[1] = (char)(0x80 | (c >> 12 & 0x3f));
	out[2] = (char)(0x80 | (c >> 6 & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* A string at j->p (the quote); decoded into out (may be NULL). */
static bool
json_string(struct json *j, char *out, size_t *outlen)
{
	size_t o = 0, k;
	int c, lo;
	char tmp[4];

	if (j->p >= j->end || *j->p != '"')
		return false;
	j->p++;
	for (;;) {
		if (j->p >= j->end)
			return false;
		c = (unsigned char)*j->p;
		if (c == '"') {
			j->p++;
			break;
		}
		if (c < 0x20)
			return false;
		if (c != '\\') {
			k = ref_utf8((const unsigned char *)j->p,
			    (size_t)(j->end - j->p));
			if (k == 0)
				return false;
			if (out != NULL)
				memcpy(out + o, j->p, k);
			o += k;
			j->p += k;
			continue;
		}
		if (++j->p >= j->end)
			return false;
		c = *j->p++;
		switch (c) {
		case '"': case '\\': case '/':
			tmp[0] = (char)c;
			k = 1;
			break;
		case 'b': tmp[0] = '\b'; k = 1; break;
		case 'f': tmp[0] = '\f'; k = 1; break;
		case 'n': tmp[0] = '\n'; k = 1; break;
		case 'r': tmp[0] = '\r'; k = 1; break;
		case 't': tmp[0] = '\t'; k = 1; break;
		case 'u':
			if ((c = json_hex4(j)) < 0 ||
			    (c >= 0xdc00 && c <= 0xdfff))
				return false;
			if (c >= 0xd800 && c <= 0xdbff) {
				if (j->end - j->p < 6 || j->p[0] != '\\' ||
				    j->p[1] != 'u')
					return false;
				j->p += 2;
				if ((lo = json_hex4(j)) < 0xdc00 ||
				    lo > 0xdfff)
					return false;
				c = 0x10000 + ((c - 0xd800) << 10) +
				    (lo - 0xdc00);
			}
			k = json_put_cp(tmp, (uint32_t)c);
			break;
		default:
			return false;
		}
		if (out != NULL)
			memcpy(out + o, tmp, k);
		o += k;
	}
	if (outlen != NULL)
		*outlen = o;
	return true;
}

static bool
json_number(struct json *j)
{
	const char *s = j->p;

	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p < j->end && *j->p == '0')
		j->p++;
	else if (j->p < j->end && *j->p >= '1' && *j->p <= '9')
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	else
		return false;
	if (j->p < j->end && *j->p == '.') {
		if (++j->p >= j->end || *j->p < '0' || *j->p > '9')
			return false;
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (j->p >= j->end || *j->p < '0' || *j->p > '9')
			return false;
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	return j->p > s;
}

static bool
json_lit(struct json *j, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0)
		return false;
	j->p += n;
	return true;
}

static bool
json_value(struct json *j, char *key)
{
	char name[64];
	size_t nl;

	json_ws(j);
	if (j->p >= j->end)
		return false;
	switch (*j->p) {
	case '"':
		if (key != NULL && j->key != NULL && strcmp(key, j->key) == 0) {
			j->found++;
			return json_string(j, j->dec, &j->declen);
		}
		return json_string(j, NULL, NULL);
	case '{':
		j->p++;
		json_ws(j);
		if (j->p < j->end && *j->p == '}') {
			j->p++;
			return true;
		}
		for (;;) {
			json_ws(j);
			/* our keys are short: longer ones are only skipped */
			{
				struct json save = *j;

				if (!json_string(j, NULL, &nl))
					return false;
				if (nl < sizeof(name)) {
					*j = save;
					json_string(j, name, &nl);
					name[nl] = '\0';
				} else
					name[0] = '\0';
			}
			json_ws(j);
			if (j->p >= j->end || *j->p++ != ':')
				return false;
			if (!json_value(j, name))
				return false;
			json_ws(j);
			if (j->p < j->end && *j->p == ',') {
				j->p++;
				continue;
			}
			if (j->p < j->end && *j->p == '}') {
				j->p++;
				return true;
			}
			return false;
		}
	case '[':
		j->p++;
		json_ws(j);
		if (j->p < j->end && *j->p == ']') {
			j->p++;
			return true;
		}
		for (;;) {
			if (!json_value(j, NULL))
				return false;
			json_ws(j);
			if (j->p < j->end && *j->p == ',') {
				j->p++;
				continue;
			}
			if (j->p < j->end && *j->p == ']') {
				j->p++;
				return true;
			}
			return false;
		}
	case 't':
		return json_lit(j, "true");
	case 'f':
		return json_lit(j, "false");
	case 'n':
		return json_lit(j, "null");
	default:
		return json_number(j);
	}
}

/* One JSON document in s[0..n); the member key decoded into dec. */
static bool
json_valid(const char *s, size_t n, const char *key, char *dec,
    size_t *declen)
{
	struct json j = { s, s + n, key, dec, 0, 0 };

	if (!json_value(&j, NULL))
		return false;
	json_ws(&j);
	if (j.p != j.end || (key != NULL && j.found != 1))
		return false;
	if (declen != NULL)
		*declen = j.declen;
	return true;
}

/* The "time" member against gmtime_r. */
static void
check_time(int64_t ms, const char *got, size_t len)
{
	char want[40];
	time_t t = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
	struct tm tm;

	CHECK(gmtime_r(&t, &tm) != NULL);
	snprintf(want, sizeof(want), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, (int)(ms - (int64_t)t * 1000));
	CHECK(len == 24 && memcmp(got, want, 24) == 0);
}

/* Render l both ways into exactly logfmt_max() bytes and check. */
static void
check_render(const struct logfmt_line *l)
{
	size_t plen = strlen(l->prefix), slen = strlen(l->source), max, got;
	size_t declen, wantlen;
	char *out, *dec, *want;

	max = logfmt_max(LOGFMT_TEXT, l);
	CHECK((out = malloc(max)) != NULL);
	got = logfmt_render(LOGFMT_TEXT, l, out, max);
	CHECK(got <= max);
	CHECK(got == plen + l->len + (l->split ?
	    strlen(LOGFMT_SPLIT_MARK) : 0) + 1);
	CHECK(memcmp(out, l->prefix, plen) == 0);
	CHECK(l->len == 0 || memcmp(out + plen, l->msg, l->len) == 0);
	CHECK(out[got - 1] == '\n');
	free(out);

	max = logfmt_max(LOGFMT_JSON, l);
	CHECK((out = malloc(max)) != NULL);
	got = logfmt_render(LOGFMT_JSON, l, out, max);
	CHECK(got <= max);
	/* one line: the only raw '\n' ends it */
	CHECK(got > 0 && out[got - 1] == '\n');
	CHECK(memchr(out, '\n', got - 1) == NULL);
	CHECK((dec = malloc(max)) != NULL);
	CHECK((want = malloc(3 * (plen + l->len + slen) + 1)) != NULL);

	CHECK(json_valid(out, got, "message", dec, &declen));
	wantlen = ref_sanitize(l->prefix, plen, want);
	wantlen += ref_sanitize(l->msg, l->len, want + wantlen);
	CHECK(declen == wantlen && memcmp(dec, want, wantlen) == 0);

	CHECK(json_valid(out, got, "source", dec, &declen));
	wantlen = ref_sanitize(l->source, slen, want);
	CHECK(declen == wantlen && memcmp(dec, want, wantlen) == 0);

	CHECK(json_valid(out, got, "stream", dec, &declen));
	CHECK(declen == strlen(l->stream) &&
	    memcmp(dec, l->stream, declen) == 0);

	CHECK(json_valid(out, got, "time", dec, &declen));
	check_time(l->time_ms, dec, declen);

	CHECK(json_valid(out, got, NULL, NULL, NULL));
	CHECK((got > 15 && memcmp(out + got - 15, ",\"split\":true}\n",
	    15) == 0) == l->split);
	free(want);
	free(dec);
	free(out);
}

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* 0001-01-01 to 9999-12-31, the years four digits can say */
	const int64_t tmin = -62135596800000, tmax = 253402300799999;
	char prefix[8], source[8], pri_s[8], *dg, *out, *small, *want;
	size_t plen, slen, n, outlen, len, outlen2, len2, strip, i;
	const char *in;
	struct logfmt_line l;
	uint64_t h = 14695981039346656037u;
	int s, s2, pri, head;

	if (size < 2)
		return 0;
	plen = data[1] >> 1 & 7;
	slen = data[1] >> 4 & 7;
	if (size < 2 + plen + slen)
		return 0;
	memcpy(prefix, data + 2, plen);
	prefix[plen] = '\0';
	memcpy(source, data + 2 + plen, slen);
	source[slen] = '\0';
	n = size - 2 - plen - slen;
	/* bit 7: a PRI of byte 0 first, so "<191>" and "<192>" come soon */
	head = data[1] & 0x80 ? snprintf(pri_s, sizeof(pri_s), "<%u>",
	    data[0]) : 0;
	/* exactly n bytes, so ASan sees a read past the datagram */
	CHECK((dg = malloc(n + (size_t)head == 0 ? 1 :
	    n + (size_t)head)) != NULL);
	memcpy(dg, pri_s, (size_t)head);
	memcpy(dg + head, data + 2 + plen + slen, n);
	n += (size_t)head;
	in = dg;

	/* the whole line */
	outlen = SYSLOG_OUT_MAX(n) + 1;
	CHECK((out = malloc(outlen)) != NULL);
	s = -1;
	len = syslog_format(in, n, out, outlen, &s);
	CHECK(len <= SYSLOG_OUT_MAX(n));
	CHECK(out[len] == '\0');
	CHECK(memchr(out, '\n', len) == NULL);
	CHECK(s >= 0 && s <= 7);

	/* against our own reading of the PRI */
	for (strip = n; strip > 0 && (in[strip - 1] == '\n' ||
	    in[strip - 1] == '\0'); strip--)
		;
	if ((pri = ref_pri(in, strip)) >= 0) {
		char fs[32];
		int hl = snprintf(fs, sizeof(fs), "%s.%s",
		    fac[pri / 8], sev[pri % 8]);

		CHECK(s == pri % 8);
		CHECK(len >= (size_t)hl && memcmp(out, fs, (size_t)hl) == 0);
		/* a space before whatever follows, none after a bare PRI */
		CHECK(len == (size_t)hl || out[hl] == ' ');
	} else {
		CHECK(s == SYSLOG_SEV_NOTICE);
		CHECK(len == strip);
		for (i = 0; i < strip; i++)
			CHECK(out[i] == (in[i] == '\n' ? ' ' : in[i]));
	}

	/* a short buffer: the same line, cut, still NUL-terminated */
	outlen2 = data[0];
	CHECK((small = malloc(outlen2 == 0 ? 1 : outlen2)) != NULL);
	small[0] = 'Q';
	len2 = syslog_format(in, n, small, outlen2, &s2);
	if (outlen2 == 0)
		CHECK(len2 == 0 && small[0] == 'Q');
	else {
		CHECK(len2 == (len < outlen2 - 1 ? len : outlen2 - 1));
		CHECK(small[len2] == '\0');
		CHECK(memcmp(small, out, len2) == 0);
		CHECK(s2 == s);
	}
	free(small);

	/* a time from the input, in the four-digit years */
	for (i = 0; i < size; i++)
		h = (h ^ data[i]) * 1099511628211u;
	l.time_ms = tmin + (int64_t)(h % (uint64_t)(tmax - tmin + 1));

	/* the formatted line, and the raw datagram, rendered */
	l.prefix = prefix;
	l.source = slen > 0 ? source : "syslog";
	l.stream = s <= SYSLOG_SEV_ERR ? "stderr" : "stdout";
	l.split = data[1] & 1;
	l.msg = out;
	l.len = syslog_format(in, n, out, outlen, &s);
	check_render(&l);
	l.msg = in;
	l.len = n;
	check_render(&l);

	/* bytes the JSON must not let through raw: the line once more */
	CHECK((want = malloc(6 * n + 1)) != NULL);
	len = logfmt_json_escape(in, n, want);
	CHECK(len <= 6 * n);
	for (i = 0; i < len; i++)
		CHECK((unsigned char)want[i] >= 0x20 && want[i] != 0x7f);
	free(want);
	free(out);
	free(dg);
	return 0;
}
