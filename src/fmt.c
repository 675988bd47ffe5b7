/* The small formatter of include/tend/fmt.h; pure. */
#include <stdint.h>
#include <string.h>

#include "tend/fmt.h"

/*
 * Each step makes one piece, s[0..n): a byte of the format, or what a
 * conversion gives; it goes out as far as there is room.
 */
size_t
fmt_v(char *buf, size_t len, const char *fmt, va_list ap)
{
	char d[16], *q;
	const char *p, *s;
	size_t n, o = 0;
	unsigned int u;
	int prec, v;

	if (len == 0)
		return 0;
	for (p = fmt; *p != '\0' && o < len - 1; p++) {
		s = p;
		n = 1;
		if (*p != '%')
			goto put;
		prec = -1;
		if (p[1] == '.' && p[2] == '*' && p[3] == 's') {
			prec = va_arg(ap, int);
			p += 2;
		}
		switch (*++p) {
		case 's':
			s = va_arg(ap, const char *);
			if (s == NULL)
				s = "(null)";
			n = strnlen(s, prec >= 0 ? (size_t)prec : SIZE_MAX);
			break;
		case 'd':
			v = va_arg(ap, int);
			/* via unsigned: -INT_MIN overflows int */
			u = v < 0 ? 0u - (unsigned int)v : (unsigned int)v;
			q = d + sizeof(d);
			do {
				*--q = (char)('0' + u % 10);
				u /= 10;
			} while (u != 0);
			if (v < 0)
				*--q = '-';
			s = q;
			n = (size_t)(d + sizeof(d) - q);
			break;
		case 'c':
			d[0] = (char)va_arg(ap, int);
			s = d;
			break;
		case '%':
			s = p;
			break;
		case '\0':
			p--;
			n = 0;
			break;
		default:
			/* not supported: shown as is, so a mistake is visible */
			s = p - 1;
			n = 2;
			break;
		}
put:
		if (n > len - 1 - o)
			n = len - 1 - o;
		memcpy(buf + o, s, n);
		o += n;
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
