/* Go-style durations, pure: a sequence of <number>[.<fraction>]<unit>. */
#include "tend/fmt.h"
#include "tend/duration.h"

static int
dur_fail(const char *s, const char *why, char *err, size_t errlen)
{
	fmt_s(err, errlen, "bad duration '%s': %s", s, why);
	return -1;
}

int
duration_parse(const char *s, int64_t *ms, char *err, size_t errlen)
{
	const char *p = s;
	int64_t total = 0;
	int bare = 1;

	if (*p == '\0')
		return dur_fail(s, "empty", err, errlen);
	if (*p == '-')
		return dur_fail(s, "negative", err, errlen);
	while (*p != '\0') {
		int64_t whole = 0, frac = 0, scale = 1, unit = -1;
		size_t ulen = 1;
		int digits = 0;

		for (; *p >= '0' && *p <= '9'; p++, digits++) {
			whole = whole * 10 + (*p - '0');
			if (whole > DURATION_MAX_MS)
				return dur_fail(s, "too long", err, errlen);
		}
		if (*p == '.') {
			for (p++; *p >= '0' && *p <= '9'; p++, digits++) {
				if (scale < 1000000) {
					frac = frac * 10 + (*p - '0');
					scale *= 10;
				}
			}
		}
		if (digits == 0)
			return dur_fail(s, "expected a number", err, errlen);
		switch (*p) {
		case 's':
			unit = 1000;
			break;
		case 'm':	/* longest match: "ms" before "m" */
			unit = 60 * 1000;
			if (p[1] == 's') {
				unit = 1;
				ulen = 2;
			}
			break;
		case 'h':
			unit = 3600 * 1000;
			break;
		case 'd':
			unit = 24 * 3600 * 1000;
			break;
		}
		if (unit < 0) {
			if (*p == '\0' && bare) {
				unit = 1000;	/* a bare number is seconds */
				ulen = 0;
			} else
				return dur_fail(s,
				    "unknown unit (use ms, s, m, h or d)", err,
				    errlen);
		}
		bare = 0;
		p += ulen;
		/*
		 * No overflow: whole <= DURATION_MAX_MS (2.6e9) and unit <=
		 * a day (8.64e7), so the step stays below 2.3e17.
		 */
		total += whole * unit + frac * unit / scale;
		if (total > DURATION_MAX_MS)
			return dur_fail(s, "too long", err, errlen);
	}
	*ms = total;
	return 0;
}
