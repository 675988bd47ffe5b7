/*
 * The child's environment: tend's own, then --env-file, then --secrets.
 * Built during setup in anonymous mappings (tend has no malloc), then
 * handed to exec as environ. Values are never logged: they may be secrets.
 */
#ifndef TEND_ENV_H
#define TEND_ENV_H

#include <stddef.h>

struct env {
	char	**v;		/* NULL-terminated, environ's layout */
	size_t	  n;
	size_t	  cap;
	char	 *pool;		/* bump allocator for "NAME=value" */
	size_t	  pool_left;
};

/* Memory that lives until exec: 0-filled, never freed; NULL on ENOMEM. */
void	*env_alloc(struct env *e, size_t n);

/* Files tend reads whole (env files, secrets, passwd): at most 1 MiB. */
#define ENV_FILE_MAX	(1024 * 1024)

/*
 * path's content, up to max bytes, in a mapping of max + 1 bytes of its own
 * (munmap it when done); 0, or -1 with errno (EFBIG: longer than max).
 */
int	env_read(const char *path, size_t max, char **buf, size_t *len);

/* Why env_read failed with max ENV_FILE_MAX, from errno, for a message. */
const char *env_read_why(void);

/*
 * The next line of [*p, end), without its newline, NUL-terminated in
 * place (the last may lack one): its start, *n its length, *p moved past
 * it; NULL at the end. For files read with env_read (one spare byte).
 */
char	*env_line(char **p, char *end, size_t *n);

/* A copy of envp's pointers; 0 or -1. */
int	env_init(struct env *e, char **envp);

/* The value of name[0..n), or NULL. */
const char *env_get(const struct env *e, const char *name, size_t n);

/* Set name[0..n) to val[0..vlen), replacing it if set; 0 or -1. */
int	env_set(struct env *e, const char *name, size_t n, const char *val,
	    size_t vlen);

void	env_unset(struct env *e, const char *name, size_t n);

/*
 * The setup steps on e: each --env-file, then --secrets (NAME_FILE=path
 * becomes NAME=content). 0, or -1 with a message in err (exit 125).
 */
struct opts;
int	env_load(struct env *e, const struct opts *o, char *err,
	    size_t errlen);

#endif
