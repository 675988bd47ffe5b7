/*
 * libFuzzer target for http: http_status, http_body and
 * http_range_parse. `make fuzz` (clang) builds it with
 *
 *	clang -std=c11 -D_GNU_SOURCE -Iinclude $(WARN) -g -O1 \
 *	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
 *	    -o build/fuzz/fuzz_http tests/fuzz/fuzz_http.c src/http.c \
 *	    src/num.c src/fmt.c
 *
 * and runs it for FUZZ_TIME seconds (30 by default) on its corpus:
 *
 *	build/fuzz/fuzz_http -max_len=8192 -max_total_time=30 \
 *	    -artifact_prefix=build/fuzz/ build/fuzz/fuzz_http.corpus
 *
 * A crash leaves its input in build/fuzz/crash-*; run the binary on
 * that file alone to replay it.
 *
 * Input: the bytes of a response, as they come (libFuzzer hands them
 * over in a buffer of their exact size, so ASan sees any read past it).
 * http_status matches a reference that checks each field of the
 * 13-byte prefix in turn, and over every prefix it says 0 until it
 * decides, then the same verdict. http_body finds the first blank line,
 * no later. The input, NUL-terminated, as a status range: what is
 * accepted is within 100..599 and reads back the same when written out;
 * a refusal names the input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend/http.h"

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

/* The status line the long way: the whole 13-byte prefix at once. */
static int
ref_status(const uint8_t *d, size_t n)
{
	static const char pfx[] = "HTTP/1.";
	size_t i;

	for (i = 0; i < n && i < 7; i++)
		if (d[i] != (uint8_t)pfx[i])
			return -1;
	if (n > 7 && (d[7] < '0' || d[7] > '9'))
		return -1;
	if (n > 8 && d[8] != ' ')
		return -1;
	if (n > 9 && (d[9] < '1' || d[9] > '5'))
		return -1;
	for (i = 10; i < 12 && i < n; i++)
		if (d[i] < '0' || d[i] > '9')
			return -1;
	if (n < 13)
		return 0;
	if (d[12] != ' ' && d[12] != '\r' && d[12] != '\n')
		return -1;
	return (d[9] - '0') * 100 + (d[10] - '0') * 10 + (d[11] - '0');
}

static void
check_status(const uint8_t *d, size_t n)
{
	int rc = http_status((const char *)d, n), got, decided = 0;
	size_t k;

	CHECK(rc == ref_status(d, n));
	CHECK(rc == -1 || rc == 0 || (rc >= 100 && rc <= 599));
	for (k = 0; k <= n && k <= 16; k++) {
		got = http_status((const char *)d, k);
		if (got != 0)
			decided = 1;
		CHECK(got == (decided ? rc : 0));
	}
}

static void
check_body(const uint8_t *d, size_t n)
{
	const char *s = (const char *)d;
	size_t r = http_body(s, n);

	if (r == 0) {
		CHECK(memmem(s, n, "\n\n", 2) == NULL);
		CHECK(memmem(s, n, "\n\r\n", 3) == NULL);
		return;
	}
	CHECK(r >= 2 && r <= n && s[r - 1] == '\n');
	CHECK(s[r - 2] == '\n' || (r >= 3 && s[r - 2] == '\r' &&
	    s[r - 3] == '\n'));
	CHECK(http_body(s, r - 1) == 0);
}

static void
check_range(const uint8_t *d, size_t n)
{
	char *s = malloc(n + 1), err[256], back[32];
	int lo = -7, hi = -7, lo2, hi2;
	size_t i, dash = 0;

	CHECK(s != NULL);
	memcpy(s, d, n);
	s[n] = '\0';
	if (http_range_parse(s, &lo, &hi, err, sizeof(err)) == 0) {
		CHECK(lo >= 100 && lo <= hi && hi <= 599);
		for (i = 0; s[i] != '\0'; i++) {
			CHECK((s[i] >= '0' && s[i] <= '9') || s[i] == '-');
			dash += s[i] == '-';
		}
		CHECK(dash <= 1);
		snprintf(back, sizeof(back), "%d-%d", lo, hi);
		CHECK(http_range_parse(back, &lo2, &hi2, err,
		    sizeof(err)) == 0 && lo2 == lo && hi2 == hi);
	} else {
		CHECK(lo == -7 && hi == -7);
		CHECK(strlen(err) < sizeof(err));
		if (strlen(s) < 64)
			CHECK(strstr(err, s) != NULL);
	}
	free(s);
}

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_status(data, size);
	check_body(data, size);
	check_range(data, size);
	return 0;
}
