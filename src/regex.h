/*
 * regex.h: PCRE2 patterns from the knowledge base, compiled (and JIT-compiled) the first
 * time a subject could match them and kept for the run.  Knows PCRE2, not what the
 * patterns mean.  Every error other than "no match" is reported through msg.h, never read
 * as a non-match silently.
 */
#ifndef PICKDOC_REGEX_H
#define PICKDOC_REGEX_H

#include <stddef.h>

#include "kb.h"

struct regex_cache;

struct regex_cache *regex_cache_new(void);
void regex_cache_free(struct regex_cache *rc);

/* A named group of the last successful match. */
struct regex_group {
	const char *name;        /* borrowed from the compiled pattern */
	const char *start;       /* into the subject */
	size_t len;
};

#define REGEX_MAX_GROUPS 16

struct regex_match {
	const char *start;       /* the whole match, into the subject */
	size_t len;
	struct regex_group groups[REGEX_MAX_GROUPS];
	size_t ngroups;          /* named groups that took part in the match */
};

/* Matches PATTERN (identified by its address: patterns live as long as the knowledge
 * base) against SUBJECT.  Returns 1 on a match (filling *M when M is not NULL), 0 on no
 * match, -1 when the pattern does not compile or matching failed (reported once, at POS).
 * A pattern is compiled only once a subject holds the text its every match needs: until
 * then it does not match, whether it compiles or not (the linter compiles them all). */
int regex_match(struct regex_cache *rc, const char *pattern, const struct kb_pos *pos,
		const char *subject, size_t len, struct regex_match *m);

/* As regex_match, but PATTERN must match the whole of SUBJECT. */
int regex_match_whole(struct regex_cache *rc, const char *pattern, const struct kb_pos *pos,
		      const char *subject, size_t len);

/* Matches PATTERN (which must compile) against SUBJECT as regex_match does (as
 * regex_match_whole with WHOLE), under the same limits, but with PCRE2's interpreter, whose
 * counts are the same on every machine, and reporting nothing: 1 or 0 for a match or none,
 * -1 when the match failed, with *LIMIT naming the limit it hit ("match limit", "depth
 * limit", "heap limit") or NULL for another error.  For the linter's cost check. */
int regex_probe(struct regex_cache *rc, const char *pattern, int whole, const char *subject,
		size_t len, const char **limit);

/* Compiles PATTERN to check it; reports an error with a caret at POS.  Returns 0 or -1. */
int regex_check(const char *pattern, const struct kb_pos *pos);

/* Calls FN with the name of each named group of PATTERN; nothing when PATTERN does not
 * compile (regex_check says why). */
typedef void regex_name_fn(const char *name, void *arg);
void regex_group_names(const char *pattern, regex_name_fn *fn, void *arg);

/* Expands "$name" in TEMPLATE from M's named groups into a new string (the caller frees
 * it); "$$" is a dollar sign; an unknown name expands to nothing. */
char *regex_expand(const char *template, const struct regex_match *m);

#endif
