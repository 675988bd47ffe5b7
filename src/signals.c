/*
 * Every signal is blocked before the first fork and read from one
 * signalfd: "a signal is an event like any other" (skalibs). No handler
 * runs, so nothing happens in async context. A genuine fault in tend
 * (SIGSEGV from the MMU) is forced on it by the kernel, blocked or not;
 * the same signal sent with kill(2) arrives here and is forwarded.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tend/errstr.h"
#include "tend/log.h"
#include "tend/signame.h"
#include "tend/state.h"
#include "tend/sys.h"

int
signals_setup(struct tend *t)
{
	/*
	 * Every signal, 32-34 included: musl's sigfillset leaves them out as
	 * its own, but a glibc program's SIGRTMIN is 34 and `docker kill -s
	 * RTMIN` sends 34. The kernel drops KILL and STOP from the mask.
	 */
	static const uint64_t all = UINT64_MAX;
	struct sys_sigaction sa;

	/*
	 * The raw call: musl's sigprocmask hides 32-34 in the old mask it
	 * returns, and the child must get back exactly what tend was given.
	 */
	if (syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, &t->orig_mask,
	    SIGNALS_SETSIZE) < 0)
		return -1;
	/*
	 * An inherited SIG_IGN for SIGCHLD makes the kernel reap our children
	 * itself and we would lose the child's status (wait(2), NOTES); the
	 * child gets the disposition back before exec. One call sets SIG_DFL
	 * and reads what was there: execve(2) left SIGCHLD either SIG_DFL or
	 * SIG_IGN, with no flags, so SIG_DFL over SIG_DFL changes nothing.
	 * The kernel reads the new action before it writes the old one.
	 */
	memset(&sa, 0, sizeof(sa));
	if (sys_sigaction(SIGCHLD, &sa, &sa) < 0)
		return -1;
	t->chld_was_ignored = sa.handler == SIG_IGN;
	/* raw: musl's wrapper retries without flags for kernels before 2.6.27 */
	t->sigfd = (int)syscall(SYS_signalfd4, -1, &all, SIGNALS_SETSIZE,
	    SFD_CLOEXEC);
	return t->sigfd < 0 ? -1 : 0;
}

/*
 * Out of line: inlined, its names' buffers would give signals_on_read a
 * stack protector (the siginfo buffer is in struct tend for that).
 */
static __attribute__((noinline)) void
signals_forward(struct tend *t, int sig)
{
	const struct opts *o = t->o;
	char b1[16], b2[16];
	pid_t target;
	int to = o->rewrite[sig];

	if (t->child == 0 || t->sv.phase != SV_RUNNING) {
		tlog(o->verbosity, TLOG_DEBUG, "not forwarding SIG%s: no child",
		    sig_name(sig, b1, sizeof(b1)));
		return;
	}
	if (to == 0) {
		tlog(o->verbosity, TLOG_DEBUG, "dropping SIG%s (rewritten to 0)",
		    sig_name(sig, b1, sizeof(b1)));
		return;
	}
	target = o->pgroup ? -t->child_pgid : t->child;
	if (kill(target, to) < 0 && errno != ESRCH)
		tlog(o->verbosity, TLOG_ERR, "cannot forward SIG%s to %d: %s",
		    sig_name(to, b2, sizeof(b2)), (int)target,
		    err_now());
	else if (o->verbosity >= TLOG_DEBUG)	/* the hot path: no names */
		tlog(o->verbosity, TLOG_DEBUG, "forwarded SIG%s as SIG%s to %d",
		    sig_name(sig, b1, sizeof(b1)),
		    sig_name(to, b2, sizeof(b2)), (int)target);
}

/*
 * Before COMMAND runs (hooks, wait): a signal goes to the running hook,
 * and one whose default action ends a process ends the start, 128+s.
 */
static void
signals_starting(struct tend *t, int sig)
{
	int to = t->o->rewrite[sig];

	if (to == 0)
		return;
	if (t->hook > 0)
		(void)kill(t->hook, to);
	switch (to) {
	case SIGCONT: case SIGTSTP: case SIGTTIN: case SIGTTOU: case SIGURG:
	case SIGWINCH: case SIGSTOP:
		return;
	}
	if (!t->aborted) {
		tlog(t->o->verbosity, TLOG_INFO, "signal %d: not starting", to);
		t->aborted = true;
		t->status = 128 + to;
		t->loop.stop = true;
	}
}

void
signals_on_read(struct loop *l, void *ctx, int fd, short revents)
{
	struct tend *t = ctx;
	struct signalfd_siginfo *si, *end;
	bool chld = false;
	ssize_t n;

	(void)revents;
	/*
	 * One read per call: the fd is blocking (the loop may use this read
	 * as its wait), and poll reports what is left. No handler is
	 * installed, so read(2) is never interrupted.
	 */
	n = read(fd, t->si, sizeof(t->si));
	if (n > 0) {
		end = t->si + (size_t)n / sizeof(t->si[0]);
		for (si = t->si; si < end; si++) {
			int sig = (int)si->ssi_signo;

			if (sig == SIGCHLD) {
				chld = true;
				continue;
			}
			/*
			 * A signal tend caused itself (SIGPIPE, SIGXFSZ from
			 * its own write) names tend as sender: not the
			 * child's business.
			 */
			if (si->ssi_code == SI_USER &&
			    (pid_t)si->ssi_pid == t->self)
				continue;
			if (t->o->mode == OPTS_PAUSE) {
				if (sig == SIGINT || sig == SIGTERM) {
					t->status = 0;
					l->stop = true;
					return;
				}
				continue;
			}
			if (t->starting)
				signals_starting(t, sig);
			else
				signals_forward(t, sig);
		}
	}
	if (chld) {
		tlog(t->o->verbosity, TLOG_DEBUG, "Received SIGCHLD");
		reap_all(t);
	}
}
