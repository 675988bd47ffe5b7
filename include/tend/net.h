/*
 * One probe of an endpoint (wait, health): resolve the name again, connect,
 * and for http send a GET and judge the status line. Everything runs under
 * one CLOCK_MONOTONIC deadline, and while it waits, another fd (tend's
 * signalfd) is served, so signals and reaping never wait for a probe.
 */
#ifndef TEND_NET_H
#define TEND_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* Serve w until deadline (a pause between attempts); 0, or -1 if stopped. */
int	net_sleep(int64_t deadline, const struct net_watch *w);

/*
 * Returns 1 up; 0 down, with the reason in why ("connection refused",
 * "HTTP 503", "no such host", "timed out"); -1 when *w->stop was set.
 */
int	net_probe(const struct url *u, const struct net_check *c,
	    int64_t deadline, const struct net_watch *w, char *why,
	    size_t whylen);

#endif
