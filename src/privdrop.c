/*
 * --user: resolved during setup from /etc/passwd and /etc/group (user.c
 * has the rules: su-exec's), applied in the child just before exec.
 * Raw system calls: musl's setuid/setgid/setgroups synchronise every
 * thread (__synccall), which a forked, single-threaded child never needs.
 */
#include <errno.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <fcntl.h>

#include "tend/env.h"
#include "tend/errstr.h"
#include "tend/fmt.h"
#include "tend/startup.h"
#include "tend/state.h"
#include "tend/sys.h"

int
privdrop_resolve(struct tend *t, char *err, size_t errlen)
{
	const struct opts *o = t->o;
	char *pw = NULL, *gr = NULL, why[160];
	size_t pl = 0, gl = 0;
	struct user_cred *c = &t->cred;
	uid_t euid;
	size_t i;
	int rc;

	if (o->user == NULL)
		return 0;
	/* missing files are empty: numeric ids need no entry */
	(void)env_read("/etc/passwd", ENV_FILE_MAX, &pw, &pl);
	(void)env_read("/etc/group", ENV_FILE_MAX, &gr, &gl);
	rc = user_resolve(o->user, pw ? pw : "", pl, gr ? gr : "", gl,
	    getgid(), c, why, sizeof(why));
	/* what was not read has length 0: EINVAL, nothing unmapped */
	sys_munmap(pw, pw ? ENV_FILE_MAX + 1 : 0);
	sys_munmap(gr, gr ? ENV_FILE_MAX + 1 : 0);
	if (rc < 0) {
		fmt_s(err, errlen, "--user %s: %s", o->user, why);
		return -1;
	}
	/* not root: only the identity tend already has, never half of one */
	if ((euid = geteuid()) != 0 && (c->uid != euid ||
	    c->gid != getegid())) {
		fmt_s(err, errlen, "--user %s: tend runs as uid %d, not root: "
		    "cannot switch to uid %d gid %d", o->user, (int)euid,
		    (int)c->uid, (int)c->gid);
		return -1;
	}
	t->has_cred = true;
	/* the --log FIFOs are made already: the user must open them */
	for (i = 0; i < o->nsrc && euid == 0; i++)
		if (o->src[i].kind == SRC_FIFO &&
		    syscall(SYS_fchownat, AT_FDCWD, o->src[i].path, c->uid,
		    c->gid, 0) < 0) {
			fmt_s(err, errlen, "cannot give %s to --user %s: %s",
			    o->src[i].path, o->user, err_now());
			return -1;
		}
	return 0;
}

int
privdrop_apply(const struct tend *t)
{
	const struct user_cred *c = &t->cred;

	if (t->o->no_new_privs && sys_prctl(PR_SET_NO_NEW_PRIVS, 1) < 0)
		return -1;
	if (!t->has_cred || geteuid() != 0)
		return 0;
	/* groups first: after setuid there is no privilege left for them */
	if (syscall(SYS_setgroups, c->ngroups, c->groups) < 0 ||
	    syscall(SYS_setgid, c->gid) < 0 ||
	    syscall(SYS_setuid, c->uid) < 0)
		return -1;
	return 0;
}
