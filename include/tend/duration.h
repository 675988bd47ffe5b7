/* Durations: "5s", "250ms", "1m30s", "1.5s", "2h"; a bare number is seconds. */
#ifndef TEND_DURATION_H
#define TEND_DURATION_H

#include <stddef.h>
#include <stdint.h>

/* Longest accepted duration: 30 days, in milliseconds. */
#define DURATION_MAX_MS ((int64_t)30 * 24 * 3600 * 1000)

/* Parse s into milliseconds (0 .. DURATION_MAX_MS); 0 / -1 with err. */
int	duration_parse(const char *s, int64_t *ms, char *err, size_t errlen);

#endif
