/*
 * A stub resolver's pure parts (RFC 1035): the query, the answer, and the
 * lines of /etc/hosts and /etc/resolv.conf. musl's getaddrinfo would cost
 * 29 KiB of a 48 KiB binary; tend needs one A or AAAA record of a name.
 */
#ifndef TEND_DNS_H
#define TEND_DNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DNS_A		1
#define DNS_AAAA	28
#define DNS_MSG_MAX	512	/* UDP without EDNS */

/*
 * An IPv4 ("10.0.0.1", four decimal parts only, 0..255, no leading zero,
 * as inet_pton) or IPv6 literal ("::1", "fe80::1", "::ffff:1.2.3.4"; no
 * zone) in s[0..n) into addr (4 or 16 bytes, network order). Returns 4
 * or 6, or 0 when s is not a literal (addr may be written then).
 */
int	dns_addr_parse(const char *s, size_t n, unsigned char addr[16]);

/*
 * A query for name (no trailing dot needed; labels 1..63 of letters,
 * digits, '-' and '_', name <= 253) of type qtype (DNS_A/DNS_AAAA),
 * recursion desired, into buf. Returns the length, or 0 if name is not a
 * valid host name or buf is too small.
 */
size_t	dns_query(unsigned char *buf, size_t len, uint16_t id,
	    const char *name, int qtype);

/*
 * The first address of type qtype, class IN, in the response buf[0..len)
 * to query id (CNAMEs before it are skipped). Names are skipped, never
 * followed: a compression pointer ends one, so no pointer loop can form;
 * owner names are not compared, as the records of a CNAME chain have
 * other owners. Returns 1 with addr filled (4 or 16 bytes), 0 when the
 * name has no such record (NXDOMAIN, or no answer of that type), -1 when
 * buf is not a valid response to that id (an A of other than 4 bytes, an
 * AAAA of other than 16, truncated with no answer), or the server failed
 * (SERVFAIL, REFUSED, any other RCODE).
 */
int	dns_answer(const unsigned char *buf, size_t len, uint16_t id,
	    int qtype, unsigned char addr[16]);

/*
 * One /etc/hosts line (no newline): does it map name (case-insensitive)
 * to an address of family want (4 or 6; 0 either)? Fields are split at
 * blanks and control bytes. Returns 4 or 6 with addr filled, or 0 (addr
 * may be written then). Comments after '#' are ignored.
 */
int	dns_hosts_line(const char *line, size_t n, const char *name, int want,
	    unsigned char addr[16]);

/*
 * One /etc/resolv.conf line into r: "nameserver ADDR" (up to 3, IPv4 or
 * IPv6 literal), "search D..." (replaces earlier search/domain lines; up
 * to 6 domains of 1..253 bytes, a trailing dot dropped), "domain D"
 * (the same, one domain), "options ndots:N" (N above 15 is 15, as glibc
 * and musl cap it). Other lines, and so comments, are ignored.
 */
#define DNS_MAX_NS	3
#define DNS_MAX_SEARCH	6
struct dns_conf {
	int		 nns;
	int		 ns_family[DNS_MAX_NS];		/* 4 or 6 */
	unsigned char	 ns[DNS_MAX_NS][16];
	int		 nsearch;
	char		 search[DNS_MAX_SEARCH][254];
	int		 ndots;				/* 1 by default */
};

void	dns_conf_init(struct dns_conf *r);
void	dns_conf_line(struct dns_conf *r, const char *line, size_t n);

#endif
