/*
 * supervise: the shutdown machine as a table of event scripts. Each step
 * feeds one event and names the action, phase and deadline that must follow.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tend/duration.h"
#include "tend/supervise.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

enum ev {
	EV_END,
	EV_MAIN,	/* sv_main_exited(status, others, now) */
	EV_REAP,	/* sv_reaped(others) */
	EV_TIME,	/* sv_timeout(now) */
};

struct step {
	enum ev		 ev;
	int		 status;
	bool		 others;
	int64_t		 now;
	enum sv_action	 act;
	enum sv_phase	 phase;
	int64_t		 deadline;
};

#define MAIN(st, o, t, a, p, d)	{ EV_MAIN, (st), (o), (t), (a), (p), (d) }
#define REAP(o, a, p, d)	{ EV_REAP, 0, (o), 0, (a), (p), (d) }
#define TIME(t, a, p, d)	{ EV_TIME, 0, false, (t), (a), (p), (d) }

#define G	5000			/* grace */
#define R	SV_KILL_RETRY_MS

static const struct sv_case {
	const char	*name;
	int64_t		 grace;
	int		 status;	/* sv->status at the end */
	struct step	 steps[8];
} cases[] = {
	{ "main exits, nobody left: exit at once", G, 143, {
		MAIN(143, false, 1000, SV_EXIT, SV_DONE, 0),
	} },
	{ "main exits with 0, nobody left", G, 0, {
		MAIN(0, false, 1000, SV_EXIT, SV_DONE, 0),
	} },
	{ "others left: TERM all, deadline now+grace", G, 3, {
		MAIN(3, true, 1000, SV_TERM_ALL, SV_DRAINING, 1000 + G),
	} },
	{ "at time 0", G, 0, {
		MAIN(0, true, 0, SV_TERM_ALL, SV_DRAINING, G),
	} },
	{ "grace 0: KILL all at once", 0, 137, {
		MAIN(137, true, 1000, SV_KILL_ALL, SV_KILLING, 1000 + R),
		REAP(false, SV_EXIT, SV_DONE, 0),
	} },
	{ "draining: the rest go before the deadline", G, 1, {
		MAIN(1, true, 1000, SV_TERM_ALL, SV_DRAINING, 1000 + G),
		REAP(true, SV_NONE, SV_DRAINING, 1000 + G),
		REAP(true, SV_NONE, SV_DRAINING, 1000 + G),
		REAP(false, SV_EXIT, SV_DONE, 0),
	} },
	{ "draining: deadline boundary, then kill rounds", G, 2, {
		MAIN(2, true, 1000, SV_TERM_ALL, SV_DRAINING, 1000 + G),
		TIME(1000 + G - 1, SV_NONE, SV_DRAINING, 1000 + G),
		TIME(1000 + G, SV_KILL_ALL, SV_KILLING, 1000 + G + R),
		TIME(1000 + G + R - 1, SV_NONE, SV_KILLING, 1000 + G + R),
		REAP(true, SV_NONE, SV_KILLING, 1000 + G + R),
		TIME(1000 + G + R, SV_KILL_ALL, SV_KILLING, 1000 + G + 2 * R),
		REAP(false, SV_EXIT, SV_DONE, 0),
	} },
	{ "late timer: deadline counts from the late now", G, 0, {
		MAIN(0, true, 1000, SV_TERM_ALL, SV_DRAINING, 1000 + G),
		TIME(90000, SV_KILL_ALL, SV_KILLING, 90000 + R),
		TIME(90000 + R, SV_KILL_ALL, SV_KILLING, 90000 + 2 * R),
	} },
	{ "grace 0 retries too", 0, 0, {
		MAIN(0, true, 50, SV_KILL_ALL, SV_KILLING, 50 + R),
		TIME(50 + R - 1, SV_NONE, SV_KILLING, 50 + R),
		TIME(50 + R, SV_KILL_ALL, SV_KILLING, 50 + 2 * R),
	} },
	{ "running: reaps and timers change nothing", G, 9, {
		REAP(true, SV_NONE, SV_RUNNING, 0),
		REAP(false, SV_NONE, SV_RUNNING, 0),
		TIME(0, SV_NONE, SV_RUNNING, 0),
		TIME(1000000, SV_NONE, SV_RUNNING, 0),
		MAIN(9, false, 2000, SV_EXIT, SV_DONE, 0),
	} },
	{ "a second main exit is ignored (draining)", G, 1, {
		MAIN(1, true, 1000, SV_TERM_ALL, SV_DRAINING, 1000 + G),
		MAIN(2, false, 2000, SV_NONE, SV_DRAINING, 1000 + G),
		MAIN(3, true, 3000, SV_NONE, SV_DRAINING, 1000 + G),
	} },
	{ "a second main exit is ignored (killing)", 0, 4, {
		MAIN(4, true, 1000, SV_KILL_ALL, SV_KILLING, 1000 + R),
		MAIN(5, false, 1001, SV_NONE, SV_KILLING, 1000 + R),
	} },
	{ "done is final", G, 3, {
		MAIN(3, false, 1000, SV_EXIT, SV_DONE, 0),
		MAIN(4, false, 2000, SV_NONE, SV_DONE, 0),
		MAIN(5, true, 2000, SV_NONE, SV_DONE, 0),
		REAP(false, SV_NONE, SV_DONE, 0),
		REAP(true, SV_NONE, SV_DONE, 0),
		TIME(1000000, SV_NONE, SV_DONE, 0),
	} },
	{ "done after draining is final", G, 7, {
		MAIN(7, true, 1000, SV_TERM_ALL, SV_DRAINING, 1000 + G),
		REAP(false, SV_EXIT, SV_DONE, 0),
		REAP(false, SV_NONE, SV_DONE, 0),
		TIME(1000 + G, SV_NONE, SV_DONE, 0),
	} },
	{ "status 255 kept", G, 255, {
		MAIN(255, true, 1, SV_TERM_ALL, SV_DRAINING, 1 + G),
		REAP(false, SV_EXIT, SV_DONE, 0),
	} },
	{ "longest grace", DURATION_MAX_MS, 0, {
		MAIN(0, true, 1000, SV_TERM_ALL, SV_DRAINING,
		    1000 + DURATION_MAX_MS),
		TIME(1000 + DURATION_MAX_MS - 1, SV_NONE, SV_DRAINING,
		    1000 + DURATION_MAX_MS),
	} },
};

static enum sv_action
feed(struct supervise *sv, const struct step *s)
{
	switch (s->ev) {
	case EV_MAIN:
		return sv_main_exited(sv, s->status, s->others, s->now);
	case EV_REAP:
		return sv_reaped(sv, s->others);
	case EV_TIME:
		return sv_timeout(sv, s->now);
	case EV_END:
		break;
	}
	fail_msg("bad step");
	return SV_NONE;
}

/* One case of the table: its script, step by step. */
static void
test_case(void **state)
{
	const struct sv_case *c = *state;
	struct supervise sv;
	const struct step *s;
	enum sv_action a;
	size_t k;

	sv_init(&sv, c->grace);
	for (k = 0; k < NELEM(c->steps); k++) {
		s = &c->steps[k];
		if (s->ev == EV_END)
			break;
		a = feed(&sv, s);
		if (a != s->act || sv.phase != s->phase ||
		    sv.deadline != s->deadline)
			fail_msg("%s, step %zu: action %d phase %d deadline "
			    "%lld; want %d %d %lld", c->name, k + 1, a,
			    sv.phase, (long long)sv.deadline, s->act, s->phase,
			    (long long)s->deadline);
	}
	if (sv.status != c->status)
		fail_msg("%s: status %d, want %d", c->name, sv.status,
		    c->status);
}

static void
test_init(void **state)
{
	struct supervise sv;

	(void)state;
	sv.phase = SV_DONE;
	sv.deadline = 42;
	sv.status = 42;
	sv_init(&sv, 1234);
	assert_int_equal(sv.phase, SV_RUNNING);
	assert_int_equal(sv.grace_ms, 1234);
	assert_int_equal(sv.deadline, 0);
	assert_int_equal(sv.status, 0);
}

/*
 * SIGKILL rounds are bounded: what tend cannot find or end does not keep
 * it alive. SV_KILL_ROUNDS rounds, then exit with gave_up set.
 */
static void
test_gives_up(void **state)
{
	struct supervise sv;
	int64_t now = 1000;
	int i;

	(void)state;
	sv_init(&sv, 0);
	assert_int_equal(sv_main_exited(&sv, 7, true, now), SV_KILL_ALL);
	assert_false(sv.gave_up);
	for (i = 1; i < SV_KILL_ROUNDS; i++) {
		now = sv.deadline;
		assert_int_equal(sv_timeout(&sv, now), SV_KILL_ALL);
		assert_int_equal(sv.kill_rounds, i + 1);
		assert_false(sv.gave_up);
	}
	assert_int_equal(sv_timeout(&sv, sv.deadline), SV_EXIT);
	assert_true(sv.gave_up);
	assert_int_equal(sv.phase, SV_DONE);
	assert_int_equal(sv.status, 7);
	assert_int_equal(sv_timeout(&sv, now + 100000), SV_NONE);
}

int
main(void)
{
	struct CMUnitTest tests[2 + NELEM(cases)];
	size_t i;

	memset(tests, 0, sizeof(tests));
	tests[0].name = "test_init";
	tests[0].test_func = test_init;
	tests[1 + NELEM(cases)].name = "test_gives_up";
	tests[1 + NELEM(cases)].test_func = test_gives_up;
	for (i = 0; i < NELEM(cases); i++) {
		tests[1 + i].name = cases[i].name;
		tests[1 + i].test_func = test_case;
		/* cmocka hands initial_state to the test as *state */
		tests[1 + i].initial_state = (void *)(uintptr_t)&cases[i];
	}
	return cmocka_run_group_tests_name("supervise", tests, NULL, NULL);
}
