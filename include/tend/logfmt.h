/*
 * How a relayed line goes out. Text: PREFIX LINE "\n", a line cut at the
 * LINEBUF_MAX bound ending in LOGFMT_SPLIT_MARK before its newline. JSON
 * (--log-format json), one object a line:
 *
 *	{"time":"2026-11-25T18:00:00.123Z","source":"/var/log/a.log",
 *	 "stream":"stdout","message":"PREFIX LINE"}
 *
 * plus "split":true on a cut line. Strings are escaped as JSON wants:
 * quote, backslash and control characters, and every byte that is not
 * part of valid UTF-8 becomes U+FFFD.
 */
#ifndef TEND_LOGFMT_H
#define TEND_LOGFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LOGFMT_SPLIT_MARK " [tend: line continues]"

enum logfmt_kind {
	LOGFMT_TEXT,
	LOGFMT_JSON,
};

struct logfmt_line {
	size_t		 len;
	const char	*msg;
	const char	*stream;	/* "stdout" or "stderr" */
	bool		 split;
	int64_t		 time_ms;	/* CLOCK_REALTIME, for JSON */
	const char	*prefix;	/* "" for none */
	const char	*source;	/* path, or "syslog" */
};

/* The most bytes logfmt_render may write for l (its bound for outlen). */
size_t	logfmt_max(enum logfmt_kind k, const struct logfmt_line *l);

/* Render l into out (outlen >= logfmt_max); returns the length. */
size_t	logfmt_render(enum logfmt_kind k, const struct logfmt_line *l,
	    char *out, size_t outlen);

/* JSON string body of s[0..n): escaped, no quotes; returns the length. */
size_t	logfmt_json_escape(const char *s, size_t n, char *out);

/* "2026-11-25T18:00:00.123Z" (24 bytes and a NUL) from ms since the epoch. */
void	logfmt_time(int64_t ms, char out[25]);

#endif
