/*
 * test_answers.c: answers given ahead (--answer, --answers files) and how answers become
 * facts: malformed arguments and files reported at their position, answers checked
 * against the knowledge base, an answer replacing what the log said, a later answer
 * replacing an earlier one, and the tree walked again with each step marked as the log's
 * or a person's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <unistd.h>

#include "answers.h"
#include "helpers.h"
#include "infer.h"
#include "plan.h"

static const char *const playbook =
	"id: alpha\n"
	"title: Alpha\n"
	"means: m\n"
	"signatures:\n"
	"  - {pattern: '.'}\n"
	"causes:\n"
	"  - {id: round, title: Round, prior: 10,\n"
	"     boosts: [{when: {shape: '^round$'}, add: 30, because: it is round}]}\n"
	"  - {id: square, title: Square, prior: 10}\n"
	"  - {id: stale, title: Stale, prior: 5}\n"
	"questions:\n"
	"  - id: shape\n"
	"    ask: What shape?\n"
	"    why: w\n"
	"    fact: shape\n"
	"    answers:\n"
	"      - {value: round, label: round, next: source}\n"
	"      - {value: square, label: square, next: square}\n"
	"  - id: source\n"
	"    ask: From where?\n"
	"    why: w\n"
	"    fact: source\n"
	"    answers:\n"
	"      - {value: cache, label: the cache, next: stale}\n"
	"      - {value: fresh, label: made fresh, next: round}\n"
	"first_ten_minutes: [look]\n"
	"fix: [fix it]\n"
	"verify:\n"
	"  - {run: x, before: y, after: z}\n"
	"samples: {match: [], no_match: []}\n";

struct fixture {
	struct kb *kb;
	struct regex_cache *rc;
	struct finding fd;
	struct capture said;             /* what msg.h printed */
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	f->kb = kb_from_yaml("alpha.yaml", playbook);
	f->rc = regex_cache_new();
	f->fd.playbook = f->kb->playbooks[0];
	facts_set(&f->fd.facts, "subject", "round-one", "signature", 4);
	facts_set(&f->fd.facts, "shape", "round", "derive alpha.yaml:9: from the name", 4);
	infer_rank(f->rc, &f->fd);
	capture_start(&f->said);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	free(capture_end(&f->said));
	facts_fini(&f->fd.facts);
	for (size_t i = 0; i < f->fd.ncauses; i++)
		free(f->fd.causes[i].because);
	free(f->fd.causes);
	free(f->fd.path);
	free(f->fd.skipped);
	plan_fini(&f->fd.plan);
	regex_cache_free(f->rc);
	kb_free(f->kb);
	free(f);
	return 0;
}

/* What msg.h printed so far. */
static const char *printed(struct fixture *f)
{
	fflush(f->said.mem);
	return f->said.text ? f->said.text : "";
}

static char *write_file(const char *text)
{
	char *path = xstrdup("/tmp/pickdoc-answers.XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static void test_arguments(void **state)
{
	struct fixture *f = *state;
	struct answers *a = answers_new();

	assert_int_equal(answers_add_arg(a, "source"), -1);
	assert_int_equal(answers_add_arg(a, "=cache"), -1);
	assert_int_equal(answers_add_arg(a, "source="), -1);
	assert_non_null(strstr(printed(f), "pickdoc: --answer 'source': expected QUESTION=ANSWER"));
	assert_int_equal(answers_count(a), 0);
	assert_int_equal(answers_add_arg(a, "source=cache"), 0);
	assert_int_equal(answers_add_arg(a, "source=fresh"), 0);
	assert_int_equal(answers_add_arg(a, "alpha/shape=square"), 0);
	assert_int_equal(answers_count(a), 2);      /* the second replaced the first */
	assert_int_equal(answers_check(a, f->kb), 0);
	answers_free(a);
}

static void test_check_names_the_problem(void **state)
{
	struct fixture *f = *state;
	struct answers *a = answers_new();

	answers_add_arg(a, "colour=red");
	answers_add_arg(a, "source=attic");
	answers_add_arg(a, "beta/shape=round");
	answers_add_arg(a, "alpha/colour=red");
	assert_int_equal(answers_check(a, f->kb), 4);
	const char *out = printed(f);
	assert_non_null(strstr(out, "--answer colour=red: no question 'colour' in the knowledge base"));
	assert_non_null(strstr(out, "--answer source=attic: 'attic' is not an answer to 'source' "
				    "(cache, fresh, or skip)"));
	assert_non_null(strstr(out, "--answer beta/shape=round: no playbook 'beta'"));
	assert_non_null(strstr(out, "--answer alpha/colour=red: no question 'colour' in playbook alpha"));
	answers_free(a);
}

static void test_file_errors_at_their_position(void **state)
{
	struct fixture *f = *state;
	struct answers *a = answers_new();
	char *twice = write_file("source: cache\nshape: [round]\nsource: fresh\n");
	char *not_map = write_file("- source\n");
	char *bad_value = write_file("shape: round\nsource: attic\n");
	struct buf want = { 0 };

	assert_int_equal(answers_load_file(a, twice), 2);
	buf_printf(&want, "%s:2:8: error: an answer must be a plain value", twice);
	assert_non_null(strstr(printed(f), want.s));
	buf_reset(&want);
	buf_printf(&want, "%s:3:1: error: question 'source' is answered twice (first at line 1)",
		   twice);
	assert_non_null(strstr(printed(f), want.s));
	assert_int_equal(answers_load_file(a, not_map), 1);
	buf_reset(&want);
	buf_printf(&want, "%s:1:1: error: expected a map", not_map);
	assert_non_null(strstr(printed(f), want.s));
	answers_free(a);

	a = answers_new();
	assert_int_equal(answers_load_file(a, bad_value), 0);
	assert_int_equal(answers_check(a, f->kb), 1);
	buf_reset(&want);
	buf_printf(&want, "%s:2:9: error: 'attic' is not an answer to 'source'", bad_value);
	assert_non_null(strstr(printed(f), want.s));
	answers_free(a);
	unlink(twice);
	unlink(not_map);
	unlink(bad_value);
	free(twice);
	free(not_map);
	free(bad_value);
	buf_fini(&want);
}

static void test_apply_replaces_the_log_and_walks_again(void **state)
{
	struct fixture *f = *state;
	struct answers *a = answers_new();
	char *file = write_file("source: cache\nshape: round\n");

	assert_null(f->fd.conclusion);
	assert_string_equal(f->fd.causes[0].cause->id, "round");
	assert_int_equal(answers_load_file(a, file), 0);
	answers_add_arg(a, "alpha/source=fresh");       /* wins over the file's source */
	answers_add_arg(a, "shape=square");             /* wins over the log and the file */
	assert_int_equal(answers_apply(a, f->rc, &f->fd), 2);

	assert_string_equal(facts_get(&f->fd.facts, "shape"), "square");
	assert_string_equal(facts_get(&f->fd.facts, "source"), "fresh");
	const struct fact *shape = facts_find(&f->fd.facts, "shape");
	assert_string_equal(shape->source, "answered by you (--answer)");
	assert_int_equal(shape->line, 0);
	assert_true(infer_by_person(shape));
	assert_false(infer_by_person(facts_find(&f->fd.facts, "subject")));
	/* The log's other facts stay, in their order. */
	assert_string_equal(f->fd.facts.v[0].name, "subject");
	assert_non_null(f->fd.conclusion);
	assert_string_equal(f->fd.conclusion->id, "square");
	assert_int_equal(f->fd.npath, 1);
	assert_true(infer_step_by_person(&f->fd, &f->fd.path[0]));
	/* The tree leaves square alone: the other causes come after it, ruled out. */
	assert_int_equal(f->fd.npossible, 1);
	assert_string_equal(f->fd.causes[0].cause->id, "square");
	assert_false(infer_ruled_out(&f->fd, f->fd.causes[0].cause));
	assert_true(infer_ruled_out(&f->fd, f->fd.causes[1].cause));
	/* The report can say what the log had said. */
	assert_string_equal(infer_step_replaced(&f->fd, &f->fd.path[0]), "round");
	assert_null(facts_find(&f->fd.facts, "source")->replaced);
	/* The round boost no longer holds. */
	for (size_t i = 0; i < f->fd.ncauses; i++)
		if (!strcmp(f->fd.causes[i].cause->id, "round"))
			assert_int_equal(f->fd.causes[i].score, 10);
	answers_free(a);
	unlink(file);
	free(file);
}

static void test_refresh_from_the_log(void **state)
{
	struct fixture *f = *state;
	struct facts log = { 0 };
	const struct kb_question *source = infer_question(f->fd.playbook, "source");
	const struct answer_fact fresh = { source, answers_named(source, "fresh"),
					   INFER_SOURCE_PERSON };

	facts_set(&log, "subject", "round-one", "signature", 4);
	facts_set(&log, "shape", "round", "derive alpha.yaml:9: from the name", 4);
	answers_refresh(f->rc, &f->fd, &log, &fresh, 1);
	assert_string_equal(f->fd.conclusion->id, "round");
	assert_int_equal(f->fd.npath, 2);
	assert_false(infer_step_by_person(&f->fd, &f->fd.path[0]));   /* shape: the log */
	assert_true(infer_step_by_person(&f->fd, &f->fd.path[1]));    /* source: a person */
	/* Undone: the log alone leaves the second question open. */
	answers_refresh(f->rc, &f->fd, &log, NULL, 0);
	assert_null(f->fd.conclusion);
	assert_null(f->fd.path[1].answer);
	assert_null(facts_get(&f->fd.facts, "source"));
	facts_fini(&log);
}

/* Answers are names, whatever their case, in a file and on the command line alike. */
static void test_answers_ignore_case(void **state)
{
	struct fixture *f = *state;
	struct answers *a = answers_new();
	char *file = write_file("Source: Fresh\n");

	assert_int_equal(answers_load_file(a, file), 0);
	answers_add_arg(a, "shape=ROUND");
	assert_int_equal(answers_check(a, f->kb), 1);   /* question ids keep their case */
	assert_non_null(strstr(printed(f), "no question 'Source'"));
	answers_add_arg(a, "source=Fresh");
	assert_int_equal(answers_apply(a, f->rc, &f->fd), 2);
	assert_string_equal(facts_get(&f->fd.facts, "shape"), "round");
	assert_string_equal(facts_get(&f->fd.facts, "source"), "fresh");
	assert_string_equal(f->fd.conclusion->id, "round");
	answers_free(a);
	unlink(file);
	free(file);
}

/* skip reopens a question the log answered: the tree branches again at it. */
static void test_skip_reopens_what_the_log_answered(void **state)
{
	struct fixture *f = *state;
	struct answers *a = answers_new();

	answers_add_arg(a, "shape=skip");
	answers_add_arg(a, "source=cache");
	assert_int_equal(answers_check(a, f->kb), 0);
	assert_int_equal(answers_apply(a, f->rc, &f->fd), 2);
	/* The log still says round, but nobody vouches for it now. */
	assert_string_equal(facts_get(&f->fd.facts, "shape"), "round");
	assert_true(infer_skipped(&f->fd, infer_question(f->fd.playbook, "shape")));
	assert_null(f->fd.path[0].answer);
	assert_null(f->fd.conclusion);
	/* square (by the other branch) and stale (by the cache) are left. */
	assert_int_equal(f->fd.npossible, 2);
	assert_null(f->fd.next);
	answers_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_arguments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_names_the_problem, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_errors_at_their_position, setup, teardown),
		cmocka_unit_test_setup_teardown(test_apply_replaces_the_log_and_walks_again, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_refresh_from_the_log, setup, teardown),
		cmocka_unit_test_setup_teardown(test_answers_ignore_case, setup, teardown),
		cmocka_unit_test_setup_teardown(test_skip_reopens_what_the_log_answered, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
