/* One write(2) per message, so lines from tend never mix with others. */
#include <stdarg.h>
#include <unistd.h>

#include "tend/fmt.h"
#include "tend/log.h"

void
tlog(int verbosity, int level, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	size_t n;

	if (verbosity < level)
		return;
	n = fmt_s(buf, sizeof(buf), "tend: ");
	va_start(ap, fmt);
	/* keep one byte for the newline */
	n += fmt_v(buf + n, sizeof(buf) - n - 1, fmt, ap);
	va_end(ap);
	buf[n++] = '\n';
	(void)!write(STDERR_FILENO, buf, n);
}
