/* poll(2) over the registered fds and the earliest timer. */
#include <errno.h>
#include <limits.h>
#include <time.h>

#include "tend/loop.h"
#include "tend/sys.h"

int
loop_add_fd(struct loop *l, int fd, short events, loop_fd_cb *cb, void *ctx)
{
	if (l->nfds == LOOP_MAX_FDS) {
		errno = ENOSPC;
		return -1;
	}
	l->pfd[l->nfds].fd = events ? fd : -1;
	l->pfd[l->nfds].events = events;
	l->pfd[l->nfds].revents = 0;
	l->fdcb[l->nfds].fd = fd;
	l->fdcb[l->nfds].dead = false;
	l->fdcb[l->nfds].cb = cb;
	l->fdcb[l->nfds].ctx = ctx;
	l->nfds++;
	return 0;
}

/* The live entries of fd poll for events (0: none); dead: deleted. */
static void
loop_mark(struct loop *l, int fd, short events, bool dead)
{
	size_t i;

	for (i = 0; i < l->nfds; i++) {
		if (l->fdcb[i].fd != fd || l->fdcb[i].dead)
			continue;
		l->pfd[i].events = events;
		l->pfd[i].fd = events ? fd : -1;
		l->fdcb[i].dead = dead;
	}
}

void
loop_set_events(struct loop *l, int fd, short events)
{
	loop_mark(l, fd, events, false);
}

void
loop_del_fd(struct loop *l, int fd)
{
	/* mark now, compact after the dispatch pass (see loop_run) */
	loop_mark(l, fd, 0, true);
}

struct loop_timer *
loop_add_timer(struct loop *l, loop_timer_cb *cb, void *ctx)
{
	struct loop_timer *t;

	if (l->ntimers == LOOP_MAX_TIMERS)
		return NULL;
	t = &l->timers[l->ntimers++];
	t->at = 0;
	t->cb = cb;
	t->ctx = ctx;
	return t;
}

int64_t
loop_ms(int id)
{
	struct timespec ts;

	sys_clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t
loop_now(void)
{
	return loop_ms(CLOCK_MONOTONIC);
}

/* The earliest armed timer, 0 if none. */
static int64_t
loop_next(const struct loop *l)
{
	int64_t next = 0;
	size_t i;

	for (i = 0; i < l->ntimers; i++)
		if (l->timers[i].at != 0 &&
		    (next == 0 || l->timers[i].at < next))
			next = l->timers[i].at;
	return next;
}

/* poll's timeout; the clock is read only when a timer is armed. */
static int
loop_timeout(struct loop *l)
{
	int64_t next = loop_next(l), wait;

	if (next == 0)
		return -1;
	wait = next - loop_now();
	if (wait < 0)
		return 0;
	return wait > INT_MAX ? INT_MAX : (int)wait;
}

/* The clock is read once, and only if a timer is armed. */
static void
loop_fire_timers(struct loop *l)
{
	int64_t now = 0;
	size_t i;

	for (i = 0; i < l->ntimers && !l->stop; i++) {
		struct loop_timer *t = &l->timers[i];

		if (t->at == 0)
			continue;
		if (now == 0)
			now = loop_now();
		if (t->at <= now) {
			t->at = 0;
			t->cb(l, t->ctx);
		}
	}
}

static void
loop_compact(struct loop *l)
{
	size_t i, j = 0;

	for (i = 0; i < l->nfds; i++) {
		if (l->fdcb[i].dead)
			continue;
		l->pfd[j] = l->pfd[i];
		l->fdcb[j] = l->fdcb[i];
		j++;
	}
	l->nfds = j;
}

int
loop_run(struct loop *l)
{
	size_t i, n;
	int r, timeout;

	while (!l->stop) {
		timeout = loop_timeout(l);
		if (timeout < 0 && l->nfds == 1 && l->block_fd >= 0 &&
		    l->pfd[0].fd == l->block_fd) {
			l->fdcb[0].cb(l, l->fdcb[0].ctx, l->block_fd, POLLIN);
			continue;
		}
		r = poll(l->pfd, l->nfds, timeout);
		if (r < 0) {
			if (errno == EINTR || errno == EAGAIN ||
			    errno == ENOMEM)
				continue;
			return -1;
		}
		/* callbacks may add fds: dispatch only those polled */
		n = l->nfds;
		for (i = 0; i < n && !l->stop; i++) {
			short rev = l->pfd[i].revents;

			l->pfd[i].revents = 0;
			if (rev != 0 && l->pfd[i].fd >= 0)
				l->fdcb[i].cb(l, l->fdcb[i].ctx, l->fdcb[i].fd,
				    rev);
		}
		loop_compact(l);
		loop_fire_timers(l);
	}
	return 0;
}
