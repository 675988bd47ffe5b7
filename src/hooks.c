/*
 * --pre and --post hooks: a file, or a directory whose executables run in
 * lexical order (phusion's /etc/my_init.d, s6-overlay's cont-init.d and
 * cont-finish.d). Pre hooks run one after another before the child, each
 * to completion, as tend's own user; the first that fails ends the start
 * with its status. Post hooks run after the main child, before the rest
 * get SIGTERM, with TEND_EXIT_STATUS set, bounded by --post-timeout; their
 * failure is logged and changes nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "tend/errstr.h"
#include "tend/exitcode.h"
#include "tend/fmt.h"
#include "tend/fs.h"
#include "tend/log.h"
#include "tend/startup.h"
#include "tend/state.h"
#include "tend/sys.h"

#define HOOKS_MAX	256

/*
 * The list, and the scan's scratch beside it in one allocation: on the
 * stack, the directory and stat's buffer would cost a stack protector.
 */
struct hooks_scan {
	struct stat	 st;
	struct fs_dir	 d;
	const char	*v[HOOKS_MAX];
};

/*
 * The hooks of list k: each path (a file) or a directory's executables,
 * sorted; at most HOOKS_MAX in all.
 */

static size_t
hooks_list(struct tend *t, enum opts_list_kind k, const char ***out)
{
	const struct opts_list *l = &t->o->list[k];
	const char **v, *path, *name;
	struct hooks_scan *w;
	size_t first, i, j, n = 0, len;
	char *s;

	if (l->n == 0 || (w = env_alloc(&t->env, sizeof(*w))) == NULL)
		return 0;
	v = w->v;
	for (j = 0; j < l->n; j++) {
		path = l->v[j];
		if (sys_stat(path, &w->st) < 0 || !S_ISDIR(w->st.st_mode)) {
			if (n < HOOKS_MAX)
				v[n++] = path;	/* exec says what is wrong */
			continue;
		}
		if (fs_dir_open(&w->d, path) < 0)
			continue;
		first = n;
		while (n < HOOKS_MAX && (name = fs_dir_next(&w->d)) != NULL) {
			len = strlen(path) + strlen(name) + 2;
			if (name[0] == '.' ||
			    (s = env_alloc(&t->env, len)) == NULL)
				continue;
			fmt_s(s, len, "%s/%s", path, name);
			/* executables only, as run-parts: a README is no hook */
			if (sys_stat(s, &w->st) < 0 ||
			    !S_ISREG(w->st.st_mode) ||
			    syscall(SYS_faccessat, AT_FDCWD, s, X_OK) < 0)
				continue;
			/* insertion sort: lexical, as the C locale's ls */
			for (i = n; i > first && strcmp(v[i - 1], s) > 0; i--)
				v[i] = v[i - 1];
			v[i] = s;
			n++;
		}
		fs_dir_close(&w->d);
	}
	*out = v;
	return n;
}

int
hooks_pre(struct tend *t)
{
	const char **v;
	size_t i, n = hooks_list(t, OPTS_L_PRE, &v);

	for (i = 0; i < n; i++) {
		tlog(t->o->verbosity, TLOG_INFO, "%s hook %s", "pre", v[i]);
		if (spawn_hook(t, v[i]) < 0) {
			tlog(1, TLOG_ERR, "cannot fork: %s", err_now());
			return EXIT_USAGE;
		}
		t->loop.stop = false;
		while (t->hook != 0 && !t->aborted)
			if (loop_run(&t->loop) < 0)
				return EXIT_USAGE;
		if (t->aborted)
			return -1;
		if (t->hook_status != 0) {
			/* one format for pre and post hooks (merged by ld) */
			tlog(1, TLOG_ERR, "%s hook %s failed with status %d",
			    "pre", v[i], t->hook_status);
			return t->hook_status;
		}
	}
	return 0;
}

/* The next post hook, or none left: t->post_pending false. */
static void
hooks_post_next(struct tend *t)
{
	while (t->post_i < t->npost) {
		const char *h = t->post[t->post_i++];

		tlog(t->o->verbosity, TLOG_INFO, "%s hook %s", "post", h);
		if (spawn_hook(t, h) > 0)
			return;
		tlog(1, TLOG_ERR, "cannot fork post hook %s: %s", h,
		    err_now());
	}
	t->post_pending = false;
	if (t->post_timer)
		t->post_timer->at = 0;
}

/* --post-timeout: the running hook is killed, the rest are skipped. */
static void
hooks_on_timer(struct loop *l, void *ctx)
{
	struct tend *t = ctx;

	(void)l;
	t->post_timer->at = 0;
	if (t->hook == 0)
		return;
	tlog(1, TLOG_ERR, "post hook %s still runs after --post-timeout: "
	    "killing it and skipping the rest", t->post[t->post_i - 1]);
	t->npost = t->post_i;	/* the list ends with the running one */
	(void)kill(t->hook, SIGKILL);
}

/* Before tend leaves the working directory: relative paths still work. */
void
hooks_post_list(struct tend *t)
{
	t->npost = hooks_list(t, OPTS_L_POST, &t->post);
}

void
hooks_post(struct tend *t, int status)
{
	char st[16];

	if (t->o->list[OPTS_L_POST].n == 0 || t->post_started)
		return;
	t->post_started = t->post_pending = true;
	if (env_set(&t->env, "TEND_EXIT_STATUS", 16, st,
	    fmt_s(st, sizeof(st), "%d", status)) < 0 ||
	    (t->post_timer = loop_add_timer(&t->loop, hooks_on_timer, t)) ==
	    NULL) {
		tlog(1, TLOG_ERR, "cannot run post hooks: %s",
		    err_str(ENOMEM));
		t->post_pending = false;
		return;
	}
	t->post_timer->at = loop_now() + t->o->post_timeout_ms;
	hooks_post_next(t);
}

void
hooks_reaped(struct tend *t, int st)
{
	t->hook = 0;
	t->hook_status = exit_from_wait(st);
	if (!t->post_started) {
		/* hooks_pre goes on; after an abort the shutdown does */
		if (t->starting)
			t->loop.stop = true;
		return;
	}
	if (t->hook_status != 0)
		tlog(1, TLOG_ERR, "%s hook %s failed with status %d", "post",
		    t->post[t->post_i - 1], t->hook_status);
	hooks_post_next(t);
}
