/*
 * Strict decimal numbers: digits only (no sign, no blank, no base prefix),
 * checked against a bound as they are read, so overflow cannot happen.
 * What strtol with an end pointer and a range check does, without its
 * locale, whitespace and sign rules (and its 1.5 KiB in a static binary).
 */
#ifndef TEND_NUM_H
#define TEND_NUM_H

/* A number read: where its digits end (NULL: no number), and its value. */
struct num_read {
	const char	*end;
	unsigned long	 v;
};

/* The digits at p, one at least, up to max. */
struct num_read num_read(const char *p, unsigned long max);

/* The digits at *s (one at least), *s moved past them; 0, or -1 if none or > max. */
int	num_scan(const char **s, unsigned long max, unsigned long *out);

/* All of s is one number <= max; 0 or -1. */
int	num_parse(const char *s, unsigned long max, unsigned long *out);

/*
 * As num_parse, the number as the result (max <= LONG_MAX), or -1: the
 * caller keeps no local whose address is taken.
 */
long	num_value(const char *s, unsigned long max);

#endif
