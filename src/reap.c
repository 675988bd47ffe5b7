/*
 * Reaping and the end game. SIGCHLD coalesces, so every pass calls
 * waitpid(-1, WNOHANG) until 0 (children left, none exited) or ECHILD
 * (nothing left). As PID 1 and as subreaper every orphan in tend's care is
 * reparented to it, so ECHILD means nothing tend is responsible for runs.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tend/exitcode.h"
#include "tend/log.h"
#include "tend/signame.h"
#include "tend/state.h"

void
reap_all(struct tend *t)
{
	const struct opts *o = t->o;
	bool main_exited = false;
	int st, status = 0;
	pid_t pid;

	for (;;) {
		pid = waitpid(-1, &st, WNOHANG);
		if (pid < 0 && errno == EINTR)
			continue;
		if (pid <= 0)
			break;
		if (pid == t->child) {
			status = exit_remap_apply(&o->remap,
			    exit_from_wait(st));
			main_exited = true;
			t->child = 0;
			tlog(o->verbosity, LOG_INFO,
			    "child %d exited, status %d", (int)pid,
			    exit_from_wait(st));
		} else if (o->warn_reap)
			tlog(o->verbosity, LOG_ERR,
			    "Reaped zombie process with pid=%d", (int)pid);
		else
			tlog(o->verbosity, LOG_TRACE, "reaped pid %d",
			    (int)pid);
	}
	/* pid is 0 (children left) or -1 with ECHILD (none left) */
	if (main_exited)
		tend_act(t, sv_main_exited(&t->sv, status, pid == 0,
		    loop_now()));
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

struct reap_pids {
	pid_t	*v;
	size_t	 n, cap;
};

static int
reap_push(struct reap_pids *p, pid_t pid)
{
	pid_t *nv;

	/* a pid read twice (reparented between reads) is signalled twice */
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;

		nv = realloc(p->v, cap * sizeof(*nv));
		if (nv == NULL)
			return -1;
		p->v = nv;
		p->cap = cap;
	}
	p->v[p->n++] = pid;
	return 0;
}

/* Append the children of every thread of pid (proc(5): task/TID/children). */
static int
reap_children_of(struct reap_pids *p, pid_t pid)
{
	char path[320], buf[4096], *s, *end;
	struct dirent *e;
	DIR *d;
	ssize_t n;
	long v;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	d = opendir(path);
	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%s/children",
		    (int)pid, e->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n <= 0)
			continue;
		buf[n] = '\0';
		for (s = buf; *s != '\0'; s = end) {
			errno = 0;
			v = strtol(s, &end, 10);
			if (end == s || errno != 0)
				break;
			if (v > 0 && reap_push(p, (pid_t)v) < 0)
				break;
		}
	}
	closedir(d);
	return 0;
}

void
reap_signal_rest(struct tend *t, int sig)
{
	const struct opts *o = t->o;
	struct reap_pids p = { NULL, 0, 0 };
	char b[16];
	size_t i;

	tlog(o->verbosity, LOG_INFO, "sending SIG%s to the remaining processes",
	    sig_name(sig, b, sizeof(b)));
	if (t->pid1) {
		/* kill(2): -1 is every process of the namespace but PID 1 */
		if (kill(-1, sig) < 0 && errno != ESRCH)
			tlog(o->verbosity, LOG_ERR, "cannot signal processes: %s",
			    strerror(errno));
		return;
	}
	/*
	 * As subreaper: every descendant, found through /proc. Without /proc
	 * (not mounted), fall back to the child's process group.
	 */
	if (reap_children_of(&p, t->self) < 0) {
		if (t->child_pgid > 0)
			(void)kill(-t->child_pgid, sig);
		free(p.v);
		return;
	}
	for (i = 0; i < p.n; i++)
		(void)reap_children_of(&p, p.v[i]);
	for (i = 0; i < p.n; i++)
		(void)kill(p.v[i], sig);
	free(p.v);
}
