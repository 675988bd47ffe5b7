/* tend's own messages, on stderr, one line each: "tend: ...". */
#ifndef TEND_LOG_H
#define TEND_LOG_H

/* Levels as tini's: shown when verbosity >= level. */
enum {
	TLOG_ERR = 1,	/* errors and warnings: shown by default */
	TLOG_INFO = 2,	/* -v */
	TLOG_DEBUG = 3,	/* -vv */
	TLOG_TRACE = 4,	/* -vvv */
};

void	tlog(int verbosity, int level, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

#endif
