/*
 * evidence.h: the facts a finding gets beyond its signature: the user's own frame (the
 * innermost frame that the knowledge base does not call library code), the shared evidence
 * rules (version, platform, start method, library, ...) and the playbook's derived facts.
 * Knows where in a record to look, not what anything found there means.
 */
#ifndef PICKDOC_EVIDENCE_H
#define PICKDOC_EVIDENCE_H

#include "finding.h"
#include "kb.h"
#include "regex.h"

/* The user's frame of REC, which no playbook matched: the innermost frame outside library
 * files, in the blocks a carrier quoted (what another process raised) first; NULL when
 * every frame is library code.  *CARRIED tells whether REC quotes such a block. */
const struct tb_frame *evidence_unmatched_frame(const struct kb *kb, struct regex_cache *rc,
						const struct tb_record *rec, int *carried);

/* Adds facts to FD, whose record must be set. */
void evidence_collect(const struct kb *kb, struct regex_cache *rc, struct finding *fd);

/* Applies FD's derive rules again, for facts set since (what FD is layered under). */
void evidence_derive(struct regex_cache *rc, struct finding *fd);

/* Applies FD's derive rules that read layered_under, each replacing the fact it sets: what
 * FD is a consequence of, known only once every finding is read, says more than FD's own
 * text did when its facts were first derived (a rank's exit after its collective timed
 * out is not a crash of its own).  Then the others, as evidence_derive. */
void evidence_derive_layered(struct regex_cache *rc, struct finding *fd);

#endif
