/* Error texts (see include/tend/errstr.h); pure. */
#include <errno.h>
#include <string.h>

#include "tend/errstr.h"

/*
 * The errors, and their texts in the same order, packed: no pointers.
 * Linux's errno values all fit in a byte. Errors tend does not meet in
 * practice (EFAULT, ECHILD, ENODEV, ENOTSOCK) read "unexpected error".
 */
static const unsigned char err_codes[] = {
	EPERM, ENOENT, ESRCH, EINTR, EIO, ENXIO, E2BIG, ENOEXEC, EBADF,
	EAGAIN, ENOMEM, EACCES, EBUSY, EEXIST, ENOTDIR, EISDIR, EINVAL,
	ENFILE, EMFILE, ENOTTY, ETXTBSY, ENOSPC, EROFS, EPIPE, ENAMETOOLONG,
	ENOSYS, ELOOP, EOPNOTSUPP, EADDRINUSE, EADDRNOTAVAIL, ENETUNREACH,
	ECONNRESET, ETIMEDOUT, ECONNREFUSED, EHOSTUNREACH,
};

static const char err_texts[] =
	"Operation not permitted\0"
	"No such file or directory\0"
	"No such process\0"
	"Interrupted system call\0"
	"I/O error\0"
	"No such device or address\0"
	"Argument list too long\0"
	"Exec format error\0"
	"Bad file descriptor\0"
	"Resource temporarily unavailable\0"
	"Out of memory\0"
	"Permission denied\0"
	"Resource busy\0"
	"File exists\0"
	"Not a directory\0"
	"Is a directory\0"
	"Invalid argument\0"
	"Too many open files in system\0"
	"No file descriptors available\0"
	"Not a tty\0"
	"Text file busy\0"
	"No space left on device\0"
	"Read-only file system\0"
	"Broken pipe\0"
	"Filename too long\0"
	"Function not implemented\0"
	"Symbolic link loop\0"
	"Not supported\0"
	"Address in use\0"
	"Address not available\0"
	"Network unreachable\0"
	"Connection reset by peer\0"
	"Operation timed out\0"
	"Connection refused\0"
	"Host is unreachable\0";

const char *
err_str(int err)
{
	const char *t = err_texts;
	unsigned i;

	for (i = 0; i < sizeof(err_codes); i++, t += strlen(t) + 1)
		if (err_codes[i] == err)
			return t;
	return "unexpected error";
}

const char *
err_now(void)
{
	return err_str(errno);
}
