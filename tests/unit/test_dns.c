/*
 * dns: address literals (strict dotted quads, IPv6 with "::" and a dotted
 * tail), the query's bytes and the names it refuses, answers (A, AAAA,
 * CNAME chains, NXDOMAIN, SERVFAIL, wrong id, every truncation, bad
 * rdlength, labels and pointers that run off the end), and the lines of
 * /etc/hosts and /etc/resolv.conf. Buffers are of exactly their length,
 * so ASan sees any read past it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tend/dns.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define S(s)	s, sizeof(s) - 1

/* dns_addr_parse on a copy of s[0..n) without a NUL after it. */
static int
addr_of(const char *s, size_t n, unsigned char a[16])
{
	char *buf = test_malloc(n + 1);
	int rc;

	memcpy(buf, s, n);
	rc = dns_addr_parse(buf, n, a);
	test_free(buf);
	return rc;
}

static const struct {
	const char	*in;
	int		 fam;
	unsigned char	 a[16];
} addr_good[] = {
	{ "0.0.0.0", 4, { 0, 0, 0, 0 } },
	{ "10.0.0.1", 4, { 10, 0, 0, 1 } },
	{ "255.255.255.255", 4, { 255, 255, 255, 255 } },
	{ "192.168.100.200", 4, { 192, 168, 100, 200 } },
	{ "1.22.0.9", 4, { 1, 22, 0, 9 } },
	{ "::", 6, { 0 } },
	{ "::1", 6, { [15] = 1 } },
	{ "1::", 6, { 0, 1 } },
	{ "1::8", 6, { 0, 1, [15] = 8 } },
	{ "fe80::1", 6, { 0xfe, 0x80, [15] = 1 } },
	{ "FE80::AbCd", 6, { 0xfe, 0x80, [14] = 0xab, 0xcd } },
	{ "2001:db8::ff00:42:8329", 6, { 0x20, 0x01, 0x0d, 0xb8, [10] = 0xff,
	    0x00, 0x00, 0x42, 0x83, 0x29 } },
	{ "2001:0db8:0000:0000:0000:ff00:0042:8329", 6, { 0x20, 0x01, 0x0d,
	    0xb8, [10] = 0xff, 0x00, 0x00, 0x42, 0x83, 0x29 } },
	{ "1:2:3:4:5:6:7:8", 6, { 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7,
	    0, 8 } },
	{ "1:2:3:4:5:6:7::", 6, { 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7 } },
	{ "::2:3:4:5:6:7:8", 6, { 0, 0, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7,
	    0, 8 } },
	{ "1:2:3::6:7:8", 6, { 0, 1, 0, 2, 0, 3, 0, 0, 0, 0, 0, 6, 0, 7,
	    0, 8 } },
	{ "ffff:FFFF::", 6, { 0xff, 0xff, 0xff, 0xff } },
	{ "::ffff:1.2.3.4", 6, { [10] = 0xff, 0xff, 1, 2, 3, 4 } },
	{ "::1.2.3.4", 6, { [12] = 1, 2, 3, 4 } },
	{ "1:2:3:4:5:6:1.2.3.4", 6, { 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6,
	    1, 2, 3, 4 } },
	{ "1::255.0.0.1", 6, { 0, 1, [12] = 255, 0, 0, 1 } },
	{ "0:0:0:0:0:0:0:0", 6, { 0 } },
	{ "00:000:0000::1", 6, { [15] = 1 } },
};

static const char *const addr_bad[] = {
	"", ".", "1", "1.2", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.256",
	"1.2.3.999", "1234.1.1.1", "01.2.3.4", "1.2.3.04", "1.2.3.00",
	"00.0.0.0", "1.2.3.4 ", " 1.2.3.4", "+1.2.3.4", "1.+2.3.4", "-1.2.3.4",
	"1..2.3", "1.2.3.", ".1.2.3", "1.2.3.4.", "0x1.2.3.4", "1.2.3.-4",
	"1.2.3.4/8", "1.2.3.a", "localhost", "a.b.c.d",
	":", ":::", "::::", ":1", "1:", ":1::", "1::2:", "1:2:3:4:5:6:7",
	"1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8",
	"1::2::3", "::1::", "12345::", "::12345", "::g", "g::",
	"1:2:3:4:5:6:7:8 ",
	" ::1", "::1 ", "fe80::1%eth0", "[::1]", "::1.2.3", "::1.2.3.4.5",
	"::1.2.3.4:1", "1:2:3:4:5:6:7:1.2.3.4", "::ffff:01.2.3.4",
	"::ffff:256.1.1.1", "1.2.3.4::", "::1.2.3.4::", "1:2:3:4:5:6:7:8.",
	"1::2:3:4:5:6:7:8", "::-1", "::+1", ":: 1",
};

static void
test_addr(void **state)
{
	unsigned char a[16];
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < NELEM(addr_good); i++) {
		memset(a, 0x55, sizeof(a));
		rc = addr_of(addr_good[i].in, strlen(addr_good[i].in), a);
		if (rc != addr_good[i].fam)
			fail_msg("dns_addr_parse(\"%s\") = %d", addr_good[i].in,
			    rc);
		if (memcmp(a, addr_good[i].a, rc == 4 ? 4 : 16) != 0)
			fail_msg("dns_addr_parse(\"%s\"): wrong bytes",
			    addr_good[i].in);
	}
	for (i = 0; i < NELEM(addr_bad); i++)
		if ((rc = addr_of(addr_bad[i], strlen(addr_bad[i]), a)) != 0)
			fail_msg("dns_addr_parse(\"%s\") = %d", addr_bad[i],
			    rc);
	/* n, not the NUL, ends the literal */
	assert_int_equal(addr_of("1.2.3.45", 7, a), 4);
	assert_int_equal(a[3], 4);
	assert_int_equal(dns_addr_parse("::1x", 3, a), 6);
	assert_int_equal(addr_of("::1", 0, a), 0);
}

/* Every a.b.c.d part 0..300: taken up to 255, refused past it. */
static void
test_addr_every_part(void **state)
{
	unsigned char a[16];
	char in[64];
	int v, k;

	(void)state;
	for (v = 0; v <= 300; v++) {
		for (k = 0; k < 4; k++) {
			snprintf(in, sizeof(in), "%d.%d.%d.%d", k == 0 ? v : 1,
			    k == 1 ? v : 1, k == 2 ? v : 1, k == 3 ? v : 1);
			if (v <= 255) {
				assert_int_equal(addr_of(in, strlen(in), a), 4);
				assert_int_equal(a[k], v);
			} else
				assert_int_equal(addr_of(in, strlen(in), a), 0);
		}
	}
}

static void
test_query(void **state)
{
	static const unsigned char want[] = {
		0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
		7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
		0, 28, 0, 1,
	};
	unsigned char buf[DNS_MSG_MAX], *b;
	size_t len;

	(void)state;
	assert_int_equal(dns_query(buf, sizeof(buf), 0x1234, "example.com",
	    DNS_AAAA), sizeof(want));
	assert_memory_equal(buf, want, sizeof(want));
	memset(buf, 0x55, sizeof(buf));
	assert_int_equal(dns_query(buf, sizeof(buf), 0x1234, "example.com.",
	    DNS_AAAA), sizeof(want));
	assert_memory_equal(buf, want, sizeof(want));
	assert_int_equal(dns_query(buf, sizeof(buf), 7, "x", DNS_A), 19);
	assert_int_equal(buf[12], 1);
	assert_int_equal(buf[13], 'x');
	assert_int_equal(buf[16], DNS_A);
	/* the exact size fits; one byte less does not (ASan watches) */
	for (len = 0; len <= sizeof(want); len++) {
		b = test_malloc(len + 1);
		assert_int_equal(dns_query(b, len, 0x1234, "example.com",
		    DNS_AAAA), len == sizeof(want) ? sizeof(want) : 0);
		test_free(b);
	}
}

static void
test_query_names(void **state)
{
	static const char *const bad[] = {
		"", ".", "..", "a..b", ".a", "a b", "a/b", "a\x01", "a:b",
		"a@b", "-\xc3\xa9", "a.b..",
	};
	unsigned char buf[DNS_MSG_MAX];
	char name[300];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(bad); i++)
		if (dns_query(buf, sizeof(buf), 1, bad[i], DNS_A) != 0)
			fail_msg("dns_query(\"%s\") accepted", bad[i]);
	assert_int_not_equal(dns_query(buf, sizeof(buf), 1,
	    "A-b_c.9.Example.COM", DNS_A), 0);
	/* labels up to 63 bytes */
	memset(name, 'a', 64);
	name[63] = '\0';
	assert_int_equal(dns_query(buf, sizeof(buf), 1, name, DNS_A), 63 + 18);
	name[63] = 'a';
	name[64] = '\0';
	assert_int_equal(dns_query(buf, sizeof(buf), 1, name, DNS_A), 0);
	/* names up to 253 bytes: 63.63.63.61 */
	memset(name, 'a', sizeof(name));
	name[63] = name[127] = name[191] = '.';
	name[253] = '\0';
	assert_int_equal(dns_query(buf, sizeof(buf), 1, name, DNS_A),
	    253 + 18);
	assert_int_equal(buf[12 + 192], 61);
	name[253] = '.';			/* the root's dot is free */
	name[254] = '\0';
	assert_int_equal(dns_query(buf, sizeof(buf), 1, name, DNS_A),
	    253 + 18);
	name[253] = 'a';
	assert_int_equal(dns_query(buf, sizeof(buf), 1, name, DNS_A), 0);
}

/* A response, written byte by byte. */
struct msg {
	unsigned char	b[DNS_MSG_MAX];
	size_t		n;
};

static void
put(struct msg *m, const void *p, size_t n)
{
	assert_true(m->n + n <= sizeof(m->b));
	memcpy(m->b + m->n, p, n);
	m->n += n;
}

static void
put16(struct msg *m, unsigned v)
{
	unsigned char b[2] = { (unsigned char)(v >> 8), (unsigned char)v };

	put(m, b, 2);
}

/* Header for id with flags, qd questions of "www.x.com", an answers. */
static void
head(struct msg *m, unsigned id, unsigned flags, unsigned qd, unsigned an,
    int qtype)
{
	m->n = 0;
	put16(m, id);
	put16(m, flags);
	put16(m, qd);
	put16(m, an);
	put16(m, 0);
	put16(m, 0);
	while (qd-- > 0) {
		put(m, "\3www\1x\3com\0", 11);
		put16(m, (unsigned)qtype);
		put16(m, 1);
	}
}

/* A record owned by the question's name (a pointer to offset 12). */
static void
rr(struct msg *m, unsigned type, unsigned class, const void *rd,
    unsigned rdlen)
{
	put16(m, 0xc00c);
	put16(m, type);
	put16(m, class);
	put(m, "\0\0\1\0", 4);
	put16(m, rdlen);
	put(m, rd, rdlen);
}

static int
answer(const struct msg *m, size_t len, int qtype, unsigned char a[16])
{
	unsigned char *buf = test_malloc(len + 1);
	int rc;

	memcpy(buf, m->b, len);
	rc = dns_answer(buf, len, 0xbeef, qtype, a);
	test_free(buf);
	return rc;
}

#define OK	0x8180		/* QR, RD, RA, NOERROR */

static const unsigned char v4[4] = { 10, 1, 2, 3 };
static const unsigned char v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 7 };
static const unsigned char cname[] = "\3web\1x\3com";

static void
test_answer(void **state)
{
	unsigned char a[16];
	struct msg m;
	size_t k;

	(void)state;
	/* one A */
	head(&m, 0xbeef, OK, 1, 1, DNS_A);
	rr(&m, DNS_A, 1, v4, 4);
	memset(a, 0, sizeof(a));
	assert_int_equal(answer(&m, m.n, DNS_A, a), 1);
	assert_memory_equal(a, v4, 4);
	/* ... but not for AAAA */
	assert_int_equal(answer(&m, m.n, DNS_AAAA, a), 0);
	/* every truncation of it is not a valid response */
	for (k = 0; k < m.n; k++)
		if (answer(&m, k, DNS_A, a) != -1)
			fail_msg("cut at %zu of %zu: accepted", k, m.n);

	/* one AAAA */
	head(&m, 0xbeef, OK, 1, 1, DNS_AAAA);
	rr(&m, DNS_AAAA, 1, v6, 16);
	assert_int_equal(answer(&m, m.n, DNS_AAAA, a), 1);
	assert_memory_equal(a, v6, 16);
	assert_int_equal(answer(&m, m.n, DNS_A, a), 0);
	for (k = 0; k < m.n; k++)
		assert_int_equal(answer(&m, k, DNS_AAAA, a), -1);

	/* CNAME, then a record of another class, then the A */
	head(&m, 0xbeef, OK, 1, 3, DNS_A);
	rr(&m, 5, 1, cname, sizeof(cname));
	rr(&m, DNS_A, 3, "\1\1\1\1", 4);		/* class CH */
	put(&m, "\3web\300\020", 6);		/* web + pointer to x.com */
	put16(&m, DNS_A);
	put16(&m, 1);
	put(&m, "\0\0\0\1", 4);
	put16(&m, 4);
	put(&m, v4, 4);
	memset(a, 0, sizeof(a));
	assert_int_equal(answer(&m, m.n, DNS_A, a), 1);
	assert_memory_equal(a, v4, 4);
	/* the same, the A cut off: the CNAME alone is no answer */
	assert_int_equal(answer(&m, m.n - 4, DNS_A, a), -1);

	/* only a CNAME: no record of the type */
	head(&m, 0xbeef, OK, 1, 1, DNS_A);
	rr(&m, 5, 1, cname, sizeof(cname));
	assert_int_equal(answer(&m, m.n, DNS_A, a), 0);
	/* no answer at all (NODATA) */
	head(&m, 0xbeef, OK, 1, 0, DNS_A);
	assert_int_equal(answer(&m, m.n, DNS_A, a), 0);
	/* no question echoed: the answer still counts */
	head(&m, 0xbeef, OK, 0, 1, DNS_A);
	rr(&m, DNS_A, 1, v4, 4);
	assert_int_equal(answer(&m, m.n, DNS_A, a), 1);
	/* an owner name written out, not compressed */
	head(&m, 0xbeef, OK, 1, 1, DNS_A);
	put(&m, "\3www\1x\3com\0", 11);
	put16(&m, DNS_A);
	put16(&m, 1);
	put(&m, "\0\0\0\1\0\4", 6);
	put(&m, v4, 4);
	assert_int_equal(answer(&m, m.n, DNS_A, a), 1);
	assert_memory_equal(a, v4, 4);
}

static void
test_answer_bad(void **state)
{
	static const struct {
		unsigned	 id, flags;
		int		 want;
	} hdr[] = {
		{ 0xbeef, OK, 1 },
		{ 0xbeee, OK, -1 },		/* another query's */
		{ 0xefbe, OK, -1 },
		{ 0xbeef, OK & ~0x8000u, -1 },	/* a query, no response */
		{ 0xbeef, OK | 3, 0 },		/* NXDOMAIN */
		{ 0xbeef, OK | 2, -1 },		/* SERVFAIL */
		{ 0xbeef, OK | 5, -1 },		/* REFUSED */
		{ 0xbeef, OK | 1, -1 },		/* FORMERR */
		{ 0xbeef, OK | 4, -1 },		/* NOTIMP */
		{ 0xbeef, OK | 15, -1 },
		{ 0xbeef, OK | 0x200, 1 },	/* TC, the answer is there */
	};
	unsigned char a[16];
	struct msg m;
	size_t i, k;

	(void)state;
	for (i = 0; i < NELEM(hdr); i++) {
		head(&m, hdr[i].id, hdr[i].flags, 1, 1, DNS_A);
		rr(&m, DNS_A, 1, v4, 4);
		if (answer(&m, m.n, DNS_A, a) != hdr[i].want)
			fail_msg("id %04x flags %04x: not %d", hdr[i].id,
			    hdr[i].flags, hdr[i].want);
	}
	/* TC and nothing found: the answer may be what was cut */
	head(&m, 0xbeef, OK | 0x200, 1, 0, DNS_A);
	assert_int_equal(answer(&m, m.n, DNS_A, a), -1);
	/* rdlength other than 4 for A, 16 for AAAA */
	head(&m, 0xbeef, OK, 1, 1, DNS_A);
	rr(&m, DNS_A, 1, v6, 5);
	assert_int_equal(answer(&m, m.n, DNS_A, a), -1);
	head(&m, 0xbeef, OK, 1, 1, DNS_A);
	rr(&m, DNS_A, 1, v6, 16);
	assert_int_equal(answer(&m, m.n, DNS_A, a), -1);
	head(&m, 0xbeef, OK, 1, 1, DNS_AAAA);
	rr(&m, DNS_AAAA, 1, v4, 4);
	assert_int_equal(answer(&m, m.n, DNS_AAAA, a), -1);
	head(&m, 0xbeef, OK, 1, 1, DNS_A);
	rr(&m, DNS_A, 1, v4, 0);
	assert_int_equal(answer(&m, m.n, DNS_A, a), -1);
	/* rdlength past the end */
	head(&m, 0xbeef, OK, 1, 1, DNS_A);
	rr(&m, DNS_A, 1, v4, 4);
	m.b[m.n - 5] = 5;
	assert_int_equal(answer(&m, m.n, DNS_A, a), -1);
	/* more answers counted than there are */
	head(&m, 0xbeef, OK, 1, 2, DNS_A);
	rr(&m, 5, 1, cname, sizeof(cname));
	assert_int_equal(answer(&m, m.n, DNS_A, a), -1);
	/* more questions counted than there are */
	head(&m, 0xbeef, OK, 2, 0, DNS_A);
	m.b[5] = 3;
	assert_int_equal(answer(&m, m.n, DNS_A, a), -1);
	/* label types 0x40 and 0x80 are not in use */
	head(&m, 0xbeef, OK, 1, 1, DNS_A);
	put(&m, "\100a\0", 3);
	assert_int_equal(answer(&m, m.n, DNS_A, a), -1);
	head(&m, 0xbeef, OK, 1, 1, DNS_A);
	put(&m, "\200a\0", 3);
	assert_int_equal(answer(&m, m.n, DNS_A, a), -1);
	/* ... not even where a length of 65 would fit */
	head(&m, 0xbeef, OK, 1, 1, DNS_A);
	put(&m, "\101", 1);
	for (k = 0; k < 65; k++)
		put(&m, "a", 1);
	put(&m, "\0", 1);
	put16(&m, DNS_A);
	put16(&m, 1);
	put(&m, "\0\0\0\1\0\4", 6);
	put(&m, v4, 4);
	assert_int_equal(answer(&m, m.n, DNS_A, a), -1);
	/* a label longer than what is left; a pointer's half */
	head(&m, 0xbeef, OK, 1, 1, DNS_A);
	put(&m, "\77abc", 4);
	assert_int_equal(answer(&m, m.n, DNS_A, a), -1);
	head(&m, 0xbeef, OK, 1, 1, DNS_A);
	put(&m, "\300", 1);
	assert_int_equal(answer(&m, m.n, DNS_A, a), -1);
	/* a pointer to itself is skipped, never followed: no loop */
	head(&m, 0xbeef, OK, 1, 1, DNS_A);
	put16(&m, 0xc000 | (unsigned)m.n);
	put16(&m, DNS_A);
	put16(&m, 1);
	put(&m, "\0\0\0\1\0\4", 6);
	put(&m, v4, 4);
	assert_int_equal(answer(&m, m.n, DNS_A, a), 1);
}

static const struct {
	const char	*line;
	size_t		 n;
	const char	*name;
	int		 want, fam;
	unsigned char	 a[16];
} hosts[] = {
	{ S("127.0.0.1 localhost"), "localhost", 0, 4, { 127, 0, 0, 1 } },
	{ S("127.0.0.1 localhost"), "localhost", 4, 4, { 127, 0, 0, 1 } },
	{ S("127.0.0.1 localhost"), "localhost", 6, 0, { 0 } },
	{ S("127.0.0.1\tlocalhost localhost.localdomain"),
	    "localhost.localdomain", 0, 4, { 127, 0, 0, 1 } },
	{ S("::1 localhost ip6-localhost"), "ip6-localhost", 6, 6,
	    { [15] = 1 } },
	{ S("::1 localhost ip6-localhost"), "localhost", 4, 0, { 0 } },
	{ S("127.0.0.1 LocalHost"), "localhost", 0, 4, { 127, 0, 0, 1 } },
	{ S("127.0.0.1 localhost"), "LOCALHOST", 0, 4, { 127, 0, 0, 1 } },
	{ S("  10.0.0.5 \t  db  \t "), "db", 0, 4, { 10, 0, 0, 5 } },
	{ S("10.0.0.5 db\r"), "db", 0, 4, { 10, 0, 0, 5 } },
	{ S("10.0.0.5 a b c db"), "db", 0, 4, { 10, 0, 0, 5 } },
	{ S("10.0.0.5 db# comment"), "db", 0, 4, { 10, 0, 0, 5 } },
	{ S("# 127.0.0.1 localhost"), "localhost", 0, 0, { 0 } },
	{ S("#127.0.0.1 localhost"), "localhost", 0, 0, { 0 } },
	{ S("127.0.0.1 foo # localhost"), "localhost", 0, 0, { 0 } },
	{ S("127.0.0.1 foo#localhost"), "localhost", 0, 0, { 0 } },
	{ S("127.0.0.1 localhostx"), "localhost", 0, 0, { 0 } },
	{ S("127.0.0.1 localhos"), "localhost", 0, 0, { 0 } },
	{ S("127.0.0.1 xlocalhost"), "localhost", 0, 0, { 0 } },
	{ S("127.0.0.1"), "localhost", 0, 0, { 0 } },
	{ S("localhost"), "localhost", 0, 0, { 0 } },
	{ S("localhost 127.0.0.1"), "localhost", 0, 0, { 0 } },
	{ S("300.0.0.1 x"), "x", 0, 0, { 0 } },
	{ S("fe80::1%lo x"), "x", 0, 0, { 0 } },
	{ S(""), "x", 0, 0, { 0 } },
	{ S("   "), "x", 0, 0, { 0 } },
	{ S("1.2.3.4 x"), "", 0, 0, { 0 } },
	{ S("1.2.3.4 x\0y"), "y", 0, 4, { 1, 2, 3, 4 } },
};

static void
test_hosts(void **state)
{
	unsigned char a[16];
	char *buf;
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < NELEM(hosts); i++) {
		buf = test_malloc(hosts[i].n + 1);
		memcpy(buf, hosts[i].line, hosts[i].n);
		memset(a, 0, sizeof(a));
		rc = dns_hosts_line(buf, hosts[i].n, hosts[i].name,
		    hosts[i].want, a);
		test_free(buf);
		if (rc != hosts[i].fam)
			fail_msg("\"%.*s\" for %s/%d: %d, want %d",
			    (int)hosts[i].n, hosts[i].line, hosts[i].name,
			    hosts[i].want, rc, hosts[i].fam);
		if (rc != 0 && memcmp(a, hosts[i].a, rc == 4 ? 4 : 16) != 0)
			fail_msg("\"%.*s\": wrong address", (int)hosts[i].n,
			    hosts[i].line);
	}
}

/* resolv.conf lines, one after the other, on a copy of their bytes. */
static void
conf(struct dns_conf *r, const char *const *lines)
{
	char *buf;
	size_t n;

	dns_conf_init(r);
	for (; *lines != NULL; lines++) {
		n = strlen(*lines);
		buf = test_malloc(n + 1);
		memcpy(buf, *lines, n);
		dns_conf_line(r, buf, n);
		test_free(buf);
	}
}

static void
test_conf(void **state)
{
	static const char *const none[] = { NULL };
	static const char *const ns[] = {
		"nameserver 10.0.0.1",
		"nameserver bogus",
		"nameserver",
		"nameserver fe80::1%eth0",
		"# nameserver 9.9.9.9",
		"; nameserver 9.9.9.9",
		"nameservers 9.9.9.9",
		"Nameserver 9.9.9.9",
		"  nameserver\t::1  # the second",
		"nameserver 1.1.1.1 8.8.8.8",
		"nameserver 8.8.4.4",		/* a fourth: ignored */
		NULL,
	};
	static const char *const search[] = {
		"search a.com b.com.",
		"options ndots:3 timeout:2",
		NULL,
	};
	static const char *const domain[] = {
		"search a.com b.com",
		"domain c.com d.com",
		"options ndots:99",
		NULL,
	};
	static const char *const six[] = {
		"domain c.com",
		"search 1 2 3 4 5 6 7 8",
		"options ndots:x",
		NULL,
	};
	static const char *const sixteen[] = {
		"options ndots:16 ndots:",
		NULL,
	};
	static const char *const dots[] = {
		"search . x.",
		"options rotate ndots:0 ndots:3x ndots: ndots:-1",
		"search",
		NULL,
	};
	struct dns_conf r;

	(void)state;
	conf(&r, none);
	assert_int_equal(r.nns, 0);
	assert_int_equal(r.nsearch, 0);
	assert_int_equal(r.ndots, 1);

	conf(&r, ns);
	assert_int_equal(r.nns, 3);
	assert_int_equal(r.ns_family[0], 4);
	assert_memory_equal(r.ns[0], "\12\0\0\1", 4);
	assert_int_equal(r.ns_family[1], 6);
	assert_memory_equal(r.ns[1], "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1", 16);
	assert_int_equal(r.ns_family[2], 4);
	assert_memory_equal(r.ns[2], "\1\1\1\1", 4);
	assert_int_equal(r.nsearch, 0);
	assert_int_equal(r.ndots, 1);

	conf(&r, search);
	assert_int_equal(r.nsearch, 2);
	assert_string_equal(r.search[0], "a.com");
	assert_string_equal(r.search[1], "b.com");
	assert_int_equal(r.ndots, 3);

	conf(&r, domain);
	assert_int_equal(r.nsearch, 1);
	assert_string_equal(r.search[0], "c.com");
	assert_int_equal(r.ndots, 15);

	conf(&r, six);
	assert_int_equal(r.nsearch, DNS_MAX_SEARCH);
	assert_string_equal(r.search[0], "1");
	assert_string_equal(r.search[5], "6");
	assert_int_equal(r.ndots, 1);

	conf(&r, sixteen);
	assert_int_equal(r.ndots, 15);

	conf(&r, dots);
	assert_int_equal(r.nsearch, 0);	/* the last search is empty */
	assert_int_equal(r.ndots, 0);
}

/* A search domain of 253 bytes is kept, 254 is not. */
static void
test_conf_long_domain(void **state)
{
	static char line[512];
	struct dns_conf r;

	(void)state;
	dns_conf_init(&r);
	strcpy(line, "search ");
	memset(line + 7, 'd', 253);
	dns_conf_line(&r, line, 7 + 253);
	assert_int_equal(r.nsearch, 1);
	assert_int_equal(strlen(r.search[0]), 253);
	line[7 + 253] = '.';		/* a trailing dot is dropped */
	dns_conf_line(&r, line, 7 + 254);
	assert_int_equal(r.nsearch, 1);
	line[7 + 253] = 'd';
	dns_conf_line(&r, line, 7 + 254);
	assert_int_equal(r.nsearch, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_addr),
		cmocka_unit_test(test_addr_every_part),
		cmocka_unit_test(test_query),
		cmocka_unit_test(test_query_names),
		cmocka_unit_test(test_answer),
		cmocka_unit_test(test_answer_bad),
		cmocka_unit_test(test_hosts),
		cmocka_unit_test(test_conf),
		cmocka_unit_test(test_conf_long_domain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
