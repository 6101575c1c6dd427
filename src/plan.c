/*
 * plan.c: placeholder expansion and the finding's plan.  A placeholder is "{{name}}" or
 * "{{name|fallback}}", name made of letters, digits and '_'; anything else between braces
 * is left as written, so code in a step (a dict literal) needs no escaping.  What a reader
 * must fill in is shown as "<two or more words>" (a fallback written so, a literal one in
 * the text, or "<name>" for a fact without a fallback): the plan lists the facts shown so,
 * and a check whose command holds a placeholder or any fallback is a template rather than a
 * command to run.
 */
#include "plan.h"

#include <stdlib.h>
#include <string.h>

#include "infer.h"
#include "util.h"

static int is_name_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* At P ("{{..."), the placeholder's name length, fallback and total length; 0 if P does
 * not start a placeholder. */
static size_t placeholder_at(const char *p, size_t *name_len, const char **fallback,
			     size_t *fallback_len)
{
	size_t n = 0;

	if (p[0] != '{' || p[1] != '{')
		return 0;
	while (is_name_char(p[2 + n]))
		n++;
	if (!n)
		return 0;
	const char *q = p + 2 + n;
	*name_len = n;
	*fallback = NULL;
	*fallback_len = 0;
	if (*q == '|') {
		const char *end = strstr(q + 1, "}}");
		if (!end)
			return 0;
		*fallback = q + 1;
		*fallback_len = (size_t)(end - q - 1);
		return (size_t)(end + 2 - p);
	}
	return q[0] == '}' && q[1] == '}' ? (size_t)(q + 2 - p) : 0;
}

static int is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The number of words in S[0..N) when it is only words of letters (an apostrophe or hyphen
 * between letters allowed: "task's", "built-in") separated by single spaces, with COMMAS a
 * comma after any word but the last; else 0. */
static size_t words(const char *s, size_t n, int commas)
{
	size_t count = 0;

	for (size_t i = 0; i < n;) {
		if (!is_letter(s[i]))
			return 0;
		while (i < n && (is_letter(s[i]) || ((s[i] == '\'' || s[i] == '-') && i + 1 < n &&
						    is_letter(s[i + 1]) && is_letter(s[i - 1]))))
			i++;
		count++;
		if (commas && i + 1 < n && s[i] == ',')
			i++;
		if (i < n && (s[i] != ' ' || ++i == n))
			return 0;
	}
	return count;
}

int plan_is_placeholder(const char *s, size_t n)
{
	return n > 2 && s[0] == '<' && s[n - 1] == '>' && words(s + 1, n - 2, 0) >= 2;
}

int plan_is_prose(const char *s, size_t n)
{
	return words(s, n, 1) >= 2;
}

/* At P, the length of a literal placeholder ("<your task's arguments>"), or 0. */
static size_t literal_placeholder_at(const char *p)
{
	const char *end = *p == '<' ? strchr(p, '>') : NULL;

	return end && plan_is_placeholder(p, (size_t)(end + 1 - p)) ? (size_t)(end + 1 - p) : 0;
}

/* Adds fact NAME (N bytes) to the gaps once. */
static void gap_add(struct plan_gaps *g, const char *name, size_t n)
{
	for (size_t i = 0; i < g->n; i++)
		if (strlen(g->v[i]) == n && !memcmp(g->v[i], name, n))
			return;
	grow(&g->v, &g->cap, g->n, sizeof *g->v);
	g->v[g->n++] = xstrndup(name, n);
}

void plan_gaps_fini(struct plan_gaps *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->v[i]);
	free(g->v);
	memset(g, 0, sizeof *g);
}

char *plan_expand_gaps(const char *text, const struct facts *facts, struct plan_gaps *gaps,
		       int *fell_back)
{
	struct buf b = { 0 };
	size_t shown = 0;        /* values of the log shown so far */

	for (const char *p = text; *p;) {
		size_t name_len, fallback_len;
		const char *fallback;
		size_t len = placeholder_at(p, &name_len, &fallback, &fallback_len);
		if (!len) {
			if (fell_back && literal_placeholder_at(p))
				*fell_back = 1;
			buf_addc(&b, *p++);
			continue;
		}
		char *name = xstrndup(p + 2, name_len);
		/* past PLAN_PLACEHOLDERS_MAX (a text --lint refuses), no more of the log */
		const char *value = shown < PLAN_PLACEHOLDERS_MAX ? facts_get(facts, name) : NULL;
		if (value && *value) {
			shown++;
			/* Log text inside prose: control bytes (escapes, newlines) would
			 * break the report's lines or its terminal. */
			size_t n = strlen(value);
			if (n > PLAN_VALUE_MAX)
				for (n = PLAN_VALUE_MAX; n > 0 && (value[n] & 0xc0) == 0x80; n--)
					;      /* not inside a character */
			for (size_t i = 0; i < n; i++)
				buf_addc(&b, (unsigned char)value[i] < 0x20 || value[i] == 0x7f ?
					     '?' : value[i]);
			if (value[n])
				buf_adds(&b, "...");
		} else {
			if (fallback)
				buf_add(&b, fallback, fallback_len);
			else
				buf_printf(&b, "<%s>", name);
			if (gaps && (!fallback || plan_is_placeholder(fallback, fallback_len)))
				gap_add(gaps, name, name_len);
			if (fell_back)
				*fell_back = 1;
		}
		free(name);
		p += len;
	}
	return buf_release(&b);
}

size_t plan_names(const char *text, plan_name_fn *fn, void *arg)
{
	size_t n = 0;

	for (const char *p = text; (p = strstr(p, "{{"));) {
		size_t name_len, fallback_len;
		const char *fallback;
		size_t len = placeholder_at(p, &name_len, &fallback, &fallback_len);
		if (!len) {
			p++;
			continue;
		}
		if (fn)
			fn(p + 2, name_len, arg);
		n++;
		p += len;
	}
	return n;
}

char *plan_expand(const char *text, const struct facts *facts)
{
	return plan_expand_gaps(text, facts, NULL, NULL);
}

int plan_runnable(const char *text)
{
	int fell_back = 0;
	struct facts none = { 0 };

	free(plan_expand_gaps(text, &none, NULL, &fell_back));
	return !fell_back;
}

long plan_check_text(const char *text)
{
	for (const char *p = text; (p = strstr(p, "{{")); p++) {
		size_t name_len, fallback_len;
		const char *fallback;
		if (is_name_char(p[2]) && !placeholder_at(p, &name_len, &fallback, &fallback_len))
			return (long)(p - text);
	}
	return -1;
}

/* TEXT expanded into the arena A; GAPS collects its placeholders, *FELL_BACK (when given)
 * is set when some part did not come from the facts. */
long plan_check_fallbacks(const char *text, int command)
{
	size_t backticks = 0;

	for (const char *p = text; *p; p++) {
		size_t name_len, fallback_len;
		const char *fallback;
		backticks += *p == '`';
		/* no fallback, or an empty one: the item is left out when the fact is missing */
		if (!placeholder_at(p, &name_len, &fallback, &fallback_len) || !fallback_len)
			continue;
		/* between backticks the reader sees code: prose there reads as a name */
		int code = command || backticks % 2;
		if (!plan_is_placeholder(fallback, fallback_len) &&
		    (code || !plan_is_prose(fallback, fallback_len)))
			return (long)(fallback - text);
	}
	return -1;
}

static const char *expand_into(struct arena *a, const char *text, const struct facts *facts,
			       struct plan_gaps *gaps, int *fell_back)
{
	char *v = plan_expand_gaps(text, facts, gaps, fell_back);
	const char *kept = arena_strdup(a, v);

	free(v);
	return kept;
}

/* Whether TEXT expanded to nothing but blanks: an item made only of placeholders whose
 * facts are missing (and whose fallback is empty) says nothing, so it is left out. */
static int is_blank(const char *text)
{
	return text[strspn(text, " \t\n")] == '\0';
}

/* The N TEXTS expanded, those that expand to nothing left out; *KEPT is how many remain. */
static const char **expand_all(struct arena *a, const char *const *texts, size_t n,
			       const struct facts *facts, struct plan_gaps *gaps, size_t *kept)
{
	const char **v = arena_alloc(a, (n ? n : 1) * sizeof *v);

	*kept = 0;
	for (size_t i = 0; i < n; i++) {
		const char *text = expand_into(a, texts[i], facts, gaps, NULL);
		if (!is_blank(text))
			v[(*kept)++] = text;
	}
	return v;
}

void plan_fini(struct plan *plan)
{
	arena_free(plan->arena);
	memset(plan, 0, sizeof *plan);
}

/*
 * The fix a finding gets is its leading cause's own (infer_lead): every cause carries the
 * fix for that cause, and the playbook's list is the overview of them all, so the two
 * combined say the same fix twice.  The playbook's list stands in only when the leading
 * cause has no fix of its own.
 */
static void build_fix(struct plan *plan, const struct finding *fd, struct plan_gaps *gaps)
{
	const struct kb_playbook *pb = fd->playbook;
	const struct ranked_cause *lead = infer_lead(fd);
	const struct kb_cause *c = fd->conclusion ? fd->conclusion : lead ? lead->cause : NULL;
	const char *own = c && c->fix && *c->fix ? c->fix : NULL;

	if (own) {
		plan->fix = expand_all(plan->arena, &own, 1, &fd->facts, gaps, &plan->nfix);
		if (plan->nfix)
			return;
	}
	plan->fix = expand_all(plan->arena, pb->fix, pb->nfix, &fd->facts, gaps, &plan->nfix);
}

void plan_build(struct finding *fd)
{
	const struct kb_playbook *pb = fd->playbook;
	const struct facts *facts = &fd->facts;
	struct plan *plan = &fd->plan;

	struct plan_gaps gaps = { 0 };

	plan_fini(plan);
	struct arena *a = plan->arena = arena_new();
	plan->first_ten_minutes = expand_all(a, pb->first_ten_minutes, pb->nfirst_ten_minutes,
					     facts, &gaps, &plan->nfirst_ten_minutes);
	plan->where_to_look = expand_all(a, pb->where_to_look, pb->nwhere_to_look, facts, &gaps,
					 &plan->nwhere_to_look);
	plan->worse = expand_all(a, pb->worse, pb->nworse, facts, &gaps, &plan->nworse);
	build_fix(plan, fd, &gaps);
	plan->nverify = 0;
	plan->verify = arena_alloc(a, (pb->nverify ? pb->nverify : 1) * sizeof *plan->verify);
	for (size_t i = 0; i < pb->nverify; i++) {
		struct plan_check *c = &plan->verify[plan->nverify];
		int fell_back = 0;
		c->run = expand_into(a, pb->verify[i].run, facts, &gaps, &fell_back);
		if (is_blank(c->run))
			continue;
		c->runnable = !fell_back;
		c->before = expand_into(a, pb->verify[i].before, facts, &gaps, NULL);
		c->after = expand_into(a, pb->verify[i].after, facts, &gaps, NULL);
		plan->nverify++;
	}
	plan->placeholders = arena_alloc(a, (gaps.n ? gaps.n : 1) * sizeof *plan->placeholders);
	for (size_t i = 0; i < gaps.n; i++)
		plan->placeholders[i] = arena_strdup(a, gaps.v[i]);
	plan->nplaceholders = gaps.n;
	plan_gaps_fini(&gaps);
}
