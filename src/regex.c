/*
 * regex.c: lazy PCRE2 compilation, put off until a subject holds the text every match
 * needs (regex_hint.h), JIT for the patterns that run often, a pointer-keyed cache of
 * compiled patterns, named groups, "$name" templates.  Match, depth and heap limits keep
 * a hostile pattern or subject from running away: a match that hits one is reported once
 * per pattern and counts as no match, so the rest of the input is still diagnosed.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex.h"

#include <pcre2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "regex_hint.h"
#include "util.h"

#define MATCH_LIMIT 1000000u      /* backtracking steps of one match */
#define DEPTH_LIMIT 10000u        /* nested backtracking points */
#define HEAP_LIMIT_KIB 16384u     /* their memory: 16 MiB */
#define COMPILE_OPTIONS (PCRE2_UTF | PCRE2_MATCH_INVALID_UTF)
/* JIT-compiling a pattern costs as much as a few hundred interpreted matches of it on a
 * log line: a pattern is JIT-compiled on its JIT_AFTER-th match, so that a small log is
 * read without paying for it and a large one runs at the JIT's speed. */
#define JIT_AFTER 64u

struct regex_entry {
	const char *pattern;     /* the key: the knowledge base's string */
	pcre2_code *code;        /* NULL until compiled, or when it failed to compile */
	int compiled;            /* compiling was tried */
	char hint[REGEX_HINT_MAX]; /* text every match holds: a subject without it is */
	size_t hint_len;           /* passed over uncompiled (0: none known) */
	unsigned runs;           /* matches tried, up to JIT_AFTER */
	int reported;            /* a matching error was already reported */
};

struct regex_cache {
	struct regex_entry *slots;
	size_t nslots, used;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
};

struct regex_cache *regex_cache_new(void)
{
	struct regex_cache *rc = xcalloc(1, sizeof *rc);

	rc->nslots = 64;           /* doubled as patterns come: a short run touches little */
	rc->slots = xcalloc(rc->nslots, sizeof *rc->slots);
	rc->md = pcre2_match_data_create(64, NULL);
	rc->mctx = pcre2_match_context_create(NULL);
	if (!rc->md || !rc->mctx) {
		fputs("pickdoc: out of memory\n", stderr);
		exit(2);
	}
	pcre2_set_match_limit(rc->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(rc->mctx, DEPTH_LIMIT);
	pcre2_set_heap_limit(rc->mctx, HEAP_LIMIT_KIB);
	return rc;
}

void regex_cache_free(struct regex_cache *rc)
{
	if (!rc)
		return;
	for (size_t i = 0; i < rc->nslots; i++)
		pcre2_code_free(rc->slots[i].code);
	free(rc->slots);
	pcre2_match_data_free(rc->md);
	pcre2_match_context_free(rc->mctx);
	free(rc);
}

static size_t slot_of(const struct regex_cache *rc, const char *pattern)
{
	uintptr_t h = (uintptr_t)pattern;

	h ^= h >> 17;
	h *= 0x9e3779b97f4a7c15u;
	return (size_t)(h >> 7) & (rc->nslots - 1);
}

static void rehash(struct regex_cache *rc)
{
	struct regex_entry *old = rc->slots;
	size_t nold = rc->nslots;

	rc->nslots *= 2;
	rc->slots = xcalloc(rc->nslots, sizeof *rc->slots);
	for (size_t i = 0; i < nold; i++) {
		if (!old[i].pattern)
			continue;
		size_t s = slot_of(rc, old[i].pattern);
		while (rc->slots[s].pattern)
			s = (s + 1) & (rc->nslots - 1);
		rc->slots[s] = old[i];
	}
	free(old);
}

static pcre2_code *compile(const char *pattern, const struct kb_pos *pos)
{
	int err;
	PCRE2_SIZE off;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
					 COMPILE_OPTIONS, &err, &off, NULL);

	if (!code) {
		PCRE2_UCHAR text[256];
		pcre2_get_error_message(err, text, sizeof text);
		msg(MSG_ERROR, pos ? pos->file : NULL, pos ? pos->line : 0,
		    pos && pos->line ? pos->col + (unsigned)off : 0,
		    "pattern does not compile: %s", (const char *)text);
		msg_caret(pattern, off);
		return NULL;
	}
	return code;
}

int regex_check(const char *pattern, const struct kb_pos *pos)
{
	pcre2_code *code = compile(pattern, pos);

	pcre2_code_free(code);
	return code ? 0 : -1;
}

void regex_group_names(const char *pattern, regex_name_fn *fn, void *arg)
{
	int err;
	PCRE2_SIZE off;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
					 COMPILE_OPTIONS, &err, &off, NULL);
	uint32_t count = 0, entry_size = 0;
	PCRE2_SPTR table = NULL;

	if (!code)
		return;
	pcre2_pattern_info(code, PCRE2_INFO_NAMECOUNT, &count);
	pcre2_pattern_info(code, PCRE2_INFO_NAMEENTRYSIZE, &entry_size);
	pcre2_pattern_info(code, PCRE2_INFO_NAMETABLE, &table);
	for (uint32_t i = 0; i < count; i++)
		fn((const char *)(table + (size_t)i * entry_size + 2), arg);
	pcre2_code_free(code);
}

/* PATTERN's entry, made (not compiled) on first use. */
static struct regex_entry *lookup(struct regex_cache *rc, const char *pattern)
{
	size_t s = slot_of(rc, pattern);

	while (rc->slots[s].pattern) {
		if (rc->slots[s].pattern == pattern)
			return &rc->slots[s];
		s = (s + 1) & (rc->nslots - 1);
	}
	if ((rc->used + 1) * 2 > rc->nslots) {
		rehash(rc);
		return lookup(rc, pattern);
	}
	struct regex_entry *e = &rc->slots[s];
	e->pattern = pattern;
	e->hint_len = regex_required_text(pattern, e->hint, sizeof e->hint);
	rc->used++;
	return e;
}

/* E's code, compiled on first need (a failure reported at POS, once). */
static pcre2_code *code_of(struct regex_entry *e, const struct kb_pos *pos)
{
	if (!e->compiled) {
		e->code = compile(e->pattern, pos);
		e->compiled = 1;
	}
	return e->code;
}

static void collect_groups(pcre2_code *code, const PCRE2_SIZE *ov, int rc_count,
			   const char *subject, struct regex_match *m)
{
	uint32_t count = 0, entry_size = 0;
	PCRE2_SPTR table = NULL;

	m->ngroups = 0;
	pcre2_pattern_info(code, PCRE2_INFO_NAMECOUNT, &count);
	if (!count)
		return;
	pcre2_pattern_info(code, PCRE2_INFO_NAMEENTRYSIZE, &entry_size);
	pcre2_pattern_info(code, PCRE2_INFO_NAMETABLE, &table);
	for (uint32_t i = 0; i < count && m->ngroups < REGEX_MAX_GROUPS; i++) {
		PCRE2_SPTR e = table + (size_t)i * entry_size;
		int n = (e[0] << 8) | e[1];
		if (n >= rc_count || ov[2 * n] == PCRE2_UNSET)
			continue;
		struct regex_group *g = &m->groups[m->ngroups++];
		g->name = (const char *)(e + 2);
		g->start = subject + ov[2 * n];
		g->len = ov[2 * n + 1] - ov[2 * n];
	}
}

static int run(struct regex_cache *rc, const char *pattern, const struct kb_pos *pos,
	       const char *subject, size_t len, uint32_t options, struct regex_match *m)
{
	struct regex_entry *e = lookup(rc, pattern);

	if (e->hint_len && !memmem(subject, len, e->hint, e->hint_len))
		return 0;
	if (!code_of(e, pos))
		return -1;
	/* JIT is an optimisation: where it is unavailable the interpreter still matches. */
	if (e->runs < JIT_AFTER && ++e->runs == JIT_AFTER)
		pcre2_jit_compile(e->code, PCRE2_JIT_COMPLETE);
	int n = pcre2_match(e->code, (PCRE2_SPTR)subject, len, 0, options, rc->md, rc->mctx);
	if (n == PCRE2_ERROR_NOMATCH)
		return 0;
	if (n < 0) {
		if (!e->reported) {
			PCRE2_UCHAR text[256];
			pcre2_get_error_message(n, text, sizeof text);
			msg(MSG_WARNING, pos ? pos->file : NULL, pos ? pos->line : 0,
			    pos ? pos->col : 0, "pattern gave up on an input line (%s): it "
			    "counts as not matching there, here and wherever it gives up again",
			    (const char *)text);
			e->reported = 1;
		}
		return -1;
	}
	if (m) {
		const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(rc->md);
		m->start = subject + ov[0];
		m->len = ov[1] - ov[0];
		collect_groups(e->code, ov, n ? n : 64, subject, m);
	}
	return 1;
}

int regex_match(struct regex_cache *rc, const char *pattern, const struct kb_pos *pos,
		const char *subject, size_t len, struct regex_match *m)
{
	return run(rc, pattern, pos, subject, len, 0, m);
}

int regex_match_whole(struct regex_cache *rc, const char *pattern, const struct kb_pos *pos,
		      const char *subject, size_t len)
{
	return run(rc, pattern, pos, subject, len, PCRE2_ANCHORED | PCRE2_ENDANCHORED, NULL);
}

/* The interpreter, not the JIT: it counts the match and depth limits the same way on every
 * machine (the JIT ignores the depth limit and counts the match limit its own way), which
 * makes the linter's verdict a count rather than a clock. */
int regex_probe(struct regex_cache *rc, const char *pattern, int whole, const char *subject,
		size_t len, const char **limit)
{
	struct regex_entry *e = lookup(rc, pattern);
	uint32_t options = PCRE2_NO_JIT | (whole ? PCRE2_ANCHORED | PCRE2_ENDANCHORED : 0);

	*limit = NULL;
	if (!code_of(e, NULL))
		return -1;
	/* JIT is an optimisation: where it is unavailable the interpreter still matches. */
	if (e->runs < JIT_AFTER && ++e->runs == JIT_AFTER)
		pcre2_jit_compile(e->code, PCRE2_JIT_COMPLETE);
	int n = pcre2_match(e->code, (PCRE2_SPTR)subject, len, 0, options, rc->md, rc->mctx);
	switch (n) {
	case PCRE2_ERROR_NOMATCH:
		return 0;
	case PCRE2_ERROR_MATCHLIMIT:
		*limit = "match limit";
		return -1;
	case PCRE2_ERROR_DEPTHLIMIT:
		*limit = "depth limit";
		return -1;
	case PCRE2_ERROR_HEAPLIMIT:
		*limit = "heap limit";
		return -1;
	default:
		return n < 0 ? -1 : 1;
	}
}

char *regex_expand(const char *template, const struct regex_match *m)
{
	struct buf b = { 0 };

	for (const char *p = template; *p; p++) {
		if (*p != '$') {
			buf_addc(&b, *p);
			continue;
		}
		if (p[1] == '$') {
			buf_addc(&b, '$');
			p++;
			continue;
		}
		size_t n = 0;
		while (p[1 + n] == '_' || (p[1 + n] >= 'a' && p[1 + n] <= 'z') ||
		       (p[1 + n] >= 'A' && p[1 + n] <= 'Z') || (p[1 + n] >= '0' && p[1 + n] <= '9'))
			n++;
		if (!n) {
			buf_addc(&b, '$');
			continue;
		}
		for (size_t i = 0; m && i < m->ngroups; i++) {
			if (strlen(m->groups[i].name) == n && !strncmp(m->groups[i].name, p + 1, n)) {
				buf_add(&b, m->groups[i].start, m->groups[i].len);
				break;
			}
		}
		p += n;
	}
	return buf_release(&b);
}
