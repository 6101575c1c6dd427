/*
 * kb_facts.c: which fact names a playbook reads and whether anything can set them.  Knows
 * where the knowledge base names facts and the few the engine sets itself; nothing of what
 * any fact means.
 */
#include "kb_facts.h"

#include <stdio.h>
#include <string.h>

#include "msg.h"
#include "plan.h"
#include "regex.h"

/* The facts the engine sets on a finding itself (match.c: the exception line and the
 * signature; evidence.c: the user's frame; triage.c: the primary a secondary finding is
 * layered under), which no YAML sets. */
static const char *const engine_facts[] = {
	"carrier", "context", "exception", "exception_line", "final_exception",
	"layered_under", "message", "user_file", "user_func", "user_line", "user_source",
	"wording_versions",
};

/* A name read, and whether something sets it. */
struct lookup {
	const char *name;
	size_t len;
	int found;
};

static void compare(const char *name, void *arg)
{
	struct lookup *l = arg;

	if (!l->found && strlen(name) == l->len && !memcmp(name, l->name, l->len))
		l->found = 1;
}

static int is_set(const struct kb *kb, const struct kb_playbook *pb, const char *name,
		  size_t len)
{
	struct lookup l = { name, len, 0 };

	for (size_t i = 0; i < sizeof engine_facts / sizeof engine_facts[0]; i++)
		compare(engine_facts[i], &l);
	for (size_t i = 0; i < kb->nrules; i++)
		compare(kb->rules[i].fact, &l);
	for (size_t i = 0; i < pb->nderive; i++)
		compare(pb->derive[i].fact, &l);
	for (size_t i = 0; i < pb->nquestions; i++)
		if (pb->questions[i].fact)
			compare(pb->questions[i].fact, &l);
	for (size_t i = 0; i < pb->nsignatures && !l.found; i++) {
		const struct kb_signature *sig = &pb->signatures[i];
		for (size_t f = 0; f < sig->nfacts; f++)
			compare(sig->facts[f].name, &l);
		if (sig->pattern)
			regex_group_names(sig->pattern, compare, &l);
	}
	return l.found;
}

/* Where a name is read: for the warning. */
struct reader {
	const struct kb *kb;
	const struct kb_playbook *pb;
	const struct kb_pos *pos;
	const char *where;       /* "a condition of cause 'x'", "'fix' item 2" */
	int warnings;
};

static void check_name(const char *name, size_t len, void *arg)
{
	struct reader *r = arg;

	if (is_set(r->kb, r->pb, name, len))
		return;
	msg(MSG_WARNING, r->pos->file, r->pos->line, r->pos->col,
	    "no signature, evidence rule, derive rule or question sets the fact '%.*s' "
	    "read in %s of '%s'", (int)len, name, r->where, r->pb->id);
	r->warnings++;
}

static void check_texts(struct reader *r, const char *key, const char *const *v, size_t n)
{
	char where[96];

	for (size_t i = 0; i < n; i++) {
		if (!v[i])
			continue;
		snprintf(where, sizeof where, "'%s' item %zu", key, i + 1);
		r->where = where;
		plan_names(v[i], check_name, r);
	}
}

int kb_lint_facts(const struct kb *kb, const struct kb_playbook *pb)
{
	struct reader r = { kb, pb, &pb->pos, NULL, 0 };
	char where[160];

	check_texts(&r, "first_ten_minutes", pb->first_ten_minutes, pb->nfirst_ten_minutes);
	check_texts(&r, "where_to_look", pb->where_to_look, pb->nwhere_to_look);
	check_texts(&r, "fix", pb->fix, pb->nfix);
	check_texts(&r, "worse", pb->worse, pb->nworse);
	for (size_t i = 0; i < pb->nverify; i++) {
		static const char *const field[] = { "run", "before", "after" };
		const char *texts[] = { pb->verify[i].run, pb->verify[i].before, pb->verify[i].after };
		for (size_t k = 0; k < 3; k++) {
			snprintf(where, sizeof where, "the '%s' of 'verify' item %zu", field[k], i + 1);
			r.where = where;
			if (texts[k])
				plan_names(texts[k], check_name, &r);
		}
	}
	for (size_t i = 0; i < pb->ncauses; i++) {
		const struct kb_cause *c = &pb->causes[i];
		r.pos = &c->pos;
		snprintf(where, sizeof where, "the fix of cause '%s'", c->id);
		r.where = where;
		if (c->fix)
			plan_names(c->fix, check_name, &r);
		for (size_t b = 0; b < c->nboosts; b++) {
			snprintf(where, sizeof where, "a condition of cause '%s'", c->id);
			for (size_t w = 0; w < c->boosts[b].nwhen; w++) {
				r.pos = &c->boosts[b].when[w].pos;
				check_name(c->boosts[b].when[w].fact, strlen(c->boosts[b].when[w].fact),
					   &r);
			}
		}
	}
	for (size_t i = 0; i < pb->nderive; i++) {
		r.pos = &pb->derive[i].pos;
		snprintf(where, sizeof where, "the 'from' of derive rule %zu", i + 1);
		r.where = where;
		/* "a,b" reads two facts (evidence.c's derive_text). */
		for (const char *p = pb->derive[i].from; *p;) {
			size_t n = strcspn(p, ",");
			check_name(p, n, &r);
			p += n + (p[n] == ',');
		}
	}
	return r.warnings;
}
