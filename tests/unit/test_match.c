/*
 * test_match.c: signatures against hand-built records: literal prefilter, whole-type
 * exception patterns, named groups and constant facts, priorities across blocks and
 * playbooks, frame conditions, bare-line candidates, messages read inside prose (alone and
 * context signatures) and the context near a record.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "helpers.h"
#include "match.h"

static const char *const yaml_a =
	"id: alpha\n"
	"title: Alpha\n"
	"means: m\n"
	"signatures:\n"
	"  - exception: 'AttributeError'\n"
	"    literal: \"Can't frob\"\n"
	"    pattern: \"^Can't frob '(?<subject>[^']+)'$\"\n"
	"    versions: '3.6-'\n"
	"    facts: {direction: send}\n"
	"  - exception: '(?:\\w+\\.)?FrobError'\n"
	"    pattern: 'deep (?<subject>\\w+)'\n"
	"    frame: 'frobber\\.py:frob$'\n"
	"  - exception: 'SrcError'\n"
	"    pattern: '^No module named (?<subject>\\w+)'\n"
	"    source: '\\bpickle\\.loads?\\('\n"
	"  - exception: 'BareError'\n"
	"    literal: 'i format'\n"
	"    pattern: '^i format (?<subject>\\d+)'\n"
	"    bare: true\n"
	"  - exception: 'LitError'\n"
	"    literal: 'needle'\n"
	"    pattern: '(?<subject>.+)'\n"
	"causes:\n"
	"  - {id: c1, title: C1, prior: 1}\n"
	"first_ten_minutes: [look]\n"
	"fix: [fix it]\n"
	"verify:\n"
	"  - {run: x, before: y, after: z}\n"
	"samples: {match: [], no_match: []}\n";

static const char *const yaml_c =
	"id: gamma\n"
	"title: Gamma\n"
	"means: m\n"
	"signatures:\n"
	"  - exception: 'GlomError'\n"
	"    literal: 'cannot glom'\n"
	"    pattern: \"^cannot glom '(?<subject>[^']+)'\"\n"
	"    alone: true\n"
	"  - exception: 'EOFError'\n"
	"    literal: 'Ran dry'\n"
	"    pattern: '^Ran dry'\n"
	"  - exception: '(?:EOFError)?'\n"
	"    literal: 'Ran dry'\n"
	"    pattern: '^Ran dry'\n"
	"    context: 'spool\\.read\\('\n"
	"    priority: 5\n"
	"  - exception: 'EOFError'\n"
	"    literal: 'Ran dry hard'\n"
	"    pattern: '^Ran dry hard'\n"
	"    priority: 9\n"
	"  - literal: 'was lost at sea'\n"
	"    pattern: 'was lost at sea'\n"
	"    alone: true\n"
	"    logged: true\n"
	"causes:\n"
	"  - {id: c1, title: C1, prior: 1}\n"
	"first_ten_minutes: [look]\n"
	"fix: [fix it]\n"
	"verify:\n"
	"  - {run: x, before: y, after: z}\n"
	"samples: {match: [], no_match: []}\n";

static const char *const yaml_b =
	"id: beta\n"
	"title: Beta\n"
	"means: m\n"
	"signatures:\n"
	"  - exception: 'WrapError'\n"
	"    literal: 'wrapped'\n"
	"    pattern: 'wrapped: (?<subject>.*)'\n"
	"    priority: 10\n"
	"causes:\n"
	"  - {id: c1, title: C1, prior: 1}\n"
	"first_ten_minutes: [look]\n"
	"fix: [fix it]\n"
	"verify:\n"
	"  - {run: x, before: y, after: z}\n"
	"samples: {match: [], no_match: []}\n";

struct fixture {
	struct kb *kb;
	struct regex_cache *rc;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	f->kb = kb_from_yaml("a.yaml", yaml_a);
	assert_int_equal(kb_load_text(f->kb, "b.yaml", yaml_b, strlen(yaml_b)), 0);
	assert_int_equal(kb_load_text(f->kb, "c.yaml", yaml_c, strlen(yaml_c)), 0);
	f->rc = regex_cache_new();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	regex_cache_free(f->rc);
	kb_free(f->kb);
	free(f);
	return 0;
}

static void test_named_group_and_constant_facts(void **state)
{
	struct fixture *f = *state;
	struct tb_record *rec = new_record(5);
	add_block(rec, "AttributeError", "Can't frob 'outer.<locals>.inner'", 0, NULL);

	struct finding *fd = match_record(f->kb, f->rc, rec);
	assert_non_null(fd);
	assert_string_equal(fd->playbook->id, "alpha");
	assert_string_equal(facts_get(&fd->facts, "subject"), "outer.<locals>.inner");
	assert_string_equal(facts_get(&fd->facts, "direction"), "send");
	assert_string_equal(facts_get(&fd->facts, "exception"), "AttributeError");
	assert_string_equal(facts_get(&fd->facts, "wording_versions"), "3.6-");
	assert_int_equal(facts_find(&fd->facts, "subject")->line, rec->excs[0].type_line);
	assert_int_equal(fd->first_line, 5);
	finding_free(fd);
	record_free(rec);
}

static void test_exception_must_match_whole_type(void **state)
{
	struct fixture *f = *state;
	struct tb_record *rec = new_record(1);
	add_block(rec, "MyAttributeErrorX", "Can't frob 'x'", 0, NULL);

	assert_null(match_record(f->kb, f->rc, rec));
	record_free(rec);
}

static void test_literal_is_required(void **state)
{
	struct fixture *f = *state;
	struct tb_record *without = new_record(1), *with = new_record(1);
	/* The pattern matches any message: only the literal tells these apart. */
	add_block(without, "LitError", "haystack", 0, NULL);
	add_block(with, "LitError", "hay needle stack", 0, NULL);

	assert_null(match_record(f->kb, f->rc, without));
	struct finding *fd = match_record(f->kb, f->rc, with);
	assert_non_null(fd);
	assert_string_equal(facts_get(&fd->facts, "subject"), "hay needle stack");
	finding_free(fd);
	record_free(without);
	record_free(with);
}

static void test_frame_condition(void **state)
{
	struct fixture *f = *state;
	const char *const frames[] = { "/app/main.py", "<module>", "run()",
				       "/lib/frobber.py", "frob", "frob(x)" };
	const char *const other[] = { "/app/main.py", "<module>", "run()" };
	struct tb_record *yes = new_record(1), *no = new_record(1);
	add_block(yes, "pkg.FrobError", "too deep thing", 2, frames);
	add_block(no, "pkg.FrobError", "too deep thing", 1, other);

	struct finding *fd = match_record(f->kb, f->rc, yes);
	assert_non_null(fd);
	assert_string_equal(facts_get(&fd->facts, "subject"), "thing");
	assert_null(match_record(f->kb, f->rc, no));
	finding_free(fd);
	record_free(yes);
	record_free(no);
}

static void test_source_condition(void **state)
{
	struct fixture *f = *state;
	const char *const load[] = { "/app/main.py", "<module>", "obj = pickle.load(fh)" };
	const char *const plain[] = { "/app/main.py", "<module>", "import models" };
	struct tb_record *yes = new_record(1), *no = new_record(1);
	add_block(yes, "SrcError", "No module named models", 1, load);
	add_block(no, "SrcError", "No module named models", 1, plain);

	struct finding *fd = match_record(f->kb, f->rc, yes);
	assert_non_null(fd);
	assert_string_equal(facts_get(&fd->facts, "subject"), "models");
	assert_null(match_record(f->kb, f->rc, no));
	finding_free(fd);
	record_free(yes);
	record_free(no);
}

/* A bare signature: the wording printed alone is this failure; under frames that do not
 * show it (another program's code), it is not. */
static void test_bare_condition(void **state)
{
	struct fixture *f = *state;
	const char *const own[] = { "/app/main.py", "<module>", "header(n)" };
	struct tb_record *alone = new_record(1), *framed = new_record(1);
	add_block(alone, "BareError", "i format 7", 0, NULL);
	add_block(framed, "BareError", "i format 7", 1, own);

	struct finding *fd = match_record(f->kb, f->rc, alone);
	assert_non_null(fd);
	assert_string_equal(facts_get(&fd->facts, "subject"), "7");
	assert_null(match_record(f->kb, f->rc, framed));
	finding_free(fd);
	record_free(alone);
	record_free(framed);
}

static void test_priority_beats_block_order(void **state)
{
	struct fixture *f = *state;
	struct tb_record *rec = new_record(1);
	add_block(rec, "AttributeError", "Can't frob 'first'", 0, NULL);
	struct tb_exc *carrier = add_block(rec, "WrapError", "wrapped: second", 0, NULL);
	carrier->link = TB_LINK_CAUSE;

	struct finding *fd = match_record(f->kb, f->rc, rec);
	assert_non_null(fd);
	assert_string_equal(fd->playbook->id, "beta");
	assert_int_equal(fd->block, 1);
	assert_string_equal(facts_get(&fd->facts, "subject"), "second");
	finding_free(fd);
	record_free(rec);
}

static void test_equal_priority_takes_first_block(void **state)
{
	struct fixture *f = *state;
	struct tb_record *rec = new_record(1);
	add_block(rec, "AttributeError", "Can't frob 'root'", 0, NULL);
	struct tb_exc *e = add_block(rec, "AttributeError", "Can't frob 'later'", 0, NULL);
	e->link = TB_LINK_CONTEXT;
	e->carrier = xstrdup("Remote");

	struct finding *fd = match_record(f->kb, f->rc, rec);
	assert_non_null(fd);
	assert_int_equal(fd->block, 0);
	assert_string_equal(facts_get(&fd->facts, "subject"), "root");
	assert_string_equal(facts_get(&fd->facts, "final_exception"), "AttributeError");
	assert_null(facts_get(&fd->facts, "carrier"));
	finding_free(fd);
	record_free(rec);
}

/* Curly quotes and full-width forms match the ASCII of a pattern; the subject is the text
 * as printed. */
static void test_lookalikes_match_and_subject_is_verbatim(void **state)
{
	struct fixture *f = *state;
	struct tb_record *rec = new_record(1);
	add_block(rec, "AttributeError", "Can’t frob ‘outer.＜locals＞.inner’", 0, NULL);

	struct finding *fd = match_record(f->kb, f->rc, rec);
	assert_non_null(fd);
	assert_string_equal(fd->playbook->id, "alpha");
	assert_string_equal(facts_get(&fd->facts, "subject"), "outer.＜locals＞.inner");
	assert_string_equal(facts_get(&fd->facts, "message"), "Can’t frob ‘outer.＜locals＞.inner’");
	finding_free(fd);
	record_free(rec);
}

static void test_bare_candidates(void **state)
{
	struct fixture *f = *state;
	const char *m1 = "Can't frob 'x'", *m2 = "all fine", *m3 = "Can’t frob ‘x’";

	assert_true(match_bare_candidate(f->kb, f->rc, "AttributeError", 14, m3, strlen(m3)));
	assert_true(match_bare_candidate(f->kb, f->rc, "AttributeError", 14, m1, strlen(m1)));
	assert_false(match_bare_candidate(f->kb, f->rc, "ValueError", 10, m2, strlen(m2)));
	/* No literal: the exception pattern decides. */
	assert_true(match_bare_candidate(f->kb, f->rc, "x.FrobError", 11, m2, strlen(m2)));
}

/* A block read inside prose: no type, the whole line as message. */
static struct tb_exc *add_mention(struct tb_record *rec, const char *line)
{
	struct tb_exc *x = add_block(rec, "", line, 0, NULL);

	x->mentioned = 1;
	return x;
}

static void add_near(struct tb_record *rec, const char *text, size_t lineno)
{
	rec->near = xreallocarray(rec->near, rec->nnear + 1, sizeof *rec->near);
	rec->near[rec->nnear].text = xstrdup(text);
	rec->near[rec->nnear++].lineno = lineno;
}

static void test_alone_signature_matches_mention(void **state)
{
	struct fixture *f = *state;
	struct tb_record *rec = new_record(3);
	add_mention(rec, "my job stops with cannot glom 'spool' when it starts");

	struct finding *fd = match_record(f->kb, f->rc, rec);
	assert_non_null(fd);
	assert_string_equal(fd->playbook->id, "gamma");
	assert_string_equal(facts_get(&fd->facts, "subject"), "spool");
	/* no exception line: no type claimed, and the finding says so */
	assert_null(facts_get(&fd->facts, "exception"));
	assert_string_equal(facts_get(&fd->facts, "exception_line"), "none seen");
	assert_string_equal(facts_get(&fd->facts, "message"),
			    "cannot glom 'spool' when it starts");
	finding_free(fd);
	record_free(rec);
}

static void test_alone_wording_inside_another_message(void **state)
{
	struct fixture *f = *state;
	struct tb_record *glom = new_record(1), *frob = new_record(1);
	add_block(glom, "InvokeError", "command raised: GlomError: cannot glom 'spool'", 0, NULL);
	add_block(frob, "InvokeError", "command raised: AttributeError: Can't frob 'x'", 0, NULL);

	struct finding *fd = match_record(f->kb, f->rc, glom);
	assert_non_null(fd);
	assert_string_equal(fd->playbook->id, "gamma");
	assert_string_equal(facts_get(&fd->facts, "subject"), "spool");
	assert_string_equal(facts_get(&fd->facts, "exception"), "InvokeError");
	finding_free(fd);
	/* a wording that does not stand alone needs its own exception line */
	assert_null(match_record(f->kb, f->rc, frob));
	record_free(glom);
	record_free(frob);
}

/* A wording that needs a context counts inside another exception's message only where
 * the context is seen ("Error: EOFError: Ran dry" next to a spool.read). */
static void test_context_wording_inside_another_message(void **state)
{
	struct fixture *f = *state;
	struct tb_record *near = new_record(4), *alone = new_record(4);
	add_block(near, "Error", "EOFError: Ran dry", 0, NULL);
	add_near(near, "x = spool.read(fd)", 2);
	add_block(alone, "Error", "EOFError: Ran dry", 0, NULL);

	struct finding *fd = match_record(f->kb, f->rc, near);
	assert_non_null(fd);
	assert_int_equal(fd->signature->priority, 5);
	assert_string_equal(facts_get(&fd->facts, "exception"), "Error");
	finding_free(fd);
	assert_null(match_record(f->kb, f->rc, alone));
	record_free(near);
	record_free(alone);
}

static void test_mention_needs_alone_or_context(void **state)
{
	struct fixture *f = *state;
	struct tb_record *rec = new_record(1);
	/* alpha's wording has no 'alone': inside prose it is not enough */
	add_mention(rec, "it says Can't frob 'x' sometimes");

	assert_null(match_record(f->kb, f->rc, rec));
	record_free(rec);
}

static void test_context_decides(void **state)
{
	struct fixture *f = *state;
	struct tb_record *bare = new_record(4), *near = new_record(4), *framed = new_record(4);
	add_block(bare, "EOFError", "Ran dry", 0, NULL);
	add_block(near, "EOFError", "Ran dry", 0, NULL);
	add_near(near, "x = spool.read(fd)", 2);
	static const char *const framed_frames[] = { "app.py", "main", "data = spool.read(7)" };
	struct tb_exc *x = add_block(framed, "EOFError", "Ran dry", 1, framed_frames);
	x->frames[0].input_line = 3;

	/* without the context the lower signature (no context) matches, and the matching
	 * read nothing near the record */
	struct finding *fd = match_record(f->kb, f->rc, bare);
	assert_non_null(fd);
	assert_int_equal(fd->signature->priority, 0);
	assert_true(fd->near_read);
	finding_free(fd);
	fd = match_record(f->kb, f->rc, near);
	assert_non_null(fd);
	assert_int_equal(fd->signature->priority, 5);
	assert_string_equal(facts_get(&fd->facts, "context"), "spool.read(");
	assert_int_equal(facts_find(&fd->facts, "context")->line, 2);
	finding_free(fd);
	fd = match_record(f->kb, f->rc, framed);
	assert_non_null(fd);
	assert_int_equal(fd->signature->priority, 5);
	assert_int_equal(facts_find(&fd->facts, "context")->line, 3);
	finding_free(fd);
	record_free(bare);
	record_free(near);
	record_free(framed);
}

static void test_context_that_cannot_win_is_not_read(void **state)
{
	struct fixture *f = *state;
	struct tb_record *rec = new_record(1);
	add_block(rec, "EOFError", "Ran dry hard", 0, NULL);

	/* the context signature lost, but it would have lost to priority 9 anyway: the
	 * diagnosis stands for any record that says the same (it may be memoised) */
	struct finding *fd = match_record(f->kb, f->rc, rec);
	assert_non_null(fd);
	assert_int_equal(fd->signature->priority, 9);
	assert_false(fd->near_read);
	finding_free(fd);
	record_free(rec);
}

static void test_context_lets_a_mention_match(void **state)
{
	struct fixture *f = *state;
	struct tb_record *with = new_record(2), *without = new_record(2);
	add_mention(with, "x = spool.read(fd) error:Ran dry");
	add_near(with, "x = spool.read(fd) error:Ran dry", 2);
	add_mention(without, "the tank Ran dry overnight");

	struct finding *fd = match_record(f->kb, f->rc, with);
	assert_non_null(fd);
	assert_int_equal(fd->signature->priority, 5);
	finding_free(fd);
	assert_null(match_record(f->kb, f->rc, without));
	record_free(with);
	record_free(without);
}

static void test_mention_candidates(void **state)
{
	struct fixture *f = *state;
	const char *glom = "so cannot glom 'x' here", *dry = "it Ran dry", *frob = "Can't frob 'x'";
	const char *lost = "INFO - worker 3 was lost at sea";

	struct litset *mentions = match_mention_literals(f->kb, 0);

	assert_true(litset_any(mentions, glom, strlen(glom)));
	assert_true(litset_any(mentions, dry, strlen(dry)));
	/* a literal of a signature that neither stands alone nor has a context */
	assert_false(litset_any(mentions, frob, strlen(frob)));
	litset_free(mentions);
	/* at an informational level, only what the library logs there */
	mentions = match_mention_literals(f->kb, 1);
	assert_true(litset_any(mentions, lost, strlen(lost)));
	assert_false(litset_any(mentions, glom, strlen(glom)));
	assert_false(litset_any(mentions, dry, strlen(dry)));
	litset_free(mentions);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_named_group_and_constant_facts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exception_must_match_whole_type, setup, teardown),
		cmocka_unit_test_setup_teardown(test_literal_is_required, setup, teardown),
		cmocka_unit_test_setup_teardown(test_frame_condition, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bare_condition, setup, teardown),
		cmocka_unit_test_setup_teardown(test_source_condition, setup, teardown),
		cmocka_unit_test_setup_teardown(test_priority_beats_block_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_equal_priority_takes_first_block, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lookalikes_match_and_subject_is_verbatim, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_bare_candidates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alone_signature_matches_mention, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alone_wording_inside_another_message, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_mention_needs_alone_or_context, setup, teardown),
		cmocka_unit_test_setup_teardown(test_context_wording_inside_another_message, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_context_decides, setup, teardown),
		cmocka_unit_test_setup_teardown(test_context_that_cannot_win_is_not_read, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_context_lets_a_mention_match, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mention_candidates, setup, teardown),
	};
	return cmocka_run_group_tests_name("match", tests, NULL, NULL);
}
