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
enum kind { K_END, K_BOOL, K_INT, K_I64, K_MODE, K_PERSONA };

struct field {
	const char	*name;
	size_t		 off;
	enum kind	 kind;
	int64_t		 want;
};

#define F(k, m, v)	{ #m, offsetof(struct opts, m), (k), (v) }
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
	case K_END:
		break;
	}
	fail_msg("bad field kind");
	return 0;
}

/* The defaults every row starts from: "tend sh". */
static const struct field defaults[] = {
	MODE(OPTS_RUN), PERSONA(PERSONA_TEND), USAGE(125), VERB(1),
	SUBREAPER(false), PDEATH(0), WARN(false), PGROUP(false),
	SETSID(false), GRACE(OPTS_GRACE_DEFAULT_MS),
};

struct good_case {
	const char	*argv[MAXARGS];
	const char	*envp[MAXARGS];
	const char	*cmd[MAXARGS];	/* o->argv, NULL-terminated */
	struct field	 f[6];		/* what differs from the defaults */
};

/*
 * Check every field of o: the row's value where it names the field, the
 * default where it does not, so a flag that sets too much is caught too.
 */
static void
check_fields(const struct opts *o, const struct good_case *c)
{
	const struct field *want;
	size_t i, k;
	int64_t got;

	for (i = 0; i < NELEM(defaults); i++) {
		want = &defaults[i];
		for (k = 0; k < NELEM(c->f) && c->f[k].kind != K_END; k++)
			if (c->f[k].off == defaults[i].off)
				want = &c->f[k];
		got = field_get(o, want);
		if (got != want->want)
			fail_msg("\"%s\": %s = %lld, want %lld",
			    show(c->argv, c->envp), want->name,
			    (long long)got, (long long)want->want);
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
		"TEND_LOG_FORMAT",
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
