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

/* (Re)computes fd->causes (those the tree allows first), fd->path, fd->next,
 * fd->npossible and fd->conclusion from fd->facts and fd->skipped. */
void infer_rank(struct regex_cache *rc, struct finding *fd);

/* Whether a person answered Q "don't know". */
int infer_skipped(const struct finding *fd, const struct kb_question *q);
/* The answer FD's facts give to Q (none when Q was skipped), or NULL. */
const struct kb_answer *infer_taken(struct regex_cache *rc, const struct finding *fd,
				    const struct kb_question *q);
/* Marks REACHED[i] for each cause pb->causes[i] reachable from ID (a question or a cause
 * of FD's playbook), following the answers taken and every branch of an open question. */
void infer_reachable(struct regex_cache *rc, const struct finding *fd, const char *id,
		     unsigned char *reached);

/* Question or cause ID of PB, or NULL. */
const struct kb_question *infer_question(const struct kb_playbook *pb, const char *id);
const struct kb_cause *infer_cause(const struct kb_playbook *pb, const char *id);

/* The answer of Q that a fact of value VALUE takes (the first whose match pattern, or
 * else whose value, accepts it), or NULL. */
const struct kb_answer *infer_answer(struct regex_cache *rc, const struct kb_question *q,
				     const char *value);

/* Whether the tree's answers so far rule cause C of FD out: the tree can lead to C from
 * its root but no longer from where the walk stopped (its conclusion, or the question
 * still open).  A cause the tree never leads to is never ruled out by it. */
int infer_ruled_out(const struct finding *fd, const struct kb_cause *c);

/* Whether some answers lead from ID (a question or a cause of PB) to cause C, whatever the
 * facts. */
int infer_leads_to(const struct kb_playbook *pb, const char *id, const struct kb_cause *c);

/* The cause a report's fix is for: the conclusion, else the highest-ranked cause not
 * ruled out; NULL only when FD has no causes. */
const struct ranked_cause *infer_lead(const struct finding *fd);

/* The source of every fact a person gave (interactively or in a runbook) starts with
 * this; the log's facts never do. */
#define INFER_SOURCE_PERSON "answered by you"

/* Whether fact F (may be NULL) was given by a person. */
int infer_by_person(const struct fact *f);
/* Whether step S of FD's path was answered by a person rather than by the log. */
int infer_step_by_person(const struct finding *fd, const struct tree_step *s);
/* The log's value that a person's answer to step S replaced, or NULL. */
const char *infer_step_replaced(const struct finding *fd, const struct tree_step *s);

#endif
