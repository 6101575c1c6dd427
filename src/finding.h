/*
 * finding.h: what pickdoc concluded about one failure, as plain data shared by the stages
 * after matching (evidence, infer, group) and read by the reporters.  A finding owns its
 * facts, its ranked causes and its record; playbook data is borrowed from the knowledge
 * base, which outlives every finding.
 */
#ifndef PICKDOC_FINDING_H
#define PICKDOC_FINDING_H

#include <stddef.h>
#include <time.h>

#include "kb.h"
#include "record.h"

struct fact {
	char *name;
	char *value;
	char *source;            /* what set it: "signature knowledge/x.yaml:12", "rule ..." */
	size_t line;             /* input line it was read from; 0 when derived */
	char *replaced;          /* a person's answer: the log's value it replaced; NULL */
};

struct facts {
	struct fact *v;
	size_t n, cap;
};

/* Borrowed value of fact NAME, or NULL. */
const char *facts_get(const struct facts *f, const char *name);
const struct fact *facts_find(const struct facts *f, const char *name);
/* Sets NAME unless it is already set (first setter wins); returns 1 if it was set. */
int facts_set(struct facts *f, const char *name, const char *value, const char *source,
	      size_t line);
/* Removes NAME, if set, so that it can be set again. */
void facts_unset(struct facts *f, const char *name);
void facts_fini(struct facts *f);

struct ranked_cause {
	const struct kb_cause *cause;
	int score;
	char *because;           /* "; "-joined reasons of the boosts that applied, or NULL */
};

/* One step of the decision tree walked from the facts. */
struct tree_step {
	const struct kb_question *question;
	const struct kb_answer *answer; /* NULL: the facts do not answer it (ask it) */
};

/* The playbook's steps with the evidence filled in (plan.c): what the reports print.  All
 * of it lives in ARENA, owned by the plan. */
/* A check of the plan: RUNNABLE when every part of its command came from the log, else
 * the command is a template to fill in. */
struct plan_check {
	const char *run;
	const char *before;
	const char *after;
	int runnable;
};

struct plan {
	const char **first_ten_minutes;
	size_t nfirst_ten_minutes;
	const char **where_to_look;
	size_t nwhere_to_look;
	const char **fix;                /* the leading cause's own fix (plan.c) */
	size_t nfix;
	struct plan_check *verify;
	size_t nverify;
	const char **worse;
	size_t nworse;
	const char **placeholders;       /* the facts the plan shows as "<...>" (plan_gaps) */
	size_t nplaceholders;
	struct arena *arena;
};

struct finding {
	const struct kb_playbook *playbook;
	const struct kb_signature *signature;
	struct tb_record *record;        /* owned: the first occurrence */
	size_t block;                    /* index of the matched block in record->excs */
	int near_read;                   /* matching read the text near the record (a
					    signature's context), which the record's key
					    does not hold */
	struct facts facts;
	struct ranked_cause *causes;     /* highest score first */
	size_t ncauses;
	struct tree_step *path;          /* the decision tree as far as the facts go */
	size_t npath;
	const struct kb_cause *conclusion; /* where the tree ended, or the only cause it
					    leaves; NULL */
	size_t npossible;                /* causes[0..npossible) are those the tree still
					    allows (all when it rules none out) */
	const struct kb_question *next;  /* the first open question in tree order that was
					    not skipped, or NULL */
	const struct kb_question **skipped; /* owned: answered "don't know" by a person */
	size_t nskipped;
	size_t occurrences;
	size_t first_line;
	const char *origin;              /* borrowed from record->origin */
	int secondary;
	const struct finding *primary;   /* for a secondary finding */
	char *fingerprint;               /* the grouping key, the same on every host */
	time_t first_seen;               /* when it first happened: WRITTEN, else when a run
					    first saw it; 0: unknown */
	time_t written;                  /* when the log says its first occurrence was
					    written (a report's first_seen, merged); 0: it
					    does not say, and no other is known earlier */
	struct plan plan;
};

/* The matched exception block. */
const struct tb_exc *finding_exc(const struct finding *fd);
/* The subject fact, or NULL. */
const char *finding_subject(const struct finding *fd);

void finding_free(struct finding *fd);

#endif
