/*
 * plan.h: turns a playbook's steps, fixes and checks into the finding's own plan, the
 * "{{fact}}" and "{{fact|fallback}}" placeholders filled from the evidence, so that the plan
 * names the user's object, file and line.  Knows placeholders, not what facts mean.
 */
#ifndef PICKDOC_PLAN_H
#define PICKDOC_PLAN_H

#include "finding.h"

/* Expands TEXT's placeholders from FACTS into a new string (the caller frees it): a known
 * fact gives its value, a missing one its fallback, or "<name>" when it has none. */
char *plan_expand(const char *text, const struct facts *facts);

/* Checks TEXT's placeholders; returns the byte offset of the first malformed one, or -1. */
long plan_check_text(const char *text);

/* (Re)builds fd->plan from its playbook, facts and leading cause. */
void plan_build(struct finding *fd);
void plan_fini(struct plan *plan);

#endif
