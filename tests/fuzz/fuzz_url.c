/*
 * libFuzzer target for url (and http_request on what it gives). `make
 * fuzz` (clang) builds it with
 *
 *	clang -std=c11 -D_GNU_SOURCE -Iinclude $(WARN) -g -O1 \
 *	    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
 *	    -o build/fuzz/fuzz_url tests/fuzz/fuzz_url.c src/url.c \
 *	    src/http.c src/dns.c src/num.c src/fmt.c
 *
 * and runs it for FUZZ_TIME seconds (30 by default) on its corpus:
 *
 *	build/fuzz/fuzz_url -max_len=8192 -max_total_time=30 \
 *	    -artifact_prefix=build/fuzz/ build/fuzz/fuzz_url.corpus
 *
 * A crash leaves its input in build/fuzz/crash-*; run the binary on
 * that file alone to replay it.
 *
 * Input: byte 0 is the error buffer's size, the rest the URL (cut at a
 * NUL), in a buffer of its exact size. A refusal leaves a message that
 * fits its buffer. What is accepted keeps the contract (a port in
 * 1..65535 where one is needed, paths absolute, no fragment, blank or
 * '@' in an http request), is written back as a URL that parses to the
 * same parts, and gives an http request that ends its header once, in a
 * buffer of its exact size and no smaller.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend/http.h"
#include "tend/url.h"

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

static void
check_parts(const struct url *u, const char *s)
{
	size_t i;

	CHECK(memchr(u->host, '\0', sizeof(u->host)) != NULL);
	CHECK(memchr(u->path, '\0', sizeof(u->path)) != NULL);
	switch (u->scheme) {
	case URL_TCP:
	case URL_HTTP:
		CHECK(u->port >= 1);
		CHECK(u->host[0] != '\0');
		CHECK(strpbrk(u->host, "/?#@") == NULL);
		for (i = 0; u->host[i] != '\0'; i++)
			CHECK((unsigned char)u->host[i] > ' ');
		CHECK(u->family == 0 || u->family == 4 || u->family == 6);
		CHECK(u->scheme == URL_TCP || u->family == 0);
		if (u->scheme == URL_TCP) {
			CHECK(u->path[0] == '\0');
			break;
		}
		CHECK(u->path[0] == '/');
		CHECK(strchr(u->path, '#') == NULL);
		for (i = 0; u->path[i] != '\0'; i++)
			CHECK((unsigned char)u->path[i] > ' ');
		break;
	case URL_UNIX:
	case URL_FILE:
		CHECK(u->host[0] == '\0' && u->port == 0 && u->family == 0);
		CHECK(strcmp(u->path, s + 7) == 0 && u->path[0] == '/');
		break;
	default:
		abort();
	}
}

/* The parts written back as a URL parse to the same parts. */
static void
check_again(const struct url *u)
{
	static const char *const name[] = { "tcp", "http", "unix", "file" };
	static char s[2048];
	struct url v;
	char err[256];
	int v6 = strchr(u->host, ':') != NULL;

	if (u->scheme == URL_UNIX || u->scheme == URL_FILE)
		snprintf(s, sizeof(s), "%s://%s", name[u->scheme], u->path);
	else
		snprintf(s, sizeof(s), "%s%s://%s%s%s:%u%s", name[u->scheme],
		    u->family == 4 ? "4" : u->family == 6 ? "6" : "",
		    v6 ? "[" : "", u->host, v6 ? "]" : "", (unsigned)u->port,
		    u->path);
	CHECK(url_parse(&v, s, err, sizeof(err)) == 0);
	CHECK(v.scheme == u->scheme && v.family == u->family &&
	    v.port == u->port && strcmp(v.host, u->host) == 0 &&
	    strcmp(v.path, u->path) == 0);
}

static void
check_request(const struct url *u)
{
	static char req[4096];
	char *buf, *end;
	size_t n, k;

	n = http_request(req, sizeof(req), u);
	CHECK(n > 0 && n < sizeof(req));
	CHECK(strncmp(req, "GET ", 4) == 0);
	CHECK(strncmp(req + 4, u->path, strlen(u->path)) == 0);
	end = strstr(req, "\r\n\r\n");
	CHECK(end != NULL && (size_t)(end - req) + 4 == n);
	CHECK(http_body(req, n) == n);
	CHECK(http_status(req, n) == -1);
	/* the request and its NUL fit exactly; one byte less, not at all */
	for (k = n; k <= n + 1; k++) {
		buf = malloc(k);
		CHECK(buf != NULL);
		CHECK(http_request(buf, k, u) == (k > n ? n : 0));
		if (k > n)
			CHECK(memcmp(buf, req, n + 1) == 0);
		free(buf);
	}
}

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct url u;
	char *s, *err;
	size_t errlen, n;

	if (size == 0)
		return 0;
	errlen = data[0];
	n = strnlen((const char *)data + 1, size - 1);
	s = malloc(n + 1);
	err = malloc(errlen + 1);
	CHECK(s != NULL && err != NULL);
	memcpy(s, data + 1, n);
	s[n] = '\0';
	memset(err, 0x55, errlen + 1);
	if (url_parse(&u, s, err, errlen) == 0) {
		check_parts(&u, s);
		check_again(&u);
		if (u.scheme == URL_HTTP)
			check_request(&u);
	} else {
		CHECK((unsigned char)err[errlen] == 0x55);
		if (errlen > 0)
			CHECK(memchr(err, '\0', errlen) != NULL);
		if (errlen > 1)
			CHECK(err[0] != '\0');
	}
	free(s);
	free(err);
	return 0;
}
