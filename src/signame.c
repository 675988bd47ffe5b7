/* Signal names <-> numbers, pure. */
#include <signal.h>

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

/* Names by number, without pointers: a table of short strings. */
#define SIG_STD	32
static const char sig_names[SIG_STD][7] = {
	[SIGHUP] = "HUP", [SIGINT] = "INT", [SIGQUIT] = "QUIT",
	[SIGILL] = "ILL", [SIGTRAP] = "TRAP", [SIGABRT] = "ABRT",
	[SIGBUS] = "BUS", [SIGFPE] = "FPE", [SIGKILL] = "KILL",
	[SIGUSR1] = "USR1", [SIGSEGV] = "SEGV", [SIGUSR2] = "USR2",
	[SIGPIPE] = "PIPE", [SIGALRM] = "ALRM", [SIGTERM] = "TERM",
	[SIGSTKFLT] = "STKFLT", [SIGCHLD] = "CHLD", [SIGCONT] = "CONT",
	[SIGSTOP] = "STOP", [SIGTSTP] = "TSTP", [SIGTTIN] = "TTIN",
	[SIGTTOU] = "TTOU", [SIGURG] = "URG", [SIGXCPU] = "XCPU",
	[SIGXFSZ] = "XFSZ", [SIGVTALRM] = "VTALRM", [SIGPROF] = "PROF",
	[SIGWINCH] = "WINCH", [SIGIO] = "IO", [SIGPWR] = "PWR",
	[SIGSYS] = "SYS",
};

/* Other names of the same signals, accepted but never printed. */
static const struct {
	char	name[5];
	char	sig;
} sig_aliases[] = {
	{ "IOT", SIGIOT }, { "CLD", SIGCHLD }, { "POLL", SIGPOLL },
};

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
sig_parse(const char *s, int allow_zero, int *sig, char *err, size_t errlen)
{
	const char *p = s;
	unsigned long n;
	size_t i;

	if (num_parse(s, NSIG, &n) == 0) {
		if ((n == 0 && allow_zero) || (n > 0 && n < NSIG)) {
			*sig = (int)n;
			return 0;
		}
		fmt_s(err, errlen, "bad signal '%s': out of range 1-%d", s,
		    NSIG - 1);
		return -1;
	}
	p += sig_prefix(p, "SIG");
	for (i = 1; i < SIG_STD; i++) {
		if (sig_is(p, sig_names[i])) {
			*sig = (int)i;
			return 0;
		}
	}
	for (i = 0; i < sizeof(sig_aliases) / sizeof(sig_aliases[0]); i++) {
		if (sig_is(p, sig_aliases[i].name)) {
			*sig = sig_aliases[i].sig;
			return 0;
		}
	}
	if (sig_prefix(p, "RTMIN") || sig_prefix(p, "RTMAX")) {
		int base = (p[3] | 0x20) == 'i' ? SIGNAME_RTMIN :
		    SIGNAME_RTMAX;
		int dir = base == SIGNAME_RTMIN ? 1 : -1;

		if (p[5] == '\0') {
			*sig = base;
			return 0;
		}
		if ((p[5] == '+' && dir > 0) || (p[5] == '-' && dir < 0)) {
			if (num_parse(p + 6, SIGNAME_RTMAX, &n) == 0 &&
			    n <= SIGNAME_RTMAX - SIGNAME_RTMIN) {
				*sig = base + dir * (int)n;
				return 0;
			}
		}
	}
	fmt_s(err, errlen, "bad signal '%s': not a signal name or number",
	    s);
	return -1;
}

const char *
sig_name(int sig, char *buf, size_t len)
{
	if (sig > 0 && sig < SIG_STD && sig_names[sig][0] != '\0')
		return sig_names[sig];
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
