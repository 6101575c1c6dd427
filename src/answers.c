/*
 * answers.c: answers given ahead of time, from the command line or a YAML file read with
 * libyaml's event parser (a flat map, every problem reported at its file:line:col), and
 * how answers become facts: the log's facts, less those an answer replaces, plus the
 * answers', then inference again.
 */
#include "answers.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "infer.h"
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

struct seen {                            /* a key of the file, for duplicates */
	char *key;
	unsigned line;
};

struct reader {
	yaml_parser_t parser;
	const char *path;
	struct seen *seen;
	size_t nseen, seen_cap;
	int errors;
};

static void error_at(struct reader *r, const yaml_mark_t *mark, const char *fmt, ...)
	MSG_PRINTF(3, 4);

static void error_at(struct reader *r, const yaml_mark_t *mark, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	msg(MSG_ERROR, r->path, (unsigned)mark->line + 1, (unsigned)mark->column + 1, "%s", text);
	r->errors++;
}

/* The next event; 0 after reporting a syntax error. */
static int next_event(struct reader *r, yaml_event_t *ev)
{
	if (yaml_parser_parse(&r->parser, ev))
		return 1;
	msg(MSG_ERROR, r->path, (unsigned)r->parser.problem_mark.line + 1,
	    (unsigned)r->parser.problem_mark.column + 1, "%s",
	    r->parser.problem ? r->parser.problem : "malformed YAML");
	r->errors++;
	return 0;
}

/* Whether EV is a scalar that can be a key or an answer; reports why not. */
static int plain_scalar(struct reader *r, const yaml_event_t *ev, const char *what)
{
	if (ev->type == YAML_ALIAS_EVENT) {
		error_at(r, &ev->start_mark, "aliases are not allowed in an answers file");
		return 0;
	}
	if (ev->type != YAML_SCALAR_EVENT) {
		error_at(r, &ev->start_mark, "%s must be a plain value, not a list or map", what);
		return 0;
	}
	if (ev->data.scalar.anchor) {
		error_at(r, &ev->start_mark, "anchors are not allowed in an answers file");
		return 0;
	}
	if (!ev->data.scalar.length || strlen((const char *)ev->data.scalar.value) !=
				       ev->data.scalar.length) {
		error_at(r, &ev->start_mark, "%s is empty or holds a NUL byte", what);
		return 0;
	}
	return 1;
}

/* After the start of a list or map (TYPE), its events up to its end: it was reported
 * once, its insides need not be.  Returns 0 after a syntax error. */
static int skip_nested(struct reader *r, yaml_event_type_t type)
{
	int depth = type == YAML_MAPPING_START_EVENT || type == YAML_SEQUENCE_START_EVENT;

	while (depth > 0) {
		yaml_event_t ev;
		if (!next_event(r, &ev))
			return 0;
		if (ev.type == YAML_MAPPING_START_EVENT || ev.type == YAML_SEQUENCE_START_EVENT)
			depth++;
		else if (ev.type == YAML_MAPPING_END_EVENT || ev.type == YAML_SEQUENCE_END_EVENT)
			depth--;
		yaml_event_delete(&ev);
	}
	return 1;
}

/* Whether KEY was a key before in this file; reports it. */
static int answered_twice(struct reader *r, const yaml_event_t *key)
{
	const char *k = (const char *)key->data.scalar.value;

	for (size_t i = 0; i < r->nseen; i++) {
		if (strcmp(r->seen[i].key, k))
			continue;
		error_at(r, &key->start_mark, "question '%s' is answered twice (first at line %u)",
			 k, r->seen[i].line);
		return 1;
	}
	grow(&r->seen, &r->seen_cap, r->nseen, sizeof *r->seen);
	r->seen[r->nseen++] = (struct seen){ xstrdup(k), (unsigned)key->start_mark.line + 1 };
	return 0;
}

/* The pairs of the top-level map, up to its end.  Returns 0 after a syntax error. */
static int read_pairs(struct reader *r, struct answers *a)
{
	for (;;) {
		yaml_event_t key, value;
		if (!next_event(r, &key))
			return 0;
		if (key.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&key);
			return 1;
		}
		int ok = plain_scalar(r, &key, "a question");
		if (!skip_nested(r, key.type) || !next_event(r, &value)) {
			yaml_event_delete(&key);
			return 0;
		}
		ok = plain_scalar(r, &value, "an answer") && ok;
		if (ok && !answered_twice(r, &key))
			add(a, (const char *)key.data.scalar.value, key.data.scalar.length,
			    (const char *)value.data.scalar.value, r->path,
			    (unsigned)value.start_mark.line + 1,
			    (unsigned)value.start_mark.column + 1);
		yaml_event_type_t type = value.type;
		yaml_event_delete(&key);
		yaml_event_delete(&value);
		if (!skip_nested(r, type))
			return 0;
	}
}

/* Stream and document around one map; an empty file holds no answers. */
static void read_document(struct reader *r, struct answers *a)
{
	yaml_event_t ev;
	int done = 0, documents = 0;

	while (!done && next_event(r, &ev)) {
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (documents++) {
				error_at(r, &ev.start_mark, "an answers file holds one document");
				done = 1;
			}
			break;
		case YAML_MAPPING_START_EVENT:
			if (!read_pairs(r, a))
				done = 1;
			break;
		case YAML_SCALAR_EVENT:
			if (ev.data.scalar.length == 0 && ev.data.scalar.plain_implicit)
				break;          /* an empty document */
			/* fall through */
		case YAML_SEQUENCE_START_EVENT:
		case YAML_ALIAS_EVENT:
			error_at(r, &ev.start_mark,
				 "expected a map of question: answer (e.g. \"handoff-route: pool\")");
			done = 1;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = { 0 };
	char chunk[8192];
	size_t n;

	if (!f)
		return NULL;
	errno = 0;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	int failed = ferror(f) ? (errno ? errno : EIO) : 0;
	fclose(f);
	if (failed) {
		buf_fini(&b);
		errno = failed;
		return NULL;
	}
	*len = b.len;
	return buf_release(&b);
}

int answers_load_file(struct answers *a, const char *path)
{
	struct reader r = { .path = path };
	size_t len = 0;
	char *text = read_file(path, &len);

	if (!text) {
		msg(MSG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
		return 1;
	}
	yaml_parser_initialize(&r.parser);
	yaml_parser_set_input_string(&r.parser, (const unsigned char *)text, len);
	read_document(&r, a);
	yaml_parser_delete(&r.parser);
	for (size_t i = 0; i < r.nseen; i++)
		free(r.seen[i].key);
	free(r.seen);
	free(text);
	return r.errors;
}

/* --- checking and applying --- */

static const struct kb_answer *answer_named(const struct kb_question *q, const char *value)
{
	for (size_t i = 0; i < q->nanswers; i++)
		if (!strcmp(q->answers[i].value, value))
			return &q->answers[i];
	return NULL;
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
		valid |= answer_named(q, e->value) != NULL;
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
			buf_printf(&text, "%s%s", i ? ", " : "", first->answers[i].value);
		buf_adds(&text, ")");
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

void answers_refresh(struct regex_cache *rc, struct finding *fd, const struct facts *log,
		     const struct answer_fact *v, size_t n)
{
	struct facts next = { 0 };

	for (size_t i = 0; i < log->n; i++) {
		const struct fact *f = &log->v[i];
		int replaced = 0;
		for (size_t k = 0; k < n && !replaced; k++)
			replaced = !strcmp(v[k].fact, f->name);
		if (!replaced)
			facts_set(&next, f->name, f->value, f->source, f->line);
	}
	for (size_t k = 0; k < n; k++)
		facts_set(&next, v[k].fact, v[k].value, v[k].source, 0);
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
		const struct kb_answer *ans = q ? answer_named(q, e->value) : NULL;
		size_t k = 0;
		if (!ans || !q->fact)
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
		v[k] = (struct answer_fact){ q->fact, ans->value, sources[k] };
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
