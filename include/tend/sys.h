/*
 * System calls made straight through syscall(2), where musl's wrapper
 * drags in far more than the call: a vDSO lookup, fallbacks for kernels
 * older than the features tend relies on anyway. Each is the kernel's call
 * as documented in its man page: a result, or -1 with errno. The byte
 * figures are what the release binary saves once no caller uses musl's.
 * A call with one caller whose musl wrapper is only the call (mkdir,
 * rename, setsid, wait4...) is made with syscall(2) right there: 10 to 30
 * bytes each.
 */
#ifndef TEND_SYS_H
#define TEND_SYS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

/*
 * clock_gettime(2) without the vDSO: musl looks up __vdso_clock_gettime
 * in the ELF image the auxiliary vector points to on first use (about 950
 * bytes, saved once musl's fork is gone too: its locks wait with a
 * timeout). A system call instead of a function call costs well under a
 * microsecond; tend reads the clock per timer and per relayed JSON line.
 */
int	sys_clock_gettime(clockid_t id, struct timespec *ts);

/*
 * fstat(2), stat(2), lstat(2). musl routes all three through fstatat,
 * which copies a struct kstat member by member and falls back to
 * /proc/self/fd for O_PATH descriptors on kernels before 3.6 (about 800
 * bytes). On x86_64 (and aarch64) the kernel's struct stat is musl's, so
 * the kernel fills the caller's buffer itself.
 */
int	sys_fstat(int fd, struct stat *st);
int	sys_stat(const char *path, struct stat *st);
int	sys_lstat(const char *path, struct stat *st);

/*
 * fcntl(2) with an int argument. musl's (about 420 bytes) emulates
 * F_DUPFD_CLOEXEC for kernels before 2.6.24 and F_GETOWN's negative
 * process groups; tend asks neither.
 */
int	sys_fcntl(int fd, int cmd, int arg);

/*
 * open(2) without O_CREAT, as openat(2) from the working directory. musl's
 * (about 200 bytes) takes a mode through varargs and sets FD_CLOEXEC by
 * fcntl for kernels before 2.6.23, which ignored O_CLOEXEC.
 */
int	sys_open(const char *path, int flags);

/* open(2) with a mode, for O_CREAT. */
int	sys_open_mode(const char *path, int flags, mode_t mode);

/*
 * fchmod(2), fchown(2). musl's (about 470 bytes with __procfdname) retry
 * an O_PATH descriptor's EBADF through /proc/self/fd; tend passes files
 * it opened for writing.
 */
int	sys_fchmod(int fd, mode_t mode);
int	sys_fchown(int fd, uid_t uid, gid_t gid);

/* openat(2), readlinkat(2): musl's add nothing but a cancellation point. */
int	sys_openat(int dirfd, const char *path, int flags);
ssize_t	sys_readlink(const char *path, char *buf, size_t len);

/*
 * ioctl(2) with a pointer argument or none. musl's (about 100 bytes)
 * translates 32-bit time structures; its isatty, tcgetpgrp and tcsetpgrp
 * (about 250 bytes more) are one ioctl each, as here.
 */
int	sys_ioctl(int fd, unsigned long req, void *arg);
/* Whether fd is a terminal (TIOCGWINSZ succeeds, as musl's isatty). */
bool	sys_isatty(int fd);
pid_t	sys_tcgetpgrp(int fd);
int	sys_tcsetpgrp(int fd, pid_t pgrp);

/*
 * mmap(2), munmap(2), for anonymous or whole-file mappings at an address
 * of the kernel's choice. musl's (about 270 bytes) check the offset's
 * alignment and the length's range, wait for other threads' MAP_FIXED
 * calls, and turn a spurious EPERM into ENOMEM.
 */
void	*sys_mmap(void *addr, size_t len, int prot, int flags, int fd,
	    off_t off);
int	sys_munmap(void *addr, size_t len);

/*
 * pipe2(2): musl's (about 230 bytes with its pipe) falls back to pipe
 * and fcntl for kernels before 2.6.27. fchdir(2): musl's (about 300
 * bytes with __procfdname) retries an O_PATH descriptor through
 * /proc/self/fd for kernels before 3.5.
 */
int	sys_pipe2(int fd[2], int flags);
int	sys_fchdir(int fd);

/*
 * prctl(2) with one argument, the rest 0 (PR_SET_NO_NEW_PRIVS insists).
 * musl's takes varargs (about 110 bytes).
 */
int	sys_prctl(int op, unsigned long arg);

/*
 * socket(2). musl's retries without SOCK_CLOEXEC and SOCK_NONBLOCK for
 * kernels before 2.6.27 and sets them with fcntl (about 180 bytes).
 */
int	sys_socket(int domain, int type, int protocol);

/*
 * fork(2), as clone(2) with SIGCHLD: the same call on every architecture
 * (musl's _Fork makes it where there is no SYS_fork). The rest of musl's
 * fork (about 2.8 KiB with what it pulls in: atfork handlers, the locks a
 * threaded program needs and, through them, __timedwait, clock_gettime
 * and the vDSO lookup) tend does not need: it has one thread, no atfork
 * handler, and blocks every signal before it forks. One thing is left
 * undone: the child's thread descriptor keeps the parent's thread id, so
 * the child must not call raise(3) or pthread_* (they would aim at the
 * parent); between fork and exec it makes async-signal-safe calls only.
 */
pid_t	sys_fork(void);

/*
 * The kernel's struct sigaction and rt_sigaction(2), for SIG_DFL and
 * SIG_IGN only: on x86_64 a handler must return through sa_restorer, a
 * trampoline musl's sigaction supplies (about 950 bytes with its locks;
 * the kernel's arch/x86/kernel/signal.c refuses a frame without one).
 */
struct sys_sigaction {
	void		(*handler)(int);
	unsigned long	flags;
	void		(*restorer)(void);
	uint64_t	mask;		/* the kernel's sigset_t */
};

int	sys_sigaction(int sig, const struct sys_sigaction *sa,
	    struct sys_sigaction *old);

#endif
