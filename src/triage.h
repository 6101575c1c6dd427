/*
 * triage.h: one run of the pipeline over any number of inputs: read, parse, match, collect
 * evidence, infer, group; and, when asked, report each finding as soon as it is made.
 * What main and the knowledge-base linter call; knows the order of the stages, none of
 * their insides.
 */
#ifndef PICKDOC_TRIAGE_H
#define PICKDOC_TRIAGE_H

#include <signal.h>
#include <stddef.h>
#include <stdio.h>

#include "answers.h"
#include "kb.h"
#include "regex.h"
#include "report.h"
#include "unwrap.h"

struct triage;

/* KB and RC are borrowed and must outlive the triage. */
struct triage *triage_new(const struct kb *kb, struct regex_cache *rc);
/* How the lines of the inputs read from now on are unwrapped (UNWRAP_AUTO by default). */
void triage_set_input_format(struct triage *t, enum unwrap_format format);
/* From now on each new finding, with the answers GIVEN applied (NULL: none), and each new
 * undiagnosed traceback is written to OUT as soon as it is made (report_now_*), tagged with
 * LABELS (NULL: none).  All are borrowed and must outlive the triage. */
void triage_stream(struct triage *t, FILE *out, const struct report_opts *ro,
		   const struct report_labels *labels, const struct answers *given);
/* Reads the N PATHS (stdin when N is 0), the rotations of one log as that log, oldest
 * first (rotate.h).  Returns 0, or -1 when one could not be read (reported). */
int triage_paths(struct triage *t, const char *const *paths, size_t n);
/* Reads PATH for as long as it stays open (a pipe, a FIFO, a terminal), for a run that
 * reports as it goes: a traceback is complete at the next line that cannot continue it or
 * after QUIET_MS milliseconds without input, and then the counts that grew are announced
 * (report_now_finding with REPEAT), and at least every REPEAT_MS while input keeps coming.
 * Returns at the end of input, or soon after *STOP became nonzero (a signal); 0, or -1
 * when PATH could not be read (reported). */
int triage_follow(struct triage *t, const char *path, int quiet_ms, int repeat_ms,
		  volatile sig_atomic_t *stop);
/* Triage of text held in memory, ORIGIN naming it. */
void triage_text(struct triage *t, const char *text, size_t len, const char *origin);
/* The findings so far, grouped; valid until triage_free. */
void triage_result(struct triage *t, struct report_input *out);
/* Nonzero when writing a finding as it came failed. */
int triage_write_failed(const struct triage *t);
void triage_free(struct triage *t);

/* Prints the parsed records of the N PATHS read as triage_paths reads them, their lines
 * unwrapped as FORMAT says (--dump=records); no knowledge base involved.  Returns 0, or -1
 * when one could not be read (reported). */
int triage_dump_records(const char *const *paths, size_t n, enum unwrap_format format,
			FILE *out);

#endif
