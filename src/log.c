/* One write(2) per message, so lines from tend never mix with others. */
#include <stdarg.h>
#include <string.h>
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
	memcpy(buf, "tend: ", 6);
	va_start(ap, fmt);
	/* after "tend: "; keep one byte for the newline */
	n = 6 + fmt_v(buf + 6, sizeof(buf) - 6 - 1, fmt, ap);
	va_end(ap);
	buf[n++] = '\n';
	(void)!write(STDERR_FILENO, buf, n);
}
