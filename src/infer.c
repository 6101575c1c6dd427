/*
 * infer.c: cause scores (prior plus the boosts whose conditions hold, with their reasons)
 * and the decision tree: the walk down it taking every answer the facts give, the causes
 * its open and skipped questions still allow, the next question and the conclusion.  The
 * only owner of the tree's rules: a session and a replay of the same answers go through
 * it alike.
 */
#include "infer.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

int infer_conditions_hold(struct regex_cache *rc, const struct kb_cond *when, size_t n,
			  const struct facts *facts)
{
	for (size_t i = 0; i < n; i++) {
		const char *v = facts_get(facts, when[i].fact);
		int hit = v && regex_match(rc, when[i].pattern, &when[i].pos, v, strlen(v),
					   NULL) == 1;
		if (hit == when[i].negate)
			return 0;
	}
	return 1;
}

static int by_score(const void *a, const void *b)
{
	const struct ranked_cause *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	/* Equal scores keep the playbook's order, which is the author's ranking. */
	return x->cause < y->cause ? -1 : x->cause > y->cause;
}

static void rank_causes(struct regex_cache *rc, struct finding *fd)
{
	const struct kb_playbook *pb = fd->playbook;

	for (size_t i = 0; i < fd->ncauses; i++)
		free(fd->causes[i].because);
	free(fd->causes);
	fd->ncauses = pb->ncauses;
	fd->causes = xcalloc(pb->ncauses, sizeof *fd->causes);
	for (size_t i = 0; i < pb->ncauses; i++) {
		const struct kb_cause *c = &pb->causes[i];
		struct ranked_cause *r = &fd->causes[i];
		struct buf because = { 0 };
		r->cause = c;
		r->score = c->prior;
		for (size_t j = 0; j < c->nboosts; j++) {
			const struct kb_boost *bo = &c->boosts[j];
			if (!infer_conditions_hold(rc, bo->when, bo->nwhen, &fd->facts))
				continue;
			r->score += bo->add;
			if (bo->because) {
				if (because.len)
					buf_adds(&because, "; ");
				buf_adds(&because, bo->because);
			}
		}
		r->because = because.len ? buf_release(&because) : NULL;
		buf_fini(&because);
	}
	qsort(fd->causes, fd->ncauses, sizeof *fd->causes, by_score);
}

const struct kb_question *infer_question(const struct kb_playbook *pb, const char *id)
{
	for (size_t i = 0; i < pb->nquestions; i++)
		if (!strcmp(pb->questions[i].id, id))
			return &pb->questions[i];
	return NULL;
}

const struct kb_cause *infer_cause(const struct kb_playbook *pb, const char *id)
{
	for (size_t i = 0; i < pb->ncauses; i++)
		if (!strcmp(pb->causes[i].id, id))
			return &pb->causes[i];
	return NULL;
}

const struct kb_answer *infer_answer(struct regex_cache *rc, const struct kb_question *q,
				     const char *value)
{
	for (size_t i = 0; i < q->nanswers; i++) {
		const struct kb_answer *a = &q->answers[i];
		int hit = a->match ? regex_match(rc, a->match, &a->pos, value, strlen(value),
						 NULL) == 1
				   : !strcmp(a->value, value);
		if (hit)
			return a;
	}
	return NULL;
}

int infer_skipped(const struct finding *fd, const struct kb_question *q)
{
	for (size_t i = 0; i < fd->nskipped; i++)
		if (fd->skipped[i] == q)
			return 1;
	return 0;
}

const struct kb_answer *infer_taken(struct regex_cache *rc, const struct finding *fd,
				    const struct kb_question *q)
{
	const char *value = q->fact ? facts_get(&fd->facts, q->fact) : NULL;

	/* "Don't know" outweighs the log: a person who doubts it reopened the question. */
	if (!value || infer_skipped(fd, q))
		return NULL;
	return infer_answer(rc, q, value);
}

/* Marks in REACHED the causes reachable from ID (a question or a cause), following the
 * taken answers and every answer of an open question; *NEXT (when not NULL) gets the
 * first open question, in tree order, that was not skipped.  DEPTH bounds an unlinted
 * tree. */
static void reach(struct regex_cache *rc, const struct finding *fd, const char *id,
		  unsigned char *reached, const struct kb_question **next, size_t depth)
{
	const struct kb_playbook *pb = fd->playbook;
	const struct kb_question *q = infer_question(pb, id);

	if (!q) {
		const struct kb_cause *c = infer_cause(pb, id);
		if (c)
			reached[c - pb->causes] = 1;
		return;
	}
	if (depth > pb->nquestions)
		return;
	const struct kb_answer *a = infer_taken(rc, fd, q);
	if (a) {
		reach(rc, fd, a->next, reached, next, depth + 1);
		return;
	}
	if (next && !*next && !infer_skipped(fd, q))
		*next = q;
	for (size_t i = 0; i < q->nanswers; i++)
		reach(rc, fd, q->answers[i].next, reached, next, depth + 1);
}

void infer_reachable(struct regex_cache *rc, const struct finding *fd, const char *id,
		     unsigned char *reached)
{
	reach(rc, fd, id, reached, NULL, 0);
}

/* The path from the root as far as the answers go. */
static void walk_path(struct regex_cache *rc, struct finding *fd)
{
	const struct kb_playbook *pb = fd->playbook;
	const struct kb_question *q = pb->nquestions ? &pb->questions[0] : NULL;

	free(fd->path);
	fd->path = xcalloc(pb->nquestions ? pb->nquestions : 1, sizeof *fd->path);
	fd->npath = 0;
	fd->conclusion = NULL;
	/* Lint rejects cycles; the bound keeps a user's unlinted tree finite anyway. */
	while (q && fd->npath < pb->nquestions) {
		const struct kb_answer *a = infer_taken(rc, fd, q);
		fd->path[fd->npath].question = q;
		fd->path[fd->npath].answer = a;
		fd->npath++;
		if (!a)
			return;
		const struct kb_question *next = infer_question(pb, a->next);
		if (!next)
			fd->conclusion = infer_cause(pb, a->next);
		q = next;
	}
}

/* The causes the tree still allows first (each part in score order), the next question,
 * and the conclusion when one cause is left, even past a skipped question. */
static void narrow(struct regex_cache *rc, struct finding *fd)
{
	const struct kb_playbook *pb = fd->playbook;
	unsigned char *reached = xcalloc(pb->ncauses + 1, 1);
	struct ranked_cause *order = xcalloc(fd->ncauses + 1, sizeof *order);
	size_t n = 0, k = 0;

	fd->next = NULL;
	if (pb->nquestions)
		reach(rc, fd, pb->questions[0].id, reached, &fd->next, 0);
	for (size_t i = 0; i < pb->ncauses; i++)
		n += reached[i];
	if (!n)
		memset(reached, 1, pb->ncauses);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < fd->ncauses; i++)
			if (reached[fd->causes[i].cause - pb->causes] == !pass)
				order[k++] = fd->causes[i];
	memcpy(fd->causes, order, fd->ncauses * sizeof *order);
	fd->npossible = n ? n : fd->ncauses;
	if (fd->npossible == 1)
		fd->conclusion = fd->causes[0].cause;
	free(order);
	free(reached);
}

void infer_rank(struct regex_cache *rc, struct finding *fd)
{
	rank_causes(rc, fd);
	walk_path(rc, fd);
	narrow(rc, fd);
}

int infer_by_person(const struct fact *f)
{
	return f && !strncmp(f->source, INFER_SOURCE_PERSON, strlen(INFER_SOURCE_PERSON));
}

int infer_step_by_person(const struct finding *fd, const struct tree_step *s)
{
	return s->answer && infer_by_person(facts_find(&fd->facts, s->question->fact));
}

/* DEPTH bounds an unlinted tree. */
static int tree_leads_to(const struct kb_playbook *pb, const char *id, const struct kb_cause *c,
			 size_t depth)
{
	const struct kb_question *q = infer_question(pb, id);

	if (!q)
		return !strcmp(id, c->id);
	if (depth > pb->nquestions)
		return 0;
	for (size_t i = 0; i < q->nanswers; i++)
		if (tree_leads_to(pb, q->answers[i].next, c, depth + 1))
			return 1;
	return 0;
}

int infer_ruled_out(const struct finding *fd, const struct kb_cause *c)
{
	const struct kb_playbook *pb = fd->playbook;

	if (!fd->npath || !fd->path[0].answer || !tree_leads_to(pb, pb->questions[0].id, c, 0))
		return 0;
	if (fd->conclusion)
		return fd->conclusion != c;
	const struct tree_step *last = &fd->path[fd->npath - 1];
	return !last->answer && !tree_leads_to(pb, last->question->id, c, 0);
}

int infer_leads_to(const struct kb_playbook *pb, const char *id, const struct kb_cause *c)
{
	return tree_leads_to(pb, id, c, 0);
}

const struct ranked_cause *infer_lead(const struct finding *fd)
{
	for (size_t i = 0; i < fd->ncauses; i++)
		if (fd->conclusion ? fd->causes[i].cause == fd->conclusion
				   : !infer_ruled_out(fd, fd->causes[i].cause))
			return &fd->causes[i];
	return fd->ncauses ? &fd->causes[0] : NULL;
}

const char *infer_step_replaced(const struct finding *fd, const struct tree_step *s)
{
	const struct fact *f = s->answer ? facts_find(&fd->facts, s->question->fact) : NULL;

	return f ? f->replaced : NULL;
}
