/* tend's runtime state: one struct, built in main, passed by pointer. */
#ifndef TEND_STATE_H
#define TEND_STATE_H

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

#include "tend/loop.h"
#include "tend/opts.h"
#include "tend/relay.h"
#include "tend/supervise.h"

struct tend {
	const struct opts	*o;
	struct loop		 loop;
	struct supervise	 sv;
	struct loop_timer	*sv_timer;
	struct relay		 relay;
	int			 sigfd;		/* signalfd of every signal */
	sigset_t		 orig_mask;	/* restored in the child */
	bool			 chld_was_ignored; /* SIGCHLD SIG_IGN on entry */
	bool			 pid1;
	bool			 tty_fg;	/* tend's group has the terminal */
	bool			 job;		/* ... and tend is not PID 1 */
	pid_t			 self;
	pid_t			 child;		/* 0 before spawn / after exit */
	pid_t			 child_pgid;	/* kept after the child exits */
	int			 status;	/* tend's exit status */
};

/* The kernel's sigset size, for raw rt_sigprocmask/rt_sigtimedwait. */
#define SIGNALS_SETSIZE	(_NSIG / 8)

/* signals.c: block everything, read it from one signalfd. */
int	signals_setup(struct tend *t);
void	signals_on_read(struct loop *l, void *ctx, int fd, short revents);

/* spawn.c: fork and exec o->argv as the child; 0 or -1. */
int	spawn_child(struct tend *t);

/* Carry out what the shutdown machine asked for. */
void	tend_act(struct tend *t, enum sv_action a);

/* reap.c: reap every zombie; then drive the shutdown machine. */
void	reap_all(struct tend *t);
/* Send sig to every process tend is responsible for (not itself). */
void	reap_signal_rest(struct tend *t, int sig);
void	reap_on_timer(struct loop *l, void *ctx);

#endif
