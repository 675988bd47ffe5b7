/*
 * The shutdown state machine, pure: events in, one action out.
 *
 *   RUNNING --main child exits, others left--> DRAINING (SIGTERM sent)
 *   DRAINING --grace deadline--> KILLING (SIGKILL sent)
 *   any --no process left--> DONE (exit with the child's status)
 */
#ifndef TEND_SUPERVISE_H
#define TEND_SUPERVISE_H

#include <stdbool.h>
#include <stdint.h>

enum sv_phase {
	SV_RUNNING,
	SV_DRAINING,
	SV_KILLING,
	SV_DONE,
};

enum sv_action {
	SV_NONE,
	SV_TERM_ALL,	/* SIGTERM every remaining process */
	SV_KILL_ALL,	/* SIGKILL every remaining process */
	SV_EXIT,	/* exit with sv->status */
};

/* Between SIGKILL rounds while processes remain (forks racing the kill). */
#define SV_KILL_RETRY_MS 100
/*
 * Rounds before tend gives up on what it cannot find or kill (no /proc as
 * subreaper, a process stuck in the kernel): it exits, sv->gave_up set.
 */
#define SV_KILL_ROUNDS	50

/* The small fields first: 32 bytes, no padding inside. */
struct supervise {
	enum sv_phase	phase;
	int		status;		/* the main child's mapped status */
	int		kill_rounds;
	bool		gave_up;
	int64_t		grace_ms;
	/* CLOCK_MONOTONIC ms; 0 = none, as always in RUNNING and DONE */
	int64_t		deadline;
};

void	sv_init(struct supervise *sv, int64_t grace_ms);

/* The main child is gone with status; others_left: tend still has children. */
enum sv_action sv_main_exited(struct supervise *sv, int status,
	    bool others_left, int64_t now);

/* A reap pass ended; others_left as above. */
enum sv_action sv_reaped(struct supervise *sv, bool others_left);

/* The deadline passed (now >= sv->deadline). */
enum sv_action sv_timeout(struct supervise *sv, int64_t now);

#endif
