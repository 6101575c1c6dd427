/*
 * match.c: signatures against records.  For each block, a signature is tried only when its
 * literal occurs in the message; then its exception pattern, its message pattern and its
 * frame and source-line conditions.  The highest priority wins; ties go to the block printed first (the
 * root of a chain), then to the playbook loaded first.
 */
#include "match.h"

#include <stdlib.h>
#include <string.h>

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

static int signature_matches(struct regex_cache *rc, const struct kb_signature *sig,
			     const struct tb_exc *exc, struct regex_match *m)
{
	size_t mlen = strlen(exc->message);

	if (!has_literal(sig, exc->message, mlen))
		return 0;
	if (sig->exception &&
	    regex_match_whole(rc, sig->exception, &sig->pos, exc->type, strlen(exc->type)) != 1)
		return 0;
	if (regex_match(rc, sig->pattern, &sig->pattern_pos, exc->message, mlen, m) != 1)
		return 0;
	return (!sig->frame || frame_matches(rc, sig, exc)) &&
	       (!sig->source || source_matches(rc, sig, exc));
}

static void add_signature_facts(struct finding *fd, const struct tb_record *rec,
				const struct regex_match *m)
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
	facts_set(&fd->facts, "exception", exc->type, "exception line", line);
	facts_set(&fd->facts, "message", exc->message, "exception line", line);
	if (final)
		facts_set(&fd->facts, "final_exception", final->type, "last exception line",
			  final->type_line);
	if (exc->carrier)
		facts_set(&fd->facts, "carrier", exc->carrier, "carrier line", exc->first_line);
	if (sig->versions)
		facts_set(&fd->facts, "wording_versions", sig->versions, src.s, line);
	buf_fini(&src);
}

struct finding *match_record(const struct kb *kb, struct regex_cache *rc,
			     const struct tb_record *rec)
{
	const struct kb_playbook *best_pb = NULL;
	const struct kb_signature *best_sig = NULL;
	size_t best_block = 0;
	struct regex_match m, best_m = { 0 };

	for (size_t b = 0; b < rec->nexcs; b++) {
		const struct tb_exc *exc = &rec->excs[b];
		for (size_t p = 0; p < kb->nplaybooks; p++) {
			const struct kb_playbook *pb = kb->playbooks[p];
			for (size_t s = 0; s < pb->nsignatures; s++) {
				const struct kb_signature *sig = &pb->signatures[s];
				if (best_sig && sig->priority <= best_sig->priority)
					continue;
				if (!signature_matches(rc, sig, exc, &m))
					continue;
				best_pb = pb;
				best_sig = sig;
				best_block = b;
				best_m = m;
			}
		}
	}
	if (!best_sig)
		return NULL;
	struct finding *fd = xcalloc(1, sizeof *fd);
	fd->playbook = best_pb;
	fd->signature = best_sig;
	fd->block = best_block;
	fd->occurrences = 1;
	fd->first_line = rec->first_line;
	fd->origin = rec->origin;
	add_signature_facts(fd, rec, &best_m);
	return fd;
}

int match_bare_candidate(const struct kb *kb, struct regex_cache *rc, const char *type,
			 size_t type_len, const char *message, size_t message_len)
{
	for (size_t p = 0; p < kb->nplaybooks; p++) {
		const struct kb_playbook *pb = kb->playbooks[p];
		for (size_t s = 0; s < pb->nsignatures; s++) {
			const struct kb_signature *sig = &pb->signatures[s];
			if (sig->literal) {
				if (memmem(message, message_len, sig->literal, strlen(sig->literal)))
					return 1;
			} else if (!sig->exception ||
				   regex_match_whole(rc, sig->exception, &sig->pos, type,
						     type_len) == 1) {
				return 1;
			}
		}
	}
	return 0;
}
