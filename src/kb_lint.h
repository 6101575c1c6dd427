/*
 * kb_lint.h: checks a loaded knowledge base beyond its schema: every pattern compiles,
 * samples match their own playbook (and subject) and no other, negative samples match
 * nothing, decision trees reach only existing causes and have no cycles.  Reports through
 * msg.h as file:line:col.
 */
#ifndef PICKDOC_KB_LINT_H
#define PICKDOC_KB_LINT_H

#include "kb.h"

/* Returns the number of errors found. */
int kb_lint(const struct kb *kb);

/* kb_lint of what KB holds beyond BASE (a knowledge base KB grew from): only the
 * playbooks, rules and patterns it added are checked and spoken of, their samples run
 * through the whole of KB.  BASE NULL: all of KB. */
int kb_lint_beyond(const struct kb *kb, const struct kb *base);

/* The checks that need no samples (patterns, trees, references), on what KB holds beyond
 * BASE: the playbooks, rules and library patterns a user's directories added.  Returns the
 * number of errors found. */
int kb_lint_added(const struct kb *kb, const struct kb *base);

/* The cost check (pickdoc --lint, not the build): runs every pattern with PCRE2's
 * interpreter over hostile texts as long as those it can meet at run time (64 KiB for a
 * message; long runs of what it repeats, alone and after the text that reaches the
 * repeat; its literals cut short and repeated; each ending in a byte few patterns accept)
 * and fails a pattern that hits the match, depth or heap limit there: a count, not a
 * clock, so the verdict is the same on every machine.  Notes the slowest patterns' times
 * on stderr.  Only the patterns KB holds beyond BASE (NULL: all) are tried.  Returns the number of patterns that failed. */
int kb_lint_cost(const struct kb *kb, const struct kb *base);

/* How many playbooks and evidence rules KB holds beyond BASE (NULL: all of KB's), for the
 * line --lint ends with. */
void kb_lint_count(const struct kb *kb, const struct kb *base, size_t *nplaybooks,
		   size_t *nrules);

#endif
