/*
 * parse.h: lines to traceback records.  The parser knows the grammar CPython uses to print
 * exceptions (headers, frames, source and caret lines, elisions, chains, quoted remote
 * tracebacks, multi-line messages, notes) under whatever a log put in front of each line; it
 * knows nothing of what any exception means.
 */
#ifndef PICKDOC_PARSE_H
#define PICKDOC_PARSE_H

#include <stddef.h>
#include <time.h>

#include "record.h"

/* Bytes kept of a message, and of any other text (file, function, source, type, note):
 * no record holds more, so no pattern ever sees more of one text. */
#define PARSE_MESSAGE_MAX 65536
#define PARSE_TEXT_MAX 4096

/* Receives each finished record; the receiver owns it (record_free). */
typedef void (*parse_emit_fn)(struct tb_record *rec, void *arg);

/* Asked about an exception line seen outside any traceback ("Type: message" alone on a
 * line, as a logger prints it): nonzero makes it a record of its own.  NULL: never. */
typedef int (*parse_bare_fn)(const char *type, size_t type_len, const char *message,
			     size_t message_len, void *arg);

/* Asked about a line outside any record that starts none (prose, a title, a quote):
 * nonzero makes it a record of its own, a block without an exception line whose message is
 * the line (tb_exc.mentioned).  INFORMATIONAL: the line is a log record's at an
 * informational level (clean_informational), which mentions most failures in passing and
 * reports only those its library logs at that level.  Unset: never. */
typedef int (*parse_mention_fn)(const char *line, size_t len, int informational, void *arg);

struct parser;

struct parser *parser_new(const char *origin, parse_emit_fn emit, parse_bare_fn bare,
			  void *arg);
/* Lines that mention a message become records when MENTION says so (ARG as parser_new's). */
void parser_set_mention(struct parser *p, parse_mention_fn mention);
/* Every record carries the lines read just before it and its first line whole
 * (tb_record.near, nearby.h).  Feeds one raw input line (no '\n'); LINENO is its 1-based number in the input. */
void parser_line(struct parser *p, const char *line, size_t len, size_t lineno);
/* Lines at the start of an input that a reader must hand over all, quiet ones too: in them
 * the parser also starts records at lines no mark of scan.h shows (IPython's header and
 * frame lines, pytest's report, VS Code's exception: pasted forms, rare in a long log). */
#define PARSE_READ_ALL_LINES 4096
/* Whether no record is open and no lone exception line waits for the next line: then a
 * line past PARSE_READ_ALL_LINES that is nothing to the parser changes nothing and may be
 * left unread. */
int parser_idle(const struct parser *p);
/* The lines fed from now on were written at WRITTEN, as the log container that held them
 * says (0: it does not say). */
void parser_line_time(struct parser *p, time_t written);
/* Lines up to LINENO were left unread; LAST (LEN bytes, no '\n') is the last of them, whose
 * time a record starting on the next line may take. */
void parser_passed_over(struct parser *p, const char *last, size_t len, size_t lineno);
/* Ends the input: emits what is still open (marked truncated when it had no exception
 * line). */
void parser_finish(struct parser *p);
/* The input the lines come from from now on: records that start later carry ORIGIN (one
 * under way keeps the one it started in). */
void parser_set_origin(struct parser *p, const char *origin);
void parser_free(struct parser *p);

#endif
