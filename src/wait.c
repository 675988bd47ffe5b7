/*
 * --wait and `tend wait`: probe every endpoint until all are up, each on
 * its own backoff (--wait-interval doubling to 5 s), names resolved again
 * on each attempt (compose services appear late). tend keeps serving its
 * signalfd all along: SIGTERM ends the wait at once, zombies are reaped.
 */
#include <poll.h>
#include <string.h>
#include <sys/mman.h>

#include "tend/log.h"
#include "tend/net.h"
#include "tend/startup.h"
#include "tend/state.h"
#include "tend/sys.h"

#define WAIT_ATTEMPT_MS	2000	/* one attempt's bound */
#define WAIT_BACKOFF_MS	5000	/* the longest pause between attempts */
#define WAIT_NOTE_MS	5000	/* a "still down" line at most this often */

struct wait_ep {
	const char	*s;
	int64_t		 next;		/* the next attempt */
	int64_t		 pause;
	int64_t		 noted;		/* the last progress line */
	bool		 up;
	bool		 tried;		/* why holds an attempt's outcome */
	char		 why[96];
	char		 got[96];	/* this attempt's */
};

/* One mapping: the prober's buffers, then the endpoints. */
struct wait_map {
	struct net	 n;
	struct wait_ep	 ep[];
};

static void
wait_serve(void *ctx)
{
	struct tend *t = ctx;

	signals_on_read(&t->loop, t, t->sigfd, POLLIN);
}

/* "2.4s" */
static void
wait_note(const struct tend *t, const char *what, const char *s,
    int64_t ms, const char *why)
{
	if (!t->o->quiet)
		tlog(t->o->verbosity, TLOG_ERR, "%s %s %d.%ds%s%s", s, what,
		    (int)(ms / 1000), (int)(ms % 1000 / 100), why ? ": " : "",
		    why ? why : "");
}

int
wait_run(struct tend *t)
{
	const struct opts *o = t->o;
	const struct opts_list *l = &o->list[OPTS_L_WAIT];
	struct net_check chk = { o->wait_lo, o->wait_hi, NULL };
	struct wait_map *m;
	struct wait_ep *ep;
	size_t i, down, sz = sizeof(*m) + l->n * sizeof(*ep);
	int64_t start = loop_now(), now, end, next, until;
	int rc = 0;

	if (l->n == 0)
		return 0;
	m = sys_mmap(NULL, sz, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return 125;
	m->n.w = (struct net_watch){ t->sigfd, wait_serve, t, &t->aborted };
	ep = m->ep;
	/* 0 is forever too, as wait-for-it's -t 0 */
	end = o->wait_timeout_ms <= 0 ? INT64_MAX : start + o->wait_timeout_ms;
	for (i = 0; i < l->n; i++) {
		ep[i].s = l->v[i];
		ep[i].next = ep[i].noted = start;
		ep[i].pause = o->wait_interval_ms;
		if (!o->quiet)
			tlog(o->verbosity, TLOG_ERR, "waiting for %s",
			    ep[i].s);
	}
	for (;;) {
		down = 0;
		next = end;
		for (i = 0; i < l->n; i++) {
			struct wait_ep *e = &ep[i];

			if (e->up)
				continue;
			now = loop_now();
			if (e->next <= now && now < end) {
				until = now + WAIT_ATTEMPT_MS;
				rc = net_probe(&m->n, e->s, &chk, until < end ?
				    until : end, e->got, sizeof(e->got));
				if (rc < 0)
					goto out;
				now = loop_now();
				/*
				 * An attempt the deadline itself cut short
				 * keeps the last real outcome ("connection
				 * refused", not "timed out").
				 */
				if (rc == 1 || now < end || !e->tried)
					memcpy(e->why, e->got, sizeof(e->why));
				e->tried = true;
				if (rc == 1) {
					e->up = true;
					wait_note(t, "ready after", e->s,
					    now - start, NULL);
					continue;
				}
				if (now - e->noted >= WAIT_NOTE_MS) {
					e->noted = now;
					wait_note(t, "still down after", e->s,
					    now - start, e->why);
				}
				e->next = now + e->pause;
				if (e->pause < WAIT_BACKOFF_MS)
					e->pause = e->pause * 2 > WAIT_BACKOFF_MS ?
					    WAIT_BACKOFF_MS : e->pause * 2;
			}
			down++;
			if (e->next < next)
				next = e->next;
		}
		rc = 0;
		if (down == 0)
			goto out;
		if (loop_now() >= end) {
			for (i = 0; i < l->n; i++)
				if (!ep[i].up)
					tlog(o->verbosity, TLOG_ERR, "gave up "
					    "waiting: %s is down: %s", ep[i].s,
					    ep[i].why);
			rc = 124;
			goto out;
		}
		if ((rc = net_sleep(&m->n, next)) < 0)
			goto out;
	}
out:
	sys_munmap(m, sz);
	return rc;
}
