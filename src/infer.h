/*
 * infer.h: from a finding's facts to ranked causes, each with the reasons that put it
 * there, and to the decision tree walked as far as the facts answer it.  Answers given by a
 * person are facts too: set them and infer again.
 */
#ifndef PICKDOC_INFER_H
#define PICKDOC_INFER_H

#include "finding.h"
#include "regex.h"

/* Whether every condition holds on FACTS. */
int infer_conditions_hold(struct regex_cache *rc, const struct kb_cond *when, size_t n,
			  const struct facts *facts);

/* (Re)computes fd->causes, fd->path and fd->conclusion from fd->facts. */
void infer_rank(struct regex_cache *rc, struct finding *fd);

#endif
