/*
 * test_builtin_tree.c: every path of every built-in decision tree, answered both ways a
 * person can answer: typed one question at a time as the session does (each answer, or
 * "don't know", to the question infer says is next, the tree recomputed after each), and
 * replayed at once as a runbook does (--answer PLAYBOOK/QUESTION=ANSWER, in upper case).
 * Both must end alike: the same conclusion, the same causes still possible in the same
 * order, nothing left to ask.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "helpers.h"
#include "infer.h"
#include "plan.h"

/* A path is at most one step per question; skips ask no question twice either. */
#define MAX_STEPS 64

struct walk {
	struct regex_cache *rc;
	const struct kb_playbook *pb;
	struct answer_fact steps[MAX_STEPS];
	size_t nsteps;
	size_t paths;                    /* ended paths compared */
	size_t concluded;                /* of which the tree concluded */
};

static struct finding *finding_new(const struct kb_playbook *pb)
{
	struct finding *fd = xcalloc(1, sizeof *fd);

	fd->playbook = pb;
	return fd;
}

/* What the session leaves after the steps so far, typed one by one. */
static struct finding *typed(struct walk *w)
{
	struct finding *fd = finding_new(w->pb);
	struct facts log = { 0 };

	answers_refresh(w->rc, fd, &log, w->steps, w->nsteps);
	return fd;
}

/* The same steps replayed as a runbook. */
static struct finding *replayed(struct walk *w)
{
	struct finding *fd = finding_new(w->pb);
	struct answers *a = answers_new();

	infer_rank(w->rc, fd);
	for (size_t i = 0; i < w->nsteps; i++) {
		const struct answer_fact *st = &w->steps[i];
		char arg[256];
		snprintf(arg, sizeof arg, "%s/%s=%s", w->pb->id, st->question->id,
			 st->answer ? answers_word(st->answer) : ANSWERS_SKIP);
		for (char *p = strchr(arg, '=') + 1; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		assert_int_equal(answers_add_arg(a, arg), 0);
	}
	assert_int_equal(answers_apply(a, w->rc, fd), w->nsteps);
	answers_free(a);
	return fd;
}

static void path_says(const struct walk *w, char *text, size_t size)
{
	size_t len = (size_t)snprintf(text, size, "%s:", w->pb->id);

	for (size_t i = 0; i < w->nsteps && len < size; i++)
		len += (size_t)snprintf(text + len, size - len, " %s=%s",
					w->steps[i].question->id,
					w->steps[i].answer ? w->steps[i].answer->value : "skip");
}

static void compare(struct walk *w, const struct finding *t, const struct finding *r)
{
	char path[1024];

	path_says(w, path, sizeof path);
	if (t->conclusion != r->conclusion || t->npossible != r->npossible ||
	    t->next != r->next || t->npath != r->npath)
		fail_msg("%s: typed ends at %s (%zu possible), replayed at %s (%zu possible)",
			 path, t->conclusion ? t->conclusion->id : "-", t->npossible,
			 r->conclusion ? r->conclusion->id : "-", r->npossible);
	for (size_t i = 0; i < t->ncauses; i++)
		if (t->causes[i].cause != r->causes[i].cause)
			fail_msg("%s: cause %zu is %s typed, %s replayed", path, i + 1,
				 t->causes[i].cause->id, r->causes[i].cause->id);
	if (t->plan.nfix && strcmp(t->plan.fix[0], r->plan.fix[0]))
		fail_msg("%s: the fix leads differently", path);
}

/* Every answer and the skip to the question the tree asks next, to the end. */
static void explore(struct walk *w)
{
	struct finding *t = typed(w);
	const struct kb_question *q = t->next;

	if (!q) {
		struct finding *r = replayed(w);
		compare(w, t, r);
		w->paths++;
		w->concluded += t->conclusion != NULL;
		finding_free(r);
		finding_free(t);
		return;
	}
	finding_free(t);
	assert_true(w->nsteps < MAX_STEPS);
	for (size_t i = 0; i <= q->nanswers; i++) {
		w->steps[w->nsteps++] = (struct answer_fact){
			q, i < q->nanswers ? &q->answers[i] : NULL, INFER_SOURCE_PERSON };
		explore(w);
		w->nsteps--;
	}
}

static void test_typed_and_replayed_paths_end_alike(void **state)
{
	const struct kb *kb = kb_builtin();
	struct regex_cache *rc = regex_cache_new();
	size_t paths = 0, concluded = 0, trees = 0;

	(void)state;
	for (size_t i = 0; i < kb->nplaybooks; i++) {
		struct walk w = { .rc = rc, .pb = kb->playbooks[i] };
		if (!w.pb->nquestions)
			continue;
		explore(&w);
		/* Answering every question reaches a cause on every branch. */
		assert_true(w.concluded > 0);
		paths += w.paths;
		concluded += w.concluded;
		trees++;
	}
	print_message("%zu trees, %zu paths (%zu concluded) typed and replayed alike\n", trees,
		      paths, concluded);
	assert_true(trees >= 10);
	regex_cache_free(rc);
}

/* An either/or question is answered by its choices' names, in any case; the old yes and
 * no still choose, and the fact takes the value the evidence rules use. */
static void test_choices_answer_by_name(void **state)
{
	const struct kb_playbook *pb = kb_find(kb_builtin(), "main-lookup");
	const struct kb_question *q = pb ? infer_question(pb, "which-side") : NULL;

	(void)state;
	assert_non_null(q);
	const struct kb_answer *child = answers_named(q, "CHILD");
	assert_non_null(child);
	assert_string_equal(answers_word(child), "child");
	assert_string_equal(child->value, "yes");
	assert_ptr_equal(answers_named(q, "yes"), child);
	assert_ptr_equal(answers_named(q, "Parent"), answers_named(q, "no"));
	assert_null(answers_named(q, "sideways"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typed_and_replayed_paths_end_alike),
		cmocka_unit_test(test_choices_answer_by_name),
	};
	return cmocka_run_group_tests_name("builtin_tree", tests, NULL, NULL);
}
