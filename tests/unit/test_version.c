/*
 * version: the --version line, read back the way dockerd reads it.
 *
 * dockerd runs `docker-init --version` and hands the output to
 * parseInitVersion (moby daemon/info_unix.go). Three versions of it have
 * shipped; each is restated below in C, line for line, and the table checks
 * the restatement on lines moby's own tests use before tend's line is judged
 * by it:
 *
 *   A (current):  parts := strings.Split(v, " - ")
 *                 gitParts := strings.Split(strings.TrimSpace(parts[1]), ".")
 *                 parts[0] = strings.TrimSpace(parts[0])
 *   B (older):    parts := strings.Split(strings.TrimSpace(v), " - ")
 *                 gitParts := strings.Split(parts[1], ".")
 *   C (types.Commit): as B, then ID = commit, or "v" + version; and
 *                 Expected = dockerversion.InitCommitID[0:len(ID)], which
 *                 panics when the commit is longer than the 40-hex ID.
 *
 * In all: the commit counts only when gitParts is exactly {"git", X}; the
 * version only after the prefix "tini version "; error when both are empty.
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tend/version.h"
#include "git.inc"	/* TEND_GIT, as the build stamps it */

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define INIT_COMMIT_ID_LEN 40	/* dockerversion.InitCommitID: a full SHA-1 */

enum variant { MOBY_A, MOBY_B, MOBY_C };

struct slice {
	const char	*p;
	size_t		 n;
};

struct init_version {
	char	version[128];
	char	commit[128];
	bool	err;
};

/* strings.TrimSpace, for ASCII (Go's unicode.IsSpace below 0x80). */
static struct slice
go_trim_space(struct slice s)
{
	while (s.n > 0 && isspace((unsigned char)s.p[0])) {
		s.p++;
		s.n--;
	}
	while (s.n > 0 && isspace((unsigned char)s.p[s.n - 1]))
		s.n--;
	return s;
}

/* strings.Split(s, sep)[0], [1] and len(): only what the parser looks at. */
static size_t
go_split2(struct slice s, const char *sep, struct slice *first,
    struct slice *second)
{
	size_t k = strlen(sep), i, start = 0, count = 1;

	first->p = s.p;
	first->n = s.n;
	second->p = NULL;
	second->n = 0;
	for (i = 0; i + k <= s.n; i++) {
		if (memcmp(s.p + i, sep, k) != 0)
			continue;
		if (count == 1)
			first->n = i;
		else if (count == 2)
			second->n = i - start;
		count++;
		start = i + k;
		if (count == 2) {
			second->p = s.p + start;
			second->n = s.n - start;
		}
		i += k - 1;
	}
	return count;
}

static bool
slice_eq(struct slice s, const char *lit)
{
	return s.n == strlen(lit) && memcmp(s.p, lit, s.n) == 0;
}

static void
slice_copy(char *dst, size_t len, struct slice s)
{
	snprintf(dst, len, "%.*s", (int)s.n, s.p);
}

static void
parse_init_version(enum variant var, const char *line,
    struct init_version *out)
{
	static const char prefix[] = "tini version ";
	struct slice v = { line, strlen(line) }, p0, p1, g0, g1;
	size_t nparts;

	memset(out, 0, sizeof(*out));
	if (var != MOBY_A)
		v = go_trim_space(v);
	nparts = go_split2(v, " - ", &p0, &p1);
	if (nparts >= 2) {
		if (var == MOBY_A)
			p1 = go_trim_space(p1);
		if (go_split2(p1, ".", &g0, &g1) == 2 && slice_eq(g0, "git"))
			slice_copy(out->commit, sizeof(out->commit), g1);
	}
	if (var == MOBY_A)
		p0 = go_trim_space(p0);
	if (p0.n >= sizeof(prefix) - 1 &&
	    memcmp(p0.p, prefix, sizeof(prefix) - 1) == 0) {
		p0.p += sizeof(prefix) - 1;
		p0.n -= sizeof(prefix) - 1;
		slice_copy(out->version, sizeof(out->version), p0);
	}
	out->err = out->version[0] == '\0' && out->commit[0] == '\0';
	/* C: InitCommitID[0:len(ID)] is a Go panic past its length */
	if (var == MOBY_C && strlen(out->commit) > INIT_COMMIT_ID_LEN)
		out->err = true;
}

static const char *const variant_name[] = { "A", "B", "C" };

/* The restatement itself, on lines with known answers. */
static const struct {
	const char	*line;
	bool		 err;
	const char	*version;
	const char	*commit;
} oracle[] = {
	/* moby's TestParseInitVersion */
	{ "tini version 0.13.0 - git.949e6fa", false, "0.13.0", "949e6fa" },
	{ "tini version 0.13.0\n", false, "0.13.0", "" },
	{ "tini version 0.13.2", false, "0.13.2", "" },
	{ "tini version0.13.2", true, "", "" },
	{ "", true, "", "" },
	{ "hello world", true, "", "" },
	/* real docker-init output and catatonit's */
	{ "tini version 0.19.0 - git.de40ad0\n", false, "0.19.0", "de40ad0" },
	{ "tini version 0.1.7_catatonit\n", false, "0.1.7_catatonit", "" },
	/* garbage dockerd rejects */
	{ "\n", true, "", "" },
	{ "tend 0.1.0\n", true, "", "" },
	{ "catatonit version 0.1.7\n", true, "", "" },
	{ "tini version - git\n", true, "", "" },
	{ "tini version  - git.\n", true, "", "" },
	{ "version 1 - commit.abc\n", true, "", "" },
	{ "x - git.\n", true, "", "" },
	{ "x - git.a.b\n", true, "", "" },
	{ "x - .abc\n", true, "", "" },
	/* half right is enough for dockerd */
	{ "x - git.abc\n", false, "", "abc" },
	{ "tini version 1.0 - git.a.b\n", false, "1.0", "" },
	{ "tini version 1.0 - GIT.abc\n", false, "1.0", "" },
	{ "  tini version 1.0 - git.abc  \n", false, "1.0", "abc" },
	{ "tini version 1.0 - git.abc - x\n", false, "1.0", "abc" },
};

static void
test_oracle(void **state)
{
	struct init_version iv;
	size_t i;
	int var;

	(void)state;
	for (i = 0; i < NELEM(oracle); i++) {
		for (var = MOBY_A; var <= MOBY_C; var++) {
			parse_init_version(var, oracle[i].line, &iv);
			if (iv.err != oracle[i].err ||
			    strcmp(iv.version, oracle[i].version) != 0 ||
			    strcmp(iv.commit, oracle[i].commit) != 0)
				fail_msg("moby %s on \"%s\": err %d version "
				    "\"%s\" commit \"%s\"; want %d \"%s\" "
				    "\"%s\"", variant_name[var],
				    oracle[i].line, iv.err, iv.version,
				    iv.commit, oracle[i].err,
				    oracle[i].version, oracle[i].commit);
		}
	}
	/* where the variants part: C panics on a commit past 40 hex */
	parse_init_version(MOBY_A, "tini version 1 - git."
	    "0123456789012345678901234567890123456789a", &iv);
	assert_false(iv.err);
	parse_init_version(MOBY_C, "tini version 1 - git."
	    "0123456789012345678901234567890123456789a", &iv);
	assert_true(iv.err);
	/* and B takes the version untrimmed before " - " */
	parse_init_version(MOBY_A, "tini version 1  - git.a", &iv);
	assert_string_equal(iv.version, "1");
	parse_init_version(MOBY_B, "tini version 1  - git.a", &iv);
	assert_string_equal(iv.version, "1 ");
}

static void
test_line_shape(void **state)
{
	char buf[256];
	size_t n;

	(void)state;
	memset(buf, 'x', sizeof(buf));
	n = version_line(buf, sizeof(buf));
	assert_true(n > 0 && n < sizeof(buf));
	assert_int_equal(n, strlen(buf));
	/* one line: a single newline, at the end */
	assert_int_equal(buf[n - 1], '\n');
	assert_ptr_equal(strchr(buf, '\n'), buf + n - 1);
	assert_null(strchr(buf, '\r'));
	assert_memory_equal(buf, "tini version ", 13);
}

static void
test_line_dockerd_reads(void **state)
{
	struct init_version iv;
	char buf[256];
	size_t i;
	int var;

	(void)state;
	version_line(buf, sizeof(buf));
	for (var = MOBY_A; var <= MOBY_C; var++) {
		parse_init_version(var, buf, &iv);
		if (iv.err)
			fail_msg("moby %s rejects \"%s\"", variant_name[var],
			    buf);
		assert_string_equal(iv.version, TEND_VERSION "_tend");
		assert_non_null(strstr(iv.version, "_tend"));
		if (iv.commit[0] == '\0')
			fail_msg("moby %s finds no commit in \"%s\"",
			    variant_name[var], buf);
		for (i = 0; iv.commit[i] != '\0'; i++)
			if (!isxdigit((unsigned char)iv.commit[i]))
				fail_msg("commit \"%s\" is not hex",
				    iv.commit);
		assert_true(strlen(iv.commit) <= INIT_COMMIT_ID_LEN);
		assert_string_equal(iv.commit, TEND_GIT);
	}
}

/*
 * A short buffer: a NUL-terminated prefix, and the length of what was
 * written (main writes exactly that many bytes), never past the buffer.
 */
static void
test_line_short_buffer(void **state)
{
	char full[256], *small;
	size_t n, k, len;

	(void)state;
	n = version_line(full, sizeof(full));
	for (len = 1; len <= n + 1; len++) {
		small = test_malloc(len);
		k = version_line(small, len);
		if (k != strlen(small) || k != (len <= n ? len - 1 : n) ||
		    memcmp(small, full, k) != 0)
			fail_msg("version_line(buf, %zu) = %zu, \"%s\"", len,
			    k, small);
		test_free(small);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oracle),
		cmocka_unit_test(test_line_shape),
		cmocka_unit_test(test_line_dockerd_reads),
		cmocka_unit_test(test_line_short_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
