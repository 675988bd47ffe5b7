/* The shutdown state machine (see include/tend/supervise.h); pure. */
#include "tend/supervise.h"

void
sv_init(struct supervise *sv, int64_t grace_ms)
{
	*sv = (struct supervise){ .phase = SV_RUNNING, .grace_ms = grace_ms };
}

/*
 * Kept out of line: sv_main_exited and sv_timeout are each inlined where
 * tend calls them, and this would be copied into both (48 bytes).
 */
static __attribute__((noinline)) enum sv_action
sv_kill(struct supervise *sv, int64_t now)
{
	if (sv->kill_rounds == SV_KILL_ROUNDS) {
		sv->phase = SV_DONE;
		sv->deadline = 0;
		sv->gave_up = true;
		return SV_EXIT;
	}
	sv->kill_rounds++;
	sv->phase = SV_KILLING;
	sv->deadline = now + SV_KILL_RETRY_MS;
	return SV_KILL_ALL;
}

enum sv_action
sv_main_exited(struct supervise *sv, int status, bool others_left,
    int64_t now)
{
	if (sv->phase != SV_RUNNING)
		return SV_NONE;
	sv->status = status;
	if (!others_left) {
		sv->phase = SV_DONE;
		return SV_EXIT;
	}
	if (sv->grace_ms == 0)
		return sv_kill(sv, now);
	sv->phase = SV_DRAINING;
	sv->deadline = now + sv->grace_ms;
	return SV_TERM_ALL;
}

enum sv_action
sv_reaped(struct supervise *sv, bool others_left)
{
	if (sv->phase == SV_RUNNING || sv->phase == SV_DONE || others_left)
		return SV_NONE;
	sv->phase = SV_DONE;
	sv->deadline = 0;
	return SV_EXIT;
}

enum sv_action
sv_timeout(struct supervise *sv, int64_t now)
{
	if (sv->deadline == 0 || now < sv->deadline)
		return SV_NONE;
	if (sv->phase == SV_DRAINING || sv->phase == SV_KILLING)
		return sv_kill(sv, now);
	return SV_NONE;
}
