/*
 * kb_lint.c: what the schema cannot say.  Every pattern compiles; samples run through the
 * real pipeline and must give their own playbook (and subject) and nothing else, negative
 * samples nothing at all; decision trees lead only to existing questions and causes and
 * never loop; secondary_to names existing playbooks.
 */
#include "kb_lint.h"

#include <stdlib.h>
#include <string.h>

#include "finding.h"
#include "msg.h"
#include "plan.h"
#include "regex.h"
#include "triage.h"
#include "util.h"

static int check(const char *pattern, const struct kb_pos *pos)
{
	return pattern && regex_check(pattern, pos) ? 1 : 0;
}

static int check_conds(const struct kb_cond *c, size_t n)
{
	int errors = 0;

	for (size_t i = 0; i < n; i++)
		errors += check(c[i].pattern, &c[i].pos);
	return errors;
}

static int lint_patterns(const struct kb_playbook *pb)
{
	int errors = 0;

	for (size_t i = 0; i < pb->nsignatures; i++) {
		const struct kb_signature *s = &pb->signatures[i];
		errors += check(s->exception, &s->pos);
		errors += check(s->pattern, &s->pattern_pos);
		errors += check(s->frame, &s->pos);
	}
	for (size_t i = 0; i < pb->nderive; i++)
		errors += check(pb->derive[i].pattern, &pb->derive[i].pos);
	for (size_t i = 0; i < pb->ncauses; i++)
		for (size_t j = 0; j < pb->causes[i].nboosts; j++)
			errors += check_conds(pb->causes[i].boosts[j].when,
					      pb->causes[i].boosts[j].nwhen);
	for (size_t i = 0; i < pb->nquestions; i++)
		for (size_t j = 0; j < pb->questions[i].nanswers; j++)
			errors += check(pb->questions[i].answers[j].match,
					&pb->questions[i].answers[j].pos);
	return errors;
}

static int check_text(const struct kb_playbook *pb, const char *key, size_t item,
		      const char *text)
{
	long at = text ? plan_check_text(text) : -1;

	if (at < 0)
		return 0;
	msg(MSG_ERROR, pb->pos.file, pb->pos.line, pb->pos.col,
	    "malformed placeholder in '%s' item %zu of '%s' (write {{fact}} or {{fact|fallback}})",
	    key, item + 1, pb->id);
	msg_caret(text, (size_t)at);
	return 1;
}

static int check_texts(const struct kb_playbook *pb, const char *key, const char *const *v,
		       size_t n)
{
	int errors = 0;

	for (size_t i = 0; i < n; i++)
		errors += check_text(pb, key, i, v[i]);
	return errors;
}

/* The text a finding's plan is built from: its placeholders must be well formed. */
static int lint_plan_texts(const struct kb_playbook *pb)
{
	int errors = check_texts(pb, "first_ten_minutes", pb->first_ten_minutes,
				 pb->nfirst_ten_minutes);

	errors += check_texts(pb, "where_to_look", pb->where_to_look, pb->nwhere_to_look);
	errors += check_texts(pb, "fix", pb->fix, pb->nfix);
	errors += check_texts(pb, "worse", pb->worse, pb->nworse);
	for (size_t i = 0; i < pb->nverify; i++) {
		errors += check_text(pb, "verify", i, pb->verify[i].run);
		errors += check_text(pb, "verify", i, pb->verify[i].before);
		errors += check_text(pb, "verify", i, pb->verify[i].after);
	}
	for (size_t i = 0; i < pb->ncauses; i++)
		errors += check_text(pb, "causes", i, pb->causes[i].fix);
	return errors;
}

static long question_index(const struct kb_playbook *pb, const char *id)
{
	for (size_t i = 0; i < pb->nquestions; i++)
		if (!strcmp(pb->questions[i].id, id))
			return (long)i;
	return -1;
}

static int has_cause(const struct kb_playbook *pb, const char *id)
{
	for (size_t i = 0; i < pb->ncauses; i++)
		if (!strcmp(pb->causes[i].id, id))
			return 1;
	return 0;
}

enum { WHITE, GREY, BLACK };

/* Depth-first search; a GREY question reached again closes a cycle. */
static int find_cycle(const struct kb_playbook *pb, size_t q, unsigned char *colour)
{
	int errors = 0;

	colour[q] = GREY;
	for (size_t j = 0; j < pb->questions[q].nanswers; j++) {
		const struct kb_answer *a = &pb->questions[q].answers[j];
		long next = question_index(pb, a->next);
		if (next < 0)
			continue;
		if (colour[next] == GREY) {
			msg(MSG_ERROR, a->pos.file, a->pos.line, a->pos.col,
			    "answer '%s' of question '%s' leads back to question '%s': the tree "
			    "has a cycle", a->value, pb->questions[q].id, a->next);
			errors++;
		} else if (colour[next] == WHITE) {
			errors += find_cycle(pb, (size_t)next, colour);
		}
	}
	colour[q] = BLACK;
	return errors;
}

static int lint_tree(const struct kb_playbook *pb)
{
	int errors = 0;

	for (size_t i = 0; i < pb->nquestions; i++) {
		const struct kb_question *q = &pb->questions[i];
		for (size_t j = 0; j < q->nanswers; j++) {
			const struct kb_answer *a = &q->answers[j];
			if (question_index(pb, a->next) < 0 && !has_cause(pb, a->next)) {
				msg(MSG_ERROR, a->pos.file, a->pos.line, a->pos.col,
				    "answer '%s' of question '%s' leads to '%s', which is neither a "
				    "question nor a cause of '%s'", a->value, q->id, a->next, pb->id);
				errors++;
			}
		}
	}
	if (pb->nquestions) {
		unsigned char *colour = xcalloc(pb->nquestions, 1);
		for (size_t i = 0; i < pb->nquestions; i++)
			if (colour[i] == WHITE)
				errors += find_cycle(pb, i, colour);
		free(colour);
	}
	return errors;
}

static int lint_secondary(const struct kb *kb, const struct kb_playbook *pb)
{
	int errors = 0;

	for (size_t i = 0; i < pb->nsecondary_to; i++) {
		const char *id = pb->secondary_to[i];
		if (strcmp(id, "*") && !kb_find(kb, id)) {
			msg(MSG_ERROR, pb->pos.file, pb->pos.line, pb->pos.col,
			    "'secondary_to' names unknown playbook '%s'", id);
			errors++;
		}
	}
	return errors;
}

static int lint_match_sample(const struct kb *kb, struct regex_cache *rc,
			     const struct kb_playbook *pb, const struct kb_sample *s)
{
	struct triage *t = triage_new(kb, rc);
	struct report_input res;
	int errors = 0;

	triage_text(t, s->log, strlen(s->log), s->pos.file);
	triage_result(t, &res);
	if (!res.nfindings) {
		msg(MSG_ERROR, s->pos.file, s->pos.line, s->pos.col,
		    "sample of '%s' gives no finding", pb->id);
		errors++;
	}
	for (size_t i = 0; i < res.nfindings; i++) {
		const struct finding *fd = res.findings[i];
		const char *subject = finding_subject(fd);
		if (fd->playbook != pb) {
			msg(MSG_ERROR, s->pos.file, s->pos.line, s->pos.col,
			    "sample of '%s' gives a finding of '%s'", pb->id, fd->playbook->id);
			errors++;
		} else if (s->subject && (!subject || strcmp(subject, s->subject))) {
			msg(MSG_ERROR, s->pos.file, s->pos.line, s->pos.col,
			    "sample of '%s' gives subject '%s', not '%s'", pb->id,
			    subject ? subject : "(none)", s->subject);
			errors++;
		}
	}
	triage_free(t);
	return errors;
}

static int lint_no_match_sample(const struct kb *kb, struct regex_cache *rc,
				const struct kb_playbook *pb, const struct kb_sample *s)
{
	struct triage *t = triage_new(kb, rc);
	struct report_input res;
	int errors = 0;

	triage_text(t, s->log, strlen(s->log), s->pos.file);
	triage_result(t, &res);
	if (res.nfindings) {
		msg(MSG_ERROR, s->pos.file, s->pos.line, s->pos.col,
		    "negative sample of '%s' gives a finding of '%s'", pb->id,
		    res.findings[0]->playbook->id);
		errors++;
	}
	triage_free(t);
	return errors;
}

static int in_base(const struct kb *base, const struct kb_playbook *pb)
{
	for (size_t i = 0; base && i < base->nplaybooks; i++)
		if (base->playbooks[i] == pb)
			return 1;
	return 0;
}

static int rule_in_base(const struct kb *base, const struct kb_rule *r)
{
	/* Rule tables are copied when a knowledge base grows; their strings are shared. */
	for (size_t i = 0; base && i < base->nrules; i++)
		if (base->rules[i].pattern == r->pattern)
			return 1;
	return 0;
}

static int library_in_base(const struct kb *base, const char *pattern)
{
	for (size_t i = 0; base && i < base->nlibrary_files; i++)
		if (base->library_files[i] == pattern)
			return 1;
	return 0;
}

/* Everything but the samples, over what KB holds beyond BASE (all of it when BASE is
 * NULL). */
static int lint_static(const struct kb *kb, const struct kb *base)
{
	int errors = 0;

	for (size_t i = 0; i < kb->nrules; i++)
		if (!rule_in_base(base, &kb->rules[i]))
			errors += check(kb->rules[i].pattern, &kb->rules[i].pos);
	for (size_t i = 0; i < kb->nlibrary_files; i++)
		if (!library_in_base(base, kb->library_files[i]))
			errors += check(kb->library_files[i], NULL);
	for (size_t p = 0; p < kb->nplaybooks; p++) {
		const struct kb_playbook *pb = kb->playbooks[p];
		if (in_base(base, pb))
			continue;
		errors += lint_patterns(pb);
		errors += lint_plan_texts(pb);
		errors += lint_tree(pb);
		errors += lint_secondary(kb, pb);
	}
	return errors;
}

int kb_lint_added(const struct kb *kb, const struct kb *base)
{
	return lint_static(kb, base);
}

int kb_lint(const struct kb *kb)
{
	int errors = lint_static(kb, NULL);

	if (errors)
		return errors;
	/* Samples run only over patterns known to compile. */
	struct regex_cache *rc = regex_cache_new();
	for (size_t p = 0; p < kb->nplaybooks; p++) {
		const struct kb_playbook *pb = kb->playbooks[p];
		for (size_t i = 0; i < pb->nmatch_samples; i++)
			errors += lint_match_sample(kb, rc, pb, &pb->match_samples[i]);
		for (size_t i = 0; i < pb->nno_match_samples; i++)
			errors += lint_no_match_sample(kb, rc, pb, &pb->no_match_samples[i]);
	}
	regex_cache_free(rc);
	return errors;
}
