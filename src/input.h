/*
 * input.h: bytes to lines.  Reads a file or stdin in large blocks and hands out one line at
 * a time with its number, whatever the buffer edges; a gzip or zstd stream (told by its
 * magic bytes, not its name) is decompressed as it is read.  Knows nothing of what a line
 * means.
 * Memory is bounded: a line longer than INPUT_LINE_MAX is cut there and the rest of it is
 * skipped (input_cut_lines counts them).
 */
#ifndef PICKDOC_INPUT_H
#define PICKDOC_INPUT_H

#include <stddef.h>

#define INPUT_LINE_MAX (1u << 20)

struct input;

/* Opens PATH, or stdin when PATH is NULL or "-".  NULL with errno set on failure
 * (a directory gives EISDIR). */
struct input *input_open(const char *path);

/* Next line without its '\n' (a '\r' before it is kept for the cleaner).  The line is
 * borrowed until the next call.  Returns 1 for a line, 0 at end of input, -1 on a read
 * error or a corrupt compressed stream (input_error says which, and where), INPUT_WAIT
 * when following and the rest of the line has not come yet. */
int input_next(struct input *in, const char **line, size_t *len);
/* What the last -1 of input_next was, in words for a diagnostic. */
const char *input_error(const struct input *in);

/* The bytes read but not handed out yet (none while a cut line is being dropped), borrowed
 * until the next call: lets a reader pass over whole lines without having them split. */
size_t input_peek(const struct input *in, const char **bytes);
/* Drops the first N bytes input_peek showed, which end a line and hold LINES lines. */
void input_skip(struct input *in, size_t n, size_t lines);

size_t input_lineno(const struct input *in);     /* number of the last line returned */
const char *input_name(const struct input *in);  /* "<stdin>" or the path */
size_t input_cut_lines(const struct input *in);
/* Asks each read(2) for at most N bytes (N > 0) instead of a large block: tests use it to
 * put buffer edges anywhere in a line. */
void input_set_read_size(struct input *in, size_t n);
void input_close(struct input *in);

/* Following an input that grows (a pipe, a FIFO): from now on input_next never waits in
 * read(2) for the rest of a line only partly written; it returns INPUT_WAIT instead, and
 * input_wait waits for more. */
#define INPUT_WAIT 2
void input_follow(struct input *in);

/* Waits at most MS milliseconds (MS >= 0) for input_next to have something: returns 1
 * when a line is buffered, bytes arrived or the input ended, 0 when nothing came in time,
 * -1 on an error (errno set; EINTR when a signal came). */
int input_wait(struct input *in, int ms);

#endif
