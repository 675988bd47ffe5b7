/*
 * libFuzzer target for linebuf. `make fuzz` (clang) builds it with
 *
 *	clang -std=c11 -D_GNU_SOURCE -Iinclude $(WARN) -g -O1 \
 *	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
 *	    -o build/fuzz/fuzz_linebuf tests/fuzz/fuzz_linebuf.c \
 *	    src/linebuf.c
 *
 * and runs it for FUZZ_TIME seconds (30 by default) on its corpus:
 *
 *	build/fuzz/fuzz_linebuf -max_len=8192 -max_total_time=30 \
 *	    -artifact_prefix=build/fuzz/ build/fuzz/fuzz_linebuf.corpus
 *
 * A crash leaves its input in build/fuzz/crash-*; run the binary on
 * that file alone to replay it.
 *
 * The input is a program: byte 0 seeds the read sizes; then bytes are
 * copied to the stream, except 0xfe hi lo c, which writes c
 * (hi << 8 | lo) times, so a short input reaches LINEBUF_MAX and past it
 * (0xfe 0xff 0xff 'a' is a 65535-byte run). The stream goes through one
 * linebuf in read(2)-sized chunks; the lines that come out must join back
 * to the stream (a '\n' after each whole line), hold no '\n', be at most
 * LINEBUF_MAX bytes, be cut (LINE_SPLIT) exactly at LINEBUF_MAX, come out
 * partial only once and last, and match what the stream read in one go
 * gives.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tend/linebuf.h"

#define STREAM_MAX	(4 * 1024 * 1024)

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

struct join {
	char	*buf;
	size_t	 len;
	int	 partial;
	uint64_t pieces;	/* a hash of every (kind, length) in order */
};

static void
join_emit(void *ctx, const char *line, size_t n, enum line_kind kind)
{
	struct join *j = ctx;

	CHECK(n <= LINEBUF_MAX);
	CHECK(memchr(line, '\n', n) == NULL);
	CHECK(!j->partial);		/* nothing after a partial line */
	CHECK(kind != LINE_SPLIT || n == LINEBUF_MAX);
	CHECK(kind != LINE_PARTIAL || n > 0);
	CHECK(j->len + n + 1 <= STREAM_MAX + 1);
	memcpy(j->buf + j->len, line, n);
	j->len += n;
	j->pieces = (j->pieces ^ (n << 2 | (uint64_t)kind)) *
	    1099511628211u;
	if (kind == LINE_WHOLE)
		j->buf[j->len++] = '\n';
	if (kind == LINE_PARTIAL)
		j->partial = 1;
}

/* The stream the input describes; its length. */
static size_t
expand(const uint8_t *d, size_t n, char *s)
{
	size_t i = 0, len = 0, run;

	while (i < n) {
		if (d[i] == 0xfe && i + 3 < n) {
			run = (size_t)d[i + 1] << 8 | d[i + 2];
			if (run > STREAM_MAX - len)
				run = STREAM_MAX - len;
			memset(s + len, d[i + 3], run);
			len += run;
			i += 4;
		} else if (len < STREAM_MAX)
			s[len++] = (char)d[i++];
		else
			break;
	}
	return len;
}

/* Feed s[0..n) with read sizes from a xorshift seeded by seed; flush. */
static void
run(const char *s, size_t n, uint32_t seed, struct join *j)
{
	static struct linebuf lb;
	size_t off = 0, room, k;
	uint32_t x = seed * 2654435761u + 1;
	char *p;

	lb.len = 0;
	while (off < n) {
		p = linebuf_space(&lb, &room);
		CHECK(room > 0 && room <= LINEBUF_MAX + 1);
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		/* small reads mostly, sometimes a whole buffer */
		k = seed == 0 ? room : (x & 7) == 0 ? room : 1 + x % 300;
		if (k > room)
			k = room;
		if (k > n - off)
			k = n - off;
		memcpy(p, s + off, k);
		linebuf_commit(&lb, k, join_emit, j);
		off += k;
	}
	linebuf_flush(&lb, join_emit, j);
	CHECK(lb.len == 0);
}

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *s, *a, *b;
	struct join ja, jb;
	size_t n, tail;

	if (size == 0)
		return 0;
	if (s == NULL) {
		s = malloc(STREAM_MAX);
		a = malloc(STREAM_MAX + 1);
		b = malloc(STREAM_MAX + 1);
		CHECK(s != NULL && a != NULL && b != NULL);
	}
	n = expand(data + 1, size - 1, s);

	ja = (struct join){ a, 0, 0, 14695981039346656037u };
	run(s, n, data[0], &ja);
	/* the pieces, a '\n' after each whole one, are the stream */
	CHECK(ja.len == n && memcmp(ja.buf, s, n) == 0);
	/*
	 * a partial line iff bytes follow the last '\n': the buffer keeps one
	 * byte past the bound, so a cut always leaves some behind
	 */
	for (tail = 0; tail < n && s[n - 1 - tail] != '\n'; tail++)
		;
	CHECK(ja.partial == (tail != 0));

	/* the read sizes do not matter: whole buffers give the same pieces */
	jb = (struct join){ b, 0, 0, 14695981039346656037u };
	run(s, n, 0, &jb);
	CHECK(jb.len == ja.len && memcmp(ja.buf, jb.buf, ja.len) == 0);
	CHECK(ja.partial == jb.partial && ja.pieces == jb.pieces);
	return 0;
}
