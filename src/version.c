/*
 * dockerd runs `docker-init --version` and splits the line on " - ": the
 * left part must start with "tini version ", the right be "git.<commit>"
 * (moby daemon/info_unix.go, parseInitVersion). catatonit names itself in
 * the version field the same way.
 */

#include "tend/fmt.h"
#include "tend/version.h"
#include "git.inc"

const char version_text[] = "tini version " TEND_VERSION "_tend - git."
    TEND_GIT "\n";

size_t
version_line(char *buf, size_t len)
{
	return fmt_s(buf, len, "%s", version_text);
}
