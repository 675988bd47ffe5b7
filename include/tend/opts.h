/* Command line and environment -> one configuration struct. */
#ifndef TEND_OPTS_H
#define TEND_OPTS_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tend/cron.h"
#include "tend/exitcode.h"
#include "tend/logfmt.h"
#include "tend/url.h"

enum opts_mode {
	OPTS_RUN,	/* supervise COMMAND */
	OPTS_PAUSE,	/* -P: no child, reap, exit 0 on INT/TERM */
	OPTS_VERSION,
	OPTS_HELP,
	OPTS_LICENSE,
	OPTS_WAIT,	/* tend wait URL... [-- COMMAND]: then exec COMMAND */
	OPTS_RENDER,	/* tend render SRC:DST... [-- COMMAND]: likewise */
	OPTS_HEALTH,	/* tend health URL: one probe, exit 0 or 1 */
};

/* Defaults follow the name tend was started as (argv[0], busybox-style). */
enum opts_persona {
	PERSONA_TEND,
	PERSONA_TINI,		/* tini, tini-static, docker-init */
	PERSONA_DUMB_INIT,	/* dumb-init: setsid mode by default */
};

#define OPTS_GRACE_DEFAULT_MS 5000
#define OPTS_MAX_SOURCES	16
#define OPTS_STORE		8192	/* copies of env-given specs */
#define OPTS_LIST_MAX		32	/* items of each repeatable option */
#define OPTS_WAIT_INTERVAL_MS	250
#define OPTS_POST_TIMEOUT_MS	10000
#define OPTS_HEALTH_TIMEOUT_MS	5000
#define OPTS_SYSLOG_PATH	"/dev/log"
#define OPTS_PREFIX_MAX		256	/* bytes: bounds the relay's lines */

/* A log source relayed to tend's stdout or stderr. */
enum opts_src_kind {
	SRC_FIFO,	/* --log: a FIFO tend creates and reads */
	SRC_TAIL,	/* --tail: a regular file followed like tail -F */
	SRC_SYSLOG,	/* --syslog: a unix datagram socket */
	SRC_PIPE,	/* a cron job's output: relay_pipe() */
};

struct opts_source {
	enum opts_src_kind	 kind;
	const char		*path;
	int			 fd;	/* 1 or 2; syslog: 0, by severity */
	const char		*prefix;	/* "" for none */
};

/* Repeatable options that take a list (in TEND_* vars: blank-separated). */
enum opts_list_kind {
	OPTS_L_WAIT,		/* URLs */
	OPTS_L_RENDER,		/* SRC:DST */
	OPTS_L_ENV_FILE,
	OPTS_L_PRE,		/* hook files or directories */
	OPTS_L_POST,
	OPTS_L_CRON,		/* 'SPEC COMMAND' */
	OPTS_L_CRONTAB,
	OPTS_NLISTS,
};

struct opts_list {
	const char	*v[OPTS_LIST_MAX];
	size_t		 n;
};

struct opts {
	/*
	 * The scalars first, within 128 bytes of the start (short
	 * displacements); the flags and durations of options before remap,
	 * within the one-byte offsets of opts.c's table.
	 */
	enum opts_mode		 mode;
	enum opts_persona	 persona;
	int			 usage_status;	/* 125, or 1 as tini/dumb-init */
	int			 verbosity;	/* 0 quiet .. 4 debug; 1 errors */
	bool			 subreaper;	/* -s: asked for explicitly */
	int			 pdeath_sig;	/* -p: 0 for none */
	bool			 warn_reap;	/* -w */
	bool			 pgroup;	/* -g: signal the child's group */
	bool			 setsid;	/* child in a session of its own */
	bool			 quiet;		/* -q: no progress lines */
	bool			 render_owner;	/* chown DST to --user */
	bool			 no_overwrite;
	bool			 secrets;
	bool			 no_new_privs;
	int64_t			 grace_ms;
	int64_t			 wait_timeout_ms;	/* -1: forever */
	int64_t			 wait_interval_ms;
	int64_t			 post_timeout_ms;
	char		       **argv;		/* COMMAND ARG... NULL */
	size_t			 nsrc;
	const char		*user;		/* NULL: no privilege drop */
	const char		*contains;	/* health: text in the body */
	enum logfmt_kind	 log_format;
	int			 syslog_stderr;	/* severities <= this: stderr */
	int			 render_mode;	/* -1: the template's */
	int			 wait_lo, wait_hi;	/* HTTP statuses */
	bool			 tail_from_start;
	bool			 status_set;	/* ... given: health keeps them */
	struct exit_remap	 remap;		/* -e */
	int			 rewrite[NSIG];	/* -r: sig -> sig, 0 drops */
	struct opts_source	 src[OPTS_MAX_SOURCES];
	struct opts_list	 list[OPTS_NLISTS];
	size_t			 store_used;
	char			 store[OPTS_STORE];
	/*
	 * The parsers' scratch (arrays or addressed locals on their stacks
	 * would cost each a stack protector): a part's message, an item of
	 * --rewrite, what --wait and --cron are checked into.
	 */
	char			 why[128];
	char			 item[64];
	const char		*rest;
	union {
		struct url	 u;
		struct cron_spec cs;
	}			 check;
};

/*
 * Fill o from argv and envp (NULL-terminated "NAME=value" strings).
 * Options stop at the first non-option or after "--". Returns 0, or -1
 * with a one-line message naming the bad input in err; o->usage_status is
 * then the status to exit with.
 */
int	opts_parse(struct opts *o, int argc, char **argv, char *const *envp,
	    char *err, size_t errlen);

/*
 * Whether the environment entry "NAME=value" is a TEND_* variable of a
 * startup step (TEND_WAIT, TEND_RENDER, TEND_USER, ...).
 */
bool	opts_is_step_env(const char *entry);
/* The same: the length of NAME, or 0 when it is none. */
size_t	opts_step_env_len(const char *entry);

/* The persona for a program name (a path; its last component counts). */
enum opts_persona opts_persona_of(const char *argv0);

/* --help text, -l text. */
const char *opts_usage(void);
const char *opts_license(void);

#endif
