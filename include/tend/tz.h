/*
 * Time zones, pure: a TZif file (RFC 8536) or a POSIX TZ string, and the
 * offset from UTC at an instant. musl's localtime_r is 7 KiB of a static
 * binary (with the malloc and lock it drags in); cron needs only this.
 * Leap seconds ("right/" zones) are not counted, as musl does not.
 */
#ifndef TEND_TZ_H
#define TEND_TZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A POSIX rule: Jn (kind 'J'), n (0) or Mm.w.d ('M'), then /time. */
struct tz_rule {
	char		 kind;
	int32_t		 mwd[3];	/* Mm.w.d: m, w, d */
	int32_t		 day;		/* n or Jn */
	int32_t		 time;		/* seconds after local midnight */
};

/*
 * A zeroed struct tz is UTC. A file's transitions stay in its buffer,
 * which must outlive the struct (crond's mapping is never unmapped).
 */
struct tz {
	const unsigned char *trans;	/* n big-endian times, tsize bytes */
	const unsigned char *idx;	/* n type numbers */
	const unsigned char *types;	/* ntypes of: utoff[4] isdst abbr */
	uint32_t	 n;
	uint32_t	 ntypes;
	int		 tsize;
	bool		 norule;	/* past the last transition: its type */
	bool		 dst;		/* the rule has a DST part */
	int32_t		 std_off;	/* the rule's offsets, seconds east */
	int32_t		 dst_off;
	struct tz_rule	 r[2];		/* DST from r[0] to r[1] */
};

/*
 * A TZif buffer of any version (v2+: the 64-bit data, and the footer's
 * TZ string for instants from the last transition on). 0, or -1 if it is
 * not a valid TZif file (*tz is then not usable).
 */
int	tz_parse_file(struct tz *tz, const unsigned char *buf, size_t len);

/*
 * A POSIX TZ string, "std offset [dst [offset] [,start[/time],end[/time]]]"
 * with <quoted> names, hours -167..167 in rule times (TZif v3), and DST
 * from M3.2.0 to M11.1.0 when dst has no rule (as glibc). 0, or -1 if s is
 * not one whole (*tz is then not usable).
 */
int	tz_parse_rule(struct tz *tz, const char *s);

/* The offset from UTC at utc, in seconds east (+19800 for India). */
int32_t	tz_offset(const struct tz *tz, int64_t utc);

#endif
