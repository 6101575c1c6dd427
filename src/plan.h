/*
 * plan.h: turns a playbook's steps, fixes and checks into the finding's own plan, the
 * "{{fact}}" and "{{fact|fallback}}" placeholders filled from the evidence, so that the plan
 * names the user's object, file and line.  Knows placeholders, not what facts mean.
 */
#ifndef PICKDOC_PLAN_H
#define PICKDOC_PLAN_H

#include "finding.h"

/* What one text of a plan may cost: a fact's value is shown up to PLAN_VALUE_MAX bytes (a
 * message can be megabytes; the rest is cut, marked "..."), and a text may hold at most
 * PLAN_PLACEHOLDERS_MAX placeholders (--lint checks; past them, a text not linted shows
 * fallbacks), so that each expands to a bounded size whatever the log holds. */
#define PLAN_VALUE_MAX 1024
#define PLAN_PLACEHOLDERS_MAX 32

/* Expands TEXT's placeholders from FACTS into a new string (the caller frees it): a known
 * fact gives its value (at most PLAN_VALUE_MAX bytes of it), a missing one its fallback, or
 * "<name>" when it has none. */
char *plan_expand(const char *text, const struct facts *facts);

/* The facts an expansion showed as placeholders (owned names): each fact shown by a "<...>"
 * fallback or as "<name>". */
struct plan_gaps {
	char **v;
	size_t n, cap;
};
void plan_gaps_fini(struct plan_gaps *g);

/* plan_expand, adding to GAPS (when given) and setting *FELL_BACK (when given) if any
 * fact was missing or the text holds a literal placeholder. */
char *plan_expand_gaps(const char *text, const struct facts *facts, struct plan_gaps *gaps,
		       int *fell_back);

/* S[0..N) is a placeholder: "<" two or more words of letters ">" ("<your module>"; Python's
 * one-word "<lambda>" is not one). */
int plan_is_placeholder(const char *s, size_t n);
/* S[0..N) is prose: two or more words of letters (commas between them), nothing a reader
 * could take for code. */
int plan_is_prose(const char *s, size_t n);
/* The byte offset in TEXT of the first fallback that is neither empty, a placeholder nor
 * prose (in a COMMAND or between backticks, that is not a placeholder), or -1: a fallback
 * must never read as a name, path, call, flag or code the log did not give. */
long plan_check_fallbacks(const char *text, int command);
/* TEXT (a check's command as written) runs as it stands: no fact, no placeholder. */
int plan_runnable(const char *text);

/* Checks TEXT's placeholders; returns the byte offset of the first malformed one, or -1. */
long plan_check_text(const char *text);

/* Calls FN with the name (NAME_LEN bytes, not terminated) of each placeholder of TEXT;
 * returns how many there are. */
typedef void plan_name_fn(const char *name, size_t name_len, void *arg);
size_t plan_names(const char *text, plan_name_fn *fn, void *arg);

/* (Re)builds fd->plan from its playbook, facts and leading cause. */
void plan_build(struct finding *fd);
void plan_fini(struct plan *plan);

#endif
