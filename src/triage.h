/*
 * triage.h: one run of the pipeline over any number of inputs: read, parse, match, collect
 * evidence, infer, group.  What main and the knowledge-base linter call; knows the order of
 * the stages, none of their insides.
 */
#ifndef PICKDOC_TRIAGE_H
#define PICKDOC_TRIAGE_H

#include <stddef.h>
#include <stdio.h>

#include "kb.h"
#include "regex.h"
#include "report.h"

struct triage;

/* KB and RC are borrowed and must outlive the triage. */
struct triage *triage_new(const struct kb *kb, struct regex_cache *rc);
/* Reads PATH (stdin when NULL or "-").  Returns 0, or -1 when it could not be read
 * (reported). */
int triage_path(struct triage *t, const char *path);
/* Triage of text held in memory, ORIGIN naming it. */
void triage_text(struct triage *t, const char *text, size_t len, const char *origin);
/* The findings so far, grouped; valid until triage_free. */
void triage_result(struct triage *t, struct report_input *out);
void triage_free(struct triage *t);

/* Prints the parsed records of PATH (--dump=records); no knowledge base involved.
 * Returns 0, or -1 when PATH could not be read (reported). */
int triage_dump_records(const char *path, FILE *out);

#endif
