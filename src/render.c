/*
 * --render SRC:DST and `tend render`: expand a template file, or a
 * directory of them recursively, with the child's environment. Each DST is
 * written to a temporary file in its own directory and renamed over it:
 * readers see the old file or the new one, never half of one. A template
 * with errors leaves its DST alone; every error of every file is printed.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "tend/errstr.h"
#include "tend/fmt.h"
#include "tend/fs.h"
#include "tend/log.h"
#include "tend/startup.h"
#include "tend/state.h"
#include "tend/tmpl.h"
#include "tend/sys.h"

#define RENDER_PATH_MAX	4096
#define RENDER_READ_MAX	(16u << 20)	/* a pipe's template: at most this */

struct render_out {
	struct tend	*t;
	const char	*src;
	int		 fd;
	int		 werr;		/* errno of a failed write (set with it) */
	size_t		 n;
	char		 buf[8192];
};

static const char *
render_get(void *ctx, const char *name, size_t n)
{
	struct render_out *r = ctx;

	return env_get(&r->t->env, name, n);
}

static int
render_flush(struct render_out *r)
{
	if (fs_write_all(r->fd, r->buf, r->n) < 0) {
		r->werr = errno;
		return -1;
	}
	r->n = 0;
	return 0;
}

static int
render_put(void *ctx, const char *p, size_t n)
{
	struct render_out *r = ctx;
	size_t k;

	while (n > 0) {
		if (r->n == sizeof(r->buf) && render_flush(r) < 0)
			return -1;
		k = sizeof(r->buf) - r->n;
		k = k < n ? k : n;
		memcpy(r->buf + r->n, p, k);
		r->n += k;
		p += k;
		n -= k;
	}
	return 0;
}

static void
render_err(void *ctx, unsigned line, unsigned col, const char *msg)
{
	struct render_out *r = ctx;

	tlog(1, TLOG_ERR, "cannot render %s:%d:%d: %s", r->src, (int)line,
	    (int)col, msg);
}

/* "cannot VERB PATH: errno's text"; -1. */
static int
render_fail(const char *verb, const char *path)
{
	tlog(1, TLOG_ERR, "cannot %s %s: %s", verb, path, err_now());
	return -1;
}

/* Whether dst is "-", stdout. */
static bool
render_stdout(const char *dst)
{
	return dst[0] == '-' && dst[1] == '\0';
}

/* One template file to dst ("-": stdout). 0, or -1 when reported. */
/*
 * A template that is not a regular file (a FIFO, a device): no size to
 * map, read it to its end. Opened non-blocking and polled beside the
 * signalfd, so that a FIFO with no writer yet holds neither the open nor
 * tend's signals (a stop during the start ends it with 128+s). poll(2)
 * reports no POLLHUP on a FIFO that never had a writer (fs/pipe.c).
 */
static int
render_pipe(struct tend *t, const char *src, char **buf, size_t *len)
{
	struct pollfd p[2] = { { -1, POLLIN, 0 }, { t->sigfd, POLLIN, 0 } };
	char *b;
	size_t got = 0;
	ssize_t r;

	if ((p[0].fd = sys_open(src, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return -1;
	b = sys_mmap(NULL, RENDER_READ_MAX + 1, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (b == MAP_FAILED)
		goto fail_fd;
	for (;;) {
		if (poll(p, 2, -1) <= 0)
			continue;
		if (p[1].revents) {
			signals_on_read(&t->loop, t, t->sigfd, POLLIN);
			if (t->aborted) {
				errno = EINTR;
				goto fail;
			}
		}
		if (!p[0].revents)
			continue;
		if ((r = read(p[0].fd, b + got, RENDER_READ_MAX + 1 - got)) ==
		    0)
			break;
		if (r > 0 && (got += (size_t)r) > RENDER_READ_MAX) {
			errno = EFBIG;
			goto fail;
		}
		if (r < 0 && errno != EAGAIN)
			goto fail;
	}
	close(p[0].fd);
	*buf = b;
	*len = got;
	return 0;
fail:
	/* errno stays: munmap of our mapping, close of our fd succeed */
	sys_munmap(b, RENDER_READ_MAX + 1);
fail_fd:
	close(p[0].fd);
	return -1;
}

static int
render_file(struct tend *t, const char *src, const char *dst,
    const struct stat *st)
{
	static const struct tmpl_ops ops = { render_get, render_put,
	    render_err };
	const struct opts *o = t->o;
	struct render_out r;
	char tmp[RENDER_PATH_MAX + 32];
	const char *base, *what = "read";
	char *map;
	size_t len, maplen = (size_t)st->st_size;
	struct stat dst_st;
	struct timespec ts;
	int nerr = 0, mode, try;

	if (o->no_overwrite && !render_stdout(dst) &&
	    sys_lstat(dst, &dst_st) == 0) {
		tlog(o->verbosity, TLOG_INFO, "%s exists: not rendered", dst);
		return 0;
	}
	r.t = t;
	r.src = src;
	r.n = 0;
	/*
	 * Read, not mapped (a file cut while mapped is SIGBUS), up to its
	 * size or RENDER_READ_MAX, whichever is more: a pipe or a /proc
	 * file has no size, a file may grow meanwhile. What is not a
	 * regular file may wait for a writer: render_pipe serves signals.
	 */
	if (maplen < RENDER_READ_MAX)
		maplen = RENDER_READ_MAX;
	if ((S_ISREG(st->st_mode) ? env_read(src, maplen, &map, &len) :
	    render_pipe(t, src, &map, &len)) < 0)
		goto fail;
	maplen++;
	if (render_stdout(dst)) {
		r.fd = STDOUT_FILENO;
	} else {
		base = strrchr(dst, '/');
		base = base ? base + 1 : dst;
		what = "write";
		src = dst;
		if (fs_make_parents(dst) < 0)
			goto fail_map;
		/*
		 * Every container's tend may be pid 1 on a shared volume: the
		 * clock makes the name its own; O_EXCL never takes another's.
		 */
		for (try = 0; try < 8; try++) {
			sys_clock_gettime(CLOCK_REALTIME, &ts);
			fmt_s(tmp, sizeof(tmp), "%.*s.%s.tend-%d-%d",
			    (int)(base - dst), dst, base, (int)t->self,
			    (int)(ts.tv_nsec + try));
			if ((r.fd = sys_open_mode(tmp, O_WRONLY | O_CREAT |
			    O_EXCL | O_CLOEXEC, 0600)) >= 0 || errno != EEXIST)
				break;
		}
		if (r.fd < 0)
			goto fail_map;
	}
	nerr = tmpl_expand(map, len, &ops, &r);
	sys_munmap(map, maplen);
	if (nerr == 0 && render_flush(&r) < 0)
		nerr = -1;
	if (r.fd == STDOUT_FILENO)
		return nerr ? -1 : 0;
	mode = o->render_mode >= 0 ? o->render_mode :
	    (int)(st->st_mode & 07777);
	if (nerr == 0 && (sys_fchmod(r.fd, (mode_t)mode) < 0 ||
	    (o->render_owner && t->has_cred &&
	    sys_fchown(r.fd, t->cred.uid, t->cred.gid) < 0)))
		r.werr = errno, nerr = -1;
	if (close(r.fd) < 0 && nerr == 0)
		r.werr = errno, nerr = -1;
	if (nerr == 0 && syscall(SYS_renameat, AT_FDCWD, tmp, AT_FDCWD,
	    dst) < 0)
		r.werr = errno, nerr = -1;
	if (nerr == 0)
		return 0;
	(void)unlink(tmp);
	if (nerr > 0)
		return -1;
	errno = r.werr;
	return render_fail("write", dst);
fail_map:
	sys_munmap(map, maplen);
fail:
	/* a stop signal while waiting for a FIFO's writer: nothing to say */
	return t->aborted ? -1 : render_fail(what, src);
}

/* src and dst are directories: every entry, recursively. */
static int
render_dir(struct tend *t, const char *src, const char *dst)
{
	char s[RENDER_PATH_MAX], d[RENDER_PATH_MAX];
	struct fs_dir dir;
	struct stat st;
	const char *name;
	int rc = 0;

	if (fs_dir_open(&dir, src) < 0)
		return render_fail("read", src);
	while ((name = fs_dir_next(&dir)) != NULL) {
		/* Kubernetes' "..data", "..2024_...": its volume's links */
		if (strncmp(name, "..", 2) == 0)
			continue;
		if (fmt_s(s, sizeof(s), "%s/%s", src, name) >= sizeof(s) - 1 ||
		    fmt_s(d, sizeof(d), "%s/%s", dst, name) >= sizeof(d) - 1) {
			tlog(1, TLOG_ERR, "cannot render %s/%s: path too long",
			    src, name);
			rc = -1;
			continue;
		}
		if (sys_lstat(s, &st) < 0)
			continue;
		/* a link to a directory could loop: not followed */
		if (S_ISLNK(st.st_mode) && (sys_stat(s, &st) < 0 ||
		    S_ISDIR(st.st_mode)))
			continue;
		if (S_ISDIR(st.st_mode)) {
			if (render_dir(t, s, d) < 0)
				rc = -1;
		} else if (S_ISREG(st.st_mode) && render_file(t, s, d, &st) < 0)
			rc = -1;
	}
	fs_dir_close(&dir);
	return rc;
}

int
render_run(struct tend *t)
{
	const struct opts_list *l = &t->o->list[OPTS_L_RENDER];
	char src[RENDER_PATH_MAX];
	const char *colon, *dst;
	struct stat st;
	size_t i, n;
	int rc = 0;

	for (i = 0; i < l->n && !t->aborted; i++) {
		colon = strrchr(l->v[i], ':');
		dst = colon + 1;
		n = (size_t)(colon - l->v[i]);
		fmt_s(src, sizeof(src), "%.*s", (int)n, l->v[i]);
		if (n >= sizeof(src)) {
			tlog(1, TLOG_ERR, "cannot render %.*s...: path too "
			    "long", 64, src);
			rc = -1;
		} else if (sys_stat(src, &st) < 0) {
			rc = render_fail("render", src);
		} else if (S_ISDIR(st.st_mode)) {
			if (render_stdout(dst)) {
				tlog(1, TLOG_ERR, "cannot render directory %s "
				    "to -: give a directory", src);
				rc = -1;
			} else if (strncmp(dst, src, n) == 0 && (dst[n] == '\0' ||
			    dst[n] == '/')) {
				/* each restart would nest, or expand twice */
				tlog(1, TLOG_ERR, "cannot render directory %s "
				    "into itself (%s)", src, dst);
				rc = -1;
			} else if (render_dir(t, src, dst) < 0)
				rc = -1;
		} else if (render_file(t, src, dst, &st) < 0)
			rc = -1;
	}
	return rc;
}
