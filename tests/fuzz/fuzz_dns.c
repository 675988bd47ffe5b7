/*
 * libFuzzer target for dns: dns_answer, dns_hosts_line, dns_conf_line,
 * and dns_addr_parse and dns_query along the way. `make fuzz` (clang)
 * builds it with
 *
 *	clang -std=c11 -D_GNU_SOURCE -Iinclude $(WARN) -g -O1 \
 *	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
 *	    -o build/fuzz/fuzz_dns tests/fuzz/fuzz_dns.c src/dns.c
 *
 * and runs it for FUZZ_TIME seconds (30 by default) on its corpus:
 *
 *	build/fuzz/fuzz_dns -max_len=8192 -max_total_time=30 \
 *	    -artifact_prefix=build/fuzz/ build/fuzz/fuzz_dns.corpus
 *
 * A crash leaves its input in build/fuzz/crash-*; run the binary on
 * that file alone to replay it.
 *
 * The input is read twice. As a response (libFuzzer's buffer is of its
 * exact size, so ASan sees any read past it) to the query whose id is
 * its first two bytes, for A or AAAA by its last byte's low bit: the
 * verdict is -1, 0 or 1, an address found is in the input, another id is
 * -1. As lines, each copied to a buffer of its exact size: an address
 * literal matches glibc's inet_pton; a hosts line maps a name only to
 * its own first field; resolv.conf lines keep the limits of struct
 * dns_conf; and a line taken as a name gives a query that, turned into
 * a response with one A record, yields that record.
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tend/dns.h"

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

static void
check_answer(const uint8_t *d, size_t n)
{
	unsigned char a[16];
	uint16_t id;
	int qtype, rc;

	if (n < 2)
		return;
	id = (uint16_t)(d[0] << 8 | d[1]);
	qtype = d[n - 1] & 1 ? DNS_AAAA : DNS_A;
	rc = dns_answer(d, n, id, qtype, a);
	CHECK(rc >= -1 && rc <= 1);
	if (rc == 1)
		CHECK(memmem(d + 12, n - 12, a, qtype == DNS_A ? 4 : 16) !=
		    NULL);
	CHECK(dns_answer(d, n, (uint16_t)(id + 1), qtype, a) == -1);
}

/* dns_addr_parse against inet_pton, on a line without a NUL in it. */
static void
check_addr(const char *s, size_t n)
{
	unsigned char a[16], b[16];
	char *z;
	int rc = dns_addr_parse(s, n, a), want = 0;

	CHECK(rc == 0 || rc == 4 || rc == 6);
	if (memchr(s, '\0', n) != NULL)
		return;
	z = malloc(n + 1);
	CHECK(z != NULL);
	memcpy(z, s, n);
	z[n] = '\0';
	if (inet_pton(AF_INET, z, b) == 1)
		want = 4;
	else if (inet_pton(AF_INET6, z, b) == 1)
		want = 6;
	free(z);
	CHECK(rc == want);
	if (rc != 0)
		CHECK(memcmp(a, b, rc == 4 ? 4 : 16) == 0);
}

static void
check_hosts(const char *s, size_t n)
{
	static const char *const names[] = { "localhost", "db", "x" };
	unsigned char a[16], b[16];
	const char *e = memchr(s, '#', n), *p = s;
	size_t i, fl;
	int rc, want;

	if (e == NULL)
		e = s + n;
	while (p < e && (unsigned char)*p <= ' ')
		p++;
	for (fl = 0; p + fl < e && (unsigned char)p[fl] > ' '; fl++)
		;
	for (i = 0; i < 3; i++) {
		for (want = 0; want <= 6; want += 2) {
			if (want == 2)
				continue;
			rc = dns_hosts_line(s, n, names[i], want, a);
			CHECK(rc == 0 || rc == 4 || rc == 6);
			CHECK(want == 0 || rc == 0 || rc == want);
			if (rc == 0)
				continue;
			/* the address is the first field's */
			CHECK(dns_addr_parse(p, fl, b) == rc);
			CHECK(memcmp(a, b, rc == 4 ? 4 : 16) == 0);
		}
	}
}

static void
check_conf(const struct dns_conf *r)
{
	int i;

	CHECK(r->nns >= 0 && r->nns <= DNS_MAX_NS);
	for (i = 0; i < r->nns; i++)
		CHECK(r->ns_family[i] == 4 || r->ns_family[i] == 6);
	CHECK(r->nsearch >= 0 && r->nsearch <= DNS_MAX_SEARCH);
	for (i = 0; i < r->nsearch; i++) {
		CHECK(memchr(r->search[i], '\0', sizeof(r->search[i])) !=
		    NULL);
		CHECK(strlen(r->search[i]) >= 1);
	}
	CHECK(r->ndots >= 0 && r->ndots <= 15);
}

/* A line as a name: its query, answered, gives the answer back. */
static void
check_query(const char *s, size_t n)
{
	static const unsigned char rr[] = { 0xc0, 12, 0, DNS_A, 0, 1,
	    0, 0, 0, 60, 0, 4, 192, 0, 2, 1 };
	unsigned char msg[DNS_MSG_MAX + sizeof(rr)], a[16];
	char name[300];
	size_t q;

	if (n >= sizeof(name) || memchr(s, '\0', n) != NULL)
		return;
	memcpy(name, s, n);
	name[n] = '\0';
	q = dns_query(msg, DNS_MSG_MAX, 0x4242, name, DNS_A);
	if (q == 0)
		return;
	CHECK(q >= 19 && q <= 253 + 18);
	msg[2] |= 0x80;
	msg[7] = 1;
	memcpy(msg + q, rr, sizeof(rr));
	CHECK(dns_answer(msg, q + sizeof(rr), 0x4242, DNS_A, a) == 1);
	CHECK(memcmp(a, rr + 12, 4) == 0);
	CHECK(dns_answer(msg, q + sizeof(rr), 0x4242, DNS_AAAA, a) == 0);
}

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dns_conf r;
	const char *s = (const char *)data, *nl;
	char *line;
	size_t n;

	check_answer(data, size);
	dns_conf_init(&r);
	while (size > 0) {
		nl = memchr(s, '\n', size);
		n = nl != NULL ? (size_t)(nl - s) : size;
		line = malloc(n + (n == 0));
		CHECK(line != NULL);
		memcpy(line, s, n);
		check_addr(line, n);
		check_hosts(line, n);
		check_query(line, n);
		dns_conf_line(&r, line, n);
		check_conf(&r);
		free(line);
		n += nl != NULL;
		s += n;
		size -= n;
	}
	return 0;
}
