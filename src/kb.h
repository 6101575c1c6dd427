/*
 * kb.h: the knowledge base in memory.  One form, whether it was generated into the binary
 * at build time (kb_builtin) or loaded from a user's directory at run time (kb_load_dir):
 * plain const data of strings and arrays, with the file position of every item that lint
 * or a diagnostic may need to point at.  What any of it means is decided by the YAML; the
 * schema is documented in knowledge/README.md.
 *
 * Ownership: kb_new/kb_free own a struct kb and everything kb_load_dir adds to it; the
 * built-in data is static and never freed.
 */
#ifndef PICKDOC_KB_H
#define PICKDOC_KB_H

#include <stddef.h>

struct kb_pos {
	const char *file;
	unsigned line, col;              /* 1-based; 0 when unknown */
};

/* A condition on one fact: the fact exists and PATTERN (PCRE2) matches its value; with
 * NEGATE, the fact is absent or does not match. */
struct kb_cond {
	const char *fact;
	const char *pattern;
	int negate;
	struct kb_pos pos;
};

struct kb_fact {                         /* a constant fact a signature sets */
	const char *name;
	const char *value;
};

struct kb_signature {
	const char *exception;           /* PCRE2, whole exception type; NULL = any */
	const char *pattern;             /* PCRE2 on the message; named groups become facts */
	const char *literal;             /* substring the message must contain; NULL = none */
	const char *versions;            /* "3.8-3.12", "2.7", "3.14-": documentation and a fact */
	const char *frame;               /* PCRE2 that some frame "file:func" must match; NULL */
	const char *source;              /* PCRE2 that some frame's source line must match; NULL */
	int bare;                        /* matches only a block printed without frames: the
					    same wording under frames of other code is not this
					    failure, and frames would say so */
	int priority;                    /* higher wins when several playbooks match a record */
	int wrapper;                     /* the wording only says that another failure happened
					    (a library's re-raise): see groups_finish */
	int consequence;                 /* the wording is only ever the consequence of another
					    failure (a pipe whose other end died): a finding
					    only as secondary to one of the same run, else the
					    traceback is undiagnosed (groups_finish) */
	int alone;                       /* the wording is unmistakable without its exception
					    line: it also matches a message mentioned in prose */
	int logged;                      /* its library logs it at an informational level (INFO):
					    such a log line counts as a mention of it too */
	const char *context;             /* PCRE2 that the text near the record must match (its
					    blocks, or the lines just before it); it, too, lets
					    the signature match a mentioned message; NULL */
	const struct kb_fact *facts;
	size_t nfacts;
	struct kb_pos pos;
	struct kb_pos pattern_pos;       /* where the pattern text starts, for caret errors */
};

/* A fact derived from another: when PATTERN matches fact FROM, set FACT to VALUE, in
 * which "$name" is replaced by the named group NAME of the match.  FROM "a,b" reads the
 * values of facts a and b joined by a newline (both must be set), so that a pattern can
 * compare two facts. */
struct kb_derive {
	const char *fact;
	const char *from;
	const char *pattern;
	const char *value;
	const char *because;
	struct kb_pos pos;
};

struct kb_boost {                        /* score added to a cause when all conditions hold */
	const struct kb_cond *when;
	size_t nwhen;
	int add;
	const char *because;
	struct kb_pos pos;
};

struct kb_cause {
	const char *id;
	const char *title;
	int prior;                       /* score before any evidence */
	const struct kb_boost *boosts;
	size_t nboosts;
	const char *fix;                 /* the fix for this cause; NULL: the playbook's */
	struct kb_pos pos;
};

struct kb_answer {
	const char *name;                /* what a person types to choose it, for a choice
					    between two things whose fact is yes or no; NULL:
					    VALUE */
	const char *value;               /* the value its fact takes (and the answer typed) */
	const char *label;               /* what the choice says */
	const char *match;               /* PCRE2 that a known fact value must match to take this
					    answer without asking; NULL: VALUE exactly */
	const char *next;                /* id of a question or of a cause of the playbook */
	struct kb_pos pos;
};

struct kb_question {
	const char *id;
	const char *ask;
	const char *why;                 /* why the answer matters */
	const char *fact;                /* the fact that answers it */
	const struct kb_answer *answers;
	size_t nanswers;
	struct kb_pos pos;
};

struct kb_check {
	const char *run;
	const char *before;
	const char *after;
};

struct kb_faq {
	const char *q;
	const char *a;
};

struct kb_incident {
	const char *title;
	const char *const *timeline;
	size_t ntimeline;
	const char *story;
	const char *root_cause;
	const char *fix;
	const char *lesson;
};

struct kb_sample {
	const char *log;
	const char *subject;             /* expected subject; NULL = not checked */
	struct kb_pos pos;
};

struct kb_playbook {
	const char *id;
	const char *title;
	const char *means;
	const char *const *secondary_to; /* ids this is a consequence of; "*" = any other */
	size_t nsecondary_to;
	const struct kb_signature *signatures;
	size_t nsignatures;
	const struct kb_derive *derive;
	size_t nderive;
	const struct kb_cause *causes;
	size_t ncauses;
	const struct kb_question *questions; /* the first is the root of the decision tree */
	size_t nquestions;
	const char *const *first_ten_minutes;
	size_t nfirst_ten_minutes;
	const char *const *where_to_look;
	size_t nwhere_to_look;
	const char *const *fix;
	size_t nfix;
	const struct kb_check *verify;
	size_t nverify;
	const char *const *worse;
	size_t nworse;
	const struct kb_incident *incident; /* NULL when the playbook has none */
	const struct kb_faq *faq;
	size_t nfaq;
	const struct kb_sample *match_samples;
	size_t nmatch_samples;
	const struct kb_sample *no_match_samples;
	size_t nno_match_samples;
	const char *source;              /* the YAML text of its file, as written */
	struct kb_pos pos;
};

/* Evidence shared by all playbooks (knowledge/evidence.yaml): when PATTERN matches the
 * text named by FROM, FACT takes VALUE ("$name" expands named groups).  FROM is one of
 * "file", "func", "source", "frame" (file:func), "type", "message" or "note", or a
 * "user_*" fact: one of the user frame's ("user_file", "user_func", "user_source") or one
 * an earlier such rule set; those rules run once the user frame is known, after the
 * others, in order.  The first rule that sets a fact wins.  With COLLECT ("outer-first"), the rule and the collecting
 * rules after it for the same fact build the value together: every item of a block (notes
 * and frames, outermost first) adds the value of the first of them that matches it. */
struct kb_rule {
	const char *fact;
	const char *from;
	const char *pattern;
	const char *value;
	const char *because;
	const char *collect;
	struct kb_pos pos;
};

struct kb {
	const struct kb_playbook *const *playbooks;
	size_t nplaybooks;
	const struct kb_rule *rules;
	size_t nrules;
	const char *const *library_files; /* PCRE2 on frame files that are not the user's code */
	size_t nlibrary_files;
	/* PCRE2 on a frame as "file:func", a newline and the frame it called (empty for the
	 * innermost): a runtime's start-up frames, which no library path tells apart */
	const char *const *bootstrap_frames;
	size_t nbootstrap_frames;
	void *owned;                      /* storage of loaded data; NULL for the built-in */
};

/* The knowledge base generated from knowledge/ at build time. */
const struct kb *kb_builtin(void);

/* What a pattern is matched against. */
enum kb_pattern_on {
	KB_ON_TYPE,              /* an exception type, whole */
	KB_ON_MESSAGE,           /* a message, a fact's value, an answer: any length */
	KB_ON_FRAME,             /* a frame's "file:func" */
	KB_ON_TEXT               /* a short text: a source line, a file name, a type */
};

typedef void kb_pattern_fn(const char *pattern, const struct kb_pos *pos, enum kb_pattern_on on,
			   void *arg);
/* Calls FN for each pattern of PB, with where it is written (NULL when unknown). */
void kb_playbook_patterns(const struct kb_playbook *pb, kb_pattern_fn *fn, void *arg);
/* Calls FN for each pattern of KB: the rules', the library files', the playbooks'. */
void kb_patterns(const struct kb *kb, kb_pattern_fn *fn, void *arg);

/* A new knowledge base that starts as a copy of BASE's tables (BASE may be NULL). */
struct kb *kb_new(const struct kb *base);

/* Loads every *.yaml file in DIR (sorted by name) into KB: a playbook whose id is already
 * there replaces it, evidence files add their rules in front of the existing ones.
 * Problems are reported through msg.h; returns the number of errors. */
int kb_load_dir(struct kb *kb, const char *dir);

/* Loads one YAML file (tests, lint); same contract as kb_load_dir. */
int kb_load_file(struct kb *kb, const char *path);

/* Loads YAML held in memory, NAME standing for its file in diagnostics. */
int kb_load_text(struct kb *kb, const char *name, const char *text, size_t len);

void kb_free(struct kb *kb);

const struct kb_playbook *kb_find(const struct kb *kb, const char *id);

#endif
