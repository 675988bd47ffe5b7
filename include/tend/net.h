/*
 * One probe of an endpoint (wait, health): resolve the name again, connect,
 * and for http send a GET and judge the status line. Everything runs under
 * one CLOCK_MONOTONIC deadline, and while it waits, another fd (tend's
 * signalfd) is served, so signals and reaping never wait for a probe.
 */
#ifndef TEND_NET_H
#define TEND_NET_H

#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/un.h>

#include "tend/dns.h"
#include "tend/url.h"

struct net_watch {
	int		 fd;		/* -1: none */
	void		(*cb)(void *ctx);	/* fd is readable */
	void		*ctx;
	const bool	*stop;		/* set by cb: give up the probe */
};

struct net_check {
	int		 lo, hi;	/* HTTP statuses that count as up */
	const char	*contains;	/* in the first 64 KiB of the body */
};

union net_addr {
	struct sockaddr		sa;
	struct sockaddr_in	in;
	struct sockaddr_in6	in6;
	struct sockaddr_un	un;
};

/*
 * A prober: what it serves while it waits (w), and the buffers of one
 * probe at a time, net.c's alone. The caller's, in a frame of its own
 * that lives as long as the probes: buffers there cost the probe's
 * functions no stack protector each (-fstack-protector-strong). The
 * fields used most come first, within a byte's displacement.
 */
struct net {
	struct net_watch w;
	int64_t		 deadline;		/* net_probe's arguments */
	char		*why;
	size_t		 whylen;
	char		*file, *line;		/* net_file's */
	size_t		 file_len, line_len;
	struct pollfd	 pfd[DNS_MAX_NS + 1];	/* the last is w.fd */
	struct dns_conf	 conf;
	union net_addr	 addr, ns;
	unsigned char	 ip[16];
	struct stat	 st;
	unsigned char	 q[DNS_MSG_MAX], a[DNS_MSG_MAX];
	char		 name[URL_HOST_MAX + 256];
	char		 req[URL_HOST_MAX + URL_PATH_MAX + 128];
	char		 small[1024];
	struct url	 u;			/* last: the rest is nearer */
};

/* Serve n->w until deadline (a pause between attempts); 0, or -1 if stopped. */
int	net_sleep(struct net *n, int64_t deadline);

/*
 * Probe url, parsed again each time into n->u (opts_parse has checked it
 * with url_parse). Returns 1 up; 0 down, with the reason in why
 * ("connection refused", "HTTP 503", "no such host", "timed out"); -1
 * when *n->w.stop was set.
 */
int	net_probe(struct net *n, const char *url, const struct net_check *c,
	    int64_t deadline, char *why, size_t whylen);

#endif
