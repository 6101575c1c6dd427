/*
 * match.h: a record against the signatures of the knowledge base.  A cheap literal check
 * comes before any regex; the best signature over all blocks of a record becomes a finding
 * with the facts the signature gives.  Knows signatures, not what they mean.
 */
#ifndef PICKDOC_MATCH_H
#define PICKDOC_MATCH_H

#include <stddef.h>

#include "finding.h"
#include "kb.h"
#include "litset.h"
#include "record.h"
#include "regex.h"

/* A new finding for REC (which the finding does not own yet: fd->record is NULL), or NULL
 * when no signature matches. */
struct finding *match_record(const struct kb *kb, struct regex_cache *rc,
			     const struct tb_record *rec);
/* The same, and *NEAR_READ: whether the text near REC decided, so that the same record
 * elsewhere could be diagnosed otherwise (a signature that needs it won, or lost for the
 * want of it; also when the result is NULL). */
struct finding *match_record_near(const struct kb *kb, struct regex_cache *rc,
				  const struct tb_record *rec, int *near_read);

/* Whether an exception line seen alone could match some signature: its literal occurs in
 * MESSAGE (or it has none and its exception pattern matches TYPE). */
int match_bare_candidate(const struct kb *kb, struct regex_cache *rc, const char *type,
			 size_t type_len, const char *message, size_t message_len);

/* The literals of the signatures that may match a message without its exception line
 * (alone, or with a context), only those logged at an informational level when
 * LOGGED_ONLY: a line outside any traceback that holds none of them (litset_any) mentions
 * no message.  The caller frees the set (litset_free). */
struct litset *match_mention_literals(const struct kb *kb, int logged_only);

#endif
