/* /dev/log datagrams to lines (see include/tend/syslogfmt.h); pure. */
#include <string.h>

#include "tend/fmt.h"
#include "tend/syslogfmt.h"

/*
 * Names one after another, each ending in a NUL: no table of pointers.
 * The severities go on with "none", which syslog_severity reads as 8.
 */
static const char syslog_fac[] =
	"kern\0user\0mail\0daemon\0auth\0syslog\0lpr\0news\0uucp\0cron\0"
	"authpriv\0ftp\0ntp\0security\0console\0solaris-cron\0local0\0"
	"local1\0local2\0local3\0local4\0local5\0local6\0local7";

static const char syslog_sev[] =
	"emerg\0alert\0crit\0err\0warning\0notice\0info\0debug\0none";

/* The name number i of such a list. */
static const char *
syslog_name(const char *list, int i)
{
	while (i-- > 0)
		list += strlen(list) + 1;
	return list;
}

int
syslog_severity(const char *name)
{
	int i;

	for (i = 0; i <= 8; i++)
		if (strcmp(name, syslog_name(syslog_sev, i)) == 0)
			return i;
	return -1;
}

/* "<PRI>" with PRI 0..191, no leading zeros but "<0>"; length or 0. */
static size_t
syslog_pri(const char *in, size_t n, int *pri)
{
	size_t i;
	int v = 0;

	if (n < 3 || in[0] != '<')
		return 0;
	for (i = 1; i < n && i <= 4 && in[i] >= '0' && in[i] <= '9'; i++)
		v = v * 10 + (in[i] - '0');
	if (i == 1 || i > 4 || i >= n || in[i] != '>' || v > 191 ||
	    (in[1] == '0' && i > 2))
		return 0;
	*pri = v;
	return i + 1;
}

/* Skip one space-delimited RFC 5424 header field; NULL if none. */
static const char *
syslog_field(const char *p, const char *end, const char **f, size_t *flen)
{
	const char *s = p;

	while (p < end && *p != ' ')
		p++;
	if (p == s || p == end)
		return NULL;
	*f = s;
	*flen = (size_t)(p - s);
	return p + 1;
}

/* The STRUCTURED-DATA field: "-" or "[...]..." honouring \] escapes. */
static const char *
syslog_sd(const char *p, const char *end)
{
	if (p < end && *p == '-')
		return p + 1;
	while (p < end && *p == '[') {
		for (p++; p < end && *p != ']'; p++)
			if (*p == '\\' && p + 1 < end)
				p++;
		if (p == end)
			return NULL;
		p++;
	}
	return p;
}

struct syslog_out {
	char	*buf;
	size_t	 len, n;
};

/* Copy, one line: newlines become spaces. */
static void
syslog_put(struct syslog_out *o, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && o->n + 1 < o->len; i++)
		o->buf[o->n++] = s[i] == '\n' ? ' ' : s[i];
}

/* An RFC 5424 header field that is "-": the value is absent. */
static int
syslog_nil(const char *f, size_t n)
{
	return n == 1 && f[0] == '-';
}

/* TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD [MSG] -> "APP[PROCID]: ..." */
static int
syslog_5424(struct syslog_out *o, const char *p, const char *end)
{
	const char *f[5], *sd, *msg;
	size_t fl[5];
	int i;

	for (i = 0; i < 5; i++)
		if ((p = syslog_field(p, end, &f[i], &fl[i])) == NULL)
			return -1;
	sd = p;
	if ((msg = syslog_sd(p, end)) == NULL || (msg < end && *msg != ' '))
		return -1;
	/* an absent APP-NAME is printed as its "-" */
	syslog_put(o, f[2], fl[2]);
	if (!syslog_nil(f[3], fl[3])) {
		syslog_put(o, "[", 1);
		syslog_put(o, f[3], fl[3]);
		syslog_put(o, "]", 1);
	}
	syslog_put(o, ":", 1);
	if (!syslog_nil(sd, (size_t)(msg - sd))) {
		syslog_put(o, " ", 1);
		syslog_put(o, sd, (size_t)(msg - sd));
	}
	if (msg < end)
		msg++;
	/* a UTF-8 MSG may start with a byte order mark */
	if (end - msg >= 3 && memcmp(msg, "\xef\xbb\xbf", 3) == 0)
		msg += 3;
	if (msg < end) {
		syslog_put(o, " ", 1);
		syslog_put(o, msg, (size_t)(end - msg));
	}
	return 0;
}

/* "Mmm dd hh:mm:ss " (RFC 3164 TIMESTAMP, day space-padded). */
static int
syslog_is_3164_time(const char *p, const char *end)
{
	static const char shape[] = "Aaa dd dd:dd:dd ";
	size_t i;

	if (end - p < 16)
		return 0;
	for (i = 0; i < 16; i++) {
		char c = p[i], s = shape[i];

		if ((s == 'A' && (c < 'A' || c > 'Z')) ||
		    (s == 'a' && (c < 'a' || c > 'z')) ||
		    (s == 'd' && (c < '0' || c > '9') &&
		    !(i == 4 && c == ' ')) ||
		    ((s == ' ' || s == ':') && c != s))
			return 0;
	}
	return 1;
}

size_t
syslog_format(const char *in, size_t n, char *out, size_t outlen, int *sev)
{
	struct syslog_out o = { out, outlen, 0 };
	const char *p, *end;
	size_t plen, mark;
	int pri;

	if (outlen == 0)
		return 0;
	while (n > 0 && (in[n - 1] == '\n' || in[n - 1] == '\0'))
		n--;
	end = in + n;
	plen = syslog_pri(in, n, &pri);
	if (plen == 0) {
		*sev = SYSLOG_SEV_NOTICE;
		syslog_put(&o, in, n);
		out[o.n] = '\0';
		return o.n;
	}
	*sev = pri % 8;
	p = in + plen;
	o.n = fmt_s(out, outlen, p < end ? "%s.%s " : "%s.%s",
	    syslog_name(syslog_fac, pri / 8),
	    syslog_name(syslog_sev, pri % 8));
	mark = o.n;
	if (end - p >= 2 && p[0] >= '1' && p[0] <= '9' && p[1] == ' ' &&
	    syslog_5424(&o, p + 2, end) == 0) {
		out[o.n] = '\0';
		return o.n;
	}
	o.n = mark;	/* not RFC 5424 after all: 3164 or free text */
	if (syslog_is_3164_time(p, end))
		p += 16;
	if (p == end && o.n > 0 && out[o.n - 1] == ' ')
		o.n--;	/* a timestamp and nothing else */
	syslog_put(&o, p, (size_t)(end - p));
	out[o.n] = '\0';
	return o.n;
}
