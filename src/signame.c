/* Signal names <-> numbers, pure. */
#include <signal.h>
#include <string.h>

#include "tend/fmt.h"
#include "tend/num.h"
#include "tend/signame.h"

/*
 * RTMIN+n counts from 34, as kill(1), glibc and Docker (`docker kill -s
 * RTMIN+3`) do; musl's own SIGRTMIN is 35 because it keeps 32-34 for
 * itself, but the child, not tend, gives these signals their meaning.
 */
#define SIGNAME_RTMIN	34
#define SIGNAME_RTMAX	(NSIG - 1)
_Static_assert(NSIG == 65, "sig_parse's message says 1-64");

/*
 * The names of signals 1 .. 31 in order, then other names of three of
 * them, accepted but never printed: one string without pointers,
 * NUL-separated, an empty name last. The order is Linux's generic
 * numbering (x86, arm, riscv...).
 */
#define SIG_STD	32
static const char sig_names[] =
	"HUP\0INT\0QUIT\0ILL\0TRAP\0ABRT\0BUS\0FPE\0KILL\0USR1\0SEGV\0"
	"USR2\0PIPE\0ALRM\0TERM\0STKFLT\0CHLD\0CONT\0STOP\0TSTP\0TTIN\0"
	"TTOU\0URG\0XCPU\0XFSZ\0VTALRM\0PROF\0WINCH\0IO\0PWR\0SYS\0"
	"IOT\0CLD\0POLL\0";
static const char sig_aliases[] = { SIGIOT, SIGCHLD, SIGPOLL };
_Static_assert(SIGBUS == 7 && SIGUSR1 == 10 && SIGSTKFLT == 16 &&
    SIGCHLD == 17 && SIGPWR == 30 && SIGSYS == 31,
    "sig_names follows Linux's generic signal numbers");

/*
 * The length of name (upper case) if s starts with it in any case, else
 * 0: ASCII only, as musl's strncasecmp, without its tolower.
 */
static size_t
sig_prefix(const char *s, const char *name)
{
	size_t i;
	int c;

	for (i = 0; name[i] != '\0'; i++) {
		c = (unsigned char)s[i];
		if (c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		if (c != name[i])
			return 0;
	}
	return i;
}

/* Whether s is name, in any case. */
static int
sig_is(const char *s, const char *name)
{
	size_t n = sig_prefix(s, name);

	return n > 0 && s[n] == '\0';
}

int
sig_value(const char *s, int allow_zero, char *err, size_t errlen)
{
	const char *p = s, *nm, *why = "not a signal name or number";
	long n = num_value(s, NSIG);
	size_t i;
	int min;

	if (n >= 0) {
		if (n >= !allow_zero && n < NSIG)
			return (int)n;
		why = "out of range 1-64";
	}
	/* a number is no name: the searches below find nothing for it */
	p += sig_prefix(p, "SIG");
	for (i = 1, nm = sig_names; *nm != '\0'; i++, nm += strlen(nm) + 1) {
		if (sig_is(p, nm))
			return i < SIG_STD ? (int)i : sig_aliases[i - SIG_STD];
	}
	/* RTMIN, RTMIN+n, RTMAX, RTMAX-n */
	if (sig_prefix(p, "RTMIN") || sig_prefix(p, "RTMAX")) {
		min = (p[3] | 0x20) == 'i';
		n = p[5] == '\0' ? 0 : p[5] == (min ? '+' : '-') ?
		    num_value(p + 6, SIGNAME_RTMAX - SIGNAME_RTMIN) : -1;
		if (n >= 0)
			return min ? SIGNAME_RTMIN + (int)n :
			    SIGNAME_RTMAX - (int)n;
	}
	fmt_s(err, errlen, "bad signal '%s': %s", s, why);
	return -1;
}

int
sig_parse(const char *s, int allow_zero, int *sig, char *err, size_t errlen)
{
	int v = sig_value(s, allow_zero, err, errlen);

	if (v < 0)
		return -1;
	*sig = v;
	return 0;
}

const char *
sig_name(int sig, char *buf, size_t len)
{
	const char *nm = sig_names;

	if (sig > 0 && sig < SIG_STD) {
		while (--sig > 0)
			nm += strlen(nm) + 1;
		return nm;
	}
	if (sig >= SIGNAME_RTMIN && sig <= SIGNAME_RTMAX)
		fmt_s(buf, len, "RTMIN+%d", sig - SIGNAME_RTMIN);
	else
		fmt_s(buf, len, "%d", sig);
	return buf;
}

int
sig_forwardable(int sig)
{
	return sig > 0 && sig < NSIG && sig != SIGKILL && sig != SIGSTOP &&
	    sig != SIGCHLD;
}
