/*
 * kb_schema.c: the schema of knowledge/README.md.  Checks a YAML tree for required,
 * unknown and duplicate keys, types and ids, and builds the structures of kb.h from it.
 * Knows the names of the keys and their types, nothing of what a playbook means.
 */
#include "kb_int.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"

struct schema {
	struct arena *arena;
	const char *file;
	int errors;
};

enum field_kind {
	F_TEXT,                          /* a string, not empty */
	F_ID,                            /* a string that is an id */
	F_INT,
	F_BOOL,                          /* true or false, as an int */
	F_TEXTS,                         /* a sequence of strings */
	F_IDS,                           /* a sequence of ids or "*" */
	F_LIST,                          /* a sequence of TYPE */
	F_MAP,                           /* one TYPE, pointed to */
	F_READ                           /* READ knows */
};

struct type;

struct field {
	const char *key;
	enum field_kind kind;
	int required;
	size_t off;                      /* the member the value goes to */
	size_t count_off;                /* F_TEXTS, F_IDS, F_LIST: the member counting it */
	const struct type *type;         /* F_LIST, F_MAP */
	void (*read)(struct schema *s, const struct kb_node *key, const struct kb_node *value,
		     void *obj);
};

#define NONE SIZE_MAX
#define MAX_FIELDS 32                    /* keys of one mapping type; a playbook has 16 */
/* A knowledge file is untrusted input: bounded lists of mappings (questions, answers,
 * causes...) keep the checks and walks over them, some quadratic, fast; and a file broken
 * everywhere gets a screenful of errors, not one per line. */
#define MAX_ITEMS 1024                   /* items of a list of mappings, keys of a map */
#define MAX_ERRORS 20                    /* shown per file */

struct type {
	const char *what;                /* "unknown key 'x' in WHAT" */
	size_t size;
	size_t pos_off;                  /* its struct kb_pos, or NONE */
	size_t scalar_off;               /* a plain string item sets this string, or NONE */
	const struct field *fields;
	size_t nfields;
};

struct named {                           /* an id or a key, for finding duplicates */
	const char *name;
	const char *kind;                /* "cause id", "key" */
	unsigned line, col;
};

static void error_at(struct schema *s, const struct kb_node *n, const char *fmt, ...)
	MSG_PRINTF(3, 4);

static void error_at(struct schema *s, const struct kb_node *n, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	s->errors++;
	if (s->errors > MAX_ERRORS)
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	msg(MSG_ERROR, s->file, n ? n->line : 0, n ? n->col : 0, "%s", text);
	if (s->errors == MAX_ERRORS)
		msg(MSG_NOTE, s->file, 0, 0, "too many errors: the rest are not shown");
}

/* Whether V has more items (or keys) than any knowledge file needs (reported). */
static int too_long(struct schema *s, const char *key, const struct kb_node *v)
{
	size_t n = v->kind == KB_MAPPING ? v->nchildren / 2 : v->nchildren;

	if (n <= MAX_ITEMS)
		return 0;
	error_at(s, v, "'%s' has %zu %s, more than the %d allowed", key, n,
		 v->kind == KB_MAPPING ? "keys" : "items", MAX_ITEMS);
	return 1;
}

/* Bytes at T that would act on a terminal: a control character (C0, DEL, C1) or a
 * bidirectional control; 0 for any other character. */
static size_t control_len(const unsigned char *t)
{
	if (t[0] < 0x20 || t[0] == 0x7f)
		return 1;
	if (t[0] == 0xc2 && t[1] >= 0x80 && t[1] <= 0x9f)
		return 2;
	if (t[0] == 0xe2 && ((t[1] == 0x80 && (t[2] == 0x8e || t[2] == 0x8f ||
					       (t[2] >= 0xa8 && t[2] <= 0xae))) ||
			     (t[1] == 0x81 && t[2] >= 0xa6 && t[2] <= 0xa9)))
		return 3;
	return 0;
}

const char *kb_shown(char *dst, size_t size, const char *text)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t i = 0, o = 0, max = size - 4;

	while (t[i] && o < max) {
		size_t skip = control_len(t + i);
		if (skip) {
			dst[o++] = '?';
			i += skip;
		} else {
			dst[o++] = text[i++];
		}
	}
	if (t[i]) {
		memcpy(dst + o, "...", 3);
		o += 3;
	}
	dst[o] = '\0';
	return dst;
}

static int is_null(const struct kb_node *n)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };

	if (n->kind != KB_SCALAR || !n->plain)
		return 0;
	for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
		if (!strcmp(n->text, nulls[i]))
			return 1;
	return 0;
}

static int valid_id(const char *id)
{
	if (!((*id >= 'a' && *id <= 'z') || (*id >= '0' && *id <= '9')))
		return 0;
	for (; *id; id++)
		if (!((*id >= 'a' && *id <= 'z') || (*id >= '0' && *id <= '9') || *id == '-'))
			return 0;
	return 1;
}

static struct kb_pos pos_of(const struct schema *s, const struct kb_node *n)
{
	return (struct kb_pos){ s->file, n->line, n->col };
}

/* Members are set through their offset: memcpy keeps that free of type punning. */
static void set_member(void *obj, size_t off, const void *value, size_t size)
{
	memcpy((char *)obj + off, value, size);
}

/* Where a problem with VALUE is shown: at its key when the value was left out. */
static const struct kb_node *at(const struct kb_node *key, const struct kb_node *value)
{
	return key && is_null(value) ? key : value;
}

/* LABEL names the value in messages: "'title'", "item of 'fix'". */
static const char *read_text(struct schema *s, const char *label, const struct kb_node *key,
			     const struct kb_node *v)
{
	if (v->kind != KB_SCALAR) {
		error_at(s, v, "%s must be a string", label);
		return NULL;
	}
	if (is_null(v) || !v->len) {
		error_at(s, at(key, v), "%s must not be empty", label);
		return NULL;
	}
	return arena_strndup(s->arena, v->text, v->len);
}

static const char *read_id(struct schema *s, const char *label, const struct kb_node *key,
			   const struct kb_node *v, int star)
{
	const char *id = read_text(s, label, key, v);
	char buf[80];

	if (id && !valid_id(id) && !(star && !strcmp(id, "*"))) {
		error_at(s, v, "invalid id '%s'", kb_shown(buf, sizeof buf, id));
		return NULL;
	}
	return id;
}

static void read_int(struct schema *s, const char *label, const struct kb_node *key,
		     const struct kb_node *v, int *out)
{
	const char *t = v->kind == KB_SCALAR && v->plain ? v->text : "";
	const char *digits = t + (*t == '-' || *t == '+');

	if (*digits && strspn(digits, "0123456789") == strlen(digits)) {
		long n = strtol(t, NULL, 10);
		if (n >= INT_MIN && n <= INT_MAX && strlen(digits) < 12) {
			*out = (int)n;
			return;
		}
	}
	error_at(s, at(key, v), "%s must be an integer", label);
}

static void read_bool(struct schema *s, const char *label, const struct kb_node *v, int *out)
{
	const char *t = v->kind == KB_SCALAR ? v->text : "";
	char buf[80];

	if (!strcmp(t, "true") || !strcmp(t, "false")) {
		*out = !strcmp(t, "true");
		return;
	}
	error_at(s, v, "invalid %s '%s' (expected true or false)", label,
		 kb_shown(buf, sizeof buf, t));
}

static void read_object(struct schema *s, const struct kb_node *map, const struct type *type,
			void *obj);

static int check_sequence(struct schema *s, const struct field *f, const struct kb_node *key,
			  const struct kb_node *v)
{
	if (v->kind != KB_SEQUENCE) {
		error_at(s, at(key, v), "'%s' must be a sequence", f->key);
		return -1;
	}
	if (f->required && !v->nchildren) {
		error_at(s, v, "'%s' must not be empty", f->key);
		return -1;
	}
	return 0;
}

static void *alloc_array(struct schema *s, size_t n, size_t size)
{
	if (!n)
		return NULL;
	if (n > SIZE_MAX / size) {
		fputs("pickdoc: out of memory\n", stderr);
		exit(2);
	}
	return arena_alloc(s->arena, n * size);
}

static void read_texts(struct schema *s, const struct field *f, const struct kb_node *key,
		       const struct kb_node *v, void *obj)
{
	char label[64];

	if (check_sequence(s, f, key, v))
		return;
	const char **texts = alloc_array(s, v->nchildren, sizeof *texts);
	size_t n = 0;
	snprintf(label, sizeof label, "item of '%s'", f->key);
	for (const struct kb_node *item = v->child; item; item = item->next)
		texts[n++] = f->kind == F_IDS ? read_id(s, label, NULL, item, 1)
					      : read_text(s, label, NULL, item);
	set_member(obj, f->off, &texts, sizeof texts);
	set_member(obj, f->count_off, &n, sizeof n);
}

static void read_list(struct schema *s, const struct field *f, const struct kb_node *key,
		      const struct kb_node *v, void *obj)
{
	const struct type *type = f->type;
	char label[64];

	if (check_sequence(s, f, key, v) || too_long(s, f->key, v))
		return;
	char *items = alloc_array(s, v->nchildren, type->size);
	size_t n = 0;
	snprintf(label, sizeof label, "item of '%s'", f->key);
	for (const struct kb_node *item = v->child; item; item = item->next, n++) {
		void *elem = items + n * type->size;
		if (item->kind == KB_MAPPING) {
			read_object(s, item, type, elem);
		} else if (item->kind == KB_SCALAR && type->scalar_off != NONE) {
			const char *text = read_text(s, label, NULL, item);
			struct kb_pos pos = pos_of(s, item);
			set_member(elem, type->scalar_off, &text, sizeof text);
			set_member(elem, type->pos_off, &pos, sizeof pos);
		} else {
			error_at(s, item, "%s must be a %s", label,
				 type->scalar_off != NONE ? "string or a mapping" : "mapping");
		}
	}
	set_member(obj, f->off, &items, sizeof items);
	set_member(obj, f->count_off, &n, sizeof n);
}

static void read_value(struct schema *s, const struct field *f, const struct kb_node *key,
		       const struct kb_node *v, void *obj)
{
	char label[64];
	const char *text;
	void *sub;
	int n = 0;

	snprintf(label, sizeof label, "'%s'", f->key);
	switch (f->kind) {
	case F_TEXT:
	case F_ID:
		text = f->kind == F_ID ? read_id(s, label, key, v, 0) : read_text(s, label, key, v);
		set_member(obj, f->off, &text, sizeof text);
		break;
	case F_INT:
		read_int(s, label, key, v, &n);
		set_member(obj, f->off, &n, sizeof n);
		break;
	case F_BOOL:
		read_bool(s, label, v, &n);
		set_member(obj, f->off, &n, sizeof n);
		break;
	case F_TEXTS:
	case F_IDS:
		read_texts(s, f, key, v, obj);
		break;
	case F_LIST:
		read_list(s, f, key, v, obj);
		break;
	case F_MAP:
		if (v->kind != KB_MAPPING) {
			error_at(s, at(key, v), "%s must be a mapping", label);
			break;
		}
		sub = arena_alloc(s->arena, f->type->size);
		read_object(s, v, f->type, sub);
		set_member(obj, f->off, &sub, sizeof sub);
		break;
	case F_READ:
		f->read(s, key, v, obj);
		break;
	}
}

static const struct field *find_field(const struct type *type, const char *key)
{
	for (size_t i = 0; i < type->nfields; i++)
		if (!strcmp(type->fields[i].key, key))
			return &type->fields[i];
	return NULL;
}

static void read_object(struct schema *s, const struct kb_node *map, const struct type *type,
			void *obj)
{
	unsigned char seen[MAX_FIELDS] = { 0 };
	char buf[80];

	if (type->pos_off != NONE) {
		struct kb_pos pos = pos_of(s, map);
		set_member(obj, type->pos_off, &pos, sizeof pos);
	}
	for (const struct kb_node *key = map->child; key; key = key->next->next) {
		const struct field *f = find_field(type, key->text);
		if (!f) {
			error_at(s, key, "unknown key '%s' in %s",
				 kb_shown(buf, sizeof buf, key->text), type->what);
			continue;
		}
		if (seen[f - type->fields]) {
			error_at(s, key, "duplicate key '%s' in %s", f->key, type->what);
			continue;
		}
		seen[f - type->fields] = 1;
		read_value(s, f, key, key->next, obj);
	}
	for (size_t i = 0; i < type->nfields; i++)
		if (type->fields[i].required && !seen[i])
			error_at(s, map, "missing required key '%s'", type->fields[i].key);
}

static int named_cmp(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->col < y->col ? -1 : x->col > y->col;
}

/* Reports every name of V (N of them) that an earlier one already has.  WHERE ends the
 * message about a repeated key ("in 'when'"). */
static void report_duplicates(struct schema *s, struct named *v, size_t n, const char *where)
{
	char buf[80];

	if (n > 1)
		qsort(v, n, sizeof *v, named_cmp);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && !strcmp(v[i].name, v[j].name); j++) {
			struct kb_node at_node = { .line = v[j].line, .col = v[j].col };
			kb_shown(buf, sizeof buf, v[j].name);
			if (!strcmp(v[i].kind, v[j].kind))
				error_at(s, &at_node, "duplicate %s '%s'%s", v[j].kind, buf, where);
			else
				error_at(s, &at_node, "%s '%s' is also a %s", v[j].kind, buf,
					 v[i].kind);
		}
	}
}

/* Checks that V, the value of KEY, maps free names (of facts) to anything, each name once. */
static int check_free_map(struct schema *s, const struct kb_node *key, const struct kb_node *v)
{
	char where[64];

	if (v->kind != KB_MAPPING) {
		error_at(s, at(key, v), "'%s' must be a mapping", key->text);
		return -1;
	}
	if (too_long(s, key->text, v))
		return -1;
	struct named *names = xreallocarray(NULL, v->nchildren / 2, sizeof *names);
	size_t n = 0;
	for (const struct kb_node *k = v->child; k; k = k->next->next)
		names[n++] = (struct named){ k->text, "key", k->line, k->col };
	snprintf(where, sizeof where, " in '%s'", key->text);
	report_duplicates(s, names, n, where);
	free(names);
	return 0;
}

static void read_pattern(struct schema *s, const struct kb_node *key, const struct kb_node *v,
			 void *obj)
{
	struct kb_signature *sig = obj;

	sig->pattern = read_text(s, "'pattern'", key, v);
	sig->pattern_pos = (struct kb_pos){ s->file, v->text_line, v->text_col };
}

static void read_facts(struct schema *s, const struct kb_node *key, const struct kb_node *v,
		       void *obj)
{
	struct kb_signature *sig = obj;
	char label[96], buf[64];

	if (check_free_map(s, key, v))
		return;
	struct kb_fact *facts = alloc_array(s, v->nchildren / 2, sizeof *facts);
	size_t n = 0;
	for (const struct kb_node *k = v->child; k; k = k->next->next, n++) {
		snprintf(label, sizeof label, "fact '%s'", kb_shown(buf, sizeof buf, k->text));
		if (!k->len)
			error_at(s, k, "a fact name must not be empty");
		facts[n].name = arena_strndup(s->arena, k->text, k->len);
		facts[n].value = read_text(s, label, k, k->next);
	}
	sig->facts = facts;
	sig->nfacts = n;
}

static void read_when(struct schema *s, const struct kb_node *key, const struct kb_node *v,
		      void *obj)
{
	struct kb_boost *boost = obj;
	char label[96], buf[64];

	if (check_free_map(s, key, v))
		return;
	struct kb_cond *when = alloc_array(s, v->nchildren / 2, sizeof *when);
	size_t n = 0;
	for (const struct kb_node *k = v->child; k; k = k->next->next, n++) {
		const struct kb_node *pattern = k->next;
		int negate = k->text[0] == '!';
		if (!k->text[negate])
			error_at(s, k, "a fact name must not be empty");
		when[n].fact = arena_strdup(s->arena, k->text + negate);
		when[n].negate = negate;
		when[n].pos = pos_of(s, k);
		/* An empty pattern is meaningful: "fact is set", or with '!', "fact is absent". */
		if (pattern->kind == KB_SCALAR) {
			when[n].pattern = arena_strndup(s->arena, pattern->text, pattern->len);
			continue;
		}
		snprintf(label, sizeof label, "condition '%s'", kb_shown(buf, sizeof buf, k->text));
		error_at(s, pattern, "%s must be a string", label);
	}
	boost->when = when;
	boost->nwhen = n;
}

static void read_source(struct schema *s, const struct kb_node *key, const struct kb_node *v,
			void *obj)
{
	static const char *const sources[] = {
		"file", "func", "source", "frame", "type", "message", "note"
	};
	struct kb_rule *rule = obj;
	char buf[80];

	rule->from = read_text(s, "'from'", key, v);
	if (!rule->from)
		return;
	for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++)
		if (!strcmp(rule->from, sources[i]))
			return;
	/* A fact of the user frame (user_file, user_func, user_source) or one that an
	 * earlier rule on them set: read once the user frame is known. */
	if (!strncmp(rule->from, "user_", 5) && rule->from[5] &&
	    rule->from[5 + strspn(rule->from + 5, "abcdefghijklmnopqrstuvwxyz_")] == '\0')
		return;
	error_at(s, v, "invalid 'from' '%s' (expected file, func, source, frame, type, "
		 "message, note or a user_* fact)", kb_shown(buf, sizeof buf, rule->from));
}

static void read_collect(struct schema *s, const struct kb_node *key, const struct kb_node *v,
			 void *obj)
{
	struct kb_rule *rule = obj;
	char buf[80];

	rule->collect = read_text(s, "'collect'", key, v);
	if (rule->collect && strcmp(rule->collect, "outer-first"))
		error_at(s, v, "invalid 'collect' '%s' (expected outer-first)",
			 kb_shown(buf, sizeof buf, rule->collect));
}

#define TYPE(name, st, fields) \
	{ name, sizeof(st), offsetof(st, pos), NONE, fields, sizeof fields / sizeof fields[0] }
#define TYPE_NO_POS(name, st, fields) \
	{ name, sizeof(st), NONE, NONE, fields, sizeof fields / sizeof fields[0] }
#define FIELD(k, kind, req, st, m) { k, kind, req, offsetof(st, m), 0, NULL, NULL }
#define TEXT(st, m, req) FIELD(#m, F_TEXT, req, st, m)
#define INT(st, m, req) FIELD(#m, F_INT, req, st, m)
#define BOOL(st, m, req) FIELD(#m, F_BOOL, req, st, m)
#define TEXTS(st, m, req) { #m, F_TEXTS, req, offsetof(st, m), offsetof(st, n##m), NULL, NULL }
#define LIST(k, st, m, req, t) { k, F_LIST, req, offsetof(st, m), offsetof(st, n##m), &t, NULL }
#define READ(k, req, fn) { k, F_READ, req, 0, 0, NULL, fn }

static const struct field signature_fields[] = {
	TEXT(struct kb_signature, exception, 0),
	READ("pattern", 1, read_pattern),
	TEXT(struct kb_signature, literal, 0),
	TEXT(struct kb_signature, versions, 0),
	TEXT(struct kb_signature, frame, 0),
	TEXT(struct kb_signature, source, 0),
	BOOL(struct kb_signature, bare, 0),
	INT(struct kb_signature, priority, 0),
	BOOL(struct kb_signature, wrapper, 0),
	BOOL(struct kb_signature, consequence, 0),
	BOOL(struct kb_signature, alone, 0),
	BOOL(struct kb_signature, logged, 0),
	TEXT(struct kb_signature, context, 0),
	READ("facts", 0, read_facts),
};
static const struct type signature_type = TYPE("signature", struct kb_signature,
					       signature_fields);

static const struct field derive_fields[] = {
	TEXT(struct kb_derive, fact, 1),
	TEXT(struct kb_derive, from, 1),
	TEXT(struct kb_derive, pattern, 1),
	TEXT(struct kb_derive, value, 0),
	TEXT(struct kb_derive, because, 0),
};
static const struct type derive_type = TYPE("derive rule", struct kb_derive, derive_fields);

static const struct field boost_fields[] = {
	READ("when", 1, read_when),
	INT(struct kb_boost, add, 1),
	TEXT(struct kb_boost, because, 1),
};
static const struct type boost_type = TYPE("boost", struct kb_boost, boost_fields);

static const struct field cause_fields[] = {
	FIELD("id", F_ID, 1, struct kb_cause, id),
	TEXT(struct kb_cause, title, 1),
	INT(struct kb_cause, prior, 0),
	LIST("boosts", struct kb_cause, boosts, 0, boost_type),
	TEXT(struct kb_cause, fix, 0),
};
static const struct type cause_type = TYPE("cause", struct kb_cause, cause_fields);

static const struct field answer_fields[] = {
	FIELD("name", F_ID, 0, struct kb_answer, name),
	TEXT(struct kb_answer, value, 1),
	TEXT(struct kb_answer, label, 0),
	TEXT(struct kb_answer, match, 0),
	FIELD("next", F_ID, 1, struct kb_answer, next),
};
static const struct type answer_type = TYPE("answer", struct kb_answer, answer_fields);

static const struct field question_fields[] = {
	FIELD("id", F_ID, 1, struct kb_question, id),
	TEXT(struct kb_question, ask, 1),
	TEXT(struct kb_question, why, 0),
	TEXT(struct kb_question, fact, 1),
	LIST("answers", struct kb_question, answers, 1, answer_type),
};
static const struct type question_type = TYPE("question", struct kb_question,
					      question_fields);

static const struct field check_fields[] = {
	TEXT(struct kb_check, run, 1),
	TEXT(struct kb_check, before, 1),
	TEXT(struct kb_check, after, 1),
};
static const struct type check_type = TYPE_NO_POS("verify step", struct kb_check,
						  check_fields);

static const struct field incident_fields[] = {
	TEXT(struct kb_incident, title, 1),
	TEXTS(struct kb_incident, timeline, 0),
	TEXT(struct kb_incident, story, 0),
	TEXT(struct kb_incident, root_cause, 0),
	TEXT(struct kb_incident, fix, 0),
	TEXT(struct kb_incident, lesson, 0),
};
static const struct type incident_type = TYPE_NO_POS("incident", struct kb_incident,
						     incident_fields);

static const struct field faq_fields[] = {
	TEXT(struct kb_faq, q, 1),
	TEXT(struct kb_faq, a, 1),
};
static const struct type faq_type = TYPE_NO_POS("faq entry", struct kb_faq, faq_fields);

static const struct field sample_fields[] = {
	TEXT(struct kb_sample, log, 1),
	TEXT(struct kb_sample, subject, 0),
};
static const struct type sample_type = {
	"sample", sizeof(struct kb_sample), offsetof(struct kb_sample, pos),
	offsetof(struct kb_sample, log), sample_fields,
	sizeof sample_fields / sizeof sample_fields[0]
};

/* "samples" is read into the playbook itself: its two lists are playbook members. */
static const struct field samples_fields[] = {
	{ "match", F_LIST, 0, offsetof(struct kb_playbook, match_samples),
	  offsetof(struct kb_playbook, nmatch_samples), &sample_type, NULL },
	{ "no_match", F_LIST, 0, offsetof(struct kb_playbook, no_match_samples),
	  offsetof(struct kb_playbook, nno_match_samples), &sample_type, NULL },
};
static const struct type samples_type = {
	"samples", sizeof(struct kb_playbook), NONE, NONE, samples_fields,
	sizeof samples_fields / sizeof samples_fields[0]
};

static void read_samples(struct schema *s, const struct kb_node *key, const struct kb_node *v,
			 void *obj)
{
	if (v->kind != KB_MAPPING) {
		error_at(s, at(key, v), "'samples' must be a mapping");
		return;
	}
	read_object(s, v, &samples_type, obj);
}

static const struct field playbook_fields[] = {
	FIELD("id", F_ID, 1, struct kb_playbook, id),
	TEXT(struct kb_playbook, title, 1),
	TEXT(struct kb_playbook, means, 1),
	{ "secondary_to", F_IDS, 0, offsetof(struct kb_playbook, secondary_to),
	  offsetof(struct kb_playbook, nsecondary_to), NULL, NULL },
	LIST("signatures", struct kb_playbook, signatures, 1, signature_type),
	LIST("derive", struct kb_playbook, derive, 0, derive_type),
	LIST("causes", struct kb_playbook, causes, 1, cause_type),
	LIST("questions", struct kb_playbook, questions, 0, question_type),
	TEXTS(struct kb_playbook, first_ten_minutes, 1),
	TEXTS(struct kb_playbook, where_to_look, 0),
	TEXTS(struct kb_playbook, fix, 1),
	LIST("verify", struct kb_playbook, verify, 1, check_type),
	TEXTS(struct kb_playbook, worse, 0),
	{ "incident", F_MAP, 0, offsetof(struct kb_playbook, incident), 0, &incident_type,
	  NULL },
	LIST("faq", struct kb_playbook, faq, 0, faq_type),
	READ("samples", 1, read_samples),
};
static const struct type playbook_type = TYPE("playbook", struct kb_playbook,
					      playbook_fields);
_Static_assert(sizeof playbook_fields / sizeof playbook_fields[0] <= MAX_FIELDS,
	       "read_object's table of keys seen is too small");

static const struct field rule_fields[] = {
	TEXT(struct kb_rule, fact, 1),
	READ("from", 1, read_source),
	TEXT(struct kb_rule, pattern, 1),
	TEXT(struct kb_rule, value, 0),
	TEXT(struct kb_rule, because, 0),
	READ("collect", 0, read_collect),
};
static const struct type rule_type = TYPE("rule", struct kb_rule, rule_fields);

static const struct field evidence_fields[] = {
	LIST("rules", struct kb_doc, rules, 0, rule_type),
	TEXTS(struct kb_doc, library_files, 0),
	TEXTS(struct kb_doc, bootstrap_frames, 0),
};
static const struct type evidence_type = TYPE_NO_POS("evidence file", struct kb_doc,
						     evidence_fields);

/* Causes and questions share one name space: an answer's "next" names either. */
static void check_ids(struct schema *s, const struct kb_playbook *pb)
{
	struct named *ids = xreallocarray(NULL, pb->ncauses + pb->nquestions, sizeof *ids);
	size_t n = 0;

	for (size_t i = 0; i < pb->ncauses; i++)
		if (pb->causes[i].id)
			ids[n++] = (struct named){ pb->causes[i].id, "cause id",
						   pb->causes[i].pos.line, pb->causes[i].pos.col };
	for (size_t i = 0; i < pb->nquestions; i++)
		if (pb->questions[i].id)
			ids[n++] = (struct named){ pb->questions[i].id, "question id",
						   pb->questions[i].pos.line,
						   pb->questions[i].pos.col };
	report_duplicates(s, ids, n, "");
	free(ids);
}

static int has_key(const struct kb_node *map, const char *key)
{
	for (const struct kb_node *k = map->child; k; k = k->next->next)
		if (!strcmp(k->text, key))
			return 1;
	return 0;
}

int kb_schema_read(struct arena *arena, const char *file, const struct kb_node *root,
		   struct kb_doc *doc)
{
	struct schema s = { arena, file, 0 };

	memset(doc, 0, sizeof *doc);
	if (!root) {
		error_at(&s, NULL, "empty file");
	} else if (root->kind == KB_MAPPING && has_key(root, "id")) {
		doc->playbook = arena_alloc(arena, sizeof *doc->playbook);
		read_object(&s, root, &playbook_type, doc->playbook);
		check_ids(&s, doc->playbook);
	} else if (root->kind == KB_MAPPING &&
		   (has_key(root, "rules") || has_key(root, "library_files") ||
		    has_key(root, "bootstrap_frames"))) {
		read_object(&s, root, &evidence_type, doc);
	} else {
		error_at(&s, root, "expected a playbook (with 'id') or an evidence file "
			 "(with 'rules' or 'library_files')");
	}
	return s.errors;
}
