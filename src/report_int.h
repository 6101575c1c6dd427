/*
 * report_int.h: what the reporters share, for report*.c and their unit test only.  The
 * reporter table lives in report.c; each format is one reporter in its own file.  The
 * helpers here decide what is shown and in which order, so that the formats agree; how
 * it looks is each reporter's business.
 */
#ifndef PICKDOC_REPORT_INT_H
#define PICKDOC_REPORT_INT_H

#include <stdio.h>
#include <time.h>

#include <jansson.h>

#include "report.h"
#include "util.h"

struct reporter {
	int (*findings)(FILE *out, const struct report_input *in, const struct report_opts *opts);
	int (*playbook)(FILE *out, const struct kb_playbook *pb, const struct report_opts *opts);
	/* A run that reports as it goes (report.h); NULL: the format writes nothing then,
	 * and its whole report at the end. */
	int (*now_finding)(FILE *out, const struct finding *fd, int repeat,
			   const struct report_labels *labels, const struct report_opts *opts);
	int (*now_unmatched)(FILE *out, const struct unmatched *u,
			     const struct report_labels *labels, const struct report_opts *opts);
	int (*end)(FILE *out, const struct report_input *in, const struct report_opts *opts);
};

extern const struct reporter report_text;
extern const struct reporter report_json;
extern const struct reporter report_md;
extern const struct reporter report_ndjson;

/* "2024-05-01T12:00:00Z" for T into B; nothing when T is 0 (unknown). */
void report_time(time_t t, struct buf *b);

/* The hosts that saw finding I of IN into B ("a, b (first on a)"); 0 when IN is not a
 * merged report. */
int report_seen_by(const struct report_input *in, size_t i, struct buf *b);

/* Bytes of S up to its first newline; sets *MORE when lines follow. */
size_t report_first_line(const char *s, int *more);

/* The evidence worth showing, most useful first, borrowed from FD into a new array the
 * caller frees; *N is its length.  The user frame is represented by its "user_file" fact
 * alone (see report_user_frame); facts the exception line already shows are left out. */
const struct fact **report_evidence(const struct finding *fd, size_t *n);

/* "FILE:LINE in FUNC" of the user frame into B; returns 0 when there is none. */
int report_user_frame(const struct finding *fd, struct buf *b);

/* For a step of the path the log answered, what set its fact ("knowledge/x.yaml:12: the
 * rule's because"), borrowed from FD; NULL when unanswered or answered by the person.  It is
 * printed with the step so that a conclusion shows the rules that produced it. */
const char *report_answer_source(const struct finding *fd, const struct tree_step *s);

/* The first question of the walked path that the facts did not answer, or NULL. */
const struct kb_question *report_next_question(const struct finding *fd);

/* What the parser left out of a finding's traceback to stay within its bounds. */
struct report_cut {
	size_t frames;                   /* frames of the middle of a long block */
	size_t blocks;                   /* exceptions of the middle of a long chain */
	size_t bytes;                    /* the ends of texts longer than it keeps */
};

/* Fills *CUT for FD and, when B is not NULL, says it in words into B ("1000 frames and
 * 12 bytes of text").  Returns 0 when nothing was left out. */
int report_truncation(const struct finding *fd, struct report_cut *cut, struct buf *b);

/* The closing summary, "2 failures diagnosed (1 primary, 1 secondary), ...", into B. */
void report_summary(const struct report_input *in, struct buf *b);

/* Length of the well-formed UTF-8 character at S (N > 0 bytes left), or 0 for a byte that
 * starts none. */
size_t report_utf8_len(const char *s, size_t n);

/* Writes N bytes of log or knowledge-base text so that none of it acts on a terminal:
 * control characters (C0 but tab, DEL, C1), bidirectional controls, line and paragraph
 * separators and bytes that are no UTF-8 are shown as "\xHH" (a byte) or "\uHHHH" (a
 * character).  Newlines too, unless KEEP_NEWLINES. */
void report_put_safe(FILE *out, const char *s, size_t n, int keep_newlines);

/* A JSON string from LEN bytes of text that may hold invalid UTF-8 or NUL bytes: invalid
 * sequences become U+FFFD, NUL stays a character (\u0000).  NULL gives JSON null. */
json_t *report_json_text(const char *s, size_t len);

#endif
