/* --user over /etc/passwd and /etc/group (see include/tend/user.h); pure. */
#include <string.h>

#include "tend/fmt.h"
#include "tend/user.h"

/* (uid_t)-1 and (gid_t)-1 mean "no id" to setresuid and chown. */
#define USER_ID_MAX	4294967294UL

/* No id: past USER_ID_MAX, so it matches none. */
#define USER_NOID	(~0UL)
/* user_line at the end of the text. */
#define USER_END	(~0UL - 1)

/*
 * All of p..e as one id, or USER_NOID (no digit, another byte, or past
 * USER_ID_MAX). Digits of its own: num_scan's pointer and result would
 * live in memory, with a stack canary.
 */
static unsigned long
user_id(const char *p, const char *e)
{
	unsigned long id = 0;

	if (p == e)
		return USER_NOID;
	for (; p < e; p++)
		if ((unsigned)(*p - '0') > 9 ||
		    (id = id * 10 + (unsigned long)(*p - '0')) > USER_ID_MAX)
			return USER_NOID;
	return id;
}

/*
 * The line at *pos of text ending at end, split into nf fields at ':' (the
 * last one takes the rest, as in musl): field i is f[i]..f[i + 1] - 1,
 * the last ends at f[nf]. Moves *pos past the line. Returns the id in
 * field 2 (uid or gid), USER_NOID for a line to skip (a comment, too few
 * fields, no id there), USER_END at the end.
 */
static unsigned long
user_line(const char **pos, const char *end, const char **f, int nf)
{
	const char *p = *pos;
	int i = 0;

	if (p == end)
		return USER_END;
	for (f[0] = p; p < end && *p != '\n'; p++)
		if (*p == ':' && i < nf - 1)
			f[++i] = p + 1;
	f[nf] = p;
	*pos = p < end ? p + 1 : p;
	return *f[0] != '#' && i == nf - 1 ? user_id(f[2], f[3] - 1) :
	    USER_NOID;
}

/* Out of line: inlined, it is a copy at each of its three callers. */
static __attribute__((noinline)) int
user_eq(const char *p, const char *e, const char *s, size_t n)
{
	return (size_t)(e - p) == n && memcmp(p, s, n) == 0;
}

/* gid joins the groups unless it is there already or there is no room. */
static void
user_add(struct user_cred *c, unsigned long gid)
{
	size_t i;

	for (i = 0; i < c->ngroups; i++)
		if (c->groups[i] == gid)
			return;
	if (c->ngroups < USER_MAX_GROUPS)
		c->groups[c->ngroups++] = (gid_t)gid;
}

int
user_resolve(const char *spec, const char *passwd, size_t plen,
    const char *group, size_t glen, gid_t cur_gid,
    struct user_cred *c, char *err, size_t errlen)
{
	const char *g = strchr(spec, ':'), *f[8], *pos, *m, *e, *name = NULL;
	const char *what = "user", *db = "passwd";
	size_t n = g != NULL ? (size_t)(g - spec) : strlen(spec), hn;
	unsigned long id, v, w;

	if (n == 0 || (g != NULL && *++g == '\0')) {
		fmt_s(err, errlen, "bad user '%s': empty name", spec);
		return -1;
	}
	/* a number too large for an id is a name (none will match) */
	id = user_id(spec, spec + n);
	c->gid = cur_gid;
	memcpy(c->home, "/", 2);
	for (pos = passwd; (v = user_line(&pos, passwd + plen, f, 7)) !=
	    USER_END;) {
		if (v == USER_NOID ||
		    (w = user_id(f[3], f[4] - 1)) == USER_NOID ||
		    !(id != USER_NOID ? v == id :
		    user_eq(f[0], f[1] - 1, spec, n)))
			continue;
		id = v;
		c->gid = (gid_t)w;
		name = f[0];
		n = (size_t)(f[1] - 1 - name);
		/* one too long is no home either: better "/" than cut */
		hn = (size_t)(f[6] - 1 - f[5]);
		if (hn > 0 && hn <= USER_HOME_MAX) {
			memcpy(c->home, f[5], hn);
			c->home[hn] = '\0';
		}
		break;
	}
	if (name == NULL && id == USER_NOID)
		goto unknown;
	c->uid = (uid_t)id;
	c->groups[0] = c->gid;
	c->ngroups = 1;
	if (g != NULL) {
		spec = g;
		n = strlen(g);
		what = db = "group";
		if ((v = user_id(g, g + n)) != USER_NOID) {
			c->groups[0] = (gid_t)v;
			goto done;
		}
	} else if (name == NULL)
		goto done;
	/* GROUP by name, or every group that lists the user */
	for (pos = group; (v = user_line(&pos, group + glen, f, 4)) !=
	    USER_END;) {
		if (v == USER_NOID)
			continue;
		if (g != NULL) {
			if (user_eq(f[0], f[1] - 1, g, n)) {
				c->groups[0] = (gid_t)v;
				goto done;
			}
			continue;
		}
		for (m = e = f[3];; e++) {
			if (e < f[4] && *e != ',')
				continue;
			if (user_eq(m, e, name, n))
				user_add(c, v);
			if (e == f[4])
				break;
			m = e + 1;
		}
	}
	if (g != NULL)
		goto unknown;
done:
	c->gid = c->groups[0];
	return 0;
unknown:
	fmt_s(err, errlen, "unknown %s '%.*s' (not in /etc/%s)", what, (int)n,
	    spec, db);
	return -1;
}
