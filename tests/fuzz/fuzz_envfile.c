/*
 * libFuzzer target for envfile. `make fuzz` (clang) builds it with
 *
 *	clang -std=c11 -D_GNU_SOURCE -Iinclude $(WARN) -g -O1 \
 *	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
 *	    -o build/fuzz/fuzz_envfile tests/fuzz/fuzz_envfile.c \
 *	    src/envfile.c src/fmt.c
 *
 * and runs it for FUZZ_TIME seconds (30 by default) on its corpus:
 *
 *	build/fuzz/fuzz_envfile -max_len=8192 -max_total_time=30 \
 *	    -artifact_prefix=build/fuzz/ build/fuzz/fuzz_envfile.corpus
 *
 * A crash leaves its input in build/fuzz/crash-*; run the binary on
 * that file alone to replay it.
 *
 * Input: byte 0 is the error buffer's size, the rest one line, copied to
 * a buffer of its exact size (ASan sees any read past it). The answer is
 * checked against a reference written the long way, as Docker's
 * parseKeyValueFile reads: BOM, TrimLeft, '#', Cut at '=', blanks. An
 * error message is NUL-terminated in its buffer and shows no byte of
 * the line past the name.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tend/envfile.h"

#define PFX		"blank after variable name '"

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

static int
ref_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	    c == '\r';
}

/* The reference: kind, and the key's and value's offsets and lengths. */
static int
ref_line(const char *s, size_t n, size_t *ko, size_t *kl, size_t *vo)
{
	size_t i = 0, j, e;

	for (j = 0; j < n; j++)
		if (s[j] == '\0')
			return -1;
	if (n >= 3 && (unsigned char)s[0] == 0xef &&
	    (unsigned char)s[1] == 0xbb && (unsigned char)s[2] == 0xbf)
		i = 3;
	while (i < n && ref_blank(s[i]))
		i++;
	if (i == n || s[i] == '#')
		return ENVF_SKIP;
	for (e = i; e < n && s[e] != '='; e++)
		;
	*ko = i;
	if (e == n) {
		/* KEY alone: trailing blanks off, none left inside */
		while (ref_blank(s[e - 1]))
			e--;
		for (j = i; j < e; j++)
			if (ref_blank(s[j]))
				return -1;
		*kl = e - i;
		return ENVF_INHERIT;
	}
	if (e == i)
		return -1;
	for (j = i; j < e; j++)
		if (ref_blank(s[j]))
			return -1;
	*kl = e - i;
	*vo = e + 1;
	return ENVF_SET;
}

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct envfile_entry e;
	size_t n, errlen, ko = 0, kl = 0, vo = 0;
	char *line, *err, *q;
	int kind, want;

	if (size == 0)
		return 0;
	errlen = data[0] % 80;
	n = size - 1;
	line = malloc(n + 1);
	err = malloc(errlen + 1);
	CHECK(line != NULL && err != NULL);
	memcpy(line, data + 1, n);
	memset(err, 'x', errlen + 1);

	kind = envfile_line(line, n, &e, err, errlen);
	want = ref_line(line, n, &ko, &kl, &vo);
	CHECK(kind == want);
	if (kind == ENVF_SET || kind == ENVF_INHERIT) {
		CHECK(e.key == line + ko && e.klen == kl);
		CHECK(memchr(e.key, '=', e.klen) == NULL);
	}
	if (kind == ENVF_SET)
		CHECK(e.val == line + vo && e.vlen == n - vo);
	if (kind == -1) {
		/* written within errlen, the byte past it untouched */
		CHECK(err[errlen] == 'x');
		if (errlen > 0) {
			q = memchr(err, '\0', errlen);
			CHECK(q != NULL && (q > err || errlen == 1));
		}
		/* the name shown is the first word: no blank, no '=' */
		if (errlen > 0 && strlen(err) + 1 < errlen &&
		    strncmp(err, PFX, sizeof(PFX) - 1) == 0) {
			/* not cut short: it ends in the closing quote */
			q = err + strlen(err) - 1;
			CHECK(*q == '\'');
			kl = (size_t)(q - err) - (sizeof(PFX) - 1);
			CHECK(memcmp(err + sizeof(PFX) - 1, line + ko, kl) ==
			    0);
			CHECK(ko + kl < n && (ref_blank(line[ko + kl])));
		}
	}
	free(line);
	free(err);
	return 0;
}
