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

/* The checks that need no samples (patterns, trees, references), on what KB holds beyond
 * BASE: the playbooks, rules and library patterns a user's directories added.  Returns the
 * number of errors found. */
int kb_lint_added(const struct kb *kb, const struct kb *base);

#endif
