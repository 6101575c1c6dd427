/*
 * msg.c: the one diagnostic printer.  Knows the "pickdoc: file:line:col: level: text" form
 * and counts by level; knows nothing of who reports what.
 */
#include "msg.h"

#include <stdarg.h>
#include <string.h>

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

static void vmsg(enum msg_level level, const char *file, unsigned line, unsigned col,
		 const char *fmt, va_list ap)
{
	FILE *out = stream();

	fputs("pickdoc: ", out);
	if (file) {
		fputs(file, out);
		if (line)
			fprintf(out, ":%u", line);
		if (line && col)
			fprintf(out, ":%u", col);
		fputs(": ", out);
	}
	if (level != MSG_ERROR || file)
		fprintf(out, "%s: ", level_names[level]);
	vfprintf(out, fmt, ap);
	fputc('\n', out);
	fflush(out);
	msg_counts[level]++;
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
	size_t len = strcspn(text, "\n");

	fprintf(out, "    %.*s\n    ", (int)len, text);
	for (size_t i = 0; i < offset && i < len; i++)
		fputc(text[i] == '\t' ? '\t' : ' ', out);
	fputs("^\n", out);
}

size_t msg_count(enum msg_level level)
{
	return msg_counts[level];
}

void msg_reset(void)
{
	memset(msg_counts, 0, sizeof msg_counts);
}
