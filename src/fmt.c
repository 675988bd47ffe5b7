/* The small formatter of include/tend/fmt.h; pure. */
#include <string.h>

#include "tend/fmt.h"

/*
 * Each step writes what one byte of the format gives, as far as there is
 * room; the loop's condition leaves room for one byte at least. No local
 * buffer (it would cost a stack protector): %d writes its digits from
 * the highest down.
 */
size_t
fmt_v(char *buf, size_t len, const char *fmt, va_list ap)
{
	const char *p, *s;
	size_t n, o = 0;
	unsigned int u, div;
	int star, v;

	if (len == 0)
		return 0;
	for (p = fmt; *p != '\0' && o < len - 1; p++) {
		if (*p != '%') {
			buf[o++] = *p;
			continue;
		}
		star = p[1] == '.' && p[2] == '*' && p[3] == 's';
		if (star)
			p += 2;
		/* one va_arg for every int: %.*s's precision, %c, %d */
		v = -1;
		if (star || p[1] == 'c' || p[1] == 'd')
			v = va_arg(ap, int);
		switch (*++p) {
		case 's':
			s = va_arg(ap, const char *);
			if (s == NULL)
				s = "(null)";
			/* no or a negative precision: (size_t) makes it huge */
			n = strnlen(s, (size_t)v);
			if (n > len - 1 - o)
				n = len - 1 - o;
			memcpy(buf + o, s, n);
			o += n;
			break;
		case 'c':
		case 'd':
			if (*p == 'c') {
				buf[o++] = (char)v;
				break;
			}
			/* via unsigned: -INT_MIN overflows int */
			u = v < 0 ? 0u - (unsigned int)v : (unsigned int)v;
			if (v < 0)
				buf[o++] = '-';
			for (div = 1; u / div >= 10; div *= 10)
				;
			do {
				if (o < len - 1)
					buf[o++] = (char)('0' + u / div % 10);
			} while ((div /= 10) != 0);
			break;
		case '\0':
			p--;
			break;
		default:
			/*
			 * "%%" is '%'; what is not supported is shown as is,
			 * so a mistake is visible: '%', then the byte after
			 * it in the next step.
			 */
			buf[o++] = '%';
			if (*p != '%')
				p--;
			break;
		}
	}
	buf[o] = '\0';
	return o;
}

size_t
fmt_s(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = fmt_v(buf, len, fmt, ap);
	va_end(ap);
	return n;
}
