/*
 * send(2) and recv(2) as the system calls sendto and recvfrom without an
 * address (x86_64 has no send or recv call; the kernel reads no length
 * without an address). musl's send, sendto, recv and recvfrom make them
 * cancellation points, of no use without threads (about 120 bytes).
 */
#ifndef TEND_SOCK_H
#define TEND_SOCK_H

#include <stddef.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

/*
 * nr is SYS_sendto or SYS_recvfrom. One function for both, not inline:
 * syscall(2) takes the seventh argument on the stack, and that is better
 * pushed in one place (src/sys.c: one copy for relay.c and net.c).
 */
ssize_t	sock_io(long nr, int fd, const void *buf, size_t n, int flags);

#define sock_send(fd, buf, n, flags) \
	sock_io(SYS_sendto, fd, buf, n, flags)
#define sock_recv(fd, buf, n, flags) \
	sock_io(SYS_recvfrom, fd, buf, n, flags)

#endif
