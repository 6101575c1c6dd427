/*
 * kb_lint.c: what the schema cannot say.  Every pattern compiles; samples run through the
 * real pipeline and must give their own playbook (and subject) and nothing else, negative
 * samples nothing at all; decision trees lead only to existing questions and causes and
 * never loop, and a person can tell their answers apart by name; secondary_to names existing playbooks; every fact a playbook reads can be
 * set (kb_facts.c; a warning).  And, for pickdoc --lint only, what each pattern costs on
 * hostile text: a count under PCRE2's limits, not a clock.
 */
#include "kb_lint.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "finding.h"
#include "kb_facts.h"
#include "msg.h"
#include "parse.h"
#include "plan.h"
#include "regex.h"
#include "triage.h"
#include "util.h"

/* Counts the patterns that do not compile into *ARG (an int). */
static void check(const char *pattern, const struct kb_pos *pos, enum kb_pattern_on on,
		  void *arg)
{
	(void)on;
	*(int *)arg += pattern && regex_check(pattern, pos) ? 1 : 0;
}

/* TEXT's placeholders are well formed and their fallbacks read as what they are: a
 * placeholder ("<your module>") or, outside a command, prose ("not shown in the log"). */
static int check_text_as(const struct kb_playbook *pb, const char *key, size_t item,
			 const char *text, int command)
{
	long at = text ? plan_check_text(text) : -1;

	if (text && plan_names(text, NULL, NULL) > PLAN_PLACEHOLDERS_MAX) {
		msg(MSG_ERROR, pb->pos.file, pb->pos.line, pb->pos.col,
		    "'%s' item %zu of '%s' holds more than %d placeholders: each shows up to %d "
		    "bytes of the log, so a text may hold at most %d", key, item + 1, pb->id,
		    PLAN_PLACEHOLDERS_MAX, PLAN_VALUE_MAX, PLAN_PLACEHOLDERS_MAX);
		return 1;
	}

	if (at >= 0) {
		msg(MSG_ERROR, pb->pos.file, pb->pos.line, pb->pos.col,
		    "malformed placeholder in '%s' item %zu of '%s' (write {{fact}} or {{fact|fallback}})",
		    key, item + 1, pb->id);
		msg_caret(text, (size_t)at);
		return 1;
	}
	at = text ? plan_check_fallbacks(text, command) : -1;
	if (at < 0)
		return 0;
	msg(MSG_ERROR, pb->pos.file, pb->pos.line, pb->pos.col,
	    command ? "fallback in '%s' item %zu of '%s' is not a placeholder (write {{fact|<two or more words>}})"
		    : "fallback in '%s' item %zu of '%s' looks like a fact (write {{fact|<two or more words>}}, or words of prose outside backticks)",
	    key, item + 1, pb->id);
	msg_caret(text, (size_t)at);
	return 1;
}

static int check_text(const struct kb_playbook *pb, const char *key, size_t item,
		      const char *text)
{
	return check_text_as(pb, key, item, text, 0);
}

static int check_texts(const struct kb_playbook *pb, const char *key, const char *const *v,
		       size_t n)
{
	int errors = 0;

	for (size_t i = 0; i < n; i++)
		errors += check_text(pb, key, i, v[i]);
	return errors;
}

/* The text a finding's plan is built from: its placeholders must be well formed. */
static int lint_plan_texts(const struct kb_playbook *pb)
{
	int errors = check_texts(pb, "first_ten_minutes", pb->first_ten_minutes,
				 pb->nfirst_ten_minutes);

	errors += check_texts(pb, "where_to_look", pb->where_to_look, pb->nwhere_to_look);
	errors += check_texts(pb, "fix", pb->fix, pb->nfix);
	errors += check_texts(pb, "worse", pb->worse, pb->nworse);
	for (size_t i = 0; i < pb->nverify; i++) {
		errors += check_text_as(pb, "verify", i, pb->verify[i].run, 1);
		errors += check_text(pb, "verify", i, pb->verify[i].before);
		errors += check_text(pb, "verify", i, pb->verify[i].after);
	}
	for (size_t i = 0; i < pb->ncauses; i++)
		errors += check_text(pb, "causes", i, pb->causes[i].fix);
	return errors;
}

static long question_index(const struct kb_playbook *pb, const char *id)
{
	for (size_t i = 0; i < pb->nquestions; i++)
		if (!strcmp(pb->questions[i].id, id))
			return (long)i;
	return -1;
}

static int has_cause(const struct kb_playbook *pb, const char *id)
{
	for (size_t i = 0; i < pb->ncauses; i++)
		if (!strcmp(pb->causes[i].id, id))
			return 1;
	return 0;
}

enum { WHITE, GREY, BLACK };

/* Depth-first search; a GREY question reached again closes a cycle. */
static int find_cycle(const struct kb_playbook *pb, size_t q, unsigned char *colour)
{
	int errors = 0;

	colour[q] = GREY;
	for (size_t j = 0; j < pb->questions[q].nanswers; j++) {
		const struct kb_answer *a = &pb->questions[q].answers[j];
		long next = question_index(pb, a->next);
		if (next < 0)
			continue;
		if (colour[next] == GREY) {
			msg(MSG_ERROR, a->pos.file, a->pos.line, a->pos.col,
			    "answer '%s' of question '%s' leads back to question '%s': the tree "
			    "has a cycle", a->value, pb->questions[q].id, a->next);
			errors++;
		} else if (colour[next] == WHITE) {
			errors += find_cycle(pb, (size_t)next, colour);
		}
	}
	colour[q] = BLACK;
	return errors;
}

/* Whether TEXT starts with the word WORD, in any case. */
static int starts_with_word(const char *text, const char *word)
{
	size_t n = strlen(word);

	return text && !strncasecmp(text, word, n) && !isalnum((unsigned char)text[n]);
}

/* A person chooses an answer by its word (answers.h): the words of a question must be
 * told apart whatever their case, and skip is not one.  A question answered yes or no
 * whose choices are not "yes, ..." and "no, ..." is a choice between two things: its
 * answers need names, not an arbitrary mapping onto yes and no. */
static int lint_answer_words(const struct kb_question *q)
{
	int errors = 0, yes_no = q->nanswers == 2, named = 1, phrased = 1;

	for (size_t j = 0; j < q->nanswers; j++) {
		const struct kb_answer *a = &q->answers[j];
		const char *word = a->name ? a->name : a->value;
		yes_no &= !strcmp(a->value, "yes") || !strcmp(a->value, "no");
		named &= a->name != NULL;
		phrased &= !a->label || starts_with_word(a->label, a->value);
		if (!strcasecmp(word, "skip")) {
			msg(MSG_ERROR, a->pos.file, a->pos.line, a->pos.col,
			    "answer '%s' of question '%s': skip means \"don't know\"", word, q->id);
			errors++;
		}
		for (size_t k = 0; k < j; k++) {
			const struct kb_answer *b = &q->answers[k];
			if (strcasecmp(word, b->name ? b->name : b->value))
				continue;
			msg(MSG_ERROR, a->pos.file, a->pos.line, a->pos.col,
			    "answers of question '%s' are both chosen by '%s'", q->id, word);
			errors++;
		}
	}
	if (yes_no && !named && !phrased) {
		msg(MSG_ERROR, q->pos.file, q->pos.line, q->pos.col,
		    "question '%s' chooses between two things, not yes or no: give each answer "
		    "a name (name: ...) and keep the value its fact takes", q->id);
		errors++;
	}
	return errors;
}

static int lint_tree(const struct kb_playbook *pb)
{
	int errors = 0;

	for (size_t i = 0; i < pb->nquestions; i++) {
		const struct kb_question *q = &pb->questions[i];
		errors += lint_answer_words(q);
		for (size_t j = 0; j < q->nanswers; j++) {
			const struct kb_answer *a = &q->answers[j];
			if (question_index(pb, a->next) < 0 && !has_cause(pb, a->next)) {
				msg(MSG_ERROR, a->pos.file, a->pos.line, a->pos.col,
				    "answer '%s' of question '%s' leads to '%s', which is neither a "
				    "question nor a cause of '%s'", a->value, q->id, a->next, pb->id);
				errors++;
			}
		}
	}
	if (pb->nquestions) {
		unsigned char *colour = xcalloc(pb->nquestions, 1);
		for (size_t i = 0; i < pb->nquestions; i++)
			if (colour[i] == WHITE)
				errors += find_cycle(pb, i, colour);
		free(colour);
	}
	return errors;
}

static int lint_secondary(const struct kb *kb, const struct kb_playbook *pb)
{
	int errors = 0;

	for (size_t i = 0; i < pb->nsecondary_to; i++) {
		const char *id = pb->secondary_to[i];
		if (strcmp(id, "*") && !kb_find(kb, id)) {
			msg(MSG_ERROR, pb->pos.file, pb->pos.line, pb->pos.col,
			    "'secondary_to' names unknown playbook '%s'", id);
			errors++;
		}
	}
	return errors;
}

static int lint_match_sample(const struct kb *kb, struct regex_cache *rc,
			     const struct kb_playbook *pb, const struct kb_sample *s)
{
	struct triage *t = triage_new(kb, rc);
	struct report_input res;
	int errors = 0;

	triage_text(t, s->log, strlen(s->log), s->pos.file);
	triage_result(t, &res);
	if (!res.nfindings) {
		msg(MSG_ERROR, s->pos.file, s->pos.line, s->pos.col,
		    "sample of '%s' gives no finding", pb->id);
		errors++;
	}
	for (size_t i = 0; i < res.nfindings; i++) {
		const struct finding *fd = res.findings[i];
		const char *subject = finding_subject(fd);
		if (fd->playbook != pb) {
			msg(MSG_ERROR, s->pos.file, s->pos.line, s->pos.col,
			    "sample of '%s' gives a finding of '%s'", pb->id, fd->playbook->id);
			errors++;
		} else if (s->subject && (!subject || strcmp(subject, s->subject))) {
			msg(MSG_ERROR, s->pos.file, s->pos.line, s->pos.col,
			    "sample of '%s' gives subject '%s', not '%s'", pb->id,
			    subject ? subject : "(none)", s->subject);
			errors++;
		}
	}
	triage_free(t);
	return errors;
}

static int lint_no_match_sample(const struct kb *kb, struct regex_cache *rc,
				const struct kb_playbook *pb, const struct kb_sample *s)
{
	struct triage *t = triage_new(kb, rc);
	struct report_input res;
	int errors = 0;

	triage_text(t, s->log, strlen(s->log), s->pos.file);
	triage_result(t, &res);
	if (res.nfindings) {
		msg(MSG_ERROR, s->pos.file, s->pos.line, s->pos.col,
		    "negative sample of '%s' gives a finding of '%s'", pb->id,
		    res.findings[0]->playbook->id);
		errors++;
	}
	triage_free(t);
	return errors;
}

static int in_base(const struct kb *base, const struct kb_playbook *pb)
{
	for (size_t i = 0; base && i < base->nplaybooks; i++)
		if (base->playbooks[i] == pb)
			return 1;
	return 0;
}

static int rule_in_base(const struct kb *base, const struct kb_rule *r)
{
	/* Rule tables are copied when a knowledge base grows; their strings are shared. */
	for (size_t i = 0; base && i < base->nrules; i++)
		if (base->rules[i].pattern == r->pattern)
			return 1;
	return 0;
}

static int pattern_in(const char *const *patterns, size_t n, const char *pattern)
{
	for (size_t i = 0; i < n; i++)
		if (patterns[i] == pattern)
			return 1;
	return 0;
}

/* Everything but the samples, over what KB holds beyond BASE (all of it when BASE is
 * NULL). */
/* A signature that may match a message mentioned in prose is tried on lines outside any
 * traceback: its literal is what picks those lines out, cheaply. */
static int lint_mentions(const struct kb_playbook *pb)
{
	int errors = 0;

	for (size_t i = 0; i < pb->nsignatures; i++) {
		const struct kb_signature *sig = &pb->signatures[i];
		if ((sig->alone || sig->context) && !sig->literal) {
			msg(MSG_ERROR, sig->pos.file, sig->pos.line, sig->pos.col,
			    "a signature with '%s' needs a 'literal' in '%s'",
			    sig->alone ? "alone" : "context", pb->id);
			errors++;
		}
		if (sig->logged && !sig->alone && !sig->context) {
			msg(MSG_ERROR, sig->pos.file, sig->pos.line, sig->pos.col,
			    "a signature with 'logged' needs 'alone' or 'context' in '%s'", pb->id);
			errors++;
		}
	}
	return errors;
}

static int lint_static(const struct kb *kb, const struct kb *base)
{
	int errors = 0;

	for (size_t i = 0; i < kb->nrules; i++)
		if (!rule_in_base(base, &kb->rules[i]))
			check(kb->rules[i].pattern, &kb->rules[i].pos, KB_ON_TEXT, &errors);
	for (size_t i = 0; i < kb->nlibrary_files; i++)
		if (!base || !pattern_in(base->library_files, base->nlibrary_files,
					 kb->library_files[i]))
			check(kb->library_files[i], NULL, KB_ON_TEXT, &errors);
	for (size_t i = 0; i < kb->nbootstrap_frames; i++)
		if (!base || !pattern_in(base->bootstrap_frames, base->nbootstrap_frames,
					 kb->bootstrap_frames[i]))
			check(kb->bootstrap_frames[i], NULL, KB_ON_TEXT, &errors);
	for (size_t p = 0; p < kb->nplaybooks; p++) {
		const struct kb_playbook *pb = kb->playbooks[p];
		if (in_base(base, pb))
			continue;
		kb_playbook_patterns(pb, check, &errors);
		errors += lint_plan_texts(pb);
		errors += lint_tree(pb);
		errors += lint_secondary(kb, pb);
		errors += lint_mentions(pb);
	}
	return errors;
}

int kb_lint_added(const struct kb *kb, const struct kb *base)
{
	return lint_static(kb, base);
}

int kb_lint(const struct kb *kb)
{
	return kb_lint_beyond(kb, NULL);
}

int kb_lint_beyond(const struct kb *kb, const struct kb *base)
{
	int errors = lint_static(kb, base);

	if (errors)
		return errors;
	/* Samples run only over patterns known to compile, through the whole of KB: another
	 * playbook that takes a sample is a fault of the sample's playbook. */
	struct regex_cache *rc = regex_cache_new();
	for (size_t p = 0; p < kb->nplaybooks; p++) {
		const struct kb_playbook *pb = kb->playbooks[p];
		if (in_base(base, pb))
			continue;
		kb_lint_facts(kb, pb);   /* warnings: a run with the playbook still works */
		for (size_t i = 0; i < pb->nmatch_samples; i++)
			errors += lint_match_sample(kb, rc, pb, &pb->match_samples[i]);
		for (size_t i = 0; i < pb->nno_match_samples; i++)
			errors += lint_no_match_sample(kb, rc, pb, &pb->no_match_samples[i]);
	}
	regex_cache_free(rc);
	return errors;
}

/* --- the cost of every pattern on hostile texts (pickdoc --lint) --- */

/*
 * How long a text each pattern is tried on: the longest it can meet at run time.  Input
 * lines are up to 1 MiB, but the parser keeps at most PARSE_MESSAGE_MAX bytes of a message
 * and PARSE_TEXT_MAX of any other text, and patterns see only what it kept (and facts
 * taken from it).  On 1 MiB, the interpreter's count rejects every pattern whose cost is
 * merely linear, since each start position counts.
 */
#define HOSTILE_LEN PARSE_MESSAGE_MAX
#define TEXT_LEN PARSE_TEXT_MAX
#define FRAME_LEN (2 * PARSE_TEXT_MAX + 1)     /* "file:func" */
#define UNITS_MAX 32                     /* repeated parts of one pattern tried */
#define UNIT_LEN 64
#define SLOWEST_SHOWN 3

/* A part of a pattern that may repeat, as text it would match, and the text a match
 * needs before it: the run of UNIT after PREFIX is where backtracking explodes. */
struct unit {
	char text[UNIT_LEN];
	size_t prefix_len;                /* bytes of the pattern's sample before it */
};

/* What the walk over a pattern learns: a sample of text that follows the pattern's atoms
 * (the literals as written, one representative per class or escape) and its repeats. */
struct shape {
	char sample[512];
	size_t len;
	struct unit units[UNITS_MAX];
	size_t nunits;
};

static void sample_add(struct shape *sh, const char *text, size_t n)
{
	for (size_t i = 0; i < n && sh->len + 1 < sizeof sh->sample; i++)
		sh->sample[sh->len++] = text[i];
	sh->sample[sh->len] = '\0';
}

/* Bytes from FROM to the end of the sample repeat: remember them, once. */
static void repeated(struct shape *sh, size_t from)
{
	size_t n = sh->len - from;

	if (!n || n >= UNIT_LEN || sh->nunits == UNITS_MAX)
		return;
	for (size_t i = 0; i < sh->nunits; i++)
		if (!strncmp(sh->units[i].text, sh->sample + from, n) && !sh->units[i].text[n] &&
		    sh->units[i].prefix_len == from)
			return;
	memcpy(sh->units[sh->nunits].text, sh->sample + from, n);
	sh->units[sh->nunits].text[n] = '\0';
	sh->units[sh->nunits++].prefix_len = from;
}

/* A character that \X (a class escape) matches, or NULL when \X is no class. */
static const char *class_escape(char x)
{
	switch (x) {
	case 'w': case 'S': case 'D': case 'H': case 'V': case 'N':
		return "a";
	case 'd':
		return "0";
	case 's': case 'h': case 'W':
		return " ";
	case 'v': case 'R':
		return "\n";
	default:
		return NULL;
	}
}

/* At P, just past '[': a character the class matches (one it does not list when it is
 * negated) into *REP; returns the index just past the class's ']'. */
static size_t class_end(const char *p, char *rep)
{
	static const char candidates[] = "a0 .:/_-'\"x";
	size_t i = 0;
	int negated = p[0] == '^';
	char listed[128] = { 0 };

	*rep = 0;
	i += negated;
	if (p[i] == ']') {
		listed[(unsigned char)']'] = 1;
		i++;
	}
	for (; p[i] && p[i] != ']'; i++) {
		char c = p[i];
		if (c == '\\' && p[i + 1]) {
			const char *e = class_escape(p[++i]);
			c = e ? e[0] : p[i];
		} else if (c == '[' && p[i + 1] == ':') {
			const char *end = strstr(p + i, ":]");
			i = end ? (size_t)(end - p) + 1 : i;
			c = 'a';
		}
		if ((unsigned char)c < 128)
			listed[(unsigned char)c] = 1;
		if (!*rep)
			*rep = c;
	}
	if (negated)
		for (const char *k = candidates; *k; k++)
			if (!listed[(unsigned char)*k]) {
				*rep = *k;
				break;
			}
	if (!*rep)
		*rep = 'a';
	return p[i] ? i + 1 : i;
}

/* The length of the quantifier at P that lets the atom before it repeat, or 0. */
static size_t repeat_quantifier(const char *p)
{
	if (*p == '*' || *p == '+')
		return 1;
	if (*p != '{')
		return 0;
	size_t i = 1 + strspn(p + 1, "0123456789");
	if (p[i] == '}')
		return strtol(p + 1, NULL, 10) > 1 ? i + 1 : 0;
	if (p[i] != ',')
		return 0;
	i += 1 + strspn(p + i + 1, "0123456789");
	return p[i] == '}' ? i + 1 : 0;
}

/* A rough walk over PATTERN: good enough to find what repeats, not a parser. */
static void shape_of(const char *pattern, struct shape *sh)
{
	size_t groups[64];
	size_t depth = 0;

	memset(sh, 0, sizeof *sh);
	for (const char *p = pattern; *p;) {
		size_t atom = sh->len;
		char rep;
		switch (*p) {
		case '\\':
			if (!p[1]) {
				p++;
				continue;
			}
			if (class_escape(p[1]))
				sample_add(sh, class_escape(p[1]), 1);
			else if (!strchr("bBAzZGKE", p[1]) && !(p[1] >= '0' && p[1] <= '9'))
				sample_add(sh, p + 1, 1);
			p += 2;
			break;
		case '[':
			p += 1 + class_end(p + 1, &rep);
			sample_add(sh, &rep, 1);
			break;
		case '(':
			if (depth < sizeof groups / sizeof groups[0])
				groups[depth] = sh->len;
			depth++;
			p++;
			if (*p == '?') {
				/* (?:  (?<name>  (?P<name>  (?=  (?!  (?<=  (?<!  (?i) */
				p++;
				if (*p == 'P')
					p++;
				if (*p == '<' && p[1] != '=' && p[1] != '!') {
					const char *end = strchr(p, '>');
					p = end ? end + 1 : p + 1;
				} else {
					p += strspn(p, "<:=!>|imnsx-^");
				}
			}
			continue;
		case ')':
			p++;
			if (depth) {
				depth--;
				if (depth < sizeof groups / sizeof groups[0])
					atom = groups[depth];
			}
			break;
		case '.':
			sample_add(sh, "a", 1);
			p++;
			break;
		case '^': case '$': case '|': case '?': case '*': case '+':
			p++;
			continue;
		default:
			sample_add(sh, p, 1);
			p++;
			break;
		}
		size_t q = repeat_quantifier(p);
		if (q) {
			repeated(sh, atom);
			p += q;
		}
	}
}

struct cost {
	struct regex_cache *rc;
	char *line;                       /* HOSTILE_LEN bytes */
	size_t len;                       /* of them used for the patterns being checked */
	int whole;                        /* they must match the whole text */
	int errors;
	struct slow {
		const char *pattern;
		const struct kb_pos *pos;
		double ms;
	} slowest[SLOWEST_SHOWN];
};

/* Fills LEN bytes of LINE with PREFIX, then TEXT over and over, then a byte that few
 * patterns accept: the match fails at the very end, after trying every way to get there
 * ("aaaa...a!" against "^(a+)+$"). */
static void hostile_line(char *line, size_t len, const char *prefix, size_t plen,
			 const char *text, size_t n)
{
	size_t at = plen < len ? plen : len;

	memcpy(line, prefix, at);
	for (; at < len; at += n)
		memcpy(line + at, text, at + n <= len ? n : len - at);
	line[len - 1] = '\x01';
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Runs PATTERN on the line built from PREFIX and TEXT; 1 when it hit a limit (reported). */
static int probe(struct cost *c, const char *pattern, const struct kb_pos *pos,
		 const char *prefix, size_t plen, const char *text, size_t n)
{
	char shown[UNIT_LEN + 16];
	const char *limit;

	hostile_line(c->line, c->len, prefix, plen, text, n);
	if (regex_probe(c->rc, pattern, c->whole, c->line, c->len, &limit) >= 0 || !limit)
		return 0;
	size_t k = 0;
	for (size_t i = 0; i < n && k + 5 < sizeof shown; i++)
		k += (size_t)snprintf(shown + k, sizeof shown - k,
				      (unsigned char)text[i] < 0x20 || text[i] == 0x7f ||
				      text[i] == '\'' ? "\\x%02x" : "%c", (unsigned char)text[i]);
	msg(MSG_ERROR, pos ? pos->file : NULL, pos ? pos->line : 0, pos ? pos->col : 0,
	    "pattern hits the %s on %zu bytes of '%s' repeated%s: it would give up on "
	    "such input (make its repeats possessive or bound them)", limit, c->len, shown,
	    plen ? " after text it matches" : "");
	if (!pos)
		msg_caret(pattern, 0);
	return 1;
}

static void note_time(struct cost *c, const char *pattern, const struct kb_pos *pos,
		      double ms)
{
	size_t i = SLOWEST_SHOWN;

	while (i > 0 && (!c->slowest[i - 1].pattern || c->slowest[i - 1].ms < ms))
		i--;
	if (i == SLOWEST_SHOWN)
		return;
	memmove(&c->slowest[i + 1], &c->slowest[i],
		(SLOWEST_SHOWN - i - 1) * sizeof c->slowest[0]);
	c->slowest[i] = (struct slow){ pattern, pos, ms };
}

/* Every repeated part of PATTERN as a long run, alone and after the text a match needs to
 * reach it; every literal of it cut short and repeated (near misses).  One error per
 * pattern at most. */
static void cost_of(struct cost *c, const char *pattern, const struct kb_pos *pos)
{
	struct shape sh;
	double start = now_ms();
	int hit = 0;

	if (!pattern)
		return;
	shape_of(pattern, &sh);
	hit = probe(c, pattern, pos, "", 0, "a", 1);
	for (size_t i = 0; i < sh.nunits && !hit; i++) {
		const struct unit *u = &sh.units[i];
		size_t n = strlen(u->text);
		hit = probe(c, pattern, pos, "", 0, u->text, n) ||
		      (u->prefix_len &&
		       probe(c, pattern, pos, sh.sample, u->prefix_len, u->text, n));
	}
	if (!hit && sh.len > 1)
		hit = probe(c, pattern, pos, "", 0, sh.sample, sh.len - 1);
	c->errors += hit;
	note_time(c, pattern, pos, now_ms() - start);
}

static void cost_as(struct cost *c, const char *pattern, const struct kb_pos *pos, size_t len,
		    int whole)
{
	c->len = len;
	c->whole = whole;
	cost_of(c, pattern, pos);
}

/* The cost of a pattern on hostile texts as long as those it is matched against can be. */
static void cost_on(const char *pattern, const struct kb_pos *pos, enum kb_pattern_on on,
		    void *arg)
{
	switch (on) {
	case KB_ON_TYPE:         /* run time matches the type whole, as here */
		cost_as(arg, pattern, pos, TEXT_LEN, 1);
		break;
	case KB_ON_MESSAGE:
		cost_as(arg, pattern, pos, HOSTILE_LEN, 0);
		break;
	case KB_ON_FRAME:
		cost_as(arg, pattern, pos, FRAME_LEN, 0);
		break;
	case KB_ON_TEXT:
		cost_as(arg, pattern, pos, TEXT_LEN, 0);
		break;
	}
}

/* The patterns a knowledge base holds, by address: a grown knowledge base shares its
 * base's strings, so what it added is what is not among them. */
struct pattern_set {
	const char **v;
	size_t n, cap;
};

static void pattern_add(const char *pattern, const struct kb_pos *pos, enum kb_pattern_on on,
			void *arg)
{
	struct pattern_set *set = arg;

	(void)pos;
	(void)on;
	if (set->n == set->cap) {
		set->cap = set->cap ? 2 * set->cap : 256;
		set->v = xrealloc(set->v, set->cap * sizeof *set->v);
	}
	set->v[set->n++] = pattern;
}

static int pattern_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(const char *const *)a, y = (uintptr_t)*(const char *const *)b;

	return (x > y) - (x < y);
}

struct cost_beyond {
	struct cost *cost;
	struct pattern_set base;
};

static void cost_if_added(const char *pattern, const struct kb_pos *pos, enum kb_pattern_on on,
			  void *arg)
{
	struct cost_beyond *cb = arg;

	if (!cb->base.n || !bsearch(&pattern, cb->base.v, cb->base.n, sizeof *cb->base.v,
				    pattern_cmp))
		cost_on(pattern, pos, on, cb->cost);
}

int kb_lint_cost(const struct kb *kb, const struct kb *base)
{
	struct cost c = { regex_cache_new(), xmalloc(HOSTILE_LEN), HOSTILE_LEN, 0, 0, { { 0 } } };
	struct cost_beyond cb = { &c, { NULL, 0, 0 } };

	if (base) {
		kb_patterns(base, pattern_add, &cb.base);
		qsort(cb.base.v, cb.base.n, sizeof *cb.base.v, pattern_cmp);
	}
	kb_patterns(kb, cost_if_added, &cb);
	free(cb.base.v);
	for (size_t i = 0; i < SLOWEST_SHOWN && c.slowest[i].pattern; i++) {
		static const char *const rank[SLOWEST_SHOWN] = { "", "2nd ", "3rd " };
		const struct kb_pos *pos = c.slowest[i].pos;
		msg(MSG_NOTE, pos ? pos->file : NULL, pos ? pos->line : 0, pos ? pos->col : 0,
		    "the %sslowest pattern on hostile texts: %.1f ms", rank[i],
		    c.slowest[i].ms);
	}
	free(c.line);
	regex_cache_free(c.rc);
	return c.errors;
}

void kb_lint_count(const struct kb *kb, const struct kb *base, size_t *nplaybooks,
		   size_t *nrules)
{
	*nplaybooks = 0;
	for (size_t i = 0; i < kb->nplaybooks; i++)
		*nplaybooks += !base || kb_find(base, kb->playbooks[i]->id) != kb->playbooks[i];
	*nrules = kb->nrules - (base ? base->nrules : 0);
}
