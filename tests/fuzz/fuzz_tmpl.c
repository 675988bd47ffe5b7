/*
 * libFuzzer target for tmpl. `make fuzz` (clang) builds it with
 *
 *	clang -std=c11 -D_GNU_SOURCE -Iinclude $(WARN) -g -O1 \
 *	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
 *	    -o build/fuzz/fuzz_tmpl tests/fuzz/fuzz_tmpl.c src/tmpl.c \
 *	    src/fmt.c
 *
 * and runs it for FUZZ_TIME seconds (30 by default) on its corpus:
 *
 *	build/fuzz/fuzz_tmpl -max_len=8192 -max_total_time=30 \
 *	    -artifact_prefix=build/fuzz/ build/fuzz/fuzz_tmpl.corpus
 *
 * A crash leaves its input in build/fuzz/crash-*; run the binary on
 * that file alone to replay it.
 *
 * Input: byte 0 says which of A, B, E, S are set (bits 0-3), byte 1 which
 * put call fails in the second run; the rest is the template. S's value
 * holds bytes 0x01 0x02 and B's is "${S}" (a value is never expanded).
 *
 * The count returned is the count of errors; each error's line:col is a
 * "${" of the input before any NUL, or the first NUL, reported last; no
 * message holds S's value, and get sees only good names. An input with
 * no "${" and no NUL has no error and comes out with "$$" as "$". With
 * put failing at call k: -1, k calls, and nothing after.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tend/tmpl.h"

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

#define OUT_MAX		(1024 * 1024)

static const char *const vars[][2] = {
	{ "A", "a" }, { "B", "${S}" }, { "E", "" }, { "S", "\x01s3\x02" },
};

struct run {
	const char	*in;
	size_t		 len;
	const char	*nul;
	unsigned	 set;
	char		*out;
	size_t		 olen;
	int		 nerr, puts, fail_at, after;
	int		 saw_nul;
	size_t		 lines;
	size_t		*bol;		/* each line's start */
};

static const char *
f_get(void *ctx, const char *name, size_t n)
{
	struct run *r = ctx;
	size_t i;

	CHECK(n > 0 && n <= TMPL_NAME_MAX);
	CHECK(name >= r->in && name + n <= r->in + r->len);
	CHECK(!(name[0] >= '0' && name[0] <= '9'));
	for (i = 0; i < n; i++)
		CHECK(name[i] == '_' || (name[i] >= '0' && name[i] <= '9') ||
		    (name[i] >= 'a' && name[i] <= 'z') ||
		    (name[i] >= 'A' && name[i] <= 'Z'));
	for (i = 0; i < 4; i++)
		if (n == 1 && name[0] == vars[i][0][0])
			return r->set & 1u << i ? vars[i][1] : NULL;
	return NULL;
}

static int
f_put(void *ctx, const char *p, size_t n)
{
	struct run *r = ctx;

	CHECK(n > 0);
	if (r->fail_at > 0 && r->puts >= r->fail_at)
		r->after++;
	if (++r->puts == r->fail_at)
		return -1;
	/* a value goes out at most once per byte of input */
	CHECK(r->olen + n <= OUT_MAX);
	memcpy(r->out + r->olen, p, n);
	r->olen += n;
	return 0;
}

static void
f_err(void *ctx, unsigned line, unsigned col, const char *msg)
{
	struct run *r = ctx;
	size_t off;

	if (r->fail_at > 0 && r->puts >= r->fail_at)
		r->after++;
	CHECK(!r->saw_nul);		/* the NUL is the last one */
	CHECK(msg[0] != '\0');
	CHECK(memchr(r->in, '\x01', r->len) != NULL ||
	    strchr(msg, '\x01') == NULL);
	CHECK(line >= 1 && line <= r->lines && col >= 1);
	off = r->bol[line - 1] + col - 1;
	CHECK(off < r->len);
	CHECK(line == r->lines || off < r->bol[line]);
	if (strcmp(msg, "binary input: NUL byte") == 0) {
		CHECK(r->in + off == r->nul);
		r->saw_nul = 1;
	} else {
		CHECK(r->nul == NULL || r->in + off < r->nul);
		CHECK(off + 1 < r->len && r->in[off] == '$' &&
		    r->in[off + 1] == '{');
	}
	r->nerr++;
}

static int
expand(struct run *r)
{
	const struct tmpl_ops ops = { f_get, f_put, f_err };

	r->olen = 0;
	r->nerr = r->puts = r->after = r->saw_nul = 0;
	return tmpl_expand(r->in, r->len, &ops, r);
}

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *out;
	static size_t bol[8192 + 1];
	struct run r;
	size_t i, j;
	int ret, has_expr = 0, total;

	if (size < 2 || size - 2 > 8192)
		return 0;
	if (out == NULL)
		CHECK((out = malloc(OUT_MAX)) != NULL);
	memset(&r, 0, sizeof(r));
	r.in = (const char *)data + 2;
	r.len = size - 2;
	r.nul = memchr(r.in, '\0', r.len);
	r.set = data[0];
	r.out = out;
	r.bol = bol;
	bol[r.lines++] = 0;
	for (i = 0; i < r.len; i++) {
		if (r.in[i] == '\n')
			bol[r.lines++] = i + 1;
		if (r.in[i] == '$' && i + 1 < r.len && r.in[i + 1] == '{')
			has_expr = 1;
	}

	ret = expand(&r);
	CHECK(ret == r.nerr);
	/* only the depth limit stops before a NUL */
	CHECK(r.saw_nul == (r.nul != NULL) || ret > 0);
	if (!has_expr && r.nul == NULL) {
		CHECK(ret == 0);
		for (i = j = 0; i < r.len; i++, j++) {
			CHECK(j < r.olen && out[j] == r.in[i]);
			if (r.in[i] == '$' && i + 1 < r.len &&
			    r.in[i + 1] == '$')
				i++;
		}
		CHECK(j == r.olen);
	}

	total = r.puts;
	if (total > 0) {
		r.fail_at = 1 + data[1] % total;
		CHECK(expand(&r) == -1);
		CHECK(r.puts == r.fail_at && r.after == 0);
	}
	return 0;
}
