/* Go-style durations, pure: a sequence of <number>[.<fraction>]<unit>. */
#include <string.h>

#include "tend/fmt.h"
#include "tend/duration.h"

/* The units after "ms": one letter each, and their lengths in ms. */
static const char dur_letters[4] = { 's', 'm', 'h', 'd' };
static const int32_t dur_ms[4] = { 1000, 60 * 1000, 3600 * 1000,
    24 * 3600 * 1000 };

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
		const char *u;
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
		/* longest match: "ms" before "m" */
		if (p[0] == 'm' && p[1] == 's') {
			unit = 1;
			ulen = 2;
		} else if ((u = memchr(dur_letters, *p, 4)) != NULL)
			unit = dur_ms[u - dur_letters];
		if (unit < 0) {
			if (*p == '\0' && bare && p != s) {
				unit = 1000;	/* a bare number is seconds */
				ulen = 0;
			} else
				return dur_fail(s,
				    "unknown unit (use ms, s, m, h or d)", err,
				    errlen);
		}
		bare = 0;
		p += ulen;
		if (whole > DURATION_MAX_MS / unit)
			return dur_fail(s, "too long", err, errlen);
		total += whole * unit + frac * unit / scale;
		if (total > DURATION_MAX_MS)
			return dur_fail(s, "too long", err, errlen);
	}
	*ms = total;
	return 0;
}
