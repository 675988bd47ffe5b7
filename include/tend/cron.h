/*
 * Cron schedules, pure: the 5-field spec (lists, ranges, steps, month and
 * day names), the @-macros and @every DURATION; and whether a schedule is
 * due over a span of local minutes, which is how DST and clock jumps are
 * handled (vixie cron's rules):
 *
 * - Local time is counted in "local minutes": minutes since 1970-01-01
 *   00:00 of the local calendar (as if every day had 1440 minutes).
 * - The caller keeps a watermark W, the last local minute it has handled,
 *   in an int64_t it sets to -1 ("none yet") and otherwise leaves to
 *   cron_due. When local time moves forward from W to L, every local
 *   minute in (W, L] is checked, so a job due in an hour that DST skipped
 *   runs once right after it.
 * - When local time goes back by at most CRON_CATCHUP_MIN minutes (the
 *   repeated hour of a fall-back, a small step of the clock), W stays
 *   until local time passes it, and the minutes up to W come again: a
 *   wildcard job (its minute or hour field has every value, as in
 *   "* * * * *", "*\/5 * * * *", "0 * * * *"; vixie cron asks whether
 *   the field begins with '*') runs on the wall clock, at each of them it
 *   matches, W included; a fixed-time job ("30 1 * * *") does not run
 *   again. Meanwhile *wm also holds, from bit CRON_WM_BACK up, how far
 *   behind W the last minute handled is, so that each minute is handled
 *   once however often cron_due is called in it.
 * - A jump forward of more than CRON_CATCHUP_MIN minutes (the clock was
 *   set) checks only L itself; so does a jump back of more than that,
 *   which also moves the watermark back to L.
 * - Local minutes before 1970 (< 0) are not supported, nor from 2^52 on
 *   (past year INT_MAX): a negative watermark means "none yet".
 */
#ifndef TEND_CRON_H
#define TEND_CRON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CRON_CATCHUP_MIN	180	/* 3 hours, as vixie cron */
#define CRON_WM_BACK		52	/* local minutes: < 2^52 (see above) */

struct cron_spec {
	uint64_t	 minute;	/* bit m: 0..59 */
	uint32_t	 hour;		/* bit h: 0..23 */
	uint32_t	 dom;		/* bit d: 1..31 */
	uint16_t	 month;		/* bit m: 1..12 */
	uint8_t		 dow;		/* bit d: 0..6, Sunday 0 (or 7) */
	bool		 dom_star;	/* the field began with '*' */
	bool		 dow_star;
	int64_t		 every_ms;	/* @every: > 0, the fields unused */
};

/*
 * Parse a schedule at the start of s: five fields or an @-macro, then
 * blanks; *rest points past them (the COMMAND). Fields: '*', N, N-M, lists
 * "a,b", steps "*\/S" and "N-M/S" (and "N/S": from N to the end), month
 * names JAN..DEC and day names SUN..SAT in any case, 7 for Sunday; a
 * step is 1 to the field's maximum. A schedule with neither day field
 * '*' fires when either matches, as in every cron. The macros are
 * @yearly @annually @monthly @weekly @daily @midnight @hourly (in any
 * case) and "@every DURATION" (duration_parse, more than 0). Returns 0,
 * or -1 with err (c untouched) naming the field and why, for example
 * "minute field '60': 60 out of range 0-59",
 * "hour field '*\/0': step 0 out of range 1-23",
 * "day-of-week field '5-1': range '5-1' goes backwards",
 * "month field 'foo': bad value 'foo'", "missing day-of-week field",
 * "unknown macro '@sometimes'", "missing command".
 */
int	cron_parse(const char *s, struct cron_spec *c, const char **rest,
	    char *err, size_t errlen);

/*
 * Days from 1970-01-01 to a date (proleptic Gregorian; a day past the
 * month's end, or month 13, counts on), and the local minute of a date
 * and time.
 */
int64_t	cron_days(int year, int mon, int mday);
int64_t	cron_local_min(int year, int mon, int mday, int hour, int min);

/* The fields of a local minute: the inverse of cron_local_min. */
struct cron_tm {
	int32_t		 year;
	uint8_t		 mon, mday, hour, min;
	uint8_t		 wday;		/* Sunday 0 */
};

struct cron_tm	cron_tm(int64_t lm);
void	cron_fields(int64_t lm, int *year, int *mon, int *mday, int *hour,
	    int *min, int *wday);

/* Whether c matches local minute lm (an @every schedule never does). */
bool	cron_match(const struct cron_spec *c, int64_t lm);

/*
 * Local time moved from watermark *wm to lm: whether c is due (see the
 * rules above); *wm is updated. A first call with *wm < 0 only sets it.
 */
bool	cron_due(const struct cron_spec *c, int64_t *wm, int64_t lm);

/*
 * The first UTC second after `after` (>= 0), a multiple of 60, at which
 * c is due, given local(utc) -> local minute for the zone, and cron_due
 * called once a minute from the minute of `after` on with the watermark
 * there (chained from a run, that is cron_due's state: a fixed-time job
 * never runs in a repeated span, a wildcard job runs there as on the
 * wall clock); stepping minute by minute (a leap to the next hour or day
 * where nothing can match and the zone's offset stays) at most `limit`
 * years. -1 if none, and for @every. For tests and for tend's log line.
 */
int64_t	cron_next(const struct cron_spec *c, int64_t after,
	    int64_t (*local)(int64_t utc, void *ctx), void *ctx, int limit);

#endif
