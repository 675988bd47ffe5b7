/*
 * Log relays (see include/tend/relay.h): sources are read only while the
 * output they feed has room; outputs are written without ever blocking
 * the loop; at shutdown everything is read and written out, blocking.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "tend/errstr.h"
#include "tend/fmt.h"
#include "tend/fs.h"
#include "tend/log.h"
#include "tend/logfmt.h"
#include "tend/loop.h"
#include "tend/relay.h"
#include "tend/sock.h"
#include "tend/sys.h"
#include "tend/syslogfmt.h"

/*
 * No EINTR retries: tend installs no signal handler (every signal is
 * blocked and read from the signalfd), and after a stop signal and
 * SIGCONT the kernel restarts these calls (signal(7) lists the ones it
 * does not: none is used here).
 *
 * bind, fchmodat, lseek and the inotify calls have one or two callers,
 * here: they are made with syscall(2) in place (include/tend/sys.h).
 */

/*
 * The syslog buffer: 64 KiB, grown for a larger datagram and given back
 * after it; a datagram over 1 MiB is cut there (any user can send one).
 */
#define RELAY_DGRAM_MIN	(64u << 10)
#define RELAY_DGRAM_MAX	(1u << 20)

static void	relay_out_write(struct relay *r, struct relay_out *out);
static void	relay_resume_all(struct relay *r);
static void	relay_tail_check(struct relay *r, struct relay_src *s);
static int	relay_syslog_emit(struct relay *r, struct relay_src *s,
		    bool draining);

static void *
relay_map(size_t n)
{
	void *p = sys_mmap(NULL, n, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static size_t
relay_pending(const struct relay_out *out)
{
	return out->tail - out->head;
}

/* --- outputs ------------------------------------------------------ */

/* One write to out that does not block (but for OUT_GUARDED's). */
static ssize_t
relay_write(struct relay_out *out, const char *buf, size_t n)
{
	if (out->mode == OUT_SOCKET)
		return sock_send(out->fd, buf, n, MSG_DONTWAIT | MSG_NOSIGNAL);
	return write(out->fd, buf, n);
}

/* POLLOUT registered for out, or not. */
static void
relay_out_poll(struct relay *r, struct relay_out *out, bool on)
{
	if (out->polling != on)
		loop_set_events(r->loop, out->fd, on ? POLLOUT : 0);
	out->polling = on;
}

static void
relay_out_broken(struct relay *r, struct relay_out *out, int err)
{
	if (!out->warned)
		tlog(r->o->verbosity, TLOG_ERR, "cannot relay logs to %s: %s; "
		    "dropping them", out->stdfd == 1 ? "stdout" : "stderr",
		    err_str(err));
	out->warned = true;
	out->mode = OUT_BROKEN;
	out->head = out->tail = 0;
	relay_out_poll(r, out, false);
}

static void
relay_out_ready(struct loop *l, void *ctx, int fd, short revents)
{
	struct relay_out *out = ctx;
	struct relay *r = out->r;

	(void)l;
	(void)fd;
	/* the reader is gone: poll says so without POLLOUT, again and again */
	if (out->mode == OUT_GUARDED && !(revents & POLLOUT) &&
	    (revents & (POLLERR | POLLHUP | POLLNVAL)))
		/* relay_out_write then only resumes the sources */
		relay_out_broken(r, out, EPIPE);
	else if (out->mode == OUT_GUARDED && (revents & POLLOUT)) {
		/* poll(2) on a pipe: POLLOUT means PIPE_BUF bytes fit */
		size_t n = relay_pending(out);
		ssize_t w = relay_write(out, out->buf + out->head,
		    n < PIPE_BUF ? n : PIPE_BUF);

		if (w > 0)
			out->head += (size_t)w;
		else if (w < 0 && errno != EAGAIN) {
			relay_out_broken(r, out, errno);
			return;
		}
	}
	relay_out_write(r, out);
}

/* The kind of output stdfd is; its fstat is left in r->st (relay_setup). */
static void
relay_out_init(struct relay *r, struct relay_out *out, int stdfd)
{
	int fd;

	out->r = r;
	out->stdfd = stdfd;
	out->fd = stdfd;
	if (sys_fstat(stdfd, &r->st) < 0) {
		out->mode = OUT_BROKEN;
		return;
	}
	if (S_ISREG(r->st.st_mode))
		out->mode = OUT_PLAIN;
	else if (S_ISSOCK(r->st.st_mode))
		out->mode = OUT_SOCKET;
	else {
		/*
		 * A description of our own, non-blocking: the child shares
		 * fd 1's, and O_NONBLOCK there would make its writes fail
		 * with EAGAIN (proc(5), /proc/PID/fd: opening it opens the
		 * pipe or terminal anew). fs_reopen_nonblock's open, with
		 * the path a constant: no buffer, no stack protector.
		 */
		fd = sys_open(stdfd == 1 ? "/proc/self/fd/1" :
		    "/proc/self/fd/2", O_WRONLY | O_NONBLOCK | O_CLOEXEC |
		    O_NOCTTY);
		if (fd >= 0) {
			out->mode = OUT_NONBLOCK;
			out->fd = fd;
		} else
			out->mode = OUT_GUARDED;
	}
	if (out->mode != OUT_PLAIN)
		(void)loop_add_fd(r->loop, out->fd, 0, relay_out_ready, out);
}

/* Room for n more bytes at the tail; NULL if there is none. */
static char *
relay_out_reserve(struct relay_out *out, size_t n)
{
	size_t pending = relay_pending(out);

	if (out->tail + n > RELAY_CAP) {
		if (pending + n > RELAY_CAP)
			return NULL;
		memmove(out->buf, out->buf + out->head, pending);
		out->head = 0;
		out->tail = pending;
	}
	return out->buf + out->tail;
}

/* Whether an output s feeds (syslog feeds both) holds limit bytes. */
static bool
relay_src_full(struct relay *r, struct relay_src *s, size_t limit)
{
	if (s->os->kind == SRC_SYSLOG)
		return relay_pending(r->to[1]) >= limit ||
		    relay_pending(r->to[2]) >= limit;
	return relay_pending(r->to[s->os->fd]) >= limit;
}

static void
relay_pause(struct relay *r, struct relay_src *s)
{
	if (s->paused)
		return;
	s->paused = true;
	if (s->os->kind != SRC_TAIL && s->fd >= 0)
		loop_set_events(r->loop, s->fd, 0);
}

static void
relay_resume_all(struct relay *r)
{
	size_t i;

	for (i = 0; i < r->nsrc; i++) {
		struct relay_src *s = &r->src[i];

		if (!s->paused || relay_src_full(r, s, RELAY_HIGH / 2))
			continue;
		s->paused = false;
		if (s->os->kind == SRC_TAIL)
			relay_tail_check(r, s);
		else if (s->fd >= 0)
			loop_set_events(r->loop, s->fd, POLLIN);
		/* a message held back goes out before anything new is read */
		if (s->held_fd != 0)
			(void)relay_syslog_emit(r, s, false);
	}
}

/* Write what is pending without blocking; POLLOUT for the rest. */
static void
relay_out_write(struct relay *r, struct relay_out *out)
{
	ssize_t w;
	size_t n;

	while ((n = relay_pending(out)) > 0 && out->mode != OUT_GUARDED) {
		if (out->mode == OUT_BROKEN) {
			out->head = out->tail = 0;
			break;
		}
		w = relay_write(out, out->buf + out->head, n);
		if (w > 0) {
			out->head += (size_t)w;
			continue;
		}
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		relay_out_broken(r, out, w < 0 ? errno : EIO);
		break;
	}
	if (relay_pending(out) == 0)
		out->head = out->tail = 0;
	relay_out_poll(r, out, relay_pending(out) > 0);
	relay_resume_all(r);
}

/* The shutdown's flush: wait for room as long as it takes. */
static void
relay_out_flush(struct relay *r, struct relay_out *out)
{
	struct pollfd *p = &r->pfd;

	while (relay_pending(out) > 0 && out->mode != OUT_BROKEN) {
		p->fd = out->fd;
		p->events = POLLOUT;
		if (out->mode != OUT_PLAIN && poll(p, 1, -1) < 0) {
			relay_out_broken(r, out, errno);
			break;
		}
		if (out->mode == OUT_GUARDED)
			relay_out_ready(r->loop, out, out->fd, POLLOUT);
		else
			relay_out_write(r, out);
	}
}

/* --- lines -------------------------------------------------------- */

static void
relay_put(struct relay *r, struct relay_src *s, int stdfd, const char *msg,
    size_t n, bool split)
{
	struct relay_out *out = r->to[stdfd];
	struct logfmt_line *l = &s->line;
	size_t max;
	char *p;

	if (out->mode == OUT_BROKEN)
		return;
	l->stream = stdfd == 1 ? "stdout" : "stderr";
	l->msg = msg;
	l->len = n;
	l->split = split;
	l->time_ms = r->now_ms;
	max = logfmt_max(r->o->log_format, l);
	/* relay_read_limit keeps this from happening; never drop a line */
	while ((p = relay_out_reserve(out, max)) == NULL &&
	    out->mode != OUT_BROKEN)
		relay_out_flush(r, out);
	if (p != NULL)
		out->tail += logfmt_render(r->o->log_format, l, p, max);
}

/* The line buffer's callback: its context is the source. */
static void
relay_emit_line(void *ctx, const char *line, size_t n, enum line_kind kind)
{
	struct relay_src *s = ctx;

	relay_put(s->r, s, s->os->fd, line, n, kind == LINE_SPLIT);
}

/*
 * How much one read may take: every new byte may end a line of its own,
 * which costs the prefix and the framing, and the line held may come out
 * whole; all of it must fit in the output's buffer.
 */
static size_t
relay_read_limit(struct relay *r, struct relay_src *s, size_t room)
{
	struct relay_out *out = r->to[s->os->fd];
	struct logfmt_line *l = &s->line;
	size_t per_byte, free = RELAY_CAP - relay_pending(out), n, reserve;

	/* text: the prefix and a newline; the split mark is in the reserve */
	l->len = 1;
	per_byte = r->o->log_format == LOGFMT_TEXT ?
	    strlen(l->prefix) + 2 : logfmt_max(r->o->log_format, l);
	/* the line held may come out whole, as long as the bound allows */
	l->len = LINEBUF_MAX;
	reserve = logfmt_max(r->o->log_format, l);
	if (free <= reserve)
		return 0;
	n = (free - reserve) / per_byte;
	if (n > room)
		n = room;
	return n > RELAY_READ_MAX ? RELAY_READ_MAX : n;
}

/*
 * Text without a prefix is the input itself: whole lines go straight from
 * the line buffer to an idle output, without the copy into its buffer; what
 * the write leaves over is queued, in order.
 */
static void
relay_pass(struct relay *r, struct relay_src *s, size_t n)
{
	struct relay_out *out = r->to[s->os->fd];
	size_t k = linebuf_whole(s->lb, n);
	ssize_t w = 0;
	char *p;

	if (k > 0)
		w = relay_write(out, s->lb->buf, k);
	/* a socket's error is left to relay_out_write */
	if (w < 0 && out->mode != OUT_SOCKET && errno != EAGAIN) {
		relay_out_broken(r, out, errno);
		w = (ssize_t)k;
	}
	if (w < 0)
		w = 0;
	if ((size_t)w < k && (p = relay_out_reserve(out, k - (size_t)w)))
		memcpy(p, s->lb->buf + w, k - (size_t)w);
	if ((size_t)w < k && p != NULL)
		out->tail += k - (size_t)w;
	linebuf_consume(s->lb, n, k, relay_emit_line, s);
}

/*
 * Read a FIFO or a followed file until it is empty, its output is full
 * or (not draining) a budget is spent. Returns 0 at EOF, 1 otherwise.
 */
static int
relay_read_stream(struct relay *r, struct relay_src *s, bool draining)
{
	struct relay_out *out = r->to[s->os->fd];
	size_t room, limit;
	ssize_t n, budget = 4 * RELAY_READ_MAX;
	char *p;

	for (;;) {
		p = linebuf_space(s->lb, &room);
		limit = relay_src_full(r, s, RELAY_HIGH) ? 0 :
		    relay_read_limit(r, s, room);
		if (limit == 0) {
			if (!draining) {
				relay_pause(r, s);
				return 1;
			}
			relay_out_flush(r, out);
			continue;
		}
		n = read(s->fd, p, limit);
		if (n > 0) {
			if (r->o->log_format == LOGFMT_JSON)
				r->now_ms = loop_ms(CLOCK_REALTIME);
			if (r->o->log_format == LOGFMT_TEXT &&
			    s->os->prefix[0] == '\0' &&
			    relay_pending(out) == 0 && out->mode < OUT_GUARDED)
				relay_pass(r, s, (size_t)n);
			else
				linebuf_commit(s->lb, (size_t)n,
				    relay_emit_line, s);
			if (s->os->kind == SRC_TAIL)
				s->off += n;
			relay_out_write(r, out);
			/*
			 * A FIFO says again when there is more; a file does
			 * not: it is read to its end (or until its output is
			 * full, which resumes it).
			 */
			if (!draining && s->os->kind != SRC_TAIL &&
			    (budget -= n) <= 0)
				return 1;
			continue;
		}
		if (n == 0)
			return 0;
		if (errno != EAGAIN)
			tlog(r->o->verbosity, TLOG_ERR, "cannot read '%s': %s",
			    s->os->path, err_now());
		return 1;
	}
}

/* --- FIFOs -------------------------------------------------------- */

static void relay_stream_ready(struct loop *l, void *ctx, int fd,
    short revents);

/*
 * Open the path of s for reading, non-blocking, if it is of type fmt
 * (S_IFIFO, S_IFREG) and, with same, the file s had: the fd, with s->dev
 * and s->ino set and its fstat in r->st; -1 (ENXIO: not that file).
 */
static int
relay_open(struct relay *r, struct relay_src *s, mode_t fmt, bool same)
{
	int fd = sys_open(s->os->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat *st = &r->st;

	if (fd < 0)
		return -1;
	if (sys_fstat(fd, st) < 0 || (st->st_mode & S_IFMT) != fmt ||
	    (same && (st->st_dev != s->dev || st->st_ino != s->ino))) {
		close(fd);
		errno = ENXIO;
		return -1;
	}
	s->dev = st->st_dev;
	s->ino = st->st_ino;
	return fd;
}

/*
 * Open the FIFO for reading; on a reopen it must be the same FIFO still
 * (the name may meanwhile be a file or a directory: reading that again and
 * again would never end).
 */
static int
relay_fifo_open(struct relay *r, struct relay_src *s)
{
	int fd = relay_open(r, s, S_IFIFO, s->ino != 0);

	if (fd < 0)
		return -1;
	if (loop_add_fd(r->loop, fd, POLLIN, relay_stream_ready, s) < 0) {
		close(fd);
		return -1;
	}
	s->fd = fd;
	return 0;
}

/* A FIFO or a pipe has something to read, or (read returns 0) no writer. */
static void
relay_stream_ready(struct loop *l, void *ctx, int fd, short revents)
{
	struct relay_src *s = ctx;
	struct relay *r = s->r;

	(void)revents;
	if (relay_read_stream(r, s, false) != 0)
		return;
	/* EOF: the last writer went away. Its partial line ends here. */
	linebuf_flush(s->lb, relay_emit_line, s);
	relay_out_write(r, r->to[s->os->fd]);
	loop_del_fd(l, fd);
	/*
	 * A pipe: the job and all that shared its output are gone. A FIFO: a
	 * new read end is opened before the old one is closed, so there is
	 * always a reader and writers never block in open(2); a fresh read
	 * end sees no POLLHUP until a writer has come and gone (fs/pipe.c,
	 * pipe_poll).
	 */
	if (s->os->kind == SRC_PIPE) {
		s->fd = -1;
		s->busy = s->paused = false;
	} else if (relay_fifo_open(r, s) < 0) {
		tlog(r->o->verbosity, TLOG_ERR, "cannot reopen the FIFO '%s' "
		    "(%s): no longer relayed", s->os->path, err_now());
		s->fd = -1;
	}
	close(fd);
}

/* --- pipes (cron jobs) ------------------------------------------- */

size_t
relay_pipe_room(const struct relay *r)
{
	size_t i, n = 0;

	for (i = r->o->nsrc; r->to[1] != NULL &&
	    i < r->o->nsrc + RELAY_PIPES; i++)
		n += !r->src[i].busy;
	/* the loop has room for them too (fds deleted this pass count) */
	if (n > LOOP_MAX_FDS - r->loop->nfds)
		n = LOOP_MAX_FDS - r->loop->nfds;
	return n;
}

void
relay_pipe_cancel(struct relay *r, int fd)
{
	size_t i;

	for (i = r->o->nsrc; i < r->o->nsrc + RELAY_PIPES; i++)
		if (r->src[i].busy && r->src[i].fd == fd) {
			loop_del_fd(r->loop, fd);
			r->src[i].fd = -1;
			r->src[i].busy = false;
		}
}

int
relay_pipe(struct relay *r, int fd, int stdfd, const char *prefix,
    const char *source)
{
	struct relay_src *s;
	size_t i;

	if (r->to[1] == NULL)
		return -1;
	/* right after the log sources: every slot below nsrc is in use */
	for (i = r->o->nsrc; i < r->o->nsrc + RELAY_PIPES; i++)
		if (!r->src[i].busy)
			break;
	if (i == r->o->nsrc + RELAY_PIPES)
		return -1;
	s = &r->src[i];
	if (s->lb == NULL && (s->lb = relay_map(sizeof(*s->lb))) == NULL)
		return -1;
	s->r = r;
	s->os = &s->own;
	s->own.kind = SRC_PIPE;
	s->own.path = source;
	s->own.fd = stdfd;
	s->own.prefix = prefix;
	s->line.prefix = prefix;
	s->line.source = source;
	s->held_fd = 0;
	if (loop_add_fd(r->loop, fd, POLLIN, relay_stream_ready, s) < 0)
		return -1;
	s->fd = fd;
	s->busy = true;
	/* slots below nsrc are the ones resumed and drained */
	if (i >= r->nsrc)
		r->nsrc = i + 1;
	return 0;
}

/* --- syslog ------------------------------------------------------- */

/*
 * Emit the held message of s in LINEBUF_MAX pieces, as far as the output
 * has room: what does not fit waits, held, and s stops reading (not
 * draining). 0 when all of it went out, -1 when some waits.
 */
static int
relay_syslog_emit(struct relay *r, struct relay_src *s, bool draining)
{
	struct relay_out *out = r->to[s->held_fd];
	size_t n, len;

	/* an empty message is one empty line */
	do {
		n = s->held_len - s->held_off;
		len = n > LINEBUF_MAX ? LINEBUF_MAX : n;
		s->line.len = len;
		while (RELAY_CAP - relay_pending(out) <
		    logfmt_max(r->o->log_format, &s->line)) {
			if (!draining) {
				relay_pause(r, s);
				return -1;
			}
			relay_out_flush(r, out);
		}
		relay_put(r, s, s->held_fd, s->held + s->held_off, len,
		    s->held_off + len < s->held_len || s->held_cut);
		s->held_off += len;
	} while (s->held_off < s->held_len);
	s->held_len = s->held_off = 0;
	s->held_fd = 0;
	relay_out_write(r, out);
	return 0;
}

/* Room for a datagram of n bytes and its line; the buffer only grows. */
static int
relay_syslog_room(struct relay_src *s, size_t n)
{
	size_t size = SYSLOG_OUT_MAX(n) + n;
	char *p;

	if (size <= s->dgram_size)
		return 0;
	if (size < 2 * s->dgram_size)
		size = 2 * s->dgram_size;
	if ((p = relay_map(size)) == NULL)
		return -1;
	if (s->dgram != NULL)
		sys_munmap(s->dgram, s->dgram_size);
	s->dgram = p;
	s->dgram_size = size;
	return 0;
}

static void
relay_syslog_read(struct relay *r, struct relay_src *s, bool draining)
{
	int budget = 256, sev;
	ssize_t got, size;

	if (s->held_fd != 0 && relay_syslog_emit(r, s, draining) < 0)
		return;
	while (draining || budget-- > 0) {
		if (relay_src_full(r, s, RELAY_HIGH)) {
			if (!draining) {
				relay_pause(r, s);
				return;
			}
			relay_out_flush(r, r->to[1]);
			relay_out_flush(r, r->to[2]);
		}
		/* its size first: a datagram too large for us is not cut */
		size = sock_recv(s->fd, NULL, 0, MSG_PEEK | MSG_TRUNC |
		    MSG_DONTWAIT);
		/* (cannot happen, see above; without it the loop is larger) */
		if (size < 0 && errno == EINTR)
			continue;
		/* cut: its last piece is marked as a line that goes on */
		s->held_cut = size > (ssize_t)RELAY_DGRAM_MAX;
		if (s->held_cut)
			size = RELAY_DGRAM_MAX;
		if (size < 0 || relay_syslog_room(s, (size_t)size) < 0)
			break;
		got = sock_recv(s->fd, s->dgram, (size_t)size, MSG_DONTWAIT);
		if (got < 0)
			break;
		if (r->o->log_format == LOGFMT_JSON)
			r->now_ms = loop_ms(CLOCK_REALTIME);
		/* one message, one line; past the bound, marked pieces */
		s->held = s->dgram + got;
		s->held_len = syslog_format(s->dgram, (size_t)got, s->held,
		    SYSLOG_OUT_MAX((size_t)got), &sev);
		s->held_off = 0;
		s->held_fd = sev <= r->o->syslog_stderr ? 2 : 1;
		if (relay_syslog_emit(r, s, draining) < 0)
			return;
		if (s->dgram_size > 4 * RELAY_DGRAM_MIN) {
			/* give a large buffer back once it is emptied */
			sys_munmap(s->dgram, s->dgram_size);
			s->dgram = NULL;
			s->dgram_size = 0;
			if (relay_syslog_room(s, RELAY_DGRAM_MIN) < 0)
				break;
		}
	}
}

static void
relay_syslog_ready(struct loop *l, void *ctx, int fd, short revents)
{
	struct relay_src *s = ctx;
	struct relay *r = s->r;

	(void)l;
	(void)fd;
	(void)revents;
	relay_syslog_read(r, s, false);
}

static int
relay_syslog_open(struct relay *r, struct relay_src *s, char *err,
    size_t errlen)
{
	struct sockaddr_un *sa = &r->sa;
	const char *why;
	int fd = -1;
	size_t n = strlen(s->os->path);

	if (n >= sizeof(sa->sun_path)) {
		fmt_s(err, errlen, "--syslog: path too long: '%s'",
		    s->os->path);
		return -1;
	}
	/* the path ends at its NUL (net/unix/af_unix.c, unix_mkname_bsd) */
	sa->sun_family = AF_UNIX;
	memcpy(sa->sun_path, s->os->path, n + 1);
	if (fs_make_parents(s->os->path) < 0) {
		fmt_s(err, errlen, "cannot create the directories of '%s': %s",
		    s->os->path, err_now());
		return -1;
	}
	/* a stale socket of an earlier run goes; anything else stays */
	if (sys_lstat(s->os->path, &r->st) == 0) {
		if (!S_ISSOCK(r->st.st_mode)) {
			why = "it exists and is not a socket";
			goto fail;
		}
		(void)unlink(s->os->path);
	}
	fd = sys_socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0 || syscall(SYS_bind, fd, sa, sizeof(*sa)) < 0 ||
	    syscall(SYS_fchmodat, AT_FDCWD, s->os->path, 0666) < 0 ||
	    loop_add_fd(r->loop, fd, POLLIN, relay_syslog_ready, s) < 0) {
		why = err_now();
		goto fail;
	}
	s->fd = fd;
	return 0;
fail:
	fmt_s(err, errlen, "cannot listen on '%s': %s", s->os->path, why);
	if (fd >= 0)
		close(fd);
	return -1;
}

/* --- followed files ----------------------------------------------- */

static void
relay_tail_open(struct relay *r, struct relay_src *s, bool at_start)
{
	struct stat *st = &r->st;
	int fd = relay_open(r, s, S_IFREG, false);

	if (fd < 0)
		return;
	s->fd = fd;
	/* existing content is old news, unless --tail-from start */
	s->off = at_start && !r->o->tail_from_start ? st->st_size : 0;
	(void)syscall(SYS_lseek, fd, s->off, SEEK_SET);
	if (r->inotify >= 0)
		s->wd = (int)syscall(SYS_inotify_add_watch, r->inotify,
		    s->os->path, IN_MODIFY | IN_ATTRIB | IN_MOVE_SELF |
		    IN_DELETE_SELF);
}

static void
relay_tail_close(struct relay *r, struct relay_src *s)
{
	linebuf_flush(s->lb, relay_emit_line, s);
	if (r->inotify >= 0 && s->wd >= 0)
		(void)syscall(SYS_inotify_rm_watch, r->inotify, s->wd);
	s->wd = -1;
	close(s->fd);
	s->fd = -1;
}

static void
relay_tail_read(struct relay *r, struct relay_src *s, bool draining)
{
	/* copytruncate: the file shrank under us, start it over */
	if (sys_fstat(s->fd, &r->st) == 0 && r->st.st_size < s->off) {
		tlog(r->o->verbosity, TLOG_INFO, "'%s' was truncated",
		    s->os->path);
		linebuf_flush(s->lb, relay_emit_line, s);
		s->off = 0;
		(void)syscall(SYS_lseek, s->fd, (off_t)0, SEEK_SET);
	}
	(void)relay_read_stream(r, s, draining);
}

/*
 * Follow s like tail -F: read what is new; when another file has taken
 * the name (rotation by rename, or the file appearing late), finish the
 * old one and start the new one from its beginning. A name that vanished
 * keeps the old file open: the program may still be writing to it.
 */
static int	relay_tail_watch_dir(struct relay *r, const char *path);

/* Look at the followed files again in RELAY_TAIL_POLL_MS. */
static void
relay_tail_later(struct relay *r)
{
	r->tail_timer->at = loop_now() + RELAY_TAIL_POLL_MS;
}

/* 0 when the directory of s is watched (again); else the timer runs. */
static int
relay_tail_rewatch(struct relay *r, struct relay_src *s)
{
	/*
	 * Look again in a second in any case: a directory removed and made
	 * anew between two events may leave the watch on the old one.
	 */
	if (r->tail_timer != NULL && r->tail_timer->at == 0)
		relay_tail_later(r);
	if (r->inotify >= 0 && relay_tail_watch_dir(r, s->os->path) >= 0)
		return 0;
	return -1;
}

static void
relay_tail_follow(struct relay *r, struct relay_src *s, bool draining)
{
	struct stat *st = &r->st;

	if (s->fd >= 0)
		relay_tail_read(r, s, draining);
	if (s->paused)
		return;
	if (sys_stat(s->os->path, st) < 0 || !S_ISREG(st->st_mode)) {
		/*
		 * The name is gone. Its directory may have been made anew
		 * (the old watch sees nothing more) or not be there yet:
		 * watch it again, or look once a second until it can be.
		 */
		if (draining || relay_tail_rewatch(r, s))
			return;
		if (sys_stat(s->os->path, st) < 0 || !S_ISREG(st->st_mode))
			return;
	}
	if (s->fd >= 0 && st->st_dev == s->dev && st->st_ino == s->ino)
		return;
	if (s->fd >= 0)
		relay_tail_close(r, s);
	relay_tail_open(r, s, false);
	if (s->fd >= 0)
		relay_tail_read(r, s, draining);
}

static void
relay_tail_check(struct relay *r, struct relay_src *s)
{
	if (!s->paused)
		relay_tail_follow(r, s, false);
}

static void
relay_tail_all(struct relay *r)
{
	size_t i;

	for (i = 0; i < r->nsrc; i++)
		if (r->src[i].os->kind == SRC_TAIL)
			relay_tail_check(r, &r->src[i]);
}

static void
relay_inotify_ready(struct loop *l, void *ctx, int fd, short revents)
{
	struct relay *r = ctx;

	(void)l;
	(void)revents;
	/* which watch fired matters little: check every followed file */
	while (read(fd, r->path, sizeof(r->path)) > 0)
		;
	relay_tail_all(r);
}

static void
relay_tail_tick(struct loop *l, void *ctx)
{
	struct relay *r = ctx;

	(void)l;
	relay_tail_all(r);
	if (r->poll_tails)
		relay_tail_later(r);
}

/* Watch the directory of a followed file for the name coming back. */
static int
relay_tail_watch_dir(struct relay *r, const char *path)
{
	char *dir = r->path;
	const char *slash = strrchr(path, '/');
	size_t n = slash == path ? 1 : (size_t)(slash - path);

	if (n >= sizeof(r->path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(dir, path, n);
	dir[n] = '\0';
	return (int)syscall(SYS_inotify_add_watch, r->inotify, dir,
	    IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_ATTRIB);
}

/* --- setup and shutdown ------------------------------------------- */

int
relay_setup(struct relay *r, const struct opts *o, struct loop *l,
    char *err, size_t errlen)
{
	size_t i;
	dev_t dev;
	ino_t ino;

	/*
	 * r is zero (in tend's static state): pages of it never used are
	 * never touched, so they cost no memory.
	 */
	r->o = o;
	r->loop = l;
	r->inotify = -1;
	/* cron jobs' output comes through the relay too, for its prefix */
	if (o->nsrc == 0 && o->list[OPTS_L_CRON].n == 0 &&
	    o->list[OPTS_L_CRONTAB].n == 0)
		return 0;
	relay_out_init(r, &r->out[0], 1);
	r->to[1] = &r->out[0];
	/*
	 * 2>&1: one buffer, so lines of both streams stay whole. Unless it
	 * failed (OUT_BROKEN), relay_out_init left fd 1's fstat in r->st.
	 */
	dev = r->st.st_dev;
	ino = r->st.st_ino;
	if (r->out[0].mode != OUT_BROKEN && sys_fstat(2, &r->st) == 0 &&
	    r->st.st_dev == dev && r->st.st_ino == ino)
		r->to[2] = &r->out[0];
	else {
		relay_out_init(r, &r->out[1], 2);
		r->to[2] = &r->out[1];
	}
	for (i = 0; i < 2; i++)
		if ((r->out[i].buf = relay_map(RELAY_CAP)) == NULL)
			goto nomem;
	for (i = 0; i < o->nsrc; i++) {
		struct relay_src *s = &r->src[i];

		s->r = r;
		s->os = &o->src[i];
		s->line.prefix = s->os->prefix;
		s->line.source = s->os->kind == SRC_SYSLOG ? "syslog" :
		    s->os->path;
		s->fd = -1;
		s->wd = -1;
		r->nsrc++;
		if (s->os->kind == SRC_SYSLOG) {
			if (relay_syslog_room(s, RELAY_DGRAM_MIN) < 0)
				goto nomem;
			if (relay_syslog_open(r, s, err, errlen) < 0)
				return -1;
			continue;
		}
		if ((s->lb = relay_map(sizeof(*s->lb))) == NULL)
			goto nomem;
		if (s->os->kind == SRC_FIFO) {
			if (fs_make_fifo(s->os->path, err, errlen) < 0)
				return -1;
			if (relay_fifo_open(r, s) < 0) {
				fmt_s(err, errlen, "cannot open the FIFO '%s': "
				    "%s", s->os->path, err_now());
				return -1;
			}
			continue;
		}
		if (r->inotify < 0 && !r->poll_tails) {
			r->inotify = (int)syscall(SYS_inotify_init1,
			    IN_NONBLOCK | IN_CLOEXEC);
			if (r->inotify < 0 || loop_add_fd(l, r->inotify, POLLIN,
			    relay_inotify_ready, r) < 0) {
				tlog(o->verbosity, TLOG_INFO, "no inotify (%s): "
				    "polling followed files every %d ms",
				    err_now(), RELAY_TAIL_POLL_MS);
				if (r->inotify >= 0)
					close(r->inotify);
				r->inotify = -1;
				r->poll_tails = true;
			}
		}
		if (r->inotify >= 0 && relay_tail_watch_dir(r,
		    s->os->path) < 0) {
			tlog(o->verbosity, TLOG_INFO, "cannot watch the directory"
			    " of '%s' (%s): polling it every %d ms",
			    s->os->path, err_now(), RELAY_TAIL_POLL_MS);
			r->poll_tails = true;
		}
		relay_tail_open(r, s, true);
	}
	if (r->poll_tails || r->inotify >= 0) {
		r->tail_timer = loop_add_timer(l, relay_tail_tick, r);
		if (r->tail_timer == NULL) {
			fmt_s(err, errlen, "cannot set up the event loop");
			return -1;
		}
		if (r->poll_tails)
			relay_tail_later(r);
	}
	return 0;
nomem:
	fmt_s(err, errlen, "cannot map log buffers: %s", err_now());
	return -1;
}

void
relay_drain(struct relay *r)
{
	size_t i;

	for (i = 0; i < r->nsrc; i++) {
		struct relay_src *s = &r->src[i];

		s->paused = false;
		/* a file may have appeared or rotated since the last event */
		if (s->os->kind == SRC_TAIL)
			relay_tail_follow(r, s, true);
		else if (s->fd >= 0 && s->os->kind == SRC_SYSLOG)
			relay_syslog_read(r, s, true);
		else if (s->fd >= 0)
			(void)relay_read_stream(r, s, true);
		/* syslog has no line buffer */
		if (s->lb != NULL)
			linebuf_flush(s->lb, relay_emit_line, s);
	}
	for (i = 0; i < 2 && r->to[1] != NULL; i++)
		relay_out_flush(r, &r->out[i]);
}
