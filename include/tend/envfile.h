/*
 * Docker's --env-file format, one line at a time, pure: leading blanks are
 * dropped; empty lines and lines starting with '#' are skipped; "KEY=VALUE"
 * sets KEY to VALUE exactly as written (no quotes removed, trailing blanks
 * kept); "KEY" alone (trailing blanks dropped) takes KEY's value from
 * tend's own environment, or nothing if KEY is not set there.
 */
#ifndef TEND_ENVFILE_H
#define TEND_ENVFILE_H

#include <stddef.h>

enum envfile_kind {
	ENVF_SKIP,	/* blank or comment */
	ENVF_SET,	/* KEY=VALUE */
	ENVF_INHERIT,	/* KEY */
};

struct envfile_entry {
	const char	*key;		/* into the line */
	size_t		 klen;
	const char	*val;		/* ENVF_SET only */
	size_t		 vlen;
};

/*
 * line[0..n), without its newline (a trailing '\r' is part of the value,
 * as in Docker). A UTF-8 BOM at its start is dropped (Docker drops it from
 * the first line; elsewhere it is never meant). Blanks are ' ' and '\t'
 * to '\r'. Returns the kind, or -1 with a reason in err that never shows
 * the value: "no variable name before '='" ("=x"), "blank after variable
 * name 'KEY'" ("KEY =x", "A B"), "NUL byte in line".
 */
int	envfile_line(const char *line, size_t n, struct envfile_entry *e,
	    char *err, size_t errlen);

#endif
