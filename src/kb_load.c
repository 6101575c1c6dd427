/*
 * kb_load.c: a knowledge base's lifetime and tables: kb_new/kb_free, the playbooks, rules
 * and library files, the walk over all their patterns, and loading YAML files and
 * directories into them (kb_yaml.c reads, kb_schema.c checks).  A file with any error
 * adds nothing.  Knows nothing of what the knowledge means.
 */
#include "kb.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kb_int.h"
#include "msg.h"
#include "util.h"

#define MAX_FILE_MIB 4u                  /* knowledge files are a few kilobytes */

/* What a kb made by kb_new owns: the arena of everything it loaded and its three tables,
 * which start as copies of the base's (the entries are shared, not copied). */
struct kb_store {
	struct arena *arena;
	const struct kb_playbook **playbooks;
	size_t cap_playbooks;
	struct kb_rule *rules;
	size_t cap_rules;
	const char **library_files;
	size_t cap_library_files;
	const char **bootstrap_frames;
	size_t cap_bootstrap_frames;
};

/* One kb_load_* call: the playbooks it loaded, to find an id given twice. */
struct load {
	struct kb *kb;
	struct kb_store *store;
	const struct kb_playbook **loaded;
	size_t nloaded, cap_loaded;
	int errors;
};

static void publish(struct kb *kb)
{
	struct kb_store *st = kb->owned;

	kb->playbooks = st->playbooks;
	kb->rules = st->rules;
	kb->library_files = st->library_files;
	kb->bootstrap_frames = st->bootstrap_frames;
}

static void *copy_table(const void *table, size_t n, size_t size, size_t *cap)
{
	void *copy = NULL;

	*cap = 0;
	if (n) {
		copy = xreallocarray(NULL, n, size);
		memcpy(copy, table, n * size);
		*cap = n;
	}
	return copy;
}

struct kb *kb_new(const struct kb *base)
{
	struct kb *kb = xcalloc(1, sizeof *kb);
	struct kb_store *st = xcalloc(1, sizeof *st);

	st->arena = arena_new();
	kb->owned = st;
	if (base) {
		st->playbooks = copy_table(base->playbooks, base->nplaybooks,
					   sizeof *st->playbooks, &st->cap_playbooks);
		st->rules = copy_table(base->rules, base->nrules, sizeof *st->rules,
				       &st->cap_rules);
		st->library_files = copy_table(base->library_files, base->nlibrary_files,
					       sizeof *st->library_files,
					       &st->cap_library_files);
		st->bootstrap_frames = copy_table(base->bootstrap_frames, base->nbootstrap_frames,
						  sizeof *st->bootstrap_frames,
						  &st->cap_bootstrap_frames);
		kb->nplaybooks = base->nplaybooks;
		kb->nrules = base->nrules;
		kb->nlibrary_files = base->nlibrary_files;
		kb->nbootstrap_frames = base->nbootstrap_frames;
	}
	publish(kb);
	return kb;
}

void kb_free(struct kb *kb)
{
	if (!kb)
		return;
	struct kb_store *st = kb->owned;
	if (st) {
		free(st->playbooks);
		free(st->rules);
		free(st->library_files);
		free(st->bootstrap_frames);
		arena_free(st->arena);
		free(st);
	}
	free(kb);
}

static void pattern(const char *p, const struct kb_pos *pos, enum kb_pattern_on on,
		    kb_pattern_fn *fn, void *arg)
{
	if (p)
		fn(p, pos, on, arg);
}

void kb_playbook_patterns(const struct kb_playbook *pb, kb_pattern_fn *fn, void *arg)
{
	for (size_t i = 0; i < pb->nsignatures; i++) {
		const struct kb_signature *s = &pb->signatures[i];
		pattern(s->exception, &s->pos, KB_ON_TYPE, fn, arg);
		pattern(s->pattern, &s->pattern_pos, KB_ON_MESSAGE, fn, arg);
		pattern(s->frame, &s->pos, KB_ON_FRAME, fn, arg);
		pattern(s->source, &s->pos, KB_ON_TEXT, fn, arg);
		pattern(s->context, &s->pos, KB_ON_MESSAGE, fn, arg);
	}
	for (size_t i = 0; i < pb->nderive; i++)
		pattern(pb->derive[i].pattern, &pb->derive[i].pos, KB_ON_MESSAGE, fn, arg);
	for (size_t i = 0; i < pb->ncauses; i++)
		for (size_t j = 0; j < pb->causes[i].nboosts; j++) {
			const struct kb_boost *b = &pb->causes[i].boosts[j];
			for (size_t k = 0; k < b->nwhen; k++)
				pattern(b->when[k].pattern, &b->when[k].pos, KB_ON_MESSAGE, fn,
					arg);
		}
	for (size_t i = 0; i < pb->nquestions; i++)
		for (size_t j = 0; j < pb->questions[i].nanswers; j++) {
			const struct kb_answer *a = &pb->questions[i].answers[j];
			pattern(a->match, &a->pos, KB_ON_MESSAGE, fn, arg);
		}
}

/* What rule R's pattern is matched against. */
static enum kb_pattern_on rule_on(const struct kb_rule *r)
{
	if (!strcmp(r->from, "message"))
		return KB_ON_MESSAGE;
	return !strcmp(r->from, "frame") ? KB_ON_FRAME : KB_ON_TEXT;
}

void kb_patterns(const struct kb *kb, kb_pattern_fn *fn, void *arg)
{
	for (size_t i = 0; i < kb->nrules; i++)
		pattern(kb->rules[i].pattern, &kb->rules[i].pos, rule_on(&kb->rules[i]), fn,
			arg);
	for (size_t i = 0; i < kb->nlibrary_files; i++)
		pattern(kb->library_files[i], NULL, KB_ON_TEXT, fn, arg);
	for (size_t i = 0; i < kb->nbootstrap_frames; i++)
		pattern(kb->bootstrap_frames[i], NULL, KB_ON_TEXT, fn, arg);
	for (size_t p = 0; p < kb->nplaybooks; p++)
		kb_playbook_patterns(kb->playbooks[p], fn, arg);
}

const struct kb_playbook *kb_find(const struct kb *kb, const char *id)
{
	for (size_t i = 0; kb && id && i < kb->nplaybooks; i++)
		if (!strcmp(kb->playbooks[i]->id, id))
			return kb->playbooks[i];
	return NULL;
}

static void add_playbook(struct load *l, const struct kb_playbook *pb)
{
	struct kb *kb = l->kb;
	struct kb_store *st = l->store;

	for (size_t i = 0; i < l->nloaded; i++) {
		const struct kb_playbook *first = l->loaded[i];
		if (strcmp(first->id, pb->id))
			continue;
		msg(MSG_ERROR, pb->pos.file, pb->pos.line, pb->pos.col,
		    "duplicate playbook id '%s'", pb->id);
		msg(MSG_NOTE, first->pos.file, first->pos.line, first->pos.col,
		    "'%s' first defined here", first->id);
		l->errors++;
		return;
	}
	grow(&l->loaded, &l->cap_loaded, l->nloaded, sizeof *l->loaded);
	l->loaded[l->nloaded++] = pb;
	for (size_t i = 0; i < kb->nplaybooks; i++) {
		if (!strcmp(st->playbooks[i]->id, pb->id)) {
			st->playbooks[i] = pb;
			return;
		}
	}
	grow(&st->playbooks, &st->cap_playbooks, kb->nplaybooks, sizeof *st->playbooks);
	st->playbooks[kb->nplaybooks++] = pb;
	publish(kb);
}

/* The file's rules go in front, so that they win over those loaded before; its library
 * files go after, where order does not matter. */
static void add_evidence(struct load *l, const struct kb_doc *doc)
{
	struct kb *kb = l->kb;
	struct kb_store *st = l->store;

	if (doc->nrules) {
		grow(&st->rules, &st->cap_rules, kb->nrules + doc->nrules - 1, sizeof *st->rules);
		memmove(st->rules + doc->nrules, st->rules, kb->nrules * sizeof *st->rules);
		memcpy(st->rules, doc->rules, doc->nrules * sizeof *st->rules);
		kb->nrules += doc->nrules;
	}
	if (doc->nlibrary_files) {
		grow(&st->library_files, &st->cap_library_files,
		     kb->nlibrary_files + doc->nlibrary_files - 1, sizeof *st->library_files);
		memcpy(st->library_files + kb->nlibrary_files, doc->library_files,
		       doc->nlibrary_files * sizeof *st->library_files);
		kb->nlibrary_files += doc->nlibrary_files;
	}
	if (doc->nbootstrap_frames) {
		grow(&st->bootstrap_frames, &st->cap_bootstrap_frames,
		     kb->nbootstrap_frames + doc->nbootstrap_frames - 1,
		     sizeof *st->bootstrap_frames);
		memcpy(st->bootstrap_frames + kb->nbootstrap_frames, doc->bootstrap_frames,
		       doc->nbootstrap_frames * sizeof *st->bootstrap_frames);
		kb->nbootstrap_frames += doc->nbootstrap_frames;
	}
	publish(kb);
}

static void load_text(struct load *l, const char *name, const char *text, size_t len)
{
	struct kb_node *root;
	struct kb_doc doc;

	if (len > (size_t)MAX_FILE_MIB << 20) {
		msg(MSG_ERROR, name, 0, 0, "file is larger than %u MiB", MAX_FILE_MIB);
		l->errors++;
		return;
	}
	struct arena *nodes = arena_new();
	const char *file = arena_strdup(l->store->arena, name);
	int errors = kb_yaml_read(nodes, file, text, len, &root);
	if (!errors)
		errors = kb_schema_read(l->store->arena, file, root, &doc);
	if (!errors && doc.playbook) {
		doc.playbook->source = arena_strndup(l->store->arena, text, len);
		add_playbook(l, doc.playbook);
	}
	else if (!errors)
		add_evidence(l, &doc);
	arena_free(nodes);
	l->errors += errors;
}

static void load_path(struct load *l, const char *path)
{
	struct buf text = { 0 };

	/* A file too large reaches load_text, which says so. */
	if (read_file(path, (size_t)MAX_FILE_MIB << 20, &text) < 0 && errno != EFBIG) {
		msg_plain(MSG_ERROR, "cannot read '%s': %s", path, strerror(errno));
		l->errors++;
	} else {
		load_text(l, path, text.s, text.len);
	}
	buf_fini(&text);
}

static int finish(struct load *l)
{
	free(l->loaded);
	return l->errors;
}

int kb_load_text(struct kb *kb, const char *name, const char *text, size_t len)
{
	struct load l = { .kb = kb, .store = kb->owned };

	load_text(&l, name, text, len);
	return finish(&l);
}

int kb_load_file(struct kb *kb, const char *path)
{
	struct load l = { .kb = kb, .store = kb->owned };

	load_path(&l, path);
	return finish(&l);
}

static int is_yaml_name(const char *name)
{
	size_t len = strlen(name);

	if (name[0] == '.')
		return 0;
	return (len > 5 && !strcmp(name + len - 5, ".yaml")) ||
	       (len > 4 && !strcmp(name + len - 4, ".yml"));
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int kb_load_dir(struct kb *kb, const char *dir)
{
	struct load l = { .kb = kb, .store = kb->owned };
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	DIR *d = opendir(dir);

	if (!d) {
		msg_plain(MSG_ERROR, "cannot open directory '%s': %s", dir, strerror(errno));
		return 1;
	}
	for (;;) {
		errno = 0;
		if (!(e = readdir(d)))
			break;
		if (!is_yaml_name(e->d_name))
			continue;
		grow(&names, &cap, n, sizeof *names);
		names[n++] = xstrdup(e->d_name);
	}
	if (errno) {
		msg_plain(MSG_ERROR, "cannot read directory '%s': %s", dir, strerror(errno));
		l.errors++;
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof *names, name_cmp);
	size_t dirlen = strlen(dir);
	const char *sep = dirlen && dir[dirlen - 1] == '/' ? "" : "/";
	for (size_t i = 0; i < n; i++) {
		struct buf path = { 0 };
		struct stat st;
		buf_printf(&path, "%s%s%s", dir, sep, names[i]);
		/* A directory or a device named *.yaml is not a knowledge file. */
		if (stat(path.s, &st) || S_ISREG(st.st_mode))
			load_path(&l, path.s);
		buf_fini(&path);
		free(names[i]);
	}
	free(names);
	return finish(&l);
}
