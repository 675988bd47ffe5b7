/*
 * The child's environment, built during setup: tend's own environment,
 * then each --env-file, then --secrets. Memory comes from anonymous
 * mappings and is never given back: setup runs once, and exec (or the
 * child's fork) takes what it needs.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tend/env.h"
#include "tend/envfile.h"
#include "tend/errstr.h"
#include "tend/fmt.h"
#include "tend/opts.h"
#include "tend/sys.h"

#define ENV_CHUNK	(64 * 1024)

static void *
env_map(size_t n)
{
	void *p = sys_mmap(NULL, n, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

void *
env_alloc(struct env *e, size_t n)
{
	char *p;

	n = (n + 15) & ~(size_t)15;
	if (n > e->pool_left) {
		if (n >= ENV_CHUNK / 4)		/* big ones get their own */
			return env_map(n);
		if ((e->pool = env_map(ENV_CHUNK)) == NULL)
			return NULL;
		e->pool_left = ENV_CHUNK;
	}
	p = e->pool;
	e->pool += n;
	e->pool_left -= n;
	return p;
}

/*
 * Room for one more entry and the NULL after it. Every slot past e->n is
 * NULL: env_alloc's memory is 0-filled, env_unset clears the one it
 * vacates; so an entry added needs no NULL written after it.
 */
static int
env_grow(struct env *e)
{
	char **v;

	if (e->n + 1 < e->cap)
		return 0;
	e->cap = e->cap ? e->cap * 2 : 256;
	if ((v = env_alloc(e, e->cap * sizeof(*v))) == NULL)
		return -1;
	if (e->n)
		memcpy(v, e->v, e->n * sizeof(*v));
	e->v = v;
	return 0;
}

int
env_init(struct env *e, char **envp)
{
	memset(e, 0, sizeof(*e));
	for (;;) {
		if (env_grow(e) < 0)
			return -1;
		if (envp == NULL || *envp == NULL)
			return 0;
		e->v[e->n++] = *envp++;
	}
}

static char **
env_find(const struct env *e, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		if (strncmp(e->v[i], name, n) == 0 && e->v[i][n] == '=')
			return &e->v[i];
	return NULL;
}

const char *
env_get(const struct env *e, const char *name, size_t n)
{
	char **p = env_find(e, name, n);

	return p ? *p + n + 1 : NULL;
}

int
env_set(struct env *e, const char *name, size_t n, const char *val,
    size_t vlen)
{
	char **p, *s;

	if ((s = env_alloc(e, n + vlen + 2)) == NULL)
		return -1;
	/* the NUL is there: env_alloc's memory is 0-filled */
	memcpy(s, name, n);
	s[n] = '=';
	memcpy(s + n + 1, val, vlen);
	if ((p = env_find(e, name, n)) != NULL) {
		*p = s;
		return 0;
	}
	if (env_grow(e) < 0)
		return -1;
	e->v[e->n++] = s;
	return 0;
}

void
env_unset(struct env *e, const char *name, size_t n)
{
	char **p = env_find(e, name, n);

	if (p == NULL)
		return;
	*p = e->v[--e->n];	/* order does not matter to exec */
	e->v[e->n] = NULL;
}

int
env_read(const char *path, size_t max, char **buf, size_t *len)
{
	char *b;
	size_t got = 0;
	ssize_t r = 0;
	int fd;

	if ((fd = sys_open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	/*
	 * One byte more than max: a longer file shows as got > max. No
	 * EINTR: read(2) fails so only once a handler ran (signal(7)), and
	 * tend installs none.
	 */
	if ((b = env_map(max + 1)) != NULL)
		while ((r = read(fd, b + got, max + 1 - got)) > 0 &&
		    (got += (size_t)r) <= max)
			;
	/* errno stays mmap's or read's: close and munmap succeed here */
	close(fd);
	if (b == NULL)
		return -1;
	if (r == 0) {
		*buf = b;
		*len = got;
		return 0;
	}
	if (r > 0)
		errno = EFBIG;
	sys_munmap(b, max + 1);
	return -1;
}

char *
env_line(char **p, char *end, size_t *n)
{
	char *s = *p, *nl;

	if (s >= end)
		return NULL;
	if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
		nl = end;
	*nl = '\0';
	*n = (size_t)(nl - s);
	*p = nl + 1;
	return s;
}

/* Out of line: one copy for every caller (-20 bytes for two). */
__attribute__((noinline)) const char *
env_read_why(void)
{
	return errno == EFBIG ? "larger than 1 MiB" : err_now();
}

static int
env_file(struct env *e, const char *path, char *err, size_t errlen)
{
	struct envfile_entry ent;
	char *buf, why[128], *p, *s;
	const char *v;
	size_t len, n;
	unsigned line = 0;
	int k;

	if (env_read(path, ENV_FILE_MAX, &buf, &len) < 0) {
		fmt_s(err, errlen, "cannot read --env-file %s: %s", path,
		    env_read_why());
		return -1;
	}
	for (p = buf; (s = env_line(&p, buf + len, &n)) != NULL; ) {
		line++;
		k = envfile_line(s, n, &ent, why, sizeof(why));
		if (k < 0) {
			fmt_s(err, errlen, "--env-file %s:%d: %s", path,
			    (int)line, why);
			return -1;
		}
		if (k == ENVF_INHERIT) {
			/* tend's own value; if it has none, nothing */
			if ((v = env_get(e, ent.key, ent.klen)) == NULL)
				continue;
			ent.val = v;
			ent.vlen = strlen(v);
		} else if (k != ENVF_SET)
			continue;
		if (env_set(e, ent.key, ent.klen, ent.val, ent.vlen) < 0)
			goto nomem;
	}
	return 0;
nomem:
	fmt_s(err, errlen, "cannot load --env-file %s: %s", path,
	    err_str(ENOMEM));
	return -1;
}

/*
 * NAME_FILE=path -> NAME=<content of path>, the convention of the official
 * postgres and mysql images' file_env: one trailing newline dropped, both
 * non-empty is an error, an empty NAME_FILE is dropped and NAME left as it
 * is. tend's own TEND_ENV_FILE is not a secret. Messages name variables
 * and paths, never contents.
 */
static int
env_secrets(struct env *e, bool exec, char *err, size_t errlen)
{
	char *buf;
	const char *s, *eq, *v;
	size_t i, n, len;

	/*
	 * Downwards: env_set appends NAME and env_unset moves the last entry
	 * into the freed slot, so both only ever touch entries already seen.
	 */
	for (i = e->n; i-- > 0; ) {
		s = e->v[i];
		eq = strchr(s, '=');
		n = eq ? (size_t)(eq - s) : 0;
		if (n <= 5 || strncmp(eq - 5, "_FILE", 5) != 0 ||
		    opts_is_step_env(s))
			continue;
		n -= 5;
		if (eq[1] == '\0')
			goto drop;
		if ((v = env_get(e, s, n)) != NULL && *v != '\0') {
			fmt_s(err, errlen, "both %.*s and %.*s_FILE are set: "
			    "give one of them", (int)n, s, (int)n, s);
			return -1;
		}
		if (env_read(eq + 1, ENV_FILE_MAX, &buf, &len) < 0) {
			fmt_s(err, errlen, "cannot read %.*s_FILE %s: %s",
			    (int)n, s, eq + 1, env_read_why());
			return -1;
		}
		if (len > 0 && buf[len - 1] == '\n')
			len--;
		/*
		 * execve(2) takes no string over MAX_ARG_STRLEN (32 pages):
		 * said here, by name, when a COMMAND will get it.
		 */
		if (exec && n + len + 2 > 32 * 4096) {
			fmt_s(err, errlen, "cannot use %.*s_FILE %s: larger than "
			    "the 128 KiB the kernel allows one variable",
			    (int)n, s, eq + 1);
			return -1;
		}
		if (env_set(e, s, n, buf, len) < 0) {
			fmt_s(err, errlen, "cannot set %.*s: %s", (int)n, s,
			    err_str(ENOMEM));
			return -1;
		}
		sys_munmap(buf, ENV_FILE_MAX + 1);
drop:
		env_unset(e, s, n + 5);
	}
	return 0;
}

int
env_load(struct env *e, const struct opts *o, char *err, size_t errlen)
{
	size_t i;

	for (i = 0; i < o->list[OPTS_L_ENV_FILE].n; i++)
		if (env_file(e, o->list[OPTS_L_ENV_FILE].v[i], err,
		    errlen) < 0)
			return -1;
	if (o->secrets && env_secrets(e, o->argv != NULL && o->argv[0] !=
	    NULL, err, errlen) < 0)
		return -1;
	return 0;
}
