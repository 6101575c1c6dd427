/*
 * infer.c: cause scores (prior plus the boosts whose conditions hold, with their reasons)
 * and the walk down a playbook's decision tree, taking every answer the facts already give.
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

static void walk_tree(struct regex_cache *rc, struct finding *fd)
{
	const struct kb_playbook *pb = fd->playbook;
	const struct kb_question *q = pb->nquestions ? &pb->questions[0] : NULL;

	free(fd->path);
	fd->path = xcalloc(pb->nquestions ? pb->nquestions : 1, sizeof *fd->path);
	fd->npath = 0;
	fd->conclusion = NULL;
	/* Lint rejects cycles; the bound keeps a user's unlinted tree finite anyway. */
	while (q && fd->npath < pb->nquestions) {
		const char *value = facts_get(&fd->facts, q->fact);
		const struct kb_answer *a = value ? infer_answer(rc, q, value) : NULL;
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

void infer_rank(struct regex_cache *rc, struct finding *fd)
{
	rank_causes(rc, fd);
	walk_tree(rc, fd);
}

int infer_by_person(const struct fact *f)
{
	return f && !strncmp(f->source, INFER_SOURCE_PERSON, strlen(INFER_SOURCE_PERSON));
}

int infer_step_by_person(const struct finding *fd, const struct tree_step *s)
{
	return s->answer && infer_by_person(facts_find(&fd->facts, s->question->fact));
}

/* Whether some answers lead from ID (a question or a cause) to cause C, whatever the facts;
 * DEPTH bounds an unlinted tree. */
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

const struct ranked_cause *infer_lead(const struct finding *fd)
{
	for (size_t i = 0; i < fd->ncauses; i++)
		if (fd->conclusion ? fd->causes[i].cause == fd->conclusion
				   : !infer_ruled_out(fd, fd->causes[i].cause))
			return &fd->causes[i];
	return fd->ncauses ? &fd->causes[0] : NULL;
}
