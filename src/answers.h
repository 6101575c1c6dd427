/*
 * answers.h: answers to a playbook's questions given ahead of time, as a runbook replays
 * them (`--answer QUESTION=ANSWER`, `--answers FILE` holding a YAML map of question to
 * answer), and the one way any answer, typed or replayed, becomes a fact of a finding.
 * Knows question ids, answer values and facts; nothing of terminals or of what an answer
 * means.
 */
#ifndef PICKDOC_ANSWERS_H
#define PICKDOC_ANSWERS_H

#include <stddef.h>

#include "finding.h"
#include "kb.h"
#include "regex.h"

struct answers;

struct answers *answers_new(void);
void answers_free(struct answers *a);

/* The answer that says "don't know": the question stays open, whatever the log says. */
#define ANSWERS_SKIP "skip"

/* Adds "QUESTION=ANSWER" (QUESTION may be "PLAYBOOK/QUESTION"; ANSWER an answer's name,
 * in any case, or ANSWERS_SKIP).  A later answer to the same question replaces an earlier
 * one.  Returns 0, or -1 after reporting the problem. */
int answers_add_arg(struct answers *a, const char *arg);
/* Adds the answers of the YAML file PATH; returns the number of errors, reported as
 * file:line:col. */
int answers_load_file(struct answers *a, const char *path);
/* Checks that each answer names a question of KB and one of that question's answers;
 * returns the number of errors (reported). */
int answers_check(const struct answers *a, const struct kb *kb);
size_t answers_count(const struct answers *a);

/* What a person types to choose A: its name, else its value. */
const char *answers_word(const struct kb_answer *a);
/* The answer of Q that WORD names (case-insensitively; an answer's value too, so that
 * yes and no still choose between named choices), or NULL. */
const struct kb_answer *answers_named(const struct kb_question *q, const char *word);

/* Sets the facts of the answers to the questions of FD's playbook, each replacing what the
 * log said (a skip reopens the question), then ranks, walks the tree and builds the plan
 * again.  Returns how many answers applied. */
size_t answers_apply(const struct answers *a, struct regex_cache *rc, struct finding *fd);

/* One answer to QUESTION: its fact takes ANSWER's value, or, with ANSWER NULL, the
 * question was skipped ("don't know"); SOURCE (starting with INFER_SOURCE_PERSON) says
 * who gave it. */
struct answer_fact {
	const struct kb_question *question;
	const struct kb_answer *answer;
	const char *source;
};

/* Gives FD the facts of LOG (which may be &fd->facts) except those the N answers set,
 * then the answers' facts (each noting the log's value it replaced), marks the skipped
 * questions, and infers again: what every typed answer, undone answer and replay goes
 * through, so that they end alike. */
void answers_refresh(struct regex_cache *rc, struct finding *fd, const struct facts *log,
		     const struct answer_fact *v, size_t n);

#endif
