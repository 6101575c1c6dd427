/*
 * msg.c: the one diagnostic printer.  Knows the "pickdoc: file:line:col: level: text" form,
 * counts by level, and escapes what a terminal would act on, since file names, patterns and
 * other text from a user's files end up in messages; knows nothing of who reports what.
 */
#include "msg.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "util.h"

static FILE *msg_stream;
static size_t msg_counts[MSG_ERROR + 1];

static const char *const level_names[] = { "note", "warning", "error" };

void msg_set_stream(FILE *out)
{
	msg_stream = out;
}

static FILE *stream(void)
{
	return msg_stream ? msg_stream : stderr;
}

/* Writes the character at S (N > 0 bytes left; its length in *LEN), escaped as the reports
 * escape it ("\x1b", "\u202e") when a terminal would act on it, and returns the columns it
 * took (one for a character shown as it is: close enough for a caret, wide ones aside). */
static size_t put_char(FILE *out, const char *s, size_t n, size_t *len)
{
	unsigned long cp;
	int shown;

	*len = clean_char(s, n, &cp, &shown);
	if (shown) {
		fwrite(s, 1, *len, out);
		return 1;
	}
	return clean_put_escape(out, s, *len, cp);
}

static void put_safe(FILE *out, const char *s, size_t n)
{
	size_t len;

	for (size_t i = 0; i < n; i += len)
		put_char(out, s + i, n - i, &len);
}

static void vmsg(enum msg_level level, const char *file, unsigned line, unsigned col,
		 const char *fmt, va_list ap)
{
	FILE *out = stream();
	char *text = NULL;
	size_t len = 0;
	va_list copy;

	/* Formatted first, so that text quoted from a user's file is escaped with the rest. */
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n > 0) {
		text = xmalloc((size_t)n + 1);
		vsnprintf(text, (size_t)n + 1, fmt, ap);
		len = (size_t)n;
	}

	fputs("pickdoc: ", out);
	if (file) {
		put_safe(out, file, strlen(file));
		if (line)
			fprintf(out, ":%u", line);
		if (line && col)
			fprintf(out, ":%u", col);
		fputs(": ", out);
	}
	if (level != MSG_ERROR || file)
		fprintf(out, "%s: ", level_names[level]);
	put_safe(out, text, len);
	fputc('\n', out);
	fflush(out);
	msg_counts[level]++;
	free(text);
}

void msg(enum msg_level level, const char *file, unsigned line, unsigned col,
	 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(level, file, line, col, fmt, ap);
	va_end(ap);
}

void msg_plain(enum msg_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(level, NULL, 0, 0, fmt, ap);
	va_end(ap);
}

void msg_caret(const char *text, size_t offset)
{
	FILE *out = stream();
	size_t n = strcspn(text, "\n");
	struct buf pad = { 0 };
	size_t len;

	/* The caret goes under the character at OFFSET as it was written, escapes included;
	 * tabs are copied so that the terminal lines both rows up the same way. */
	buf_adds(&pad, "    ");
	fputs("    ", out);
	for (size_t i = 0; i < n; i += len) {
		size_t cols = put_char(out, text + i, n - i, &len);
		for (size_t c = 0; i < offset && c < cols; c++)
			buf_addc(&pad, text[i] == '\t' ? '\t' : ' ');
	}
	fputc('\n', out);
	fputs(pad.s, out);
	fputs("^\n", out);
	fflush(out);
	buf_fini(&pad);
}

size_t msg_count(enum msg_level level)
{
	return msg_counts[level];
}

void msg_reset(void)
{
	memset(msg_counts, 0, sizeof msg_counts);
}
