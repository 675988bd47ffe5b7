/* One write(2) per message, so lines from tend never mix with others. */
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "tend/log.h"

void
tlog(int verbosity, int level, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n, m;

	if (verbosity < level)
		return;
	n = snprintf(buf, sizeof(buf), "tend: ");
	va_start(ap, fmt);
	m = vsnprintf(buf + n, sizeof(buf) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (m < 0)
		return;
	n += m;
	if ((size_t)n > sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	(void)!write(STDERR_FILENO, buf, (size_t)n);
}
