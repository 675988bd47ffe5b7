/*
 * libFuzzer target for cron. `make fuzz` (clang) builds it with
 *
 *	clang -std=c11 -D_GNU_SOURCE -Iinclude $(WARN) -g -O1 \
 *	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
 *	    -o build/fuzz/fuzz_cron tests/fuzz/fuzz_cron.c src/cron.c \
 *	    src/duration.c src/num.c src/fmt.c
 *
 * and runs it for FUZZ_TIME seconds (30 by default) on its corpus:
 *
 *	build/fuzz/fuzz_cron -max_len=8192 -max_total_time=30 \
 *	    -artifact_prefix=build/fuzz/ build/fuzz/fuzz_cron.corpus
 *
 * A crash leaves its input in build/fuzz/crash-*; run the binary on
 * that file alone to replay it.
 *
 * Input: byte 0 is the error buffer's size, bytes 1-8 a local minute,
 * the rest the schedule (cut at a NUL), in a buffer of its exact size. A
 * refusal leaves a message that fits its buffer and the spec untouched.
 * What is accepted has every field in its bounds and not empty (or only
 * every_ms), leaves *rest on the command, and is written back as numbers
 * that parse to the same bits. At the local minute, the calendar goes
 * both ways, cron_due is cron_match over the minutes it catches up (and
 * a minute back, for wildcard jobs only, once), and cron_next in UTC is
 * the first minute cron_match gives.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tend/cron.h"
#include "tend/duration.h"
#include "tend/fmt.h"

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

/* Local minutes: 1024 (a watermark below is >= 0) to 2^36 (130000 y). */
#define LM_MAX		((int64_t)1 << 36)
#define BRUTE_MIN	(2 * 1440)

static int64_t
utc_local(int64_t t, void *ctx)
{
	(void)ctx;
	return t / 60;
}

/* The bits lo..hi of b as "a,b,c"; the length written. */
static size_t
put_list(char *p, uint64_t b, int lo, int hi)
{
	size_t n = 0;
	int v;

	for (v = lo; v <= hi; v++)
		if (b >> v & 1)
			n += fmt_s(p + n, 8, "%s%d", n > 0 ? "," : "", v);
	p[n++] = ' ';
	return n;
}

static void
check_back(const struct cron_spec *c)
{
	struct cron_spec d;
	const char *rest;
	char buf[512], err[256];
	size_t n = 0;

	if (c->every_ms > 0) {
		n = fmt_s(buf, sizeof(buf), "@every %ds%dms ",
		    (int)(c->every_ms / 1000), (int)(c->every_ms % 1000));
	} else {
		n += put_list(buf + n, c->minute, 0, 59);
		n += put_list(buf + n, c->hour, 0, 23);
		n += put_list(buf + n, c->dom, 1, 31);
		n += put_list(buf + n, c->month, 1, 12);
		n += put_list(buf + n, c->dow, 0, 6);
	}
	memcpy(buf + n, "x", 2);
	CHECK(cron_parse(buf, &d, &rest, err, sizeof(err)) == 0);
	CHECK(strcmp(rest, "x") == 0);
	CHECK(d.minute == c->minute && d.hour == c->hour && d.dom == c->dom &&
	    d.month == c->month && d.dow == c->dow &&
	    d.every_ms == c->every_ms);
}

static void
check_calendar(int64_t lm)
{
	int y, mo, d, h, mi, wd, y2, mo2, d2, h2, mi2, wd2;

	cron_fields(lm, &y, &mo, &d, &h, &mi, &wd);
	CHECK(mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h < 24 &&
	    mi >= 0 && mi < 60 && wd >= 0 && wd < 7);
	CHECK(cron_local_min(y, mo, d, h, mi) == lm);
	cron_fields(lm + 1440, &y2, &mo2, &d2, &h2, &mi2, &wd2);
	CHECK(wd2 == (wd + 1) % 7 && h2 == h && mi2 == mi);
}

static void
check_due(const struct cron_spec *c, int64_t lm, int back)
{
	int64_t wm = lm - back, m;
	bool any = false, wild;

	if (back <= CRON_CATCHUP_MIN) {
		for (m = lm - back + 1; m <= lm; m++)
			any = any || cron_match(c, m);
	} else
		any = cron_match(c, lm);
	CHECK(cron_due(c, &wm, lm) == any && wm == lm);
	/* the same minute: never again */
	CHECK(!cron_due(c, &wm, lm) && wm == lm);
	/* one before: W stays; a wildcard job runs there, once */
	wild = c->minute == ((uint64_t)1 << 60) - 1 ||
	    c->hour == ((uint32_t)1 << 24) - 1;
	CHECK(cron_due(c, &wm, lm - 1) == (wild && cron_match(c, lm - 1)));
	CHECK(!cron_due(c, &wm, lm - 1) &&
	    wm == (lm | (int64_t)1 << CRON_WM_BACK));
	/* and at W again, which ends the repeat */
	CHECK(cron_due(c, &wm, lm) == (wild && cron_match(c, lm)) && wm == lm);
	CHECK(!cron_due(c, &wm, lm) && wm == lm);
}

static void
check_next(const struct cron_spec *c, int64_t lm, int sec)
{
	int64_t after = lm * 60 + sec, r, m;

	r = cron_next(c, after, utc_local, NULL, 1);
	CHECK(r == -1 || (r > after && r % 60 == 0 && cron_match(c, r / 60)));
	if (c->every_ms > 0)
		CHECK(r == -1);
	for (m = lm + 1; m <= lm + BRUTE_MIN && (r == -1 || m < r / 60); m++)
		CHECK(!cron_match(c, m));
}

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cron_spec c, orig;
	const char *rest;
	char *s, *err;
	size_t n, errlen;
	uint64_t seed;
	int64_t lm;

	if (size < 9)
		return 0;
	errlen = data[0];
	memcpy(&seed, data + 1, sizeof(seed));
	lm = 1024 + (int64_t)(seed % LM_MAX);
	data += 9;
	size -= 9;
	n = memchr(data, '\0', size) ? strlen((const char *)data) : size;
	s = malloc(n + 1);
	err = malloc(errlen + 1);
	CHECK(s != NULL && err != NULL);
	memcpy(s, data, n);
	s[n] = '\0';
	memset(&orig, 0xa5, sizeof(orig));
	c = orig;
	rest = NULL;
	memset(err, 'E', errlen + 1);

	if (cron_parse(s, &c, &rest, err, errlen) != 0) {
		CHECK(memcmp(&c, &orig, sizeof(c)) == 0 && rest == NULL);
		CHECK(errlen == 0 || memchr(err, '\0', errlen) != NULL);
		CHECK(err[errlen] == 'E');
		goto out;
	}
	CHECK(rest > s && rest < s + n);
	CHECK(*rest != ' ' && *rest != '\t' && *rest != '\0');
	CHECK(rest[-1] == ' ' || rest[-1] == '\t');
	if (c.every_ms > 0) {
		CHECK(c.every_ms <= DURATION_MAX_MS);
		CHECK(c.minute == 0 && c.hour == 0 && c.dom == 0 &&
		    c.month == 0 && c.dow == 0);
	} else {
		CHECK(c.every_ms == 0);
		CHECK(c.minute != 0 && c.minute >> 60 == 0);
		CHECK(c.hour != 0 && c.hour >> 24 == 0);
		CHECK(c.dom != 0 && (c.dom & 1) == 0);
		CHECK(c.month != 0 && (c.month & ~0x1ffeu) == 0);
		CHECK(c.dow != 0 && c.dow >> 7 == 0);
	}
	check_back(&c);
	check_calendar(lm);
	check_due(&c, lm, (int)(seed >> 40 & 0x1ff) + 1);
	check_next(&c, lm, (int)((seed >> 50) % 60));
out:
	free(s);
	free(err);
	return 0;
}
