/*
 * kb_facts.h: the fact names a playbook reads (in a cause's conditions, a derive rule's
 * source, a placeholder of its texts) checked against those something can set: the engine
 * itself, an evidence rule, one of the playbook's signatures (a named group or a constant
 * fact), derive rules or questions.  A name nothing sets is a typo that silently never
 * holds, or a placeholder that always shows its fallback.  Reports through msg.h.
 */
#ifndef PICKDOC_KB_FACTS_H
#define PICKDOC_KB_FACTS_H

#include "kb.h"

/* Warns of each fact name PB (a playbook of KB) reads that nothing can set.  Returns the
 * number of warnings. */
int kb_lint_facts(const struct kb *kb, const struct kb_playbook *pb);

#endif
