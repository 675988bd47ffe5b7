/* tend's runtime state: one struct, built in main, passed by pointer. */
#ifndef TEND_STATE_H
#define TEND_STATE_H

#include <signal.h>
#include <stdbool.h>
#include <sys/signalfd.h>
#include <sys/types.h>

#include "tend/env.h"
#include "tend/loop.h"
#include "tend/opts.h"
#include "tend/relay.h"
#include "tend/supervise.h"
#include "tend/user.h"

/*
 * The scalars first, the busiest within 128 bytes of the start: code
 * reaching them through a struct tend pointer takes one-byte
 * displacements, not four (the loop and the relay, kilobytes, come last).
 */
struct tend {
	const struct opts	*o;
	struct supervise	 sv;
	struct loop_timer	*sv_timer;
	int			 sigfd;		/* signalfd of every signal */
	pid_t			 self;
	pid_t			 child;		/* 0 before spawn / after exit */
	pid_t			 child_pgid;	/* kept after the child exits */
	int			 status;	/* tend's exit status */
	int			 stderr_fd;	/* the original, for later
						   children; -1: fd 2 is */
	int			 cwd_fd;	/* for post hooks; -1: none */
	pid_t			 hook;		/* the running hook, or 0 */
	int			 hook_status;
	bool			 chld_was_ignored; /* SIGCHLD SIG_IGN on entry */
	bool			 pid1;
	bool			 tty_fg;	/* tend's group has the terminal */
	bool			 job;		/* ... and tend is not PID 1 */
	bool			 has_cred;
	bool			 starting;	/* before COMMAND runs */
	bool			 aborted;	/* a signal ended the start */
	/* post hooks: after the main child, before the rest get SIGTERM */
	bool			 post_started;
	bool			 post_pending;	/* the shutdown waits for them */
	const char		**post;
	size_t			 npost, post_i;
	struct crond		*crond;		/* --cron jobs; NULL: none */
	struct loop_timer	*post_timer;
	/*
	 * A hook's argv, { path, NULL }: [0] set in the child's copy, [1]
	 * never set (an array on spawn_hook's stack costs a stack canary).
	 */
	char			*hook_argv[2];
	struct env		 env;		/* the child's */
	struct user_cred	 cred;		/* --user */
	sigset_t		 orig_mask;	/* restored in the child */
	struct loop		 loop;
	struct relay		 relay;
	/* signals_on_read's: on its stack it would cost a stack protector */
	struct signalfd_siginfo	 si[32];
};

/* The kernel's sigset size, for raw rt_sigprocmask/rt_sigtimedwait. */
#define SIGNALS_SETSIZE	(_NSIG / 8)

/* signals.c: block everything, read it from one signalfd. */
int	signals_setup(struct tend *t);
void	signals_on_read(struct loop *l, void *ctx, int fd, short revents);

/* spawn.c: fork and exec o->argv as the child; 0 or -1. */
int	spawn_child(struct tend *t);

/*
 * spawn.c: execvp(3) as musl's (which brings getenv, 650 bytes in all):
 * a FILE with a '/' is run as it is; otherwise each element of PATH
 * (unset: /usr/local/bin:/bin:/usr/bin; an empty one: the working
 * directory) in turn. EACCES is remembered and the search goes on, as
 * past ENOENT and ENOTDIR; any other error ends it. Returns only on
 * failure: -1, errno. crond.c may call it too.
 */
int	spawn_execvp(const char *file, char *const argv[]);

/*
 * spawn.c: COMMAND (o->argv) as --user, with tend's signal state undone.
 * Returns only on failure: -1 where --user failed, 0 where exec did
 * (errno says why).
 */
int	spawn_exec(const struct tend *t);

/* spawn.c: a hook or job, as tend's uid; its pid or -1. */
pid_t	spawn_hook(struct tend *t, const char *path);
/* In a child: stderr, SIGCHLD and the signal mask as tend found them. */
void	spawn_restore(const struct tend *t);

/* Carry out what the shutdown machine asked for. */
void	tend_act(struct tend *t, enum sv_action a);
/* The main child is gone with t->sv.status: start the shutdown. */
void	tend_main_exited(struct tend *t, bool others_left);

/* reap.c: reap every zombie; then drive the shutdown machine. */
void	reap_all(struct tend *t);
/* Send sig to every process tend is responsible for (not itself). */
void	reap_signal_rest(struct tend *t, int sig);
void	reap_on_timer(struct loop *l, void *ctx);

#endif
