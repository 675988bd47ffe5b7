/* Docker's --env-file lines (see include/tend/envfile.h); pure. */
#include <string.h>

#include "tend/envfile.h"
#include "tend/fmt.h"

/* Docker trims unicode.IsSpace on the left; the ASCII ones here. */
static int
envf_blank(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

int
envfile_line(const char *line, size_t n, struct envfile_entry *e,
    char *err, size_t errlen)
{
	const char *end = line + n, *k, *q;

	/* CRLF files: Docker's reader (bufio.ScanLines) drops the CR too */
	if (end > line && end[-1] == '\r')
		end--;
	if (memchr(line, '\0', n) != NULL) {
		fmt_s(err, errlen, "NUL byte in line");
		return -1;
	}
	/* a UTF-8 BOM, as Docker drops it from the first line */
	if (n >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0)
		line += 3;
	while (line < end && envf_blank(*line))
		line++;
	if (line == end || *line == '#')
		return ENVF_SKIP;
	for (k = line; k < end && *k != '=' && !envf_blank(*k); k++)
		;
	for (q = k; q < end && envf_blank(*q); q++)
		;
	e->key = line;
	e->klen = (size_t)(k - line);
	if (q == end)
		return ENVF_INHERIT;
	if (k == line) {
		fmt_s(err, errlen, "no variable name before '='");
		return -1;
	}
	if (*k != '=') {
		/* the name alone: what follows it may be a value */
		fmt_s(err, errlen, "blank after variable name '%.*s'",
		    (int)e->klen, line);
		return -1;
	}
	e->val = k + 1;
	e->vlen = (size_t)(end - k - 1);
	return ENVF_SET;
}
