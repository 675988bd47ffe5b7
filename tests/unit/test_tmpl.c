/*
 * tmpl: every form (${A}, :- - :+ + :? ?) set, empty and unset; $$ and a
 * bare '$' left alone; defaults that are templates, used and not; every
 * error with its line and column, several in one input, none with a
 * value in it; NUL bytes; nesting to the limit and past it; a 1 MiB
 * input in few put calls; put failing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tend/tmpl.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define MIB	(1024 * 1024)

/* A is set, E is set and empty, U, V and W are not. */
static const char *const env[][2] = {
	{ "A", "a" }, { "B", "bee" }, { "E", "" }, { "_x9", "under" },
	{ "S", "s3cr3t" }, { "A1", "a-one" },
};

/* What came out: the text, and the errors as "line:col msg\n". */
struct rec {
	char	*out;
	size_t	 len, cap;
	char	 errs[4096];
	size_t	 elen;
	int	 nerr;
	int	 puts;
	int	 fail_at;	/* put number that fails, 0: none */
	int	 after_fail;	/* calls after the failing put */
};

static const char *
rec_get(void *ctx, const char *name, size_t n)
{
	size_t i;

	(void)ctx;
	assert_true(n > 0 && n <= TMPL_NAME_MAX);
	for (i = 0; i < NELEM(env); i++)
		if (strlen(env[i][0]) == n && memcmp(env[i][0], name, n) == 0)
			return env[i][1];
	return NULL;
}

static int
rec_put(void *ctx, const char *p, size_t n)
{
	struct rec *r = ctx;

	assert_true(n > 0);
	if (r->fail_at > 0 && r->puts >= r->fail_at)
		r->after_fail++;
	if (++r->puts == r->fail_at)
		return -1;
	if (r->len + n > r->cap) {
		r->cap = (r->len + n) * 2;
		r->out = realloc(r->out, r->cap);
		assert_non_null(r->out);
	}
	memcpy(r->out + r->len, p, n);
	r->len += n;
	return 0;
}

static void
rec_err(void *ctx, unsigned line, unsigned col, const char *msg)
{
	struct rec *r = ctx;
	size_t room = sizeof(r->errs) - r->elen;
	int n;

	if (r->fail_at > 0 && r->puts >= r->fail_at)
		r->after_fail++;
	/* no message ever holds a value */
	assert_null(strstr(msg, "s3cr3t"));
	n = snprintf(r->errs + r->elen, room, "%u:%u %s\n", line, col, msg);
	assert_true(n > 0 && (size_t)n < room);
	r->elen += (size_t)n;
	r->nerr++;
}

static int
expand(const char *s, size_t len, struct rec *r)
{
	const struct tmpl_ops ops = { rec_get, rec_put, rec_err };
	int fail_at = r->fail_at;

	free(r->out);
	memset(r, 0, sizeof(*r));
	r->fail_at = fail_at;
	return tmpl_expand(s, len, &ops, r);
}

/* The output is want. */
static int
same(const struct rec *r, const char *want)
{
	return r->len == strlen(want) &&
	    (r->len == 0 || memcmp(r->out, want, r->len) == 0);
}

static const struct {
	const char	*in;
	const char	*out;
} good[] = {
	{ "", "" },
	{ "plain text\n", "plain text\n" },
	{ "${A}", "a" },
	{ "x${A}y${B}z", "xaybeez" },
	{ "${E}", "" },
	{ "${_x9}|${A1}", "under|a-one" },
	/* - and :- */
	{ "${A:-d}", "a" },
	{ "${E:-d}", "d" },
	{ "${U:-d}", "d" },
	{ "${A-d}", "a" },
	{ "${E-d}", "" },
	{ "${U-d}", "d" },
	{ "${U:-}", "" },
	{ "${U-}", "" },
	/* + and :+ */
	{ "${A:+alt}", "alt" },
	{ "${E:+alt}", "" },
	{ "${U:+alt}", "" },
	{ "${A+alt}", "alt" },
	{ "${E+alt}", "alt" },
	{ "${U+alt}", "" },
	/* ? and :? when set */
	{ "${A:?msg}", "a" },
	{ "${A?msg}", "a" },
	{ "${E?msg}", "" },
	{ "${A:?}", "a" },
	/* $$ and bare '$' */
	{ "$$", "$" },
	{ "$$$$", "$$" },
	{ "$$$", "$$" },
	{ "$${A}", "${A}" },
	{ "$$$${A}", "$${A}" },
	{ "$$${A}", "$a" },
	{ "$", "$" },
	{ "a$", "a$" },
	{ "$A $host $1 $(cmd) $ {A} $}", "$A $host $1 $(cmd) $ {A} $}" },
	{ "set $x ${A};", "set $x a;" },
	{ "$$}", "$}" },
	/* braces outside ${...} are text */
	{ "}", "}" },
	{ "{ ${A} }}", "{ a }}" },
	{ "${A}}", "a}" },
	/* words are templates */
	{ "${U:-${B}}", "bee" },
	{ "${U:-${V:-x}}", "x" },
	{ "${U:-${V:-${W:-deep}}}", "deep" },
	{ "${U:-<${A}|${B}>}", "<a|bee>" },
	{ "${A:+${B}-${A}}", "bee-a" },
	{ "${U:-$$}", "$" },
	{ "${U:-$}", "$" },
	{ "${U:-$}}", "$}" },
	{ "${U:-a$b}", "a$b" },
	{ "${U:-{x}", "{x" },
	{ "${U:-{x}}", "{x}" },
	{ "${U:-multi\nline}", "multi\nline" },
	{ "${U:-:-}", ":-" },
	{ "${U:-a:b}", "a:b" },
	/* a word not used is not evaluated: no error for what is unset */
	{ "${A:-${U}}", "a" },
	{ "${A-${U:?gone}}", "a" },
	{ "${U:+${V}}", "" },
	{ "${U+${V}}", "" },
	{ "${A:?${U}}", "a" },
	{ "${E:+${U}}", "" },
	/* nor anything in it, used as it would be where it stands */
	{ "${A:-${U:-${V}}}", "a" },
	{ "${U:+${W-${V}}}", "" },
	{ "${A:?${U:+${V:?}}}", "a" },
	/* nginx and shell survive */
	{ "location / { proxy_pass http://$host:${A}; }\n",
	    "location / { proxy_pass http://$host:a; }\n" },
	{ "for i in $(seq 3); do echo $i; done",
	    "for i in $(seq 3); do echo $i; done" },
};

static const struct {
	const char	*in;
	const char	*errs;
} bad[] = {
	{ "${U}", "1:1 ${U} is not set\n" },
	{ "ab\ncd ${U}", "2:4 ${U} is not set\n" },
	{ "\n\n\n${U}", "4:1 ${U} is not set\n" },
	/* columns are bytes */
	{ "\xc3\xa9${U}", "1:3 ${U} is not set\n" },
	{ "${U:?need it}", "1:1 U: need it\n" },
	{ "${U?need it}", "1:1 U: need it\n" },
	{ "${E:?x}", "1:1 E: x\n" },
	{ "${U:?}", "1:1 ${U} is not set\n" },
	{ "${E:?}", "1:1 ${E} is not set\n" },
	{ "${U?}", "1:1 ${U} is not set\n" },
	/* the message as written, never expanded: a value stays out */
	{ "${U:?not ${S} $$}", "1:1 U: not ${S} $$\n" },
	/* unterminated */
	{ "${", "1:1 unterminated ${\n" },
	{ "x ${A", "1:3 unterminated ${\n" },
	{ "${A:-x", "1:1 unterminated ${\n" },
	{ "${A:-", "1:1 unterminated ${\n" },
	{ "x\n  ${A:-${B}", "2:3 unterminated ${\n" },
	{ "${U:-${B}", "1:1 unterminated ${\n" },
	{ "${A:-$$", "1:1 unterminated ${\n" },
	{ "${A:?msg", "1:1 unterminated ${\n" },
	/* bad names */
	{ "${}", "1:1 bad variable name in ${...}\n" },
	{ "${1X}", "1:1 bad variable name in ${...}\n" },
	{ "${9}", "1:1 bad variable name in ${...}\n" },
	{ "${A B}", "1:1 bad variable name in ${...}\n" },
	{ "${A!}", "1:1 bad variable name in ${...}\n" },
	{ "${A:x}", "1:1 bad variable name in ${...}\n" },
	{ "${A:}", "1:1 bad variable name in ${...}\n" },
	{ "${A:", "1:1 unterminated ${\n" },
	{ "${A B", "1:1 bad variable name in ${...}\n"
	    "1:1 unterminated ${\n" },
	/* the rest of a bad one up to its '}' is a word not used */
	{ "${A B ${U} ${C D} ${1}}${V}", "1:1 bad variable name in ${...}\n"
	    "1:12 bad variable name in ${...}\n"
	    "1:19 bad variable name in ${...}\n1:24 ${V} is not set\n" },
	{ "${A:-${1} ${U}}", "1:6 bad variable name in ${...}\n" },
	{ "${A${B}}", "1:1 bad variable name in ${...}\n" },
	{ "${A=x}", "1:1 bad variable name in ${...}\n" },
	{ "${-x}", "1:1 bad variable name in ${...}\n" },
	{ "${:-x}", "1:1 bad variable name in ${...}\n" },
	{ "${#A}", "1:1 bad variable name in ${...}\n" },
	{ "${A\n}", "1:1 bad variable name in ${...}\n" },
	{ "${\xc3\xa9}", "1:1 bad variable name in ${...}\n" },
	{ "${A-x}${B B}", "1:7 bad variable name in ${...}\n" },
	/* syntax errors in a word not used are still errors */
	{ "${A:-${1}}", "1:6 bad variable name in ${...}\n" },
	{ "${A:-${B}${B!}}", "1:10 bad variable name in ${...}\n" },
	/* a used word is evaluated */
	{ "${U:-${V}}", "1:6 ${V} is not set\n" },
	{ "${U:-x${V:?why}}", "1:7 V: why\n" },
	{ "${A:+${V}}", "1:6 ${V} is not set\n" },
	/* what is inside is found first, then the expression itself */
	{ "${U:?${1}}", "1:6 bad variable name in ${...}\n1:1 U: ${1}\n" },
	/* newlines inside ${...} are counted */
	{ "${U:-a\nb\n${V}}", "3:1 ${V} is not set\n" },
	{ "${U:-\n\n}  ${V}", "3:4 ${V} is not set\n" },
	{ "${A:-\n${1}\n}\n${U}", "2:1 bad variable name in ${...}\n"
	    "4:1 ${U} is not set\n" },
	{ "  ${U:?x\ny}", "1:3 U: x\ny\n" },
	{ "\n ${A:-\n\n", "2:2 unterminated ${\n" },
	{ "\n ${A B\n\n}", "2:2 bad variable name in ${...}\n" },
	/* all of them, and the scan goes on after each */
	{ "${U}\n${V}\n  ${W:?x}\n", "1:1 ${U} is not set\n"
	    "2:1 ${V} is not set\n3:3 W: x\n" },
	{ "${1} ${U} ${A B} ${V:?} ${", "1:1 bad variable name in ${...}\n"
	    "1:6 ${U} is not set\n1:11 bad variable name in ${...}\n"
	    "1:18 ${V} is not set\n1:25 unterminated ${\n" },
	{ "${U:-${V}${W}}", "1:6 ${V} is not set\n1:10 ${W} is not set\n" },
};

static void
test_good(void **state)
{
	struct rec r = { 0 };
	size_t i;
	int ret;

	(void)state;
	for (i = 0; i < NELEM(good); i++) {
		ret = expand(good[i].in, strlen(good[i].in), &r);
		if (ret != 0)
			fail_msg("\"%s\": %d errors: %s", good[i].in, ret,
			    r.errs);
		if (!same(&r, good[i].out))
			fail_msg("\"%s\" gave \"%.*s\", want \"%s\"",
			    good[i].in, (int)r.len, r.out, good[i].out);
	}
	free(r.out);
}

static void
test_bad(void **state)
{
	struct rec r = { 0 };
	size_t i;
	int ret;

	(void)state;
	for (i = 0; i < NELEM(bad); i++) {
		ret = expand(bad[i].in, strlen(bad[i].in), &r);
		if (strcmp(r.errs, bad[i].errs) != 0)
			fail_msg("\"%s\" gave errors\n%swant\n%s", bad[i].in,
			    r.errs, bad[i].errs);
		if (ret != r.nerr)
			fail_msg("\"%s\" returned %d for %d errors",
			    bad[i].in, ret, r.nerr);
	}
	free(r.out);
}

/* A NUL is one error where it is, and nothing after it is looked at. */
static void
test_nul(void **state)
{
	static const struct {
		const char	*in;
		size_t		 len;
		const char	*errs;
		const char	*out;
	} t[] = {
		{ "\0", 1, "1:1 binary input: NUL byte\n", "" },
		{ "ab\0cd", 5, "1:3 binary input: NUL byte\n", "ab" },
		{ "x\n${A}\0${U}", 11, "2:5 binary input: NUL byte\n",
		    "x\na" },
		{ "${U}\n\0${V}", 10, "1:1 ${U} is not set\n"
		    "2:1 binary input: NUL byte\n", "\n" },
		{ "${A:-x\0}", 9, "1:1 unterminated ${\n"
		    "1:7 binary input: NUL byte\n", "a" },
		{ "${A\0}", 5, "1:1 unterminated ${\n"
		    "1:4 binary input: NUL byte\n", "" },
		{ "$\0", 2, "1:2 binary input: NUL byte\n", "$" },
		{ "$$\0\0", 4, "1:3 binary input: NUL byte\n", "$" },
	};
	struct rec r = { 0 };
	size_t i;
	int ret;

	(void)state;
	for (i = 0; i < NELEM(t); i++) {
		ret = expand(t[i].in, t[i].len, &r);
		if (strcmp(r.errs, t[i].errs) != 0)
			fail_msg("case %zu gave errors\n%swant\n%s", i, r.errs,
			    t[i].errs);
		assert_int_equal(ret, r.nerr);
		if (!same(&r, t[i].out))
			fail_msg("case %zu gave \"%.*s\", want \"%s\"", i,
			    (int)r.len, r.out, t[i].out);
	}
	free(r.out);
}

/* The longest name is a name; one byte more is not. */
static void
test_name_max(void **state)
{
	char in[TMPL_NAME_MAX + 16];
	struct rec r = { 0 };

	(void)state;
	memcpy(in, "${", 2);
	memset(in + 2, 'N', TMPL_NAME_MAX);
	strcpy(in + 2 + TMPL_NAME_MAX, ":-ok}");
	assert_int_equal(expand(in, strlen(in), &r), 0);
	assert_int_equal(r.len, 2);
	assert_memory_equal(r.out, "ok", 2);

	/* unset: the whole name is in the message */
	strcpy(in + 2 + TMPL_NAME_MAX, "}");
	assert_int_equal(expand(in, strlen(in), &r), 1);
	assert_int_equal(strlen(r.errs), TMPL_NAME_MAX + 19);

	memset(in + 2, 'N', TMPL_NAME_MAX + 1);
	strcpy(in + 3 + TMPL_NAME_MAX, ":-ok}");
	assert_int_equal(expand(in, strlen(in), &r), 1);
	assert_string_equal(r.errs, "1:1 bad variable name in ${...}\n");
	free(r.out);
}

/* "${U:-" n times, "x", "}" n times: used defaults, n levels deep. */
static size_t
nest(char *buf, int n, const char *var)
{
	size_t len = 0;
	int i;

	for (i = 0; i < n; i++)
		len += (size_t)sprintf(buf + len, "${%s:-", var);
	buf[len++] = 'x';
	memset(buf + len, '}', (size_t)n);
	return len + (size_t)n;
}

static void
test_depth(void **state)
{
	char in[64 * 8], want[64];
	struct rec r = { 0 };
	size_t len;

	(void)state;
	len = nest(in, TMPL_DEPTH, "U");
	assert_int_equal(expand(in, len, &r), 0);
	assert_int_equal(r.len, 1);
	assert_int_equal(r.out[0], 'x');

	/* not used, the levels are still scanned, and counted */
	len = nest(in, TMPL_DEPTH, "A");
	assert_int_equal(expand(in, len, &r), 0);
	assert_int_equal(r.len, 1);
	assert_int_equal(r.out[0], 'a');

	/* one more stops the scan, with one error at the deepest '$' */
	len = nest(in, TMPL_DEPTH + 1, "U");
	memcpy(in + len, "${V}", 4);
	assert_int_equal(expand(in, len + 4, &r), 1);
	snprintf(want, sizeof(want), "1:%d ${...} nested too deeply\n",
	    TMPL_DEPTH * 5 + 1);
	assert_string_equal(r.errs, want);

	len = nest(in, 60, "A");
	assert_int_equal(expand(in, len, &r), 1);
	assert_string_equal(r.errs, want);
	free(r.out);
}

/*
 * 1 MiB of nginx-like text with an expression every 4 KiB: right output,
 * the literal runs in one put each.
 */
static void
test_big(void **state)
{
	static const char line[] = "proxy_set_header Host $host; # {} $$\n";
	char *in, *want;
	size_t len = 0, wlen = 0, n = sizeof(line) - 1;
	struct rec r = { 0 };
	int exprs = 0;

	(void)state;
	in = malloc(MIB);
	want = malloc(MIB);
	assert_non_null(in);
	assert_non_null(want);
	while (len + n + 8 <= MIB) {
		memcpy(in + len, line, n);
		len += n;
		memcpy(want + wlen, line, n - 2);
		wlen += n - 2;
		want[wlen++] = '\n';
		if (len % 4096 < n) {
			memcpy(in + len, "${B}", 4);
			len += 4;
			memcpy(want + wlen, "bee", 3);
			wlen += 3;
			exprs++;
		}
	}
	memset(in + len, 'z', MIB - len);
	memset(want + wlen, 'z', MIB - len);
	wlen += MIB - len;
	len = MIB;
	assert_int_equal(expand(in, len, &r), 0);
	assert_int_equal(r.len, wlen);
	assert_memory_equal(r.out, want, wlen);
	/* per line: up to its "$$", and the rest; per ${B}: its value */
	assert_true(r.puts <= 2 * (int)(MIB / n) + exprs + 2);

	/* no '$' at all: one put */
	memset(in, 'y', MIB);
	assert_int_equal(expand(in, MIB, &r), 0);
	assert_int_equal(r.puts, 1);
	assert_int_equal(r.len, MIB);
	free(in);
	free(want);
	free(r.out);
}

/* put failing: -1 at once, no more put or err calls. */
static void
test_put_fails(void **state)
{
	static const char *const in[] = {
		"text",
		"${A}",
		"a ${A} b ${U} c ${B}",
		"${U:-${B}} ${V}",
		"$$ ${A:+x${B}y} ${W}\n\0",
	};
	struct rec r = { 0 };
	size_t i, len;
	int k, total;

	(void)state;
	for (i = 0; i < NELEM(in); i++) {
		/* the last one with its NUL */
		len = strlen(in[i]) + (i == NELEM(in) - 1);
		r.fail_at = 0;
		expand(in[i], len, &r);
		total = r.puts;
		assert_true(total > 0);
		for (k = 1; k <= total; k++) {
			r.fail_at = k;
			if (expand(in[i], len, &r) != -1)
				fail_msg("\"%s\", put %d failing: not -1",
				    in[i], k);
			assert_int_equal(r.puts, k);
			assert_int_equal(r.after_fail, 0);
		}
	}
	r.fail_at = 0;
	free(r.out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_nul),
		cmocka_unit_test(test_name_max),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_big),
		cmocka_unit_test(test_put_fails),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
