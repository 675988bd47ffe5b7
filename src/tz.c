/*
 * Time zones, pure: TZif files (RFC 8536) and POSIX TZ strings (POSIX
 * XBD 8.3, with TZif v3's extension of rule times to -167..167 hours).
 * The calendar is cron's (Howard Hinnant's day counts).
 */
#include <string.h>

#include "tend/cron.h"
#include "tend/tz.h"

/*
 * The parser's functions return where they stopped; on an error, tz_bad,
 * which every later step refuses and no caller takes for an end.
 */
static const char tz_bad[] = "!";

static bool
tz_alpha(char c)
{
	return ((unsigned)c | 32) - 'a' < 26;
}

/* A number lo..hi at p, times unit, added to *v (no local to point at). */
static const char *
tz_num(const char *p, int lo, int hi, int32_t *v, int unit)
{
	const char *q = p;
	int n = 0;

	while ((unsigned)*q - '0' < 10 && n <= hi)
		n = n * 10 + *q++ - '0';
	*v += n * unit;
	return q == p || n < lo || n > hi ? tz_bad : q;
}

/* [+-]hh[:mm[:ss]], hours up to max, into *secs. */
static const char *
tz_hms(const char *p, int max, int32_t *secs)
{
	int i, neg = *p == '-';

	p += neg || *p == '+';
	*secs = 0;
	p = tz_num(p, 0, max, secs, 3600);
	for (i = 60; i > 0 && *p == ':'; i -= 59)	/* minutes, seconds */
		p = tz_num(p + 1, 0, 59, secs, i);
	if (neg)
		*secs = -*secs;
	return p;
}

/* A zone name, "EST" or "<+0545>", three characters at least. */
static const char *
tz_name(const char *p)
{
	const char *q = p;

	if (*p == '<') {
		/* as musl, anything up to '>' (POSIX: letters, digits, +-) */
		while (*++q != '>' && *q != '\0' && *q != '\n')
			;
		return *q == '>' && q - p > 3 ? q + 1 : tz_bad;
	}
	while (tz_alpha(*q))
		q++;
	return q - p >= 3 ? q : tz_bad;
}

/* ",Jn[/time]", ",n[/time]" or ",Mm.w.d[/time]", into a zeroed r. */
static const char *
tz_date(const char *p, struct tz_rule *r)
{
	static const unsigned char lim[] = { 1, 12, 1, 5, 0, 6 };
	int i;

	if (*p++ != ',')
		return tz_bad;
	r->kind = *p;
	if (*p == 'M') {
		for (i = 0; i < 3; i++) {
			p = tz_num(p + (*p == "M.."[i]), lim[2 * i],
			    lim[2 * i + 1], &r->mwd[i], 1);
		}
	} else {
		if (*p == 'J')
			p++;
		else
			r->kind = 0;
		p = tz_num(p, r->kind == 'J', 365, &r->day, 1);
	}
	r->time = 7200;
	return *p == '/' ? tz_hms(p + 1, 167, &r->time) : p;
}

/* "std offset [dst [offset] [,start,end]]" into tz. */
static const char *
tz_posix(struct tz *tz, const char *p)
{
	p = tz_hms(tz_name(p), 24, &tz->std_off);
	tz->std_off = -tz->std_off;	/* POSIX counts west */
	if (*p != '<' && !tz_alpha(*p))
		return p;
	tz->dst = true;
	p = tz_name(p);
	tz->dst_off = tz->std_off + 3600;
	if ((unsigned)*p - '0' < 10 || *p == '+' || *p == '-') {
		p = tz_hms(p, 24, &tz->dst_off);
		tz->dst_off = -tz->dst_off;
	}
	if (*p != ',')
		(void)tz_date(tz_date(",M3.2.0,M11.1.0", &tz->r[0]), &tz->r[1]);
	else
		p = tz_date(tz_date(p, &tz->r[0]), &tz->r[1]);
	return p;
}

int
tz_parse_rule(struct tz *tz, const char *s)
{
	memset(tz, 0, sizeof(*tz));
	return *tz_posix(tz, s) == '\0' ? 0 : -1;
}

/*
 * A big-endian signed number of n (4 or 8) bytes. Out of line: inlined,
 * its loop is a copy at each of its three callers.
 */
static __attribute__((noinline)) int64_t
tz_be(const unsigned char *p, int n)
{
	uint64_t x = 0;
	int i;

	for (i = 0; i < n; i++)
		x = x << 8 | p[i];
	return n == 4 ? (int32_t)x : (int64_t)x;
}

int
tz_parse_file(struct tz *tz, const unsigned char *buf, size_t len)
{
	const unsigned char *p = buf, *end = buf + len;
	const char *q;
	uint64_t c[6], size, k;
	int i, sz;

	memset(tz, 0, sizeof(*tz));
	/* v2 and later: the v1 data, then a second header and 64-bit data */
	for (sz = 4; ; sz = 8) {
		if (end - p < 44 || memcmp(p, "TZif", 4) != 0)
			return -1;
		/* isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt */
		for (i = 0; i < 6; i++)
			c[i] = (uint32_t)tz_be(p + 20 + 4 * i, 4);
		size = c[3] * (sz + 1) + c[4] * 6 + c[5] + c[2] * (sz + 4) +
		    c[1] + c[0];
		if (size > (uint64_t)(end - p - 44))
			return -1;
		p += 44;
		if (sz == 8 || buf[4] < '2')
			break;
		p += size;
	}
	tz->trans = p;
	tz->n = (uint32_t)c[3];
	tz->tsize = sz;
	tz->idx = p + c[3] * sz;
	tz->types = tz->idx + c[3];
	tz->ntypes = (uint32_t)c[4];
	if (c[4] == 0)
		return -1;
	for (k = 0; k < c[3]; k++)
		if (tz->idx[k] >= c[4])
			return -1;
	/* the footer, "\nTZ string\n": none or empty, the last type holds */
	p = tz->trans + size;
	tz->norule = sz == 4 || end - p < 3 || p[1] == '\n';
	if (tz->norule)
		return 0;
	/* the parser stops at the '\n' that ends the buffer */
	if (p[0] != '\n' || end[-1] != '\n')
		return -1;
	q = tz_posix(tz, (const char *)p + 1);
	return q == (const char *)end - 1 ? 0 : -1;
}

/* Local seconds (from 1970) at which r falls in year y. */
static int64_t
tz_when(const struct tz_rule *r, int y)
{
	int64_t d, end;
	int mon = 1, mday = r->day + 1;

	/* cron_days counts on past the month's end: Jan 300 is fine */
	if (r->kind == 'J' && --mday >= 60) {
		/* 1..365, Feb 29 never counted: 60 is Mar 1 */
		mon = 3;
		mday -= 59;
	}
	if (r->kind == 'M') {
		mon = r->mwd[0];
		mday = 1;
	}
	d = cron_days(y, mon, mday);
	if (r->kind == 'M') {
		/* the first such weekday, w - 1 weeks on, within the month */
		end = cron_days(y, mon + 1, 1);
		/* d % 7 + 4 (-2..10) is d's weekday, Sunday 0, mod 7 */
		d += (r->mwd[2] - d % 7 + 10) % 7 + 7 * (r->mwd[1] - 1);
		while (d >= end)
			d -= 7;
	}
	return d * 86400 + r->time;
}

int32_t
tz_offset(const struct tz *tz, int64_t utc)
{
	int64_t start, end;
	uint32_t i, k;
	int y;
	bool dst;

	for (i = tz->n; i > 0 && utc < tz_be(tz->trans + (size_t)(i - 1) *
	    (size_t)tz->tsize, tz->tsize); i--)
		;
	if (i == tz->n && !tz->norule) {
		if (!tz->dst)
			return tz->std_off;
		/* the rule of the UTC year, as musl and glibc */
		y = cron_tm(utc / 60 - (utc % 60 < 0)).year;
		start = tz_when(&tz->r[0], y) - tz->std_off;
		end = tz_when(&tz->r[1], y) - tz->dst_off;
		dst = start < end ? utc >= start && utc < end :
		    utc >= start || utc < end;
		return dst ? tz->dst_off : tz->std_off;
	}
	if (i > 0)
		k = tz->idx[i - 1];
	else {
		/* before the first transition: the first standard-time type */
		for (k = 0; k < tz->ntypes && tz->types[k * 6 + 4]; k++)
			;
		if (k == tz->ntypes)
			k = 0;
	}
	return (int32_t)tz_be(tz->types + k * 6, 4);
}
