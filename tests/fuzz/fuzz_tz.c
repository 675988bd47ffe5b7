/*
 * libFuzzer target for tz. `make fuzz` (clang) builds it with
 *
 *	clang -std=c11 -D_GNU_SOURCE -Iinclude $(WARN) -g -O1 \
 *	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
 *	    -o build/fuzz/fuzz_tz tests/fuzz/fuzz_tz.c src/tz.c src/cron.c \
 *	    src/duration.c src/num.c src/fmt.c
 *
 * and runs it for FUZZ_TIME seconds (30 by default) on its corpus:
 *
 *	build/fuzz/fuzz_tz -max_len=8192 -max_total_time=30 \
 *	    -artifact_prefix=build/fuzz/ build/fuzz/fuzz_tz.corpus
 *
 * A crash leaves its input in build/fuzz/crash-*; run the binary on
 * that file alone to replay it.
 *
 * Input: bytes 0-7 an instant, the rest a TZif file (in a buffer of its
 * exact size: ASan sees any read outside) and, cut at a NUL, a POSIX TZ
 * string. A file taken gives each instant one of its types' offsets; a
 * string taken gives its standard or DST offset (within 25 hours), the
 * same 400 years on, and is taken again as a file's footer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tend/tz.h"

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

#define P400		((int64_t)146097 * 86400)

static void
check_file(const unsigned char *data, size_t size, int64_t t)
{
	unsigned char *b = malloc(size > 0 ? size : 1);
	struct tz tz;
	int32_t off;
	uint32_t k;
	bool found;

	CHECK(b != NULL);
	memcpy(b, data, size);
	if (tz_parse_file(&tz, b, size) == 0) {
		CHECK(tz.ntypes > 0 && (tz.tsize == 4 || tz.tsize == 8));
		off = tz_offset(&tz, t);
		for (k = 0, found = false; k < tz.ntypes; k++)
			found = found || off == (int32_t)((uint32_t)
			    tz.types[6 * k] << 24 | tz.types[6 * k + 1] << 16 |
			    tz.types[6 * k + 2] << 8 | tz.types[6 * k + 3]);
		CHECK(found || (!tz.norule && (off == tz.std_off ||
		    (tz.dst && off == tz.dst_off))));
		(void)tz_offset(&tz, INT64_MIN);
		(void)tz_offset(&tz, INT64_MAX);
	}
	free(b);
}

static void
check_rule(const char *s, int64_t t)
{
	static const unsigned char head[44] = "TZif2";
	unsigned char *b;
	struct tz tz;
	int64_t u;
	int32_t off;
	size_t n = strlen(s), len;

	if (tz_parse_rule(&tz, s) != 0)
		return;
	CHECK(tz.n == 0 && !tz.norule);
	CHECK(tz.std_off >= -25 * 3600 && tz.std_off <= 25 * 3600);
	CHECK(tz.dst_off >= -25 * 3600 && tz.dst_off <= 25 * 3600);
	off = tz_offset(&tz, t);
	CHECK(off == tz.std_off || (tz.dst && off == tz.dst_off));
	u = t % (INT64_MAX / 4);
	CHECK(tz_offset(&tz, u) == tz_offset(&tz, u + P400));
	/* as a footer: two empty headers, one type (of offset 0) */
	len = 2 * 44 + 2 * 6 + n + 2;
	b = malloc(len);
	CHECK(b != NULL);
	memset(b, 0, len);
	memcpy(b, head, 44);
	b[39] = 1;		/* typecnt */
	memcpy(b + 50, head, 44);
	b[50 + 39] = 1;
	b[100] = '\n';
	memcpy(b + 101, s, n);
	b[len - 1] = '\n';
	CHECK(tz_parse_file(&tz, b, len) == 0);
	CHECK(tz_offset(&tz, t) == off);
	free(b);
}

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int64_t t;
	size_t n;
	char *s;

	if (size < 8)
		return 0;
	memcpy(&t, data, sizeof(t));
	data += 8;
	size -= 8;
	check_file(data, size, t);
	n = memchr(data, '\0', size) ? strlen((const char *)data) : size;
	if ((s = malloc(n + 1)) == NULL)
		abort();
	memcpy(s, data, n);
	s[n] = '\0';
	check_rule(s, t);
	free(s);
	return 0;
}
