/*
 * report.h: renders the findings of one run, or of reports merged from many hosts, in
 * text, JSON, Markdown or ndjson: all at the end, or each finding as soon as the run has
 * it.  Reporters read findings and the knowledge base; they match nothing and decide
 * nothing.
 */
#ifndef PICKDOC_REPORT_H
#define PICKDOC_REPORT_H

#include <stdio.h>

#include "finding.h"
#include "kb.h"

enum report_format { REPORT_TEXT, REPORT_JSON, REPORT_MARKDOWN, REPORT_NDJSON };

/* A traceback no playbook matched. */
struct unmatched {
	char *exception;
	char *message;
	char *origin;
	size_t first_line;
	size_t occurrences;
	char *user_frame;        /* "file:line in func" of the user's frame, or NULL */
	char *user_source;       /* its source line, or NULL */
	int in_worker;           /* the exception was raised in another process and carried
				    back (a RemoteTraceback): the task's own error */
};

/* Which hosts saw a finding, in a report merged from many (pickdoc --merge). */
struct report_hosts {
	const char *first;               /* the host of the earliest occurrence */
	const char *const *names;        /* every host that saw it, in the order met */
	size_t n;
};

/* The tags of a report (--label), "KEY=VALUE" each; a later KEY replaces an earlier. */
struct report_labels {
	const char *const *v;
	size_t n;
};

struct report_input {
	struct finding *const *findings; /* primaries first, in order of first appearance */
	size_t nfindings;
	const struct unmatched *unmatched;
	size_t nunmatched;
	const struct report_hosts *hosts; /* per finding, as FINDINGS; NULL unless merged */
	const struct report_labels *labels; /* NULL: none */
};

struct report_opts {
	enum report_format format;
	int color;                       /* escape sequences allowed */
	int brief;                       /* one line per finding */
	int full;                        /* text: every section, not the short form */
	const char *more;                /* text, short form: the closing line saying how to
					    get the rest; NULL: pickdoc's --full and --show */
};

/* Writes the report to OUT; returns 0, or -1 when writing failed. */
int report_write(FILE *out, const struct report_input *in, const struct report_opts *opts);

/* A run that reports as it goes (--follow): FD as soon as its traceback is complete,
 * or again, REPEAT nonzero, when its count grew; U when an undiagnosed traceback is first
 * seen; and at the end what the run saw.  LABELS may be NULL.  Each format decides what it writes when: text
 * and Markdown write each finding at once and a summary with the counts at the end,
 * ndjson one line per event, JSON its whole report at the end.  Each returns 0, or -1
 * when writing failed; each flushes OUT. */
int report_now_finding(FILE *out, const struct finding *fd, int repeat,
		       const struct report_labels *labels, const struct report_opts *opts);
int report_now_unmatched(FILE *out, const struct unmatched *u,
			 const struct report_labels *labels, const struct report_opts *opts);
int report_end(FILE *out, const struct report_input *in, const struct report_opts *opts);

/* One playbook in full (--show), in the given format. */
int report_playbook(FILE *out, const struct kb_playbook *pb, const struct report_opts *opts);

/* One line per playbook of KB, its id and title (--list); 0, or -1 when writing failed. */
int report_list(FILE *out, const struct kb *kb);

#endif
