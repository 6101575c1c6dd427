/*
 * test_kb_load.c: the knowledge-base loader.  Every key of a playbook and of an evidence
 * file lands in its member with its position; each class of error is reported once, at
 * its line:col, and adds nothing; kb_new shares its base, a playbook replaces one of the
 * same id, evidence rules go in front; directories load in order; malformed input
 * (truncated, junk, huge) never crashes or leaks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "kb.h"
#include "msg.h"
#include "util.h"

static const char full[] =
	"id: full-playbook\n"                                          /* 1 */
	"title: A full playbook\n"
	"means: |\n"
	"  line one\n"
	"  line two\n"                                                 /* 5 */
	"secondary_to: [other, \"*\"]\n"
	"signatures:\n"
	"  - exception: 'TypeError'\n"
	"    pattern: \"^cannot (?<subject>\\\\w+)$\"\n"
	"    literal: cannot\n"                                        /* 10 */
	"    versions: \"3.8-\"\n"
	"    frame: 'pool\\.py:worker'\n"
	"    priority: -5\n"
	"    facts: {library: joblib, direction: send}\n"
	"  - pattern: plain text\n"                                    /* 15 */
	"derive:\n"
	"  - fact: resource\n"
	"    from: subject\n"
	"    pattern: '^_thread\\.(?<kind>\\w+)$'\n"
	"    value: $kind\n"                                           /* 20 */
	"    because: lock types live in _thread\n"
	"causes:\n"
	"  - id: bound-method\n"
	"    title: A bound method\n"
	"    prior: 10\n"                                              /* 25 */
	"    fix: Pass a function\n"
	"    boosts:\n"
	"      - when: {user_source: 'self\\.', \"!subject\": lock}\n"
	"        add: 20\n"
	"        because: the line uses self\n"                        /* 30 */
	"  - id: argument\n"
	"    title: An argument\n"
	"questions:\n"
	"  - id: created-where\n"
	"    ask: Where is it created?\n"                              /* 35 */
	"    why: it decides the fix\n"
	"    fact: origin\n"
	"    answers:\n"
	"      - {value: init, label: in __init__, match: '^init', next: bound-method}\n"
	"      - value: arg\n"                                         /* 40 */
	"        next: argument\n"
	"first_ten_minutes: [Read the log.]\n"
	"where_to_look: [the pool call, the worker]\n"
	"fix: [Move it out.]\n"
	"verify:\n"                                                    /* 45 */
	"  - run: python -c \"import app\"\n"
	"    before: TypeError\n"
	"    after: nothing\n"
	"worse: [Retrying.]\n"
	"incident:\n"                                                  /* 50 */
	"  title: The night of the lock\n"
	"  timeline: [\"02:00 deploy\", \"02:05 page\"]\n"
	"  story: It broke.\n"
	"  root_cause: A lock.\n"
	"  fix: Removed it.\n"                                         /* 55 */
	"  lesson: Check.\n"
	"faq:\n"
	"  - {q: Why?, a: Because.}\n"
	"samples:\n"
	"  match:\n"                                                   /* 60 */
	"    - \"TypeError: cannot pickle\"\n"
	"    - log: |\n"
	"        TypeError: cannot x\n"
	"      subject: x\n"
	"  no_match:\n"                                                /* 65 */
	"    - >-\n"
	"      KeyError:\n"
	"      'x'\n";

static const char small_a[] =
	"id: a\ntitle: A\nmeans: m\nsignatures: [{pattern: a}]\ncauses: [{id: c, title: C}]\n"
	"first_ten_minutes: [l]\nfix: [f]\nverify: [{run: r, before: b, after: a}]\n"
	"samples: {match: [], no_match: []}\n";

static void assert_pos(const struct kb_pos *pos, const char *file, unsigned line, unsigned col)
{
	assert_non_null(pos->file);
	assert_string_equal(pos->file, file);
	assert_int_equal(pos->line, line);
	assert_int_equal(pos->col, col);
}

static struct kb *load_ok(const char *name, const char *yaml)
{
	struct kb *kb = kb_new(NULL);

	assert_int_equal(kb_load_text(kb, name, yaml, strlen(yaml)), 0);
	return kb;
}

static void test_playbook_every_key(void **state)
{
	(void)state;
	struct kb *kb = load_ok("k/full.yaml", full);
	const struct kb_playbook *pb = kb_find(kb, "full-playbook");

	assert_int_equal(kb->nplaybooks, 1);
	assert_ptr_equal(pb, kb->playbooks[0]);
	assert_pos(&pb->pos, "k/full.yaml", 1, 1);
	assert_string_equal(pb->title, "A full playbook");
	assert_string_equal(pb->means, "line one\nline two\n");
	assert_int_equal(pb->nsecondary_to, 2);
	assert_string_equal(pb->secondary_to[0], "other");
	assert_string_equal(pb->secondary_to[1], "*");

	assert_int_equal(pb->nsignatures, 2);
	const struct kb_signature *s = &pb->signatures[0];
	assert_string_equal(s->exception, "TypeError");
	assert_string_equal(s->pattern, "^cannot (?<subject>\\w+)$");
	assert_string_equal(s->literal, "cannot");
	assert_string_equal(s->versions, "3.8-");
	assert_string_equal(s->frame, "pool\\.py:worker");
	assert_int_equal(s->priority, -5);
	assert_int_equal(s->nfacts, 2);
	assert_string_equal(s->facts[0].name, "library");
	assert_string_equal(s->facts[0].value, "joblib");
	assert_string_equal(s->facts[1].name, "direction");
	assert_string_equal(s->facts[1].value, "send");
	assert_pos(&s->pos, "k/full.yaml", 8, 5);
	assert_pos(&s->pattern_pos, "k/full.yaml", 9, 15);
	s = &pb->signatures[1];
	assert_null(s->exception);
	assert_null(s->literal);
	assert_null(s->versions);
	assert_null(s->frame);
	assert_int_equal(s->priority, 0);
	assert_null(s->facts);
	assert_int_equal(s->nfacts, 0);
	assert_string_equal(s->pattern, "plain text");
	assert_pos(&s->pattern_pos, "k/full.yaml", 15, 14);

	assert_int_equal(pb->nderive, 1);
	assert_string_equal(pb->derive[0].fact, "resource");
	assert_string_equal(pb->derive[0].from, "subject");
	assert_string_equal(pb->derive[0].pattern, "^_thread\\.(?<kind>\\w+)$");
	assert_string_equal(pb->derive[0].value, "$kind");
	assert_string_equal(pb->derive[0].because, "lock types live in _thread");
	assert_pos(&pb->derive[0].pos, "k/full.yaml", 17, 5);

	assert_int_equal(pb->ncauses, 2);
	const struct kb_cause *c = &pb->causes[0];
	assert_string_equal(c->id, "bound-method");
	assert_string_equal(c->title, "A bound method");
	assert_int_equal(c->prior, 10);
	assert_string_equal(c->fix, "Pass a function");
	assert_pos(&c->pos, "k/full.yaml", 23, 5);
	assert_int_equal(c->nboosts, 1);
	const struct kb_boost *b = &c->boosts[0];
	assert_pos(&b->pos, "k/full.yaml", 28, 9);
	assert_int_equal(b->add, 20);
	assert_string_equal(b->because, "the line uses self");
	assert_int_equal(b->nwhen, 2);
	assert_string_equal(b->when[0].fact, "user_source");
	assert_string_equal(b->when[0].pattern, "self\\.");
	assert_int_equal(b->when[0].negate, 0);
	assert_pos(&b->when[0].pos, "k/full.yaml", 28, 16);
	assert_string_equal(b->when[1].fact, "subject");
	assert_string_equal(b->when[1].pattern, "lock");
	assert_int_equal(b->when[1].negate, 1);
	assert_pos(&b->when[1].pos, "k/full.yaml", 28, 39);
	c = &pb->causes[1];
	assert_int_equal(c->prior, 0);
	assert_null(c->fix);
	assert_null(c->boosts);
	assert_int_equal(c->nboosts, 0);

	assert_int_equal(pb->nquestions, 1);
	const struct kb_question *q = &pb->questions[0];
	assert_string_equal(q->id, "created-where");
	assert_string_equal(q->ask, "Where is it created?");
	assert_string_equal(q->why, "it decides the fix");
	assert_string_equal(q->fact, "origin");
	assert_pos(&q->pos, "k/full.yaml", 34, 5);
	assert_int_equal(q->nanswers, 2);
	assert_string_equal(q->answers[0].value, "init");
	assert_string_equal(q->answers[0].label, "in __init__");
	assert_string_equal(q->answers[0].match, "^init");
	assert_string_equal(q->answers[0].next, "bound-method");
	assert_pos(&q->answers[0].pos, "k/full.yaml", 39, 9);
	assert_string_equal(q->answers[1].value, "arg");
	assert_null(q->answers[1].label);
	assert_null(q->answers[1].match);
	assert_string_equal(q->answers[1].next, "argument");
	assert_pos(&q->answers[1].pos, "k/full.yaml", 40, 9);

	assert_int_equal(pb->nfirst_ten_minutes, 1);
	assert_string_equal(pb->first_ten_minutes[0], "Read the log.");
	assert_int_equal(pb->nwhere_to_look, 2);
	assert_string_equal(pb->where_to_look[1], "the worker");
	assert_int_equal(pb->nfix, 1);
	assert_string_equal(pb->fix[0], "Move it out.");
	assert_int_equal(pb->nverify, 1);
	assert_string_equal(pb->verify[0].run, "python -c \"import app\"");
	assert_string_equal(pb->verify[0].before, "TypeError");
	assert_string_equal(pb->verify[0].after, "nothing");
	assert_int_equal(pb->nworse, 1);
	assert_string_equal(pb->worse[0], "Retrying.");

	assert_non_null(pb->incident);
	assert_string_equal(pb->incident->title, "The night of the lock");
	assert_int_equal(pb->incident->ntimeline, 2);
	assert_string_equal(pb->incident->timeline[0], "02:00 deploy");
	assert_string_equal(pb->incident->timeline[1], "02:05 page");
	assert_string_equal(pb->incident->story, "It broke.");
	assert_string_equal(pb->incident->root_cause, "A lock.");
	assert_string_equal(pb->incident->fix, "Removed it.");
	assert_string_equal(pb->incident->lesson, "Check.");
	assert_int_equal(pb->nfaq, 1);
	assert_string_equal(pb->faq[0].q, "Why?");
	assert_string_equal(pb->faq[0].a, "Because.");

	assert_int_equal(pb->nmatch_samples, 2);
	assert_string_equal(pb->match_samples[0].log, "TypeError: cannot pickle");
	assert_null(pb->match_samples[0].subject);
	assert_pos(&pb->match_samples[0].pos, "k/full.yaml", 61, 7);
	assert_string_equal(pb->match_samples[1].log, "TypeError: cannot x\n");
	assert_string_equal(pb->match_samples[1].subject, "x");
	assert_pos(&pb->match_samples[1].pos, "k/full.yaml", 62, 7);
	assert_int_equal(pb->nno_match_samples, 1);
	assert_string_equal(pb->no_match_samples[0].log, "KeyError: 'x'");
	assert_pos(&pb->no_match_samples[0].pos, "k/full.yaml", 66, 7);

	assert_int_equal(kb->nrules, 0);
	assert_int_equal(kb->nlibrary_files, 0);
	assert_non_null(kb->owned);
	kb_free(kb);
}

static void test_optional_keys_absent(void **state)
{
	(void)state;
	struct kb *kb = load_ok("a.yaml", small_a);
	const struct kb_playbook *pb = kb->playbooks[0];

	assert_null(pb->secondary_to);
	assert_null(pb->derive);
	assert_null(pb->questions);
	assert_null(pb->where_to_look);
	assert_null(pb->worse);
	assert_null(pb->incident);
	assert_null(pb->faq);
	assert_null(pb->match_samples);
	assert_int_equal(pb->nmatch_samples, 0);
	assert_null(pb->no_match_samples);
	kb_free(kb);
}

static void test_pattern_position_per_style(void **state)
{
	(void)state;
	static const char yaml[] =
		"id: p\ntitle: T\nmeans: m\n"
		"signatures:\n"                                        /* 4 */
		"  - pattern: plain\n"
		"  - pattern: 'single'\n"
		"  - pattern: \"double\"\n"
		"  - pattern: |\n"
		"\n"                                                   /* 9 */
		"       literal\n"
		"  - pattern: >-\n"
		"      folded\n"                                       /* 12 */
		"      text\n"
		"  - {pattern: flow}\n"
		"causes: [{id: c, title: C}]\n"
		"first_ten_minutes: [l]\nfix: [f]\nverify: [{run: r, before: b, after: a}]\n"
		"samples: {}\n";
	struct kb *kb = load_ok("p.yaml", yaml);
	const struct kb_signature *s = kb->playbooks[0]->signatures;

	assert_int_equal(kb->playbooks[0]->nsignatures, 6);
	assert_pos(&s[0].pattern_pos, "p.yaml", 5, 14);
	assert_pos(&s[1].pattern_pos, "p.yaml", 6, 15);
	assert_pos(&s[2].pattern_pos, "p.yaml", 7, 15);
	assert_string_equal(s[3].pattern, "\nliteral\n");
	assert_pos(&s[3].pattern_pos, "p.yaml", 10, 8);
	assert_string_equal(s[4].pattern, "folded text");
	assert_pos(&s[4].pattern_pos, "p.yaml", 12, 7);
	assert_pos(&s[5].pattern_pos, "p.yaml", 14, 15);
	kb_free(kb);
}

static void test_evidence_file(void **state)
{
	(void)state;
	static const char yaml[] =
		"rules:\n"
		"  - fact: python_version\n"
		"    from: file\n"
		"    pattern: '/python(?<value>\\d\\.\\d+)/'\n"
		"    because: stdlib path\n"
		"  - {fact: spawn, from: frame, pattern: 'spawn', value: 'yes'}\n"
		"library_files:\n"
		"  - '/lib/python\\d'\n"
		"  - site-packages/\n";
	struct kb *kb = load_ok("ev.yaml", yaml);

	assert_int_equal(kb->nplaybooks, 0);
	assert_int_equal(kb->nrules, 2);
	assert_string_equal(kb->rules[0].fact, "python_version");
	assert_string_equal(kb->rules[0].from, "file");
	assert_string_equal(kb->rules[0].pattern, "/python(?<value>\\d\\.\\d+)/");
	assert_null(kb->rules[0].value);
	assert_string_equal(kb->rules[0].because, "stdlib path");
	assert_pos(&kb->rules[0].pos, "ev.yaml", 2, 5);
	assert_string_equal(kb->rules[1].value, "yes");
	assert_null(kb->rules[1].because);
	assert_pos(&kb->rules[1].pos, "ev.yaml", 6, 5);
	assert_int_equal(kb->nlibrary_files, 2);
	assert_string_equal(kb->library_files[0], "/lib/python\\d");
	assert_string_equal(kb->library_files[1], "site-packages/");
	kb_free(kb);
}

/* Each bad input gives exactly this one line of diagnostics and loads nothing. */
struct bad_case {
	const char *yaml;
	const char *message;
};

#define PB_HEAD "id: a\ntitle: T\nmeans: m\n"
#define PB_SIG "signatures: [{pattern: x}]\n"
#define PB_CAUSES "causes: [{id: c, title: C}]\n"
#define PB_TAIL "first_ten_minutes: [l]\nfix: [f]\nverify: [{run: r, before: b, after: a}]\n" \
	"samples: {}\n"
#define PB_REST PB_SIG PB_CAUSES PB_TAIL

static const struct bad_case bad_cases[] = {
	{ PB_HEAD "sampels: {}\n" PB_REST,
	  "pickdoc: b.yaml:4:1: error: unknown key 'sampels' in playbook\n" },
	{ PB_HEAD "signatures: [{pattern: x, exceptoin: E}]\n" PB_CAUSES PB_TAIL,
	  "pickdoc: b.yaml:4:27: error: unknown key 'exceptoin' in signature\n" },
	{ PB_HEAD PB_SIG "causes: [{id: c, title: C, boosts: [{when: {}, add: 1, because: b, "
	  "ad: 2}]}]\n" PB_TAIL,
	  "pickdoc: b.yaml:5:68: error: unknown key 'ad' in boost\n" },
	{ PB_HEAD PB_SIG PB_CAUSES PB_TAIL "incident: {title: t, storey: s}\n",
	  "pickdoc: b.yaml:10:22: error: unknown key 'storey' in incident\n" },
	{ PB_HEAD PB_CAUSES PB_TAIL,
	  "pickdoc: b.yaml:1:1: error: missing required key 'signatures'\n" },
	{ PB_HEAD "signatures: [{literal: x}]\n" PB_CAUSES PB_TAIL,
	  "pickdoc: b.yaml:4:14: error: missing required key 'pattern'\n" },
	{ PB_HEAD PB_SIG "causes: [{id: c, title: C, prior: high}]\n" PB_TAIL,
	  "pickdoc: b.yaml:5:35: error: 'prior' must be an integer\n" },
	{ PB_HEAD PB_SIG "causes: [{id: c, title: C, prior: '10'}]\n" PB_TAIL,
	  "pickdoc: b.yaml:5:35: error: 'prior' must be an integer\n" },
	{ PB_HEAD PB_SIG "causes: [{id: c, title: C, prior: 99999999999}]\n" PB_TAIL,
	  "pickdoc: b.yaml:5:35: error: 'prior' must be an integer\n" },
	{ PB_HEAD "signatures: [{pattern: x, priority: 1.5}]\n" PB_CAUSES PB_TAIL,
	  "pickdoc: b.yaml:4:37: error: 'priority' must be an integer\n" },
	{ PB_HEAD "signatures: [{pattern: x, wrapper: yes}]\n" PB_CAUSES PB_TAIL,
	  "pickdoc: b.yaml:4:36: error: invalid 'wrapper' 'yes' (expected true or false)\n" },
	{ PB_HEAD "signatures: [{pattern: x, alone: 1}]\n" PB_CAUSES PB_TAIL,
	  "pickdoc: b.yaml:4:34: error: invalid 'alone' '1' (expected true or false)\n" },
	{ PB_HEAD "signatures: {pattern: x}\n" PB_CAUSES PB_TAIL,
	  "pickdoc: b.yaml:4:13: error: 'signatures' must be a sequence\n" },
	{ PB_HEAD "signatures:\n" PB_CAUSES PB_TAIL,
	  "pickdoc: b.yaml:4:1: error: 'signatures' must be a sequence\n" },
	{ PB_HEAD "signatures: []\n" PB_CAUSES PB_TAIL,
	  "pickdoc: b.yaml:4:13: error: 'signatures' must not be empty\n" },
	{ PB_HEAD "signatures: [x]\n" PB_CAUSES PB_TAIL,
	  "pickdoc: b.yaml:4:14: error: item of 'signatures' must be a mapping\n" },
	{ "id: a\ntitle: [T]\nmeans: m\n" PB_REST,
	  "pickdoc: b.yaml:2:8: error: 'title' must be a string\n" },
	{ "id: a\ntitle:\nmeans: m\n" PB_REST,
	  "pickdoc: b.yaml:2:1: error: 'title' must not be empty\n" },
	{ "id: a\ntitle: ''\nmeans: m\n" PB_REST,
	  "pickdoc: b.yaml:2:8: error: 'title' must not be empty\n" },
	{ PB_HEAD PB_REST "fix: [f]\n",
	  "pickdoc: b.yaml:10:1: error: duplicate key 'fix' in playbook\n" },
	{ PB_HEAD PB_SIG PB_CAUSES "first_ten_minutes: [l, {a: b}]\nfix: [f]\n"
	  "verify: [{run: r, before: b, after: a}]\nsamples: {}\n",
	  "pickdoc: b.yaml:6:24: error: item of 'first_ten_minutes' must be a string\n" },
	{ PB_HEAD PB_REST "incident: [t]\n",
	  "pickdoc: b.yaml:10:11: error: 'incident' must be a mapping\n" },
	{ PB_HEAD PB_SIG PB_CAUSES PB_TAIL "secondary_to: [Other]\n",
	  "pickdoc: b.yaml:10:16: error: invalid id 'Other'\n" },
	{ "id: Foo Bar\ntitle: T\nmeans: m\n" PB_REST,
	  "pickdoc: b.yaml:1:5: error: invalid id 'Foo Bar'\n" },
	{ "id: -a\ntitle: T\nmeans: m\n" PB_REST,
	  "pickdoc: b.yaml:1:5: error: invalid id '-a'\n" },
	{ PB_HEAD PB_SIG "causes: [{id: c, title: C}, {id: c, title: D}]\n" PB_TAIL,
	  "pickdoc: b.yaml:5:29: error: duplicate cause id 'c'\n" },
	{ PB_HEAD PB_REST "questions:\n  - {id: q, ask: A, fact: f, answers: [{value: v, next: c}]}\n"
	  "  - {id: q, ask: A, fact: f, answers: [{value: v, next: c}]}\n",
	  "pickdoc: b.yaml:12:5: error: duplicate question id 'q'\n" },
	{ PB_HEAD PB_REST "questions:\n  - {id: c, ask: A, fact: f, answers: [{value: v, next: c}]}\n",
	  "pickdoc: b.yaml:11:5: error: question id 'c' is also a cause id\n" },
	{ PB_HEAD PB_REST "questions:\n  - {id: q, ask: A, fact: f, answers: []}\n",
	  "pickdoc: b.yaml:11:39: error: 'answers' must not be empty\n" },
	{ PB_HEAD PB_SIG "causes: [{id: c, title: C, boosts: [{when: {a: x, a: y}, add: 1, "
	  "because: b}]}]\n" PB_TAIL,
	  "pickdoc: b.yaml:5:51: error: duplicate key 'a' in 'when'\n" },
	{ PB_HEAD PB_SIG "causes: [{id: c, title: C, boosts: [{when: {a: [x]}, add: 1, "
	  "because: b}]}]\n" PB_TAIL,
	  "pickdoc: b.yaml:5:48: error: condition 'a' must be a string\n" },
	{ PB_HEAD PB_SIG "causes: [{id: c, title: C, boosts: [{when: [a], add: 1, "
	  "because: b}]}]\n" PB_TAIL,
	  "pickdoc: b.yaml:5:44: error: 'when' must be a mapping\n" },
	{ PB_HEAD "signatures: [{pattern: x, facts: {a: [b]}}]\n" PB_CAUSES PB_TAIL,
	  "pickdoc: b.yaml:4:38: error: fact 'a' must be a string\n" },
	{ PB_HEAD PB_SIG PB_CAUSES PB_TAIL "samples2: {}\n",
	  "pickdoc: b.yaml:10:1: error: unknown key 'samples2' in playbook\n" },
	{ PB_HEAD PB_SIG PB_CAUSES "first_ten_minutes: [l]\nfix: [f]\n"
	  "verify: [{run: r, before: b, after: a}]\nsamples: {match: [[x]]}\n",
	  "pickdoc: b.yaml:9:19: error: item of 'match' must be a string or a mapping\n" },
	{ PB_HEAD PB_SIG PB_CAUSES "first_ten_minutes: [l]\nfix: [f]\n"
	  "verify: [{run: r, before: b, after: a}]\nsamples: {match: [{subject: s}]}\n",
	  "pickdoc: b.yaml:9:19: error: missing required key 'log'\n" },
	{ "rules: [{fact: f, from: frames, pattern: p}]\n",
	  "pickdoc: b.yaml:1:25: error: invalid 'from' 'frames' (expected file, func, source, "
	  "frame, type, message, note or a user_* fact)\n" },
	{ "rules: [{fact: f, from: file, pattern: p}]\nlibrary_files: [x]\nid2: x\n",
	  "pickdoc: b.yaml:3:1: error: unknown key 'id2' in evidence file\n" },
	{ "title: T\nmeans: m\n",
	  "pickdoc: b.yaml:1:1: error: expected a playbook (with 'id') or an evidence file "
	  "(with 'rules' or 'library_files')\n" },
	{ "- id: a\n",
	  "pickdoc: b.yaml:1:1: error: expected a playbook (with 'id') or an evidence file "
	  "(with 'rules' or 'library_files')\n" },
	{ "", "pickdoc: b.yaml: error: empty file\n" },
	{ "# only a comment\n", "pickdoc: b.yaml: error: empty file\n" },
	{ PB_HEAD "x: &anchor 1\n", "pickdoc: b.yaml:4:4: error: anchor 'anchor' is not supported\n" },
	{ PB_HEAD "x: *anchor\n", "pickdoc: b.yaml:4:4: error: alias 'anchor' is not supported\n" },
	{ PB_HEAD "when: {!subject: x}\n",
	  "pickdoc: b.yaml:4:8: error: tag '!subject:' is not supported (quote a string that "
	  "starts with '!')\n" },
	{ PB_HEAD "---\nid: b\n",
	  "pickdoc: b.yaml:4:1: error: a file must hold one YAML document only\n" },
	{ PB_HEAD "? [a]\n: b\n", "pickdoc: b.yaml:4:3: error: a mapping key must be a string\n" },
	{ PB_HEAD "title: \"a\\0b\"\n",
	  "pickdoc: b.yaml:4:8: error: a string must not contain a NUL character\n" },
	{ "id: a\ntitle: [T\nmeans: m\n",
	  "pickdoc: b.yaml:3:6: error: did not find expected ',' or ']' (while parsing a flow "
	  "sequence at 2:8)\n" },
	{ "id: a\n  title: x\n",
	  "pickdoc: b.yaml:2:8: error: mapping values are not allowed in this context\n" },
	{ "id: a\ntitle: b\xff\n",
	  "pickdoc: b.yaml:2:9: error: invalid leading UTF-8 octet\n" },
	{ "id: a\ntitle: \x01\n",
	  "pickdoc: b.yaml:2:8: error: control characters are not allowed\n" },
	{ "a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
	  "pickdoc: b.yaml:1:35: error: nesting is deeper than 32 levels\n" },
};

/* A signature is a wrapper only when it says so. */
static void test_signature_wrapper(void **state)
{
	(void)state;
	const char *yaml = "id: a\ntitle: T\nmeans: m\n"
		"signatures: [{pattern: x, wrapper: true}, {pattern: y, wrapper: false}, "
		"{pattern: z}]\n" PB_CAUSES PB_TAIL;
	struct kb *kb = load_ok("w.yaml", yaml);
	const struct kb_playbook *pb = kb_find(kb, "a");

	assert_int_equal(pb->nsignatures, 3);
	assert_int_equal(pb->signatures[0].wrapper, 1);
	assert_int_equal(pb->signatures[1].wrapper, 0);
	assert_int_equal(pb->signatures[2].wrapper, 0);
	kb_free(kb);
}

/* A signature stands alone or needs a context only when it says so. */
static void test_signature_alone_and_context(void **state)
{
	(void)state;
	const char *yaml = "id: a\ntitle: T\nmeans: m\n"
		"signatures: [{pattern: x, literal: x, alone: true}, "
		"{pattern: y, literal: y, context: 'load\\('}, {pattern: z}]\n" PB_CAUSES PB_TAIL;
	struct kb *kb = load_ok("w.yaml", yaml);
	const struct kb_playbook *pb = kb_find(kb, "a");

	assert_int_equal(pb->nsignatures, 3);
	assert_int_equal(pb->signatures[0].alone, 1);
	assert_null(pb->signatures[0].context);
	assert_int_equal(pb->signatures[1].alone, 0);
	assert_string_equal(pb->signatures[1].context, "load\\(");
	assert_int_equal(pb->signatures[2].alone, 0);
	assert_null(pb->signatures[2].context);
	kb_free(kb);
}

static void test_errors(void **state)
{
	(void)state;

	for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		struct capture cap;
		struct kb *kb = kb_new(NULL);
		const char *yaml = bad_cases[i].yaml;

		capture_start(&cap);
		int errors = kb_load_text(kb, "b.yaml", yaml, strlen(yaml));
		char *text = capture_end(&cap);
		if (strcmp(text, bad_cases[i].message))
			fail_msg("case %zu:\n%s\nwant: %sgot:  %s", i, yaml, bad_cases[i].message,
				 text);
		assert_int_equal(errors, 1);
		assert_int_equal(kb->nplaybooks, 0);
		assert_int_equal(kb->nrules, 0);
		assert_int_equal(kb->nlibrary_files, 0);
		free(text);
		kb_free(kb);
	}
}

static void test_every_error_of_a_file_reported(void **state)
{
	(void)state;
	static const char yaml[] =
		"id: a\n"
		"title: [T]\n"
		"means: m\n"
		"signatures: [{pattern: x, prioriti: 1}]\n"
		"causes: [{id: c, title: C, prior: x}]\n";
	struct capture cap;
	struct kb *kb = kb_new(NULL);

	capture_start(&cap);
	int errors = kb_load_text(kb, "m.yaml", yaml, strlen(yaml));
	char *text = capture_end(&cap);
	assert_string_equal(text,
		"pickdoc: m.yaml:2:8: error: 'title' must be a string\n"
		"pickdoc: m.yaml:4:27: error: unknown key 'prioriti' in signature\n"
		"pickdoc: m.yaml:5:35: error: 'prior' must be an integer\n"
		"pickdoc: m.yaml:1:1: error: missing required key 'first_ten_minutes'\n"
		"pickdoc: m.yaml:1:1: error: missing required key 'fix'\n"
		"pickdoc: m.yaml:1:1: error: missing required key 'verify'\n"
		"pickdoc: m.yaml:1:1: error: missing required key 'samples'\n");
	assert_int_equal(errors, 7);
	assert_int_equal(kb->nplaybooks, 0);
	free(text);
	kb_free(kb);
}

static void test_diagnostic_names_are_shown_safely(void **state)
{
	(void)state;
	static const char yaml[] =
		"id: a\n\"bad\\nkey-that-goes-on-and-on-and-on-and-on-and-on-and-on-and-on-"
		"and-on-and-on-and-on-and-on\": 1\n";
	struct capture cap;
	struct kb *kb = kb_new(NULL);

	capture_start(&cap);
	kb_load_text(kb, "s.yaml", yaml, strlen(yaml));
	char *text = capture_end(&cap);
	/* One line per diagnostic: control characters never reach the terminal. */
	const char *line = strstr(text, "pickdoc: s.yaml:2:1: error: unknown key 'bad?key-that-");
	assert_non_null(line);
	const char *end = strstr(line, "...' in playbook\n");
	assert_non_null(end);
	assert_ptr_equal(strchr(line, '\n'), end + strlen("...' in playbook"));
	free(text);
	kb_free(kb);
}

/* A knowledge base is untrusted input: names libyaml decodes from %-escapes or that hold
 * C1 and bidirectional controls are masked, duplicate keys are errors at their position,
 * lists of mappings are bounded and a file broken everywhere gets a screenful of errors. */
#define LIT_AND_LEN(s) s, sizeof s - 1

static void test_hostile_knowledge_file(void **state)
{
	(void)state;
	struct capture cap;
	struct buf b = { 0 };
	struct kb *kb = kb_new(NULL);

	capture_start(&cap);
	assert_int_equal(kb_load_text(kb, "t.yaml",
				      LIT_AND_LEN("id: a\ntitle: !<%1b%5d0%3bx%07> t\n")), 1);
	/* the 8 other errors are the missing keys */
	assert_int_equal(kb_load_text(kb, "u.yaml",
				      LIT_AND_LEN("id: a\n\"\\u009b\\u202e\": 1\n")), 9);
	char *text = capture_end(&cap);
	assert_non_null(strstr(text, "pickdoc: t.yaml:2:8: error: tag '?]0;x?' is not supported"));
	assert_non_null(strstr(text, "pickdoc: u.yaml:2:1: error: unknown key '?" "?' in "
				     "playbook\n"));
	assert_null(strchr(text, '\x1b'));
	free(text);

	capture_start(&cap);
	buf_printf(&b, "%stitle: B\n", small_a);
	assert_int_equal(kb_load_text(kb, "d.yaml", b.s, b.len), 1);
	text = capture_end(&cap);
	assert_string_equal(text, "pickdoc: d.yaml:10:1: error: duplicate key 'title' in playbook\n");
	free(text);

	buf_reset(&b);
	buf_printf(&b, "%sfaq:\n", small_a);
	for (int i = 0; i < 1025; i++)
		buf_adds(&b, "  - {q: q, a: a}\n");
	capture_start(&cap);
	assert_int_equal(kb_load_text(kb, "l.yaml", b.s, b.len), 1);
	text = capture_end(&cap);
	assert_string_equal(text, "pickdoc: l.yaml:11:3: error: 'faq' has 1025 items, more than "
				  "the 1024 allowed\n");
	free(text);

	buf_reset(&b);
	buf_adds(&b, small_a);
	for (int i = 0; i < 100000; i++)
		buf_adds(&b, "title: again\n");
	capture_start(&cap);
	assert_int_equal(kb_load_text(kb, "e.yaml", b.s, b.len), 100000);
	text = capture_end(&cap);
	const char *last = strstr(text, "pickdoc: e.yaml: note: too many errors: the rest are not "
					"shown\n");
	assert_non_null(last);
	assert_int_equal(last[strlen("pickdoc: e.yaml: note: too many errors: the rest are not "
				     "shown\n")], '\0');
	size_t lines = 0;
	for (const char *p = text; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 21);
	free(text);
	assert_int_equal(kb->nplaybooks, 0);
	buf_fini(&b);
	kb_free(kb);
}

static void test_kb_new_shares_base_and_replaces_by_id(void **state)
{
	(void)state;
	static const char ev[] = "rules: [{fact: f, from: file, pattern: base}]\n"
				 "library_files: [base-lib]\n";
	struct kb *base = load_ok("a.yaml", small_a);
	char b[sizeof small_a];

	memcpy(b, small_a, sizeof b);
	b[4] = 'b';
	assert_int_equal(kb_load_text(base, "b.yaml", b, strlen(b)), 0);
	assert_int_equal(kb_load_text(base, "ev.yaml", ev, strlen(ev)), 0);
	const struct kb_playbook *a0 = kb_find(base, "a"), *b0 = kb_find(base, "b");

	struct kb *kb = kb_new(base);
	assert_ptr_not_equal(kb->playbooks, base->playbooks);
	assert_int_equal(kb->nplaybooks, 2);
	assert_ptr_equal(kb->playbooks[0], a0);
	assert_ptr_equal(kb->playbooks[1], b0);
	assert_int_equal(kb->nrules, 1);
	assert_ptr_equal(kb->rules[0].pattern, base->rules[0].pattern);
	assert_ptr_equal(kb->library_files[0], base->library_files[0]);

	char a2[sizeof small_a];
	memcpy(a2, small_a, sizeof a2);
	memcpy(strstr(a2, "title: A"), "title: Z", 8);
	assert_int_equal(kb_load_text(kb, "user/a.yaml", a2, strlen(a2)), 0);
	assert_int_equal(kb->nplaybooks, 2);
	assert_string_equal(kb->playbooks[0]->title, "Z");
	assert_string_equal(kb->playbooks[0]->pos.file, "user/a.yaml");
	assert_ptr_equal(kb->playbooks[1], b0);
	assert_ptr_equal(kb_find(kb, "a"), kb->playbooks[0]);
	/* The base is untouched. */
	assert_ptr_equal(base->playbooks[0], a0);
	assert_string_equal(a0->title, "A");

	kb_free(kb);
	assert_string_equal(base->playbooks[1]->title, "A");
	assert_string_equal(base->rules[0].pattern, "base");
	kb_free(base);
	kb_free(NULL);
}

static void test_evidence_rules_go_in_front(void **state)
{
	(void)state;
	static const char one[] = "rules:\n  - {fact: f, from: file, pattern: r1}\n"
				  "  - {fact: f, from: file, pattern: r2}\nlibrary_files: [l1]\n";
	static const char two[] = "rules: [{fact: f, from: note, pattern: r3}]\n"
				  "library_files: [l2, l3]\n";
	static const char three[] = "library_files: [l4]\n";
	struct kb *base = load_ok("one.yaml", one);
	struct kb *kb = kb_new(base);

	assert_int_equal(kb_load_text(kb, "two.yaml", two, strlen(two)), 0);
	assert_int_equal(kb_load_text(kb, "three.yaml", three, strlen(three)), 0);
	assert_int_equal(kb->nrules, 3);
	assert_string_equal(kb->rules[0].pattern, "r3");
	assert_string_equal(kb->rules[1].pattern, "r1");
	assert_string_equal(kb->rules[2].pattern, "r2");
	assert_int_equal(kb->nlibrary_files, 4);
	assert_string_equal(kb->library_files[0], "l1");
	assert_string_equal(kb->library_files[1], "l2");
	assert_string_equal(kb->library_files[2], "l3");
	assert_string_equal(kb->library_files[3], "l4");
	assert_int_equal(base->nrules, 2);
	assert_int_equal(base->nlibrary_files, 1);
	kb_free(kb);
	kb_free(base);
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void remove_tree(const char *dir, const char *const *names, size_t n)
{
	char path[512];

	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (remove(path))
			fail_msg("cannot remove '%s': %s", path, strerror(errno));
	}
	assert_int_equal(rmdir(dir), 0);
}

static void test_load_dir(void **state)
{
	(void)state;
	char dir[] = "/tmp/test_kb_load.XXXXXX";
	static const char *const names[] = {
		"b.yml", "a.yaml", "c.yaml", "notes.txt", ".hidden.yaml", "ev.yaml"
	};
	char b[sizeof small_a], c[sizeof small_a];
	struct capture cap;

	assert_non_null(mkdtemp(dir));
	memcpy(b, small_a, sizeof b);
	b[4] = 'b';
	memcpy(c, small_a, sizeof c);
	c[4] = 'c';
	write_file(dir, "b.yml", b);
	write_file(dir, "a.yaml", small_a);
	write_file(dir, "c.yaml", c);
	write_file(dir, "notes.txt", "not: yaml: at: all\n");
	write_file(dir, ".hidden.yaml", "broken: [\n");
	write_file(dir, "ev.yaml", "library_files: [x]\n");
	char sub[512];
	snprintf(sub, sizeof sub, "%s/sub.yaml", dir);
	assert_int_equal(mkdir(sub, 0700), 0);

	struct kb *kb = kb_new(NULL);
	capture_start(&cap);
	int errors = kb_load_dir(kb, dir);
	char *text = capture_end(&cap);
	assert_string_equal(text, "");
	assert_int_equal(errors, 0);
	assert_int_equal(kb->nplaybooks, 3);
	assert_string_equal(kb->playbooks[0]->id, "a");
	assert_string_equal(kb->playbooks[1]->id, "b");
	assert_string_equal(kb->playbooks[2]->id, "c");
	char want[600];
	snprintf(want, sizeof want, "%s/b.yml", dir);
	assert_string_equal(kb->playbooks[1]->pos.file, want);
	assert_int_equal(kb->nlibrary_files, 1);
	free(text);
	kb_free(kb);

	/* The same id twice in one directory is an error; the first one stays.  A file
	 * with errors adds nothing. */
	write_file(dir, "a.yaml", "id: a\n");
	write_file(dir, "b.yml", small_a);
	write_file(dir, "c.yaml", small_a);
	char expected[2048];
	snprintf(expected, sizeof expected,
		 "pickdoc: %s/a.yaml:1:1: error: missing required key 'title'\n"
		 "pickdoc: %s/a.yaml:1:1: error: missing required key 'means'\n"
		 "pickdoc: %s/a.yaml:1:1: error: missing required key 'signatures'\n"
		 "pickdoc: %s/a.yaml:1:1: error: missing required key 'causes'\n"
		 "pickdoc: %s/a.yaml:1:1: error: missing required key 'first_ten_minutes'\n"
		 "pickdoc: %s/a.yaml:1:1: error: missing required key 'fix'\n"
		 "pickdoc: %s/a.yaml:1:1: error: missing required key 'verify'\n"
		 "pickdoc: %s/a.yaml:1:1: error: missing required key 'samples'\n"
		 "pickdoc: %s/c.yaml:1:1: error: duplicate playbook id 'a'\n"
		 "pickdoc: %s/b.yml:1:1: note: 'a' first defined here\n",
		 dir, dir, dir, dir, dir, dir, dir, dir, dir, dir);
	kb = kb_new(NULL);
	capture_start(&cap);
	errors = kb_load_dir(kb, dir);
	text = capture_end(&cap);
	assert_string_equal(text, expected);
	assert_int_equal(errors, 9);
	assert_int_equal(kb->nplaybooks, 1);
	assert_string_equal(kb->playbooks[0]->pos.file + strlen(dir), "/b.yml");
	free(text);
	kb_free(kb);

	assert_int_equal(rmdir(sub), 0);
	remove_tree(dir, names, 6);
}

static void test_unreadable_paths(void **state)
{
	(void)state;
	struct capture cap;
	struct kb *kb = kb_new(NULL);

	capture_start(&cap);
	assert_int_equal(kb_load_dir(kb, "/nonexistent/kb"), 1);
	assert_int_equal(kb_load_file(kb, "/nonexistent/kb/a.yaml"), 1);
	char *text = capture_end(&cap);
	assert_string_equal(text,
		"pickdoc: cannot open directory '/nonexistent/kb': No such file or directory\n"
		"pickdoc: cannot read '/nonexistent/kb/a.yaml': No such file or directory\n");
	free(text);
	kb_free(kb);
}

static void test_load_file(void **state)
{
	(void)state;
	char dir[] = "/tmp/test_kb_load.XXXXXX";
	static const char *const names[] = { "a.yaml" };
	char path[512];

	assert_non_null(mkdtemp(dir));
	write_file(dir, "a.yaml", full);
	snprintf(path, sizeof path, "%s/a.yaml", dir);
	struct kb *kb = kb_new(NULL);
	assert_int_equal(kb_load_file(kb, path), 0);
	assert_int_equal(kb->nplaybooks, 1);
	assert_string_equal(kb->playbooks[0]->pos.file, path);
	assert_string_equal(kb->playbooks[0]->no_match_samples[0].log, "KeyError: 'x'");
	kb_free(kb);
	remove_tree(dir, names, 1);
}

/* Every prefix of a valid file: errors or a playbook, never a crash or a leak. */
static void test_truncated_files(void **state)
{
	(void)state;
	FILE *devnull = fopen("/dev/null", "w");
	size_t loaded = 0;

	assert_non_null(devnull);
	msg_set_stream(devnull);
	for (size_t n = 0; n <= sizeof full - 1; n++) {
		struct kb *kb = kb_new(NULL);
		char *copy = xstrndup(full, n);
		int errors = kb_load_text(kb, "t.yaml", copy, n);
		assert_true(errors > 0 || kb->nplaybooks == 1);
		loaded += kb->nplaybooks;
		free(copy);
		kb_free(kb);
	}
	msg_set_stream(NULL);
	fclose(devnull);
	/* Cut at the very end, or inside the last sample's text, the file is still whole. */
	assert_true(loaded >= 1);
}

/* Every key's value replaced by each wrong type: errors, never a crash. */
static void test_wrong_types_everywhere(void **state)
{
	(void)state;
	static const char *const wrong[] = { "[x]", "{x: y}", "", "1", "'a b'", "-1" };
	FILE *devnull = fopen("/dev/null", "w");

	assert_non_null(devnull);
	msg_set_stream(devnull);
	for (const char *p = full; *p; p = strchr(p, '\n') + 1) {
		const char *colon = strstr(p, ": ");
		const char *eol = strchr(p, '\n');
		if (!colon || colon > eol)
			continue;
		for (size_t w = 0; w < sizeof wrong / sizeof wrong[0]; w++) {
			struct buf b = { 0 };
			buf_add(&b, full, (size_t)(colon + 2 - full));
			buf_adds(&b, wrong[w]);
			buf_adds(&b, eol);
			struct kb *kb = kb_new(NULL);
			kb_load_text(kb, "w.yaml", b.s, b.len);
			kb_free(kb);
			buf_fini(&b);
		}
	}
	msg_set_stream(NULL);
	fclose(devnull);
}

static void test_binary_junk(void **state)
{
	(void)state;
	FILE *devnull = fopen("/dev/null", "w");
	static const char punctuation[] = "[]{}:,- \n'\"!&*?|>#%@`ab";
	unsigned seed = 12345;
	char junk[4096];

	assert_non_null(devnull);
	msg_set_stream(devnull);
	for (int round = 0; round < 200; round++) {
		size_t n = (size_t)round * 20;
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			/* Half the rounds use only YAML's punctuation, to get past the scanner. */
			if (round % 2)
				junk[i] = (char)(seed >> 16);
			else
				junk[i] = punctuation[(seed >> 16) % (sizeof punctuation - 1)];
		}
		struct kb *kb = kb_new(NULL);
		int errors = kb_load_text(kb, "j.yaml", junk, n);
		assert_true(errors > 0);
		kb_free(kb);
	}
	msg_set_stream(NULL);
	fclose(devnull);
}

static void test_huge_input(void **state)
{
	(void)state;
	struct capture cap;
	struct buf b = { 0 };

	/* Under the limit: a long list loads. */
	buf_adds(&b, small_a);
	buf_adds(&b, "worse:\n");
	for (int i = 0; i < 100000; i++)
		buf_printf(&b, "  - habit %d\n", i);
	struct kb *kb = load_ok("big.yaml", b.s);
	assert_int_equal(kb->playbooks[0]->nworse, 100000);
	assert_string_equal(kb->playbooks[0]->worse[99999], "habit 99999");
	kb_free(kb);

	while (b.len <= 4u << 20)
		buf_adds(&b, "  - another habit that makes the file larger than the limit\n");
	kb = kb_new(NULL);
	capture_start(&cap);
	assert_int_equal(kb_load_text(kb, "huge.yaml", b.s, b.len), 1);
	char *text = capture_end(&cap);
	assert_string_equal(text, "pickdoc: huge.yaml: error: file is larger than 4 MiB\n");
	assert_int_equal(kb->nplaybooks, 0);
	free(text);
	kb_free(kb);
	buf_fini(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_playbook_every_key),
		cmocka_unit_test(test_optional_keys_absent),
		cmocka_unit_test(test_signature_wrapper),
		cmocka_unit_test(test_signature_alone_and_context),
		cmocka_unit_test(test_pattern_position_per_style),
		cmocka_unit_test(test_evidence_file),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_every_error_of_a_file_reported),
		cmocka_unit_test(test_diagnostic_names_are_shown_safely),
		cmocka_unit_test(test_hostile_knowledge_file),
		cmocka_unit_test(test_kb_new_shares_base_and_replaces_by_id),
		cmocka_unit_test(test_evidence_rules_go_in_front),
		cmocka_unit_test(test_load_dir),
		cmocka_unit_test(test_unreadable_paths),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_truncated_files),
		cmocka_unit_test(test_wrong_types_everywhere),
		cmocka_unit_test(test_binary_junk),
		cmocka_unit_test(test_huge_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
