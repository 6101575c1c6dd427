/*
 * test_infer.c: cause scores and reasons from facts (boosts, negated conditions, order),
 * and the decision tree walked as far as the facts answer it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "helpers.h"
#include "infer.h"

static const char *const playbook =
	"id: alpha\n"
	"title: Alpha\n"
	"means: m\n"
	"signatures:\n"
	"  - {pattern: '.'}\n"
	"causes:\n"
	"  - id: nested\n"
	"    title: Nested\n"
	"    prior: 10\n"
	"    boosts:\n"
	"      - {when: {subject: '<locals>'}, add: 50, because: the qualname has <locals>}\n"
	"      - {when: {subject: '<locals>', user_source: 'lambda'}, add: 5, because: and a lambda}\n"
	"  - id: toplevel\n"
	"    title: Top level\n"
	"    prior: 20\n"
	"    boosts:\n"
	"      - {when: {'!subject': '<locals>'}, add: 30, because: no <locals>}\n"
	"  - id: tie\n"
	"    title: Tie\n"
	"    prior: 20\n"
	"questions:\n"
	"  - id: where\n"
	"    ask: Where is it defined?\n"
	"    why: nested things have no importable name\n"
	"    fact: defined_in\n"
	"    answers:\n"
	"      - {value: function, label: in a function, match: '<locals>', next: guard}\n"
	"      - {value: module, label: at module level, next: toplevel}\n"
	"  - id: guard\n"
	"    ask: Is there a main guard?\n"
	"    why: spawn re-imports main\n"
	"    fact: guard\n"
	"    answers:\n"
	"      - {value: 'yes', label: 'yes', next: nested}\n"
	"      - {value: 'no', label: 'no', next: tie}\n"
	"first_ten_minutes: [look]\n"
	"fix: [fix it]\n"
	"verify:\n"
	"  - {run: x, before: y, after: z}\n"
	"samples: {match: [], no_match: []}\n";

struct fixture {
	struct kb *kb;
	struct regex_cache *rc;
	struct finding fd;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	f->kb = kb_from_yaml("a.yaml", playbook);
	f->rc = regex_cache_new();
	f->fd.playbook = kb_find(f->kb, "alpha");
	assert_non_null(f->fd.playbook);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	facts_fini(&f->fd.facts);
	for (size_t i = 0; i < f->fd.ncauses; i++)
		free(f->fd.causes[i].because);
	free(f->fd.causes);
	free(f->fd.path);
	regex_cache_free(f->rc);
	kb_free(f->kb);
	free(f);
	return 0;
}

static void test_boosts_rank_and_explain(void **state)
{
	struct fixture *f = *state;

	facts_set(&f->fd.facts, "subject", "f.<locals>.<lambda>", "test", 3);
	facts_set(&f->fd.facts, "user_source", "pool.map(lambda x: x, xs)", "test", 2);
	infer_rank(f->rc, &f->fd);
	assert_int_equal(f->fd.ncauses, 3);
	assert_string_equal(f->fd.causes[0].cause->id, "nested");
	assert_int_equal(f->fd.causes[0].score, 65);
	assert_string_equal(f->fd.causes[0].because, "the qualname has <locals>; and a lambda");
	/* Equal scores keep the author's order; a cause no boost touched has no reason. */
	assert_string_equal(f->fd.causes[1].cause->id, "toplevel");
	assert_int_equal(f->fd.causes[1].score, 20);
	assert_null(f->fd.causes[1].because);
	assert_string_equal(f->fd.causes[2].cause->id, "tie");
}

static void test_negated_condition_holds_when_fact_absent(void **state)
{
	struct fixture *f = *state;

	infer_rank(f->rc, &f->fd);
	assert_string_equal(f->fd.causes[0].cause->id, "toplevel");
	assert_int_equal(f->fd.causes[0].score, 50);
	assert_string_equal(f->fd.causes[0].because, "no <locals>");
}

static void test_tree_stops_at_unknown_fact(void **state)
{
	struct fixture *f = *state;

	facts_set(&f->fd.facts, "defined_in", "job.<locals>.inner", "test", 0);
	infer_rank(f->rc, &f->fd);
	assert_int_equal(f->fd.npath, 2);
	assert_string_equal(f->fd.path[0].question->id, "where");
	assert_string_equal(f->fd.path[0].answer->value, "function");
	assert_string_equal(f->fd.path[1].question->id, "guard");
	assert_null(f->fd.path[1].answer);
	assert_null(f->fd.conclusion);

	/* An answer is a fact: set it and infer again. */
	facts_set(&f->fd.facts, "guard", "no", "answered", 0);
	infer_rank(f->rc, &f->fd);
	assert_int_equal(f->fd.npath, 2);
	assert_non_null(f->fd.conclusion);
	assert_string_equal(f->fd.conclusion->id, "tie");
}

static void test_tree_asks_first_question_without_facts(void **state)
{
	struct fixture *f = *state;

	facts_set(&f->fd.facts, "defined_in", "somewhere else", "test", 0);
	infer_rank(f->rc, &f->fd);
	assert_int_equal(f->fd.npath, 1);
	assert_null(f->fd.path[0].answer);
	assert_null(f->fd.conclusion);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_boosts_rank_and_explain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_negated_condition_holds_when_fact_absent, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_tree_stops_at_unknown_fact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tree_asks_first_question_without_facts, setup,
						teardown),
	};
	return cmocka_run_group_tests_name("infer", tests, NULL, NULL);
}
