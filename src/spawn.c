/*
 * fork + exec of the child. Between the two the child runs with every
 * signal still blocked (inherited from tend), sets up its process group or
 * session and the terminal, puts back the disposition of SIGCHLD and the
 * signal mask tend was started with, and execs. It makes only
 * async-signal-safe calls and leaves with _exit. What went wrong there is
 * reported to the parent as {what, errno} records on a close-on-exec pipe;
 * EOF on that pipe means exec succeeded.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tend/errstr.h"
#include "tend/exitcode.h"
#include "tend/log.h"
#include "tend/startup.h"
#include "tend/state.h"
#include "tend/sys.h"

enum spawn_what {
	SPAWN_EXEC,		/* execvp failed: fatal */
	SPAWN_PGRP,		/* setpgid/setsid failed */
	SPAWN_TTY,		/* tcsetpgrp/TIOCSCTTY failed */
	SPAWN_USER,		/* --user, --no-new-privs failed: fatal */
};

struct spawn_report {
	int	what;
	int	err;
};

/*
 * In the child: what went wrong, and errno, to the parent. r is the
 * parent's read buffer, the child's own copy since fork: no local whose
 * address is taken, no stack canary. Returns the errno reported.
 */
static int
spawn_report(int fd, struct spawn_report *r, int what)
{
	r->what = what;
	r->err = errno;
	(void)!write(fd, r, sizeof(*r));
	return r->err;
}

void
spawn_restore(const struct tend *t)
{
	static const struct sys_sigaction sa = { SIG_IGN, 0, NULL, 0 };

	if (t->stderr_fd >= 0)
		(void)dup2(t->stderr_fd, STDERR_FILENO);
	if (t->chld_was_ignored)
		(void)sys_sigaction(SIGCHLD, &sa, NULL);
	(void)syscall(SYS_rt_sigprocmask, SIG_SETMASK, &t->orig_mask, NULL,
	    SIGNALS_SETSIZE);
}

int
spawn_execvp(const char *file, char *const argv[])
{
	char b[PATH_MAX + NAME_MAX + 1];
	const char *path = "/usr/local/bin:/bin:/usr/bin", *p, *z;
	size_t k = strnlen(file, NAME_MAX + 1), n;
	char **e;
	bool eacces = false;

	errno = ENOENT;
	if (k == 0)
		return -1;
	/* a '/': FILE as it is, which is what an empty element runs */
	if (strchr(file, '/') != NULL)
		path = "";
	else if (k > NAME_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	} else
		for (e = environ; e != NULL && *e != NULL; e++)
			if (strncmp(*e, "PATH=", 5) == 0) {
				path = *e + 5;
				break;
			}
	for (p = path;; p = z + 1) {
		for (z = p; *z != '\0' && *z != ':'; z++)
			;
		/* musl skips an element that long: so does this */
		if ((n = (size_t)(z - p)) < PATH_MAX) {
			memcpy(b, p, n);
			b[n] = '/';
			memcpy(b + n + 1, file, k + 1);
			execve(n > 0 ? b : file, argv, environ);
			if (errno == EACCES)
				eacces = true;
			else if (errno != ENOENT && errno != ENOTDIR)
				return -1;
		}
		if (*z == '\0')
			break;
	}
	if (eacces)
		errno = EACCES;
	return -1;
}

int
spawn_exec(const struct tend *t)
{
	if (privdrop_apply(t) < 0)
		return -1;
	spawn_restore(t);
	spawn_execvp(t->o->argv[0], t->o->argv);
	return 0;
}

pid_t
spawn_hook(struct tend *t, const char *path)
{
	pid_t pid = sys_fork();
	int err;

	if (pid != 0) {
		if (pid > 0)
			t->hook = pid;
		return pid;
	}
	spawn_restore(t);
	if (t->cwd_fd >= 0)
		(void)sys_fchdir(t->cwd_fd);
	t->hook_argv[0] = (char *)path;
	execve(path, t->hook_argv, t->env.v);
	err = errno;
	tlog(1, TLOG_ERR, "cannot run hook %s: %s", path, err_str(err));
	_exit(exit_from_exec_errno(err));
}

static void
spawn_in_child(struct tend *t, int rfd, struct spawn_report *r)
{
	const struct opts *o = t->o;

	if (o->setsid) {
		if (syscall(SYS_setsid) < 0)
			spawn_report(rfd, r, SPAWN_PGRP);
		/* dumb-init: take stdin as controlling terminal, if it is one */
		else if (sys_isatty(STDIN_FILENO) &&
		    sys_ioctl(STDIN_FILENO, TIOCSCTTY, NULL) < 0)
			spawn_report(rfd, r, SPAWN_TTY);
	} else {
		if (setpgid(0, 0) < 0)
			spawn_report(rfd, r, SPAWN_PGRP);
		/*
		 * Give the child the terminal's foreground, so Ctrl-C and
		 * Ctrl-Z reach it, if tend had it: `tend cmd &` in a shell
		 * must not take it from the shell (SIGTTOU is blocked here, so
		 * the kernel would allow it). Not a terminal, or not ours:
		 * ENOTTY/ENXIO, fine.
		 */
		else if (t->tty_fg &&
		    sys_tcsetpgrp(STDIN_FILENO, getpid()) < 0 &&
		    errno != ENOTTY && errno != ENXIO)
			spawn_report(rfd, r, SPAWN_TTY);
	}
	if (spawn_exec(t) < 0) {
		spawn_report(rfd, r, SPAWN_USER);
		_exit(EXIT_USAGE);
	}
	_exit(exit_from_exec_errno(spawn_report(rfd, r, SPAWN_EXEC)));
}

int
spawn_child(struct tend *t)
{
	const struct opts *o = t->o;
	struct spawn_report r;
	int p[2];
	pid_t pid;

	if (sys_pipe2(p, O_CLOEXEC) < 0)
		return -1;
	t->tty_fg = sys_tcgetpgrp(STDIN_FILENO) == getpgrp();
	t->job = t->tty_fg && !t->pid1 && !o->setsid;
	pid = sys_fork();
	if (pid == 0) {
		close(p[0]);
		spawn_in_child(t, p[1], &r);
	}
	close(p[1]);
	/* fork failed: p[0] reads EOF at once, and close keeps errno */
	if (pid > 0) {
		t->child = pid;
		t->child_pgid = pid;
		tlog(o->verbosity, TLOG_INFO, "spawned '%s' as pid %d",
		    o->argv[0], (int)pid);
	}
	/* every signal is blocked and none has a handler: no EINTR */
	while (read(p[0], &r, sizeof(r)) == (ssize_t)sizeof(r)) {
		switch (r.what) {
		case SPAWN_EXEC:
			tlog(o->verbosity, TLOG_ERR, "cannot run '%s': %s",
			    o->argv[0], err_str(r.err));
			break;
		case SPAWN_USER:
			tlog(o->verbosity, TLOG_ERR, "cannot switch to uid %d "
			    "gid %d (--user, --no-new-privs): %s",
			    (int)t->cred.uid, (int)t->cred.gid,
			    err_str(r.err));
			break;
		case SPAWN_PGRP:
			tlog(o->verbosity, TLOG_INFO,
			    "cannot give the child its own %s: %s",
			    o->setsid ? "session" : "process group",
			    err_str(r.err));
			break;
		default:
			tlog(o->verbosity, TLOG_INFO,
			    "cannot hand the terminal to the child: %s",
			    err_str(r.err));
			break;
		}
	}
	close(p[0]);
	return pid < 0 ? -1 : 0;
}
