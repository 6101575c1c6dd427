/*
 * evidence.c: user frame, shared evidence rules and derived facts.  Blocks are searched
 * starting with the matched one, then from the last printed to the first, so that the
 * evidence nearest the failure wins; frames innermost first.
 */
#include "evidence.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Block indexes in search order: the matched block, then the others last to first. */
static size_t block_at(const struct finding *fd, size_t k)
{
	size_t n = fd->record->nexcs;

	if (k == 0)
		return fd->block;
	size_t i = n - k;            /* n-1, n-2, ... skipping the matched block */
	return i <= fd->block ? i - 1 : i;
}

static int is_library(const struct kb *kb, struct regex_cache *rc, const char *file)
{
	for (size_t i = 0; i < kb->nlibrary_files; i++)
		if (regex_match(rc, kb->library_files[i], NULL, file, strlen(file), NULL) == 1)
			return 1;
	return 0;
}

/* Whether frame I of EXC is a runtime's start-up frame (spawn's "<string>" line 1), which
 * only the frame it called tells apart from the same file name in the user's code. */
static int is_bootstrap(const struct kb *kb, struct regex_cache *rc,
			const struct tb_exc *exc, size_t i, struct buf *subject)
{
	const struct tb_frame *fr = &exc->frames[i];
	const struct tb_frame *called = i + 1 < exc->nframes ? &exc->frames[i + 1] : NULL;

	buf_reset(subject);
	buf_printf(subject, "%s:%s\n", fr->file, fr->func ? fr->func : "");
	if (called)
		buf_printf(subject, "%s:%s", called->file, called->func ? called->func : "");
	for (size_t k = 0; k < kb->nbootstrap_frames; k++)
		if (regex_match(rc, kb->bootstrap_frames[k], NULL, subject->s, subject->len,
				NULL) == 1)
			return 1;
	return 0;
}

/* The innermost frame outside library files and start-up frames of REC's blocks that are
 * (CARRIED nonzero) or are not quoted by a carrier, innermost block first. */
static const struct tb_frame *innermost_user(const struct kb *kb, struct regex_cache *rc,
					     const struct tb_record *rec, int carried)
{
	struct buf subject = { 0 };
	const struct tb_frame *found = NULL;

	for (size_t k = rec->nexcs; k-- > 0 && !found;) {
		const struct tb_exc *exc = &rec->excs[k];
		if (!exc->carrier != !carried)
			continue;
		for (size_t i = exc->nframes; i-- > 0 && !found;)
			if (!is_library(kb, rc, exc->frames[i].file) &&
			    !is_bootstrap(kb, rc, exc, i, &subject))
				found = &exc->frames[i];
	}
	buf_fini(&subject);
	return found;
}

const struct tb_frame *evidence_unmatched_frame(const struct kb *kb, struct regex_cache *rc,
						const struct tb_record *rec, int *carried)
{
	*carried = 0;
	for (size_t k = 0; k < rec->nexcs; k++)
		*carried |= rec->excs[k].carrier != NULL;
	const struct tb_frame *fr = *carried ? innermost_user(kb, rc, rec, 1) : NULL;
	return fr ? fr : innermost_user(kb, rc, rec, 0);
}

static void find_user_frame(const struct kb *kb, struct regex_cache *rc, struct finding *fd)
{
	const struct tb_record *rec = fd->record;
	struct buf subject = { 0 };

	for (size_t k = 0; k < rec->nexcs; k++) {
		const struct tb_exc *exc = &rec->excs[block_at(fd, k)];
		for (size_t i = exc->nframes; i-- > 0;) {
			const struct tb_frame *fr = &exc->frames[i];
			if (is_library(kb, rc, fr->file) || is_bootstrap(kb, rc, exc, i, &subject))
				continue;
			char num[32];
			snprintf(num, sizeof num, "%ld", fr->lineno);
			const char *src = "the innermost frame outside library files";
			facts_set(&fd->facts, "user_file", fr->file, src, fr->input_line);
			facts_set(&fd->facts, "user_line", num, src, fr->input_line);
			if (fr->func)
				facts_set(&fd->facts, "user_func", fr->func, src, fr->input_line);
			if (fr->source)
				facts_set(&fd->facts, "user_source", fr->source, src,
					  fr->input_line);
			buf_fini(&subject);
			return;
		}
	}
	buf_fini(&subject);
}

static char *rule_source(const char *because, const struct kb_pos *pos)
{
	struct buf b = { 0 };

	buf_printf(&b, "%s:%u", pos->file ? pos->file : "?", pos->line);
	if (because)
		buf_printf(&b, ": %s", because);
	return buf_release(&b);
}

/* Sets FACT from a successful match: VALUE expanded, else the group "value", else the
 * whole match; the rule at POS, and its BECAUSE, is the source. */
static void set_from_match(struct finding *fd, const char *fact, const char *value,
			   const char *because, const struct kb_pos *pos,
			   const struct regex_match *m, size_t line)
{
	char *source = rule_source(because, pos);
	char *v;

	if (value) {
		v = regex_expand(value, m);
	} else {
		v = regex_expand("$value", m);
		if (!*v) {
			free(v);
			v = xstrndup(m->start, m->len);
		}
	}
	facts_set(&fd->facts, fact, v, source, line);
	free(v);
	free(source);
}

static int try_text(struct regex_cache *rc, const struct kb_rule *r, struct finding *fd,
		    const char *text, size_t len, size_t line)
{
	struct regex_match m;

	if (!text || regex_match(rc, r->pattern, &r->pos, text, len, &m) != 1)
		return 0;
	set_from_match(fd, r->fact, r->value, r->because, &r->pos, &m, line);
	return 1;
}

/* The text FROM names in one item of a block; for frames, BUF holds "file:func". */
static const char *item_text(const char *from, const struct tb_frame *fr, struct buf *buf)
{
	if (!strcmp(from, "file"))
		return fr->file;
	if (!strcmp(from, "func"))
		return fr->func;
	if (!strcmp(from, "source"))
		return fr->source;
	if (!strcmp(from, "frame")) {
		buf_reset(buf);
		buf_adds(buf, fr->file);
		buf_addc(buf, ':');
		if (fr->func)
			buf_adds(buf, fr->func);
		return buf->s;
	}
	return NULL;
}

static int apply_rule_to_block(struct regex_cache *rc, const struct kb_rule *r,
			       struct finding *fd, const struct tb_exc *exc)
{
	const char *from = r->from;

	if (!strcmp(from, "type"))
		return try_text(rc, r, fd, exc->type, strlen(exc->type), exc->type_line);
	if (!strcmp(from, "message"))
		return try_text(rc, r, fd, exc->message, strlen(exc->message), exc->type_line);
	if (!strcmp(from, "note")) {
		for (size_t i = 0; i < exc->nnotes; i++)
			if (try_text(rc, r, fd, exc->notes[i], strlen(exc->notes[i]),
				     exc->type_line))
				return 1;
		return 0;
	}
	struct buf b = { 0 };
	int hit = 0;
	for (size_t i = exc->nframes; i-- > 0 && !hit;) {
		const char *text = item_text(from, &exc->frames[i], &b);
		if (text)
			hit = try_text(rc, r, fd, text, strlen(text), exc->frames[i].input_line);
	}
	buf_fini(&b);
	return hit;
}

static int is_frame_source(const char *from)
{
	return strcmp(from, "type") && strcmp(from, "message") && strcmp(from, "note");
}

/* Adds to OUT the value of the first collecting rule (from FIRST on, same fact and source)
 * whose pattern matches TEXT. */
static int collect_item(const struct kb *kb, struct regex_cache *rc, size_t first,
			const char *text, struct buf *out)
{
	const struct kb_rule *r0 = &kb->rules[first];
	struct regex_match m;

	for (size_t i = first; text && i < kb->nrules; i++) {
		const struct kb_rule *r = &kb->rules[i];
		if (!r->collect || strcmp(r->fact, r0->fact) || strcmp(r->from, r0->from))
			continue;
		if (regex_match(rc, r->pattern, &r->pos, text, strlen(text), &m) != 1)
			continue;
		char *v = regex_expand(r->value ? r->value : "$value", &m);
		buf_adds(out, v);
		free(v);
		return 1;
	}
	return 0;
}

/* A collecting rule: the block's items, outermost first (notes are printed innermost
 * first, frames outermost first), each adding the value of the first collecting rule for
 * the fact that matches it. */
static int collect_block(const struct kb *kb, struct regex_cache *rc, size_t first,
			 struct finding *fd, const struct tb_exc *exc)
{
	const struct kb_rule *r = &kb->rules[first];
	struct buf out = { 0 }, scratch = { 0 };
	size_t hits = 0, line = exc->type_line;

	if (!strcmp(r->from, "note")) {
		for (size_t i = exc->nnotes; i-- > 0;)
			hits += collect_item(kb, rc, first, exc->notes[i], &out);
	} else if (is_frame_source(r->from)) {
		for (size_t i = 0; i < exc->nframes; i++)
			if (collect_item(kb, rc, first, item_text(r->from, &exc->frames[i], &scratch),
					 &out) && !hits++)
				line = exc->frames[i].input_line;
	} else {
		hits += collect_item(kb, rc, first, !strcmp(r->from, "type") ? exc->type
								      : exc->message, &out);
	}
	if (hits) {
		char *source = rule_source(r->because, &r->pos);
		facts_set(&fd->facts, r->fact, out.s ? out.s : "", source, line);
		free(source);
	}
	buf_fini(&out);
	buf_fini(&scratch);
	return hits > 0;
}

/* A rule on a "user_*" fact (the user frame's file, func or source, or a fact an earlier
 * such rule set) reads that fact, so it runs after the frame is found; the others read
 * the record's blocks. */
static int is_user_frame_source(const char *from)
{
	return !strncmp(from, "user_", 5);
}

static void apply_rules(const struct kb *kb, struct regex_cache *rc, struct finding *fd)
{
	for (size_t i = 0; i < kb->nrules; i++) {
		const struct kb_rule *r = &kb->rules[i];
		if (facts_find(&fd->facts, r->fact) || is_user_frame_source(r->from))
			continue;
		for (size_t k = 0; k < fd->record->nexcs; k++) {
			const struct tb_exc *exc = &fd->record->excs[block_at(fd, k)];
			if (r->collect ? collect_block(kb, rc, i, fd, exc)
				       : apply_rule_to_block(rc, r, fd, exc))
				break;
		}
	}
}

static void apply_user_frame_rules(const struct kb *kb, struct regex_cache *rc,
				   struct finding *fd)
{
	for (size_t i = 0; i < kb->nrules; i++) {
		const struct kb_rule *r = &kb->rules[i];
		const struct fact *from = facts_find(&fd->facts, r->from);
		if (!is_user_frame_source(r->from) || !from || facts_find(&fd->facts, r->fact))
			continue;
		try_text(rc, r, fd, from->value, strlen(from->value), from->line);
	}
}

/* The text a derive rule reads: the value of FROM, or for "a,b" the values of facts a and b
 * joined by a newline, so that one pattern can compare them ("^(.+)\n\1$"); NULL when a
 * fact is missing.  *LINE is the input line of the first fact. */
static char *derive_text(const struct facts *facts, const char *from, size_t *line)
{
	struct buf b = { 0 };

	for (const char *p = from; *p;) {
		size_t n = strcspn(p, ",");
		char *name = xstrndup(p, n);
		const struct fact *f = facts_find(facts, name);
		free(name);
		if (!f) {
			buf_fini(&b);
			return NULL;
		}
		if (p == from)
			*line = f->line;
		else
			buf_addc(&b, '\n');
		buf_adds(&b, f->value);
		p += n + (p[n] == ',');
	}
	return buf_release(&b);
}

void evidence_derive(struct regex_cache *rc, struct finding *fd)
{
	const struct kb_playbook *pb = fd->playbook;

	for (size_t i = 0; i < pb->nderive; i++) {
		const struct kb_derive *d = &pb->derive[i];
		size_t line = 0;
		if (facts_find(&fd->facts, d->fact))
			continue;
		char *text = derive_text(&fd->facts, d->from, &line);
		struct regex_match m;
		if (text && regex_match(rc, d->pattern, &d->pos, text, strlen(text), &m) == 1)
			set_from_match(fd, d->fact, d->value, d->because, &d->pos, &m, line);
		free(text);
	}
}

void evidence_derive_layered(struct regex_cache *rc, struct finding *fd)
{
	const struct kb_playbook *pb = fd->playbook;
	const char *under = facts_get(&fd->facts, "layered_under");

	for (size_t i = 0; under && i < pb->nderive; i++) {
		const struct kb_derive *d = &pb->derive[i];
		struct regex_match m;
		if (strcmp(d->from, "layered_under") ||
		    regex_match(rc, d->pattern, &d->pos, under, strlen(under), &m) != 1)
			continue;
		facts_unset(&fd->facts, d->fact);
		set_from_match(fd, d->fact, d->value, d->because, &d->pos, &m,
			       facts_find(&fd->facts, "layered_under")->line);
	}
	evidence_derive(rc, fd);
}

void evidence_collect(const struct kb *kb, struct regex_cache *rc, struct finding *fd)
{
	apply_rules(kb, rc, fd);
	find_user_frame(kb, rc, fd);
	apply_user_frame_rules(kb, rc, fd);
	evidence_derive(rc, fd);
}
