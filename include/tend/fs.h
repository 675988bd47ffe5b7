/* Files tend makes during setup: the FIFOs of --log. */
#ifndef TEND_FS_H
#define TEND_FS_H

#include <stddef.h>

/*
 * Make path a FIFO (mode 0666 minus umask), creating its parent
 * directories. An existing FIFO is kept; a symlink or an empty regular file
 * is replaced (images ship access.log -> /dev/stdout); anything else, a
 * non-empty file above all, is refused and left alone. 0, or -1 with err.
 */
int	fs_make_fifo(const char *path, char *err, size_t errlen);

/*
 * A new file description of what fd refers to (a pipe, a terminal),
 * write-only, non-blocking and close-on-exec, opened through
 * /proc/self/fd: O_NONBLOCK on it leaves the description fd shares with
 * the child alone. -1 where that cannot be done (no /proc, a socket).
 */
int	fs_reopen_nonblock(int fd);

/* mkdir -p of the directory part of path; 0 or -1 with errno. */
int	fs_make_parents(const char *path);

#endif
