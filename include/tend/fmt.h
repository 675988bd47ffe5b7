/*
 * A small snprintf for tend's own messages: %s, %.*s, %d, %c and %%.
 * printf's full engine (and its floating point) is a third of a static
 * binary; this is all tend prints. Always NUL-terminates when len > 0;
 * returns the length written (truncated output is cut at len - 1).
 */
#ifndef TEND_FMT_H
#define TEND_FMT_H

#include <stdarg.h>
#include <stddef.h>

size_t	fmt_s(char *buf, size_t len, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
size_t	fmt_v(char *buf, size_t len, const char *fmt, va_list ap)
	    __attribute__((format(printf, 3, 0)));

#endif
