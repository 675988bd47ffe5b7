/*
 * tend health URL: one probe for Docker's HEALTHCHECK in images without
 * curl or wget. Exit 0 healthy, 1 unhealthy (never 2: Docker reserves it),
 * one line on stdout, which Docker keeps in `docker inspect` (at most 200
 * characters). DNS, connect, send and receive share one deadline.
 */
#include <string.h>
#include <unistd.h>

#include "tend/fmt.h"
#include "tend/loop.h"
#include "tend/net.h"
#include "tend/opts.h"
#include "tend/startup.h"

#define HEALTH_LINE_MAX	200

int
health_run(const struct opts *o)
{
	struct net_check chk = { o->wait_lo, o->wait_hi, o->contains };
	struct net nt;
	char why[128], line[HEALTH_LINE_MAX + 2];
	const char *url = o->list[OPTS_L_WAIT].v[0];
	size_t n, room;
	int up;

	/* nothing to serve while it waits */
	nt.w.fd = -1;
	up = net_probe(&nt, url, &chk, loop_now() + o->wait_timeout_ms, why,
	    sizeof(why)) == 1;
	/* a long URL is cut, not the reason: "unhealthy: URL...: why" */
	room = HEALTH_LINE_MAX - 16 - strlen(why);
	n = strlen(url);
	n = fmt_s(line, HEALTH_LINE_MAX + 1, "%s: %.*s%s: %s",
	    up ? "healthy" : "unhealthy", (int)(n > room ? room : n), url,
	    n > room ? "..." : "", why);
	line[n] = '\n';
	(void)!write(STDOUT_FILENO, line, n + 1);
	return up ? 0 : 1;
}
