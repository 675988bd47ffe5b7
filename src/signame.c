/* Signal names <-> numbers, pure. */
#include <ctype.h>
#include <signal.h>
#include <string.h>
#include <strings.h>

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

static const struct {
	const char *name;
	int sig;
} sig_table[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "ILL", SIGILL }, { "TRAP", SIGTRAP }, { "ABRT", SIGABRT },
	{ "IOT", SIGIOT }, { "BUS", SIGBUS }, { "FPE", SIGFPE },
	{ "KILL", SIGKILL }, { "USR1", SIGUSR1 }, { "SEGV", SIGSEGV },
	{ "USR2", SIGUSR2 }, { "PIPE", SIGPIPE }, { "ALRM", SIGALRM },
	{ "TERM", SIGTERM }, { "STKFLT", SIGSTKFLT }, { "CHLD", SIGCHLD },
	{ "CLD", SIGCHLD }, { "CONT", SIGCONT }, { "STOP", SIGSTOP },
	{ "TSTP", SIGTSTP }, { "TTIN", SIGTTIN }, { "TTOU", SIGTTOU },
	{ "URG", SIGURG }, { "XCPU", SIGXCPU }, { "XFSZ", SIGXFSZ },
	{ "VTALRM", SIGVTALRM }, { "PROF", SIGPROF }, { "WINCH", SIGWINCH },
	{ "IO", SIGIO }, { "POLL", SIGPOLL }, { "PWR", SIGPWR },
	{ "SYS", SIGSYS },
};

#define SIG_TABLE_LEN (sizeof(sig_table) / sizeof(sig_table[0]))

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
	if (strncasecmp(p, "SIG", 3) == 0)
		p += 3;
	for (i = 0; i < SIG_TABLE_LEN; i++) {
		if (strcasecmp(p, sig_table[i].name) == 0) {
			*sig = sig_table[i].sig;
			return 0;
		}
	}
	if (strncasecmp(p, "RTMIN", 5) == 0 || strncasecmp(p, "RTMAX", 5) == 0) {
		int base = toupper((unsigned char)p[3]) == 'I' ? SIGNAME_RTMIN :
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
	size_t i;

	for (i = 0; i < SIG_TABLE_LEN; i++)
		if (sig_table[i].sig == sig)
			return sig_table[i].name;
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
