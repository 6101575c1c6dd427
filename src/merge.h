/*
 * merge.h: reports of many runs read back into one: the JSON document of --format json and
 * the lines of --format ndjson, from any number of hosts, grouped by fingerprint so that
 * counts add up, the earliest occurrence stays with its host and each finding keeps the
 * hosts that saw it.  Knows the report schema and the knowledge base the findings name;
 * nothing of logs.
 */
#ifndef PICKDOC_MERGE_H
#define PICKDOC_MERGE_H

#include <stddef.h>

#include "kb.h"
#include "report.h"

enum merge_status {
	MERGE_OK,
	MERGE_NOT_REPORT,        /* not a pickdoc report, or a part of one unusable (reported) */
	MERGE_UNREADABLE         /* could not be read (reported) */
};

struct merge;

/* KB, borrowed, must hold the playbooks the reports name (the same --kb as the hosts). */
struct merge *merge_new(const struct kb *kb);
/* Adds the report at PATH; what it could use is merged even when it returns an error. */
enum merge_status merge_file(struct merge *m, const char *path);
/* Adds the report held in TEXT (LEN bytes), NAME standing for its file. */
enum merge_status merge_text(struct merge *m, const char *text, size_t len, const char *name);
/* The merged findings, hosts included; valid until merge_free. */
void merge_result(struct merge *m, struct report_input *out);
void merge_free(struct merge *m);

#endif
