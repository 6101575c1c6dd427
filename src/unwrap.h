/*
 * unwrap.h: physical lines to logical lines.  Decodes the containers log systems put a
 * program's lines in: a JSON object per line (Docker's json-file, journalctl -o json, JSON
 * loggers), rsyslog's "#012" escapes, a text logged as one line with literal "\n" escapes.
 * Knows JSON, syslog and string escapes; nothing of what the lines it hands out mean.
 */
#ifndef PICKDOC_UNWRAP_H
#define PICKDOC_UNWRAP_H

#include <stddef.h>
#include <time.h>

enum unwrap_format {
	UNWRAP_AUTO,             /* each line decoded as what it looks like (the default) */
	UNWRAP_TEXT,             /* lines as they are */
	UNWRAP_JSON,             /* JSON objects decoded; other lines as they are */
	UNWRAP_SYSLOG,           /* "#ooo" octal escapes decoded, "#012" splits */
	UNWRAP_ESCAPED,          /* "\n", "\t", "\\", "\"" and "\'" decoded, "\n" splits */
};

struct unwrap;

struct unwrap *unwrap_new(enum unwrap_format format);
void unwrap_free(struct unwrap *u);

/* Takes the next physical line.  LINE is borrowed: it must stay valid until unwrap_next has
 * returned 0 for it. */
void unwrap_line(struct unwrap *u, const char *line, size_t len);

/* The next logical line held by the last physical line, without a '\n', borrowed until the
 * next call: returns 1, or 0 when there is no more.  A line that is no container comes out
 * as it went in, without being copied. */
int unwrap_next(struct unwrap *u, const char **line, size_t *len);

/* When the container entry of the last physical line says it was written (Docker's
 * "time", journald's __REALTIME_TIMESTAMP, a JSON logger's "timestamp"...), in seconds
 * since the epoch; 0 when the line was no such entry or its entry does not say. */
time_t unwrap_time(const struct unwrap *u);

/* Ends the input: a line held while waiting for its end (a Docker line split into parts
 * whose last part never came) is handed out by unwrap_next. */
void unwrap_end(struct unwrap *u);

/* The format named NAME ("auto", "text", "json", "syslog" or "escaped"): 0, or -1. */
int unwrap_format_parse(const char *name, enum unwrap_format *format);

#endif
