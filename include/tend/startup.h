/*
 * The startup steps, in the order of the issue: the environment (env files,
 * secrets), --user resolved, render, pre hooks, wait; then the child runs
 * as --user. Each step honours signals: a terminating one ends the start
 * with 128+s (state.h: t->aborted). Post hooks run once the child is gone.
 */
#ifndef TEND_STARTUP_H
#define TEND_STARTUP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "tend/user.h"

struct tend;

/* wait.c: every --wait URL up. 0, 124 (deadline), or -1 (t->aborted). */
int	wait_run(struct tend *t);

/* health.c: tend health URL; the exit status, 0 or 1. */
struct opts;
int	health_run(const struct opts *o);

/* render.c: every --render SRC:DST. 0, or -1: errors were printed. */
int	render_run(struct tend *t);

/* privdrop.c: --user resolved into t->cred; 0 or -1 with err. */
int	privdrop_resolve(struct tend *t, char *err, size_t errlen);
/* In the child: groups, gid, uid (each checked), no_new_privs; 0 or -1. */
int	privdrop_apply(const struct tend *t);

/* crond.c: jobs parsed and checked (125), then run once the child runs. */
int	crond_setup(struct tend *t, char *err, size_t errlen);
void	crond_start(struct tend *t);
/* sig to the process group of every running job. */
void	crond_signal(struct tend *t, int sig);
/* Whether pid was a cron job's (then it is handled). */
bool	crond_reaped(struct tend *t, pid_t pid, int st);

/* hooks.c: the --pre hooks in order: 0, a failed hook's status, or -1. */
int	hooks_pre(struct tend *t);
/* The --post hooks found, while the working directory is the user's. */
void	hooks_post_list(struct tend *t);
/* The main child exited with status: start the --post hooks. */
void	hooks_post(struct tend *t, int status);
/* reap.c saw hook pid end with wait status st. */
void	hooks_reaped(struct tend *t, int st);

#endif
