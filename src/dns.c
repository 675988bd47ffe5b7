/* A stub resolver's pure parts (see include/tend/dns.h), RFC 1035. */
#include <string.h>

#include "tend/dns.h"

/* The resolv.conf keywords tend reads, by index. */
static const char dns_kw[][11] = { "nameserver", "search", "domain",
    "options" };

static int
dns_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static char
dns_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? c | 0x20 : c;
}

/*
 * Four decimal parts of 1-3 digits, 0-255, no leading zero: inet_pton's
 * rule, since inet_aton would read "010" as octal 8.
 */
static int
dns_v4(const char *s, size_t n, unsigned char *a)
{
	size_t i = 0, k, d;
	unsigned v;

	for (k = 0; k < 4; k++) {
		if (k > 0 && (i == n || s[i++] != '.'))
			return -1;
		for (v = 0, d = 0; i < n && d < 4 && s[i] >= '0' &&
		    s[i] <= '9'; i++, d++)
			v = v * 10 + (unsigned)(s[i] - '0');
		if (d == 0 || d > 3 || v > 255 || (d > 1 && s[i - d] == '0'))
			return -1;
		a[k] = (unsigned char)v;
	}
	return i == n ? 0 : -1;
}

/* RFC 4291, 2.2: groups of 1-4 hex digits, one "::", a dotted tail. */
static int
dns_v6(const char *s, size_t n, unsigned char *a)
{
	size_t i = 0, j, k = 0, m;
	long gap = -1;
	unsigned v;
	int h;

	if (n >= 2 && s[0] == ':' && s[1] == ':') {
		gap = 0;
		i = 2;
	}
	while (i < n) {
		for (v = 0, j = i; j < n && (h = dns_hex(s[j])) >= 0; j++)
			v = v << 4 | (unsigned)h;
		if (j < n && s[j] == '.') {
			/* the last 32 bits as an IPv4 address */
			if (k > 12 || dns_v4(s + i, n - i, a + k) < 0)
				return -1;
			k += 4;
			break;
		}
		if (j == i || j - i > 4 || k == 16)
			return -1;
		a[k++] = (unsigned char)(v >> 8);
		a[k++] = (unsigned char)v;
		if ((i = j) == n)
			break;
		if (s[i++] != ':' || i == n)
			return -1;
		if (s[i] == ':') {
			if (gap >= 0)
				return -1;
			gap = (long)k;
			i++;
		}
	}
	if (gap < 0)
		return k == 16 ? 0 : -1;
	if (k == 16)
		return -1;
	/* the groups after "::" go to the end, zeros fill the gap */
	for (m = 16; k > (size_t)gap;)
		a[--m] = a[--k];
	while (m > (size_t)gap)
		a[--m] = 0;
	return 0;
}

int
dns_addr_parse(const char *s, size_t n, unsigned char addr[16])
{
	if (dns_v4(s, n, addr) == 0)
		return 4;
	return dns_v6(s, n, addr) == 0 ? 6 : 0;
}

size_t
dns_query(unsigned char *buf, size_t len, uint16_t id, const char *name,
    int qtype)
{
	size_t n = strlen(name), i, lab = 0;
	unsigned char *q = buf + 12, c;

	if (n > 0 && name[n - 1] == '.')
		n--;
	if (n == 0 || n > 253 || len < n + 18)
		return 0;
	memset(buf, 0, n + 18);
	buf[0] = (unsigned char)(id >> 8);
	buf[1] = (unsigned char)id;
	buf[2] = 1;			/* RD */
	buf[5] = 1;			/* QDCOUNT */
	/* "a.bc" is 1 'a' 2 'b' 'c' 0: name[i] goes to q[i + 1] */
	for (i = 0; i <= n; i++) {
		c = (unsigned char)name[i];
		if (i == n || c == '.') {
			if (i == lab || i - lab > 63)
				return 0;
			q[lab] = (unsigned char)(i - lab);
			lab = i + 1;
			continue;
		}
		/* a host name: letters, digits, '-', and '_' as in the wild */
		if (((c | 0x20) < 'a' || (c | 0x20) > 'z') &&
		    (c < '0' || c > '9') && c != '-' && c != '_')
			return 0;
		q[i + 1] = c;
	}
	q[n + 3] = (unsigned char)qtype;
	q[n + 5] = 1;			/* class IN */
	return n + 18;
}

/* The offset just past the name at off, or 0 if it runs off the end. */
static size_t
dns_skip(const unsigned char *b, size_t len, size_t off)
{
	while (off < len) {
		if (b[off] >= 0xc0)		/* a pointer ends a name */
			return off + 2 <= len ? off + 2 : 0;
		if (b[off] > 63)		/* 0x40, 0x80: not in use */
			return 0;
		if (b[off] == 0)
			return off + 1;
		off += b[off] + 1u;
	}
	return 0;
}

int
dns_answer(const unsigned char *buf, size_t len, uint16_t id, int qtype,
    unsigned char addr[16])
{
	size_t off = 12, rdl, want = qtype == DNS_A ? 4 : 16;
	unsigned qd, an;
	const unsigned char *r;

	if (len < 12 || (buf[0] << 8 | buf[1]) != id || !(buf[2] & 0x80))
		return -1;
	if ((buf[3] & 15) == 3)		/* NXDOMAIN */
		return 0;
	if ((buf[3] & 15) != 0)		/* SERVFAIL, REFUSED, ... */
		return -1;
	qd = (unsigned)(buf[4] << 8 | buf[5]);
	an = (unsigned)(buf[6] << 8 | buf[7]);
	for (; qd > 0; qd--) {
		off = dns_skip(buf, len, off);
		if (off == 0 || len - off < 4)
			return -1;
		off += 4;
	}
	for (; an > 0; an--) {
		off = dns_skip(buf, len, off);
		if (off == 0 || len - off < 10)
			return -1;
		r = buf + off;
		rdl = (size_t)(r[8] << 8 | r[9]);
		off += 10;
		if (len - off < rdl)
			return -1;
		/* owner names are not compared: a CNAME's target comes next */
		if ((r[0] << 8 | r[1]) == qtype && (r[2] << 8 | r[3]) == 1) {
			if (rdl != want)
				return -1;
			memcpy(addr, buf + off, rdl);
			return 1;
		}
		off += rdl;
	}
	/* truncated (TC): what is missing may be the answer */
	return buf[2] & 2 ? -1 : 0;
}

/* Past the blanks (blank 1) or the rest of a field (blank 0) at p. */
static const char *
dns_span(const char *p, const char *e, int blank)
{
	while (p < e && ((unsigned char)*p <= ' ') == blank)
		p++;
	return p;
}

int
dns_hosts_line(const char *line, size_t n, const char *name, int want,
    unsigned char addr[16])
{
	const char *p, *q, *e = memchr(line, '#', n);
	size_t i;
	int fam;

	if (e == NULL)
		e = line + n;
	p = dns_span(line, e, 1);
	q = dns_span(p, e, 0);
	fam = dns_addr_parse(p, (size_t)(q - p), addr);
	if (want != 0 && fam != want)
		return 0;
	while (fam != 0 && (p = dns_span(q, e, 1)) < e) {
		q = dns_span(p, e, 0);
		for (i = 0; p + i < q && dns_lower(p[i]) == dns_lower(name[i]);
		    i++)
			;
		/* the field ended where the name did */
		if (p + i == q && name[i] == '\0')
			return fam;
	}
	return 0;
}

void
dns_conf_init(struct dns_conf *r)
{
	memset(r, 0, sizeof(*r));
	r->ndots = 1;
}

void
dns_conf_line(struct dns_conf *r, const char *line, size_t n)
{
	const char *e = line + n, *p = dns_span(line, e, 1);
	const char *q = dns_span(p, e, 0), *d;
	size_t fl = (size_t)(q - p), kw;
	int v;

	for (kw = fl > 10 ? 4 : 0; kw < 4; kw++)
		if (memcmp(p, dns_kw[kw], fl) == 0 && dns_kw[kw][fl] == '\0')
			break;
	/* the last search or domain line wins */
	if (kw == 1 || kw == 2)
		r->nsearch = 0;
	while (kw < 4 && (p = dns_span(q, e, 1)) < e) {
		q = dns_span(p, e, 0);
		fl = (size_t)(q - p);
		if (kw == 0) {
			/* "nameserver ADDR", the first three */
			if (r->nns < DNS_MAX_NS && (v = dns_addr_parse(p, fl,
			    r->ns[r->nns])) != 0)
				r->ns_family[r->nns++] = v;
			return;
		}
		if (kw == 3) {
			/* "ndots:N", capped at 15 as glibc and musl do */
			if (fl < 7 || memcmp(p, "ndots:", 6) != 0)
				continue;
			for (v = 0, d = p + 6; d < q && *d >= '0' && *d <= '9';
			    d++)
				if ((v = v * 10 + *d - '0') > 15)
					v = 15;
			if (d == q)
				r->ndots = v;
			continue;
		}
		/* a domain, without its trailing dot */
		fl -= q[-1] == '.';
		if (fl > 0 && fl <= 253 && r->nsearch < DNS_MAX_SEARCH) {
			memcpy(r->search[r->nsearch], p, fl);
			r->search[r->nsearch++][fl] = '\0';
		}
		if (kw == 2)
			return;
	}
}
