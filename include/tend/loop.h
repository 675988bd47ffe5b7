/*
 * The event loop: one poll(2) over registered fds (the signalfd first, log
 * sources and sockets later) and the earliest CLOCK_MONOTONIC timer. With no
 * timer armed, poll sleeps without a timeout: idle means 0 wakeups.
 */
#ifndef TEND_LOOP_H
#define TEND_LOOP_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* signalfd, inotify, 2 outputs, 16 log sources, 64 cron pipes, spare */
#define LOOP_MAX_FDS	96
#define LOOP_MAX_TIMERS	16

struct loop;

typedef void loop_fd_cb(struct loop *l, void *ctx, int fd, short revents);
typedef void loop_timer_cb(struct loop *l, void *ctx);

struct loop_timer {
	int64_t		 at;	/* CLOCK_MONOTONIC ms; 0 = disarmed */
	loop_timer_cb	*cb;
	void		*ctx;
};

/*
 * A loop starts zeroed (tend's is in static storage), then block_fd is set.
 * The scalars and pfd first: one-byte displacements from a struct loop
 * pointer.
 */
struct loop {
	size_t		 nfds;
	size_t		 ntimers;
	/*
	 * A blocking fd whose callback reads it once: when it is the only fd
	 * and no timer is armed, the loop calls the callback without poll(2)
	 * and the read is the wait (one system call less per event). -1: none.
	 */
	int		 block_fd;
	bool		 stop;
	/* pfd[i].fd is -1 while fdcb[i].fd is paused or deleted */
	struct pollfd	 pfd[LOOP_MAX_FDS];
	struct {
		int		 fd;
		bool		 dead;
		loop_fd_cb	*cb;
		void		*ctx;
	}		 fdcb[LOOP_MAX_FDS];
	struct loop_timer timers[LOOP_MAX_TIMERS];
};

/* Watch fd for events (POLLIN/POLLOUT); 0 or -1 (ENOSPC). */
int	loop_add_fd(struct loop *l, int fd, short events, loop_fd_cb *cb,
	    void *ctx);

/*
 * Change what fd is watched for; 0 pauses it (poll ignores it, not even
 * POLLHUP is reported) without removing it.
 */
void	loop_set_events(struct loop *l, int fd, short events);

void	loop_del_fd(struct loop *l, int fd);

/* A timer slot, disarmed; NULL when all are taken. */
struct loop_timer *loop_add_timer(struct loop *l, loop_timer_cb *cb,
	    void *ctx);

/* Current CLOCK_MONOTONIC time in milliseconds. */
int64_t	loop_now(void);

/* The time of clock id (CLOCK_REALTIME for log stamps) in milliseconds. */
int64_t	loop_ms(int id);

/* Run until l->stop; returns -1 only if poll fails for good. */
int	loop_run(struct loop *l);

#endif
