/*
 * msg.h: every diagnostic pickdoc prints goes through here, one line each on stderr:
 *   pickdoc: FILE:LINE:COL: error: text
 * with 1-based positions (omitted when unknown), git-style wording (lower case, no full
 * stop, names in quotes).  Characters a terminal would act on (controls, escape sequences,
 * bytes that are no UTF-8) are written escaped, as the reports write them, wherever they
 * occur: a file name or a pattern comes from the user.  Counts what it printed so callers
 * can decide the exit status.
 */
#ifndef PICKDOC_MSG_H
#define PICKDOC_MSG_H

#include <stddef.h>
#include <stdio.h>

enum msg_level { MSG_NOTE, MSG_WARNING, MSG_ERROR };

#if defined(__GNUC__)
#define MSG_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define MSG_PRINTF(a, b)
#endif

/* FILE may be NULL (no position); LINE and COL 0 when unknown. */
void msg(enum msg_level level, const char *file, unsigned line, unsigned col,
	 const char *fmt, ...) MSG_PRINTF(5, 6);

/* Shows TEXT's first line, escaped, and a caret under the character at byte OFFSET (after
 * an error about it). */
void msg_caret(const char *text, size_t offset);

/* "pickdoc: text" for errors with no position. */
void msg_plain(enum msg_level level, const char *fmt, ...) MSG_PRINTF(2, 3);

size_t msg_count(enum msg_level level);
void msg_reset(void);
/* Where diagnostics go (stderr by default); tests point it at a memory stream. */
void msg_set_stream(FILE *out);

#endif
