/* Line framing (see include/tend/linebuf.h); pure. */
#include <string.h>

#include "tend/linebuf.h"

char *
linebuf_space(struct linebuf *lb, size_t *room)
{
	*room = sizeof(lb->buf) - lb->len;
	return lb->buf + lb->len;
}

void
linebuf_commit(struct linebuf *lb, size_t n, linebuf_emit *emit, void *ctx)
{
	char *start = lb->buf, *end = lb->buf + lb->len + n, *nl;
	/* only the new bytes can hold a newline */
	char *scan = lb->buf + lb->len;

	while ((nl = memchr(scan, '\n', (size_t)(end - scan))) != NULL) {
		emit(ctx, start, (size_t)(nl - start), LINE_WHOLE);
		start = scan = nl + 1;
	}
	lb->len = (size_t)(end - start);
	if (lb->len > LINEBUF_MAX) {
		/* a byte past the bound and still no newline: cut */
		emit(ctx, start, LINEBUF_MAX, LINE_SPLIT);
		start += LINEBUF_MAX;
		lb->len -= LINEBUF_MAX;
	}
	if (start != lb->buf && lb->len > 0)
		memmove(lb->buf, start, lb->len);
}

size_t
linebuf_whole(const struct linebuf *lb, size_t n)
{
	size_t k = lb->len + n;

	/* back to the last '\n' of the new bytes: musl's memrchr, in place */
	while (k > lb->len && lb->buf[k - 1] != '\n')
		k--;
	return k > lb->len ? k : 0;
}

void
linebuf_consume(struct linebuf *lb, size_t n, size_t k, linebuf_emit *emit,
    void *ctx)
{
	size_t rest = lb->len + n - k;

	/* no newline is left in the rest: commit only checks the bound */
	memmove(lb->buf, lb->buf + k, rest);
	lb->len = 0;
	linebuf_commit(lb, rest, emit, ctx);
}

void
linebuf_flush(struct linebuf *lb, linebuf_emit *emit, void *ctx)
{
	if (lb->len == 0)
		return;
	emit(ctx, lb->buf, lb->len, LINE_PARTIAL);
	lb->len = 0;
}
