/*
 * match.c: signatures against records.  For each block, a signature is tried only when its
 * literal occurs in the message (and, for a bare signature, the block has no frames); then
 * its exception pattern, its message pattern and its frame and source-line conditions.  A message is read with full-width and curly
 * punctuation as ASCII (clean_lookalikes); what a pattern captures is the text as printed.  The highest priority wins; ties go to the block printed first (the
 * root of a chain), then to the playbook loaded first.
 */
#include "match.h"

#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "util.h"

static int has_literal(const struct kb_signature *sig, const char *msg, size_t len)
{
	return !sig->literal || memmem(msg, len, sig->literal, strlen(sig->literal));
}

static int frame_matches(struct regex_cache *rc, const struct kb_signature *sig,
			 const struct tb_exc *exc)
{
	struct buf b = { 0 };
	int hit = 0;

	for (size_t i = 0; i < exc->nframes && hit != 1; i++) {
		buf_reset(&b);
		buf_printf(&b, "%s:%s", exc->frames[i].file,
			   exc->frames[i].func ? exc->frames[i].func : "");
		hit = regex_match(rc, sig->frame, &sig->pos, b.s, b.len, NULL);
	}
	buf_fini(&b);
	return hit == 1;
}

static int source_matches(struct regex_cache *rc, const struct kb_signature *sig,
			  const struct tb_exc *exc)
{
	for (size_t i = 0; i < exc->nframes; i++) {
		const char *src = exc->frames[i].source;
		if (src && regex_match(rc, sig->source, &sig->pos, src, strlen(src), NULL) == 1)
			return 1;
	}
	return 0;
}

/* Where a message may start in the mentioned line MSG (LEN bytes) whose literal is at
 * LIT: each word start from a little before the literal up to it, so that an anchored
 * pattern finds its first word after the prose before it. */
#define MENTION_LEAD 160

static int is_word_byte(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_' || (unsigned char)c >= 0x80;
}

static int mention_matches(struct regex_cache *rc, const struct kb_signature *sig,
			   const char *msg, size_t len, size_t lit, struct regex_match *m)
{
	for (size_t at = lit > MENTION_LEAD ? lit - MENTION_LEAD : 0; at <= lit; at++) {
		if ((at && is_word_byte(msg[at - 1])) || !is_word_byte(msg[at]))
			continue;
		if (regex_match(rc, sig->pattern, &sig->pattern_pos, msg + at, len - at, m) == 1)
			return 1;
	}
	return 0;
}

/* SIG against block EXC, whose message is read as MSG (MLEN bytes). */
static int signature_matches(struct regex_cache *rc, const struct kb_signature *sig,
			     const struct tb_exc *exc, const char *msg, size_t mlen,
			     struct regex_match *m)
{
	if (!has_literal(sig, msg, mlen) || (sig->bare && exc->nframes))
		return 0;
	if (exc->mentioned) {
		if (!sig->alone && !sig->context)
			return 0;
		const char *lit = memmem(msg, mlen, sig->literal, strlen(sig->literal));
		return mention_matches(rc, sig, msg, mlen, (size_t)(lit - msg), m);
	}
	if ((!sig->exception ||
	     regex_match_whole(rc, sig->exception, &sig->pos, exc->type, strlen(exc->type)) == 1) &&
	    regex_match(rc, sig->pattern, &sig->pattern_pos, msg, mlen, m) == 1)
		return (!sig->frame || frame_matches(rc, sig, exc)) &&
		       (!sig->source || source_matches(rc, sig, exc));
	/* a wording that stands alone counts inside another exception's message too, as a
	 * framework's wrapper quotes it ("Command raised an exception: TypeError: ..."), and
	 * so does one that needs a context (checked by the caller), as a mention does */
	if (sig->alone || sig->context) {
		const char *lit = memmem(msg, mlen, sig->literal, strlen(sig->literal));
		return mention_matches(rc, sig, msg, mlen, (size_t)(lit - msg), m);
	}
	return 0;
}

/* Whether TEXT (LEN bytes, read at input line LINE) matches SIG's context; then *SEEN is
 * what matched and *SEEN_LINE its line. */
static int context_in(struct regex_cache *rc, const struct kb_signature *sig, const char *text,
		      size_t len, size_t line, struct buf *seen, size_t *seen_line)
{
	struct regex_match m;

	if (regex_match(rc, sig->context, &sig->pos, text, len, &m) != 1)
		return 0;
	buf_reset(seen);
	buf_add(seen, m.start, m.len);
	*seen_line = line;
	return 1;
}

/* Whether the text near REC matches SIG's context: the lines read just before it and its
 * first line whole, then each block's frames ("file:func" and source) and exception line. */
static int context_seen(struct regex_cache *rc, const struct kb_signature *sig,
			const struct tb_record *rec, struct buf *seen, size_t *seen_line)
{
	struct buf b = { 0 };
	int hit = 0;

	for (size_t i = 0; i < rec->nnear && !hit; i++)
		hit = context_in(rc, sig, rec->near[i].text, strlen(rec->near[i].text),
				 rec->near[i].lineno, seen, seen_line);
	for (size_t x = 0; x < rec->nexcs && !hit; x++) {
		const struct tb_exc *exc = &rec->excs[x];
		for (size_t i = 0; i < exc->nframes && !hit; i++) {
			const struct tb_frame *f = &exc->frames[i];
			buf_reset(&b);
			buf_printf(&b, "%s:%s", f->file, f->func ? f->func : "");
			hit = context_in(rc, sig, b.s, b.len, f->input_line, seen, seen_line) ||
			      (f->source && context_in(rc, sig, f->source, strlen(f->source),
						       f->input_line, seen, seen_line));
		}
		if (!hit) {
			buf_reset(&b);
			buf_printf(&b, "%s: %s", exc->type, exc->message);
			hit = context_in(rc, sig, b.s, b.len, exc->type_line, seen, seen_line);
		}
	}
	buf_fini(&b);
	return hit;
}

static void add_signature_facts(struct finding *fd, const struct tb_record *rec,
				const struct regex_match *m, const struct buf *seen,
				size_t seen_line)
{
	const struct kb_signature *sig = fd->signature;
	const struct tb_exc *exc = &rec->excs[fd->block];
	const struct tb_exc *final = record_final(rec);
	size_t line = exc->type_line;
	struct buf src = { 0 };

	buf_printf(&src, "signature %s:%u", sig->pos.file, sig->pos.line);
	for (size_t i = 0; i < m->ngroups; i++) {
		char *v = xstrndup(m->groups[i].start, m->groups[i].len);
		facts_set(&fd->facts, m->groups[i].name, v, src.s, line);
		free(v);
	}
	for (size_t i = 0; i < sig->nfacts; i++)
		facts_set(&fd->facts, sig->facts[i].name, sig->facts[i].value, src.s, 0);
	if (exc->mentioned) {
		/* no exception line: the message as the text gives it, and no type claimed */
		facts_set(&fd->facts, "message", m->start, "message in the text", line);
		facts_set(&fd->facts, "exception_line", "none seen", "message in the text", line);
	} else {
		facts_set(&fd->facts, "exception", exc->type, "exception line", line);
		facts_set(&fd->facts, "message", exc->message, "exception line", line);
	}
	if (sig->context)
		facts_set(&fd->facts, "context", seen->s, "context the signature needs",
			  seen_line);
	if (final)
		facts_set(&fd->facts, "final_exception", final->type, "last exception line",
			  final->type_line);
	if (exc->carrier)
		facts_set(&fd->facts, "carrier", exc->carrier, "carrier line", exc->first_line);
	if (sig->versions)
		facts_set(&fd->facts, "wording_versions", sig->versions, src.s, line);
	buf_fini(&src);
}

/* M's groups and whole match, found in FOLDED (clean_lookalikes of MESSAGE, MAP its
 * offsets), as the text of MESSAGE they were read from: a subject is shown as the log
 * printed it. */
static void unfold_groups(struct regex_match *m, const char *folded, const char *message,
			  const size_t *map)
{
	size_t start = (size_t)(m->start - folded);

	m->len = map[start + m->len] - map[start];
	m->start = message + map[start];
	for (size_t i = 0; i < m->ngroups; i++) {
		size_t at = (size_t)(m->groups[i].start - folded);
		size_t end = at + m->groups[i].len;

		m->groups[i].start = message + map[at];
		m->groups[i].len = map[end] - map[at];
	}
}

struct finding *match_record(const struct kb *kb, struct regex_cache *rc,
			     const struct tb_record *rec)
{
	int near_read;

	return match_record_near(kb, rc, rec, &near_read);
}

struct finding *match_record_near(const struct kb *kb, struct regex_cache *rc,
				  const struct tb_record *rec, int *near_read)
{
	const struct kb_playbook *best_pb = NULL;
	const struct kb_signature *best_sig = NULL;
	size_t best_block = 0;
	struct regex_match m, best_m = { 0 };
	struct buf folded = { 0 };
	size_t *map = NULL, map_cap = 0;
	struct buf seen = { 0 }, best_seen = { 0 };
	size_t seen_line = 0, best_seen_line = 0;
	/* the highest priority of a signature that lost for want of its context */
	int context_missed = 0, missed = 0;

	for (size_t b = 0; b < rec->nexcs; b++) {
		const struct tb_exc *exc = &rec->excs[b];
		size_t mlen;
		const char *msg = clean_lookalikes(&folded, exc->message, strlen(exc->message),
						   &mlen, &map, &map_cap);
		for (size_t p = 0; p < kb->nplaybooks; p++) {
			const struct kb_playbook *pb = kb->playbooks[p];
			for (size_t s = 0; s < pb->nsignatures; s++) {
				const struct kb_signature *sig = &pb->signatures[s];
				if (best_sig && sig->priority <= best_sig->priority)
					continue;
				if (!signature_matches(rc, sig, exc, msg, mlen, &m))
					continue;
				if (sig->context) {
					if (!context_seen(rc, sig, rec, &seen, &seen_line)) {
						if (!context_missed || sig->priority > missed)
							missed = sig->priority;
						context_missed = 1;
						continue;
					}
					buf_reset(&best_seen);
					buf_add(&best_seen, seen.s, seen.len);
					best_seen_line = seen_line;
				}
				best_pb = pb;
				best_sig = sig;
				best_block = b;
				best_m = m;
				if (msg != exc->message)
					unfold_groups(&best_m, msg, exc->message, map);
			}
		}
	}
	buf_fini(&folded);
	free(map);
	buf_fini(&seen);
	/* the text near the record decided when a signature needing it won, or lost while
	 * it would have won (or tied) with it */
	*near_read = best_sig ? best_sig->context || (context_missed && missed >= best_sig->priority)
			      : context_missed;
	if (!best_sig) {
		buf_fini(&best_seen);
		return NULL;
	}
	struct finding *fd = xcalloc(1, sizeof *fd);
	fd->near_read = *near_read;
	fd->playbook = best_pb;
	fd->signature = best_sig;
	fd->block = best_block;
	fd->occurrences = 1;
	fd->first_line = rec->first_line;
	fd->origin = rec->origin;
	add_signature_facts(fd, rec, &best_m, &best_seen, best_seen_line);
	buf_fini(&best_seen);
	return fd;
}

int match_bare_candidate(const struct kb *kb, struct regex_cache *rc, const char *type,
			 size_t type_len, const char *message, size_t message_len)
{
	struct buf folded = { 0 };
	size_t len;
	const char *msg = clean_lookalikes(&folded, message, message_len, &len, NULL, NULL);
	int candidate = 0;

	for (size_t p = 0; p < kb->nplaybooks && !candidate; p++) {
		const struct kb_playbook *pb = kb->playbooks[p];
		for (size_t s = 0; s < pb->nsignatures && !candidate; s++) {
			const struct kb_signature *sig = &pb->signatures[s];
			if (sig->literal)
				candidate = has_literal(sig, msg, len);
			else
				candidate = !sig->exception ||
					    regex_match_whole(rc, sig->exception, &sig->pos, type,
							      type_len) == 1;
		}
	}
	buf_fini(&folded);
	return candidate;
}

struct litset *match_mention_literals(const struct kb *kb, int logged_only)
{
	struct litset *set = litset_new();

	for (size_t p = 0; p < kb->nplaybooks; p++) {
		const struct kb_playbook *pb = kb->playbooks[p];
		for (size_t s = 0; s < pb->nsignatures; s++) {
			const struct kb_signature *sig = &pb->signatures[s];
			if ((sig->alone || sig->context) && sig->literal &&
			    (sig->logged || !logged_only))
				litset_add(set, sig->literal, strlen(sig->literal));
		}
	}
	return set;
}
