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
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tend/errstr.h"
#include "tend/fmt.h"
#include "tend/fs.h"
#include "tend/log.h"
#include "tend/opts.h"
#include "tend/signame.h"
#include "tend/state.h"
#include "tend/version.h"

extern char **environ;

static void
write_all(int fd, const char *s, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static int
print_info(const struct opts *o)
{
	char line[128];
	const char *s;
	/* dumb-init prints its help on stderr */
	int fd = o->persona == PERSONA_DUMB_INIT ? STDERR_FILENO :
	    STDOUT_FILENO;

	switch (o->mode) {
	case OPTS_VERSION:
		/* on stdout whatever the name: dockerd reads it there */
		write_all(STDOUT_FILENO, line, version_line(line,
		    sizeof(line)));
		return 0;
	case OPTS_LICENSE:
		s = opts_license();
		break;
	default:
		s = opts_usage();
		break;
	}
	write_all(fd, s, strlen(s));
	return 0;
}

void
tend_act(struct tend *t, enum sv_action a)
{
	switch (a) {
	case SV_NONE:
		break;
	case SV_TERM_ALL:
		reap_signal_rest(t, SIGTERM);
		t->sv_timer->at = t->sv.deadline;
		break;
	case SV_KILL_ALL:
		reap_signal_rest(t, SIGKILL);
		t->sv_timer->at = t->sv.deadline;
		break;
	case SV_EXIT:
		if (t->sv.gave_up)
			tlog(t->o->verbosity, TLOG_ERR, "processes are left "
			    "that SIGKILL does not end or tend cannot find "
			    "(no /proc?); exiting anyway");
		t->sv_timer->at = 0;
		t->status = t->sv.status;
		t->loop.stop = true;
		break;
	}
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
	if (prctl(PR_GET_CHILD_SUBREAPER, &on) == 0 && on)
		return;
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0)
		tlog(t->o->verbosity, TLOG_ERR,
		    "cannot become a child subreaper: %s; not PID 1 either, "
		    "so zombie reaping won't work for orphans",
		    err_str(errno));
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
	sigset_t hupcont;

	if (!t->o->setsid || !isatty(STDIN_FILENO) ||
	    getsid(0) != t->self)
		return;
	if (ioctl(STDIN_FILENO, TIOCNOTTY) < 0) {
		tlog(t->o->verbosity, TLOG_INFO,
		    "cannot detach from the terminal: %s", err_str(errno));
		return;
	}
	sigemptyset(&hupcont);
	sigaddset(&hupcont, SIGHUP);
	sigaddset(&hupcont, SIGCONT);
	while (syscall(SYS_rt_sigtimedwait, &hupcont, NULL, &zero,
	    SIGNALS_SETSIZE) > 0)
		;
}

static void
setup_quiet_stderr(void)
{
	struct stat st;
	int fd;

	if (fstat(STDERR_FILENO, &st) < 0 || S_ISREG(st.st_mode) ||
	    (fd = fs_reopen_nonblock(STDERR_FILENO)) < 0)
		return;
	/* the child has its copy; children forked later must get theirs back */
	(void)dup2(fd, STDERR_FILENO);
	(void)close(fd);
}

static int
setup(struct tend *t, char *err, size_t errlen)
{
	const struct opts *o = t->o;
	char b[16];

	if (signals_setup(t) < 0) {
		fmt_s(err, errlen, "cannot set up signals: %s",
		    err_str(errno));
		return -1;
	}
	loop_init(&t->loop);
	if (loop_add_fd(&t->loop, t->sigfd, POLLIN, signals_on_read, t) < 0 ||
	    (t->sv_timer = loop_add_timer(&t->loop, reap_on_timer, t)) ==
	    NULL) {
		fmt_s(err, errlen, "cannot set up the event loop");
		return -1;
	}
	t->loop.block_fd = t->sigfd;
	setup_subreaper(t);
	if (o->pdeath_sig != 0 && prctl(PR_SET_PDEATHSIG, o->pdeath_sig) < 0) {
		fmt_s(err, errlen, "cannot set parent-death signal SIG%s: %s",
		    sig_name(o->pdeath_sig, b, sizeof(b)), err_str(errno));
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
	struct opts o;
	struct tend t;
	char err[256];

	/*
	 * A closed 0, 1 or 2 would be taken by the first fd tend opens (the
	 * signalfd) and written to as stdout: give them /dev/null first.
	 */
	while ((fcntl(0, F_GETFD) < 0 || fcntl(1, F_GETFD) < 0 ||
	    fcntl(2, F_GETFD) < 0) && open("/dev/null", O_RDWR) >= 0)
		;
	if (opts_parse(&o, argc, argv, environ, err, sizeof(err)) < 0) {
		tlog(1, TLOG_ERR, "%s", err);
		return o.usage_status;
	}
	if (o.mode == OPTS_VERSION || o.mode == OPTS_HELP ||
	    o.mode == OPTS_LICENSE)
		return print_info(&o);

	memset(&t, 0, sizeof(t));
	t.o = &o;
	t.self = getpid();
	t.pid1 = t.self == 1;
	sv_init(&t.sv, o.grace_ms);
	if (setup(&t, err, sizeof(err)) < 0) {
		tlog(1, TLOG_ERR, "%s", err);
		return EXIT_USAGE;
	}
	if (o.mode == OPTS_RUN && spawn_child(&t) < 0) {
		tlog(1, TLOG_ERR, "cannot fork: %s", err_str(errno));
		return EXIT_USAGE;
	}
	/*
	 * tend's own messages must not block the loop on a full pipe or a
	 * paused log driver: from now on they go through a non-blocking
	 * description of stderr of tend's own (the child keeps the shared
	 * blocking one) and are dropped rather than waited for.
	 */
	setup_quiet_stderr();
	/* never hold a mount busy; the child kept the working directory */
	if (chdir("/") < 0)
		tlog(o.verbosity, TLOG_INFO, "cannot chdir to /: %s",
		    err_str(errno));

	/* supervision: from here on, tend warns and carries on */
	if (loop_run(&t.loop) < 0)
		tlog(o.verbosity, TLOG_ERR, "event loop failed: %s",
		    err_str(errno));
	/* every process is gone: what the sources hold goes out, whole */
	relay_drain(&t.relay);
	return t.status;
}
