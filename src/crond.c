/*
 * --cron 'SPEC COMMAND' and --crontab FILE: periodic jobs under PID 1.
 * Schedules and the DST rules are cron.c's; this file reads the clock,
 * forks the jobs and reaps them. A tick at each wall-clock minute (a
 * monotonic timer aimed at the next minute, so a clock step is seen at the
 * next tick) checks every local minute since the last tick; @every jobs
 * run on the monotonic clock. No overlap: a job still running when due is
 * skipped, and that is said once. Jobs run as --user, with tend's (the
 * child's) environment plus the crontab's NAME=value lines above them;
 * their output goes to tend's stdout and stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tend/cron.h"
#include "tend/errstr.h"
#include "tend/exitcode.h"
#include "tend/fmt.h"
#include "tend/log.h"
#include "tend/startup.h"
#include "tend/state.h"
#include "tend/sys.h"
#include "tend/tz.h"

#define CROND_MAX_JOBS	64
#define CROND_ARGS	32	/* words of a command run without a shell */

struct crond_job {
	/* the scalars first: a byte's displacement */
	struct cron_spec spec;
	const char	*cmd;		/* as written: for messages */
	char		**envp;		/* NULL: tend's (the child's) */
	size_t		 vs, ve;	/* its crontab's variables */
	pid_t		 pid;
	bool		 noted;		/* "still running" said */
	bool		 unrelayed;	/* "no relay slot" said */
	int64_t		 wm;		/* local-minute watermark */
	int64_t		 next;		/* @every: monotonic ms */
	/*
	 * "cron NAME", NAME the command's basename (31 bytes at most): the
	 * JSON source, and what each message about the job starts with
	 */
	char		 source[40];
	char		 prefix[48];	/* "[cron NAME] " on each output line */
	char		*argv[CROND_ARGS + 1];
};

struct crond {
	/* the scalars and the scratch first: a byte's displacement */
	size_t		 n;
	size_t		 nvar;
	struct loop_timer *timer;
	/* scratch, here rather than on the stack (no stack canary) */
	int		 p[4];		/* crond_run's pipes: out, err */
	struct timespec	 ts;
	struct stat	 st;
	char		 why[128];	/* crond_add's */
	struct tz	 tz;
	const char	*var[CROND_MAX_JOBS];	/* crontab NAME=value lines */
	struct crond_job job[CROND_MAX_JOBS];
};

static bool
crond_word(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9') || (ch != '\0' && strchr("_.,:@+=-", ch));
}

/*
 * Shell syntax: anything but words of [A-Za-z0-9_/.,:@+=-] and blanks,
 * and a first word with '=' (NAME=value cmd: an assignment).
 */
static bool
crond_plain(const char *s)
{
	const char *w;

	for (w = s; *w && *w != ' ' && *w != '\t'; w++)
		if (*w == '=')
			return false;
	for (; *s; s++)
		if (!crond_word(*s) && *s != '/' && *s != ' ' && *s != '\t')
			return false;
	return true;
}

static int
crond_add(struct tend *t, struct crond *c, const char *line, size_t vs,
    const char *where, char *err, size_t errlen)
{
	struct crond_job *j;
	const char *cmd, *w, *base;
	char *why = c->why, *s;
	size_t n, k = 0;

	if (c->n == CROND_MAX_JOBS) {
		fmt_s(err, errlen, "%s: more than %d cron jobs", where,
		    CROND_MAX_JOBS);
		return -1;
	}
	j = &c->job[c->n];
	if (cron_parse(line, &j->spec, &j->cmd, why, sizeof(c->why)) < 0) {
		fmt_s(err, errlen, "%s '%s': %s", where, line, why);
		return -1;
	}
	cmd = j->cmd;
	j->vs = vs;
	j->ve = c->nvar;
	j->wm = -1;
	/* the name: the first word's letters, up to a blank or ; | & ... */
	for (w = cmd, n = 0; crond_word(w[n]) || w[n] == '/'; n++)
		;
	for (base = w + n; base > w && base[-1] != '/'; base--)
		;
	n = (size_t)(w + n - base);
	fmt_s(j->source, sizeof(j->source), "cron %.*s", n > 31 ? 31 : (int)n,
	    base);
	fmt_s(j->prefix, sizeof(j->prefix), "[%s] ", j->source);
	if (sys_stat("/bin/sh", &c->st) == 0) {
		/* argv[3] on is NULL: crond_setup zeroed the jobs */
		j->argv[0] = "/bin/sh";
		j->argv[1] = "-c";
		j->argv[2] = (char *)cmd;
		c->n++;
		return 0;
	}
	if (crond_plain(cmd)) {
		/* no shell needed: the words are the argv */
		if ((s = env_alloc(&t->env, strlen(cmd) + 1)) == NULL)
			goto nomem;
		memcpy(s, cmd, strlen(cmd) + 1);
		while (*s && k < CROND_ARGS) {
			for (; *s == ' ' || *s == '\t'; *s++ = '\0')
				;
			if (*s)
				j->argv[k++] = s;
			for (; *s && *s != ' ' && *s != '\t'; s++)
				;
		}
		if (*s == '\0' && k > 0) {
			c->n++;
			return 0;
		}
	}
	fmt_s(err, errlen, "%s '%s': no /bin/sh to run the command "
	    "(a command without shell syntax runs without one)", where,
	    line);
	return -1;
nomem:
	fmt_s(err, errlen, "%s: %s", where, err_str(ENOMEM));
	return -1;
}

/* A crontab: comments, blank lines, NAME=value for the lines below. */
static int
crond_tab(struct tend *t, struct crond *c, const char *path, char *err,
    size_t errlen)
{
	char *buf, *p, *s, *q, *v, *e, where[256];
	unsigned line = 0;
	size_t len, n, vs = c->nvar;

	if (env_read(path, ENV_FILE_MAX, &buf, &len) < 0) {
		fmt_s(err, errlen, "cannot read --crontab %s: %s", path,
		    errno == EFBIG ? "larger than 1 MiB" : err_now());
		return -1;
	}
	for (p = buf; (s = env_line(&p, buf + len, &n)) != NULL; ) {
		line++;
		/* CRLF files; the lines are NUL-terminated in place */
		if (n > 0 && s[n - 1] == '\r')
			s[--n] = '\0';
		for (; *s == ' ' || *s == '\t'; s++)
			;
		if (*s == '\0' || *s == '#')
			continue;
		fmt_s(where, sizeof(where), "%s:%d", path, (int)line);
		for (q = s; (*q >= 'A' && *q <= 'Z') || (*q >= 'a' &&
		    *q <= 'z') || *q == '_' || (q > s && *q >= '0' &&
		    *q <= '9'); q++)
			;
		for (v = q; *v == ' ' || *v == '\t'; v++)
			;
		if (q > s && *v == '=') {
			if (c->nvar == CROND_MAX_JOBS) {
				fmt_s(err, errlen, "%s: more than %d variables",
				    where, CROND_MAX_JOBS);
				return -1;
			}
			/*
			 * crontab(5): blanks around '=' are optional, and a
			 * value in matching quotes keeps its blanks; made
			 * NAME=value in place.
			 */
			for (v++; *v == ' ' || *v == '\t'; v++)
				;
			for (e = v + strlen(v); e > v && (e[-1] == ' ' ||
			    e[-1] == '\t'); e--)
				;
			if (e - v >= 2 && (*v == '"' || *v == '\'') &&
			    e[-1] == *v)
				v++, e--;
			*q = '=';
			memmove(q + 1, v, (size_t)(e - v));
			q[1 + (e - v)] = '\0';
			c->var[c->nvar++] = s;
			continue;
		}
		if (crond_add(t, c, s, vs, where, err, errlen) < 0)
			return -1;
	}
	return 0;
}

int
crond_setup(struct tend *t, char *err, size_t errlen)
{
	const struct opts *o = t->o;
	struct crond *c;
	size_t i;

	if (o->list[OPTS_L_CRON].n == 0 && o->list[OPTS_L_CRONTAB].n == 0)
		return 0;
	if ((c = env_alloc(&t->env, sizeof(*c))) == NULL) {
		fmt_s(err, errlen, "cannot set up cron: %s", err_str(ENOMEM));
		return -1;
	}
	memset(c, 0, sizeof(*c));
	for (i = 0; i < o->list[OPTS_L_CRON].n; i++)
		if (crond_add(t, c, o->list[OPTS_L_CRON].v[i], 0, "--cron",
		    err, errlen) < 0)
			return -1;
	for (i = 0; i < o->list[OPTS_L_CRONTAB].n; i++)
		if (crond_tab(t, c, o->list[OPTS_L_CRONTAB].v[i], err,
		    errlen) < 0)
			return -1;
	t->crond = c;
	return 0;
}

/*
 * The job's stdout and stderr become pipes the relay reads, so that each
 * line gets the job's prefix; without the relay (no slot free), the job
 * writes to tend's own stdout and stderr.
 */
static void
crond_pipes(struct tend *t, struct crond_job *j, int p[4])
{
	int i;

	p[0] = p[1] = p[2] = p[3] = -1;
	if (relay_pipe_room(&t->relay) < 2) {
		/* a job left running holds its pipes: write to tend's own */
		if (!j->unrelayed)
			tlog(t->o->verbosity, TLOG_ERR, "%s: every relay "
			    "pipe is taken: output without its prefix",
			    j->source);
		j->unrelayed = true;
		return;
	}
	if (sys_pipe2(p, O_CLOEXEC) < 0 || sys_pipe2(p + 2, O_CLOEXEC) < 0)
		goto none;
	/* the read ends only: the job's writes block as usual */
	if (sys_fcntl(p[0], F_SETFL, O_NONBLOCK) < 0 ||
	    sys_fcntl(p[2], F_SETFL, O_NONBLOCK) < 0)
		goto none;
	/* in the relay before the fork: a job never writes to no reader */
	if (relay_pipe(&t->relay, p[0], 1, j->prefix, j->source) < 0)
		goto none;
	if (relay_pipe(&t->relay, p[2], 2, j->prefix, j->source) < 0) {
		relay_pipe_cancel(&t->relay, p[0]);
		goto none;
	}
	return;
none:
	for (i = 0; i < 4; i++) {
		if (p[i] >= 0)
			close(p[i]);
		p[i] = -1;
	}
}

static void
crond_run(struct tend *t, struct crond_job *j)
{
	int *p = t->crond->p;
	pid_t pid;
	int err, i;

	if (j->pid != 0) {
		if (!j->noted)
			tlog(t->o->verbosity, TLOG_ERR, "%s: still running "
			    "(pid %d): skipped", j->source, (int)j->pid);
		j->noted = true;
		return;
	}
	crond_pipes(t, j, p);
	if ((pid = sys_fork()) < 0) {
		tlog(t->o->verbosity, TLOG_ERR, "%s: cannot fork: %s",
		    j->source, err_now());
		/* the read ends see EOF: the relay closes them */
		for (i = 1; i < 4; i += 2)
			if (p[i] >= 0)
				close(p[i]);
		return;
	}
	if (pid > 0) {
		/* the relay sees EOF once the job and what it left are gone */
		if (p[0] >= 0) {
			close(p[1]);
			close(p[3]);
		}
		j->pid = pid;
		tlog(t->o->verbosity, TLOG_INFO, "%s: started as pid %d",
		    j->source, (int)pid);
		return;
	}
	spawn_restore(t);
	/*
	 * As cron: no stdin (the app's input is not the job's), a process
	 * group of its own (signalled as one at shutdown), and the working
	 * directory tend was started in.
	 */
	(void)setpgid(0, 0);
	if ((err = sys_open("/dev/null", O_RDONLY)) >= 0) {
		(void)dup2(err, STDIN_FILENO);
		(void)close(err);
	}
	if (t->cwd_fd >= 0)
		(void)sys_fchdir(t->cwd_fd);
	if (p[0] >= 0 && (dup2(p[1], STDOUT_FILENO) < 0 ||
	    dup2(p[3], STDERR_FILENO) < 0))
		_exit(EXIT_USAGE);
	if (privdrop_apply(t) < 0) {
		tlog(1, TLOG_ERR, "%s: cannot switch to --user: %s",
		    j->source, err_now());
		_exit(EXIT_USAGE);
	}
	if (j->envp)
		environ = j->envp;
	spawn_execvp(j->argv[0], j->argv);
	err = errno;
	tlog(1, TLOG_ERR, "%s: cannot run '%s': %s", j->source, j->argv[0],
	    err_str(err));
	_exit(exit_from_exec_errno(err));
}

/*
 * The zone, once, as musl's localtime_r finds it (src/time/__tz.c): TZ
 * (in the child's environment, which is tend's from the start on) or,
 * unset, /etc/localtime; TZ set but empty is UTC. A POSIX TZ string
 * ("EST5EDT,M3.2.0,M11.1.0", "<+0545>-5:45") is taken as one; anything
 * else, less a leading ':', names a TZif file: a path if it begins with
 * '/' or '.', else a name without '.' in musl's three zoneinfo
 * directories, the first found. What cannot be read or parsed is UTC.
 */
static void
crond_tz(struct tend *t, struct tz *tz)
{
	static const char dirs[] = "/usr/share/zoneinfo/\0/share/zoneinfo/\0"
	    "/etc/zoneinfo/\0";
	const char *s = env_get(&t->env, "TZ", 2), *d = dirs;
	char path[sizeof(dirs) + 256], *buf;
	size_t len;

	if (s == NULL)
		s = "/etc/localtime";
	/* *tz is zeroed (UTC) by crond_setup */
	if (*s == '\0' || tz_parse_rule(tz, s) == 0)
		return;
	memset(tz, 0, sizeof(*tz));
	s += *s == ':';
	if (*s == '/' || *s == '.')
		d = "\0";	/* one empty prefix: the path alone */
	else if (strchr(s, '.') != NULL || strlen(s) > 255)
		return;
	do {
		fmt_s(path, sizeof(path), "%s%s", d, s);
		if (env_read(*d != '\0' ? path : s, ENV_FILE_MAX, &buf,
		    &len) == 0) {
			/* as musl: the first file found, good or bad */
			if (tz_parse_file(tz, (unsigned char *)buf, len) < 0)
				memset(tz, 0, sizeof(*tz));
			return;
		}
		d += strlen(d) + 1;
	} while (*d != '\0');
}

/* The local minute now, and the monotonic ms of the next minute's start. */
static int64_t
crond_local(struct crond *c, int64_t *next)
{
	struct timespec *ts = &c->ts;
	int64_t s;

	sys_clock_gettime(CLOCK_REALTIME, ts);
	s = ts->tv_sec;
	*next = loop_now() + (60 - s % 60) * 1000 - ts->tv_nsec / 1000000;
	return (s + tz_offset(&c->tz, s)) / 60;
}

static void
crond_tick(struct loop *l, void *ctx)
{
	struct tend *t = ctx;
	struct crond *c = t->crond;
	int64_t now = loop_now(), lm, next;
	size_t i;

	(void)l;
	/* the child has gone: the shutdown has begun, no new jobs */
	if (t->child == 0 || t->sv.phase != SV_RUNNING) {
		c->timer->at = 0;
		return;
	}
	lm = crond_local(c, &next);
	for (i = 0; i < c->n; i++) {
		struct crond_job *j = &c->job[i];

		if (j->spec.every_ms > 0) {
			if (j->next <= now) {
				crond_run(t, j);
				j->next += j->spec.every_ms;
				if (j->next <= now)	/* fell behind: no burst */
					j->next = now + j->spec.every_ms;
			}
			if (j->next < next)
				next = j->next;
		} else if (cron_due(&j->spec, &j->wm, lm))
			crond_run(t, j);
	}
	c->timer->at = next;
}

void
crond_start(struct tend *t)
{
	struct crond *c = t->crond;
	size_t i;
	int64_t now = loop_now();

	if (c == NULL)
		return;
	crond_tz(t, &c->tz);
	if ((c->timer = loop_add_timer(&t->loop, crond_tick, t)) == NULL) {
		tlog(1, TLOG_ERR, "cannot schedule cron jobs: no timer left");
		return;
	}
	for (i = 0; i < c->n; i++) {
		struct crond_job *j = &c->job[i];
		struct env e;
		size_t k;

		j->next = now + j->spec.every_ms;
		if (j->ve == j->vs)
			continue;
		/* the environment is final now: add the crontab's lines */
		if (env_init(&e, t->env.v) < 0) {
			tlog(1, TLOG_ERR, "%s: %s", j->source,
			    err_str(ENOMEM));
			continue;
		}
		for (k = j->vs; k < j->ve; k++) {
			const char *eq = strchr(c->var[k], '=');

			(void)env_set(&e, c->var[k], (size_t)(eq - c->var[k]),
			    eq + 1, strlen(eq + 1));
		}
		j->envp = e.v;
	}
	/* the first tick only sets the watermarks: nothing runs at start */
	crond_tick(&t->loop, t);
}

void
crond_signal(struct tend *t, int sig)
{
	struct crond *c = t->crond;
	size_t i;

	for (i = 0; c != NULL && i < c->n; i++)
		if (c->job[i].pid > 0)
			(void)kill(-c->job[i].pid, sig);
}

bool
crond_reaped(struct tend *t, pid_t pid, int st)
{
	struct crond *c = t->crond;
	size_t i;
	int s;

	for (i = 0; c != NULL && i < c->n; i++) {
		if (c->job[i].pid != pid)
			continue;
		c->job[i].pid = 0;
		c->job[i].noted = false;
		if ((s = exit_from_wait(st)) != 0)
			tlog(t->o->verbosity, TLOG_ERR, "%s: exited with "
			    "status %d", c->job[i].source, s);
		return true;
	}
	return false;
}
