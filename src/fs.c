/* FIFO creation for --log (see include/tend/fs.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tend/errstr.h"
#include "tend/fmt.h"
#include "tend/fs.h"
#include "tend/sys.h"

/* The path a constant, not formatted: no buffer, no stack protector. */
int
fs_reopen_nonblock(int fd)
{
	return sys_open(fd == 1 ? "/proc/self/fd/1" : "/proc/self/fd/2",
	    O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
}

int
fs_write_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		/* tend installs no handler: write(2) is never interrupted */
		w = write(fd, p, n);
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int
fs_make_parents(const char *path)
{
	char dir[PATH_MAX];
	size_t n = strlen(path), i;

	if (n >= sizeof(dir)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(dir, path, n + 1);
	for (i = 1; i < n; i++) {
		if (dir[i] != '/')
			continue;
		dir[i] = '\0';
		if (syscall(SYS_mkdirat, AT_FDCWD, dir, 0755) < 0 &&
		    errno != EEXIST)
			return -1;
		dir[i] = '/';
	}
	return 0;
}

int
fs_make_fifo(const char *path, char *err, size_t errlen)
{
	struct stat st;
	const char *what;

	if (fs_make_parents(path) < 0) {
		what = "create the directories of";
		goto fail;
	}
	if (sys_lstat(path, &st) == 0) {
		if (S_ISFIFO(st.st_mode))
			return 0;
		if ((S_ISREG(st.st_mode) && st.st_size > 0) ||
		    (!S_ISLNK(st.st_mode) && !S_ISREG(st.st_mode))) {
			fmt_s(err, errlen, "cannot make '%s' a log FIFO: it "
			    "exists, %s (left alone)", path,
			    S_ISREG(st.st_mode) ? "not empty" :
			    "neither a file nor a symlink");
			return -1;
		}
		if (unlink(path) < 0) {
			what = "replace";
			goto fail;
		}
	} else if (errno != ENOENT) {
		what = "use";
		goto fail;
	}
	/* mknodat(2): musl's mkfifo calls its mknod */
	if (syscall(SYS_mknodat, AT_FDCWD, path, S_IFIFO | 0666, 0) == 0)
		return 0;
	what = "make the FIFO";
fail:
	fmt_s(err, errlen, "cannot %s '%s': %s", what, path, err_now());
	return -1;
}

/* Out of line: hooks, render and reap each had a copy (24 bytes). */
__attribute__((noinline)) int
fs_dir_open(struct fs_dir *d, const char *path)
{
	d->n = d->off = 0;
	d->fd = sys_open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return d->fd < 0 ? -1 : 0;
}

const char *
fs_dir_next(struct fs_dir *d)
{
	/* struct linux_dirent64: ino 8, off 8, reclen 2, type 1, name */
	unsigned short reclen;
	const char *name;

	for (;;) {
		if (d->off >= d->n) {
			d->n = syscall(SYS_getdents64, d->fd, d->buf.b,
			    sizeof(d->buf.b));
			d->off = 0;
			if (d->n <= 0)
				return NULL;
		}
		memcpy(&reclen, d->buf.b + d->off + 16, sizeof(reclen));
		name = d->buf.b + d->off + 19;
		d->off += reclen;
		/* not "." nor ".." */
		if (name[0] != '.' || (name[1] != '\0' &&
		    (name[1] != '.' || name[2] != '\0')))
			return name;
	}
}

void
fs_dir_close(struct fs_dir *d)
{
	if (d->fd >= 0)
		close(d->fd);
	d->fd = -1;
}
