/*
 * session_explain.c: what the guided session knows about the decision tree and the ranking
 * as infer.c walks it: the causes each answer leaves, the route to the conclusion, the
 * answer that rules a cause out, the boosts that did not apply; and how to say each of
 * them.  Decides nothing: every rule of the tree is infer.c's.  All the words about a failure
 * come from the knowledge base.  Knows nothing of the terminal or the transcript.
 */
#include "session_int.h"

#include <stdlib.h>
#include <string.h>

#include "infer.h"
#include "plan.h"
#include "util.h"

#define ARROW "\xe2\x86\x92"

/* A set of causes of one playbook: REACHED[i] for its causes[i]. */
static unsigned char *reached_new(const struct session *s, const char *id)
{
	unsigned char *reached = xcalloc(s->fd->playbook->ncauses + 1, 1);

	infer_reachable(s->rc, s->fd, id, reached);
	return reached;
}

static int has(const struct session *s, const unsigned char *reached, const struct kb_cause *c)
{
	return reached[c - s->fd->playbook->causes];
}

static const struct kb_question *root(const struct session *s)
{
	const struct kb_playbook *pb = s->fd->playbook;

	return pb->nquestions ? &pb->questions[0] : NULL;
}

static const struct ranked_cause *ranked(const struct session *s, const struct kb_cause *c,
					 size_t *rank)
{
	for (size_t i = 0; i < s->fd->ncauses; i++) {
		if (s->fd->causes[i].cause == c) {
			*rank = i + 1;
			return &s->fd->causes[i];
		}
	}
	return NULL;
}

const struct kb_question *session_question(const struct session *s)
{
	return s->reopened ? s->reopened : s->fd->next;
}

const char *session_line(const struct session *s, size_t line)
{
	for (size_t i = 0; i < s->nlines; i++)
		if (s->lines[i].line == line)
			return s->lines[i].text;
	return NULL;
}

/* --- saying it --- */

static const char *label(const struct kb_answer *a)
{
	return a->label && *a->label ? a->label : a->value;
}

/* "(line N: TEXT)" of fact F, and its source, under an item at column INDENT. */
static void origin(const struct session *s, const struct fact *f, size_t indent, FILE *out)
{
	struct buf b = { 0 };
	const char *text = f->line ? session_line(s, f->line) : NULL;

	buf_printf(&b, "%s = %s, %s", f->name, f->value, f->source);
	say(out, indent, indent + 2, b.s);
	if (text) {
		buf_reset(&b);
		buf_printf(&b, "log line %zu: ", f->line);
		fprintf(out, "%*s%s", (int)indent, "", b.s);
		/* Log text keeps its spacing: it is shown, not flowed. */
		say_log(out, text + strspn(text, " \t"));
		fputc('\n', out);
	} else if (f->line) {
		fprintf(out, "%*slog line %zu\n", (int)indent, "", f->line);
	}
	buf_fini(&b);
}

void explain_settled(const struct session *s, FILE *out)
{
	const struct finding *fd = s->fd;
	struct buf ids = { 0 };
	size_t n = 0;

	for (size_t i = 0; i < fd->npath; i++) {
		const struct tree_step *st = &fd->path[i];
		const struct fact *f = st->answer ? facts_find(&fd->facts, st->question->fact) : NULL;
		struct buf b = { 0 };
		if (!f)
			continue;
		if (!n++)
			fputs("\nWhat the log already settles\n", out);
		buf_printf(&ids, "%s%s", ids.len ? ", " : "", st->question->id);
		buf_printf(&b, "%zu. %s " ARROW " %s%s", n, st->question->ask, label(st->answer),
			   infer_by_person(f) ? " (answered by you)" : "");
		say(out, 2, 5, b.s);
		origin(s, f, 5, out);
		buf_fini(&b);
	}
	if (!n)
		fputs("\nThe log does not answer any question of the decision tree.\n", out);
	else {
		struct buf b = { 0 };
		buf_printf(&b, "The log can be wrong: change QUESTION answers one again (%s).",
			   ids.s);
		say(out, 2, 2, b.s);
		buf_fini(&b);
	}
	buf_fini(&ids);
}

/* IDs (and the title of a single one) of the causes REACHED, in rank order, after
 * PREFIX. */
static void say_causes(const struct session *s, const unsigned char *reached, size_t indent,
		       const char *prefix, FILE *out)
{
	const struct kb_playbook *pb = s->fd->playbook;
	struct buf b = { 0 };
	size_t n = 0, k = 0;

	for (size_t i = 0; i < pb->ncauses; i++)
		n += reached[i];
	buf_adds(&b, prefix);
	for (size_t i = 0; i < s->fd->ncauses; i++) {
		const struct kb_cause *c = s->fd->causes[i].cause;
		if (!has(s, reached, c))
			continue;
		if (n == 1)
			buf_printf(&b, "%s: %s", c->id, c->title);
		else
			buf_printf(&b, "%s%s", k++ ? ", " : "still possible: ", c->id);
	}
	if (!n)
		buf_adds(&b, "no cause of this playbook");
	say(out, indent, indent + 4, b.s);
	buf_fini(&b);
}

void explain_why(const struct session *s, const struct kb_question *q, FILE *out)
{
	struct buf b = { 0 };

	buf_printf(&b, "Why this question: %s", q->why && *q->why ? q->why
						 : "the playbook does not say");
	say(out, 0, 2, b.s);
	fputs("Each answer leaves these causes:\n", out);
	for (size_t i = 0; i < q->nanswers; i++) {
		unsigned char *reached = reached_new(s, q->answers[i].next);
		buf_reset(&b);
		buf_printf(&b, "%zu) %s " ARROW " ", i + 1, label(&q->answers[i]));
		say_causes(s, reached, 2, b.s, out);
		free(reached);
	}
	buf_fini(&b);
}

/* The questions and answers from ID down to cause C (a skipped question by the branch
 * that leads there) into V; returns how many, 0 when C is not reached. */
static size_t route(const struct session *s, const char *id, const struct kb_cause *c,
		    struct step *v, size_t depth)
{
	const struct kb_playbook *pb = s->fd->playbook;
	const struct kb_question *q = infer_question(pb, id);

	if (!q)
		return !strcmp(id, c->id) ? depth + 1 : 0;
	if (depth >= pb->nquestions)
		return 0;
	const struct kb_answer *a = infer_taken(s->rc, s->fd, q);
	for (size_t i = 0; i < q->nanswers; i++) {
		const struct kb_answer *try = a ? a : &q->answers[i];
		v[depth] = (struct step){ q, try };
		size_t n = route(s, try->next, c, v, depth + 1);
		if (n)
			return n;
		if (a)
			break;
	}
	return 0;
}

/* One step of the tree: the question, the answer taken and who gave it. */
static void say_step(const struct session *s, const struct step *st, FILE *out)
{
	const struct fact *f = facts_find(&s->fd->facts, st->question->fact);
	const struct kb_answer *a = infer_taken(s->rc, s->fd, st->question);
	struct buf b = { 0 };

	buf_printf(&b, "%s " ARROW " ", st->question->ask);
	if (!a)
		buf_printf(&b, "not known (skipped); this branch is %s", label(st->answer));
	else if (infer_by_person(f))
		buf_printf(&b, "%s (answered by you)", label(a));
	else if (f && f->line)
		buf_printf(&b, "%s (the log, line %zu)", label(a), f->line);
	else
		buf_printf(&b, "%s (the log)", label(a));
	say(out, 2, 4, b.s);
	buf_fini(&b);
}

static void say_score(const struct session *s, const struct kb_cause *c, FILE *out)
{
	size_t rank = 0;
	const struct ranked_cause *r = ranked(s, c, &rank);
	struct buf b = { 0 };

	if (!r)
		return;
	buf_printf(&b, "Score %d (prior %d): %s%s", r->score, c->prior,
		   r->because ? "because " : "no evidence for or against it",
		   r->because ? r->because : "");
	say(out, 0, 2, b.s);
	buf_fini(&b);
}

void explain_conclusion(const struct session *s, FILE *out)
{
	const struct kb_cause *c = s->fd->conclusion;
	const struct kb_question *q = root(s);
	struct step *v;
	struct buf b = { 0 };

	if (!c)
		return;
	buf_printf(&b, "Why %s: %s", c->id, c->title);
	say(out, 0, 2, b.s);
	buf_fini(&b);
	v = xcalloc(s->fd->playbook->nquestions + 1, sizeof *v);
	size_t n = q ? route(s, q->id, c, v, 0) : 0;
	if (n > 1) {
		fputs("The decision tree led there:\n", out);
		for (size_t i = 0; i + 1 < n; i++)
			say_step(s, &v[i], out);
	} else {
		fputs("It is the only cause the decision tree leaves.\n", out);
	}
	free(v);
	say_score(s, c, out);
}

/* Facts the heading already shows. */
static int shown_elsewhere(const struct fact *f)
{
	return !strcmp(f->name, "exception") || !strcmp(f->name, "message");
}

/* The log's facts, grouped under the line each was read from, in line order. */
static void say_log_facts(const struct session *s, FILE *out)
{
	const struct facts *facts = &s->fd->facts;
	size_t line = 0;

	for (;;) {
		size_t next = (size_t)-1;
		for (size_t i = 0; i < facts->n; i++) {
			const struct fact *f = &facts->v[i];
			if (f->line > line && f->line < next && !infer_by_person(f) &&
			    !shown_elsewhere(f))
				next = f->line;
		}
		if (next == (size_t)-1)
			break;
		const char *text = session_line(s, next);
		fprintf(out, "  line %zu%s", next, text ? ": " : "\n");
		if (text) {
			say_log(out, text + strspn(text, " \t"));
			fputc('\n', out);
		}
		for (size_t i = 0; i < facts->n; i++) {
			const struct fact *f = &facts->v[i];
			if (f->line != next || infer_by_person(f) || shown_elsewhere(f))
				continue;
			struct buf b = { 0 };
			buf_printf(&b, "%s = %s (%s)", f->name, f->value, f->source);
			say(out, 4, 6, b.s);
			buf_fini(&b);
		}
		line = next;
	}
	for (size_t i = 0; i < facts->n; i++) {
		const struct fact *f = &facts->v[i];
		if (f->line || infer_by_person(f) || shown_elsewhere(f))
			continue;
		struct buf b = { 0 };
		buf_printf(&b, "%s = %s (%s)", f->name, f->value, f->source);
		say(out, 2, 4, b.s);
		buf_fini(&b);
	}
}

void explain_how(const struct session *s, FILE *out)
{
	const struct finding *fd = s->fd;
	size_t answered = 0;

	fputs("How the ranking was reached\n\nFrom the log:\n", out);
	say_log_facts(s, out);
	for (size_t i = 0; i < fd->facts.n; i++) {
		const struct fact *f = &fd->facts.v[i];
		if (!infer_by_person(f))
			continue;
		if (!answered++)
			fputs("\nYour answers:\n", out);
		struct buf b = { 0 };
		buf_printf(&b, "%s = %s (%s)", f->name, f->value, f->source);
		say(out, 2, 4, b.s);
		buf_fini(&b);
	}
	for (size_t i = 0; i < s->nsteps; i++) {
		if (s->steps[i].answer)
			continue;
		struct buf b = { 0 };
		buf_printf(&b, "skipped: %s", s->steps[i].question->ask);
		say(out, 2, 4, b.s);
		buf_fini(&b);
	}
	fputs("\nThe causes, each its prior plus the evidence that holds; those the decision\n"
	      "tree still allows come first:\n", out);
	for (size_t i = 0; i < fd->ncauses; i++) {
		const struct ranked_cause *r = &fd->causes[i];
		struct buf b = { 0 };
		buf_printf(&b, "%s%s: %s", r->cause->id,
			   i < s->fd->npossible ? "" : " (ruled out by the tree)", r->cause->title);
		fprintf(out, "  %4d  ", r->score);
		say_more(out, 8, 8, b.s);
		buf_reset(&b);
		if (r->because)
			buf_printf(&b, "because %s", r->because);
		else
			buf_adds(&b, "prior only: no evidence for or against it");
		say(out, 8, 8, b.s);
		buf_fini(&b);
	}
}

/* Why condition C holds or not: "kind ~ ^class$ (kind is 'function')". */
static void say_condition(const struct session *s, const struct kb_cond *c, struct buf *b)
{
	const char *v = facts_get(&s->fd->facts, c->fact);

	buf_printf(b, "%s%s ~ %s (%s ", c->negate ? "!" : "", c->fact, c->pattern, c->fact);
	if (v)
		buf_printf(b, "is '%s')", v);
	else
		buf_adds(b, "is not known)");
}

static void say_boosts(const struct session *s, const struct kb_cause *c, FILE *out)
{
	for (size_t i = 0; i < c->nboosts; i++) {
		const struct kb_boost *bo = &c->boosts[i];
		int holds = infer_conditions_hold(s->rc, bo->when, bo->nwhen, &s->fd->facts);
		struct buf b = { 0 };
		buf_printf(&b, "%s %+d%s%s: ", holds ? "applied" : "did not apply", bo->add,
			   bo->because ? ", " : "", bo->because ? bo->because : "");
		int k = 0;
		for (size_t j = 0; j < bo->nwhen; j++) {
			int one = infer_conditions_hold(s->rc, &bo->when[j], 1, &s->fd->facts);
			if (holds || !one) {
				buf_adds(&b, k++ ? "; " : holds ? "" : "fails on ");
				say_condition(s, &bo->when[j], &b);
			}
		}
		say(out, 2, 4, b.s);
		buf_fini(&b);
	}
}

/* The answered question that cuts cause C off, searching from ID, or NULL. */
static const struct kb_question *cut_off(const struct session *s, const char *id,
					 const struct kb_cause *c, size_t depth)
{
	const struct kb_playbook *pb = s->fd->playbook;
	const struct kb_question *q = infer_question(pb, id);

	if (!q || depth > pb->nquestions)
		return NULL;
	const struct kb_answer *a = infer_taken(s->rc, s->fd, q);
	if (a)
		return infer_leads_to(pb, q->id, c) && !infer_leads_to(pb, a->next, c)
		       ? q : cut_off(s, a->next, c, depth + 1);
	for (size_t i = 0; i < q->nanswers; i++) {
		const struct kb_question *found = cut_off(s, q->answers[i].next, c, depth + 1);
		if (found)
			return found;
	}
	return NULL;
}

static void say_tree_verdict(const struct session *s, const struct kb_cause *c, FILE *out)
{
	const struct kb_playbook *pb = s->fd->playbook;
	const struct kb_question *q = root(s);
	const struct kb_question *cut = q ? cut_off(s, q->id, c, 0) : NULL;
	struct buf b = { 0 };
	int k = 0;

	if (c == s->fd->conclusion)
		buf_printf(&b, "It is the conclusion (why explains it).");
	else if (!q || !infer_leads_to(pb, q->id, c))
		buf_printf(&b, "No answer of the decision tree leads to it: only its score "
			       "ranks it.");
	else if (!cut)
		buf_printf(&b, "The decision tree still allows it: an open question can lead "
			       "to it.");
	else {
		const struct kb_answer *a = infer_taken(s->rc, s->fd, cut);
		const struct fact *f = facts_find(&s->fd->facts, cut->fact);
		buf_printf(&b, "The decision tree rules it out: \"%s\" was answered \"%s\" %s; it "
			       "is reached only through ", cut->ask, label(a),
			   infer_by_person(f) ? "by you" : "by the log");
		for (size_t i = 0; i < cut->nanswers; i++)
			if (infer_leads_to(pb, cut->answers[i].next, c))
				buf_printf(&b, "%s\"%s\"", k++ ? " or " : "",
					   label(&cut->answers[i]));
		buf_adds(&b, ".");
	}
	say(out, 0, 2, b.s);
	buf_fini(&b);
}

int explain_why_not(const struct session *s, const char *arg, FILE *out)
{
	const struct kb_cause *c = infer_cause(s->fd->playbook, arg);
	char *end;
	unsigned long rank = strtoul(arg, &end, 10);
	size_t at = 0;

	if (!c && *arg && !*end && rank >= 1 && rank <= s->fd->ncauses)
		c = s->fd->causes[rank - 1].cause;
	if (!c)
		return -1;
	const struct ranked_cause *r = ranked(s, c, &at);
	struct buf b = { 0 };
	buf_printf(&b, "Why not %s: %s", c->id, c->title);
	say(out, 0, 2, b.s);
	buf_reset(&b);
	if (r)
		buf_printf(&b, "Ranked %zu of %zu with score %d: prior %d", at, s->fd->ncauses,
			   r->score, c->prior);
	say(out, 0, 2, b.s);
	buf_fini(&b);
	say_boosts(s, c, out);
	say_tree_verdict(s, c, out);
	return 0;
}
