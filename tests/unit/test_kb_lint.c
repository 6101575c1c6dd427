/*
 * test_kb_lint.c: the cost check of pickdoc --lint: a pattern that backtracks without
 * bound on hostile text fails with its file:line:col, patterns whose cost is linear pass,
 * each is tried on texts as long as the ones it can meet (a whole exception type, a
 * message), and the slowest are noted.  And the fallbacks of a plan's text: a placeholder
 * or prose, never a plausible name or code, and only a placeholder in a command.  And the
 * words a person answers with: a question that chooses between two things through yes and
 * no needs names for its choices.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "helpers.h"
#include "kb_lint.h"
#include "plan.h"

/* A knowledge base of one playbook with the signature SIG and one evidence rule R. */
struct one {
	struct kb_playbook pb;
	const struct kb_playbook *list[1];
	struct kb kb;
};

static const struct kb *one_kb(struct one *o, const struct kb_signature *sig,
			       const struct kb_rule *r)
{
	memset(o, 0, sizeof *o);
	o->pb = (struct kb_playbook){ .id = "p", .title = "t", .signatures = sig,
				      .nsignatures = sig ? 1 : 0 };
	o->list[0] = &o->pb;
	o->kb = (struct kb){ .playbooks = o->list, .nplaybooks = 1, .rules = r,
			     .nrules = r ? 1 : 0 };
	return &o->kb;
}

/* Runs the cost check with diagnostics captured; the caller frees *TEXT. */
static int cost(const struct kb *kb, char **text)
{
	struct capture said;

	capture_start(&said);
	msg_reset();
	int errors = kb_lint_cost(kb, NULL);
	*text = capture_end(&said);
	return errors;
}

/* Lints the playbook whose plan texts are FIX and RUN; the caller frees *TEXT. */
static int lint_texts(const char *fix, const char *run, char **text)
{
	char yaml[1024];
	struct capture said;

	snprintf(yaml, sizeof yaml,
		 "id: p\ntitle: t\nmeans: m\nsignatures:\n  - {pattern: '^x$'}\n"
		 "causes:\n  - {id: c, title: C, prior: 1}\nfirst_ten_minutes: [look]\n"
		 "fix: ['%s']\nverify:\n  - {run: '%s', before: b, after: a}\n"
		 "samples: {match: [], no_match: []}\n", fix, run);
	struct kb *kb = kb_from_yaml("p.yaml", yaml);
	capture_start(&said);
	msg_reset();
	int errors = kb_lint(kb);
	*text = capture_end(&said);
	kb_free(kb);
	return errors;
}

static void test_fallbacks(void **state)
{
	(void)state;
	char *text;

	assert_int_equal(lint_texts("move {{outer|<enclosing function>}} ({{python_version|not shown}})",
				    "python {{user_file|<your file>}}", &text), 0);
	free(text);
	assert_int_equal(lint_texts("import {{user_module|app}}", "python {{user_file|your file}}",
				    &text), 2);
	assert_non_null(strstr(text, "error: fallback in 'fix' item 1 of 'p' looks like a fact"));
	assert_non_null(strstr(text, "error: fallback in 'verify' item 1 of 'p' is not a placeholder"));
	free(text);
	static const char *const bad[] = { "{{f|app.py}}", "{{f|pool.map(f, xs)}}", "{{f|m.Name}}",
					   "{{f|--limit 10}}", "{{f|N}}", "{{f|<lambda>}}" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(lint_texts(bad[i], "true", &text), 1);
		free(text);
	}
}

static void test_catastrophic_pattern_fails(void **state)
{
	(void)state;
	/* nested repeats: "aaaa...a\x01" has exponentially many ways to fail */
	static const struct kb_signature sig = {
		.pattern = "^(?<words>\\w+\\s?)*$",
		.pattern_pos = { "k/p.yaml", 7, 15 },
	};
	struct one o;
	char *text;

	assert_int_equal(cost(one_kb(&o, &sig, NULL), &text), 1);
	assert_non_null(strstr(text, "pickdoc: k/p.yaml:7:15: error: pattern hits the match "
				     "limit on 65536 bytes of "));
	assert_int_equal(msg_count(MSG_ERROR), 1);
	free(text);
}

static void test_linear_patterns_pass(void **state)
{
	(void)state;
	/* the message patterns of a real playbook, a lazy dot-star, an exception type that
	 * repeats a dotted group (matched whole at run time, as here) */
	static const struct kb_signature sigs[] = {
		{ .pattern = "^cannot pickle '(?<subject>[\\w.]+)' (?:object|instances)$" },
		{ .pattern = "Can't pickle (?<subject>.*?): attribute lookup (?<name>[\\w.<>]+) "
			     "on (?<module>[\\w.]+) failed" },
		{ .exception = "(?:\\w+\\.)*PicklingError", .pattern = "x" },
	};
	static const struct kb_rule rule = {
		.fact = "python_version", .from = "file",
		.pattern = "[/\\\\]python(?<v>[23]\\.\\d+)[/\\\\]", .value = "$v",
		.pos = { "k/evidence.yaml", 3, 5 },
	};
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		struct one o;
		char *text;
		assert_int_equal(cost(one_kb(&o, &sigs[i], i ? NULL : &rule), &text), 0);
		assert_null(strstr(text, "error"));
		/* the slowest patterns are noted, as information */
		assert_non_null(strstr(text, "note: the slowest pattern on hostile texts: "));
		free(text);
	}
}

/* The same dotted group fails on a message, which may be 16 times as long as a type: each
 * pattern is tried on texts as long as those it meets at run time. */
static void test_rule_searched_on_a_message(void **state)
{
	(void)state;
	static const struct kb_rule rule = {
		.fact = "kind", .from = "message", .pattern = "^(?:\\w+\\.)*PicklingError$",
		.value = "x", .pos = { "k/evidence.yaml", 9, 5 },
	};
	struct one o;
	char *text;

	assert_int_equal(cost(one_kb(&o, NULL, &rule), &text), 1);
	assert_non_null(strstr(text, "k/evidence.yaml:9:5: error: pattern hits the "));
	free(text);
}

/* A playbook whose only question is QUESTION (YAML lines at 2 spaces). */
static int lint_question(const char *question, char **text)
{
	char yaml[2048];
	struct capture said;

	snprintf(yaml, sizeof yaml,
		 "id: p\ntitle: t\nmeans: m\nsignatures:\n  - {pattern: '^x$'}\n"
		 "causes:\n  - {id: a, title: A}\n  - {id: b, title: B}\n"
		 "questions:\n%s"
		 "first_ten_minutes: [look]\nfix: [fix it]\n"
		 "verify:\n  - {run: x, before: y, after: z}\n"
		 "samples: {match: [\"Exception: x\"], no_match: []}\n", question);
	struct kb *kb = kb_from_yaml("k/p.yaml", yaml);
	capture_start(&said);
	msg_reset();
	int errors = kb_lint(kb);
	*text = capture_end(&said);
	kb_free(kb);
	return errors;
}

static void test_either_or_questions_name_their_choices(void **state)
{
	char *text;

	(void)state;
	/* A real yes/no question. */
	assert_int_equal(lint_question("  - id: q\n    ask: Is it?\n    fact: f\n    answers:\n"
				       "      - {value: \"yes\", label: \"yes, it is\", next: a}\n"
				       "      - {value: \"no\", label: \"No\", next: b}\n", &text), 0);
	free(text);
	/* Either/or through yes and no, unnamed. */
	assert_int_equal(lint_question("  - id: q\n    ask: Child or parent?\n    fact: f\n"
				       "    answers:\n"
				       "      - {value: \"yes\", label: \"in the child\", next: a}\n"
				       "      - {value: \"no\", label: \"in the parent\", next: b}\n",
				       &text), 1);
	assert_non_null(strstr(text, "k/p.yaml:10:5: error: question 'q' chooses between two "
				     "things, not yes or no: give each answer a name"));
	free(text);
	/* Named, it passes. */
	assert_int_equal(lint_question("  - id: q\n    ask: Child or parent?\n    fact: f\n"
				       "    answers:\n"
				       "      - {name: child, value: \"yes\", label: \"in the child\", next: a}\n"
				       "      - {name: parent, value: \"no\", label: \"in the parent\", next: b}\n",
				       &text), 0);
	free(text);
	/* Words told apart whatever their case; skip is not one. */
	assert_int_equal(lint_question("  - id: q\n    ask: Which?\n    fact: f\n    answers:\n"
				       "      - {name: left, value: l, next: a}\n"
				       "      - {value: LEFT, next: b}\n"
				       "      - {value: skip, next: b}\n", &text), 2);
	assert_non_null(strstr(text, "answers of question 'q' are both chosen by 'LEFT'"));
	assert_non_null(strstr(text, "answer 'skip' of question 'q': skip means \"don't know\""));
	free(text);
}

/* A text may hold PLAN_PLACEHOLDERS_MAX placeholders, each a bounded part of the log: one
 * with more could make a report of gigabytes from a long message, and --lint says so. */
static void test_placeholders_per_text_are_bounded(void **state)
{
	struct buf step = { 0 }, yaml = { 0 };
	struct capture said;

	(void)state;
	for (int n = PLAN_PLACEHOLDERS_MAX; n <= PLAN_PLACEHOLDERS_MAX + 1; n++) {
		buf_reset(&step);
		buf_reset(&yaml);
		for (int i = 0; i < n; i++)
			buf_adds(&step, "{{message}} ");
		buf_printf(&yaml, "id: p\ntitle: t\nmeans: m\nsignatures:\n  - {pattern: '^x$'}\n"
			   "causes:\n  - {id: a, title: A}\n"
			   "first_ten_minutes: [\"%s\"]\nfix: [fix it]\n"
			   "verify:\n  - {run: x, before: y, after: z}\n"
			   "samples: {match: [\"Exception: x\"], no_match: []}\n", step.s);
		struct kb *kb = kb_from_yaml("k/p.yaml", yaml.s);
		capture_start(&said);
		msg_reset();
		int errors = kb_lint(kb);
		char *text = capture_end(&said);
		assert_int_equal(errors, n > PLAN_PLACEHOLDERS_MAX);
		assert_true((strstr(text, "'first_ten_minutes' item 1 of 'p' holds more than 32 "
					  "placeholders") != NULL) == (n > PLAN_PLACEHOLDERS_MAX));
		free(text);
		kb_free(kb);
	}
	buf_fini(&step);
	buf_fini(&yaml);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fallbacks),
		cmocka_unit_test(test_placeholders_per_text_are_bounded),
		cmocka_unit_test(test_catastrophic_pattern_fails),
		cmocka_unit_test(test_linear_patterns_pass),
		cmocka_unit_test(test_rule_searched_on_a_message),
		cmocka_unit_test(test_either_or_questions_name_their_choices),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
