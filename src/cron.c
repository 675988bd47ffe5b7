/* Cron schedules and when they are due (include/tend/cron.h); pure. */
#include <stdarg.h>
#include <string.h>

#include "tend/cron.h"
#include "tend/duration.h"
#include "tend/fmt.h"
#include "tend/num.h"

#define CRON_DAY	1440	/* minutes */
#define CRON_MON	3	/* the fields with names */
#define CRON_DOW	4
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* The five fields: name, typed bounds, and where '*' and "N/S" end. */
static const struct {
	char	name[13];
	char	lo, hi, top;
} cron_fd[] = {
	{ "minute", 0, 59, 59 }, { "hour", 0, 23, 23 },
	{ "day-of-month", 1, 31, 31 }, { "month", 1, 12, 12 },
	/* 7 may be typed for Sunday; '*' and "N/S" stop at Saturday */
	{ "day-of-week", 0, 7, 6 },
};

/* Month names (1..12), then day names (0..6). */
static const char cron_names[19][4] = {
	"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
	"oct", "nov", "dec",
	"sun", "mon", "tue", "wed", "thu", "fri", "sat",
};

static const struct {
	char	name[9];
	char	spec[10];
} cron_macros[] = {
	{ "yearly", "0 0 1 1 *" }, { "annually", "0 0 1 1 *" },
	{ "monthly", "0 0 1 * *" }, { "weekly", "0 0 * * 0" },
	{ "daily", "0 0 * * *" }, { "midnight", "0 0 * * *" },
	{ "hourly", "0 * * * *" },
};

/* Where the parser is, and what to name in a message. */
struct cron_in {
	const char	*p;
	const char	*fs;	/* the field being read, or NULL */
	int		 f;	/* its index in cron_fd */
	char		*err;
	size_t		 errlen;
	uint64_t	 b[5];	/* the fields read, and whether each began */
	bool		 star[5];	/* with '*' */
	char		 buf[32];	/* @every's duration */
};

static int	cron_fail(struct cron_in *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

static int
cron_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

/* Past blanks; what is there. */
static char
cron_blanks(struct cron_in *in)
{
	while (cron_blank(*in->p))
		in->p++;
	return *in->p;
}

static size_t
cron_toklen(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0' && !cron_blank(s[n]))
		n++;
	return n;
}

/* Whether s[0..n) is word (lower case) in any case. */
static int
cron_word(const char *s, size_t n, const char *word)
{
	size_t i;

	/*
	 * | 0x20 lowers a letter and turns nothing else into one, nor into
	 * the '\0' that ends a shorter word
	 */
	for (i = 0; i < n; i++)
		if ((s[i] | 0x20) != word[i])
			return 0;
	return word[n] == '\0';
}

static int
cron_fail(struct cron_in *in, const char *why, ...)
{
	va_list ap;
	size_t n = 0;

	if (in->fs != NULL)
		n = fmt_s(in->err, in->errlen, "%s field '%.*s': ",
		    cron_fd[in->f].name, (int)cron_toklen(in->fs), in->fs);
	va_start(ap, why);
	fmt_v(in->err + n, in->errlen - n, why, ap);
	va_end(ap);
	return -1;
}

/* The value of p[0..n) as a name in field f, or -1. */
static int
cron_name(const char *p, size_t n, int f)
{
	int i = f == CRON_MON ? 0 : 12;
	int end = f == CRON_MON ? 12 : f == CRON_DOW ? 19 : 0;

	for (; i < end; i++)
		if (cron_word(p, n, cron_names[i]))
			return f == CRON_MON ? i + 1 : i - 12;
	return -1;
}

/*
 * A number, or a name where the field has them; a step is a number. The
 * value (>= 0), or -1.
 */
static int
cron_value(struct cron_in *in, int step)
{
	const char *p = in->p, *what = step ? "step " : "";
	int lo = step ? 1 : cron_fd[in->f].lo, hi = cron_fd[in->f].hi, v = 0;
	size_t n;
	bool num = true;

	/* the whole word, so "5x" and "monday" are shown as typed */
	for (n = 0; ; n++) {
		if (p[n] >= '0' && p[n] <= '9') {
			/* past hi, v stays there: no overflow */
			if (v <= hi)
				v = v * 10 + p[n] - '0';
		} else if ((p[n] | 0x20) >= 'a' && (p[n] | 0x20) <= 'z')
			num = false;
		else
			break;
	}
	if (n == 0)
		return cron_fail(in, "missing %svalue", what);
	if (num) {
		if (v < lo || v > hi)
			return cron_fail(in, "%s%.*s out of range %d-%d", what,
			    (int)n, p, lo, hi);
	} else if (step || (v = cron_name(p, n, in->f)) < 0)
		return cron_fail(in, "bad %svalue '%.*s'", what, (int)n, p);
	in->p += n;
	return v;
}

/* One field: items "*", "N", "N-M", each with "/S", joined by ','. */
static int
cron_field(struct cron_in *in, uint64_t *bits, bool *star)
{
	const char *item;
	int lo, hi, step, v, range;	/* range: the item has an end */

	in->fs = in->p;
	*bits = 0;
	*star = *in->p == '*';
	for (;;) {
		item = in->p;
		step = 1;
		range = *in->p == '*';
		if (range) {
			in->p++;
			lo = cron_fd[in->f].lo;
			hi = cron_fd[in->f].top;
		} else {
			if ((lo = cron_value(in, 0)) < 0)
				return -1;
			hi = lo;
			if (*in->p == '-') {
				in->p++;
				range = 1;
				if ((hi = cron_value(in, 0)) < 0)
					return -1;
				if (hi < lo)
					return cron_fail(in,
					    "range '%.*s' goes backwards",
					    (int)(in->p - item), item);
			}
		}
		if (*in->p == '/') {
			in->p++;
			if ((step = cron_value(in, 1)) < 0)
				return -1;
			/* "N/S" runs from N to the end ("7/S": Sunday) */
			if (!range && lo < cron_fd[in->f].top)
				hi = cron_fd[in->f].top;
		}
		for (v = lo; v <= hi; v += step)
			*bits |= (uint64_t)1 << v;
		if (*in->p != ',')
			break;
		in->p++;
	}
	if (*in->p != '\0' && !cron_blank(*in->p))
		return cron_fail(in, "unexpected '%c'", *in->p);
	return 0;
}

static int
cron_fields5(struct cron_in *in, struct cron_spec *c)
{
	uint64_t *b = in->b;
	bool *star = in->star;

	for (in->f = 0; in->f < 5; in->f++) {
		if (cron_blanks(in) == '\0') {
			in->fs = NULL;
			return cron_fail(in, "missing %s field",
			    cron_fd[in->f].name);
		}
		if (cron_field(in, &b[in->f], &star[in->f]) < 0)
			return -1;
	}
	in->fs = NULL;
	c->minute = b[0];
	c->hour = (uint32_t)b[1];
	c->dom = (uint32_t)b[2];
	c->month = (uint16_t)b[3];
	c->dow = (uint8_t)((b[4] | b[4] >> 7) & 0x7f);	/* 7 is 0 */
	c->dom_star = star[2];
	c->dow_star = star[4];
	return 0;
}

static int
cron_every(struct cron_in *in, struct cron_spec *c)
{
	char *buf = in->buf;
	size_t n;

	(void)cron_blanks(in);
	n = cron_toklen(in->p);
	if (n == 0)
		return cron_fail(in, "@every: missing duration");
	if (n >= sizeof(in->buf))
		return cron_fail(in, "bad duration '%.*s': too long", (int)n,
		    in->p);
	memcpy(buf, in->p, n);
	buf[n] = '\0';
	in->p += n;
	if (duration_parse(buf, &c->every_ms, in->err, in->errlen) < 0)
		return -1;
	if (c->every_ms == 0)
		return cron_fail(in, "bad duration '%s': must be more than 0",
		    buf);
	return 0;
}

int
cron_parse(const char *s, struct cron_spec *c, const char **rest,
    char *err, size_t errlen)
{
	struct cron_in in;	/* not zeroed: the scratch is written first */
	const char *after;
	struct cron_spec t;
	size_t n, i;

	in.p = s;
	in.fs = NULL;
	in.err = err;
	in.errlen = errlen;
	memset(&t, 0, sizeof(t));
	if (cron_blanks(&in) == '\0')
		return cron_fail(&in, "empty schedule");
	if (*in.p == '@') {
		n = cron_toklen(in.p);
		for (i = 0; i < NELEM(cron_macros) &&
		    !cron_word(in.p + 1, n - 1, cron_macros[i].name); i++)
			;
		if (cron_word(in.p + 1, n - 1, "every")) {
			in.p += n;
			if (cron_every(&in, &t) < 0)
				return -1;
		} else if (i == NELEM(cron_macros)) {
			return cron_fail(&in, "unknown macro '%.*s'", (int)n,
			    in.p);
		} else {
			after = in.p + n;
			in.p = cron_macros[i].spec;
			(void)cron_fields5(&in, &t);
			in.p = after;
		}
	} else if (cron_fields5(&in, &t) < 0)
		return -1;
	if (cron_blanks(&in) == '\0')
		return cron_fail(&in, "missing command");
	*c = t;
	*rest = in.p;
	return 0;
}

/* Howard Hinnant's days_from_civil. */
int64_t
cron_days(int year, int mon, int mday)
{
	int64_t y = (int64_t)year - (mon <= 2), era, yoe, doy, doe;

	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (mon > 2 ? mon - 3 : mon + 9) + 2) / 5 + mday - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The same in minutes. */
int64_t
cron_local_min(int year, int mon, int mday, int hour, int min)
{
	return (cron_days(year, mon, mday) * 24 + hour) * 60 + min;
}

/* And civil_from_days, returned in registers (no stack slots). */
struct cron_tm
cron_tm(int64_t lm)
{
	struct cron_tm tm;
	int64_t z = lm / CRON_DAY, m = lm % CRON_DAY, era, doe, yoe, doy, mp;

	if (m < 0) {
		m += CRON_DAY;
		z--;
	}
	tm.hour = (uint8_t)(m / 60);
	tm.min = (uint8_t)(m % 60);
	tm.wday = (uint8_t)((z % 7 + 11) % 7);	/* 1970-01-01: Thursday */
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	tm.mday = (uint8_t)(doy - (153 * mp + 2) / 5 + 1);
	tm.mon = (uint8_t)(mp < 10 ? mp + 3 : mp - 9);
	tm.year = (int32_t)(yoe + era * 400 + (tm.mon <= 2));
	return tm;
}

void
cron_fields(int64_t lm, int *year, int *mon, int *mday, int *hour,
    int *min, int *wday)
{
	struct cron_tm tm = cron_tm(lm);

	*year = tm.year;
	*mon = tm.mon;
	*mday = tm.mday;
	*hour = tm.hour;
	*min = tm.min;
	*wday = tm.wday;
}

/* Whether the day matches: vixie cron's rule for the two day fields. */
static bool
cron_day(const struct cron_spec *c, struct cron_tm tm)
{
	bool dom = c->dom >> tm.mday & 1, dow = c->dow >> tm.wday & 1;

	if (!(c->month >> tm.mon & 1))
		return false;
	return c->dom_star || c->dow_star ? dom && dow : dom || dow;
}

bool
cron_match(const struct cron_spec *c, int64_t lm)
{
	struct cron_tm tm = cron_tm(lm);

	return (c->minute >> tm.min & 1) && (c->hour >> tm.hour & 1) &&
	    cron_day(c, tm);
}

/*
 * A job that runs on the wall clock when local time goes back: vixie
 * cron's MIN_STAR | HR_STAR (cron.c, "case 3: timeDiff is a small or
 * medium-sized negative num [...] just run the wildcard jobs"), told by
 * the bits.
 */
static bool
cron_wild(const struct cron_spec *c)
{
	return c->minute == ((uint64_t)1 << 60) - 1 ||
	    c->hour == ((uint32_t)1 << 24) - 1;
}

bool
cron_due(const struct cron_spec *c, int64_t *wm, int64_t lm)
{
	int64_t w = *wm & (((int64_t)1 << CRON_WM_BACK) - 1);
	int64_t back = *wm >> CRON_WM_BACK;	/* 0: no repeated span */

	if (*wm < 0) {
		*wm = lm;
		return false;
	}
	if (lm > w) {
		*wm = lm;
		/* the clock was set: only where it landed */
		if (lm - w > CRON_CATCHUP_MIN)
			return cron_match(c, lm);
		while (++w <= lm)
			if (cron_match(c, w))
				return true;
		return false;
	}
	/* set back further: start again where it landed */
	if (lm < w - CRON_CATCHUP_MIN) {
		*wm = lm;
		return cron_match(c, lm);
	}
	/* the minute last handled, if called again in it */
	if (lm == w - back)
		return false;
	/*
	 * Repeated (up to W itself, which ends the span): w stays, so that
	 * fixed-time jobs wait for local time to pass it.
	 */
	*wm = w | (w - lm) << CRON_WM_BACK;
	return cron_wild(c) && cron_match(c, lm);
}

/* Minutes from lm (which may match) to the next that might. */
static int64_t
cron_skip(const struct cron_spec *c, int64_t lm)
{
	struct cron_tm tm = cron_tm(lm);

	if (!cron_day(c, tm))
		return CRON_DAY - tm.hour * 60 - tm.min;
	if (!(c->hour >> tm.hour & 1))
		return 60 - tm.min;
	return 1;
}

int64_t
cron_next(const struct cron_spec *c, int64_t after,
    int64_t (*local)(int64_t utc, void *ctx), void *ctx, int limit)
{
	int64_t t, wm, lm, n, left;

	if (c->every_ms > 0 || limit <= 0 || after < 0)
		return -1;
	t = after - after % 60;
	wm = local(t, ctx);
	left = (int64_t)limit * 366 * CRON_DAY;
	for (n = 1; left > 0; left -= n) {
		if (t > INT64_MAX - 2 * CRON_DAY * 60)
			return -1;
		t += 60 * n;
		lm = local(t, ctx);
		if (cron_due(c, &wm, lm))
			return t;
		/*
		 * Leap only where local time runs as UTC does: a span with a
		 * DST change is walked minute by minute, as cron_due sees it.
		 */
		n = cron_skip(c, lm);
		if (n > 1 && local(t + 60 * n, ctx) != lm + n)
			n = 1;
	}
	return -1;
}
