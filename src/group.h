/*
 * group.h: folds repeated failures into one finding with a count and its first occurrence,
 * keeps distinct ones in order of first appearance, and marks the findings that are
 * consequences of others as secondary.  Also keeps the tracebacks nothing matched.  Knows
 * findings and their keys, not where they came from nor how they are written.
 */
#ifndef PICKDOC_GROUP_H
#define PICKDOC_GROUP_H

#include "finding.h"
#include "report.h"

/* Distinct findings, and distinct undiagnosed tracebacks, a table keeps: past that, new
 * ones are counted, not kept, so a run that lasts weeks stays within bounded memory. */
#define GROUPS_MAX 4096

struct groups;

enum group_outcome {
	GROUP_NEW,               /* a failure not seen before: kept */
	GROUP_REPEAT,            /* folded into the finding already kept */
	GROUP_DROPPED            /* new, but the table is full: counted only */
};

struct groups *groups_new(void);
/* Takes ownership of FD (freed at once when it repeats a known finding). */
void groups_add(struct groups *g, struct finding *fd);
/* The same, keyed by FINGERPRINT (a finding's fingerprint from a report) or, when NULL,
 * by the one made from FD, and by FD's playbook.  Of two occurrences the one written earlier (by WRITTEN, when
 * both have it; else the one added first) is kept, with the counts summed.  *KEPT, when
 * KEPT is not NULL, is the finding FD went to (NULL when dropped); it stays valid until
 * groups_free. */
enum group_outcome groups_fold(struct groups *g, struct finding *fd, const char *fingerprint,
			       struct finding **kept);
/* Counts one more occurrence, WRITTEN at that time by its log (0: it does not say), of the
 * kept finding whose fingerprint is FINGERPRINT, as groups_fold would count a finding that
 * has it; 0 when none has it, or when it was written before the kept one (groups_fold
 * keeps the earlier). */
int groups_repeat(struct groups *g, const char *fingerprint, time_t written);
/* Marks FD secondary when a finding kept so far is its primary: what a run that reports
 * each finding as it comes can say at that moment (groups_finish decides for good). */
void groups_relate(const struct groups *g, struct finding *fd);
/* Calls FN for each kept finding whose count grew since it was last announced (or was
 * added), oldest first, and takes the counts as announced. */
void groups_announce(struct groups *g, void (*fn)(const struct finding *fd, void *arg),
		     void *arg);
/* Records an undiagnosed traceback; takes ownership of REC.  FRAME (may be NULL) is its
 * user's frame, IN_WORKER whether its exception came from another process
 * (evidence_unmatched_frame).  Returns the new entry when it is the first of its kind
 * (valid until the next call), else NULL.  *INDEX (when INDEX is not NULL) is the place of
 * its entry for groups_repeat_unmatched, or -1 when the table was full. */
const struct unmatched *groups_add_unmatched(struct groups *g, struct tb_record *rec,
					     const struct tb_frame *frame, int in_worker,
					     long *index);
/* Counts one more occurrence of the undiagnosed traceback whose entry is at INDEX (as
 * groups_add_unmatched gave it, before groups_finish); 0 when there is none. */
int groups_repeat_unmatched(struct groups *g, long index);
/* Records OCCURRENCES of an undiagnosed traceback read back from a report: its entry's
 * fields as that report gave them (user_frame and user_source may be NULL). */
void groups_add_unmatched_counted(struct groups *g, const struct unmatched *u);
/* Folds the pieces of one failure that other tracebacks interleaved into its finding (and
 * out of the undiagnosed list), decides primaries and secondaries (one run's only), leaves
 * out the findings that only name a failure (a wrapper's wording, a message read without
 * its exception line) when that failure has a finding of its own, and fills *OUT, which
 * stays valid until groups_free. */
void groups_finish(struct groups *g, struct report_input *out);
void groups_free(struct groups *g);

/* The grouping key of a message: hex addresses and numbers masked.  Caller frees. */
char *group_normalise(const char *message);

#endif
