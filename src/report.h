/*
 * report.h: renders the findings of one run in text, JSON or Markdown.  Reporters read
 * findings and the knowledge base; they match nothing and decide nothing.
 */
#ifndef PICKDOC_REPORT_H
#define PICKDOC_REPORT_H

#include <stdio.h>

#include "finding.h"
#include "kb.h"

enum report_format { REPORT_TEXT, REPORT_JSON, REPORT_MARKDOWN };

/* A traceback no playbook matched. */
struct unmatched {
	char *exception;
	char *message;
	char *origin;
	size_t first_line;
	size_t occurrences;
};

struct report_input {
	struct finding *const *findings; /* primaries first, in order of first appearance */
	size_t nfindings;
	const struct unmatched *unmatched;
	size_t nunmatched;
};

struct report_opts {
	enum report_format format;
	int color;                       /* escape sequences allowed */
	int brief;                       /* one line per finding */
};

/* Writes the report to OUT; returns 0, or -1 when writing failed. */
int report_write(FILE *out, const struct report_input *in, const struct report_opts *opts);

/* One playbook in full (--show), in the given format. */
int report_playbook(FILE *out, const struct kb_playbook *pb, const struct report_opts *opts);

/* One line per playbook of KB, its id and title (--list); 0, or -1 when writing failed. */
int report_list(FILE *out, const struct kb *kb);

#endif
