/* Files tend makes during setup: the FIFOs of --log. */
#ifndef TEND_FS_H
#define TEND_FS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Make path a FIFO (mode 0666 minus umask), creating its parent
 * directories. An existing FIFO is kept; a symlink or an empty regular file
 * is replaced (images ship access.log -> /dev/stdout); anything else, a
 * non-empty file above all, is refused and left alone. 0, or -1 with err.
 */
int	fs_make_fifo(const char *path, char *err, size_t errlen);

/*
 * A new file description of what fd (1 or 2) refers to (a pipe, a
 * terminal), write-only, non-blocking and close-on-exec, opened through
 * /proc/self/fd: O_NONBLOCK on it leaves the description fd shares with
 * the child alone. -1 where that cannot be done (no /proc, a socket).
 */
int	fs_reopen_nonblock(int fd);

/*
 * All of p[0..n) to fd, through short writes; 0, or -1 with errno (EIO
 * where write(2) wrote nothing).
 */
int	fs_write_all(int fd, const char *p, size_t n);

/* mkdir -p of the directory part of path; 0 or -1 with errno. */
int	fs_make_parents(const char *path);

/*
 * A directory read with getdents64(2): opendir(3) would bring malloc into
 * the binary. fd stays usable for openat(2).
 */
struct fs_dir {
	int		 fd;
	long		 n, off;	/* bytes in buf, the next record */
	union {
		uint64_t align;		/* struct linux_dirent64's */
		char	 b[2048];
	}		 buf;
};

/* 0, or -1 with errno. */
int	fs_dir_open(struct fs_dir *d, const char *path);

/* The next entry's name, "." and ".." left out; NULL at the end. */
const char *fs_dir_next(struct fs_dir *d);

void	fs_dir_close(struct fs_dir *d);

#endif
