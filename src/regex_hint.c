/*
 * regex_hint.c: the text every match of a PCRE2 pattern must contain, read from the
 * pattern's source, so that a subject without it is known not to match before the
 * pattern is even compiled.  Conservative: only plain characters outside every group, in
 * a pattern without top-level alternation; whatever could change what a character means
 * (an option setting, \Q, a verb, an escape other than the common classes) gives no hint.
 * Knows PCRE2's syntax, not what any pattern is for.
 */
#include "regex_hint.h"

#include <string.h>

static int is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Escapes of one character that match a class or an assertion, never a literal. */
static int is_class_escape(char c)
{
	return c && strchr("dDwWsShHvVRAzZbBGKX", c) != NULL;
}

/* Past the character class that starts at P (a '['); at the pattern's end if unclosed. */
static const char *past_class(const char *p)
{
	p++;
	if (*p == '^')
		p++;
	if (*p == ']')                  /* a ']' first is a member */
		p++;
	while (*p && *p != ']') {
		if (*p == '\\' && p[1] == 'Q') {            /* quoted up to \E */
			const char *end = strstr(p + 2, "\\E");
			p = end ? end + 2 : p + strlen(p);
		} else if (*p == '\\' && p[1]) {
			p += p[1] == 'c' && p[2] ? 3 : 2;      /* \cX is one character */
		} else if (*p == '[' && p[1] == ':') {
			/* "[:name:]" only: letters, then ":]" */
			const char *q = p + 2;
			while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z'))
				q++;
			p = q[0] == ':' && q[1] == ']' ? q + 2 : p + 1;
		} else {
			p++;
		}
	}
	return *p ? p + 1 : p;
}

/* Past a counted repeat "{n}", "{n,}", "{n,m}" at P, or P when there is none there. */
static const char *past_count(const char *p)
{
	const char *q = p + 1;

	while ((*q >= '0' && *q <= '9') || *q == ',' || *q == ' ')
		q++;
	return *q == '}' ? q + 1 : p;
}

struct hint {
	char *out;
	size_t max, best;
	char run[REGEX_HINT_MAX];
	size_t nrun;
};

static void end_run(struct hint *h)
{
	if (h->nrun > h->best) {
		h->best = h->nrun < h->max ? h->nrun : h->max;
		memcpy(h->out, h->run, h->best);
	}
	h->nrun = 0;
}

static void add(struct hint *h, char c)
{
	if (h->nrun < sizeof h->run)
		h->run[h->nrun++] = c;
}

size_t regex_required_text(const char *pattern, char *out, size_t max)
{
	struct hint h = { out, max < REGEX_HINT_MAX ? max : REGEX_HINT_MAX, 0, { 0 }, 0 };
	int depth = 0;

	for (const char *p = pattern; *p;) {
		int literal = -1;       /* the character the item at P stands for */

		if (*p == '\\') {
			if (!p[1] || p[1] == 'Q')
				return 0;       /* \Q quotes what follows, parentheses too */
			if (!is_alnum(p[1]) && !(p[1] & 0x80))
				literal = (unsigned char)p[1];
			else if (!depth && !is_class_escape(p[1]))
				return 0;       /* \x.., \p{..}, \g.., a back reference, \n ... */
			p += p[1] == 'c' && p[2] ? 3 : 2;      /* \cX is one character */
		} else if (*p == '[') {
			p = past_class(p);
		} else if (*p == '(') {
			if (p[1] == '*')
				return 0;       /* a verb: (*UCP), (*CR), (*SKIP)... */
			/* A comment: a quantifier after it applies to what came before. */
			if (p[1] == '?' && p[2] == '#') {
				const char *end = strchr(p, ')');
				if (!depth || !end)
					return 0;
				p = end + 1;
				continue;
			}
			/* Options set by "(?i)" hold to the end of the pattern (inside a
			 * group, to the group's end); those of "(?i:...)", inside it.  Under
			 * x, '#' starts a comment that may hold a parenthesis. */
			if (p[1] == '?' &&
			    (p[2] == '^' || p[2] == '-' || (is_alnum(p[2]) && p[2] != 'P'))) {
				const char *q = p + 2;
				while (is_alnum(*q) || *q == '^' || *q == '-')
					if (*q++ == 'x')
						return 0;
				if (!depth && *q != ':')
					return 0;
			}
			depth++;
			p++;
		} else if (*p == ')') {
			depth -= depth > 0;
			p++;
		} else if (*p == '|') {
			if (!depth)
				return 0;
			p++;
		} else if (*p == '{') {
			const char *q = past_count(p);
			p = q == p ? p + 1 : q;
		} else if (depth || strchr("^$.?*+", *p) || (*p & 0x80)) {
			p++;
		} else {
			literal = (unsigned char)*p++;
		}
		if (depth || literal < 0) {
			end_run(&h);
			continue;
		}
		/* A quantifier after a character: '+' keeps one, the others may keep none. */
		if (*p == '+') {
			add(&h, (char)literal);
			end_run(&h);
		} else if (*p == '?' || *p == '*' || (*p == '{' && past_count(p) != p)) {
			end_run(&h);
		} else {
			add(&h, (char)literal);
		}
	}
	end_run(&h);
	return h.best;
}
