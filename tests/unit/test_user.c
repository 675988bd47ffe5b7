/*
 * user: --user over fixture /etc/passwd and /etc/group texts. Names and
 * numbers, with an entry and without; supplementary groups from the
 * member lists (by the user's name, no duplicates, at most
 * USER_MAX_GROUPS); an explicit group by name and by number; unknown
 * users and groups; empty parts of the spec; malformed lines skipped as
 * libc does; comments; a last line without '\n'; home and its bounds;
 * ids at 4294967294 and one past it (a name then). The texts are copied
 * to buffers of their exact size: ASan sees a read past plen or glen.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tend/user.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define CUR_GID	77

static const char passwd[] =
    "root:x:0:0:root:/root:/bin/sh\n"
    "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
    "\n"
    "# comment:x:5:5::/c:/bin/sh\n"
    "#hash:x:6:6::/c:/bin/sh\n"
    "app:x:1000:1000:App User,,,:/home/app:/bin/bash\n"
    "nohome:x:1001:1001:::/bin/sh\n"
    "bad1:x:abc:1000::/h:/bin/sh\n"		/* uid not a number */
    "bad2:x:1002:1000:/h:/bin/sh\n"		/* six fields */
    "bad3:x:1003:x::/h:/bin/sh\n"		/* gid not a number */
    "bad4:x::1000::/h:/bin/sh\n"		/* uid empty */
    "bad5:x: 1008:1000::/h:/bin/sh\n"		/* a blank in the uid */
    "bad6:x:1009:-1::/h:/bin/sh\n"		/* a sign */
    "bad7\n"
    "over:x:4294967295:0::/o:/bin/sh\n"		/* -1 is no id */
    "dup:x:1004:1004::/first:/bin/sh\n"
    "dup:x:1005:1005::/second:/bin/sh\n"
    "big:x:4294967294:4294967294::/big:/bin/sh\n"
    "shellcolon:x:1006:1006::/s:/bin/sh:more\n"	/* musl: the rest */
    "1234:x:1010:1010::/numeric-name:/bin/sh\n"
    "member:x:1011:1011::/m:/bin/sh\n"
    "last:x:1007:1007::/last:/bin/sh";		/* no newline */

static const char group[] =
    "root:x:0:\n"
    "wheel:x:10:root,app\n"
    "staff:x:50:app\n"
    "users:x:100:bob,app,carol\n"
    "dupe:x:10:app\n"				/* wheel's gid again */
    "app:x:1000:\n"
    "near:x:2000:appx,xapp,ap,App, app\n"	/* none is app */
    "bad:x:zz:app\n"				/* gid not a number */
    "short:x:3000\n"				/* three fields */
    "# comment:x:4000:app\n"
    "empty:x::app\n"
    "\n"
    "dupname:x:6000:\n"
    "dupname:x:6001:\n"
    "member:x:6002:member,member\n"
    "last:x:5000:app,other";			/* no newline */

static const struct {
	const char	*spec;
	unsigned long	 uid, gid;
	const char	*groups;	/* "gid,gid" */
	const char	*home;
} good[] = {
	{ "root", 0, 0, "0,10", "/root" },
	{ "0", 0, 0, "0,10", "/root" },
	{ "app", 1000, 1000, "1000,10,50,100,5000", "/home/app" },
	{ "1000", 1000, 1000, "1000,10,50,100,5000", "/home/app" },
	{ "01000", 1000, 1000, "1000,10,50,100,5000", "/home/app" },
	{ "daemon", 1, 1, "1", "/usr/sbin" },
	{ "nohome", 1001, 1001, "1001", "/" },
	{ "dup", 1004, 1004, "1004", "/first" },	/* the first one */
	{ "1005", 1005, 1005, "1005", "/second" },
	{ "big", 4294967294UL, 4294967294UL, "4294967294", "/big" },
	{ "4294967294", 4294967294UL, 4294967294UL, "4294967294", "/big" },
	{ "shellcolon", 1006, 1006, "1006", "/s" },
	{ "last", 1007, 1007, "1007", "/last" },
	{ "member", 1011, 1011, "1011,6002", "/m" },
	/* a number is a uid, even where a name is that number */
	{ "1234", 1234, CUR_GID, "77", "/" },
	{ "1010", 1010, 1010, "1010", "/numeric-name" },
	/* no entry: tend's gid, "/" */
	{ "4242", 4242, CUR_GID, "77", "/" },
	/* bad2's line is skipped */
	{ "1002", 1002, CUR_GID, "77", "/" },
	/* an explicit group is the only one */
	{ "app:staff", 1000, 50, "50", "/home/app" },
	{ "app:50", 1000, 50, "50", "/home/app" },
	{ "app:0", 1000, 0, "0", "/home/app" },
	{ "app:9999", 1000, 9999, "9999", "/home/app" },
	{ "app:4294967294", 1000, 4294967294UL, "4294967294", "/home/app" },
	{ "app:wheel", 1000, 10, "10", "/home/app" },
	{ "app:dupname", 1000, 6000, "6000", "/home/app" },
	{ "app:last", 1000, 5000, "5000", "/home/app" },
	{ "root:app", 0, 1000, "1000", "/root" },
	{ "1000:1000", 1000, 1000, "1000", "/home/app" },
	{ "4242:staff", 4242, 50, "50", "/" },
	{ "4242:99", 4242, 99, "99", "/" },
	{ "0:0", 0, 0, "0", "/root" },
};

static const struct {
	const char	*spec;
	const char	*err;
} bad[] = {
	{ "nobody", "unknown user 'nobody' (not in /etc/passwd)" },
	{ "nobody:staff", "unknown user 'nobody' (not in /etc/passwd)" },
	{ "App", "unknown user 'App' (not in /etc/passwd)" },
	{ "ap", "unknown user 'ap' (not in /etc/passwd)" },
	{ "appx", "unknown user 'appx' (not in /etc/passwd)" },
	{ "bad1", "unknown user 'bad1' (not in /etc/passwd)" },
	{ "bad2", "unknown user 'bad2' (not in /etc/passwd)" },
	{ "bad3", "unknown user 'bad3' (not in /etc/passwd)" },
	{ "bad4", "unknown user 'bad4' (not in /etc/passwd)" },
	{ "bad5", "unknown user 'bad5' (not in /etc/passwd)" },
	{ "bad6", "unknown user 'bad6' (not in /etc/passwd)" },
	{ "bad7", "unknown user 'bad7' (not in /etc/passwd)" },
	{ "over", "unknown user 'over' (not in /etc/passwd)" },
	{ "comment", "unknown user 'comment' (not in /etc/passwd)" },
	{ "# comment", "unknown user '# comment' (not in /etc/passwd)" },
	{ "#hash", "unknown user '#hash' (not in /etc/passwd)" },
	/* past the ids, a number is a name */
	{ "4294967295", "unknown user '4294967295' (not in /etc/passwd)" },
	{ "99999999999999999999",
	    "unknown user '99999999999999999999' (not in /etc/passwd)" },
	{ "-1", "unknown user '-1' (not in /etc/passwd)" },
	{ "+5", "unknown user '+5' (not in /etc/passwd)" },
	{ " 5", "unknown user ' 5' (not in /etc/passwd)" },
	{ "0x10", "unknown user '0x10' (not in /etc/passwd)" },
	{ "app:nogroup", "unknown group 'nogroup' (not in /etc/group)" },
	{ "4242:nogroup", "unknown group 'nogroup' (not in /etc/group)" },
	{ "app:bad", "unknown group 'bad' (not in /etc/group)" },
	{ "app:short", "unknown group 'short' (not in /etc/group)" },
	{ "app:comment", "unknown group 'comment' (not in /etc/group)" },
	{ "app:empty", "unknown group 'empty' (not in /etc/group)" },
	{ "app:staff:x", "unknown group 'staff:x' (not in /etc/group)" },
	{ "app:4294967295", "unknown group '4294967295' (not in /etc/group)" },
	{ "app:-1", "unknown group '-1' (not in /etc/group)" },
	{ "", "bad user '': empty name" },
	{ ":", "bad user ':': empty name" },
	{ ":staff", "bad user ':staff': empty name" },
	{ ":0", "bad user ':0': empty name" },
	{ "app:", "bad user 'app:': empty name" },
	{ "0:", "bad user '0:': empty name" },
};

/* Copies of t[0..n) in a buffer of its own size: no NUL to lean on. */
static char *
exact(const char *t, size_t n)
{
	char *p = malloc(n > 0 ? n : 1);

	assert_non_null(p);
	memcpy(p, t, n);
	return p;
}

static int
resolve(const char *spec, const char *pw, size_t pl, const char *gr,
    size_t gl, struct user_cred *c, char *err, size_t errlen)
{
	char *p = exact(pw, pl), *g = exact(gr, gl);
	int r;

	memset(c, 0xa5, sizeof(*c));
	err[0] = '\0';
	r = user_resolve(spec, p, pl, g, gl, CUR_GID, c, err, errlen);
	free(p);
	free(g);
	return r;
}

static void
groups_text(const struct user_cred *c, char *buf, size_t len)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < c->ngroups && n < len; i++)
		n += (size_t)snprintf(buf + n, len - n, "%s%lu", i ? "," : "",
		    (unsigned long)c->groups[i]);
}

static void
test_good(void **state)
{
	struct user_cred c;
	char err[128], gs[512];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(good); i++) {
		if (resolve(good[i].spec, passwd, sizeof(passwd) - 1, group,
		    sizeof(group) - 1, &c, err, sizeof(err)) != 0)
			fail_msg("\"%s\" failed: %s", good[i].spec, err);
		groups_text(&c, gs, sizeof(gs));
		if (c.uid != good[i].uid || c.gid != good[i].gid ||
		    strcmp(gs, good[i].groups) != 0 ||
		    strcmp(c.home, good[i].home) != 0)
			fail_msg("\"%s\": %lu:%lu [%s] %s, "
			    "want %lu:%lu [%s] %s", good[i].spec,
			    (unsigned long)c.uid, (unsigned long)c.gid, gs,
			    c.home, good[i].uid, good[i].gid, good[i].groups,
			    good[i].home);
		assert_int_equal(c.groups[0], c.gid);
	}
}

static void
test_bad(void **state)
{
	struct user_cred c;
	char err[128];
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(bad); i++) {
		if (resolve(bad[i].spec, passwd, sizeof(passwd) - 1, group,
		    sizeof(group) - 1, &c, err, sizeof(err)) != -1)
			fail_msg("\"%s\" accepted", bad[i].spec);
		if (strcmp(err, bad[i].err) != 0)
			fail_msg("\"%s\": \"%s\", want \"%s\"", bad[i].spec,
			    err, bad[i].err);
	}
}

/* No /etc/passwd, no /etc/group: numbers only. */
static void
test_no_files(void **state)
{
	struct user_cred c;
	char err[128];

	(void)state;
	assert_int_equal(resolve("1000", "", 0, "", 0, &c, err, sizeof(err)),
	    0);
	assert_int_equal(c.uid, 1000);
	assert_int_equal(c.gid, CUR_GID);
	assert_int_equal(c.ngroups, 1);
	assert_int_equal(c.groups[0], CUR_GID);
	assert_string_equal(c.home, "/");
	assert_int_equal(resolve("1000:5", "", 0, "", 0, &c, err,
	    sizeof(err)), 0);
	assert_int_equal(c.gid, 5);
	assert_int_equal(c.ngroups, 1);
	assert_int_equal(resolve("app", "", 0, "", 0, &c, err, sizeof(err)),
	    -1);
	assert_string_equal(err, "unknown user 'app' (not in /etc/passwd)");
	assert_int_equal(resolve("1000:staff", "", 0, "", 0, &c, err,
	    sizeof(err)), -1);
	assert_string_equal(err, "unknown group 'staff' (not in /etc/group)");
	/* an entry, but no /etc/group: the primary group alone */
	assert_int_equal(resolve("app", passwd, sizeof(passwd) - 1, "", 0, &c,
	    err, sizeof(err)), 0);
	assert_int_equal(c.ngroups, 1);
	assert_int_equal(c.groups[0], 1000);
}

/* Only plen and glen bytes count: an entry past them is not seen. */
static void
test_lengths(void **state)
{
	static const char pw[] = "a:x:1:1::/a:/bin/sh\nb:x:2:2::/b:/bin/sh\n";
	static const char gr[] = "g:x:7:a\nh:x:8:a\n";
	struct user_cred c;
	char err[128];

	(void)state;
	assert_int_equal(resolve("a", pw, 20, gr, 8, &c, err, sizeof(err)),
	    0);
	assert_int_equal(c.ngroups, 2);
	assert_int_equal(resolve("b", pw, 20, gr, 8, &c, err, sizeof(err)),
	    -1);
	/* cut inside the line: the shell is "/bin" then, still 7 fields */
	assert_int_equal(resolve("a", pw, 16, gr, 7, &c, err, sizeof(err)),
	    0);
	assert_string_equal(c.home, "/a");
	assert_int_equal(c.ngroups, 2);
	/* cut inside the home: six fields */
	assert_int_equal(resolve("a", pw, 11, gr, 0, &c, err, sizeof(err)),
	    -1);
	/* CRLF: '\r' is part of the last field, the members' last name */
	assert_int_equal(resolve("a", "a:x:1:1::/a:/bin/sh\r\n", 21,
	    "g:x:7:a\r\nh:x:8:b,a\r\n", 20, &c, err, sizeof(err)), 0);
	assert_int_equal(c.ngroups, 1);
}

/* USER_MAX_GROUPS at most, the primary first, then in file order. */
static void
test_many_groups(void **state)
{
	static const char pw[] = "u:x:5:5::/u:/bin/sh\n";
	char *gr, err[64];
	struct user_cred c;
	size_t len = 0, i;

	(void)state;
	gr = malloc(200 * 32);
	assert_non_null(gr);
	for (i = 0; i < 200; i++)
		len += (size_t)sprintf(gr + len, "g%zu:x:%zu:x,u\n", i,
		    100 + i / 2);	/* each gid twice */
	assert_int_equal(resolve("u", pw, sizeof(pw) - 1, gr, len, &c, err,
	    sizeof(err)), 0);
	assert_int_equal(c.ngroups, USER_MAX_GROUPS);
	assert_int_equal(c.groups[0], 5);
	for (i = 1; i < USER_MAX_GROUPS; i++)
		assert_int_equal(c.groups[i], 100 + i - 1);
	free(gr);
}

/* Home: USER_HOME_MAX bytes fit; one more is no home, "/", not cut. */
static void
test_home_max(void **state)
{
	char pw[USER_HOME_MAX + 64], err[128];
	struct user_cred c;
	int n;

	(void)state;
	n = sprintf(pw, "h:x:1:1::/");
	memset(pw + n, 'd', USER_HOME_MAX - 1);
	n += USER_HOME_MAX - 1;
	n += sprintf(pw + n, ":/bin/sh\n");
	assert_int_equal(resolve("h", pw, (size_t)n, "", 0, &c, err,
	    sizeof(err)), 0);
	assert_int_equal(strlen(c.home), USER_HOME_MAX);
	assert_int_equal(c.home[0], '/');
	assert_int_equal(c.home[USER_HOME_MAX - 1], 'd');

	n = sprintf(pw, "h:x:1:1::/");
	memset(pw + n, 'd', USER_HOME_MAX);
	n += USER_HOME_MAX;
	n += sprintf(pw + n, ":/bin/sh\n");
	assert_int_equal(resolve("h", pw, (size_t)n, "", 0, &c, err,
	    sizeof(err)), 0);
	assert_string_equal(c.home, "/");
	assert_int_equal(c.uid, 1);
}

/* A tiny error buffer truncates, never overflows (ASan watches). */
static void
test_short_err_buffer(void **state)
{
	struct user_cred c;
	char *err;

	(void)state;
	err = test_malloc(4);
	assert_int_equal(user_resolve("nobody", "", 0, "", 0, 0, &c, err, 4),
	    -1);
	assert_string_equal(err, "unk");
	test_free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_no_files),
		cmocka_unit_test(test_lengths),
		cmocka_unit_test(test_many_groups),
		cmocka_unit_test(test_home_max),
		cmocka_unit_test(test_short_err_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
