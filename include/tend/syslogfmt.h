/*
 * One /dev/log datagram -> one line: "<PRI>" decoded to "facility.severity",
 * RFC 3164 ("<13>Nov 25 18:00:00 sshd[42]: msg") and RFC 5424
 * ("<13>1 2026-11-25T18:00:00Z host app 42 ID [sd] msg") alike:
 *
 *	daemon.err sshd[42]: msg
 *	user.notice app[42]: [sd] msg
 *
 * Input without a valid PRI is relayed verbatim, as user.notice. Trailing
 * newlines and NULs are dropped, other newlines become spaces: one
 * message, one line.
 */
#ifndef TEND_SYSLOGFMT_H
#define TEND_SYSLOGFMT_H

#include <stddef.h>

#define SYSLOG_SEV_ERR		3
#define SYSLOG_SEV_NOTICE	5

/* Longest output for n input bytes. */
#define SYSLOG_OUT_MAX(n)	((n) + 64)

/* Format datagram in[0..n) into out; returns the length; *sev 0..7. */
size_t	syslog_format(const char *in, size_t n, char *out, size_t outlen,
	    int *sev);

/* "emerg".."debug" or "none" (8, nothing) -> 0..8; -1 if unknown. */
int	syslog_severity(const char *name);

#endif
