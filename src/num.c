/* Strict decimal numbers (see include/tend/num.h); pure. */
#include "tend/num.h"

int
num_scan(const char **s, unsigned long max, unsigned long *out)
{
	const char *p = *s;
	unsigned long v = 0, d;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		d = (unsigned long)(*p - '0');
		if (d > max || v > (max - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*s = p;
	*out = v;
	return 0;
}

int
num_parse(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long v;

	if (num_scan(&s, max, &v) < 0 || *s != '\0')
		return -1;
	*out = v;
	return 0;
}
