/*
 * input.c: bytes to lines.  Reads a file or stdin with read(2) in large blocks into one
 * buffer, splits it with memchr, and carries a partial line over to the next block; a line
 * longer than INPUT_LINE_MAX is handed out cut and the rest of it skipped, so memory stays
 * bounded whatever the input: the buffer grows with the reads asked for and the longest
 * line, up to INPUT_LINE_MAX + READ_BLOCK.  A gzip or zstd stream, told by its first bytes,
 * is inflated block by block on the way in.  Knows nothing of what a line means.
 */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#include "util.h"

#define READ_BLOCK (256u << 10)
#define BUF_FIRST (16u << 10)      /* what a short input costs */
#define BUF_MAX (INPUT_LINE_MAX + READ_BLOCK)
#define ZBLOCK (64u << 10)         /* compressed bytes read at once */
#define MAGIC_LEN 6
/* The largest zstd window pickdoc decompresses with (2^23, 8 MiB: what zstd's levels up to
 * 19 use), so that a stream made with --long=31 cannot make it hold 2 GiB. */
#define ZSTD_WINDOW_LOG_MAX 23

enum codec { CODEC_NONE, CODEC_GZIP, CODEC_ZSTD };

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
	int probed;              /* the first bytes were looked at for a compression magic */
	int follow;              /* read only what is there (input_follow) */
	char error[160];         /* what the last -1 of input_next was */

	/* A compressed input: the file's bytes wait in zbuf until inflated into buf. */
	enum codec codec;
	unsigned char *zbuf;     /* ZBLOCK bytes; zbuf[zstart..zend) not inflated yet */
	size_t zstart, zend;
	int zeof;
	int in_stream;           /* inside a gzip member or zstd frame */
	uint64_t zconsumed;      /* compressed bytes inflated so far, for errors */
	z_stream gz;
	int gz_ready;
	ZSTD_DCtx *zstd;
	uint64_t zstd_window;    /* the window the first frame's header asks for; 0: unknown */
};

struct input *input_open(const char *path)
{
	int fd = 0, own = 0;
	size_t read_size = READ_BLOCK;

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
		/* A small file is read in one go, into a buffer no larger than it needs. */
		if (S_ISREG(st.st_mode) && st.st_size >= 0 && (size_t)st.st_size < READ_BLOCK)
			read_size = (size_t)st.st_size + 1 < BUF_FIRST ? BUF_FIRST
								    : (size_t)st.st_size + 1;
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
	in->read_size = read_size;
	return in;
}

void input_set_read_size(struct input *in, size_t n)
{
	in->read_size = n && n < READ_BLOCK ? n : READ_BLOCK;
}

/* read(2) of at most N bytes, again after a signal: >0 bytes, 0 at end of file, -1. */
static ssize_t read_some(int fd, void *dst, size_t n)
{
	for (;;) {
		ssize_t got = read(fd, dst, n);

		if (got >= 0 || errno != EINTR)
			return got;
	}
}

/* Following, a read is made only when there is something to read: a caller is told to
 * wait (input_wait) rather than be stuck in read(2) while a line is half written, deaf to
 * its quiet period and its signals. */
static int nothing_to_read(const struct input *in)
{
	struct pollfd pfd = { .fd = in->fd, .events = POLLIN };

	return in->follow && poll(&pfd, 1, 0) == 0;
}

static int read_failed(struct input *in)
{
	snprintf(in->error, sizeof in->error, "%s", strerror(errno));
	return -1;
}

/* A compressed stream that cannot be inflated: says what and where, as input_error. */
static ssize_t corrupt(struct input *in, const char *what)
{
	snprintf(in->error, sizeof in->error, "corrupt %s data near byte %llu of the file: %s",
		 in->codec == CODEC_GZIP ? "gzip" : "zstd", (unsigned long long)in->zconsumed,
		 what);
	errno = EIO;
	return -1;
}

/* Moves the compressed bytes not inflated yet to the front of zbuf and reads more behind
 * them; sets zeof at the end of the file.  -1 on a read error. */
static int zfill(struct input *in)
{
	size_t keep = in->zend - in->zstart;
	size_t room = ZBLOCK - keep;

	memmove(in->zbuf, in->zbuf + in->zstart, keep);
	in->zstart = 0;
	in->zend = keep;
	if (!room)
		return 0;
	ssize_t got = read_some(in->fd, in->zbuf + keep, room < in->read_size ? room : in->read_size);
	if (got < 0)
		return read_failed(in);
	if (got == 0)
		in->zeof = 1;
	in->zend += (size_t)got;
	return 0;
}

/* Inflates what it can of zbuf into DST (N bytes): the number of bytes made, which may be
 * 0 when more compressed bytes are needed first, or -1. */
static ssize_t inflate_step(struct input *in, char *dst, size_t n)
{
	size_t avail = in->zend - in->zstart, made, used;

	if (in->codec == CODEC_GZIP) {
		/* Each gzip member ends the deflate stream: concatenated members (as cat and
		 * log rotators make them) start over, but only on gzip's own magic.  Zero
		 * bytes after a member are padding (tape blocks, some rotators), as for
		 * gzip -d. */
		if (!in->in_stream) {
			size_t zeros = 0;
			while (zeros < avail && !in->zbuf[in->zstart + zeros])
				zeros++;
			if (zeros) {
				in->zstart += zeros;
				in->zconsumed += zeros;
				return 0;
			}
			if (avail < 2 && !in->zeof)
				return 0;
			if (avail < 2 || in->zbuf[in->zstart] != 0x1f ||
			    in->zbuf[in->zstart + 1] != 0x8b)
				return corrupt(in, "trailing bytes that are no gzip member");
			inflateReset(&in->gz);
			in->in_stream = 1;
		}
		in->gz.next_in = in->zbuf + in->zstart;
		in->gz.avail_in = (uInt)avail;
		in->gz.next_out = (Bytef *)dst;
		in->gz.avail_out = (uInt)n;
		int rc = inflate(&in->gz, Z_NO_FLUSH);
		used = avail - in->gz.avail_in;
		made = n - in->gz.avail_out;
		if (rc == Z_STREAM_END)
			in->in_stream = 0;
		else if (rc != Z_OK && rc != Z_BUF_ERROR)
			return corrupt(in, in->gz.msg ? in->gz.msg : "inflate failed");
	} else {
		ZSTD_inBuffer zin = { in->zbuf + in->zstart, avail, 0 };
		ZSTD_outBuffer zout = { dst, n, 0 };
		size_t rc = ZSTD_decompressStream(in->zstd, &zout, &zin);

		if (ZSTD_isError(rc) &&
		    ZSTD_getErrorCode(rc) == ZSTD_error_frameParameter_windowTooLarge) {
			snprintf(in->error, sizeof in->error, "this zstd stream needs a window of "
				 "%llu MiB, more than pickdoc allows (%u MiB): decompress it first",
				 (unsigned long long)((in->zstd_window + (1u << 20) - 1) >> 20),
				 1u << (ZSTD_WINDOW_LOG_MAX - 20));
			return -1;
		}
		if (ZSTD_isError(rc))
			return corrupt(in, ZSTD_getErrorName(rc));
		in->in_stream = rc != 0;      /* 0: a frame ended and all of it is out */
		used = zin.pos;
		made = zout.pos;
	}
	in->zstart += used;
	in->zconsumed += used;
	return (ssize_t)made;
}

/* Up to N bytes of the input's text into DST: >0 bytes, 0 at its end, -1. */
static ssize_t source_read(struct input *in, char *dst, size_t n)
{
	if (in->codec == CODEC_NONE) {
		ssize_t got = read_some(in->fd, dst, n);

		return got < 0 ? read_failed(in) : got;
	}
	for (;;) {
		if (in->zstart == in->zend && !in->zeof && zfill(in) < 0)
			return -1;
		if (in->zstart == in->zend && in->zeof)
			return in->in_stream ? corrupt(in, "the file ends inside the stream") : 0;
		size_t before = in->zstart;
		ssize_t made = inflate_step(in, dst, n);
		if (made != 0)
			return made;
		if (in->zeof && in->zstart == before)
			return corrupt(in, "the file ends inside the stream");
		if (!in->zeof && zfill(in) < 0)
			return -1;
	}
}

/* The window a zstd frame whose header starts BUF (LEN bytes) asks for (RFC 8878,
 * 3.1.1.1.2): its window descriptor, or 0 when the header has none (a single segment's
 * window is its content size; such a frame is small or says so when it is not). */
static uint64_t zstd_window(const char *buf, size_t len)
{
	if (len < 6 || (buf[4] & 0x20))
		return 0;
	unsigned char wd = (unsigned char)buf[5];
	uint64_t base = (uint64_t)1 << (10 + (wd >> 3));

	return base + base / 8 * (wd & 7);
}

static int magic_is(const char *buf, size_t len, const char *magic, size_t mlen)
{
	return len >= mlen && memcmp(buf, magic, mlen) == 0;
}

/* Reads the first bytes and looks for a compression magic: when there is one, those bytes
 * move to zbuf and the decompressor is set up; otherwise they are the first text. */
static int probe(struct input *in)
{
	while (in->end < MAGIC_LEN && !in->eof) {
		size_t room = in->cap - in->end;
		if (nothing_to_read(in))
			return INPUT_WAIT;
		ssize_t got = read_some(in->fd, in->buf + in->end,
					room < in->read_size ? room : in->read_size);

		if (got < 0)
			return read_failed(in);
		if (got == 0)
			in->eof = 1;
		in->end += (size_t)got;
	}
	in->probed = 1;
	if (magic_is(in->buf, in->end, "\x1f\x8b", 2)) {
		if (inflateInit2(&in->gz, 15 + 16) != Z_OK) {
			snprintf(in->error, sizeof in->error, "cannot start gzip decompression");
			return -1;
		}
		in->gz_ready = 1;
		in->codec = CODEC_GZIP;
	} else if (magic_is(in->buf, in->end, "\x28\xb5\x2f\xfd", 4)) {
		in->zstd = ZSTD_createDCtx();
		if (!in->zstd || ZSTD_isError(ZSTD_DCtx_setParameter(in->zstd, ZSTD_d_windowLogMax,
								     ZSTD_WINDOW_LOG_MAX))) {
			snprintf(in->error, sizeof in->error, "cannot start zstd decompression");
			return -1;
		}
		in->zstd_window = zstd_window(in->buf, in->end);
		in->codec = CODEC_ZSTD;
	} else {
		return 0;
	}
	in->zbuf = xmalloc(ZBLOCK);
	memcpy(in->zbuf, in->buf, in->end);
	in->zend = in->end;
	in->zeof = in->eof;
	in->end = in->scanned = 0;
	in->eof = 0;
	return 0;
}

/* Reads the next block after what is buffered, first moving the unread bytes to the front
 * when the room behind them is short, and growing the buffer while it still is (the unread
 * bytes are less than INPUT_LINE_MAX, so BUF_MAX always has room).  -1 on a read error,
 * INPUT_WAIT when following and nothing is there to read.  (A compressed stream that is
 * followed may still wait in read(2) for the rest of a compressed block.) */
static int fill(struct input *in)
{
	if (!in->probed)
		return probe(in);
	if ((in->codec == CODEC_NONE || (in->zstart == in->zend && !in->zeof)) &&
	    nothing_to_read(in))
		return INPUT_WAIT;
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
	ssize_t got = source_read(in, in->buf + in->end, in->read_size);
	if (got < 0)
		return -1;
	if (got == 0)
		in->eof = 1;
	in->end += (size_t)got;
	return 0;
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
		int filled = fill(in);
		if (filled != 0)
			return filled;
	}
}

int input_next(struct input *in, const char **line, size_t *len)
{
	if (in->skipping) {
		int found = skip_rest(in);

		if (found != 1)
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
		int filled = fill(in);
		if (filled != 0)
			return filled;
	}
}

size_t input_peek(const struct input *in, const char **bytes)
{
	*bytes = in->buf + in->start;
	return in->skipping ? 0 : in->end - in->start;
}

void input_skip(struct input *in, size_t n, size_t lines)
{
	in->start += n;
	if (in->scanned < in->start)
		in->scanned = in->start;
	in->lineno += lines;
}

size_t input_lineno(const struct input *in)
{
	return in->lineno;
}

const char *input_name(const struct input *in)
{
	return in->name;
}

const char *input_error(const struct input *in)
{
	return in->error[0] ? in->error : "no error";
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
	if (in->gz_ready)
		inflateEnd(&in->gz);
	ZSTD_freeDCtx(in->zstd);
	free(in->zbuf);
	free(in->name);
	free(in->buf);
	free(in);
}

void input_follow(struct input *in)
{
	in->follow = 1;
}

int input_wait(struct input *in, int ms)
{
	struct pollfd pfd = { .fd = in->fd, .events = POLLIN };

	if (in->eof || in->skipping || memchr(in->buf + in->scanned, '\n', in->end - in->scanned))
		return 1;
	/* compressed bytes already read may hold lines not inflated yet */
	if (in->codec != CODEC_NONE && (in->zstart < in->zend || in->zeof))
		return 1;
	int n = poll(&pfd, 1, ms);
	if (n < 0 && errno != EINTR)
		snprintf(in->error, sizeof in->error, "cannot wait for input: %s", strerror(errno));
	return n < 0 ? -1 : n > 0;
}
