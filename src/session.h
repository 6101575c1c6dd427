/*
 * session.h: the guided session (-i): a person at a terminal picks a failure of the log,
 * sees what the log already settled, answers the decision tree's remaining questions one
 * at a time (asking why, how and why-not on the way), and gets the conclusion with its
 * plan.  Everything it says about a failure comes from the knowledge base; it knows
 * nothing of parsing or matching.
 */
#ifndef PICKDOC_SESSION_H
#define PICKDOC_SESSION_H

#include "answers.h"
#include "kb.h"
#include "opts.h"
#include "report.h"

enum session_mode {
	SESSION_ASK,             /* a person answers at the terminal */
	SESSION_REPLAY,          /* no one to ask: the answers given, then the report */
	SESSION_NONE             /* -i without a terminal or answers (reported) */
};

/* How a diagnosis with options O and NANSWERS answers given ahead runs. */
enum session_mode session_mode(const struct opts *o, size_t nanswers);

/* Runs the session over O's inputs (a paste when there are none and stdin is a terminal),
 * GIVEN answered ahead.  The conversation is on the terminal; the report goes to stdout
 * when stdout is not that terminal or the format is not text.  Returns the exit status. */
int session_run(const struct opts *o, const struct kb *kb, const struct answers *given,
		const struct report_opts *ro);

#endif
