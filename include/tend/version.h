/* The --version line, in the form dockerd's parseInitVersion reads. */
#ifndef TEND_VERSION_H
#define TEND_VERSION_H

#include <stddef.h>

#define TEND_VERSION "0.1.0"

/* "tini version 0.1.0_tend - git.<hex>\n" */
extern const char version_text[];

/* version_text into buf; returns the length written. */
size_t	version_line(char *buf, size_t len);

#endif
