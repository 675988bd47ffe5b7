/* tend's own messages, on stderr, one line each: "tend: ...". */
#ifndef TEND_LOG_H
#define TEND_LOG_H

/* Levels as tini's: shown when verbosity >= level. */
enum {
	LOG_ERR = 1,	/* errors and warnings: shown by default */
	LOG_INFO = 2,	/* -v */
	LOG_DEBUG = 3,	/* -vv */
	LOG_TRACE = 4,	/* -vvv */
};

void	tlog(int verbosity, int level, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

#endif
