/*
 * Raw system calls (see include/tend/sys.h for why each is here).
 *
 * The ones called from many places are kept out of line (noinline): where
 * LTO inlines them, every call site sets up syscall(2)'s number and all
 * its registers, varargs included (about 250 bytes in all, measured; the
 * rest are cheaper inlined).
 */
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tend/sock.h"
#include "tend/sys.h"

__attribute__((noinline)) int
sys_clock_gettime(clockid_t id, struct timespec *ts)
{
	return (int)syscall(SYS_clock_gettime, id, ts);
}

__attribute__((noinline)) int
sys_fstat(int fd, struct stat *st)
{
	return (int)syscall(SYS_fstat, fd, st);
}

int
sys_stat(const char *path, struct stat *st)
{
	return (int)syscall(SYS_newfstatat, AT_FDCWD, path, st, 0);
}

int
sys_lstat(const char *path, struct stat *st)
{
	return (int)syscall(SYS_newfstatat, AT_FDCWD, path, st,
	    AT_SYMLINK_NOFOLLOW);
}

__attribute__((noinline)) int
sys_fcntl(int fd, int cmd, int arg)
{
	return (int)syscall(SYS_fcntl, fd, cmd, arg);
}

int
sys_open(const char *path, int flags)
{
	return sys_open_mode(path, flags, 0);
}

__attribute__((noinline)) int
sys_open_mode(const char *path, int flags, mode_t mode)
{
	return (int)syscall(SYS_openat, AT_FDCWD, path, flags, mode);
}

int
sys_fchmod(int fd, mode_t mode)
{
	return (int)syscall(SYS_fchmod, fd, mode);
}

int
sys_fchown(int fd, uid_t uid, gid_t gid)
{
	return (int)syscall(SYS_fchown, fd, uid, gid);
}

int
sys_openat(int dirfd, const char *path, int flags)
{
	return (int)syscall(SYS_openat, dirfd, path, flags, 0);
}

ssize_t
sys_readlink(const char *path, char *buf, size_t len)
{
	return syscall(SYS_readlinkat, AT_FDCWD, path, buf, len);
}

__attribute__((noinline)) int
sys_ioctl(int fd, unsigned long req, void *arg)
{
	return (int)syscall(SYS_ioctl, fd, req, arg);
}

bool
sys_isatty(int fd)
{
	struct winsize ws;

	return sys_ioctl(fd, TIOCGWINSZ, &ws) == 0;
}

pid_t
sys_tcgetpgrp(int fd)
{
	int pgrp;

	return sys_ioctl(fd, TIOCGPGRP, &pgrp) < 0 ? -1 : pgrp;
}

int
sys_tcsetpgrp(int fd, pid_t pgrp)
{
	int v = pgrp;

	return sys_ioctl(fd, TIOCSPGRP, &v);
}

__attribute__((noinline)) void *
sys_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	/* -1 on failure, which is MAP_FAILED */
	return (void *)syscall(SYS_mmap, addr, len, prot, flags, fd, off);
}

int
sys_munmap(void *addr, size_t len)
{
	return (int)syscall(SYS_munmap, addr, len);
}

__attribute__((noinline)) int
sys_pipe2(int fd[2], int flags)
{
	return (int)syscall(SYS_pipe2, fd, flags);
}

__attribute__((noinline)) int
sys_fchdir(int fd)
{
	return (int)syscall(SYS_fchdir, fd);
}

int
sys_prctl(int op, unsigned long arg)
{
	return (int)syscall(SYS_prctl, op, arg, 0, 0, 0);
}

__attribute__((noinline)) int
sys_socket(int domain, int type, int protocol)
{
	return (int)syscall(SYS_socket, domain, type, protocol);
}

pid_t
sys_fork(void)
{
	return (pid_t)syscall(SYS_clone, SIGCHLD, 0);
}

__attribute__((noinline)) int
sys_sigaction(int sig, const struct sys_sigaction *sa,
    struct sys_sigaction *old)
{
	return (int)syscall(SYS_rt_sigaction, sig, sa, old, sizeof(uint64_t));
}

ssize_t
sock_io(long nr, int fd, const void *buf, size_t n, int flags)
{
	return syscall(nr, fd, buf, n, flags, NULL, NULL);
}
