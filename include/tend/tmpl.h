/*
 * Config templates, pure: ${VAR}, ${VAR:-default}, ${VAR-default},
 * ${VAR:?message}, ${VAR:+alt}, ${VAR+alt}, and $$ for a literal '$'.
 * Anything else is copied as it is, a bare $name too (nginx and shell
 * configs survive; envsubst's trap). Defaults and alternatives are
 * templates themselves: ${A:-${B:-x}}.
 */
#ifndef TEND_TMPL_H
#define TEND_TMPL_H

#include <stddef.h>

/* Names: [A-Za-z_][A-Za-z0-9_]*, at most TMPL_NAME_MAX bytes. */
#define TMPL_NAME_MAX	255
/* ${ inside the words of ${ at most this deep; deeper is an error. */
#define TMPL_DEPTH	16

struct tmpl_ops {
	/* The value of name[0..n), or NULL when it is not set. */
	const char	*(*get)(void *ctx, const char *name, size_t n);
	/* Output; -1 stops the expansion (tmpl_expand returns -1). */
	int		 (*put)(void *ctx, const char *p, size_t n);
	/*
	 * One error at line:col (1-based, of the '$' that starts the
	 * expression; col counts bytes): msg is a whole sentence, such as
	 * "${DB_HOST} is not set" or "unterminated ${". Never a value.
	 */
	void		 (*err)(void *ctx, unsigned line, unsigned col,
			    const char *msg);
};

/*
 * Expand s[0..len); ops are called with ctx (ops can then be a constant
 * table). Every error in the input is reported through ops->err and
 * expansion goes on past it (output is then meaningless; the caller
 * discards it). A NUL byte is one error ("binary input: NUL byte") and
 * stops the scan. Returns the number of errors (0: the output is good), or
 * -1 if ops->put failed.
 *
 * As in the shell, a word not used (the default of a set variable, the
 * alternative of an unset one, any message) is not expanded: get is not
 * asked and nothing unset in it is an error, but its syntax is checked.
 * The message of ${VAR:?message} is shown as written (its first 127
 * bytes), never expanded.
 * The errors:
 *	"${VAR} is not set"		${VAR}, or ${VAR:?} with no message
 *	"VAR: message"			${VAR:?message}, ${VAR?message}
 *	"unterminated ${"		no '}' before the end
 *	"bad variable name in ${...}"	${}, ${1X}, ${A B}, ${A!},
 *					${A:x}; skipped up to its '}'
 *	"${...} nested too deeply"	past TMPL_DEPTH; stops the scan
 *	"binary input: NUL byte"	at the first NUL, last
 * They come in the order found: those inside a word before the "not set",
 * message or "unterminated" of the ${...} that holds it.
 */
int	tmpl_expand(const char *s, size_t len, const struct tmpl_ops *ops,
	    void *ctx);

#endif
