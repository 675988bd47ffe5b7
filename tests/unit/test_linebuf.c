/*
 * linebuf: bytes in, lines out, whatever the read sizes. Partial lines,
 * CRLF (the CR stays), NUL bytes, empty lines, many lines in one commit,
 * lines of LINEBUF_MAX - 1, LINEBUF_MAX and LINEBUF_MAX + 1 bytes, a 1 MiB
 * line, and flush. Each input is fed all at once, byte by byte and in odd
 * chunks; every way must give the same lines.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tend/linebuf.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define MIB	(1024 * 1024)

/*
 * What came out, as text: each line as its kind ('W'hole, 'S'plit,
 * 'P'artial), its length, ':' and its bytes, so lines with NULs and
 * empty lines compare exactly.
 */
struct rec {
	char	*buf;
	size_t	 len, cap;
	size_t	 lines;
};

static void
rec_put(struct rec *r, const void *p, size_t n)
{
	if (r->len + n > r->cap) {
		r->cap = (r->len + n) * 2;
		r->buf = realloc(r->buf, r->cap);
		assert_non_null(r->buf);
	}
	memcpy(r->buf + r->len, p, n);
	r->len += n;
}

static void
rec_emit(void *ctx, const char *line, size_t n, enum line_kind kind)
{
	static const char kc[] = { [LINE_WHOLE] = 'W', [LINE_SPLIT] = 'S',
	    [LINE_PARTIAL] = 'P' };
	struct rec *r = ctx;
	char head[32];
	int hl;

	assert_true(n <= LINEBUF_MAX);
	assert_null(memchr(line, '\n', n));
	hl = snprintf(head, sizeof(head), "%c%zu:", kc[kind], n);
	rec_put(r, head, (size_t)hl);
	rec_put(r, line, n);
	r->lines++;
}

static void
rec_free(struct rec *r)
{
	free(r->buf);
	memset(r, 0, sizeof(*r));
}

static struct linebuf *
lb_new(void)
{
	struct linebuf *lb = calloc(1, sizeof(*lb));

	assert_non_null(lb);
	return lb;
}

/* Feed in[0..n) as read(2) would, at most chunk bytes a time; then flush. */
static void
feed(const char *in, size_t n, size_t chunk, struct rec *r)
{
	struct linebuf *lb = lb_new();
	size_t off = 0, room, k;
	char *p;

	while (off < n) {
		p = linebuf_space(lb, &room);
		assert_true(room > 0 && room <= LINEBUF_MAX + 1);
		assert_ptr_equal(p + room, lb->buf + LINEBUF_MAX + 1);
		k = n - off;
		if (k > chunk)
			k = chunk;
		if (k > room)
			k = room;
		memcpy(p, in + off, k);
		linebuf_commit(lb, k, rec_emit, r);
		off += k;
	}
	linebuf_flush(lb, rec_emit, r);
	assert_int_equal(lb->len, 0);
	free(lb);
}

/*
 * The model: cut in at every '\n'; a line longer than LINEBUF_MAX bytes
 * comes out in LINEBUF_MAX pieces marked split, cut when a byte past the
 * bound is not its newline.
 */
static void
model(const char *in, size_t n, struct rec *r)
{
	size_t start = 0, i;

	for (i = 0; i <= n; i++) {
		if (i - start == LINEBUF_MAX && i < n && in[i] != '\n') {
			rec_emit(r, in + start, LINEBUF_MAX, LINE_SPLIT);
			start = i;
		}
		if (i == n)
			break;
		if (in[i] == '\n') {
			rec_emit(r, in + start, i - start, LINE_WHOLE);
			start = i + 1;
		}
	}
	if (start < n)
		rec_emit(r, in + start, n - start, LINE_PARTIAL);
}

static void
expect_same(const struct rec *got, const char *want, size_t wantlen,
    const char *what, size_t chunk)
{
	size_t i;

	for (i = 0; i < got->len && i < wantlen; i++)
		if (got->buf[i] != want[i])
			break;
	if (i == got->len && i == wantlen)
		return;
	/* from a little before the first difference */
	i = i < 20 ? 0 : i - 20;
	fail_msg("%s, chunk %zu: %zu bytes, want %zu; at %zu got \"%.*s\", "
	    "want \"%.*s\"", what, chunk, got->len, wantlen, i,
	    (int)(got->len - i > 60 ? 60 : got->len - i), got->buf + i,
	    (int)(wantlen - i > 60 ? 60 : wantlen - i), want + i);
}

#define S(s)	s, sizeof(s) - 1

static const struct {
	const char	*in;
	size_t		 inlen;
	const char	*want;
	size_t		 wantlen;
} cases[] = {
	{ S(""), S("") },
	{ S("a\n"), S("W1:a") },
	{ S("\n"), S("W0:") },
	{ S("\n\n\n"), S("W0:W0:W0:") },
	{ S("abc"), S("P3:abc") },		/* partial: out on flush */
	{ S("a\nb"), S("W1:aP1:b") },
	{ S("one\ntwo\nthree\n"), S("W3:oneW3:twoW5:three") },
	{ S("a\n\nb\n"), S("W1:aW0:W1:b") },
	{ S("a\r\n"), S("W2:a\r") },		/* CRLF: the CR stays */
	{ S("\r\n\r\n"), S("W1:\rW1:\r") },
	{ S("a\r"), S("P2:a\r") },
	{ S("a\rb\n"), S("W3:a\rb") },
	{ S("\r"), S("P1:\r") },
	{ S("a\0b\n"), S("W3:a\0b") },		/* NUL inside a line */
	{ S("\0\n"), S("W1:\0") },
	{ S("\0"), S("P1:\0") },
	{ S("\0\0\n\0"), S("W2:\0\0P1:\0") },
	{ S("x\n\0\n\r\n"), S("W1:xW1:\0W1:\r") },
	{ S("\xff\xfe\n"), S("W2:\xff\xfe") },
};

/* Every case, every way of reading it. */
static void
test_cases(void **state)
{
	static const size_t chunks[] = { 1, 2, 3, 7, LINEBUF_MAX };
	struct rec r = { 0 };
	size_t i, j;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		for (j = 0; j < NELEM(chunks); j++) {
			feed(cases[i].in, cases[i].inlen, chunks[j], &r);
			expect_same(&r, cases[i].want, cases[i].wantlen,
			    "case", chunks[j]);
			rec_free(&r);
		}
		/* and the model agrees with the table */
		model(cases[i].in, cases[i].inlen, &r);
		expect_same(&r, cases[i].want, cases[i].wantlen, "model", 0);
		rec_free(&r);
	}
}

/* Every place a read can end, for a small mixed input. */
static void
test_every_split_point(void **state)
{
	static const char in[] = "ab\r\ncd\n\n\0e\nfgh";
	static const char want[] = "W3:ab\rW2:cdW0:W2:\0eP3:fgh";
	struct linebuf *lb;
	struct rec r = { 0 };
	size_t cut, room, n = sizeof(in) - 1;
	char *p;

	(void)state;
	for (cut = 0; cut <= n; cut++) {
		lb = lb_new();
		p = linebuf_space(lb, &room);
		memcpy(p, in, cut);
		linebuf_commit(lb, cut, rec_emit, &r);
		p = linebuf_space(lb, &room);
		memcpy(p, in + cut, n - cut);
		linebuf_commit(lb, n - cut, rec_emit, &r);
		linebuf_flush(lb, rec_emit, &r);
		expect_same(&r, want, sizeof(want) - 1, "cut", cut);
		rec_free(&r);
		free(lb);
	}
}

static void
test_flush(void **state)
{
	struct linebuf *lb = lb_new();
	struct rec r = { 0 };
	size_t room;
	char *p;

	(void)state;
	/* an empty buffer: nothing, not an empty line */
	linebuf_flush(lb, rec_emit, &r);
	assert_int_equal(r.lines, 0);
	/* an empty commit: nothing either */
	linebuf_commit(lb, 0, rec_emit, &r);
	linebuf_flush(lb, rec_emit, &r);
	assert_int_equal(r.lines, 0);
	/* a whole line leaves nothing to flush */
	p = linebuf_space(lb, &room);
	memcpy(p, "a\n", 2);
	linebuf_commit(lb, 2, rec_emit, &r);
	assert_int_equal(r.lines, 1);
	linebuf_flush(lb, rec_emit, &r);
	assert_int_equal(r.lines, 1);
	/* a partial line comes out once, then the buffer is empty */
	p = linebuf_space(lb, &room);
	memcpy(p, "bc", 2);
	linebuf_commit(lb, 2, rec_emit, &r);
	assert_int_equal(r.lines, 1);
	linebuf_flush(lb, rec_emit, &r);
	linebuf_flush(lb, rec_emit, &r);
	assert_int_equal(r.lines, 2);
	expect_same(&r, S("W1:aP2:bc"), "flush", 0);
	/* and the buffer is usable again after a flush */
	p = linebuf_space(lb, &room);
	assert_int_equal(room, LINEBUF_MAX + 1);
	memcpy(p, "d\n", 2);
	linebuf_commit(lb, 2, rec_emit, &r);
	expect_same(&r, S("W1:aP2:bcW1:d"), "flush", 0);
	rec_free(&r);
	free(lb);
}

/* What is held is what has no newline yet; room is what is left. */
static void
test_space(void **state)
{
	struct linebuf *lb = lb_new();
	struct rec r = { 0 };
	size_t room;
	char *p;

	(void)state;
	p = linebuf_space(lb, &room);
	assert_ptr_equal(p, lb->buf);
	assert_int_equal(room, LINEBUF_MAX + 1);
	memcpy(p, "ab\ncde", 6);
	linebuf_commit(lb, 6, rec_emit, &r);
	assert_int_equal(lb->len, 3);
	assert_memory_equal(lb->buf, "cde", 3);
	p = linebuf_space(lb, &room);
	assert_ptr_equal(p, lb->buf + 3);
	assert_int_equal(room, LINEBUF_MAX + 1 - 3);
	rec_free(&r);
	free(lb);
}

/*
 * Lines of LINEBUF_MAX - 1, LINEBUF_MAX and LINEBUF_MAX + 1 bytes, with
 * and without their newline. Only a line longer than the bound is cut: one
 * of exactly LINEBUF_MAX bytes comes out whole.
 */
static void
test_bound(void **state)
{
	static const struct {
		size_t	 len;
		int	 nl;
		char	 want[64];
	} b[] = {
		{ LINEBUF_MAX - 1, 1, "W65535:" },
		{ LINEBUF_MAX, 1, "W65536:" },
		{ LINEBUF_MAX + 1, 1, "S65536:W1:" },
		{ LINEBUF_MAX - 1, 0, "P65535:" },
		{ LINEBUF_MAX, 0, "P65536:" },
		{ LINEBUF_MAX + 1, 0, "S65536:P1:" },
		{ 2 * LINEBUF_MAX, 1, "S65536:W65536:" },
		{ 2 * LINEBUF_MAX - 1, 1, "S65536:W65535:" },
	};
	static const size_t chunks[] = { 1, 4096, 65535, LINEBUF_MAX };
	struct rec r = { 0 };
	size_t i, j, k, off;
	char *in, *kinds;

	(void)state;
	for (i = 0; i < NELEM(b); i++) {
		in = malloc(b[i].len + 1);
		assert_non_null(in);
		/* a byte pattern, so a lost or doubled byte shows */
		for (k = 0; k < b[i].len; k++)
			in[k] = (char)('a' + k % 23);
		if (b[i].nl)
			in[b[i].len] = '\n';
		for (j = 0; j < NELEM(chunks); j++) {
			feed(in, b[i].len + (size_t)b[i].nl, chunks[j], &r);
			/* the kinds and lengths, without the bytes */
			kinds = calloc(1, 128);
			assert_non_null(kinds);
			for (k = 0, off = 0; off < r.len; ) {
				char *colon = memchr(r.buf + off, ':',
				    r.len - off);
				size_t n = strtoul(r.buf + off + 1, NULL, 10);

				assert_non_null(colon);
				memcpy(kinds + k, r.buf + off,
				    (size_t)(colon - (r.buf + off)) + 1);
				k += (size_t)(colon - (r.buf + off)) + 1;
				off = (size_t)(colon - r.buf) + 1 + n;
			}
			if (strcmp(kinds, b[i].want) != 0)
				fail_msg("%zu bytes%s, chunk %zu: %s, want %s",
				    b[i].len, b[i].nl ? " and \\n" : "",
				    chunks[j], kinds, b[i].want);
			free(kinds);
			rec_free(&r);
		}
		/* and the bytes are the model's */
		{
			struct rec m = { 0 };

			feed(in, b[i].len + (size_t)b[i].nl, 4096, &r);
			model(in, b[i].len + (size_t)b[i].nl, &m);
			expect_same(&r, m.buf, m.len, "bound vs model", 4096);
			rec_free(&m);
			rec_free(&r);
		}
		free(in);
	}
}

/* Splitting the emitted pieces back together gives the 1 MiB line. */
struct join {
	char	*buf;
	size_t	 len;
	size_t	 split, whole, partial;
};

static void
join_emit(void *ctx, const char *line, size_t n, enum line_kind kind)
{
	struct join *j = ctx;

	assert_true(n <= LINEBUF_MAX);
	assert_null(memchr(line, '\n', n));
	memcpy(j->buf + j->len, line, n);
	j->len += n;
	if (kind == LINE_SPLIT) {
		assert_int_equal(n, LINEBUF_MAX);
		j->split++;
	} else {
		j->buf[j->len++] = kind == LINE_WHOLE ? '\n' : '|';
		if (kind == LINE_WHOLE)
			j->whole++;
		else
			j->partial++;
	}
}

static void
test_mib_line(void **state)
{
	static const struct {
		size_t	 len;
		size_t	 split;
	} m[] = {
		{ MIB, MIB / LINEBUF_MAX - 1 },
		{ MIB + 7, MIB / LINEBUF_MAX },
		{ MIB - 1, MIB / LINEBUF_MAX - 1 },
	};
	struct linebuf *lb;
	struct join j;
	size_t i, off, room, k, n;
	char *in, *p;

	(void)state;
	for (i = 0; i < NELEM(m); i++) {
		n = m[i].len + 1;
		in = malloc(n);
		j.buf = malloc(n + 1);
		assert_non_null(in);
		assert_non_null(j.buf);
		for (k = 0; k < m[i].len; k++)
			in[k] = (char)(k % 251 == 0 ? '\r' : 'A' + k % 37);
		in[m[i].len] = '\n';
		j.len = j.split = j.whole = j.partial = 0;
		lb = lb_new();
		for (off = 0; off < n; off += k) {
			p = linebuf_space(lb, &room);
			k = n - off < room ? n - off : room;
			memcpy(p, in + off, k);
			linebuf_commit(lb, k, join_emit, &j);
		}
		linebuf_flush(lb, join_emit, &j);
		assert_int_equal(j.split, m[i].split);
		assert_int_equal(j.whole, 1);
		assert_int_equal(j.partial, 0);
		assert_int_equal(j.len, n);
		assert_memory_equal(j.buf, in, n);
		free(lb);
		free(j.buf);
		free(in);
	}
}

/* A thousand lines in one commit, and one that finishes a held line. */
static void
test_many_lines_one_commit(void **state)
{
	struct linebuf *lb = lb_new();
	struct rec r = { 0 }, m = { 0 };
	char *in, *p;
	size_t n = 0, room;
	int i;

	(void)state;
	in = malloc(LINEBUF_MAX);
	assert_non_null(in);
	n += (size_t)snprintf(in, 16, "held");
	p = linebuf_space(lb, &room);
	memcpy(p, in, n);
	linebuf_commit(lb, n, rec_emit, &r);
	assert_int_equal(r.lines, 0);
	for (i = 0; i < 1000; i++)
		n += (size_t)snprintf(in + n, 32, "\nline %d", i);
	n += (size_t)snprintf(in + n, 32, "\n\ntail");
	p = linebuf_space(lb, &room);
	assert_true(n - 4 <= room);
	memcpy(p, in + 4, n - 4);
	linebuf_commit(lb, n - 4, rec_emit, &r);
	assert_int_equal(r.lines, 1002);
	linebuf_flush(lb, rec_emit, &r);
	assert_int_equal(r.lines, 1003);
	model(in, n, &m);
	expect_same(&r, m.buf, m.len, "many", n);
	rec_free(&m);
	rec_free(&r);
	free(in);
	free(lb);
}

/*
 * 300 KiB of 'a', '\r', '\0' and '\n' (mostly long lines, some past the
 * bound): byte by byte, in odd chunks and all at once, all as the model.
 */
static void
test_chunking_does_not_matter(void **state)
{
	static const size_t chunks[] = { 1, 2, 5, 4095, 4096, 65535,
	    LINEBUF_MAX };
	const size_t n = 300 * 1024;
	struct rec r = { 0 }, m = { 0 };
	uint32_t x = 2463534242u;
	size_t i;
	char *in;

	(void)state;
	in = malloc(n);
	assert_non_null(in);
	for (i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		/* a newline every ~20 KiB, so some lines pass 64 KiB */
		in[i] = x % 20000 == 0 ? '\n' : x % 97 == 0 ? '\r' :
		    x % 89 == 0 ? '\0' : (char)('a' + x % 26);
	}
	memcpy(in + 1000, "\n\n\r\n", 4);
	model(in, n, &m);
	for (i = 0; i < NELEM(chunks); i++) {
		feed(in, n, chunks[i], &r);
		expect_same(&r, m.buf, m.len, "random", chunks[i]);
		rec_free(&r);
	}
	rec_free(&m);
	free(in);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_every_split_point),
		cmocka_unit_test(test_flush),
		cmocka_unit_test(test_space),
		cmocka_unit_test(test_bound),
		cmocka_unit_test(test_mib_line),
		cmocka_unit_test(test_many_lines_one_commit),
		cmocka_unit_test(test_chunking_does_not_matter),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
