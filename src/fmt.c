/* The small formatter of include/tend/fmt.h; pure. */
#include <limits.h>
#include <string.h>

#include "tend/fmt.h"

struct fmt_out {
	char	*buf;
	size_t	 len, n;
};

static void
fmt_put(struct fmt_out *o, const char *s, size_t n)
{
	size_t room = o->len - 1 - o->n;

	if (n > room)
		n = room;
	memcpy(o->buf + o->n, s, n);
	o->n += n;
}

static void
fmt_int(struct fmt_out *o, int v)
{
	char d[16], *p = d + sizeof(d);
	/* via unsigned: -INT_MIN overflows int */
	unsigned int u = v < 0 ? 0u - (unsigned int)v : (unsigned int)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		*--p = '-';
	fmt_put(o, p, (size_t)(d + sizeof(d) - p));
}

size_t
fmt_v(char *buf, size_t len, const char *fmt, va_list ap)
{
	struct fmt_out o = { buf, len, 0 };
	const char *p, *s;
	char c;
	int prec;

	if (len == 0)
		return 0;
	for (p = fmt; *p != '\0' && o.n < len - 1; p++) {
		if (*p != '%') {
			fmt_put(&o, p, 1);
			continue;
		}
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
			fmt_put(&o, s, prec >= 0 ? strnlen(s, (size_t)prec) :
			    strlen(s));
			break;
		case 'd':
			fmt_int(&o, va_arg(ap, int));
			break;
		case 'c':
			c = (char)va_arg(ap, int);
			fmt_put(&o, &c, 1);
			break;
		case '%':
			fmt_put(&o, "%", 1);
			break;
		case '\0':
			p--;
			break;
		default:
			/* not supported: shown as is, so a mistake is visible */
			fmt_put(&o, p - 1, 2);
			break;
		}
	}
	buf[o.n] = '\0';
	return o.n;
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
