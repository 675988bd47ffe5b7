/*
 * Log relays: FIFOs (--log), followed files (--tail) and a syslog socket
 * (--syslog) copied line by line to tend's stdout and stderr.
 *
 * Back-pressure, not loss: each output stream has a buffer of RELAY_CAP
 * bytes; when RELAY_HIGH bytes wait in it, tend stops reading the sources
 * that feed it (their writers block in write(2) or send(2)) and goes on
 * forwarding signals and reaping. Writes never block the loop: tend
 * writes through a non-blocking file description of its own (reopened
 * from /proc/self/fd, so the child's shared description is never switched
 * to O_NONBLOCK), send(MSG_DONTWAIT) on a socket, or, without /proc, at
 * most PIPE_BUF bytes once poll(2) says there is room.
 */
#ifndef TEND_RELAY_H
#define TEND_RELAY_H

#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>

#include "tend/linebuf.h"
#include "tend/logfmt.h"
#include "tend/opts.h"

#define RELAY_CAP	(1u << 20)	/* per output stream */
#define RELAY_HIGH	(256u << 10)	/* stop reading sources above this */
#define RELAY_READ_MAX	(64u << 10)	/* largest read from a source */
#define RELAY_TAIL_POLL_MS 1000		/* --tail without inotify */
#define RELAY_PIPES	64		/* 32 cron jobs' outputs at once */

struct loop;
struct loop_timer;

/* The modes before OUT_GUARDED never block: a write may go straight out. */
enum relay_out_mode {
	OUT_NONBLOCK,	/* our own O_NONBLOCK description: write(2) */
	OUT_SOCKET,	/* send(2) with MSG_DONTWAIT */
	OUT_PLAIN,	/* a regular file: write(2) does not block */
	OUT_GUARDED,	/* poll for POLLOUT, then at most PIPE_BUF bytes */
	OUT_BROKEN,	/* closed or gone: lines are dropped */
};

struct relay;

struct relay_out {
	struct relay		*r;
	enum relay_out_mode	 mode;
	int			 fd;
	int			 stdfd;		/* 1 or 2 */
	bool			 polling;	/* POLLOUT registered */
	bool			 warned;
	char			*buf;		/* RELAY_CAP bytes, mmap'd */
	size_t			 head, tail;	/* pending: buf[head..tail) */
};

struct relay_src {
	struct relay		*r;
	const struct opts_source *os;
	int			 fd;		/* -1: not open (tail) */
	bool			 paused;
	bool			 busy;		/* a pipe: while it is open */
	bool			 held_cut;	/* --syslog: datagram cut */
	struct linebuf		*lb;		/* mmap'd; NULL for syslog */
	/* --tail */
	dev_t			 dev;
	ino_t			 ino;
	off_t			 off;
	int			 wd;		/* inotify watch of the file */
	int			 held_fd;	/* --syslog: 1, 2; 0: none */
	/* --syslog: the datagram buffer, the line it gave, what is left */
	char			*dgram;
	size_t			 dgram_size;
	char			*held;
	size_t			 held_len, held_off;
	/*
	 * The line being rendered, its prefix and source set once (here,
	 * not on the stack: that would cost a stack canary in each user).
	 */
	struct logfmt_line	 line;
	/* a pipe: its own source description */
	struct opts_source	 own;
};

struct relay {
	const struct opts	*o;
	struct loop		*loop;
	/*
	 * The scalars and the scratch space first: the code reaches them
	 * with a byte's displacement, the arrays come after.
	 */
	struct relay_out	*to[3];		/* by fd number 1, 2 */
	size_t			 nsrc;
	int			 inotify;	/* -1: none (polling) */
	bool			 poll_tails;	/* look every RELAY_TAIL_POLL_MS */
	struct loop_timer	*tail_timer;
	int64_t			 now_ms;	/* JSON "time" of this read */
	/*
	 * Scratch space for system calls: what fstat(2), stat(2) and the
	 * shutdown's poll(2) fill; and (path, sa, last) a watched
	 * directory's name, or what inotify says (read and dropped), or the
	 * address --syslog binds. On the stack it would cost each function
	 * that uses it a stack canary (-fstack-protector-strong).
	 */
	struct stat		 st;
	struct pollfd		 pfd;
	struct relay_out	 out[2];	/* stdout, stderr */
	struct relay_src	 src[OPTS_MAX_SOURCES + RELAY_PIPES];
	union {
		char			 path[PATH_MAX];
		struct sockaddr_un	 sa;
	} __attribute__((aligned(8)));
};

/*
 * Setup phase: create the FIFOs and the socket, open everything, register
 * with the loop. 0, or -1 with a message naming the source in err.
 */
int	relay_setup(struct relay *r, const struct opts *o, struct loop *l,
	    char *err, size_t errlen);

/*
 * Relay the read end of a pipe to stream stdfd (1 or 2), each line after
 * prefix (kept by the caller), named source in JSON, until EOF; then fd is
 * closed. 0, or -1 when no slot is free (fd is left to the caller).
 */
int	relay_pipe(struct relay *r, int fd, int stdfd, const char *prefix,
	    const char *source);

/* relay_pipe undone before anything was read: fd is the caller's again. */
void	relay_pipe_cancel(struct relay *r, int fd);

/* How many relay_pipe calls would find a slot now (and a loop fd). */
size_t	relay_pipe_room(const struct relay *r);

/* Shutdown: read what the sources still hold, flush it all, blocking. */
void	relay_drain(struct relay *r);

#endif
