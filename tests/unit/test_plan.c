/*
 * test_plan.c: placeholders filled from facts (value, fallback, "<name>"), text between
 * braces that is not a placeholder left alone, log control bytes kept out of prose,
 * malformed placeholders found, placeholders listed and fallbacks checked, checks that are
 * templates, and the leading cause's fix first in the plan.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "helpers.h"
#include "plan.h"

static void test_expand(void **state)
{
	(void)state;
	struct facts f = { 0 };
	facts_set(&f, "subject", "scrape_page.<locals>.parse", "t", 1);
	facts_set(&f, "user_file", "/srv/scraper.py", "t", 1);
	facts_set(&f, "empty", "", "t", 1);

	char *s = plan_expand("pickle.dumps({{subject}}) in {{user_file|your file}}:"
			      "{{user_line|the line}}; {{empty|fallback}} {{nothing}}", &f);
	assert_string_equal(s, "pickle.dumps(scrape_page.<locals>.parse) in /srv/scraper.py:"
			       "the line; fallback <nothing>");
	free(s);
	s = plan_expand("d = {'a': {{user_file|x}}}; {{ not a placeholder }} {{}}", &f);
	assert_string_equal(s, "d = {'a': /srv/scraper.py}; {{ not a placeholder }} {{}}");
	free(s);
	facts_fini(&f);
}

static void test_log_control_bytes_are_masked(void **state)
{
	(void)state;
	struct facts f = { 0 };
	facts_set(&f, "subject", "a\x1b[31mb\nc", "t", 1);

	char *s = plan_expand("<{{subject}}>", &f);
	assert_string_equal(s, "<a?[31mb?c>");
	free(s);
	facts_fini(&f);
}

/* A fact's value is shown up to PLAN_VALUE_MAX bytes, cut between characters, marked. */
static void test_long_values_are_cut(void **state)
{
	(void)state;
	struct facts f = { 0 };
	struct buf long_value = { 0 };

	for (int i = 0; i < 70000; i++)
		buf_adds(&long_value, "\xc3\xa9");       /* é: two bytes */
	facts_set(&f, "message", long_value.s, "t", 1);
	char *s = plan_expand("[{{message}}] [{{message}}]", &f);
	assert_int_equal(strlen(s), 2 * (1 + PLAN_VALUE_MAX + 3 + 1) + 1);
	assert_memory_equal(s + 1 + PLAN_VALUE_MAX, "...]", 4);
	free(s);
	facts_set(&f, "note", "short", "t", 1);
	facts_set(&f, "subject", "a\xc3\xa9", "t", 1);
	buf_reset(&long_value);
	for (int i = 0; i < PLAN_VALUE_MAX - 1; i++)
		buf_addc(&long_value, 'x');
	buf_adds(&long_value, "\xc3\xa9");          /* é across the bound */
	facts_set(&f, "user_source", long_value.s, "t", 1);
	s = plan_expand("{{user_source}}", &f);
	assert_int_equal(strlen(s), PLAN_VALUE_MAX - 1 + 3);
	free(s);
	/* a text --lint refuses, loaded all the same: past the bound, fallbacks */
	buf_reset(&long_value);
	for (int i = 0; i < PLAN_PLACEHOLDERS_MAX + 2; i++)
		buf_adds(&long_value, "{{note}}|");
	s = plan_expand(long_value.s, &f);
	buf_reset(&long_value);
	for (int i = 0; i < PLAN_PLACEHOLDERS_MAX; i++)
		buf_adds(&long_value, "short|");
	buf_adds(&long_value, "<note>|<note>|");
	assert_string_equal(s, long_value.s);
	free(s);
	buf_fini(&long_value);
	facts_fini(&f);
}

static void test_check_text(void **state)
{
	(void)state;
	assert_int_equal(plan_check_text("fine {{a}} and {{b|c d}} and {'k': 1}"), -1);
	assert_int_equal(plan_check_text("ok {{a|never closed"), 3);
	assert_int_equal(plan_check_text("{{a}} {{b}"), 6);
}

/* A missing fact shows as a placeholder only when its fallback is "<two or more words>";
 * the plan names the fact; a command that used any fallback, or holds a literal
 * placeholder, is no longer a command to run. */
static void test_placeholders(void **state)
{
	(void)state;
	struct facts f = { 0 };
	struct plan_gaps g = { 0 };
	int fell_back = 0;
	facts_set(&f, "subject", "job", "t", 1);

	char *s = plan_expand_gaps("import {{user_module|<your module>}}; {{subject|<the task>}}"
				   " in {{user_file|your file}}, {{outer}}, <your task's arguments>,"
				   " <lambda>, {{user_module|<your module>}}", &f, &g, &fell_back);
	assert_string_equal(s, "import <your module>; job in your file, <outer>, "
			       "<your task's arguments>, <lambda>, <your module>");
	assert_true(fell_back);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.v[0], "user_module");
	assert_string_equal(g.v[1], "outer");
	free(s);
	plan_gaps_fini(&g);

	fell_back = 0;
	s = plan_expand_gaps("pickle.dumps({{subject|<the task>}}) <lambda> <module 'a'>", &f, &g,
			     &fell_back);
	assert_false(fell_back);
	assert_int_equal(g.n, 0);
	free(s);
	assert_true(plan_runnable("python -m pickletools x.pkl"));
	assert_false(plan_runnable("python {{user_file|<your file>}}"));
	assert_false(plan_runnable("pytest -q <your pickling test>"));
	facts_fini(&f);
}

/* The lint's rule for fallbacks: a placeholder, or (outside a command) prose; never a name,
 * path, call, attribute, flag or code. */
static void test_check_fallbacks(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"{{user_module|app}}", "{{user_file|app.py}}", "{{file|path/to/model.pkl}}",
		"{{user_source|pool.map(work, items)}}", "{{subject|module.Name}}",
		"{{flags|--limit 10}}", "{{user_line|N}}", "{{qualname|<lambda>}}",
		"{{x|<one>}}", "{{x|a  b}}", "{{x|the version in the frames' paths}}",
		"{{x|x = 1}}", "{{x|<two words> and more}}", "{{x|a, b,}}", "{{x|<a, b>}}",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_not_equal(plan_check_fallbacks(bad[i], 0), -1);
	assert_int_equal(plan_check_fallbacks("a {{x|<your module>}} {{y|not shown in the log}}"
					      " {{z}} {{w|your task's built-in name}} {{v|}} {{u|over, not that}}", 0), -1);
	assert_int_equal(plan_check_fallbacks("python {{x|<your file>}}", 1), -1);
	assert_int_equal(plan_check_fallbacks("in `{{x|<your file>}}`, {{y|the file}}", 0), -1);
	assert_int_equal(plan_check_fallbacks("`a` in `{{x|the file}}`", 0), 12);
	assert_int_equal(plan_check_fallbacks("python {{x|your file}}", 1), 11);
}

static const char *const playbook =
	"id: alpha\ntitle: Alpha\nmeans: m\n"
	"signatures:\n  - {pattern: '.'}\n"
	"causes:\n"
	"  - {id: lead, title: Lead, prior: 5, fix: 'move {{subject|it}} to module level'}\n"
	"  - {id: other, title: Other, prior: 1, fix: 'never first'}\n"
	"  - {id: bare, title: Bare, prior: 0}\n"
	"first_ten_minutes: ['{{only_when_shown|}}', 'open {{user_file|the file}}', ' {{dropped|}}']\n"
	"fix: ['general fix']\n"
	"verify:\n  - {run: '{{check_run|}}', before: b, after: a}\n"
	"  - {run: 'python -c \"import pickle; pickle.dumps({{subject|obj}})\"', before: 'fails on {{subject|it}}', after: ok}\n"
	"  - {run: 'python {{user_file|<your file>}}', before: b, after: a}\n"
	"samples: {match: [], no_match: []}\n";

static void test_build(void **state)
{
	(void)state;
	struct kb *kb = kb_from_yaml("a.yaml", playbook);
	struct finding fd = { 0 };
	struct ranked_cause ranked[2];

	fd.playbook = kb_find(kb, "alpha");
	ranked[0] = (struct ranked_cause){ &fd.playbook->causes[0], 5, NULL };
	ranked[1] = (struct ranked_cause){ &fd.playbook->causes[1], 1, NULL };
	fd.causes = ranked;
	fd.ncauses = 2;
	facts_set(&fd.facts, "subject", "job", "t", 1);
	plan_build(&fd);
	/* The leading cause's own fix is the fix: the playbook's list, its overview, is not
	 * added to it. */
	assert_int_equal(fd.plan.nfix, 1);
	assert_string_equal(fd.plan.fix[0], "move job to module level");
	/* Items made only of missing facts with empty fallbacks are left out. */
	assert_int_equal(fd.plan.nfirst_ten_minutes, 1);
	assert_string_equal(fd.plan.first_ten_minutes[0], "open the file");
	assert_int_equal(fd.plan.nverify, 2);
	assert_string_equal(fd.plan.verify[0].run, "python -c \"import pickle; pickle.dumps(job)\"");
	assert_string_equal(fd.plan.verify[0].before, "fails on job");
	assert_true(fd.plan.verify[0].runnable);
	assert_false(fd.plan.verify[1].runnable);
	assert_int_equal(fd.plan.nplaceholders, 1);
	assert_string_equal(fd.plan.placeholders[0], "user_file");

	/* ... and kept when the log gives the fact. */
	facts_set(&fd.facts, "dropped", "the item was dropped", "t", 1);
	facts_set(&fd.facts, "check_run", "q.get(timeout=5)", "t", 1);
	plan_build(&fd);
	assert_int_equal(fd.plan.nfirst_ten_minutes, 2);
	assert_string_equal(fd.plan.first_ten_minutes[1], " the item was dropped");
	assert_int_equal(fd.plan.nverify, 3);
	assert_string_equal(fd.plan.verify[0].run, "q.get(timeout=5)");

	/* A conclusion of the decision tree leads, whatever the scores. */
	fd.conclusion = &fd.playbook->causes[1];
	plan_build(&fd);
	assert_string_equal(fd.plan.fix[0], "never first");

	/* A leading cause without a fix of its own gets the playbook's list. */
	fd.conclusion = &fd.playbook->causes[2];
	plan_build(&fd);
	assert_int_equal(fd.plan.nfix, 1);
	assert_string_equal(fd.plan.fix[0], "general fix");
	plan_fini(&fd.plan);
	facts_fini(&fd.facts);
	kb_free(kb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expand),
		cmocka_unit_test(test_log_control_bytes_are_masked),
		cmocka_unit_test(test_long_values_are_cut),
		cmocka_unit_test(test_check_text),
		cmocka_unit_test(test_placeholders),
		cmocka_unit_test(test_check_fallbacks),
		cmocka_unit_test(test_build),
	};
	return cmocka_run_group_tests_name("plan", tests, NULL, NULL);
}
