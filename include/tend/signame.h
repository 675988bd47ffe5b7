/* Signal names and numbers: "TERM", "SIGTERM", "15", "RTMIN+3", "SIGRTMAX-1". */
#ifndef TEND_SIGNAME_H
#define TEND_SIGNAME_H

#include <stddef.h>

/*
 * Parse a signal given by name (with or without "SIG", any case) or by
 * number. allow_zero accepts "0" (the "drop it" target of --rewrite).
 * Returns the signal, or -1 with a message in err (the caller keeps no
 * local whose address is taken).
 */
int	sig_value(const char *s, int allow_zero, char *err, size_t errlen);

/* The same, as 0 with *sig filled, or -1. */
int	sig_parse(const char *s, int allow_zero, int *sig, char *err,
	    size_t errlen);

/* The name without "SIG" ("TERM", "RTMIN+3"), or the number as text. */
const char *sig_name(int sig, char *buf, size_t len);

/* Whether tend forwards sig: every valid signal but KILL, STOP and CHLD. */
int	sig_forwardable(int sig);

#endif
