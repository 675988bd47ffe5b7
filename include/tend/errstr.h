/*
 * Error texts for tend's messages, as glibc and musl word them, for the
 * errors tend can meet; others read "unexpected error". musl's full
 * strerror table is 1.9 KiB of a 48 KiB budget.
 */
#ifndef TEND_ERRSTR_H
#define TEND_ERRSTR_H

const char *err_str(int err);

/* err_str(errno): one call where there were two, at some 40 sites. */
const char *err_now(void);

#endif
