/*
 * tend: mode dispatch, setup, then the supervision loop.
 *
 * Two phases, said out loud (catatonit): during setup tend may fail, with
 * the exit status of DESIGN.md section 3 and one line on stderr; once the
 * child runs, tend is no longer allowed to bail: it warns and carries on.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tend/errstr.h"
#include "tend/exitcode.h"
#include "tend/fmt.h"
#include "tend/fs.h"
#include "tend/log.h"
#include "tend/opts.h"
#include "tend/signame.h"
#include "tend/startup.h"
#include "tend/state.h"
#include "tend/version.h"
#include "tend/sys.h"

extern char **environ;

static int
print_info(const struct opts *o)
{
	const char *s;
	/* dumb-init prints its help on stderr */
	int fd = o->persona == PERSONA_DUMB_INIT ? STDERR_FILENO :
	    STDOUT_FILENO;

	switch (o->mode) {
	case OPTS_VERSION:
		/* on stdout whatever the name: dockerd reads it there */
		fd = STDOUT_FILENO;
		s = version_text;
		break;
	case OPTS_LICENSE:
		s = opts_license();
		break;
	default:
		s = opts_usage();
		break;
	}
	(void)fs_write_all(fd, s, strlen(s));
	return 0;
}

void
tend_act(struct tend *t, enum sv_action a)
{
	if (a == SV_NONE)
		return;
	/* the grace period's or the next round's end; 0 (none) when DONE */
	t->sv_timer->at = t->sv.deadline;
	if (a != SV_EXIT) {
		reap_signal_rest(t, a == SV_TERM_ALL ? SIGTERM : SIGKILL);
		return;
	}
	if (t->sv.gave_up)
		tlog(t->o->verbosity, TLOG_ERR, "processes are left that "
		    "SIGKILL does not end or tend cannot find (no /proc?); "
		    "exiting anyway");
	t->status = t->sv.status;
	t->loop.stop = true;
}

void
tend_main_exited(struct tend *t, bool others_left)
{
	tend_act(t, sv_main_exited(&t->sv, t->sv.status, others_left,
	    loop_now()));
}

/*
 * Not PID 1: orphans would go to the real init. Become a child subreaper
 * (prctl(2), Linux 3.4); where a sandbox refuses, warn once and go on.
 */
static void
setup_subreaper(struct tend *t)
{
	int on = 0;

	if (t->pid1)
		return;
	if (sys_prctl(PR_GET_CHILD_SUBREAPER, (unsigned long)&on) == 0 && on)
		return;
	if (sys_prctl(PR_SET_CHILD_SUBREAPER, 1) < 0)
		tlog(t->o->verbosity, TLOG_ERR,
		    "cannot become a child subreaper: %s; not PID 1 either, "
		    "so zombie reaping won't work for orphans",
		    err_now());
}

/*
 * dumb-init's setsid mode with a terminal: the child takes stdin as its
 * controlling terminal, which tend must give up first. TIOCNOTTY from a
 * session leader sends SIGHUP and SIGCONT to the foreground group, here
 * tend itself (tty_ioctl(4)); they are pending now, blocked: drop them.
 */
static void
setup_tty_handoff(struct tend *t)
{
	struct timespec zero = { 0, 0 };
	uint64_t hupcont = 1ULL << (SIGHUP - 1) | 1ULL << (SIGCONT - 1);

	if (!t->o->setsid || !sys_isatty(STDIN_FILENO) ||
	    syscall(SYS_getsid, 0) != t->self)
		return;
	if (sys_ioctl(STDIN_FILENO, TIOCNOTTY, NULL) < 0) {
		tlog(t->o->verbosity, TLOG_INFO,
		    "cannot detach from the terminal: %s", err_now());
		return;
	}
	while (syscall(SYS_rt_sigtimedwait, &hupcont, NULL, &zero,
	    SIGNALS_SETSIZE) > 0)
		;
}

static void
setup_quiet_stderr(struct tend *t)
{
	struct stat st;
	int fd;

	if (sys_fstat(STDERR_FILENO, &st) < 0 || S_ISREG(st.st_mode) ||
	    (fd = fs_reopen_nonblock(STDERR_FILENO)) < 0)
		return;
	/* the child has its copy; hooks forked later get this one back */
	t->stderr_fd = sys_fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
	(void)dup2(fd, STDERR_FILENO);
	(void)close(fd);
}

/*
 * Signals that came during a step that does not watch them. The loop's
 * first entry is the signalfd's (setup adds it first, and it is never
 * paused): poll it there, with no pollfd of our own on the stack.
 */
static bool
start_signals(struct tend *t)
{
	while (!t->aborted && poll(t->loop.pfd, 1, 0) == 1)
		signals_on_read(&t->loop, t, t->sigfd, POLLIN);
	return t->aborted;
}

/*
 * The startup steps, in the order: environment, user, render,
 * pre hooks, wait; each honours signals (a terminating one sets
 * t->aborted). 0, or the status to end with (-1: t->status).
 */
static int
start(struct tend *t)
{
	char err[256];
	size_t i, n;
	int rc;

	if (env_load(&t->env, t->o, err, sizeof(err)) < 0 ||
	    privdrop_resolve(t, err, sizeof(err)) < 0 ||
	    crond_setup(t, err, sizeof(err)) < 0)
		goto fail;
	/*
	 * The steps' TEND_* variables are done with: a tend further down an
	 * exec chain (or the image's own ENTRYPOINT under --init) must not
	 * take them again.
	 */
	for (i = 0; i < t->env.n; )
		if ((n = opts_step_env_len(t->env.v[i])) != 0)
			env_unset(&t->env, t->env.v[i], n);
		else
			i++;
	/* from here on, what runs sees the child's environment */
	environ = t->env.v;
	if (start_signals(t))
		return -1;
	if (render_run(t) < 0)
		return EXIT_USAGE;
	if (start_signals(t))
		return -1;
	if ((rc = hooks_pre(t)) != 0 || (rc = wait_run(t)) != 0)
		return rc;
	/* again: a pre hook may have made the user or changed its ids */
	if (privdrop_resolve(t, err, sizeof(err)) < 0)
		goto fail;
	if (t->has_cred && env_set(&t->env, "HOME", 4, t->cred.home,
	    strlen(t->cred.home)) < 0)
		return EXIT_USAGE;
	environ = t->env.v;
	return start_signals(t) ? -1 : 0;
fail:
	tlog(1, TLOG_ERR, "%s", err);
	return EXIT_USAGE;
}

/*
 * The start failed, or a signal ended it: what was started (hooks and
 * what they left) gets SIGTERM, the grace period, SIGKILL, as after a
 * child; then tend exits with status.
 */
static int
end_start(struct tend *t, int status)
{
	t->starting = false;
	t->loop.stop = false;
	t->sv.status = status;
	tend_main_exited(t, true);
	reap_all(t);
	(void)loop_run(&t->loop);
	relay_drain(&t->relay);
	return status;
}

/* tend wait/render: COMMAND replaces tend, as the caller asked. */
static int
exec_command(struct tend *t)
{
	int err;

	if (t->o->argv[0] == NULL)
		return 0;
	if (spawn_exec(t) < 0) {
		tlog(1, TLOG_ERR, "cannot switch to --user %s: %s",
		    t->o->user, err_now());
		return EXIT_USAGE;
	}
	err = errno;
	tlog(1, TLOG_ERR, "cannot run '%s': %s", t->o->argv[0],
	    err_str(err));
	return exit_from_exec_errno(err);
}

static int
setup(struct tend *t, char *err, size_t errlen)
{
	const struct opts *o = t->o;
	char b[16];

	if (signals_setup(t) < 0) {
		fmt_s(err, errlen, "cannot set up signals: %s",
		    err_now());
		return -1;
	}
	/*
	 * The loop is zeroed (static storage) and empty: these cannot fail.
	 * The signalfd is its first entry (start_signals relies on it).
	 */
	(void)loop_add_fd(&t->loop, t->sigfd, POLLIN, signals_on_read, t);
	t->sv_timer = loop_add_timer(&t->loop, reap_on_timer, t);
	t->loop.block_fd = t->sigfd;
	setup_subreaper(t);
	if (o->pdeath_sig != 0 &&
	    sys_prctl(PR_SET_PDEATHSIG, (unsigned long)o->pdeath_sig) < 0) {
		fmt_s(err, errlen, "cannot set parent-death signal SIG%s: %s",
		    sig_name(o->pdeath_sig, b, sizeof(b)), err_now());
		return -1;
	}
	setup_tty_handoff(t);
	/* FIFOs and the syslog socket exist before the child starts */
	if (relay_setup(&t->relay, o, &t->loop, err, errlen) < 0)
		return -1;
	return 0;
}

int
main(int argc, char **argv)
{
	/*
	 * static: zero, and their pages cost memory only once used; the
	 * code reaches them by absolute addresses, shorter than main's
	 * frame's 32-bit offsets.
	 */
	static struct opts o;
	static struct tend t;
	char err[256];
	int rc, fd;

	/*
	 * A closed 0, 1 or 2 would be taken by the first fd tend opens (the
	 * signalfd) and written to as stdout: give them /dev/null first (the
	 * lowest free fd, as those below are open).
	 */
	for (fd = 0; fd < 3; fd++)
		if (sys_fcntl(fd, F_GETFD, 0) < 0)
			(void)sys_open("/dev/null", O_RDWR);
	if (opts_parse(&o, argc, argv, environ, err, sizeof(err)) < 0) {
		tlog(1, TLOG_ERR, "%s", err);
		return o.usage_status;
	}
	if (o.mode == OPTS_VERSION || o.mode == OPTS_HELP ||
	    o.mode == OPTS_LICENSE)
		return print_info(&o);

	if (o.mode == OPTS_HEALTH)
		return health_run(&o);

	t.o = &o;
	t.self = getpid();
	t.pid1 = t.self == 1;
	t.stderr_fd = t.cwd_fd = -1;
	sv_init(&t.sv, o.grace_ms);
	if (env_init(&t.env, environ) < 0)
		fmt_s(err, sizeof(err), "cannot copy the environment: %s",
		    err_str(ENOMEM));
	if (t.env.v == NULL || setup(&t, err, sizeof(err)) < 0) {
		tlog(1, TLOG_ERR, "%s", err);
		return EXIT_USAGE;
	}
	t.starting = true;
	if ((rc = start(&t)) != 0 || t.aborted)
		return end_start(&t, t.aborted ? t.status : rc);
	hooks_post_list(&t);
	t.starting = false;
	t.loop.stop = false;
	if (o.mode == OPTS_WAIT || o.mode == OPTS_RENDER)
		return exec_command(&t);
	if (o.mode == OPTS_RUN && spawn_child(&t) < 0) {
		tlog(1, TLOG_ERR, "cannot fork: %s", err_now());
		return EXIT_USAGE;
	}
	crond_start(&t);
	/*
	 * tend's own messages must not block the loop on a full pipe or a
	 * paused log driver: from now on they go through a non-blocking
	 * description of stderr of tend's own (the child keeps the shared
	 * blocking one) and are dropped rather than waited for.
	 */
	setup_quiet_stderr(&t);
	/*
	 * Never hold a mount busy; the child kept the working directory. Post
	 * hooks will need it: then it is kept as an O_PATH fd.
	 */
	if (o.list[OPTS_L_POST].n > 0 || t.crond != NULL)
		t.cwd_fd = sys_open(".", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (syscall(SYS_chdir, "/") < 0)
		tlog(o.verbosity, TLOG_INFO, "cannot chdir to /: %s",
		    err_now());

	/* supervision: from here on, tend warns and carries on */
	if (loop_run(&t.loop) < 0)
		tlog(o.verbosity, TLOG_ERR, "event loop failed: %s",
		    err_now());
	/* every process is gone: what the sources hold goes out, whole */
	relay_drain(&t.relay);
	return t.status;
}
