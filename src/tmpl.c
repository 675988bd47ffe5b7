/* Config templates (see include/tend/tmpl.h); pure. */
#include <string.h>

#include "tend/fmt.h"
#include "tend/tmpl.h"

/* The cursor p, on line line that starts at bol. */
struct tmpl_run {
	const struct tmpl_ops	*ops;
	void			*ctx;
	const char		*p, *end, *bol;
	unsigned		 line;
	int			 nerr;
	int			 stop;	/* -1 put failed, 1 too deep */
	/* "name: message", here: no array (and canary) in each tmpl_expr */
	char			 msg[TMPL_NAME_MAX + 2 + 127 + 1];
};

static void
tmpl_err(struct tmpl_run *r, unsigned line, unsigned col, const char *msg)
{
	r->ops->err(r->ctx, line, col, msg);
	r->nerr++;
}

static void
tmpl_put(struct tmpl_run *r, const char *p, size_t n)
{
	if (n > 0 && r->ops->put(r->ctx, p, n) < 0)
		r->stop = -1;
}

static int
tmpl_isname(char c)
{
	return c == '_' || (unsigned)((c | 32) - 'a') < 26 ||
	    (unsigned)(c - '0') < 10;
}

static void	tmpl_word(struct tmpl_run *, int, int);

/*
 * The ${...} at r->p, in a word depth deep; ev is 0 where the expression
 * is not used (a default not taken): its syntax is checked, no more.
 */
static void
tmpl_expr(struct tmpl_run *r, int depth, int ev)
{
	const char *at = r->p, *name = at + 2, *p = name, *w, *v = NULL;
	/* taken now: a word may span lines */
	unsigned line = r->line, col = (unsigned)(at - r->bol) + 1;
	size_t n;
	int colon, op, set;

	if (depth >= TMPL_DEPTH) {
		/* and stop: going on would take the deeper '}' as ours */
		tmpl_err(r, line, col, "${...} nested too deeply");
		r->stop = 1;
		return;
	}
	while (p < r->end && tmpl_isname(*p))
		p++;
	n = (size_t)(p - name);
	colon = p < r->end && *p == ':';
	p += colon;
	op = p < r->end ? *p : 0;
	if (op == 0 || n == 0 || n > TMPL_NAME_MAX ||
	    (unsigned)(*name - '0') < 10 ||
	    ((op != '}' || colon) && op != '-' && op != '?' &&
	    op != '+')) {
		/*
		 * The rest up to its '}' is taken as a word not used: what
		 * holds this expression stays whole, no error comes twice.
		 */
		if (op != 0)
			tmpl_err(r, line, col, "bad variable name in ${...}");
		ev = 0;
		if (op != '}')
			op = 0;
	}
	if (ev)
		v = r->ops->get(r->ctx, name, n);
	/* with ':', empty is unset */
	set = v != NULL && (!colon || *v != '\0');
	if (op != '+' && set)
		tmpl_put(r, v, strlen(v));
	r->p = w = p + (op != 0 && op != '}');
	if (op != '}') {
		tmpl_word(r, depth + 1,
		    ev && (op == '-' ? !set : op == '+' && set));
		if (r->stop)
			return;
		if (r->p == r->end) {
			tmpl_err(r, line, col, "unterminated ${");
			return;
		}
	}
	/*
	 * ${A} is ${A?}. The message is shown as written: expanded, it
	 * could show a value.
	 */
	if ((op == '}' || op == '?') && ev && !set) {
		fmt_s(r->msg, sizeof(r->msg), r->p == w ?
		    "${%.*s} is not set" : "%.*s: %.*s", (int)n, name,
		    r->p - w > 127 ? 127 : (int)(r->p - w), w);
		tmpl_err(r, line, col, r->msg);
	}
	r->p++;
}

/*
 * Text up to the end, or in a word (depth > 0) up to its '}': literal
 * runs go out whole, a '$' not before '{' or '$' with them.
 */
static void
tmpl_word(struct tmpl_run *r, int depth, int ev)
{
	const char *s, *q;

	while (r->stop == 0) {
		for (s = q = r->p; q < r->end; q++) {
			if (*q == '\n') {
				r->line++;
				r->bol = q + 1;
			} else if (*q == '}' && depth > 0)
				break;
			else if (*q == '$' && r->end - q > 1 &&
			    (q[1] == '{' || q[1] == '$'))
				break;
		}
		r->p = q;
		/* "$$": the first '$' goes out with the run */
		if (q < r->end && *q == '$' && q[1] == '$') {
			r->p += 2;
			q++;
		}
		if (ev)
			tmpl_put(r, s, (size_t)(q - s));
		if (r->stop || r->p == r->end)
			return;
		if (r->p != q)
			continue;
		if (*q == '}')
			return;
		tmpl_expr(r, depth, ev);
	}
}

int
tmpl_expand(const char *s, size_t len, const struct tmpl_ops *ops, void *ctx)
{
	const char *nul = memchr(s, '\0', len);
	struct tmpl_run r;

	/* member by member: an initializer would zero msg too */
	r.ops = ops;
	r.ctx = ctx;
	r.p = r.bol = s;
	r.end = nul != NULL ? nul : s + len;
	r.line = 1;
	r.nerr = r.stop = 0;

	tmpl_word(&r, 0, 1);
	if (r.stop < 0)
		return -1;
	if (nul != NULL && r.stop == 0)
		tmpl_err(&r, r.line, (unsigned)(nul - r.bol) + 1,
		    "binary input: NUL byte");
	return r.nerr;
}
