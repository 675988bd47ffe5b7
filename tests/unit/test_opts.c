/*
 * opts: argv and environment -> struct opts. Every flag in its short and
 * long forms, the environment of tini, dumb-init and tend, which of them
 * wins, personas by argv[0], and bad input, whose message must name it.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tend/duration.h"
#include "tend/opts.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define MAXARGS	16

/* argv and envp as tables: NULL-terminated lists of string literals. */
#define A(...)	{ __VA_ARGS__, NULL }
#define NOENV	{ NULL }

/*
 * Run opts_parse on a table row. The strings are literals, so they are
 * copied into a mutable vector the way the kernel hands them to main.
 */
struct run {
	char	*argv[MAXARGS];
	char	*envp[MAXARGS];
	int	 argc;
	char	 err[256];
	int	 rc;
};

static void
run(struct run *r, struct opts *o, const char *const *argv,
    const char *const *envp)
{
	int i;

	memset(r, 0, sizeof(*r));
	for (i = 0; argv[i] != NULL; i++)
		r->argv[i] = (char *)argv[i];
	r->argc = i;
	for (i = 0; envp[i] != NULL; i++)
		r->envp[i] = (char *)envp[i];
	r->rc = opts_parse(o, r->argc, r->argv, r->envp, r->err,
	    sizeof(r->err));
}

/* "tend -v sh" for messages. */
static const char *
show(const char *const *argv, const char *const *envp)
{
	static char buf[512];
	size_t n = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; envp[i] != NULL && n < sizeof(buf); i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s ",
		    envp[i]);
	for (i = 0; argv[i] != NULL && n < sizeof(buf); i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s",
		    i ? " " : "", argv[i]);
	return buf;
}

/*
 * The fields a row checks: each names one member of struct opts by its
 * offset and gives the value it must have.
 */
enum kind { K_END, K_BOOL, K_INT, K_I64, K_MODE, K_PERSONA, K_STR,
    K_LIST };

/*
 * A K_STR field is a const char * compared with str (NULL: must be NULL);
 * a K_LIST field is a struct opts_list whose items, joined by '|', must
 * be str ("" for none).
 */
struct field {
	const char	*name;
	size_t		 off;
	enum kind	 kind;
	int64_t		 want;
	const char	*str;
};

#define F(k, m, v)	{ #m, offsetof(struct opts, m), (k), (v), NULL }
#define FS(k, m, s)	{ #m, offsetof(struct opts, m), (k), 0, (s) }
#define MODE(v)		F(K_MODE, mode, v)
#define PERSONA(v)	F(K_PERSONA, persona, v)
#define USAGE(v)	F(K_INT, usage_status, v)
#define VERB(v)		F(K_INT, verbosity, v)
#define SUBREAPER(v)	F(K_BOOL, subreaper, v)
#define PDEATH(v)	F(K_INT, pdeath_sig, v)
#define WARN(v)		F(K_BOOL, warn_reap, v)
#define PGROUP(v)	F(K_BOOL, pgroup, v)
#define SETSID(v)	F(K_BOOL, setsid, v)
#define GRACE(v)	F(K_I64, grace_ms, v)
#define TIMEOUT(v)	F(K_I64, wait_timeout_ms, v)
#define INTERVAL(v)	F(K_I64, wait_interval_ms, v)
#define LO(v)		F(K_INT, wait_lo, v)
#define HI(v)		F(K_INT, wait_hi, v)
#define STATUS_SET(v)	F(K_BOOL, status_set, v)
#define QUIET(v)	F(K_BOOL, quiet, v)
#define RMODE(v)	F(K_INT, render_mode, v)
#define ROWNER(v)	F(K_BOOL, render_owner, v)
#define NOOVER(v)	F(K_BOOL, no_overwrite, v)
#define SECRETS(v)	F(K_BOOL, secrets, v)
#define NNP(v)		F(K_BOOL, no_new_privs, v)
#define POST_TO(v)	F(K_I64, post_timeout_ms, v)
#define USER(s)		FS(K_STR, user, s)
#define CONTAINS(s)	FS(K_STR, contains, s)
#define WAITS(s)	FS(K_LIST, list[OPTS_L_WAIT], s)
#define RENDERS(s)	FS(K_LIST, list[OPTS_L_RENDER], s)
#define ENVFILES(s)	FS(K_LIST, list[OPTS_L_ENV_FILE], s)
#define PRES(s)		FS(K_LIST, list[OPTS_L_PRE], s)
#define POSTS(s)	FS(K_LIST, list[OPTS_L_POST], s)
#define CRONS(s)	FS(K_LIST, list[OPTS_L_CRON], s)
#define CRONTABS(s)	FS(K_LIST, list[OPTS_L_CRONTAB], s)

static int64_t
field_get(const struct opts *o, const struct field *f)
{
	const char *p = (const char *)o + f->off;
	enum opts_persona pe;
	enum opts_mode m;
	int64_t l;
	bool b;
	int i;

	switch (f->kind) {
	case K_BOOL:
		memcpy(&b, p, sizeof(b));
		return b;
	case K_INT:
		memcpy(&i, p, sizeof(i));
		return i;
	case K_I64:
		memcpy(&l, p, sizeof(l));
		return l;
	case K_MODE:
		memcpy(&m, p, sizeof(m));
		return m;
	case K_PERSONA:
		memcpy(&pe, p, sizeof(pe));
		return pe;
	case K_STR:
	case K_LIST:
	case K_END:
		break;
	}
	fail_msg("bad field kind");
	return 0;
}

/* A K_STR or K_LIST field as text: "(null)", or the items joined by '|'. */
static const char *
field_str(const struct opts *o, const struct field *f, char *buf,
    size_t len)
{
	const char *p = (const char *)o + f->off, *s;
	const struct opts_list *li;
	size_t i, n = 0;

	buf[0] = '\0';
	if (f->kind == K_STR) {
		memcpy(&s, p, sizeof(s));
		return s;
	}
	li = (const struct opts_list *)(const void *)p;
	if (li->n > OPTS_LIST_MAX)
		fail_msg("%s: %zu items, more than %d", f->name, li->n,
		    OPTS_LIST_MAX);
	for (i = 0; i < li->n && n < len; i++)
		n += (size_t)snprintf(buf + n, len - n, "%s%s", i ? "|" : "",
		    li->v[i]);
	return buf;
}

/* Whether o has f's value; "got" is what it has, for the message. */
static bool
field_ok(const struct opts *o, const struct field *f, char *got,
    size_t len)
{
	const char *s;

	if (f->kind != K_STR && f->kind != K_LIST) {
		snprintf(got, len, "%lld", (long long)field_get(o, f));
		return field_get(o, f) == f->want;
	}
	s = field_str(o, f, got, len);
	if (s != got)
		snprintf(got, len, "%s", s ? s : "(null)");
	if (s == NULL || f->str == NULL)
		return s == f->str;
	return strcmp(s, f->str) == 0;
}

/* The defaults every row starts from: "tend sh". */
static const struct field defaults[] = {
	MODE(OPTS_RUN), PERSONA(PERSONA_TEND), USAGE(125), VERB(1),
	SUBREAPER(false), PDEATH(0), WARN(false), PGROUP(false),
	SETSID(false), GRACE(OPTS_GRACE_DEFAULT_MS), TIMEOUT(-1),
	INTERVAL(OPTS_WAIT_INTERVAL_MS), LO(200), HI(299), STATUS_SET(false),
	QUIET(false), RMODE(-1), ROWNER(false), NOOVER(false), SECRETS(false),
	NNP(false), POST_TO(OPTS_POST_TIMEOUT_MS), USER(NULL), CONTAINS(NULL),
	WAITS(""), RENDERS(""), ENVFILES(""), PRES(""), POSTS(""), CRONS(""),
	CRONTABS(""),
};

struct good_case {
	const char	*argv[MAXARGS];
	const char	*envp[MAXARGS];
	const char	*cmd[MAXARGS];	/* o->argv, NULL-terminated */
	struct field	 f[8];		/* what differs from the defaults */
};

/*
 * Check every field of o: the row's value where it names the field, the
 * default where it does not, so a flag that sets too much is caught too.
 */
static void
check_fields(const struct opts *o, const struct good_case *c)
{
	const struct field *want;
	char got[512];
	size_t i, k;

	for (k = 0; k < NELEM(c->f) && c->f[k].kind != K_END; k++) {
		for (i = 0; i < NELEM(defaults); i++)
			if (c->f[k].off == defaults[i].off)
				break;
		if (i == NELEM(defaults))
			fail_msg("%s is not in the defaults", c->f[k].name);
	}
	for (i = 0; i < NELEM(defaults); i++) {
		want = &defaults[i];
		for (k = 0; k < NELEM(c->f) && c->f[k].kind != K_END; k++)
			if (c->f[k].off == defaults[i].off)
				want = &c->f[k];
		if (field_ok(o, want, got, sizeof(got)))
			continue;
		if (want->kind == K_STR || want->kind == K_LIST)
			fail_msg("\"%s\": %s = \"%s\", want \"%s\"",
			    show(c->argv, c->envp), want->name, got,
			    want->str ? want->str : "(null)");
		else
			fail_msg("\"%s\": %s = %s, want %lld",
			    show(c->argv, c->envp), want->name, got,
			    (long long)want->want);
	}
}

static void
check_cmd(const struct opts *o, const struct good_case *c)
{
	int i;

	for (i = 0; c->cmd[i] != NULL; i++)
		if (o->argv[i] == NULL || strcmp(o->argv[i], c->cmd[i]) != 0)
			fail_msg("\"%s\": COMMAND word %d is \"%s\", want "
			    "\"%s\"", show(c->argv, c->envp), i,
			    o->argv[i] ? o->argv[i] : "(null)", c->cmd[i]);
	if (o->argv[i] != NULL)
		fail_msg("\"%s\": COMMAND has extra word \"%s\"",
		    show(c->argv, c->envp), o->argv[i]);
}

static const struct good_case flags[] = {
	{ A("tend", "sh"), NOENV, A("sh"), { { 0 } } },
	{ A("/usr/local/bin/tend", "sh"), NOENV, A("sh"), { { 0 } } },
	/* -s */
	{ A("tend", "-s", "sh"), NOENV, A("sh"), { SUBREAPER(true) } },
	{ A("tend", "--subreaper", "sh"), NOENV, A("sh"),
	    { SUBREAPER(true) } },
	/* -p */
	{ A("tend", "-p", "TERM", "sh"), NOENV, A("sh"), { PDEATH(SIGTERM) } },
	{ A("tend", "-p", "SIGKILL", "sh"), NOENV, A("sh"),
	    { PDEATH(SIGKILL) } },
	{ A("tend", "-p", "9", "sh"), NOENV, A("sh"), { PDEATH(9) } },
	{ A("tend", "-pusr1", "sh"), NOENV, A("sh"), { PDEATH(SIGUSR1) } },
	{ A("tend", "-p", "64", "sh"), NOENV, A("sh"), { PDEATH(NSIG - 1) } },
	{ A("tend", "-p", "RTMIN+2", "sh"), NOENV, A("sh"), { PDEATH(36) } },
	{ A("tend", "--pdeathsig", "HUP", "sh"), NOENV, A("sh"),
	    { PDEATH(SIGHUP) } },
	{ A("tend", "--pdeathsig=INT", "sh"), NOENV, A("sh"),
	    { PDEATH(SIGINT) } },
	{ A("tend", "-p", "TERM", "-p", "HUP", "sh"), NOENV, A("sh"),
	    { PDEATH(SIGHUP) } },
	/* -v */
	{ A("tend", "-v", "sh"), NOENV, A("sh"), { VERB(2) } },
	{ A("tend", "-vvv", "sh"), NOENV, A("sh"), { VERB(4) } },
	{ A("tend", "-v", "-v", "sh"), NOENV, A("sh"), { VERB(3) } },
	{ A("tend", "--verbose", "sh"), NOENV, A("sh"), { VERB(2) } },
	{ A("tend", "--verbose", "-vv", "--verbose", "sh"), NOENV, A("sh"),
	    { VERB(5) } },
	/* -w */
	{ A("tend", "-w", "sh"), NOENV, A("sh"), { WARN(true) } },
	{ A("tend", "--warn-reap", "sh"), NOENV, A("sh"), { WARN(true) } },
	/* -g */
	{ A("tend", "-g", "sh"), NOENV, A("sh"), { PGROUP(true) } },
	{ A("tend", "--pgroup", "sh"), NOENV, A("sh"), { PGROUP(true) } },
	/* -c and --setsid, the last one wins */
	{ A("tend", "-c", "sh"), NOENV, A("sh"), { { 0 } } },
	{ A("tend", "--single-child", "sh"), NOENV, A("sh"), { { 0 } } },
	{ A("tend", "--setsid", "sh"), NOENV, A("sh"),
	    { SETSID(true), PGROUP(true) } },
	{ A("tend", "--setsid", "-c", "sh"), NOENV, A("sh"), { { 0 } } },
	{ A("tend", "-c", "--setsid", "sh"), NOENV, A("sh"),
	    { SETSID(true), PGROUP(true) } },
	{ A("tend", "-g", "-c", "sh"), NOENV, A("sh"), { { 0 } } },
	{ A("tend", "-c", "-g", "sh"), NOENV, A("sh"), { PGROUP(true) } },
	/* --grace */
	{ A("tend", "--grace", "250ms", "sh"), NOENV, A("sh"),
	    { GRACE(250) } },
	{ A("tend", "--grace=1m30s", "sh"), NOENV, A("sh"),
	    { GRACE(90000) } },
	{ A("tend", "--grace", "0", "sh"), NOENV, A("sh"), { GRACE(0) } },
	{ A("tend", "--grace=10", "sh"), NOENV, A("sh"), { GRACE(10000) } },
	{ A("tend", "--grace", "30d", "sh"), NOENV, A("sh"),
	    { GRACE(DURATION_MAX_MS) } },
	/* -e and -r take values; what they set is checked further down */
	{ A("tend", "-e", "143", "sh"), NOENV, A("sh"), { { 0 } } },
	{ A("tend", "-e5", "sh"), NOENV, A("sh"), { { 0 } } },
	{ A("tend", "--remap-exit", "1", "sh"), NOENV, A("sh"), { { 0 } } },
	{ A("tend", "-r", "15:3", "sh"), NOENV, A("sh"), { { 0 } } },
	{ A("tend", "--rewrite=TERM:0", "sh"), NOENV, A("sh"), { { 0 } } },
	/* modes: no COMMAND needed */
	{ A("tend", "-P"), NOENV, A(NULL), { MODE(OPTS_PAUSE) } },
	{ A("tend", "--pause"), NOENV, A(NULL), { MODE(OPTS_PAUSE) } },
	{ A("tend", "-P", "--"), NOENV, A(NULL), { MODE(OPTS_PAUSE) } },
	{ A("tend", "-V"), NOENV, A(NULL), { MODE(OPTS_VERSION) } },
	{ A("tend", "--version"), NOENV, A(NULL), { MODE(OPTS_VERSION) } },
	{ A("tend", "-l"), NOENV, A(NULL), { MODE(OPTS_LICENSE) } },
	{ A("tend", "--license"), NOENV, A(NULL), { MODE(OPTS_LICENSE) } },
	{ A("tend", "-h"), NOENV, A(NULL), { MODE(OPTS_HELP) } },
	{ A("tend", "--help"), NOENV, A(NULL), { MODE(OPTS_HELP) } },
	{ A("tini", "--version"), NOENV, A(NULL),
	    { MODE(OPTS_VERSION), PERSONA(PERSONA_TINI), USAGE(1) } },
	/* clusters */
	{ A("tend", "-vvg", "sh"), NOENV, A("sh"),
	    { VERB(3), PGROUP(true) } },
	{ A("tend", "-swgv", "sh"), NOENV, A("sh"),
	    { SUBREAPER(true), WARN(true), PGROUP(true), VERB(2) } },
	{ A("tend", "-vpTERM", "sh"), NOENV, A("sh"),
	    { VERB(2), PDEATH(SIGTERM) } },
	{ A("tend", "-vp", "TERM", "sh"), NOENV, A("sh"),
	    { VERB(2), PDEATH(SIGTERM) } },
	/* where options stop */
	{ A("tend", "sh", "-c", "x"), NOENV, A("sh", "-c", "x"), { { 0 } } },
	{ A("tend", "sh", "-v"), NOENV, A("sh", "-v"), { { 0 } } },
	{ A("tend", "-v", "sh", "-v"), NOENV, A("sh", "-v"), { VERB(2) } },
	{ A("tend", "--", "-v"), NOENV, A("-v"), { { 0 } } },
	{ A("tend", "--", "--"), NOENV, A("--"), { { 0 } } },
	{ A("tend", "-v", "--", "sh", "--"), NOENV, A("sh", "--"),
	    { VERB(2) } },
	{ A("tend", "-"), NOENV, A("-"), { { 0 } } },
	{ A("tend", "-e", "1", "--grace", "1s", "x", "--grace", "5x"), NOENV,
	    A("x", "--grace", "5x"), { GRACE(1000) } },
};

static void
run_good(const struct good_case *t, size_t n)
{
	struct opts o;
	struct run r;
	size_t i;

	for (i = 0; i < n; i++) {
		run(&r, &o, t[i].argv, t[i].envp);
		if (r.rc != 0)
			fail_msg("\"%s\" failed: %s",
			    show(t[i].argv, t[i].envp), r.err);
		check_fields(&o, &t[i]);
		check_cmd(&o, &t[i]);
	}
}

static void
test_flags(void **state)
{
	(void)state;
	run_good(flags, NELEM(flags));
}

/* tini's, dumb-init's and tend's variables, and who wins over whom. */
static const struct good_case env[] = {
	/* tini: by presence, even empty, even "0" */
	{ A("tend", "sh"), A("TINI_SUBREAPER="), A("sh"),
	    { SUBREAPER(true) } },
	{ A("tend", "sh"), A("TINI_SUBREAPER=0"), A("sh"),
	    { SUBREAPER(true) } },
	{ A("tend", "sh"), A("TINI_KILL_PROCESS_GROUP="), A("sh"),
	    { PGROUP(true) } },
	{ A("tend", "sh"), A("TINI_KILL_PROCESS_GROUP=1"), A("sh"),
	    { PGROUP(true) } },
	/* a TEND_ "0" does not take back what tini's presence asked for */
	{ A("tend", "sh"), A("TINI_SUBREAPER=", "TEND_SUBREAPER=0"), A("sh"),
	    { SUBREAPER(true) } },
	{ A("tend", "sh"), A("TINI_KILL_PROCESS_GROUP=", "TEND_PGROUP=0"),
	    A("sh"), { PGROUP(true) } },
	{ A("tend", "sh"), A("TINI_VERBOSITY=3"), A("sh"), { VERB(3) } },
	{ A("tend", "sh"), A("TINI_VERBOSITY=0"), A("sh"), { VERB(0) } },
	/* TINI_VERBOSITY wins over -v, as in tini */
	{ A("tend", "-vvv", "sh"), A("TINI_VERBOSITY=0"), A("sh"),
	    { VERB(0) } },
	{ A("tend", "-v", "sh"), A("TINI_VERBOSITY=4"), A("sh"),
	    { VERB(4) } },
	{ A("tend", "sh"), A("TEND_VERBOSITY=4", "TINI_VERBOSITY=2"),
	    A("sh"), { VERB(2) } },
	/* tini reads TINI_VERBOSITY with atoi(3): never an error */
	{ A("tend", "sh"), A("TINI_VERBOSITY=loud"), A("sh"), { VERB(0) } },
	{ A("tini", "-v", "sh"), A("TINI_VERBOSITY="), A("sh"),
	    { PERSONA(PERSONA_TINI), USAGE(1), VERB(0) } },
	{ A("tend", "sh"), A("TINI_VERBOSITY=3x"), A("sh"), { VERB(3) } },
	{ A("tend", "sh"), A("TINI_VERBOSITY=77"), A("sh"), { VERB(9) } },
	/* dumb-init */
	{ A("tend", "sh"), A("DUMB_INIT_SETSID=1"), A("sh"),
	    { SETSID(true), PGROUP(true) } },
	{ A("tend", "sh"), A("DUMB_INIT_SETSID=0"), A("sh"), { { 0 } } },
	/* other values leave the defaults, as in dumb-init */
	{ A("tend", "sh"), A("DUMB_INIT_SETSID="), A("sh"), { { 0 } } },
	{ A("tend", "sh"), A("DUMB_INIT_SETSID=yes"), A("sh"), { { 0 } } },
	{ A("dumb-init", "sh"), A("DUMB_INIT_SETSID="), A("sh"),
	    { PERSONA(PERSONA_DUMB_INIT), USAGE(1), SETSID(true),
	    PGROUP(true) } },
	{ A("dumb-init", "sh"), A("DUMB_INIT_SETSID=0"), A("sh"),
	    { PERSONA(PERSONA_DUMB_INIT), USAGE(1) } },
	{ A("dumb-init", "sh"), A("DUMB_INIT_SETSID=1"), A("sh"),
	    { PERSONA(PERSONA_DUMB_INIT), USAGE(1), SETSID(true),
	    PGROUP(true) } },
	{ A("tend", "sh"), A("DUMB_INIT_DEBUG=1"), A("sh"), { VERB(4) } },
	/* tend's own */
	{ A("tend", "sh"), A("TEND_SUBREAPER=1"), A("sh"),
	    { SUBREAPER(true) } },
	{ A("tend", "sh"), A("TEND_SUBREAPER=true"), A("sh"),
	    { SUBREAPER(true) } },
	{ A("tend", "sh"), A("TEND_SUBREAPER=yes"), A("sh"),
	    { SUBREAPER(true) } },
	{ A("tend", "sh"), A("TEND_SUBREAPER=on"), A("sh"),
	    { SUBREAPER(true) } },
	{ A("tend", "sh"), A("TEND_SUBREAPER=0"), A("sh"), { { 0 } } },
	{ A("tend", "sh"), A("TEND_SUBREAPER=false"), A("sh"), { { 0 } } },
	{ A("tend", "sh"), A("TEND_SUBREAPER="), A("sh"), { { 0 } } },
	{ A("tend", "sh"), A("TEND_PDEATHSIG=TERM"), A("sh"),
	    { PDEATH(SIGTERM) } },
	{ A("tend", "sh"), A("TEND_PDEATHSIG=SIGKILL"), A("sh"),
	    { PDEATH(SIGKILL) } },
	{ A("tend", "sh"), A("TEND_PDEATHSIG=1"), A("sh"), { PDEATH(1) } },
	{ A("tend", "sh"), A("TEND_VERBOSITY=3"), A("sh"), { VERB(3) } },
	{ A("tend", "sh"), A("TEND_VERBOSITY=0"), A("sh"), { VERB(0) } },
	{ A("tend", "sh"), A("TEND_WARN_REAP=1"), A("sh"), { WARN(true) } },
	{ A("tend", "sh"), A("TEND_WARN_REAP=0"), A("sh"), { { 0 } } },
	{ A("tend", "sh"), A("TEND_PGROUP=1"), A("sh"), { PGROUP(true) } },
	{ A("tend", "sh"), A("TEND_PGROUP=0"), A("sh"), { { 0 } } },
	{ A("tend", "sh"), A("TEND_SETSID=1"), A("sh"),
	    { SETSID(true), PGROUP(true) } },
	{ A("tend", "sh"), A("TEND_SETSID=0"), A("sh"), { { 0 } } },
	{ A("dumb-init", "sh"), A("TEND_SETSID=0"), A("sh"),
	    { PERSONA(PERSONA_DUMB_INIT), USAGE(1) } },
	/* an explicit process-group variable wins over the session one */
	{ A("tend", "sh"), A("TEND_PGROUP=1", "TEND_SETSID=0"), A("sh"),
	    { PGROUP(true) } },
	{ A("tend", "sh"), A("TINI_KILL_PROCESS_GROUP=", "DUMB_INIT_SETSID=0"),
	    A("sh"), { PGROUP(true) } },
	{ A("tend", "sh"), A("TEND_GRACE=250ms"), A("sh"), { GRACE(250) } },
	{ A("tend", "sh"), A("TEND_GRACE=0"), A("sh"), { GRACE(0) } },
	{ A("tend", "sh"), A("TEND_GRACE=2"), A("sh"), { GRACE(2000) } },
	/* several at once */
	{ A("tend", "sh"), A("TEND_SUBREAPER=1", "TEND_WARN_REAP=1",
	    "TEND_GRACE=1s", "TEND_PDEATHSIG=HUP"), A("sh"),
	    { SUBREAPER(true), WARN(true), GRACE(1000), PDEATH(SIGHUP) } },
	/* flags win over the environment */
	{ A("tend", "--grace", "1s", "sh"), A("TEND_GRACE=250ms"), A("sh"),
	    { GRACE(1000) } },
	{ A("tend", "-p", "KILL", "sh"), A("TEND_PDEATHSIG=TERM"), A("sh"),
	    { PDEATH(SIGKILL) } },
	{ A("tend", "-s", "sh"), A("TEND_SUBREAPER=0"), A("sh"),
	    { SUBREAPER(true) } },
	{ A("tend", "-w", "sh"), A("TEND_WARN_REAP=0"), A("sh"),
	    { WARN(true) } },
	{ A("tend", "-g", "sh"), A("TEND_PGROUP=0"), A("sh"),
	    { PGROUP(true) } },
	{ A("tend", "-c", "sh"), A("TEND_SETSID=1"), A("sh"), { { 0 } } },
	{ A("tend", "-c", "sh"), A("DUMB_INIT_SETSID=1"), A("sh"),
	    { { 0 } } },
	{ A("tend", "--setsid", "sh"), A("TEND_SETSID=0"), A("sh"),
	    { SETSID(true), PGROUP(true) } },
	/* look-alikes are not the variable */
	{ A("tend", "sh"), A("TEND_GRACEX=5x", "XTEND_GRACE=5x",
	    "TEND_GRAC=5x", "tend_grace=5x", "TEND_GRACE"), A("sh"),
	    { { 0 } } },
	{ A("tend", "sh"), A("TINI_SUBREAPERX=", "TINI_SUBREAPE="), A("sh"),
	    { { 0 } } },
	{ A("tend", "sh"), A("PATH=/bin:/usr/bin", "HOME=/"), A("sh"),
	    { { 0 } } },
};

static void
test_env(void **state)
{
	(void)state;
	run_good(env, NELEM(env));
}

/* Subcommands: argv[1] only; operands and options mix up to "--". */
static const struct good_case subcommands[] = {
	{ A("tend", "wait", "tcp://db:5432"), NOENV, A(NULL),
	    { MODE(OPTS_WAIT), WAITS("tcp://db:5432") } },
	{ A("tend", "wait", "tcp://db:5432", "http://web/ready?x=1",
	    "unix:///run/s.sock", "file:///tmp/ok"), NOENV, A(NULL),
	    { MODE(OPTS_WAIT), WAITS("tcp://db:5432|http://web/ready?x=1|"
	    "unix:///run/s.sock|file:///tmp/ok") } },
	{ A("tend", "wait", "tcp://a:1", "--", "sh", "-c", "x"), NOENV,
	    A("sh", "-c", "x"), { MODE(OPTS_WAIT), WAITS("tcp://a:1") } },
	{ A("tend", "wait", "tcp://a:1", "--"), NOENV, A(NULL),
	    { MODE(OPTS_WAIT), WAITS("tcp://a:1") } },
	/* options before, between and after the operands */
	{ A("tend", "wait", "--timeout", "5s", "tcp://a:1", "-q",
	    "tcp://b:2", "--wait-interval=1s", "--", "wait"), NOENV,
	    A("wait"), { MODE(OPTS_WAIT), WAITS("tcp://a:1|tcp://b:2"),
	    TIMEOUT(5000), QUIET(true), INTERVAL(1000) } },
	{ A("tend", "wait", "tcp://a:1", "--wait", "tcp://b:2", "tcp://c:3"),
	    NOENV, A(NULL), { MODE(OPTS_WAIT),
	    WAITS("tcp://a:1|tcp://b:2|tcp://c:3") } },
	{ A("tend", "wait", "tcp://a:1", "-v", "--", "-v"), NOENV, A("-v"),
	    { MODE(OPTS_WAIT), WAITS("tcp://a:1"), VERB(2) } },
	{ A("tend", "render", "a:b"), NOENV, A(NULL),
	    { MODE(OPTS_RENDER), RENDERS("a:b") } },
	{ A("tend", "render", "/t/app.conf.tmpl:-", "--render-mode", "0600",
	    "x:y", "--no-overwrite", "--", "nginx"), NOENV, A("nginx"),
	    { MODE(OPTS_RENDER), RENDERS("/t/app.conf.tmpl:-|x:y"),
	    RMODE(0600), NOOVER(true) } },
	/* DST is after the last ':' */
	{ A("tend", "render", "C:/t:/etc/x"), NOENV, A(NULL),
	    { MODE(OPTS_RENDER), RENDERS("C:/t:/etc/x") } },
	/* a subcommand is argv[1] only */
	{ A("tend", "--", "wait"), NOENV, A("wait"), { { 0 } } },
	{ A("tend", "--", "render", "a:b"), NOENV, A("render", "a:b"),
	    { { 0 } } },
	{ A("tend", "--", "health"), NOENV, A("health"), { { 0 } } },
	{ A("tend", "-v", "wait", "tcp://a:1"), NOENV, A("wait", "tcp://a:1"),
	    { VERB(2) } },
	{ A("tend", "sh", "wait"), NOENV, A("sh", "wait"), { { 0 } } },
	{ A("tend", "Wait", "x"), NOENV, A("Wait", "x"), { { 0 } } },
	{ A("tend", "waiting"), NOENV, A("waiting"), { { 0 } } },
	{ A("tini", "wait", "tcp://a:1"), NOENV, A(NULL),
	    { PERSONA(PERSONA_TINI), USAGE(1), MODE(OPTS_WAIT),
	    WAITS("tcp://a:1") } },
	/* health: 5 s and 200-399 unless told */
	{ A("tend", "health", "http://localhost:8080/healthz"), NOENV,
	    A(NULL), { MODE(OPTS_HEALTH), TIMEOUT(OPTS_HEALTH_TIMEOUT_MS),
	    HI(399), WAITS("http://localhost:8080/healthz") } },
	{ A("tend", "health", "tcp://db:5432", "--"), NOENV, A(NULL),
	    { MODE(OPTS_HEALTH), TIMEOUT(5000), HI(399),
	    WAITS("tcp://db:5432") } },
	{ A("tend", "health", "--timeout", "2s", "http://h/"), NOENV, A(NULL),
	    { MODE(OPTS_HEALTH), TIMEOUT(2000), HI(399),
	    WAITS("http://h/") } },
	{ A("tend", "health", "http://h/", "--wait-timeout=1ms"), NOENV,
	    A(NULL), { MODE(OPTS_HEALTH), TIMEOUT(1), HI(399),
	    WAITS("http://h/") } },
	{ A("tend", "health", "--timeout", "0", "http://h/"), NOENV, A(NULL),
	    { MODE(OPTS_HEALTH), TIMEOUT(5000), HI(399),
	    WAITS("http://h/") } },
	{ A("tend", "health", "--timeout=0s", "http://h/"), NOENV, A(NULL),
	    { MODE(OPTS_HEALTH), TIMEOUT(5000), HI(399),
	    WAITS("http://h/") } },
	{ A("tend", "health", "--status", "200", "http://h/"), NOENV,
	    A(NULL), { MODE(OPTS_HEALTH), TIMEOUT(5000), HI(200),
	    STATUS_SET(true), WAITS("http://h/") } },
	{ A("tend", "health", "--status", "200-299", "http://h/"), NOENV,
	    A(NULL), { MODE(OPTS_HEALTH), TIMEOUT(5000), STATUS_SET(true),
	    WAITS("http://h/") } },
	{ A("tend", "health", "http://h/", "--wait-status", "204-599"), NOENV,
	    A(NULL), { MODE(OPTS_HEALTH), TIMEOUT(5000), LO(204), HI(599),
	    STATUS_SET(true), WAITS("http://h/") } },
	{ A("tend", "health", "--contains", "\"ok\"", "http://h/"), NOENV,
	    A(NULL), { MODE(OPTS_HEALTH), TIMEOUT(5000), HI(399),
	    CONTAINS("\"ok\""), WAITS("http://h/") } },
	{ A("tend", "health", "--wait", "tcp://a:1"), NOENV, A(NULL),
	    { MODE(OPTS_HEALTH), TIMEOUT(5000), HI(399),
	    WAITS("tcp://a:1") } },
	/* the environment is the init's, not the probe's: all of it ignored */
	{ A("tend", "health", "http://h/"), A("TEND_WAIT=tcp://x:1",
	    "TEND_WAIT_TIMEOUT=1s", "TEND_WAIT_STATUS=200", "TEND_QUIET=1",
	    "TEND_WAIT_INTERVAL=2s", "TEND_USER=app", "TEND_SECRETS=1",
	    "TEND_VERBOSITY=3", "TINI_VERBOSITY=4", "TINI_SUBREAPER=",
	    "DUMB_INIT_SETSID=1", "TEND_GRACE=1s", "TEND_CRONTAB=/c"),
	    A(NULL), { MODE(OPTS_HEALTH), TIMEOUT(5000), HI(399),
	    WAITS("http://h/") } },
	/* ... even when it would be an error */
	{ A("tend", "health", "http://h/"), A("TEND_WAIT=https://x/",
	    "TEND_WAIT_TIMEOUT=5x", "TEND_WAIT_STATUS=99", "TEND_QUIET=maybe",
	    "TEND_RENDER_MODE=8", "TEND_USER=", "TEND_SECRETS=2",
	    "TEND_RENDER=nocolon", "TEND_GRACE=-1s", "TEND_VERBOSITY=x",
	    "TEND_SUBREAPER=maybe", "TEND_PDEATHSIG=FOO", "TEND_LOG_FORMAT=x"),
	    A(NULL), { MODE(OPTS_HEALTH), TIMEOUT(5000), HI(399),
	    WAITS("http://h/") } },
	{ A("dumb-init", "health", "http://h/"), A("TEND_SECRETS=maybe"),
	    A(NULL), { PERSONA(PERSONA_DUMB_INIT), USAGE(1), SETSID(true),
	    PGROUP(true), MODE(OPTS_HEALTH), TIMEOUT(5000), HI(399),
	    WAITS("http://h/") } },
};

static void
test_subcommands(void **state)
{
	(void)state;
	run_good(subcommands, NELEM(subcommands));
}

/* The startup-step options in the main form, and what each sets. */
static const struct good_case steps[] = {
	{ A("tend", "--wait", "tcp://a:1", "--wait=http://b:8080/x", "sh"),
	    NOENV, A("sh"), { WAITS("tcp://a:1|http://b:8080/x") } },
	{ A("tend", "--wait", "tcp6://[::1]:80", "sh"), NOENV, A("sh"),
	    { WAITS("tcp6://[::1]:80") } },
	{ A("tend", "--wait-timeout", "30s", "sh"), NOENV, A("sh"),
	    { TIMEOUT(30000) } },
	{ A("tend", "--timeout=1m", "sh"), NOENV, A("sh"),
	    { TIMEOUT(60000) } },
	/* 0 stays 0 outside health */
	{ A("tend", "--wait-timeout", "0", "sh"), NOENV, A("sh"),
	    { TIMEOUT(0) } },
	{ A("tend", "--timeout", "1s", "--wait-timeout", "2s", "sh"), NOENV,
	    A("sh"), { TIMEOUT(2000) } },
	/* an interval of 0 would spin: 1 ms */
	{ A("tend", "--wait-interval", "0", "sh"), NOENV, A("sh"),
	    { INTERVAL(1) } },
	{ A("tend", "--wait-interval=0ms", "sh"), NOENV, A("sh"),
	    { INTERVAL(1) } },
	{ A("tend", "--wait-interval", "1ms", "sh"), NOENV, A("sh"),
	    { INTERVAL(1) } },
	{ A("tend", "--wait-interval", "2ms", "sh"), NOENV, A("sh"),
	    { INTERVAL(2) } },
	{ A("tend", "--wait-interval", "2", "sh"), NOENV, A("sh"),
	    { INTERVAL(2000) } },
	{ A("tend", "--wait-status", "100", "sh"), NOENV, A("sh"),
	    { LO(100), HI(100), STATUS_SET(true) } },
	{ A("tend", "--wait-status", "599", "sh"), NOENV, A("sh"),
	    { LO(599), HI(599), STATUS_SET(true) } },
	{ A("tend", "--wait-status=100-599", "sh"), NOENV, A("sh"),
	    { LO(100), HI(599), STATUS_SET(true) } },
	{ A("tend", "--status", "204", "sh"), NOENV, A("sh"),
	    { LO(204), HI(204), STATUS_SET(true) } },
	{ A("tend", "--contains", "ok", "sh"), NOENV, A("sh"),
	    { CONTAINS("ok") } },
	{ A("tend", "-q", "sh"), NOENV, A("sh"), { QUIET(true) } },
	{ A("tend", "--quiet", "sh"), NOENV, A("sh"), { QUIET(true) } },
	{ A("tend", "-qv", "sh"), NOENV, A("sh"), { QUIET(true), VERB(2) } },
	{ A("tend", "sh", "-q"), NOENV, A("sh", "-q"), { { 0 } } },
	{ A("tend", "--render", "a:b", "--render=/t/c.tmpl:-", "sh"), NOENV,
	    A("sh"), { RENDERS("a:b|/t/c.tmpl:-") } },
	/* --render-mode: octal 0..07777 */
	{ A("tend", "--render-mode", "0644", "sh"), NOENV, A("sh"),
	    { RMODE(0644) } },
	{ A("tend", "--render-mode", "644", "sh"), NOENV, A("sh"),
	    { RMODE(0644) } },
	{ A("tend", "--render-mode", "0", "sh"), NOENV, A("sh"),
	    { RMODE(0) } },
	{ A("tend", "--render-mode", "7777", "sh"), NOENV, A("sh"),
	    { RMODE(07777) } },
	{ A("tend", "--render-mode=07777", "sh"), NOENV, A("sh"),
	    { RMODE(07777) } },
	{ A("tend", "--render-mode", "0000000600", "sh"), NOENV, A("sh"),
	    { RMODE(0600) } },
	{ A("tend", "--render-mode", "7", "sh"), NOENV, A("sh"),
	    { RMODE(7) } },
	{ A("tend", "--render-owner", "--no-overwrite", "sh"), NOENV,
	    A("sh"), { ROWNER(true), NOOVER(true) } },
	{ A("tend", "--secrets", "sh"), NOENV, A("sh"), { SECRETS(true) } },
	{ A("tend", "--no-new-privs", "sh"), NOENV, A("sh"),
	    { NNP(true) } },
	{ A("tend", "--env-file", "/a", "--env-file=/b", "sh"), NOENV,
	    A("sh"), { ENVFILES("/a|/b") } },
	{ A("tend", "--user", "nobody", "sh"), NOENV, A("sh"),
	    { USER("nobody") } },
	{ A("tend", "--user=1000:1000", "sh"), NOENV, A("sh"),
	    { USER("1000:1000") } },
	{ A("tend", "--user", "a", "--user", "0", "sh"), NOENV, A("sh"),
	    { USER("0") } },
	{ A("tend", "--pre", "/pre.d", "--post", "/post.sh", "--pre", "/x",
	    "sh"), NOENV, A("sh"), { PRES("/pre.d|/x"), POSTS("/post.sh") } },
	{ A("tend", "--post-timeout", "0", "sh"), NOENV, A("sh"),
	    { POST_TO(0) } },
	{ A("tend", "--post-timeout=1m", "sh"), NOENV, A("sh"),
	    { POST_TO(60000) } },
	{ A("tend", "--cron", "*/5 * * * * echo hi", "--cron",
	    "@every 90s date", "--cron=@DAILY x", "sh"), NOENV, A("sh"),
	    { CRONS("*/5 * * * * echo hi|@every 90s date|@DAILY x") } },
	{ A("tend", "--crontab", "/etc/crontab", "--crontab=/c", "sh"), NOENV,
	    A("sh"), { CRONTABS("/etc/crontab|/c") } },
	/* jobs of both kinds, beside other options */
	{ A("tend", "--cron", "@hourly x", "--crontab", "/c", "-v", "sh"),
	    NOENV, A("sh"), { CRONS("@hourly x"), CRONTABS("/c"),
	    VERB(2) } },
};

static void
test_steps(void **state)
{
	(void)state;
	run_good(steps, NELEM(steps));
}

/* TEND_<LONG_OPTION>: lists blank-separated, flags booleans. */
static const struct good_case step_env[] = {
	{ A("tend", "sh"), A("TEND_WAIT=  tcp://a:1  http://b/ "), A("sh"),
	    { WAITS("tcp://a:1|http://b/") } },
	{ A("tend", "sh"), A("TEND_WAIT=tcp://a:1"), A("sh"),
	    { WAITS("tcp://a:1") } },
	{ A("tend", "sh"), A("TEND_WAIT=\ttcp://a:1\n\nhttp://b/\t \n"),
	    A("sh"), { WAITS("tcp://a:1|http://b/") } },
	{ A("tend", "sh"), A("TEND_WAIT="), A("sh"), { { 0 } } },
	{ A("tend", "sh"), A("TEND_WAIT= \t\n "), A("sh"), { { 0 } } },
	/* the environment first, then the flags */
	{ A("tend", "--wait", "tcp://b:2", "sh"), A("TEND_WAIT=tcp://a:1"),
	    A("sh"), { WAITS("tcp://a:1|tcp://b:2") } },
	{ A("tend", "wait", "tcp://b:2"), A("TEND_WAIT=tcp://a:1"), A(NULL),
	    { MODE(OPTS_WAIT), WAITS("tcp://a:1|tcp://b:2") } },
	{ A("tend", "sh"), A("TEND_RENDER=a:b  /t/c:-"), A("sh"),
	    { RENDERS("a:b|/t/c:-") } },
	{ A("tend", "sh"), A("TEND_ENV_FILE=/a /b"), A("sh"),
	    { ENVFILES("/a|/b") } },
	{ A("tend", "sh"), A("TEND_PRE=/p", "TEND_POST= /q /r"), A("sh"),
	    { PRES("/p"), POSTS("/q|/r") } },
	{ A("tend", "sh"), A("TEND_CRONTAB=/etc/crontab /c"), A("sh"),
	    { CRONTABS("/etc/crontab|/c") } },
	/* a cron spec has blanks: there is no TEND_CRON */
	{ A("tend", "sh"), A("TEND_CRON=* * * * * x"), A("sh"), { { 0 } } },
	{ A("tend", "sh"), A("TEND_CRON=garbage"), A("sh"), { { 0 } } },
	/* single values */
	{ A("tend", "sh"), A("TEND_WAIT_TIMEOUT=10s"), A("sh"),
	    { TIMEOUT(10000) } },
	{ A("tend", "sh"), A("TEND_WAIT_INTERVAL=0"), A("sh"),
	    { INTERVAL(1) } },
	{ A("tend", "sh"), A("TEND_WAIT_INTERVAL=100ms"), A("sh"),
	    { INTERVAL(100) } },
	{ A("tend", "sh"), A("TEND_WAIT_STATUS=200-204"), A("sh"),
	    { LO(200), HI(204), STATUS_SET(true) } },
	{ A("tend", "sh"), A("TEND_RENDER_MODE=0600"), A("sh"),
	    { RMODE(0600) } },
	{ A("tend", "sh"), A("TEND_RENDER_MODE=7777"), A("sh"),
	    { RMODE(07777) } },
	{ A("tend", "sh"), A("TEND_USER=app:app"), A("sh"),
	    { USER("app:app") } },
	{ A("tend", "sh"), A("TEND_POST_TIMEOUT=1s"), A("sh"),
	    { POST_TO(1000) } },
	/* only the options flagged for it: no TEND_TIMEOUT, ... */
	{ A("tend", "sh"), A("TEND_TIMEOUT=5x", "TEND_STATUS=99",
	    "TEND_CONTAINS=x", "TEND_PAUSE=1", "TEND_HELP=1",
	    "TEND_WAITX=https://x/", "TEND_WAIT_=x", "tend_wait=x",
	    "TEND_wait=x", "TEND_WAIT", "TEND_ENV-FILE=/x", "TEND_Q=1"),
	    A("sh"), { { 0 } } },
	/* booleans */
	{ A("tend", "sh"), A("TEND_SECRETS=1"), A("sh"), { SECRETS(true) } },
	{ A("tend", "sh"), A("TEND_SECRETS=0"), A("sh"), { { 0 } } },
	{ A("tend", "sh"), A("TEND_SECRETS="), A("sh"), { { 0 } } },
	{ A("tend", "sh"), A("TEND_SECRETS=true"), A("sh"),
	    { SECRETS(true) } },
	{ A("tend", "sh"), A("TEND_SECRETS=off"), A("sh"), { { 0 } } },
	{ A("tend", "sh"), A("TEND_QUIET=yes"), A("sh"), { QUIET(true) } },
	{ A("tend", "sh"), A("TEND_QUIET=no"), A("sh"), { { 0 } } },
	{ A("tend", "sh"), A("TEND_RENDER_OWNER=on"), A("sh"),
	    { ROWNER(true) } },
	{ A("tend", "sh"), A("TEND_NO_OVERWRITE=1"), A("sh"),
	    { NOOVER(true) } },
	{ A("tend", "sh"), A("TEND_NO_NEW_PRIVS=1"), A("sh"),
	    { NNP(true) } },
	{ A("tend", "sh"), A("TEND_QUIET=1", "TEND_SECRETS=1",
	    "TEND_RENDER_OWNER=1", "TEND_NO_OVERWRITE=1",
	    "TEND_NO_NEW_PRIVS=1"), A("sh"), { QUIET(true), SECRETS(true),
	    ROWNER(true), NOOVER(true), NNP(true) } },
	/* flags win; a flag is not taken back by a "0" */
	{ A("tend", "--secrets", "sh"), A("TEND_SECRETS=0"), A("sh"),
	    { SECRETS(true) } },
	{ A("tend", "--wait-timeout", "1s", "sh"),
	    A("TEND_WAIT_TIMEOUT=2s"), A("sh"), { TIMEOUT(1000) } },
	{ A("tend", "--timeout", "1s", "sh"), A("TEND_WAIT_TIMEOUT=2s"),
	    A("sh"), { TIMEOUT(1000) } },
	{ A("tend", "--user", "b", "sh"), A("TEND_USER=a"), A("sh"),
	    { USER("b") } },
	{ A("tend", "--render-mode", "0600", "sh"),
	    A("TEND_RENDER_MODE=0644"), A("sh"), { RMODE(0600) } },
	{ A("tend", "--status", "200", "sh"), A("TEND_WAIT_STATUS=300-399"),
	    A("sh"), { LO(200), HI(200), STATUS_SET(true) } },
	{ A("tend", "--post-timeout", "0", "sh"), A("TEND_POST_TIMEOUT=9s"),
	    A("sh"), { POST_TO(0) } },
	/* wait and render read it too; only health does not */
	{ A("tend", "render", "a:b"), A("TEND_QUIET=1",
	    "TEND_RENDER_MODE=0640"), A(NULL), { MODE(OPTS_RENDER),
	    RENDERS("a:b"), QUIET(true), RMODE(0640) } },
	{ A("tend", "wait", "tcp://a:1"), A("TEND_WAIT_TIMEOUT=3s"), A(NULL),
	    { MODE(OPTS_WAIT), WAITS("tcp://a:1"), TIMEOUT(3000) } },
};

static void
test_step_env(void **state)
{
	(void)state;
	run_good(step_env, NELEM(step_env));
}

/*
 * Each list holds OPTS_LIST_MAX items; one more is refused. argv is built
 * here: "tend [SUB] [--OPT ITEM | ITEM]... [--] [sh]".
 */
static const struct {
	const char	*sub;		/* NULL: the main form */
	const char	*opt;		/* NULL: items are operands */
	int		 l;
	const char	*pre, *post;	/* item N is pre N post */
} list_rows[] = {
	{ NULL, "--wait", OPTS_L_WAIT, "tcp://h", ":1" },
	{ NULL, "--render", OPTS_L_RENDER, "/t/", ":/o/x" },
	{ NULL, "--env-file", OPTS_L_ENV_FILE, "/e/", "" },
	{ NULL, "--pre", OPTS_L_PRE, "/pre/", "" },
	{ NULL, "--post", OPTS_L_POST, "/post/", "" },
	{ NULL, "--cron", OPTS_L_CRON, "@every ", "s x" },
	{ NULL, "--crontab", OPTS_L_CRONTAB, "/c/", "" },
	{ "wait", NULL, OPTS_L_WAIT, "http://h/", "" },
	{ "wait", "--wait", OPTS_L_WAIT, "unix:///s/", "" },
	{ "render", NULL, OPTS_L_RENDER, "a", ":b" },
};

#define LIST_ITEM	32

static int
list_run(struct opts *o, size_t row, int items, char *err, size_t errlen)
{
	static char buf[OPTS_LIST_MAX + 1][LIST_ITEM];
	char *argv[3 + 2 * (OPTS_LIST_MAX + 1) + 2];
	int argc = 0, k;

	argv[argc++] = "tend";
	if (list_rows[row].sub)
		argv[argc++] = (char *)list_rows[row].sub;
	for (k = 0; k < items; k++) {
		snprintf(buf[k], sizeof(buf[k]), "%s%d%s",
		    list_rows[row].pre, k + 1, list_rows[row].post);
		if (list_rows[row].opt)
			argv[argc++] = (char *)list_rows[row].opt;
		argv[argc++] = buf[k];
	}
	if (list_rows[row].sub == NULL)
		argv[argc++] = "sh";
	argv[argc] = NULL;
	return opts_parse(o, argc, argv, NULL, err, errlen);
}

static void
test_list_max(void **state)
{
	char err[256], want[LIST_ITEM];
	struct opts o;
	size_t i;
	int k, n;

	(void)state;
	for (i = 0; i < NELEM(list_rows); i++) {
		for (n = 1; n <= OPTS_LIST_MAX; n += OPTS_LIST_MAX - 1) {
			if (list_run(&o, i, n, err, sizeof(err)) != 0)
				fail_msg("row %zu: %d items refused: %s",
				    i, n, err);
			if (o.list[list_rows[i].l].n != (size_t)n)
				fail_msg("row %zu: %zu items, want %d", i,
				    o.list[list_rows[i].l].n, n);
			for (k = 0; k < n; k++) {
				snprintf(want, sizeof(want), "%s%d%s",
				    list_rows[i].pre, k + 1,
				    list_rows[i].post);
				if (strcmp(o.list[list_rows[i].l].v[k],
				    want) != 0)
					fail_msg("item %d is \"%s\", want "
					    "\"%s\"", k,
					    o.list[list_rows[i].l].v[k], want);
			}
		}
		err[0] = '\0';
		if (list_run(&o, i, OPTS_LIST_MAX + 1, err, sizeof(err)) != -1)
			fail_msg("row %zu: %d items accepted", i,
			    OPTS_LIST_MAX + 1);
		assert_int_equal(o.usage_status, 125);
		if (strstr(err, "at most 32") == NULL)
			fail_msg("row %zu: message \"%s\" lacks "
			    "\"at most 32\"", i, err);
	}
}

/* The same bound for TEND_* lists, alone and with the flags. */
static void
test_list_max_env(void **state)
{
	static const char *const vars[] = {
		"TEND_WAIT=", "TEND_RENDER=", "TEND_ENV_FILE=", "TEND_PRE=",
		"TEND_POST=", "TEND_CRONTAB=",
	};
	static const char *const items[][2] = {	/* N between */
		{ "tcp://h:", "" }, { "a", ":b" }, { "/e", "" },
		{ "/p", "" }, { "/q", "" }, { "/c", "" },
	};
	static const int lists[] = {
		OPTS_L_WAIT, OPTS_L_RENDER, OPTS_L_ENV_FILE, OPTS_L_PRE,
		OPTS_L_POST, OPTS_L_CRONTAB,
	};
	char var[2048], err[256], *envp[2] = { var, NULL };
	char *argv[] = { "tend", "--wait", "tcp://x:9", "sh", NULL };
	struct opts o;
	size_t i, n;
	int j, k, rc;

	(void)state;
	for (i = 0; i < NELEM(vars); i++) {
		for (k = 1; k <= OPTS_LIST_MAX + 1; k++) {
			n = (size_t)snprintf(var, sizeof(var), "%s", vars[i]);
			for (j = 1; j <= k; j++)
				n += (size_t)snprintf(var + n,
				    sizeof(var) - n, "%s%s%d%s",
				    j % 2 ? " " : "\t ", items[i][0], j,
				    items[i][1]);
			assert_true(n < sizeof(var) - 1);
			err[0] = '\0';
			rc = opts_parse(&o, 4, argv, envp, err, sizeof(err));
			/* --wait adds one to TEND_WAIT's */
			n = (size_t)k + (lists[i] == OPTS_L_WAIT);
			if (n <= OPTS_LIST_MAX && rc != 0)
				fail_msg("%s with %d items: %s", vars[i], k,
				    err);
			if (n <= OPTS_LIST_MAX &&
			    o.list[lists[i]].n != n)
				fail_msg("%s with %d items: %zu", vars[i], k,
				    o.list[lists[i]].n);
			if (n > OPTS_LIST_MAX && (rc != -1 ||
			    strstr(err, "at most 32") == NULL))
				fail_msg("%s with %d items: rc %d \"%s\"",
				    vars[i], k, rc, err);
		}
	}
}

/* Which environment entries are a startup step's (not given to COMMAND). */
static void
test_is_step_env(void **state)
{
	static const struct {
		const char	*entry;
		bool		 want;
	} t[] = {
		{ "TEND_WAIT=tcp://a:1", true }, { "TEND_WAIT=", true },
		{ "TEND_WAIT_TIMEOUT=1s", true },
		{ "TEND_WAIT_INTERVAL=1s", true },
		{ "TEND_WAIT_STATUS=200", true }, { "TEND_QUIET=1", true },
		{ "TEND_RENDER=a:b", true }, { "TEND_RENDER_MODE=0600", true },
		{ "TEND_RENDER_OWNER=1", true },
		{ "TEND_NO_OVERWRITE=1", true }, { "TEND_SECRETS=1", true },
		{ "TEND_ENV_FILE=/e", true }, { "TEND_USER=app", true },
		{ "TEND_NO_NEW_PRIVS=1", true }, { "TEND_PRE=/p", true },
		{ "TEND_POST=/q", true }, { "TEND_POST_TIMEOUT=1s", true },
		{ "TEND_CRONTAB=/c", true }, { "TEND_USER==", true },
		/* not one: no '=', look-alikes, other TEND_* variables */
		{ "TEND_WAIT", false }, { "TEND_WAITX=1", false },
		{ "TEND_WAIT_=1", false }, { "XTEND_WAIT=1", false },
		{ "tend_wait=1", false }, { "TEND_wait=1", false },
		{ "TEND_WAIT-TIMEOUT=1", false }, { "TEND_ENV-FILE=1", false },
		{ "TEND_WAI=1", false }, { "TEND_=1", false },
		{ "TEND_TIMEOUT=1", false }, { "TEND_STATUS=1", false },
		{ "TEND_CONTAINS=x", false }, { "TEND_CRON=x", false },
		{ "TEND_GRACE=1s", false }, { "TEND_VERBOSITY=1", false },
		{ "TEND_SUBREAPER=1", false }, { "TEND_SETSID=1", false },
		{ "TEND_LOG=/l", false }, { "TEND_PAUSE=1", false },
		{ "TEND_HELP=1", false }, { "TINI_VERBOSITY=1", false },
		{ "PATH=/bin", false }, { "", false }, { "=", false },
		{ "WAIT=1", false }, { "TEND_SUBREAPER", false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(t); i++)
		if (opts_is_step_env(t[i].entry) != t[i].want)
			fail_msg("opts_is_step_env(\"%s\") is %s",
			    t[i].entry, t[i].want ? "false" : "true");
}

/* Personas by argv[0], and what each changes. */
static const struct good_case personas[] = {
	{ A("tini", "sh"), NOENV, A("sh"),
	    { PERSONA(PERSONA_TINI), USAGE(1) } },
	{ A("/sbin/tini", "sh"), NOENV, A("sh"),
	    { PERSONA(PERSONA_TINI), USAGE(1) } },
	{ A("tini-static", "sh"), NOENV, A("sh"),
	    { PERSONA(PERSONA_TINI), USAGE(1) } },
	{ A("/sbin/docker-init", "--", "sh"), NOENV, A("sh"),
	    { PERSONA(PERSONA_TINI), USAGE(1) } },
	{ A("dumb-init", "sh"), NOENV, A("sh"),
	    { PERSONA(PERSONA_DUMB_INIT), USAGE(1), SETSID(true),
	    PGROUP(true) } },
	{ A("/usr/bin/dumb-init", "-c", "sh"), NOENV, A("sh"),
	    { PERSONA(PERSONA_DUMB_INIT), USAGE(1) } },
	{ A("dumb-init", "--single-child", "sh"), NOENV, A("sh"),
	    { PERSONA(PERSONA_DUMB_INIT), USAGE(1) } },
	{ A("dumb-init", "sh", "-c", "x"), NOENV, A("sh", "-c", "x"),
	    { PERSONA(PERSONA_DUMB_INIT), USAGE(1), SETSID(true),
	    PGROUP(true) } },
	/* only the last path component counts */
	{ A("/opt/tini/tend", "sh"), NOENV, A("sh"), { { 0 } } },
	{ A("/opt/dumb-init/bin/tend", "sh"), NOENV, A("sh"), { { 0 } } },
	{ A("tini2", "sh"), NOENV, A("sh"), { { 0 } } },
	{ A("Tini", "sh"), NOENV, A("sh"), { { 0 } } },
};

static void
test_personas(void **state)
{
	(void)state;
	run_good(personas, NELEM(personas));
}

static void
test_persona_of(void **state)
{
	static const struct {
		const char		*argv0;
		enum opts_persona	 want;
	} t[] = {
		{ NULL, PERSONA_TEND }, { "", PERSONA_TEND },
		{ "tend", PERSONA_TEND }, { "/", PERSONA_TEND },
		{ "tini", PERSONA_TINI }, { "./tini", PERSONA_TINI },
		{ "tini-static", PERSONA_TINI },
		{ "docker-init", PERSONA_TINI },
		{ "/sbin/docker-init", PERSONA_TINI },
		{ "/dev/init", PERSONA_TEND },
		{ "dumb-init", PERSONA_DUMB_INIT },
		{ "/usr/bin/dumb-init", PERSONA_DUMB_INIT },
		{ "dumb-init/", PERSONA_TEND },
		{ "dumb-init-x", PERSONA_TEND },
		{ "tini/", PERSONA_TEND },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(t); i++)
		if (opts_persona_of(t[i].argv0) != t[i].want)
			fail_msg("opts_persona_of(\"%s\") = %d, want %d",
			    t[i].argv0 ? t[i].argv0 : "(null)",
			    opts_persona_of(t[i].argv0), t[i].want);
}

/* Bad input: rc -1, the persona's usage status, a message naming it. */
static const struct {
	const char	*argv[MAXARGS];
	const char	*envp[MAXARGS];
	int		 status;
	const char	*has[2];	/* substrings of the message */
} bad[] = {
	/* no COMMAND */
	{ A("tend"), NOENV, 125, { "COMMAND" } },
	{ A("tend", "--"), NOENV, 125, { "COMMAND" } },
	{ A("tend", "-v"), NOENV, 125, { "COMMAND" } },
	{ A("tend", "-s", "--"), NOENV, 125, { "COMMAND" } },
	{ A("tini"), NOENV, 1, { "COMMAND" } },
	{ A("dumb-init"), NOENV, 1, { "COMMAND" } },
	/* -P runs none */
	{ A("tend", "-P", "sh"), NOENV, 125, { "-P", "'sh'" } },
	{ A("tend", "--pause", "--", "sh"), NOENV, 125, { "'sh'" } },
	/* unknown flags */
	{ A("tend", "-x", "sh"), NOENV, 125, { "'-x'" } },
	{ A("tend", "-vx", "sh"), NOENV, 125, { "'-x'" } },
	{ A("tend", "-:", "sh"), NOENV, 125, { "'-:'" } },
	{ A("tend", "-S", "sh"), NOENV, 125, { "'-S'" } },
	{ A("tend", "--bogus", "sh"), NOENV, 125, { "'--bogus'" } },
	{ A("tend", "--bogus=1", "sh"), NOENV, 125, { "'--bogus'" } },
	{ A("tend", "--verb", "sh"), NOENV, 125, { "'--verb'" } },
	{ A("tend", "--verbosex", "sh"), NOENV, 125, { "'--verbosex'" } },
	{ A("tend", "---v", "sh"), NOENV, 125, { "'---v'" } },
	{ A("tend", "--=x", "sh"), NOENV, 125, { "'--'" } },
	{ A("tini", "-x", "sh"), NOENV, 1, { "'-x'" } },
	{ A("/sbin/docker-init", "--bogus", "--", "sh"), NOENV, 1,
	    { "'--bogus'" } },
	{ A("dumb-init", "-x", "sh"), NOENV, 1, { "'-x'" } },
	/* a value where none is taken */
	{ A("tend", "--help=x"), NOENV, 125, { "--help" } },
	{ A("tend", "--verbose=1", "sh"), NOENV, 125, { "--verbose" } },
	{ A("tend", "--pause="), NOENV, 125, { "--pause" } },
	/* a value missing */
	{ A("tend", "-e"), NOENV, 125, { "-e" } },
	{ A("tend", "-p"), NOENV, 125, { "-p" } },
	{ A("tend", "-r"), NOENV, 125, { "-r" } },
	{ A("tend", "-vve"), NOENV, 125, { "-e" } },
	{ A("tend", "--grace"), NOENV, 125, { "--grace" } },
	{ A("tend", "--pdeathsig"), NOENV, 125, { "--pdeathsig" } },
	{ A("tend", "--remap-exit"), NOENV, 125, { "--remap-exit" } },
	{ A("tend", "--rewrite"), NOENV, 125, { "--rewrite" } },
	/* -p */
	{ A("tend", "-p", "FOO", "sh"), NOENV, 125, { "-p", "'FOO'" } },
	{ A("tend", "-p", "0", "sh"), NOENV, 125, { "-p", "'0'" } },
	{ A("tend", "-p", "65", "sh"), NOENV, 125, { "-p", "'65'" } },
	{ A("tend", "-p", "-1", "sh"), NOENV, 125, { "-p", "'-1'" } },
	{ A("tend", "-p", "", "sh"), NOENV, 125, { "-p", "''" } },
	{ A("tend", "-p", "15x", "sh"), NOENV, 125, { "-p", "'15x'" } },
	{ A("tend", "-p", "--", "sh"), NOENV, 125, { "-p", "'--'" } },
	{ A("tend", "--pdeathsig=NOPE", "sh"), NOENV, 125,
	    { "--pdeathsig", "'NOPE'" } },
	/* -e */
	{ A("tend", "-e", "256", "sh"), NOENV, 125, { "-e", "'256'" } },
	{ A("tend", "-e", "-1", "sh"), NOENV, 125, { "-e", "'-1'" } },
	{ A("tend", "-e", "", "sh"), NOENV, 125, { "-e", "''" } },
	{ A("tend", "-e", "1,,2", "sh"), NOENV, 125, { "-e", "'1,,2'" } },
	{ A("tend", "-e", "1,", "sh"), NOENV, 125, { "-e", "'1,'" } },
	{ A("tend", "-e", ",1", "sh"), NOENV, 125, { "-e", "',1'" } },
	{ A("tend", "-e", "1,256", "sh"), NOENV, 125, { "-e", "'1,256'" } },
	{ A("tend", "-e", "x", "sh"), NOENV, 125, { "-e", "'x'" } },
	{ A("tend", "-e", "+1", "sh"), NOENV, 125, { "-e", "'+1'" } },
	{ A("tend", "-e", " 1", "sh"), NOENV, 125, { "-e", "' 1'" } },
	{ A("tend", "-e", "1 ", "sh"), NOENV, 125, { "-e", "'1 '" } },
	{ A("tend", "-e", "0x10", "sh"), NOENV, 125, { "-e", "'0x10'" } },
	{ A("tend", "-e", "99999999999999999999", "sh"), NOENV, 125,
	    { "-e", "'99999999999999999999'" } },
	{ A("tend", "-e256", "sh"), NOENV, 125, { "-e", "'256'" } },
	{ A("tend", "--remap-exit=256", "sh"), NOENV, 125,
	    { "--remap-exit", "'256'" } },
	/* -r */
	{ A("tend", "-r", "15:", "sh"), NOENV, 125, { "-r", "'15:'" } },
	{ A("tend", "-r", ":3", "sh"), NOENV, 125, { "-r", "':3'" } },
	{ A("tend", "-r", "15", "sh"), NOENV, 125, { "-r", "'15'" } },
	{ A("tend", "-r", ":", "sh"), NOENV, 125, { "-r", "':'" } },
	{ A("tend", "-r", "", "sh"), NOENV, 125, { "-r", "''" } },
	{ A("tend", "-r", "9:1", "sh"), NOENV, 125, { "-r", "'9:1'" } },
	{ A("tend", "-r", "KILL:TERM", "sh"), NOENV, 125,
	    { "-r", "'KILL:TERM'" } },
	{ A("tend", "-r", "STOP:TSTP", "sh"), NOENV, 125,
	    { "-r", "'STOP:TSTP'" } },
	{ A("tend", "-r", "CHLD:1", "sh"), NOENV, 125,
	    { "-r", "'CHLD:1'" } },
	{ A("tend", "-r", "0:1", "sh"), NOENV, 125, { "-r", "'0:1'" } },
	{ A("tend", "-r", "15:65", "sh"), NOENV, 125, { "-r", "'15:65'" } },
	{ A("tend", "-r", "65:1", "sh"), NOENV, 125, { "-r", "'65:1'" } },
	{ A("tend", "-r", "15:FOO", "sh"), NOENV, 125,
	    { "-r", "'15:FOO'" } },
	{ A("tend", "-r", "FOO:3", "sh"), NOENV, 125, { "-r", "'FOO:3'" } },
	{ A("tend", "-r", "15:3:2", "sh"), NOENV, 125,
	    { "-r", "'15:3:2'" } },
	{ A("tend", "-r", "15:3,", "sh"), NOENV, 125, { "-r", "'15:3,'" } },
	{ A("tend", "-r", "15:3,,2:0", "sh"), NOENV, 125,
	    { "-r", "'15:3,,2:0'" } },
	{ A("tend", "--rewrite=9:1", "sh"), NOENV, 125,
	    { "--rewrite", "'9:1'" } },
	/* --grace */
	{ A("tend", "--grace", "-1s", "sh"), NOENV, 125,
	    { "--grace", "'-1s'" } },
	{ A("tend", "--grace=-1s", "sh"), NOENV, 125,
	    { "--grace", "'-1s'" } },
	{ A("tend", "--grace", "5x", "sh"), NOENV, 125,
	    { "--grace", "'5x'" } },
	{ A("tend", "--grace", "", "sh"), NOENV, 125, { "--grace", "''" } },
	{ A("tend", "--grace=", "sh"), NOENV, 125, { "--grace", "''" } },
	{ A("tend", "--grace", "31d", "sh"), NOENV, 125,
	    { "--grace", "'31d'" } },
	/* the environment: the message names the variable and the value */
	{ A("tend", "sh"), A("TEND_SUBREAPER=maybe"), 125,
	    { "TEND_SUBREAPER", "'maybe'" } },
	{ A("tend", "sh"), A("TEND_SUBREAPER=2"), 125,
	    { "TEND_SUBREAPER", "'2'" } },
	{ A("tend", "sh"), A("TEND_PDEATHSIG=FOO"), 125,
	    { "TEND_PDEATHSIG", "'FOO'" } },
	{ A("tend", "sh"), A("TEND_PDEATHSIG=0"), 125,
	    { "TEND_PDEATHSIG", "'0'" } },
	{ A("tend", "sh"), A("TEND_PDEATHSIG="), 125,
	    { "TEND_PDEATHSIG", "''" } },
	{ A("tend", "sh"), A("TEND_VERBOSITY=x"), 125,
	    { "TEND_VERBOSITY", "'x'" } },
	{ A("tend", "sh"), A("TEND_VERBOSITY=-1"), 125,
	    { "TEND_VERBOSITY", "'-1'" } },
	{ A("tend", "sh"), A("TEND_VERBOSITY=10"), 125,
	    { "TEND_VERBOSITY", "'10'" } },
	{ A("tend", "sh"), A("TEND_VERBOSITY="), 125,
	    { "TEND_VERBOSITY", "''" } },
	/* a prefix is at most OPTS_PREFIX_MAX bytes */
	{ A("tend", "--log", "/a", "--prefix",
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
	    "sh"), NOENV, 125, { "--prefix", "bad value" } },
	/* --version counts only on its own, as in tini */
	{ A("tend", "--version", "extra"), NOENV, 125, { "--version" } },
	{ A("tini", "--version", "--foo"), NOENV, 1, { "--foo" } },
	{ A("tend", "sh"), A("TEND_WARN_REAP=2"), 125,
	    { "TEND_WARN_REAP", "'2'" } },
	{ A("tend", "sh"), A("TEND_PGROUP=x"), 125,
	    { "TEND_PGROUP", "'x'" } },
	{ A("tend", "sh"), A("TEND_SETSID=2"), 125,
	    { "TEND_SETSID", "'2'" } },
	{ A("tend", "sh"), A("TEND_REMAP_EXIT=256"), 125,
	    { "TEND_REMAP_EXIT", "'256'" } },
	{ A("tend", "sh"), A("TEND_REMAP_EXIT=143,,130"), 125,
	    { "TEND_REMAP_EXIT", "'143,,130'" } },
	{ A("tend", "sh"), A("TEND_REMAP_EXIT="), 125,
	    { "TEND_REMAP_EXIT", "''" } },
	{ A("tend", "sh"), A("TEND_REWRITE=15"), 125,
	    { "TEND_REWRITE", "'15'" } },
	{ A("tend", "sh"), A("TEND_REWRITE=15:3,9:1"), 125,
	    { "TEND_REWRITE", "'15:3,9:1'" } },
	{ A("tend", "sh"), A("TEND_REWRITE=15:"), 125,
	    { "TEND_REWRITE", "'15:'" } },
	{ A("tend", "sh"), A("TEND_GRACE=5x"), 125,
	    { "TEND_GRACE", "'5x'" } },
	{ A("tend", "sh"), A("TEND_GRACE=-1s"), 125,
	    { "TEND_GRACE", "'-1s'" } },
	{ A("dumb-init", "sh"), A("TEND_GRACE=5x"), 1,
	    { "TEND_GRACE", "'5x'" } },
	/* subcommands without operands, or with too many */
	{ A("tend", "wait"), NOENV, 125, { "wait", "URL" } },
	{ A("tend", "wait", "--"), NOENV, 125, { "wait", "URL" } },
	{ A("tend", "wait", "-q", "--timeout", "1s"), NOENV, 125,
	    { "wait", "URL" } },
	{ A("tend", "wait", "--", "tcp://a:1"), NOENV, 125,
	    { "wait", "URL" } },
	{ A("tini", "wait"), NOENV, 1, { "wait", "URL" } },
	{ A("dumb-init", "render"), NOENV, 1, { "render", "SRC:DST" } },
	{ A("tend", "render"), NOENV, 125, { "render", "SRC:DST" } },
	{ A("tend", "render", "--render-mode", "0600", "--", "sh"), NOENV,
	    125, { "render", "SRC:DST" } },
	{ A("tend", "health"), NOENV, 125, { "health", "one URL" } },
	{ A("tend", "health", "--"), NOENV, 125, { "health", "one URL" } },
	{ A("tend", "health", "tcp://a:1", "tcp://b:2"), NOENV, 125,
	    { "health", "one URL" } },
	{ A("tend", "health", "--wait", "tcp://a:1", "tcp://b:2"), NOENV, 125,
	    { "health", "one URL" } },
	{ A("tend", "health", "tcp://a:1", "--", "x"), NOENV, 125,
	    { "health", "one URL" } },
	{ A("tend", "health", "--", "tcp://a:1"), NOENV, 125,
	    { "health", "one URL" } },
	{ A("tend", "health", "a", "b"), NOENV, 125, { "'a'" } },
	/* -P would turn a subcommand into pause mode */
	{ A("tend", "health", "-P"), NOENV, 125, { "-P", "subcommand" } },
	{ A("tend", "health", "tcp://a:1", "-P"), NOENV, 125, { "-P" } },
	{ A("tend", "wait", "-P"), NOENV, 125, { "-P" } },
	{ A("tend", "render", "a:b", "-P"), NOENV, 125, { "-P" } },
	{ A("tini", "health", "tcp://a:1", "--", "x"), NOENV, 1,
	    { "one URL" } },
	/* operands are checked as what they are */
	{ A("tend", "wait", "sh", "-c", "x"), NOENV, 125, { "URL", "'sh'" } },
	{ A("tend", "wait", "-"), NOENV, 125, { "URL", "'-'" } },
	{ A("tend", "wait", ""), NOENV, 125, { "URL", "''" } },
	{ A("tend", "wait", "https://example.com/"), NOENV, 125,
	    { "'https://example.com/'", "https" } },
	{ A("tend", "health", "https://example.com/"), NOENV, 125,
	    { "'https://example.com/'", "https" } },
	{ A("tend", "render", "a:b", "sh"), NOENV, 125,
	    { "SRC:DST", "'sh'" } },
	/* only health ignores the environment, and only as argv[1] */
	{ A("tend", "wait", "tcp://a:1"), A("TEND_SECRETS=maybe"), 125,
	    { "TEND_SECRETS", "'maybe'" } },
	{ A("tend", "render", "a:b"), A("TEND_RENDER_MODE=8"), 125,
	    { "TEND_RENDER_MODE", "'8'" } },
	{ A("tend", "-v", "health", "tcp://a:1"), A("TEND_SECRETS=maybe"),
	    125, { "TEND_SECRETS", "'maybe'" } },
	{ A("tend", "--", "health", "tcp://a:1"), A("TEND_WAIT=https://x/"),
	    125, { "TEND_WAIT", "'https://x/'" } },
	/* URLs */
	{ A("tend", "--wait", "https://x/", "sh"), NOENV, 125,
	    { "--wait", "'https://x/'" } },
	{ A("tend", "--wait", "ftp://x:21", "sh"), NOENV, 125,
	    { "--wait", "'ftp://x:21'" } },
	{ A("tend", "--wait", "tcp://db", "sh"), NOENV, 125,
	    { "--wait", "'tcp://db'" } },
	{ A("tend", "--wait", "db:5432", "sh"), NOENV, 125,
	    { "--wait", "'db:5432'" } },
	{ A("tend", "--wait", "", "sh"), NOENV, 125, { "--wait", "''" } },
	{ A("tend", "--wait=", "sh"), NOENV, 125, { "--wait", "''" } },
	{ A("tend", "--wait"), NOENV, 125, { "--wait" } },
	{ A("tini", "--wait", "https://x/", "sh"), NOENV, 1,
	    { "--wait", "'https://x/'" } },
	{ A("tend", "sh"), A("TEND_WAIT=tcp://a:1 https://b/"), 125,
	    { "TEND_WAIT", "'https://b/'" } },
	{ A("tend", "sh"), A("TEND_WAIT=tcp://a"), 125,
	    { "TEND_WAIT", "'tcp://a'" } },
	/* SRC:DST: a ':' with something on both sides */
	{ A("tend", "--render", "a", "sh"), NOENV, 125,
	    { "--render", "'a'" } },
	{ A("tend", "--render", ":b", "sh"), NOENV, 125,
	    { "--render", "':b'" } },
	{ A("tend", "--render", "a:", "sh"), NOENV, 125,
	    { "--render", "'a:'" } },
	{ A("tend", "--render", ":", "sh"), NOENV, 125,
	    { "--render", "':'" } },
	{ A("tend", "--render", "a:b:", "sh"), NOENV, 125,
	    { "--render", "'a:b:'" } },
	{ A("tend", "--render", "", "sh"), NOENV, 125,
	    { "--render", "''" } },
	{ A("tend", "render", "nocolon"), NOENV, 125,
	    { "SRC:DST", "'nocolon'" } },
	{ A("tend", "sh"), A("TEND_RENDER=a:b c"), 125,
	    { "TEND_RENDER", "'c'" } },
	/* --render-mode: octal, at most 07777 */
	{ A("tend", "--render-mode", "10000", "sh"), NOENV, 125,
	    { "--render-mode", "'10000'" } },
	{ A("tend", "--render-mode", "17777", "sh"), NOENV, 125,
	    { "--render-mode", "'17777'" } },
	{ A("tend", "--render-mode", "77777", "sh"), NOENV, 125,
	    { "--render-mode", "'77777'" } },
	{ A("tend", "--render-mode", "8", "sh"), NOENV, 125,
	    { "--render-mode", "'8'" } },
	{ A("tend", "--render-mode", "0648", "sh"), NOENV, 125,
	    { "--render-mode", "'0648'" } },
	{ A("tend", "--render-mode", "", "sh"), NOENV, 125,
	    { "--render-mode", "''" } },
	{ A("tend", "--render-mode=", "sh"), NOENV, 125,
	    { "--render-mode", "''" } },
	{ A("tend", "--render-mode", "-1", "sh"), NOENV, 125,
	    { "--render-mode", "'-1'" } },
	{ A("tend", "--render-mode", "+644", "sh"), NOENV, 125,
	    { "--render-mode", "'+644'" } },
	{ A("tend", "--render-mode", " 644", "sh"), NOENV, 125,
	    { "--render-mode", "' 644'" } },
	{ A("tend", "--render-mode", "644 ", "sh"), NOENV, 125,
	    { "--render-mode", "'644 '" } },
	{ A("tend", "--render-mode", "0x1ff", "sh"), NOENV, 125,
	    { "--render-mode", "'0x1ff'" } },
	{ A("tend", "--render-mode", "u+rw", "sh"), NOENV, 125,
	    { "--render-mode", "'u+rw'" } },
	{ A("tend", "--render-mode", "99999999999999999999", "sh"), NOENV,
	    125, { "--render-mode", "'99999999999999999999'" } },
	{ A("tend", "--render-mode"), NOENV, 125, { "--render-mode" } },
	{ A("tend", "sh"), A("TEND_RENDER_MODE=10000"), 125,
	    { "TEND_RENDER_MODE", "'10000'" } },
	{ A("tend", "sh"), A("TEND_RENDER_MODE="), 125,
	    { "TEND_RENDER_MODE", "''" } },
	/* HTTP statuses 100-599, LO <= HI */
	{ A("tend", "--wait-status", "99", "sh"), NOENV, 125,
	    { "--wait-status", "'99'" } },
	{ A("tend", "--wait-status", "600", "sh"), NOENV, 125,
	    { "--wait-status", "'600'" } },
	{ A("tend", "--wait-status", "200-600", "sh"), NOENV, 125,
	    { "--wait-status", "'200-600'" } },
	{ A("tend", "--wait-status", "99-200", "sh"), NOENV, 125,
	    { "--wait-status", "'99-200'" } },
	{ A("tend", "--wait-status", "300-200", "sh"), NOENV, 125,
	    { "--wait-status", "'300-200'" } },
	{ A("tend", "--wait-status", "200-", "sh"), NOENV, 125,
	    { "--wait-status", "'200-'" } },
	{ A("tend", "--wait-status", "-200", "sh"), NOENV, 125,
	    { "--wait-status", "'-200'" } },
	{ A("tend", "--wait-status", "2xx", "sh"), NOENV, 125,
	    { "--wait-status", "'2xx'" } },
	{ A("tend", "--wait-status", "", "sh"), NOENV, 125,
	    { "--wait-status", "''" } },
	{ A("tend", "--status", "99", "sh"), NOENV, 125,
	    { "--status", "'99'" } },
	{ A("tend", "health", "--status", "99", "http://h/"), NOENV, 125,
	    { "--status", "'99'" } },
	{ A("tend", "sh"), A("TEND_WAIT_STATUS=99"), 125,
	    { "TEND_WAIT_STATUS", "'99'" } },
	/* durations */
	{ A("tend", "--wait-timeout", "5x", "sh"), NOENV, 125,
	    { "--wait-timeout", "'5x'" } },
	{ A("tend", "--timeout", "-1s", "sh"), NOENV, 125,
	    { "--timeout", "'-1s'" } },
	{ A("tend", "--wait-timeout", "", "sh"), NOENV, 125,
	    { "--wait-timeout", "''" } },
	{ A("tend", "--wait-interval", "x", "sh"), NOENV, 125,
	    { "--wait-interval", "'x'" } },
	{ A("tend", "--wait-interval", "-1ms", "sh"), NOENV, 125,
	    { "--wait-interval", "'-1ms'" } },
	{ A("tend", "--post-timeout", "31d", "sh"), NOENV, 125,
	    { "--post-timeout", "'31d'" } },
	{ A("tend", "health", "--timeout", "5x", "http://h/"), NOENV, 125,
	    { "--timeout", "'5x'" } },
	{ A("tend", "sh"), A("TEND_WAIT_TIMEOUT=5x"), 125,
	    { "TEND_WAIT_TIMEOUT", "'5x'" } },
	{ A("tend", "sh"), A("TEND_WAIT_INTERVAL="), 125,
	    { "TEND_WAIT_INTERVAL", "''" } },
	{ A("tend", "sh"), A("TEND_POST_TIMEOUT=soon"), 125,
	    { "TEND_POST_TIMEOUT", "'soon'" } },
	/* --user is not empty */
	{ A("tend", "--user", "", "sh"), NOENV, 125, { "--user", "''" } },
	{ A("tend", "--user=", "sh"), NOENV, 125, { "--user", "''" } },
	{ A("tend", "--user"), NOENV, 125, { "--user" } },
	{ A("tend", "sh"), A("TEND_USER="), 125, { "TEND_USER", "''" } },
	/* list items are not empty */
	{ A("tend", "--env-file", "", "sh"), NOENV, 125,
	    { "--env-file", "''" } },
	{ A("tend", "--pre", "", "sh"), NOENV, 125, { "--pre", "''" } },
	{ A("tend", "--post=", "sh"), NOENV, 125, { "--post", "''" } },
	{ A("tend", "--crontab", "", "sh"), NOENV, 125,
	    { "--crontab", "''" } },
	{ A("tend", "--contains"), NOENV, 125, { "--contains" } },
	/* cron specs */
	{ A("tend", "--cron", "60 * * * * x", "sh"), NOENV, 125,
	    { "--cron", "'60 * * * * x'" } },
	{ A("tend", "--cron", "* * * * *", "sh"), NOENV, 125,
	    { "--cron", "'* * * * *'" } },
	{ A("tend", "--cron", "* * * *", "sh"), NOENV, 125,
	    { "--cron", "'* * * *'" } },
	{ A("tend", "--cron", "@sometimes x", "sh"), NOENV, 125,
	    { "--cron", "'@sometimes x'" } },
	{ A("tend", "--cron", "@every 0s x", "sh"), NOENV, 125,
	    { "--cron", "'@every 0s x'" } },
	{ A("tend", "--cron", "@daily", "sh"), NOENV, 125,
	    { "--cron", "'@daily'" } },
	{ A("tend", "--cron", "", "sh"), NOENV, 125, { "--cron", "''" } },
	{ A("tend", "--cron=*/0 * * * * x", "sh"), NOENV, 125,
	    { "--cron", "'*/0 * * * * x'" } },
	/* -P runs no cron jobs, wherever they come from */
	{ A("tend", "-P", "--cron", "@daily x"), NOENV, 125,
	    { "-P", "cron" } },
	{ A("tend", "--cron", "@daily x", "-P"), NOENV, 125,
	    { "-P", "cron" } },
	{ A("tend", "--pause", "--crontab", "/etc/crontab"), NOENV, 125,
	    { "-P", "cron" } },
	{ A("tend", "-P"), A("TEND_CRONTAB=/etc/crontab"), 125,
	    { "-P", "cron" } },
	{ A("tini", "-P", "--cron", "@daily x"), NOENV, 1,
	    { "-P", "cron" } },
	/* booleans */
	{ A("tend", "sh"), A("TEND_SECRETS=maybe"), 125,
	    { "TEND_SECRETS", "'maybe'" } },
	{ A("tend", "sh"), A("TEND_SECRETS=2"), 125,
	    { "TEND_SECRETS", "'2'" } },
	{ A("tend", "sh"), A("TEND_SECRETS=TRUE"), 125,
	    { "TEND_SECRETS", "'TRUE'" } },
	{ A("tend", "sh"), A("TEND_SECRETS= 1"), 125,
	    { "TEND_SECRETS", "' 1'" } },
	{ A("tend", "sh"), A("TEND_QUIET=y"), 125,
	    { "TEND_QUIET", "'y'" } },
	{ A("tend", "sh"), A("TEND_RENDER_OWNER=11"), 125,
	    { "TEND_RENDER_OWNER", "'11'" } },
	{ A("tend", "sh"), A("TEND_NO_OVERWRITE=of"), 125,
	    { "TEND_NO_OVERWRITE", "'of'" } },
	{ A("tend", "sh"), A("TEND_NO_NEW_PRIVS=x"), 125,
	    { "TEND_NO_NEW_PRIVS", "'x'" } },
	{ A("dumb-init", "sh"), A("TEND_SECRETS=maybe"), 1,
	    { "TEND_SECRETS", "'maybe'" } },
	{ A("tend", "--secrets=1", "sh"), NOENV, 125, { "--secrets" } },
	{ A("tend", "--quiet=1", "sh"), NOENV, 125, { "--quiet" } },
	{ A("tend", "--no-new-privs=", "sh"), NOENV, 125,
	    { "--no-new-privs" } },
};

static void
test_bad(void **state)
{
	struct opts o;
	struct run r;
	size_t i, k;

	(void)state;
	for (i = 0; i < NELEM(bad); i++) {
		run(&r, &o, bad[i].argv, bad[i].envp);
		if (r.rc != -1)
			fail_msg("\"%s\" accepted", show(bad[i].argv,
			    bad[i].envp));
		if (o.usage_status != bad[i].status)
			fail_msg("\"%s\": usage_status %d, want %d",
			    show(bad[i].argv, bad[i].envp), o.usage_status,
			    bad[i].status);
		if (strchr(r.err, '\n') != NULL)
			fail_msg("\"%s\": message is not one line: \"%s\"",
			    show(bad[i].argv, bad[i].envp), r.err);
		for (k = 0; k < NELEM(bad[i].has) && bad[i].has[k]; k++)
			if (strstr(r.err, bad[i].has[k]) == NULL)
				fail_msg("\"%s\": message \"%s\" lacks \"%s\"",
				    show(bad[i].argv, bad[i].envp), r.err,
				    bad[i].has[k]);
	}
}

/* -e and TEND_REMAP_EXIT: exactly these codes and no other become 0. */
static void
test_remap(void **state)
{
	static const struct {
		const char	*argv[MAXARGS];
		const char	*envp[MAXARGS];
		int		 codes[8];	/* -1 ends */
	} t[] = {
		{ A("tend", "sh"), NOENV, { -1 } },
		{ A("tend", "-e", "143", "sh"), NOENV, { 143, -1 } },
		{ A("tend", "-e5", "sh"), NOENV, { 5, -1 } },
		{ A("tend", "-e", "0", "sh"), NOENV, { 0, -1 } },
		{ A("tend", "-e", "255", "sh"), NOENV, { 255, -1 } },
		{ A("tend", "-e", "007", "sh"), NOENV, { 7, -1 } },
		{ A("tend", "-e", "143,130", "sh"), NOENV, { 130, 143, -1 } },
		{ A("tend", "-e", "1", "-e", "2", "-e2", "sh"), NOENV,
		    { 1, 2, -1 } },
		{ A("tend", "-ve", "31", "-e32", "sh"), NOENV,
		    { 31, 32, -1 } },
		{ A("tend", "--remap-exit", "130", "sh"), NOENV, { 130, -1 } },
		{ A("tend", "--remap-exit=1,2,3", "sh"), NOENV,
		    { 1, 2, 3, -1 } },
		{ A("tend", "sh"), A("TEND_REMAP_EXIT=143,130"),
		    { 130, 143, -1 } },
		{ A("tend", "sh"), A("TEND_REMAP_EXIT=0"), { 0, -1 } },
		{ A("tend", "-e", "2", "sh"), A("TEND_REMAP_EXIT=1"),
		    { 1, 2, -1 } },
		{ A("tend", "sh", "-e", "1"), NOENV, { -1 } },
	};
	struct opts o;
	struct run r;
	size_t i, k;
	int n;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		run(&r, &o, t[i].argv, t[i].envp);
		if (r.rc != 0)
			fail_msg("\"%s\" failed: %s",
			    show(t[i].argv, t[i].envp), r.err);
		for (n = -1; n <= 256; n++) {
			bool want = false;

			for (k = 0; t[i].codes[k] >= 0; k++)
				want = want || t[i].codes[k] == n;
			if (exit_remap_has(&o.remap, n) != want)
				fail_msg("\"%s\": %d %s the set",
				    show(t[i].argv, t[i].envp), n,
				    want ? "missing from" : "wrongly in");
		}
	}
}

/* -r and TEND_REWRITE: these pairs, every other signal maps to itself. */
static void
test_rewrite(void **state)
{
	static const struct {
		const char	*argv[MAXARGS];
		const char	*envp[MAXARGS];
		int		 map[4][2];	/* FROM, TO; FROM 0 ends */
	} t[] = {
		{ A("tend", "sh"), NOENV, { { 0 } } },
		{ A("tend", "-r", "15:3", "sh"), NOENV, { { 15, 3 } } },
		{ A("tend", "-r15:3", "sh"), NOENV, { { 15, 3 } } },
		{ A("tend", "-r", "TERM:QUIT", "sh"), NOENV,
		    { { SIGTERM, SIGQUIT } } },
		{ A("tend", "-r", "sigterm:SIGquit", "sh"), NOENV,
		    { { SIGTERM, SIGQUIT } } },
		{ A("tend", "-r", "15:0", "sh"), NOENV, { { 15, 0 } } },
		{ A("tend", "-r", "15:3,2:0", "sh"), NOENV,
		    { { 15, 3 }, { 2, 0 } } },
		{ A("tend", "-r", "1:2", "-r", "2:1", "sh"), NOENV,
		    { { 1, 2 }, { 2, 1 } } },
		{ A("tend", "-r", "15:3", "-r", "15:2", "sh"), NOENV,
		    { { 15, 2 } } },
		/* RTMIN counts from 34, as kill(1) and Docker do */
		{ A("tend", "-r", "RTMIN+1:RTMAX", "sh"), NOENV,
		    { { 35, NSIG - 1 } } },
		{ A("tend", "-r", "64:1", "sh"), NOENV, { { NSIG - 1, 1 } } },
		{ A("tend", "-r", "TSTP:STOP", "sh"), NOENV,
		    { { SIGTSTP, SIGSTOP } } },
		{ A("tend", "--rewrite", "INT:TERM", "sh"), NOENV,
		    { { SIGINT, SIGTERM } } },
		{ A("tend", "--rewrite=HUP:0", "sh"), NOENV,
		    { { SIGHUP, 0 } } },
		{ A("tend", "sh"), A("TEND_REWRITE=15:3,2:0"),
		    { { 15, 3 }, { 2, 0 } } },
		/* a session of its own: job control stops by SIGSTOP */
		{ A("tend", "--setsid", "sh"), NOENV,
		    { { SIGTSTP, SIGSTOP }, { SIGTTIN, SIGSTOP },
		    { SIGTTOU, SIGSTOP } } },
		{ A("dumb-init", "-r", "TSTP:HUP", "sh"), NOENV,
		    { { SIGTSTP, SIGHUP }, { SIGTTIN, SIGSTOP },
		    { SIGTTOU, SIGSTOP } } },
		{ A("dumb-init", "-c", "sh"), NOENV, { { 0 } } },
		{ A("tend", "-r", "15:2", "sh"), A("TEND_REWRITE=15:3,2:0"),
		    { { 15, 2 }, { 2, 0 } } },
	};
	struct opts o;
	struct run r;
	size_t i, k;
	int s, want;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		run(&r, &o, t[i].argv, t[i].envp);
		if (r.rc != 0)
			fail_msg("\"%s\" failed: %s",
			    show(t[i].argv, t[i].envp), r.err);
		for (s = 0; s < NSIG; s++) {
			want = s;
			for (k = 0; k < NELEM(t[i].map) && t[i].map[k][0];
			    k++)
				if (t[i].map[k][0] == s)
					want = t[i].map[k][1];
			if (o.rewrite[s] != want)
				fail_msg("\"%s\": rewrite[%d] = %d, want %d",
				    show(t[i].argv, t[i].envp), s,
				    o.rewrite[s], want);
		}
	}
}

/* A NULL environment is an empty one. */
static void
test_null_env(void **state)
{
	char *argv[] = { "tend", "-v", "sh", NULL }, err[128];
	struct opts o;

	(void)state;
	assert_int_equal(opts_parse(&o, 3, argv, NULL, err, sizeof(err)), 0);
	assert_int_equal(o.verbosity, 2);
	assert_ptr_equal(o.argv, argv + 2);
}

/* argc 0 (execve with an empty argv): no argv[0], no COMMAND. */
static void
test_argc_zero(void **state)
{
	char *argv[] = { NULL }, err[128] = "";
	struct opts o;

	(void)state;
	assert_int_equal(opts_parse(&o, 0, argv, NULL, err, sizeof(err)), -1);
	assert_int_equal(o.usage_status, 125);
	assert_non_null(strstr(err, "COMMAND"));
}

/* A tiny error buffer truncates, never overflows (ASan watches). */
static void
test_short_err_buffer(void **state)
{
	char *argv[] = { "tend", "--grace", "5xxxxxxxxxxxxxxxxxxxxx", "sh",
	    NULL }, *err;
	struct opts o;

	(void)state;
	err = test_malloc(8);
	assert_int_equal(opts_parse(&o, 4, argv, NULL, err, 8), -1);
	assert_int_equal(strlen(err), 7);
	test_free(err);
}

/* --help documents every long option and every variable. */
static void
test_usage(void **state)
{
	static const char *const must[] = {
		"--subreaper", "--pdeathsig", "--verbose", "--warn-reap",
		"--pgroup", "--remap-exit", "--rewrite", "--single-child",
		"--setsid", "--grace", "--pause", "--version", "--license",
		"--help", "-s ", "-p ", "-v ", "-w ", "-g ", "-e ", "-r ",
		"-c ", "-P ", "-V ", "-l ", "-h ", "TINI_SUBREAPER",
		"TINI_KILL_PROCESS_GROUP", "TINI_VERBOSITY",
		"DUMB_INIT_SETSID", "TEND_SUBREAPER", "TEND_PDEATHSIG",
		"TEND_VERBOSITY", "TEND_WARN_REAP", "TEND_PGROUP",
		"TEND_SETSID", "TEND_REMAP_EXIT", "TEND_REWRITE", "TEND_GRACE",
		"--log", "--tail", "--tail-from", "--syslog", "--syslog-stderr",
		"--prefix", "--log-format", "TEND_LOG", "TEND_TAIL",
		"TEND_TAIL_FROM", "TEND_SYSLOG", "TEND_SYSLOG_STDERR",
		"TEND_LOG_FORMAT", "tend wait ", "tend render ",
		"tend health ", "--wait ", "--wait-timeout", "--wait-interval",
		"--wait-status", "--timeout", "--status", "--contains",
		"-q ", "--quiet", "--render ", "--render-mode",
		"--render-owner", "--no-overwrite", "--secrets", "--env-file",
		"--user", "--no-new-privs", "--pre ", "--post ",
		"--post-timeout", "--cron ", "--crontab", "TEND_<LONG_OPTION>",
	};
	const char *u = opts_usage();
	size_t i, n;

	(void)state;
	assert_non_null(u);
	assert_memory_equal(u, "Usage: tend ", 12);
	n = strlen(u);
	assert_true(n > 0 && u[n - 1] == '\n');
	for (i = 0; i < NELEM(must); i++)
		if (strstr(u, must[i]) == NULL)
			fail_msg("--help does not mention %s", must[i]);
}

/* -l prints the LICENSE file, byte for byte (make runs us at the top). */
static void
test_license(void **state)
{
	FILE *f;
	char *want;
	long n;

	(void)state;
	f = fopen("LICENSE", "rb");
	if (f == NULL)
		fail_msg("cannot open LICENSE: run from the top of the tree");
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	want = test_malloc((size_t)n + 1);
	assert_int_equal(fread(want, 1, (size_t)n, f), (size_t)n);
	want[n] = '\0';
	fclose(f);
	assert_string_equal(opts_license(), want);
	test_free(want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_env),
		cmocka_unit_test(test_subcommands),
		cmocka_unit_test(test_steps),
		cmocka_unit_test(test_step_env),
		cmocka_unit_test(test_list_max),
		cmocka_unit_test(test_list_max_env),
		cmocka_unit_test(test_is_step_env),
		cmocka_unit_test(test_personas),
		cmocka_unit_test(test_persona_of),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_remap),
		cmocka_unit_test(test_rewrite),
		cmocka_unit_test(test_null_env),
		cmocka_unit_test(test_argc_zero),
		cmocka_unit_test(test_short_err_buffer),
		cmocka_unit_test(test_usage),
		cmocka_unit_test(test_license),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
