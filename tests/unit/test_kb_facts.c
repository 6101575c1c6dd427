/*
 * test_kb_facts.c: the fact names a playbook reads (conditions, a derive rule's source,
 * placeholders) against those something sets: a named group or constant fact of its
 * signature, an evidence rule, a derive rule, a question, the engine.  Each name nothing
 * sets is one warning at the place it is read; names that are set give none.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "helpers.h"
#include "kb_facts.h"

static const struct kb_fact constant = { "transport", "pipe" };
static const struct kb_signature sig = {
	.pattern = "^cannot pickle '(?<subject>[\\w.]+)' object$",
	.facts = &constant, .nfacts = 1,
};
static const struct kb_rule rule = { .fact = "python_version", .from = "file", .pattern = "x" };
static const struct kb_derive derive[] = {
	{ .fact = "outer", .from = "subject", .pattern = "x", .pos = { "k/p.yaml", 20, 5 } },
	{ .fact = "inner", .from = "subjekt", .pattern = "x", .pos = { "k/p.yaml", 25, 5 } },
	{ .fact = "same", .from = "outer,user_func", .pattern = "x", .pos = { "k/p.yaml", 26, 5 } },
	{ .fact = "pair", .from = "outer,usr_func", .pattern = "x", .pos = { "k/p.yaml", 27, 5 } },
};
static const struct kb_answer answer = { .value = "yes", .next = "c" };
static const struct kb_question question = {
	.id = "q", .ask = "?", .fact = "origin", .answers = &answer, .nanswers = 1,
};
static const struct kb_cond when[] = {
	{ .fact = "subject", .pattern = "x" },
	{ .fact = "transport", .pattern = "x" },
	{ .fact = "origin", .pattern = "x" },
	{ .fact = "python_version", .pattern = "x" },
	{ .fact = "user_source", .pattern = "x" },
	{ .fact = "inner", .pattern = "x" },
	{ .fact = "user_fucn", .pattern = "x", .pos = { "k/p.yaml", 31, 14 } },
};
static const struct kb_boost boost = { .when = when, .nwhen = 7, .add = 10 };
static const struct kb_cause cause = {
	.id = "c", .title = "t", .boosts = &boost, .nboosts = 1,
	.fix = "Move {{outer|the function}} out of {{user_func|it}}.", .pos = { "k/p.yaml", 28, 5 },
};
static const char *const fix[] = { "Look at {{user_fiel|your file}}:{{user_line}}, {{ not one }}." };
static const struct kb_check verify = { "python {{user_file|app.py}}", "{{subjet}}", "ok" };

static void test_names_nothing_sets_warn(void **state)
{
	(void)state;
	const struct kb_playbook pb = {
		.id = "p", .title = "t", .signatures = &sig, .nsignatures = 1,
		.derive = derive, .nderive = 4, .causes = &cause, .ncauses = 1,
		.questions = &question, .nquestions = 1, .fix = fix, .nfix = 1,
		.verify = &verify, .nverify = 1, .pos = { "k/p.yaml", 1, 1 },
	};
	const struct kb_playbook *list[] = { &pb };
	const struct kb kb = { .playbooks = list, .nplaybooks = 1, .rules = &rule, .nrules = 1 };
	struct capture said;

	capture_start(&said);
	msg_reset();
	int warnings = kb_lint_facts(&kb, &pb);
	char *text = capture_end(&said);

	assert_int_equal(warnings, 5);
	assert_int_equal(msg_count(MSG_WARNING), 5);
	assert_non_null(strstr(text, "k/p.yaml:1:1: warning: no signature, evidence rule, derive "
				     "rule or question sets the fact 'user_fiel' read in 'fix' item 1 of 'p'"));
	assert_non_null(strstr(text, "k/p.yaml:1:1: warning: no signature, evidence rule, derive "
				     "rule or question sets the fact 'subjet' read in the 'before' of 'verify' "
				     "item 1 of 'p'"));
	assert_non_null(strstr(text, "k/p.yaml:31:14: warning: no signature, evidence rule, derive "
				     "rule or question sets the fact 'user_fucn' read in a condition of "
				     "cause 'c' of 'p'"));
	assert_non_null(strstr(text, "k/p.yaml:25:5: warning: no signature, evidence rule, derive "
				     "rule or question sets the fact 'subjekt' read in the 'from' of "
				     "derive rule 2 of 'p'"));
	/* "a,b" reads both facts: only the one nothing sets is named. */
	assert_non_null(strstr(text, "k/p.yaml:27:5: warning: no signature, evidence rule, derive "
				     "rule or question sets the fact 'usr_func' read in the 'from' of "
				     "derive rule 4 of 'p'"));
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_nothing_sets_warn),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
