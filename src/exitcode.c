/* Wait status -> exit status, and the -e remap set; pure. */
#include <errno.h>
#include <sys/wait.h>

#include "tend/exitcode.h"

int
exit_from_wait(int wstatus)
{
	if (WIFEXITED(wstatus))
		return WEXITSTATUS(wstatus);
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return 1;	/* stopped/continued are never reported to us */
}

void
exit_remap_add(struct exit_remap *r, int status)
{
	if (status >= 0 && status < 256)
		r->bits[status / 32] |= (uint32_t)1 << (status % 32);
}

bool
exit_remap_has(const struct exit_remap *r, int status)
{
	if (status < 0 || status > 255)
		return false;
	return (r->bits[status / 32] >> (status % 32)) & 1;
}

int
exit_remap_apply(const struct exit_remap *r, int status)
{
	return exit_remap_has(r, status) ? 0 : status;
}

int
exit_from_exec_errno(int err)
{
	return (err == ENOENT || err == ENOTDIR) ? EXIT_NOTFOUND : EXIT_NOEXEC;
}
