/*
 * Error texts for tend's messages, as glibc and musl word them, for the
 * errors tend can meet; others read "unexpected error". musl's full
 * strerror table is 1.9 KiB of a 48 KiB budget.
 */
#ifndef TEND_ERRSTR_H
#define TEND_ERRSTR_H

const char *err_str(int err);

/* err_str(errno): one call instead of two at each of its many sites. */
const char *err_now(void);

#endif
