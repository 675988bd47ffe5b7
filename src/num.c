/* Strict decimal numbers (see include/tend/num.h); pure. */
#include <stddef.h>

#include "tend/num.h"

/*
 * The result comes back in two registers: no caller keeps a local whose
 * address is taken, which would cost it a stack protector. One copy for
 * all callers (inlined, the loop would be there twice).
 */
__attribute__((noinline)) struct num_read
num_read(const char *p, unsigned long max)
{
	struct num_read r = { NULL, 0 };
	unsigned long d;

	if (*p < '0' || *p > '9')
		return r;
	for (; *p >= '0' && *p <= '9'; p++) {
		d = (unsigned long)(*p - '0');
		if (d > max || r.v > (max - d) / 10)
			return r;
		r.v = r.v * 10 + d;
	}
	r.end = p;
	return r;
}

int
num_scan(const char **s, unsigned long max, unsigned long *out)
{
	struct num_read r = num_read(*s, max);

	if (r.end == NULL)
		return -1;
	*s = r.end;
	*out = r.v;
	return 0;
}

int
num_parse(const char *s, unsigned long max, unsigned long *out)
{
	struct num_read r = num_read(s, max);

	if (r.end == NULL || *r.end != '\0')
		return -1;
	*out = r.v;
	return 0;
}

long
num_value(const char *s, unsigned long max)
{
	struct num_read r = num_read(s, max);

	return r.end == NULL || *r.end != '\0' ? -1 : (long)r.v;
}
