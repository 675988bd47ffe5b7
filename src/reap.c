/*
 * Reaping and the end game. SIGCHLD coalesces, so every pass calls
 * waitpid(-1, WNOHANG) until 0 (children left, none exited) or ECHILD
 * (nothing left). As PID 1 and as subreaper every orphan in tend's care is
 * reparented to it, so ECHILD means nothing tend is responsible for runs.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "tend/errstr.h"
#include "tend/fmt.h"
#include "tend/fs.h"
#include "tend/exitcode.h"
#include "tend/log.h"
#include "tend/num.h"
#include "tend/startup.h"
#include "tend/state.h"
#include "tend/sys.h"

/*
 * tend is a job of an interactive shell (not PID 1, started in the
 * terminal's foreground) and Ctrl-Z stopped its child: do what the shell
 * expects of a job. Take the terminal back and stop; once continued, give
 * the terminal to the child again if the shell gave it to tend (fg, not
 * bg) and continue the child. Never as PID 1: that would freeze the
 * container (dumb-init's self-SIGSTOP).
 */
static void
reap_job_stopped(struct tend *t)
{
	(void)sys_tcsetpgrp(STDIN_FILENO, getpgrp());
	/* SIGSTOP stops every thread: kill(2) does, no need for raise(3) */
	(void)kill(t->self, SIGSTOP);
	if (sys_tcgetpgrp(STDIN_FILENO) == getpgrp())
		(void)sys_tcsetpgrp(STDIN_FILENO, t->child_pgid);
	(void)kill(-t->child_pgid, SIGCONT);
}

void
reap_all(struct tend *t)
{
	const struct opts *o = t->o;
	bool main_exited = false, post_was = t->post_pending;
	int st, status = 0;
	pid_t pid;

	/*
	 * wait4(2): musl's waitpid adds a cancellation point. WNOHANG, every
	 * signal blocked, no handler: never EINTR.
	 */
	while ((pid = (pid_t)syscall(SYS_wait4, -1, &st,
	    WNOHANG | (t->job ? WUNTRACED : 0), NULL)) > 0) {
		if (WIFSTOPPED(st)) {
			if (pid == t->child)
				reap_job_stopped(t);
			continue;
		}
		if (pid == t->hook) {	/* pid > 0: never "no hook" */
			hooks_reaped(t, st);
			continue;
		}
		if (pid != t->child && crond_reaped(t, pid, st))
			continue;
		if (pid == t->child) {
			status = exit_remap_apply(&o->remap,
			    exit_from_wait(st));
			main_exited = true;
			t->child = 0;
			tlog(o->verbosity, TLOG_INFO,
			    "child %d exited, status %d", (int)pid,
			    exit_from_wait(st));
		} else if (o->warn_reap)
			tlog(o->verbosity, TLOG_ERR,
			    "Reaped zombie process with pid=%d", (int)pid);
		else
			tlog(o->verbosity, TLOG_TRACE, "reaped pid %d",
			    (int)pid);
	}
	if (main_exited) {
		t->sv.status = status;
		hooks_post(t, status);
	}
	/* the rest get SIGTERM once the post hooks are done */
	if (t->post_pending)
		return;
	/* pid is 0 (children left) or -1 with ECHILD (none left) */
	if (main_exited || post_was)
		tend_main_exited(t, pid == 0);
	else
		tend_act(t, sv_reaped(&t->sv, pid == 0));
}

void
reap_on_timer(struct loop *l, void *ctx)
{
	struct tend *t = ctx;

	(void)l;
	tend_act(t, sv_timeout(&t->sv, loop_now()));
}

/*
 * The descendants, breadth first, in an anonymous mapping: only the pages
 * touched cost memory, and tend needs no malloc at all.
 */
#define REAP_MAX_PIDS (1u << 20)

/*
 * The scan's scratch, then the pids found, in one mapping: no function
 * here has arrays or addressed locals of its own (no stack canary).
 */
struct reap_pids {
	size_t		 n;
	const char	*q;
	unsigned long	 num;
	char		 path[64];
	struct fs_dir	 d;
	char		 buf[4096];
	pid_t		 v[];
};

#define REAP_MAP_SIZE	(sizeof(struct reap_pids) + \
	REAP_MAX_PIDS * sizeof(pid_t))

/* The pids in p->buf[0..n): numbers apart by blanks; strict decimal. */
static void
reap_parse_pids(struct reap_pids *p, size_t n)
{
	const char *end = p->buf + n;

	p->buf[n] = '\0';
	p->q = p->buf;
	while (p->q < end && p->n < REAP_MAX_PIDS) {
		if (*p->q == ' ' || *p->q == '\n') {
			p->q++;
			continue;
		}
		if (num_scan(&p->q, 0x7fffffff, &p->num) < 0)
			return;
		if (p->num > 0)
			p->v[p->n++] = (pid_t)p->num;
	}
}

/*
 * Read a children file ("12 34 56 ", any length) into p. A number at the
 * end of one read may go on in the next: those digits wait for it.
 */
static void
reap_read_children(struct reap_pids *p, int fd)
{
	char *buf = p->buf;
	size_t keep = 0, len, last;
	ssize_t r;

	while ((r = read(fd, buf + keep, sizeof(p->buf) - 1 - keep)) > 0) {
		len = keep + (size_t)r;
		for (last = len; last > 0 && buf[last - 1] >= '0' &&
		    buf[last - 1] <= '9'; last--)
			;
		if (last == 0 && len == sizeof(p->buf) - 1)
			return;		/* no number is that long */
		keep = len - last;
		reap_parse_pids(p, last);
		memmove(buf, buf + last, keep);
	}
	reap_parse_pids(p, keep);
}

/* Append the children of every thread of pid (proc(5): task/TID/children). */
static int
reap_children_of(struct reap_pids *p, pid_t pid)
{
	const char *tid;
	int fd;

	fmt_s(p->path, sizeof(p->path), "/proc/%d/task", (int)pid);
	if (fs_dir_open(&p->d, p->path) < 0)
		return -1;
	while ((tid = fs_dir_next(&p->d)) != NULL) {
		fmt_s(p->path, sizeof(p->path), "%.*s/children", 20, tid);
		if ((fd = sys_openat(p->d.fd, p->path,
		    O_RDONLY | O_CLOEXEC)) < 0)
			continue;
		reap_read_children(p, fd);
		close(fd);
	}
	fs_dir_close(&p->d);
	return 0;
}

/*
 * /proc can be used only if it is this PID namespace's: a /proc of
 * another namespace (unshare --pid without --mount-proc) names other
 * processes by the same numbers.
 */
static bool
reap_proc_is_ours(struct reap_pids *p, pid_t self)
{
	ssize_t n = sys_readlink("/proc/self", p->buf, 31);

	if (n <= 0)
		return false;
	p->buf[n] = '\0';
	return num_value(p->buf, 0x7fffffff) == self;
}

/*
 * SIGTERM is followed by SIGCONT, so that a stopped process (Ctrl-Z, a
 * forwarded SIGTSTP) sees it now rather than dying by SIGKILL later, as
 * systemd does (systemd.kill(5)). 0, or the errno of sig's kill(2).
 */
static int
reap_kill(pid_t pid, int sig)
{
	int err = kill(pid, sig) < 0 ? errno : 0;

	if (sig == SIGTERM)
		(void)kill(pid, SIGCONT);
	return err;
}

void
reap_signal_rest(struct tend *t, int sig)
{
	const struct opts *o = t->o;
	struct reap_pids *p;
	size_t i;
	int err;

	/* sig is SIGTERM or SIGKILL (tend_act): no sig_name buffer */
	tlog(o->verbosity, TLOG_INFO, "sending SIG%s to the remaining processes",
	    sig == SIGTERM ? "TERM" : "KILL");
	if (t->pid1) {
		/* kill(2): -1 is every process of the namespace but PID 1 */
		if ((err = reap_kill(-1, sig)) != 0 && err != ESRCH)
			tlog(o->verbosity, TLOG_ERR, "cannot signal processes: %s",
			    err_str(err));
		return;
	}
	/*
	 * As subreaper: every descendant, found through /proc. Without /proc
	 * (not mounted, or another namespace's), fall back to the child's
	 * process group. The mapping comes first: /proc/self's link is read
	 * into it.
	 */
	p = sys_mmap(NULL, REAP_MAP_SIZE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED || !reap_proc_is_ours(p, t->self) ||
	    reap_children_of(p, t->self) < 0) {
		if (t->child_pgid > 0)
			(void)reap_kill(-t->child_pgid, sig);
		/* cron jobs run in groups of their own */
		crond_signal(t, sig);
		if (sig == SIGTERM)
			crond_signal(t, SIGCONT);
		if (p != MAP_FAILED)
			sys_munmap(p, REAP_MAP_SIZE);
		return;
	}
	/* p->n counts from 0: the mapping is 0-filled */
	for (i = 0; i < p->n; i++)
		(void)reap_children_of(p, p->v[i]);
	for (i = 0; i < p->n; i++)
		(void)reap_kill(p->v[i], sig);
	sys_munmap(p, REAP_MAP_SIZE);
}
