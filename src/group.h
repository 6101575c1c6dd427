/*
 * group.h: folds repeated failures into one finding with a count and the line of its first
 * occurrence, keeps distinct ones in order of first appearance, and marks the findings that
 * are consequences of others as secondary.  Also keeps the tracebacks nothing matched.
 */
#ifndef PICKDOC_GROUP_H
#define PICKDOC_GROUP_H

#include "finding.h"
#include "report.h"

struct groups;

struct groups *groups_new(void);
/* Takes ownership of FD (freed at once when it repeats a known finding). */
void groups_add(struct groups *g, struct finding *fd);
/* Records an undiagnosed traceback; takes ownership of REC. */
void groups_add_unmatched(struct groups *g, struct tb_record *rec);
/* Decides primaries and secondaries and fills *OUT, which stays valid until groups_free. */
void groups_finish(struct groups *g, struct report_input *out);
/* Distinct undiagnosed tracebacks that were counted but not kept (over the limit). */
size_t groups_unmatched_dropped(const struct groups *g);
void groups_free(struct groups *g);

/* The grouping key of a message: hex addresses and numbers masked.  Caller frees. */
char *group_normalise(const char *message);

#endif
