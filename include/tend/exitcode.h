/* Exit status: the contract of DESIGN.md section 3. */
#ifndef TEND_EXITCODE_H
#define TEND_EXITCODE_H

#include <stdbool.h>
#include <stdint.h>

#define EXIT_NOTFOUND	127	/* COMMAND not found */
#define EXIT_NOEXEC	126	/* COMMAND found but not executable */
#define EXIT_USAGE	125	/* tend's own usage or setup error */
#define EXIT_TIMEOUT	124	/* wait deadline passed */

/* The set of statuses that -e / TEND_REMAP_EXIT turn into 0. */
struct exit_remap {
	uint32_t bits[256 / 32];
};

/* n for a child that exited with n, 128+s for one killed by signal s. */
int	exit_from_wait(int wstatus);

/* Status after remapping: 0 when it is in the set, else unchanged. */
int	exit_remap_apply(const struct exit_remap *r, int status);

void	exit_remap_add(struct exit_remap *r, int status);
bool	exit_remap_has(const struct exit_remap *r, int status);

/* The status for a failed exec: 127 for ENOENT/ENOTDIR, else 126. */
int	exit_from_exec_errno(int err);

#endif
