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
	/* a fourth digit is no '>' */
	for (i = 1; i < n && i <= 3 && in[i] >= '0' && in[i] <= '9'; i++)
		v = v * 10 + (in[i] - '0');
	if (i == 1 || i >= n || in[i] != '>' || v > 191 ||
	    (in[1] == '0' && i > 2))
		return 0;
	*pri = v;
	return i + 1;
}

/* Past one space-delimited RFC 5424 header field and its space, or NULL. */
static const char *
syslog_skip(const char *p, const char *end)
{
	const char *s = p;

	while (p < end && *p != ' ')
		p++;
	if (p == s || p == end)
		return NULL;
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

/*
 * Copy the character c (unless it is NUL), then s[0..n), to w, as far as
 * lim (the byte kept for the NUL), on one line: newlines become spaces.
 * Returns where the copy ends.
 */
static char *
syslog_put(char *w, const char *lim, char c, const char *s, size_t n)
{
	if (c != '\0' && w < lim)
		*w++ = c;
	for (; n > 0 && w < lim; n--, s++)
		*w++ = *s == '\n' ? ' ' : *s;
	return w;
}

/* An RFC 5424 header field that is "-": the value is absent. */
static int
syslog_nil(const char *f, size_t n)
{
	return n == 1 && f[0] == '-';
}

/*
 * TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD [MSG] -> "APP[PROCID]: ..."
 * at w; where it ends, or NULL if p..end is not that.
 */
static char *
syslog_5424(char *w, const char *lim, const char *p, const char *end)
{
	const char *app = NULL, *proc = NULL, *id = NULL, *sd, *msg;
	int i, pid;

	/*
	 * Five fields; where the last three (APP-NAME, PROCID, MSGID) start,
	 * each field's start moved along as the next one comes.
	 */
	for (i = 0; i < 5; i++) {
		app = proc;
		proc = id;
		id = p;
		if ((p = syslog_skip(p, end)) == NULL)
			return NULL;
	}
	sd = p;
	if ((msg = syslog_sd(sd, end)) == NULL || (msg < end && *msg != ' '))
		return NULL;
	/* an absent APP-NAME is printed as its "-" */
	w = syslog_put(w, lim, '\0', app, (size_t)(proc - app - 1));
	pid = !syslog_nil(proc, (size_t)(id - proc - 1));
	if (pid)
		w = syslog_put(w, lim, '[', proc, (size_t)(id - proc - 1));
	w = syslog_put(w, lim, pid ? ']' : '\0', ":", 1);
	if (!syslog_nil(sd, (size_t)(msg - sd)))
		w = syslog_put(w, lim, ' ', sd, (size_t)(msg - sd));
	if (msg < end)
		msg++;
	/* a UTF-8 MSG may start with a byte order mark */
	if (end - msg >= 3 && memcmp(msg, "\xef\xbb\xbf", 3) == 0)
		msg += 3;
	if (msg < end)
		w = syslog_put(w, lim, ' ', msg, (size_t)(end - msg));
	return w;
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
		unsigned char c = (unsigned char)p[i], s = shape[i];

		/* 'A' and 'a' stand for a letter of that case, 'd' a digit */
		if (s == 'd' ? (unsigned)(c - '0') > 9 &&
		    !(i == 4 && c == ' ') :
		    s == 'A' || s == 'a' ? (unsigned)(c - s) > 25 : c != s)
			return 0;
	}
	return 1;
}

size_t
syslog_format(const char *in, size_t n, char *out, size_t outlen, int *sev)
{
	char *w = out, *lim, *w5424;
	const char *p, *end;
	size_t plen;
	int pri;

	if (outlen == 0)
		return 0;
	lim = out + outlen - 1;
	while (n > 0 && (in[n - 1] == '\n' || in[n - 1] == '\0'))
		n--;
	end = in + n;
	plen = syslog_pri(in, n, &pri);
	p = in + plen;
	*sev = SYSLOG_SEV_NOTICE;
	/* without a PRI, the datagram as it is */
	if (plen != 0) {
		*sev = pri % 8;
		w += fmt_s(out, outlen, p < end ? "%s.%s " : "%s.%s",
		    syslog_name(syslog_fac, pri / 8),
		    syslog_name(syslog_sev, pri % 8));
		if (end - p >= 2 && p[0] >= '1' && p[0] <= '9' &&
		    p[1] == ' ' &&
		    (w5424 = syslog_5424(w, lim, p + 2, end)) != NULL) {
			w = w5424;
			p = end;
		} else {
			/*
			 * Not RFC 5424 after all (syslog_5424 wrote
			 * nothing): RFC 3164 or free text.
			 */
			if (syslog_is_3164_time(p, end))
				p += 16;
			if (p == end && w > out && w[-1] == ' ')
				w--;	/* a timestamp and nothing else */
		}
	}
	w = syslog_put(w, lim, '\0', p, (size_t)(end - p));
	*w = '\0';
	return (size_t)(w - out);
}
