/*
 * Line framing for the log relays: bytes in, whole lines out. Lines end at
 * '\n' (a '\r' before it stays part of the line, NUL bytes too); a line
 * longer than LINEBUF_MAX is cut at the bound, the pieces marked as split
 * (a line of exactly LINEBUF_MAX bytes is whole: the buffer holds one byte
 * more, to see whether the newline comes next); what is left without a
 * newline comes out on linebuf_flush.
 */
#ifndef TEND_LINEBUF_H
#define TEND_LINEBUF_H

#include <stddef.h>

#define LINEBUF_MAX	65536

enum line_kind {
	LINE_WHOLE,	/* ended by '\n' (not included) */
	LINE_SPLIT,	/* cut at LINEBUF_MAX: the line goes on */
	LINE_PARTIAL,	/* flushed without '\n' (writer gone, shutdown) */
};

typedef void linebuf_emit(void *ctx, const char *line, size_t n,
    enum line_kind kind);

struct linebuf {
	size_t	len;			/* bytes held, no '\n' among them */
	char	buf[LINEBUF_MAX + 1];
};

/* Where to put new bytes (read(2) straight in) and how many fit (> 0). */
char	*linebuf_space(struct linebuf *lb, size_t *room);

/* n bytes were put at linebuf_space(): emit every line they complete. */
void	linebuf_commit(struct linebuf *lb, size_t n, linebuf_emit *emit,
	    void *ctx);

/*
 * For a pass-through writer: n bytes were put at linebuf_space(); the
 * length of the whole lines held now (up to the last '\n', included), 0
 * if there is none.
 */
size_t	linebuf_whole(const struct linebuf *lb, size_t n);

/*
 * Those k bytes (from linebuf_whole) went out as they are: drop them and
 * commit what is left of the n new bytes.
 */
void	linebuf_consume(struct linebuf *lb, size_t n, size_t k,
	    linebuf_emit *emit, void *ctx);

/* Emit what is held as a partial line, if anything. */
void	linebuf_flush(struct linebuf *lb, linebuf_emit *emit, void *ctx);

#endif
