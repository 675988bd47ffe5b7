/* /dev/log datagrams to lines (see include/tend/syslogfmt.h); pure. */
#include <string.h>

#include "tend/fmt.h"
#include "tend/syslogfmt.h"

static const char *const syslog_fac[] = {
	"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
	"uucp", "cron", "authpriv", "ftp", "ntp", "security", "console",
	"solaris-cron", "local0", "local1", "local2", "local3", "local4",
	"local5", "local6", "local7",
};

static const char *const syslog_sev[] = {
	"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug",
};

int
syslog_severity(const char *name)
{
	int i;

	for (i = 0; i < 8; i++)
		if (strcmp(name, syslog_sev[i]) == 0)
			return i;
	return strcmp(name, "none") == 0 ? 8 : -1;
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

static int
syslog_5424(struct syslog_out *o, const char *p, const char *end)
{
	const char *ts, *host, *app, *proc, *id, *sd, *msg;
	size_t tsl, hostl, appl, procl, idl;

	if ((p = syslog_field(p, end, &ts, &tsl)) == NULL ||
	    (p = syslog_field(p, end, &host, &hostl)) == NULL ||
	    (p = syslog_field(p, end, &app, &appl)) == NULL ||
	    (p = syslog_field(p, end, &proc, &procl)) == NULL ||
	    (p = syslog_field(p, end, &id, &idl)) == NULL)
		return -1;
	sd = p;
	if ((msg = syslog_sd(p, end)) == NULL || (msg < end && *msg != ' '))
		return -1;
	if (!(appl == 1 && app[0] == '-'))
		syslog_put(o, app, appl);
	else
		syslog_put(o, "-", 1);
	if (!(procl == 1 && proc[0] == '-')) {
		syslog_put(o, "[", 1);
		syslog_put(o, proc, procl);
		syslog_put(o, "]", 1);
	}
	syslog_put(o, ":", 1);
	if (!(msg - sd == 1 && sd[0] == '-')) {
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
	    syslog_fac[pri / 8], syslog_sev[pri % 8]);
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
