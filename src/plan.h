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

/* Calls FN with the name (NAME_LEN bytes, not terminated) of each placeholder of TEXT. */
typedef void plan_name_fn(const char *name, size_t name_len, void *arg);
void plan_names(const char *text, plan_name_fn *fn, void *arg);

/* (Re)builds fd->plan from its playbook, facts and leading cause. */
void plan_build(struct finding *fd);
void plan_fini(struct plan *plan);

#endif
