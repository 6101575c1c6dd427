/*
 * answers.c: answers given ahead of time, from the command line or a YAML file (a flat
 * map read with the knowledge base's YAML reader, every problem at its file:line:col), and
 * how answers become facts: the log's facts, less those an answer replaces, plus the
 * answers', then inference again.
 */
#include "answers.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "infer.h"
#include "kb_yaml.h"
#include "msg.h"
#include "plan.h"
#include "util.h"

struct entry {
	char *playbook;                  /* NULL: any playbook that asks the question */
	char *question;
	char *value;
	char *file;                      /* NULL: given with --answer */
	unsigned line, col;              /* of the answer in FILE */
};

struct answers {
	struct entry *v;
	size_t n, cap;
};

struct answers *answers_new(void)
{
	return xcalloc(1, sizeof(struct answers));
}

static void entry_fini(struct entry *e)
{
	free(e->playbook);
	free(e->question);
	free(e->value);
	free(e->file);
}

void answers_free(struct answers *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->n; i++)
		entry_fini(&a->v[i]);
	free(a->v);
	free(a);
}

size_t answers_count(const struct answers *a)
{
	return a ? a->n : 0;
}

static int same_key(const struct entry *e, const char *playbook, const char *question)
{
	if (strcmp(e->question, question))
		return 0;
	if (!e->playbook || !playbook)
		return !e->playbook && !playbook;
	return !strcmp(e->playbook, playbook);
}

/* KEY is "QUESTION" or "PLAYBOOK/QUESTION"; a later answer to the same key replaces. */
static void add(struct answers *a, const char *key, size_t key_len, const char *value,
		const char *file, unsigned line, unsigned col)
{
	const char *slash = memchr(key, '/', key_len);
	char *playbook = slash ? xstrndup(key, (size_t)(slash - key)) : NULL;
	char *question = slash ? xstrndup(slash + 1, key_len - (size_t)(slash + 1 - key))
			       : xstrndup(key, key_len);
	struct entry *e = NULL;

	for (size_t i = 0; i < a->n && !e; i++)
		if (same_key(&a->v[i], playbook, question))
			e = &a->v[i];
	if (e) {
		entry_fini(e);
	} else {
		grow(&a->v, &a->cap, a->n, sizeof *a->v);
		e = &a->v[a->n++];
	}
	e->playbook = playbook;
	e->question = question;
	e->value = xstrdup(value);
	e->file = file ? xstrdup(file) : NULL;
	e->line = line;
	e->col = col;
}

int answers_add_arg(struct answers *a, const char *arg)
{
	const char *eq = strchr(arg, '=');

	if (!eq || eq == arg || !eq[1]) {
		msg_plain(MSG_ERROR, "--answer '%s': expected QUESTION=ANSWER", arg);
		return -1;
	}
	add(a, arg, (size_t)(eq - arg), eq + 1, NULL, 0, 0);
	return 0;
}

/* --- the YAML file --- */

/* A file of more is no answers file; it also keeps the search for repeats small. */
#define ANSWERS_MAX 4096
#define ANSWERS_FILE_MAX (1u << 20)

/* Whether the question of KEY was answered before it in MAP; reports it. */
static int answered_twice(const char *path, const struct kb_node *map,
			  const struct kb_node *key)
{
	char shown[80];

	for (const struct kb_node *k = map->child; k != key; k = k->next->next) {
		if (strcmp(k->text, key->text))
			continue;
		msg(MSG_ERROR, path, key->line, key->col,
		    "question '%s' is answered twice (first at line %u)",
		    kb_shown(shown, sizeof shown, key->text), k->line);
		return 1;
	}
	return 0;
}

/* The pairs of MAP; returns the number of errors reported. */
static int read_pairs(struct answers *a, const char *path, const struct kb_node *map)
{
	int errors = 0;

	if (map->nchildren / 2 > ANSWERS_MAX) {
		msg(MSG_ERROR, path, map->line, map->col, "more than %d answers", ANSWERS_MAX);
		return 1;
	}
	for (const struct kb_node *key = map->child; key; key = key->next->next) {
		const struct kb_node *value = key->next;
		if (value->kind != KB_SCALAR) {
			msg(MSG_ERROR, path, value->line, value->col,
			    "an answer must be a plain value, not a list or map");
			errors++;
		} else if (!key->len || !value->len) {
			msg(MSG_ERROR, path, key->len ? value->line : key->line,
			    key->len ? value->col : key->col, "%s is empty",
			    key->len ? "the answer" : "the question");
			errors++;
		} else if (answered_twice(path, map, key)) {
			errors++;
		} else {
			add(a, key->text, key->len, value->text, path, value->text_line,
			    value->text_col);
		}
	}
	return errors;
}

int answers_load_file(struct answers *a, const char *path)
{
	struct buf text = { 0 };

	if (read_file(path, ANSWERS_FILE_MAX, &text) < 0) {
		msg(MSG_ERROR, path, 0, 0, "cannot read: %s", errno == EFBIG ?
		    "an answers file holds at most 1 MiB" : strerror(errno));
		buf_fini(&text);
		return 1;
	}
	struct arena *nodes = arena_new();
	struct kb_node *root;
	int errors = kb_yaml_read(nodes, path, text.s, text.len, &root);
	if (!errors && root && root->kind != KB_MAPPING) {
		msg(MSG_ERROR, path, root->line, root->col,
		    "expected a map of question: answer (e.g. \"handoff-route: pool\")");
		errors = 1;
	} else if (!errors && root) {
		errors = read_pairs(a, path, root);
	}
	arena_free(nodes);
	buf_fini(&text);
	return errors;
}

/* --- checking and applying --- */

const char *answers_word(const struct kb_answer *a)
{
	return a->name ? a->name : a->value;
}

const struct kb_answer *answers_named(const struct kb_question *q, const char *word)
{
	for (size_t i = 0; i < q->nanswers; i++)
		if (!strcasecmp(answers_word(&q->answers[i]), word))
			return &q->answers[i];
	for (size_t i = 0; i < q->nanswers; i++)
		if (!strcasecmp(q->answers[i].value, word))
			return &q->answers[i];
	return NULL;
}

/* Whether WORD is an answer to Q: one of its answers, or the skip. */
static int answers_it(const struct kb_question *q, const char *word)
{
	return answers_named(q, word) || !strcasecmp(word, ANSWERS_SKIP);
}

static void entry_error(const struct entry *e, const char *text)
{
	if (e->file)
		msg(MSG_ERROR, e->file, e->line, e->col, "%s", text);
	else
		msg_plain(MSG_ERROR, "--answer %s%s%s=%s: %s", e->playbook ? e->playbook : "",
			  e->playbook ? "/" : "", e->question, e->value, text);
}

/* The questions E can answer: its playbook's, or those of that id in any playbook. */
static int check_entry(const struct entry *e, const struct kb *kb)
{
	const struct kb_question *first = NULL;
	struct buf text = { 0 };
	int valid = 0;

	for (size_t i = 0; i < kb->nplaybooks; i++) {
		const struct kb_playbook *pb = kb->playbooks[i];
		if (e->playbook && strcmp(pb->id, e->playbook))
			continue;
		const struct kb_question *q = infer_question(pb, e->question);
		if (!q)
			continue;
		first = first ? first : q;
		valid |= answers_it(q, e->value);
	}
	if (valid)
		return 0;
	if (e->playbook && !kb_find(kb, e->playbook))
		buf_printf(&text, "no playbook '%s' (see pickdoc --list)", e->playbook);
	else if (!first)
		buf_printf(&text, "no question '%s' in %s%s (see pickdoc --show)", e->question,
			   e->playbook ? "playbook " : "the knowledge base",
			   e->playbook ? e->playbook : "");
	else {
		buf_printf(&text, "'%s' is not an answer to '%s' (", e->value, e->question);
		for (size_t i = 0; i < first->nanswers; i++)
			buf_printf(&text, "%s%s", i ? ", " : "", answers_word(&first->answers[i]));
		buf_adds(&text, ", or " ANSWERS_SKIP ")");
	}
	entry_error(e, text.s);
	buf_fini(&text);
	return 1;
}

int answers_check(const struct answers *a, const struct kb *kb)
{
	int errors = 0;

	for (size_t i = 0; a && i < a->n; i++)
		errors += check_entry(&a->v[i], kb);
	return errors;
}

/* Whether answer V sets fact NAME. */
static int sets(const struct answer_fact *v, const char *name)
{
	return v->answer && v->question->fact && !strcmp(v->question->fact, name);
}

void answers_refresh(struct regex_cache *rc, struct finding *fd, const struct facts *log,
		     const struct answer_fact *v, size_t n)
{
	struct facts next = { 0 };

	for (size_t i = 0; i < log->n; i++) {
		const struct fact *f = &log->v[i];
		int replaced = 0;
		for (size_t k = 0; k < n && !replaced; k++)
			replaced = sets(&v[k], f->name);
		if (!replaced)
			facts_set(&next, f->name, f->value, f->source, f->line);
	}
	free(fd->skipped);
	fd->skipped = xcalloc(n + 1, sizeof *fd->skipped);
	fd->nskipped = 0;
	for (size_t k = 0; k < n; k++) {
		if (!v[k].answer) {
			fd->skipped[fd->nskipped++] = v[k].question;
			continue;
		}
		const struct fact *was = facts_find(log, v[k].question->fact);
		if (!v[k].question->fact ||
		    !facts_set(&next, v[k].question->fact, v[k].answer->value, v[k].source, 0))
			continue;
		/* What the person overrode stays visible: the log can be wrong, or they can. */
		if (was && !infer_by_person(was) && strcmp(was->value, v[k].answer->value))
			next.v[next.n - 1].replaced = xstrdup(was->value);
	}
	facts_fini(&fd->facts);
	fd->facts = next;
	infer_rank(rc, fd);
	plan_build(fd);
}

size_t answers_apply(const struct answers *a, struct regex_cache *rc, struct finding *fd)
{
	const struct kb_playbook *pb = fd->playbook;
	const struct kb_question **asked;
	struct answer_fact *v;
	char **sources;
	size_t n = 0;

	if (!a || !a->n)
		return 0;
	v = xcalloc(a->n, sizeof *v);
	sources = xcalloc(a->n, sizeof *sources);
	asked = xcalloc(a->n, sizeof *asked);
	for (size_t i = 0; i < a->n; i++) {
		const struct entry *e = &a->v[i];
		const struct kb_question *q = e->playbook && strcmp(e->playbook, pb->id) ? NULL
					      : infer_question(pb, e->question);
		const struct kb_answer *ans = q ? answers_named(q, e->value) : NULL;
		size_t k = 0;
		if (!q || (!ans && strcasecmp(e->value, ANSWERS_SKIP)))
			continue;
		/* "QUESTION" and "PLAYBOOK/QUESTION" name the same one: the later wins. */
		while (k < n && asked[k] != q)
			k++;
		if (k == n)
			n++;
		free(sources[k]);
		struct buf source = { 0 };
		if (e->file)
			buf_printf(&source, INFER_SOURCE_PERSON " (%s:%u)", e->file, e->line);
		else
			buf_adds(&source, INFER_SOURCE_PERSON " (--answer)");
		sources[k] = buf_release(&source);
		asked[k] = q;
		v[k] = (struct answer_fact){ q, ans, sources[k] };
	}
	if (n)
		answers_refresh(rc, fd, &fd->facts, v, n);
	for (size_t i = 0; i < n; i++)
		free(sources[i]);
	free(sources);
	free(asked);
	free(v);
	return n;
}
