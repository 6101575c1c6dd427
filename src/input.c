/*
 * input.c: bytes to lines.  Reads a file or stdin with read(2) in large blocks into one
 * buffer, splits it with memchr, and carries a partial line over to the next block; a line
 * longer than INPUT_LINE_MAX is handed out cut and the rest of it skipped, so memory stays
 * bounded whatever the input: the buffer grows with the reads asked for and the longest
 * line, up to INPUT_LINE_MAX + READ_BLOCK.  Knows nothing of what a line means.
 */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#define READ_BLOCK (256u << 10)
#define BUF_FIRST (16u << 10)      /* what a short input costs */
#define BUF_MAX (INPUT_LINE_MAX + READ_BLOCK)

struct input {
	int fd;
	int own_fd;
	char *name;
	char *buf;               /* CAP bytes, at most BUF_MAX */
	size_t cap;
	size_t start, end;       /* bytes not handed out yet: buf[start..end) */
	size_t scanned;          /* buf[start..scanned) has no '\n' */
	size_t read_size;
	size_t lineno;
	size_t cut_lines;
	int eof;
	int skipping;            /* dropping the rest of a cut line */
};

struct input *input_open(const char *path)
{
	int fd = 0, own = 0;

	if (path && strcmp(path, "-") != 0) {
		struct stat st;

		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return NULL;
		if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
			close(fd);
			errno = EISDIR;
			return NULL;
		}
#ifdef POSIX_FADV_SEQUENTIAL
		posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
		own = 1;
	}
	struct input *in = xcalloc(1, sizeof *in);
	in->fd = fd;
	in->own_fd = own;
	in->name = xstrdup(own ? path : "<stdin>");
	in->cap = BUF_FIRST;
	in->buf = xmalloc(in->cap);
	in->read_size = READ_BLOCK;
	return in;
}

void input_set_read_size(struct input *in, size_t n)
{
	in->read_size = n && n < READ_BLOCK ? n : READ_BLOCK;
}

/* Reads the next block after what is buffered, first moving the unread bytes to the front
 * when the room behind them is short, and growing the buffer while it still is (the unread
 * bytes are less than INPUT_LINE_MAX, so BUF_MAX always has room).  -1 on a read error. */
static int fill(struct input *in)
{
	if (in->cap - in->end < in->read_size) {
		size_t keep = in->end - in->start;

		memmove(in->buf, in->buf + in->start, keep);
		in->scanned -= in->start;
		in->start = 0;
		in->end = keep;
		while (in->cap - in->end < in->read_size) {
			in->cap = in->cap * 2 < BUF_MAX ? in->cap * 2 : BUF_MAX;
			in->buf = xrealloc(in->buf, in->cap);
		}
	}
	for (;;) {
		ssize_t got = read(in->fd, in->buf + in->end, in->read_size);

		if (got > 0) {
			in->end += (size_t)got;
			return 0;
		}
		if (got == 0) {
			in->eof = 1;
			return 0;
		}
		if (errno != EINTR)
			return -1;
	}
}

/* Drops bytes up to and including the next '\n'; 1 when it was found, 0 at end of input. */
static int skip_rest(struct input *in)
{
	for (;;) {
		char *nl = memchr(in->buf + in->start, '\n', in->end - in->start);

		if (nl) {
			in->start = in->scanned = (size_t)(nl - in->buf) + 1;
			in->skipping = 0;
			return 1;
		}
		in->start = in->end = in->scanned = 0;
		if (in->eof)
			return 0;
		if (fill(in) < 0)
			return -1;
	}
}

int input_next(struct input *in, const char **line, size_t *len)
{
	if (in->skipping) {
		int found = skip_rest(in);

		if (found <= 0)
			return found;
	}
	for (;;) {
		char *nl = memchr(in->buf + in->scanned, '\n', in->end - in->scanned);

		if (nl) {
			*line = in->buf + in->start;
			*len = (size_t)(nl - *line);
			in->start = in->scanned = (size_t)(nl - in->buf) + 1;
			in->lineno++;
			return 1;
		}
		in->scanned = in->end;
		if (in->end - in->start >= INPUT_LINE_MAX) {
			*line = in->buf + in->start;
			*len = INPUT_LINE_MAX;
			in->start += INPUT_LINE_MAX;
			in->scanned = in->start;
			in->skipping = 1;
			in->cut_lines++;
			in->lineno++;
			return 1;
		}
		if (in->eof) {
			if (in->end == in->start)
				return 0;
			*line = in->buf + in->start;
			*len = in->end - in->start;
			in->start = in->scanned = in->end;
			in->lineno++;
			return 1;
		}
		if (fill(in) < 0)
			return -1;
	}
}

size_t input_lineno(const struct input *in)
{
	return in->lineno;
}

const char *input_name(const struct input *in)
{
	return in->name;
}

size_t input_cut_lines(const struct input *in)
{
	return in->cut_lines;
}

void input_close(struct input *in)
{
	if (!in)
		return;
	if (in->own_fd)
		close(in->fd);
	free(in->name);
	free(in->buf);
	free(in);
}
