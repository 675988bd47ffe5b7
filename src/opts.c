/*
 * Command line and environment -> struct opts; pure (no syscalls).
 *
 * Options stop at the first non-option (dumb-init's tests run
 * `dumb-init sh -c ...` without "--"; a permuting getopt would eat "-c").
 * The environment is read first and flags override it, except
 * TINI_VERBOSITY, which overrides -v as it does in tini.
 */
#include <string.h>

#include "tend/fmt.h"
#include "tend/num.h"
#include "tend/cron.h"
#include "tend/duration.h"
#include "tend/http.h"
#include "tend/opts.h"
#include "tend/url.h"
#include "tend/signame.h"
#include "tend/syslogfmt.h"

/*
 * What an option does with its value. Where it does it is the entry's
 * arg: a field of struct opts (offsetof), a list, a log source kind, a
 * mode or a session flag, as the comment of each kind says.
 */
enum opts_kind {
	K_TRUE,		/* the bool at arg becomes true */
	K_DURATION,	/* the int64_t at arg, in ms */
	K_LIST,		/* an item of list arg */
	K_SOURCE,	/* a log source of kind arg */
	K_MODE,		/* o->mode = arg */
	K_SESSION,	/* o->setsid = o->pgroup = arg */
	K_VERBOSE,
	K_VERBOSITY,
	K_SIGNAL,
	K_REMAP,
	K_REWRITE,
	K_PREFIX,
	K_LOG_FORMAT,
	K_TAIL_FROM,
	K_SYSLOG_STDERR,
	K_STATUS,
	K_CONTAINS,
	K_RENDER_MODE,
	K_USER,
};

/* flags: how the value is given, and whether TEND_<NAME> gives it too */
#define O_ARG		1	/* takes a value */
#define O_OPTARG	2	/* takes one only as --name=VALUE */
#define O_ENV		4	/* also read from TEND_<NAME> */
#define O_SPLIT		8	/* ... as blank-separated items */
#define O_SEMI		16	/* ... as ';'-separated items */
#define O_STEP		32	/* as O_ENV, of a step: opts_is_step_env */
#define O_NOLONG	64	/* TEND_<NAME> only, no --name */

/* an offset fits the table's byte: opts.h puts these fields first */
#define O_OFF(f)	offsetof(struct opts, f)
_Static_assert(offsetof(struct opts, remap) <= 256,
    "the flags and durations of struct opts are out of a byte's reach");

/*
 * Every option: long name, short letter (0: none), kind, arg, flags.
 * The environment is read in this order (it decides which bad variable
 * is named, and the order of log sources).
 */
#define OPTS_TABLE(X) \
	X("subreaper", 's', K_TRUE, O_OFF(subreaper), O_ENV) \
	X("pdeathsig", 'p', K_SIGNAL, 0, O_ARG | O_ENV) \
	X("verbose", 'v', K_VERBOSE, 0, 0) \
	X("verbosity", 0, K_VERBOSITY, 0, O_ARG | O_ENV | O_NOLONG) \
	X("warn-reap", 'w', K_TRUE, O_OFF(warn_reap), O_ENV) \
	X("pgroup", 'g', K_TRUE, O_OFF(pgroup), O_ENV) \
	X("remap-exit", 'e', K_REMAP, 0, O_ARG | O_ENV) \
	X("rewrite", 'r', K_REWRITE, 0, O_ARG | O_ENV) \
	X("single-child", 'c', K_SESSION, 0, 0) \
	X("setsid", 0, K_SESSION, 1, 0) \
	X("grace", 0, K_DURATION, O_OFF(grace_ms), O_ARG | O_ENV) \
	X("log", 0, K_SOURCE, SRC_FIFO, O_ARG | O_ENV | O_SEMI) \
	X("tail", 0, K_SOURCE, SRC_TAIL, O_ARG | O_ENV | O_SEMI) \
	X("syslog", 0, K_SOURCE, SRC_SYSLOG, O_OPTARG | O_ENV | O_SEMI) \
	X("prefix", 0, K_PREFIX, 0, O_ARG) \
	X("log-format", 0, K_LOG_FORMAT, 0, O_ARG | O_ENV) \
	X("tail-from", 0, K_TAIL_FROM, 0, O_ARG | O_ENV) \
	X("syslog-stderr", 0, K_SYSLOG_STDERR, 0, O_ARG | O_ENV) \
	X("wait", 0, K_LIST, OPTS_L_WAIT, O_ARG | O_STEP | O_SPLIT) \
	X("wait-timeout", 0, K_DURATION, O_OFF(wait_timeout_ms), \
	    O_ARG | O_STEP) \
	X("timeout", 0, K_DURATION, O_OFF(wait_timeout_ms), O_ARG) \
	X("wait-interval", 0, K_DURATION, O_OFF(wait_interval_ms), \
	    O_ARG | O_STEP) \
	X("wait-status", 0, K_STATUS, 0, O_ARG | O_STEP) \
	X("status", 0, K_STATUS, 0, O_ARG) \
	X("contains", 0, K_CONTAINS, 0, O_ARG) \
	X("quiet", 'q', K_TRUE, O_OFF(quiet), O_STEP) \
	X("render", 0, K_LIST, OPTS_L_RENDER, O_ARG | O_STEP | O_SPLIT) \
	X("render-mode", 0, K_RENDER_MODE, 0, O_ARG | O_STEP) \
	X("render-owner", 0, K_TRUE, O_OFF(render_owner), O_STEP) \
	X("no-overwrite", 0, K_TRUE, O_OFF(no_overwrite), O_STEP) \
	X("secrets", 0, K_TRUE, O_OFF(secrets), O_STEP) \
	X("env-file", 0, K_LIST, OPTS_L_ENV_FILE, O_ARG | O_STEP | O_SPLIT) \
	X("user", 0, K_USER, 0, O_ARG | O_STEP) \
	X("no-new-privs", 0, K_TRUE, O_OFF(no_new_privs), O_STEP) \
	X("pre", 0, K_LIST, OPTS_L_PRE, O_ARG | O_STEP | O_SPLIT) \
	X("post", 0, K_LIST, OPTS_L_POST, O_ARG | O_STEP | O_SPLIT) \
	X("post-timeout", 0, K_DURATION, O_OFF(post_timeout_ms), \
	    O_ARG | O_STEP) \
	X("cron", 0, K_LIST, OPTS_L_CRON, O_ARG) \
	X("crontab", 0, K_LIST, OPTS_L_CRONTAB, O_ARG | O_STEP | O_SPLIT) \
	X("pause", 'P', K_MODE, OPTS_PAUSE, 0) \
	X("version", 'V', K_MODE, OPTS_VERSION, 0) \
	X("license", 'l', K_MODE, OPTS_LICENSE, 0) \
	X("help", 'h', K_MODE, OPTS_HELP, 0)

#define OPTS_NAME(name, c, kind, arg, fl)	name "\0"
#define OPTS_ENTRY(name, c, kind, arg, fl)	\
	{ c, kind, fl, arg },

/* The names, one after the other (NUL-separated), in table order. */
static const char opts_names[] = OPTS_TABLE(OPTS_NAME);

/* TEND_<NAME> fits the 24 bytes opts_env_name is given */
#define OPTS_FITS(name, c, kind, arg, fl)	\
	_Static_assert(sizeof("TEND_" name) <= 24, "--" name " is too long");
OPTS_TABLE(OPTS_FITS)

static const struct opts_opt {
	char		 c;
	unsigned char	 kind;
	unsigned char	 flags;
	unsigned char	 arg;
} opts_table[] = {
	OPTS_TABLE(OPTS_ENTRY)
};

#define OPTS_NOPT (sizeof(opts_table) / sizeof(opts_table[0]))

static const char opts_usage_text[] =
"Usage: tend [OPTIONS] [--] COMMAND [ARG...]\n"
"       tend wait [OPTIONS] URL... [-- COMMAND...]\n"
"       tend render [OPTIONS] SRC:DST... [-- COMMAND...]\n"
"       tend health [--timeout 5s] [--status 200-399] [--contains TEXT] URL\n"
"       tend -P | --version | -h | -l\n"
"Options stop at the first non-option; those marked + repeat.\n"
"  -s --subreaper        be a child subreaper (automatic)\n"
"  -p --pdeathsig SIG    get SIG when the parent dies\n"
"  -v --verbose          more messages +\n"
"  -w --warn-reap        warn on reaped orphans\n"
"  -g --pgroup           signal the child's group\n"
"  -e --remap-exit CODE  exit 0 for status CODE +\n"
"  -r --rewrite FROM:TO  send FROM as TO; TO 0 drops +\n"
"  -c --single-child     no session, signal the child\n"
"     --setsid           a session for the child\n"
"     --grace DURATION   SIGTERM to SIGKILL (5s)\n"
"     --log PATH[:stdout|:stderr[:PREFIX]]   relay a FIFO +\n"
"     --tail PATH[:stdout|:stderr[:PREFIX]]  follow a file (tail -F) +\n"
"     --tail-from end|start\n"
"     --syslog[=PATH]    relay syslog (/dev/log)\n"
"     --syslog-stderr LEVEL  and worse to stderr (err)\n"
"     --prefix TEXT      of the source before\n"
"     --log-format text|json\n"
"     --env-file FILE    KEY=VALUE lines +\n"
"     --secrets          NAME_FILE=PATH sets NAME\n"
"     --render SRC:DST   expand ${VAR} in SRC into DST +\n"
"     --render-mode OCTAL --render-owner  --no-overwrite\n"
"     --pre PATH         hooks before COMMAND +\n"
"     --wait URL         tcp:// http:// unix:// file:// +\n"
"     --wait-timeout DURATION (none)  --wait-interval DURATION (250ms)\n"
"     --wait-status LO[-HI]  HTTP statuses (200-299)\n"
"  -q --quiet            no progress lines\n"
"     --user USER|UID[:GROUP|GID]  run COMMAND as USER\n"
"     --no-new-privs     for COMMAND\n"
"     --post PATH        hooks after COMMAND +\n"
"     --post-timeout DURATION  for the post hooks (10s)\n"
"     --cron 'SPEC COMMAND'  a cron job (@every 5m too) +\n"
"     --crontab FILE     cron jobs from FILE +\n"
"  -P --pause            no child; exit 0 on SIGINT/SIGTERM\n"
"  -V --version  -l --license  -h --help\n"
"Environment: TEND_SUBREAPER TEND_PDEATHSIG TEND_VERBOSITY TEND_WARN_REAP\n"
"TEND_PGROUP TEND_REMAP_EXIT TEND_REWRITE TEND_SETSID TEND_GRACE TEND_LOG\n"
"TEND_TAIL TEND_TAIL_FROM TEND_SYSLOG TEND_SYSLOG_STDERR TEND_LOG_FORMAT\n"
"and TEND_<LONG_OPTION> for the options above from --env-file on, but --cron\n"
"TINI_SUBREAPER TINI_VERBOSITY TINI_KILL_PROCESS_GROUP DUMB_INIT_SETSID\n"
"Exit: COMMAND's, 128+N by signal N, 126/127 cannot run, 125 usage,\n"
"124 wait timed out; health: 0 healthy, 1 not.\n";

static const char opts_license_text[] =
#include "license.inc"
;

const char *
opts_usage(void)
{
	return opts_usage_text;
}

const char *
opts_license(void)
{
	return opts_license_text;
}

enum opts_persona
opts_persona_of(const char *argv0)
{
	const char *base, *n = "dumb-init\0tini\0tini-static\0docker-init";
	int k;

	if (argv0 == NULL)
		return PERSONA_TEND;
	base = strrchr(argv0, '/');
	base = base ? base + 1 : argv0;
	for (k = 0; k < 4; k++, n += strlen(n) + 1)
		if (strcmp(base, n) == 0)
			return k == 0 ? PERSONA_DUMB_INIT : PERSONA_TINI;
	return PERSONA_TEND;
}

static const char *
opts_getenv(char *const *envp, const char *name)
{
	size_t n = strlen(name);

	for (; envp && *envp; envp++)
		if (strncmp(*envp, name, n) == 0 && (*envp)[n] == '=')
			return *envp + n + 1;
	return NULL;
}

static int
opts_fail(char *err, size_t errlen, const char *what, const char *val,
    const char *why)
{
	fmt_s(err, errlen, "%s: bad value '%s': %s", what, val, why);
	return -1;
}

/* A boolean word: 1 true, 0 false, -1 (with err) neither. */
static int
opts_bool(const char *what, const char *s, char *err, size_t errlen)
{
	/* the true words, then the false ones; the last is "" */
	static const char words[] = "1\0true\0yes\0on\0"
	    "0\0false\0no\0off\0";
	const char *w = words;
	int k;

	for (k = 0; k < 9; k++, w += strlen(w) + 1)
		if (strcmp(w, s) == 0)
			return k < 4;
	return opts_fail(err, errlen, what, s, "expected 1 or 0");
}

/* One exit code or a comma-separated list of them. */
static int
opts_remap(struct opts *o, const char *what, const char *s, char *err,
    size_t errlen)
{
	const char *p = s;
	struct num_read r;

	do {
		/* an item is at most 15 characters ("000000000000255") */
		r = num_read(p, 255);
		if (r.end == NULL || (*r.end != ',' && *r.end != '\0') ||
		    r.end - p > 15)
			return opts_fail(err, errlen, what, s,
			    "expected exit codes 0-255");
		exit_remap_add(&o->remap, (int)r.v);
		p = r.end;
	} while (*p++ == ',');
	return 0;
}

/* FROM:TO, or a comma-separated list of them. */
static int
opts_rewrite(struct opts *o, const char *what, const char *s, char *err,
    size_t errlen)
{
	char *item = o->item, *sigerr = o->why, *colon;
	const char *p = s, *comma;
	size_t n;
	int from, to;

	do {
		comma = strchrnul(p, ',');
		n = (size_t)(comma - p);
		if (n >= sizeof(o->item))
			return opts_fail(err, errlen, what, s, "too long");
		memcpy(item, p, n);
		item[n] = '\0';
		colon = strchr(item, ':');
		if (colon == NULL || colon == item || colon[1] == '\0')
			return opts_fail(err, errlen, what, s,
			    "expected FROM:TO, e.g. TERM:QUIT or 15:3");
		*colon = '\0';
		if ((from = sig_value(item, 0, sigerr, sizeof(o->why))) < 0 ||
		    (to = sig_value(colon + 1, 1, sigerr, sizeof(o->why))) < 0)
			return opts_fail(err, errlen, what, s, sigerr);
		if (!sig_forwardable(from))
			return opts_fail(err, errlen, what, s,
			    "FROM must be a signal tend forwards");
		o->rewrite[from] = to;
		p = comma + 1;
	} while (*comma != '\0');
	return 0;
}

static int
opts_signal(struct opts *o, const char *what, const char *s, char *err,
    size_t errlen)
{
	int v;

	if ((v = sig_value(s, 0, o->why, sizeof(o->why))) < 0)
		return opts_fail(err, errlen, what, s, o->why);
	o->pdeath_sig = v;
	return 0;
}

static int
opts_verbosity(int *v, const char *what, const char *s, char *err,
    size_t errlen)
{
	long n = num_value(s, 9);

	if (n < 0)
		return opts_fail(err, errlen, what, s, "expected 0-9");
	*v = (int)n;
	return 0;
}

static int
opts_duration(struct opts *o, int64_t *ms, const char *what, const char *s,
    char *err, size_t errlen)
{
	if (duration_parse(s, ms, o->why, sizeof(o->why)) < 0)
		return opts_fail(err, errlen, what, s, o->why);
	return 0;
}

/* A copy of s[0..n) kept in o->store, NUL-terminated; NULL when full. */
static char *
opts_keep(struct opts *o, const char *s, size_t n)
{
	char *p;

	if (n + 1 > sizeof(o->store) - o->store_used)
		return NULL;
	p = o->store + o->store_used;
	memcpy(p, s, n);
	p[n] = '\0';
	o->store_used += n + 1;
	return p;
}

/*
 * A source spec "PATH[:stdout|:stderr[:PREFIX]]" (for syslog PATH alone;
 * its stream follows the severity). spec must stay valid: an argv string
 * or a copy in o->store.
 */
static int
opts_source(struct opts *o, enum opts_src_kind kind, const char *what,
    const char *spec, char *err, size_t errlen)
{
	struct opts_source *src;
	const char *path = spec, *prefix = "", *colon, *stream;
	int fd = kind != SRC_SYSLOG;

	if (o->nsrc == OPTS_MAX_SOURCES) {
		fmt_s(err, errlen, "%s: too many log sources (at most %d)",
		    what, OPTS_MAX_SOURCES);
		return -1;
	}
	if ((colon = strchr(spec, ':')) != NULL) {
		if (kind == SRC_SYSLOG)
			return opts_fail(err, errlen, what, spec,
			    "a socket path, without ':'");
		if ((path = opts_keep(o, spec, (size_t)(colon - spec))) ==
		    NULL)
			return opts_fail(err, errlen, what, spec, "too long");
		stream = colon + 1;
		fd = strncmp(stream, "stdout", 6) == 0 ? 1 :
		    strncmp(stream, "stderr", 6) == 0 ? 2 : 0;
		if (fd == 0 || (stream[6] != '\0' && stream[6] != ':'))
			return opts_fail(err, errlen, what, spec,
			    "expected PATH[:stdout|:stderr[:PREFIX]]");
		if (stream[6] == ':')
			prefix = stream + 7;
	}
	if (strlen(prefix) > OPTS_PREFIX_MAX)
		return opts_fail(err, errlen, what, spec, "prefix too long");
	/* the path's first byte is spec's, "" and ":..." included */
	if (spec[0] != '/')
		return opts_fail(err, errlen, what, spec,
		    "the path must be absolute");
	src = &o->src[o->nsrc++];
	src->kind = kind;
	src->path = path;
	src->fd = fd;
	src->prefix = prefix;
	return 0;
}

/* s as one of two words: 0 for the first, 1 for the second, else -1. */
static int
opts_word(const char *s, const char *w0, const char *w1)
{
	return strcmp(s, w0) == 0 ? 0 : strcmp(s, w1) == 0 ? 1 : -1;
}

static int
opts_syslog_stderr(struct opts *o, const char *what, const char *s,
    char *err, size_t errlen)
{
	int sev = syslog_severity(s);

	if (sev < 0)
		return opts_fail(err, errlen, what, s,
		    "expected emerg, alert, crit, err, warning, notice, info, "
		    "debug or none");
	/* "none": no severity goes to stderr */
	o->syslog_stderr = sev == 8 ? -1 : sev;
	return 0;
}

/* An octal file mode, 0 .. 07777. */
static int
opts_mode(struct opts *o, const char *what, const char *s, char *err,
    size_t errlen)
{
	const char *p = s;
	int m = 0;

	do {
		if (*p < '0' || *p > '7' || m > 0777)
			return opts_fail(err, errlen, what, s,
			    "expected an octal mode such as 0644");
		m = m * 8 + (*p - '0');
	} while (*++p != '\0');
	o->render_mode = m;
	return 0;
}

/* One item of a list option, checked where that can be done here. */
static int
opts_item(struct opts *o, int l, const char *what, const char *arg,
    char *err, size_t errlen)
{
	struct opts_list *li = &o->list[l];
	const char *colon;

	if (li->n == OPTS_LIST_MAX) {
		fmt_s(err, errlen, "%s: at most %d", what, OPTS_LIST_MAX);
		return -1;
	}
	if ((l == OPTS_L_WAIT && url_parse(&o->check.u, arg, o->why,
	    sizeof(o->why)) < 0) || (l == OPTS_L_CRON &&
	    cron_parse(arg, &o->check.cs, &o->rest, o->why,
	    sizeof(o->why)) < 0))
		return opts_fail(err, errlen, what, arg, o->why);
	if (l == OPTS_L_RENDER && ((colon = strrchr(arg, ':')) == NULL ||
	    colon == arg || colon[1] == '\0'))
		return opts_fail(err, errlen, what, arg,
		    "expected SRC:DST (DST - for stdout)");
	if (*arg == '\0')
		return opts_fail(err, errlen, what, arg, "empty");
	li->v[li->n++] = arg;
	return 0;
}

/*
 * TEND_<NAME> of a long option: dashes as underscores, upper case. The
 * longest name ("syslog-stderr") leaves room in name[24].
 */
static void
opts_env_name(char *name, const char *opt)
{
	memcpy(name, "TEND_", 5);
	name += 5;
	do
		*name++ = *opt == '-' ? '_' : *opt == '\0' ? '\0' : *opt - 32;
	while (*opt++ != '\0');
}

size_t
opts_step_env_len(const char *entry)
{
	const char *nm = opts_names, *e, *c;
	size_t k;

	if (strncmp(entry, "TEND_", 5) != 0)
		return 0;
	/* NAME as opts_env_name spells it, compared byte by byte */
	for (k = 0; k < OPTS_NOPT; k++, nm += strlen(nm) + 1) {
		if (!(opts_table[k].flags & O_STEP))
			continue;
		for (e = entry + 5, c = nm; *c != '\0' &&
		    *e == (*c == '-' ? '_' : *c - 32); e++, c++)
			;
		if (*c == '\0' && *e == '=')
			return (size_t)(e - entry);
	}
	return 0;
}

bool
opts_is_step_env(const char *entry)
{
	return opts_step_env_len(entry) != 0;
}

static int
opts_apply(struct opts *o, const struct opts_opt *op, const char *what,
    const char *arg, char *err, size_t errlen)
{
	void *field = (char *)o + op->arg;
	int k;

	switch (op->kind) {
	case K_TRUE:
		*(bool *)field = true;
		return 0;
	case K_DURATION:
		return opts_duration(o, field, what, arg, err, errlen);
	case K_LIST:
		return opts_item(o, op->arg, what, arg, err, errlen);
	case K_SOURCE:
		return opts_source(o, op->arg, what,
		    arg ? arg : OPTS_SYSLOG_PATH, err, errlen);
	case K_MODE:
		if (op->arg == OPTS_PAUSE && o->mode >= OPTS_WAIT) {
			fmt_s(err, errlen, "-P is not an option of a "
			    "subcommand");
			return -1;
		}
		o->mode = op->arg;
		return 0;
	case K_SESSION:
		o->setsid = o->pgroup = op->arg;
		return 0;
	case K_VERBOSE:
		o->verbosity++;
		return 0;
	case K_VERBOSITY:
		return opts_verbosity(&o->verbosity, what, arg, err, errlen);
	case K_SIGNAL:
		return opts_signal(o, what, arg, err, errlen);
	case K_REMAP:
		return opts_remap(o, what, arg, err, errlen);
	case K_REWRITE:
		return opts_rewrite(o, what, arg, err, errlen);
	case K_PREFIX:
		if (o->nsrc == 0) {
			fmt_s(err, errlen, "%s: give it after the --log, "
			    "--tail or --syslog it is for", what);
			return -1;
		}
		if (strlen(arg) > OPTS_PREFIX_MAX)
			return opts_fail(err, errlen, what, arg,
			    "prefix too long");
		o->src[o->nsrc - 1].prefix = arg;
		return 0;
	case K_LOG_FORMAT:
		if ((k = opts_word(arg, "text", "json")) < 0)
			return opts_fail(err, errlen, what, arg,
			    "expected text or json");
		o->log_format = k == 0 ? LOGFMT_TEXT : LOGFMT_JSON;
		return 0;
	case K_TAIL_FROM:
		if ((k = opts_word(arg, "end", "start")) < 0)
			return opts_fail(err, errlen, what, arg,
			    "expected start or end");
		o->tail_from_start = k;
		return 0;
	case K_SYSLOG_STDERR:
		return opts_syslog_stderr(o, what, arg, err, errlen);
	case K_STATUS:
		if (http_range_parse(arg, &o->wait_lo, &o->wait_hi, o->why,
		    sizeof(o->why)) < 0)
			return opts_fail(err, errlen, what, arg, o->why);
		o->status_set = true;
		return 0;
	case K_CONTAINS:
		o->contains = arg;
		return 0;
	case K_RENDER_MODE:
		return opts_mode(o, what, arg, err, errlen);
	}
	/* K_USER, the one kind left */
	if (*arg == '\0')
		return opts_fail(err, errlen, what, arg,
		    "expected USER|UID[:GROUP|GID]");
	o->user = arg;
	return 0;
}

/*
 * The options marked O_ENV or O_STEP, from TEND_<NAME>: a flag takes a
 * boolean, --syslog a boolean or a value, a list its items (blank- or
 * ';'-separated, each copied).
 */
static int
opts_env_table(struct opts *o, char *const *envp, char *err, size_t errlen)
{
	char name[24], *item;
	const char *nm = opts_names, *v, *p, *q, *sep;
	const struct opts_opt *op;
	int b;

	for (op = opts_table; op < opts_table + OPTS_NOPT;
	    op++, nm += strlen(nm) + 1) {
		if (!(op->flags & (O_ENV | O_STEP)))
			continue;
		opts_env_name(name, nm);
		if ((v = opts_getenv(envp, name)) == NULL)
			continue;
		if (!(op->flags & O_ARG)) {
			if ((b = opts_bool(name, v, err, errlen)) >= 0) {
				if (b && opts_apply(o, op, name, NULL, err,
				    errlen) < 0)
					return -1;
				continue;
			}
			if (!(op->flags & O_OPTARG))
				return -1;
		}
		if (!(op->flags & (O_SPLIT | O_SEMI))) {
			if (opts_apply(o, op, name, v, err, errlen) < 0)
				return -1;
			continue;
		}
		/* items between separators (by hand: no strspn, strcspn) */
		sep = op->flags & O_SPLIT ? " \t\n" : ";";
		for (p = v; *p != '\0'; p = q + (*q != '\0')) {
			for (q = p; *q != '\0' && strchr(sep, *q) == NULL; q++)
				;
			if (q == p)
				continue;
			if ((item = opts_keep(o, p, (size_t)(q - p))) == NULL)
				return opts_fail(err, errlen, name, v,
				    "too long");
			if (opts_apply(o, op, name, item, err, errlen) < 0)
				return -1;
		}
	}
	return 0;
}

static int
opts_env(struct opts *o, char *const *envp, char *err, size_t errlen)
{
	const char *v;
	int b;

	/* the session first: an explicit process-group variable wins */
	if ((v = opts_getenv(envp, "DUMB_INIT_SETSID")) != NULL) {
		/* "1" on, "0" off; dumb-init leaves its defaults otherwise */
		if ((v[0] == '0' || v[0] == '1') && v[1] == '\0')
			o->setsid = o->pgroup = v[0] == '1';
	}
	if ((v = opts_getenv(envp, "TEND_SETSID")) != NULL) {
		if ((b = opts_bool("TEND_SETSID", v, err, errlen)) < 0)
			return -1;
		o->setsid = o->pgroup = b;
	}
	if (opts_getenv(envp, "TINI_SUBREAPER"))
		o->subreaper = true;
	if (opts_getenv(envp, "TINI_KILL_PROCESS_GROUP"))
		o->pgroup = true;
	if ((v = opts_getenv(envp, "DUMB_INIT_DEBUG")) && v[0] == '1' &&
	    v[1] == '\0')
		o->verbosity = 4;
	return opts_env_table(o, envp, err, errlen);
}

static void
opts_defaults(struct opts *o, const char *argv0)
{
	int i;

	memset(o, 0, sizeof(*o));
	o->mode = OPTS_RUN;
	o->persona = opts_persona_of(argv0);
	o->usage_status = o->persona == PERSONA_TEND ? EXIT_USAGE : 1;
	o->verbosity = 1;
	o->grace_ms = OPTS_GRACE_DEFAULT_MS;
	o->syslog_stderr = SYSLOG_SEV_ERR;
	o->wait_timeout_ms = -1;
	o->wait_interval_ms = OPTS_WAIT_INTERVAL_MS;
	o->wait_lo = 200;
	o->wait_hi = 299;
	o->render_mode = -1;
	o->post_timeout_ms = OPTS_POST_TIMEOUT_MS;
	for (i = 0; i < NSIG; i++)
		o->rewrite[i] = i;
	if (o->persona == PERSONA_DUMB_INIT)
		o->setsid = o->pgroup = true;
}

/*
 * Apply op with its value: val if the option's word holds one, else the
 * next argument, argv[*i + 1], if op takes one.
 */
static int
opts_take(struct opts *o, const struct opts_opt *op, const char *what,
    const char *val, int argc, char **argv, int *i, char *err,
    size_t errlen)
{
	if ((op->flags & O_ARG) && val == NULL) {
		if (*i + 1 >= argc) {
			fmt_s(err, errlen, "option '%s' needs a value",
			    what);
			return -1;
		}
		val = argv[++*i];
	}
	return opts_apply(o, op, what, val, err, errlen);
}

/* A long option "--name" or "--name=value" at argv[*i]. */
static int
opts_one_long(struct opts *o, int argc, char **argv, int *i, char *err,
    size_t errlen)
{
	/* eq: the '=' or the end (strchrnul is linked for execvp anyway) */
	const char *name = argv[*i] + 2, *eq = strchrnul(name, '=');
	const char *nm = opts_names;
	const struct opts_opt *op;
	size_t n = (size_t)(eq - name);
	char what[48];

	for (op = opts_table; op < opts_table + OPTS_NOPT;
	    op++, nm += strlen(nm) + 1)
		if (!(op->flags & O_NOLONG) && strncmp(nm, name, n) == 0 &&
		    nm[n] == '\0')
			break;
	if (op == opts_table + OPTS_NOPT) {
		fmt_s(err, errlen, "unknown option '--%.*s'", (int)n, name);
		return -1;
	}
	fmt_s(what, sizeof(what), "--%s", nm);
	if (*eq != '\0' && !(op->flags & (O_ARG | O_OPTARG))) {
		fmt_s(err, errlen, "option '%s' takes no value", what);
		return -1;
	}
	return opts_take(o, op, what, *eq != '\0' ? eq + 1 : NULL, argc,
	    argv, i, err, errlen);
}

/* A cluster of short options "-vvg", "-e5", "-e 5" at argv[*i]. */
static int
opts_one_short(struct opts *o, int argc, char **argv, int *i, char *err,
    size_t errlen)
{
	const struct opts_opt *op;
	const char *p;
	char what[3] = "-?";

	for (p = argv[*i] + 1; *p != '\0'; p++) {
		for (op = opts_table; op < opts_table + OPTS_NOPT; op++)
			if (op->c == *p)
				break;
		if (op == opts_table + OPTS_NOPT) {
			fmt_s(err, errlen, "unknown option '-%c'", *p);
			return -1;
		}
		what[1] = *p;
		if (op->flags & O_ARG)	/* the rest of the word, or the next */
			return opts_take(o, op, what, p[1] ? p + 1 : NULL,
			    argc, argv, i, err, errlen);
		if (opts_apply(o, op, what, NULL, err, errlen) < 0)
			return -1;
	}
	return 0;
}

int
opts_parse(struct opts *o, int argc, char **argv, char *const *envp,
    char *err, size_t errlen)
{
	/*
	 * Subcommands are words, in the order of OPTS_WAIT, OPTS_RENDER,
	 * OPTS_HEALTH; "tend -- wait" runs a COMMAND named wait.
	 */
	static const char subs[][7] = { "wait", "render", "health" };
	int i, rc;
	const char *tv;

	opts_defaults(o, argc > 0 ? argv[0] : NULL);
	for (i = 0; argc > 1 && i < 3; i++)
		if (strcmp(argv[1], subs[i]) == 0)
			o->mode = OPTS_WAIT + i;
	/*
	 * HEALTHCHECK runs in the container's environment: its TEND_*
	 * variables are the init's, not the probe's (a bad one must not
	 * make the probe fail).
	 */
	if (o->mode == OPTS_HEALTH)
		envp = NULL;
	if (opts_env(o, envp, err, errlen) < 0)
		return -1;
	for (i = o->mode != OPTS_RUN ? 2 : 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		/* a subcommand's operands mix with its options up to "--" */
		if ((a[0] != '-' || a[1] == '\0') && o->mode >= OPTS_WAIT) {
			if (opts_item(o, o->mode == OPTS_RENDER ?
			    OPTS_L_RENDER : OPTS_L_WAIT, o->mode ==
			    OPTS_RENDER ? "SRC:DST" : "URL", a, err,
			    errlen) < 0)
				return -1;
			continue;
		}
		if (a[0] != '-' || a[1] == '\0')
			break;
		if (a[1] == '-')
			rc = opts_one_long(o, argc, argv, &i, err, errlen);
		else
			rc = opts_one_short(o, argc, argv, &i, err, errlen);
		if (rc < 0)
			return -1;
	}
	/* --wait-interval 0 polls as fast as can be, not never */
	if (o->wait_interval_ms == 0)
		o->wait_interval_ms = 1;
	if ((tv = opts_getenv(envp, "TINI_VERBOSITY")) != NULL) {
		/*
		 * tini reads it as atoi does: never an error, empty is 0.
		 * Leading digits count, capped at 9.
		 */
		for (o->verbosity = 0; *tv >= '0' && *tv <= '9'; tv++)
			if ((o->verbosity = o->verbosity * 10 + *tv - '0') > 9)
				o->verbosity = 9;
	}
	o->argv = argv + i;
	/* tini and dockerd: --version is a request only on its own */
	if (o->mode == OPTS_VERSION && argc != 2) {
		fmt_s(err, errlen, "--version takes no other argument");
		return -1;
	}
	/*
	 * In a session of its own the child's group is orphaned, and the
	 * kernel drops the stop of SIGTSTP, SIGTTIN and SIGTTOU there
	 * (POSIX job control): send SIGSTOP instead, as dumb-init does,
	 * unless --rewrite says otherwise.
	 */
	if (o->setsid) {
		static const int js[] = { SIGTSTP, SIGTTIN, SIGTTOU };
		size_t k;

		for (k = 0; k < sizeof(js) / sizeof(js[0]); k++)
			if (o->rewrite[js[k]] == js[k])
				o->rewrite[js[k]] = SIGSTOP;
	}
	if (o->mode == OPTS_RUN && i >= argc) {
		fmt_s(err, errlen, "no COMMAND given (try 'tend --help')");
		return -1;
	}
	if ((o->mode == OPTS_WAIT && o->list[OPTS_L_WAIT].n == 0) ||
	    (o->mode == OPTS_RENDER && o->list[OPTS_L_RENDER].n == 0)) {
		fmt_s(err, errlen, "%s needs at least one %s", argv[1],
		    o->mode == OPTS_WAIT ? "URL" : "SRC:DST");
		return -1;
	}
	if (o->mode == OPTS_HEALTH) {
		if (o->list[OPTS_L_WAIT].n != 1 || i < argc) {
			fmt_s(err, errlen, "health takes one URL");
			return -1;
		}
		/* a health check answers in time; 3xx is alive */
		if (o->wait_timeout_ms <= 0)
			o->wait_timeout_ms = OPTS_HEALTH_TIMEOUT_MS;
		if (!o->status_set)
			o->wait_hi = 399;
	}
	if (o->mode == OPTS_PAUSE && (o->list[OPTS_L_CRON].n > 0 ||
	    o->list[OPTS_L_CRONTAB].n > 0)) {
		fmt_s(err, errlen, "-P runs no cron jobs");
		return -1;
	}
	if (o->mode == OPTS_PAUSE && i < argc) {
		fmt_s(err, errlen, "-P runs no COMMAND, got '%s'", argv[i]);
		return -1;
	}
	return 0;
}
