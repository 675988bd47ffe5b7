/*
 * --user USER|UID[:GROUP|GID] with su-exec's semantics, pure: the caller
 * hands in the text of /etc/passwd and /etc/group (empty when missing).
 *
 * - A name is looked up in passwd (unknown: an error naming it); a number
 *   (digits only, at most 4294967294; past that it is a name) is taken as
 *   the uid, with passwd's first entry for it if there is one.
 * - With an entry: its gid, its home ("/" if empty or longer than
 *   USER_HOME_MAX: better none than a cut one), and as supplementary
 *   groups the gid first, then every group in /etc/group whose member
 *   list has the entry's name; no gid twice, at most USER_MAX_GROUPS
 *   (the rest dropped).
 * - Without: the gid is cur_gid (tend's own; 0 as root, like Docker's
 *   --user 1000), home "/", groups just the gid.
 * - GROUP given: a name is looked up in /etc/group (unknown: an error), a
 *   number taken as it is; it becomes the gid and the only group.
 * - An empty USER or GROUP (":g", "u:", "") is an error.
 *
 * Lines as musl reads them: passwd has 7 ':'-fields, group 4, the last
 * taking the rest of the line; ids are digits only; a line that is not
 * so, or starts with '#', is skipped; the last may lack its '\n'.
 */
#ifndef TEND_USER_H
#define TEND_USER_H

#include <stddef.h>
#include <sys/types.h>

#define USER_MAX_GROUPS	64
#define USER_HOME_MAX	255

struct user_cred {
	uid_t	 uid;
	gid_t	 gid;
	size_t	 ngroups;
	gid_t	 groups[USER_MAX_GROUPS];
	char	 home[USER_HOME_MAX + 1];
};

/*
 * Resolve spec. Numeric ids are 0..4294967294 (-1 is no id). Returns 0, or
 * -1 with err: "unknown user 'app' (not in /etc/passwd)", "unknown group
 * 'staff' (not in /etc/group)" or "bad user ':staff': empty name".
 * Malformed passwd/group lines are skipped, as libc does.
 */
int	user_resolve(const char *spec, const char *passwd, size_t plen,
	    const char *group, size_t glen, gid_t cur_gid,
	    struct user_cred *c, char *err, size_t errlen);

#endif
