/*
 * test_evidence.c: the user frame (innermost frame outside library files, matched block
 * first), shared rules (first setter wins, each source of text), derived facts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "evidence.h"
#include "helpers.h"
#include "match.h"

static const char *const playbook =
	"id: alpha\n"
	"title: Alpha\n"
	"means: m\n"
	"signatures:\n"
	"  - {exception: 'BoomError', pattern: '^boom (?<subject>\\S+)$'}\n"
	"derive:\n"
	"  - {fact: nested, from: subject, pattern: '^(?<outer>\\w+)\\.<locals>\\.', value: 'in $outer', because: qualname}\n"
	"  - {fact: nested, from: subject, pattern: '.', value: never, because: first wins}\n"
	"  - {fact: same_func, from: 'subject,user_func', pattern: '^(?<o>\\w+)\\.<locals>\\.\\w+\\n\\k<o>$', value: yes, because: two facts}\n"
	"causes:\n"
	"  - {id: c1, title: C1, prior: 1}\n"
	"first_ten_minutes: [look]\n"
	"fix: [fix it]\n"
	"verify:\n"
	"  - {run: x, before: y, after: z}\n"
	"samples: {match: [], no_match: []}\n";

static const char *const evidence =
	"rules:\n"
	"  - {fact: python_version, from: file, pattern: '/python(?<value>\\d\\.\\d+)/', because: stdlib path}\n"
	"  - {fact: python_version, from: message, pattern: '.', value: wrong, because: too late}\n"
	"  - {fact: start_method, from: file, pattern: 'popen_(?<m>\\w+)\\.py$', value: '$m', because: popen}\n"
	"  - {fact: path, from: note, pattern: '^when (?<value>.*)$', because: note}\n"
	"  - {fact: who, from: func, pattern: '^worker$', value: yes, because: func}\n"
	"  - {fact: user_says, from: user_role, pattern: '^handoff$', value: hands over, because: set below}\n"
	"  - {fact: user_role, from: user_source, pattern: '\\.map\\(', value: handoff, because: user line}\n"
	"  - {fact: user_said, from: user_role, pattern: '^handoff$', value: hands over, because: set above}\n"
	"  - {fact: lib_role, from: user_source, pattern: '^return x$', value: library, because: a library frame's source}\n"
	"  - {fact: note_path, from: note, pattern: '^when serializing \\S+ item (?<value>.+)$', value: '[$value]', collect: outer-first}\n"
	"  - {fact: note_path, from: note, pattern: '^when serializing (?<value>\\S+) object$', value: '($value)', collect: outer-first}\n"
	"library_files:\n"
	"  - '/lib/python\\d'\n"
	"  - 'site-packages/'\n";

static struct finding *triaged(struct kb *kb, struct regex_cache *rc, struct tb_record *rec)
{
	struct finding *fd = match_record(kb, rc, rec);

	assert_non_null(fd);
	fd->record = rec;
	evidence_collect(kb, rc, fd);
	return fd;
}

static struct kb *test_kb(void)
{
	struct kb *kb = kb_from_yaml("a.yaml", playbook);

	assert_int_equal(kb_load_text(kb, "evidence.yaml", evidence, strlen(evidence)), 0);
	return kb;
}

static void test_user_frame_skips_library(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	struct regex_cache *rc = regex_cache_new();
	const char *const frames[] = {
		"/srv/app/run.py", "main", "pool.map(job, xs)",
		"/usr/lib/python3.11/multiprocessing/pool.py", "map", "return x",
		"/srv/app/.venv/lib/python3.11/site-packages/lib/x.py", "worker", NULL,
	};
	struct tb_record *rec = new_record(1);
	struct tb_exc *e = add_block(rec, "BoomError", "boom f.<locals>.g", 3, frames);
	e->notes = xcalloc(1, sizeof *e->notes);
	e->notes[0] = xstrdup("when serializing thing");
	e->nnotes = 1;

	struct finding *fd = triaged(kb, rc, rec);
	assert_string_equal(facts_get(&fd->facts, "user_file"), "/srv/app/run.py");
	assert_string_equal(facts_get(&fd->facts, "user_func"), "main");
	assert_string_equal(facts_get(&fd->facts, "user_line"), "10");
	assert_string_equal(facts_get(&fd->facts, "user_source"), "pool.map(job, xs)");
	assert_int_equal(facts_find(&fd->facts, "user_file")->line, 2);
	assert_string_equal(facts_get(&fd->facts, "python_version"), "3.11");
	assert_string_equal(facts_get(&fd->facts, "path"), "serializing thing");
	assert_string_equal(facts_get(&fd->facts, "who"), "yes");
	assert_string_equal(facts_get(&fd->facts, "nested"), "in f");
	assert_null(facts_get(&fd->facts, "start_method"));
	/* A rule on user_source reads the user's line only, not any frame's source. */
	assert_string_equal(facts_get(&fd->facts, "user_role"), "handoff");
	/* A rule on a fact an earlier rule set reads it; one before that rule does not. */
	assert_string_equal(facts_get(&fd->facts, "user_said"), "hands over");
	assert_null(facts_get(&fd->facts, "user_says"));
	assert_null(facts_get(&fd->facts, "lib_role"));
	/* subject f.<locals>.g, user frame in main: not the same function. */
	assert_null(facts_get(&fd->facts, "same_func"));
	finding_free(fd);
	regex_cache_free(rc);
	kb_free(kb);
}

static void test_matched_block_searched_first(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	struct regex_cache *rc = regex_cache_new();
	const char *const worker[] = {
		"/usr/lib/python3.8/multiprocessing/popen_spawn_posix.py", "_launch", NULL,
		"/home/u/job.py", "task", "return helper()",
	};
	const char *const parent[] = {
		"/usr/lib/python3.8/multiprocessing/popen_fork.py", "_launch", NULL,
		"/home/u/main.py", "<module>", "run()",
	};
	struct tb_record *rec = new_record(1);
	add_block(rec, "OtherError", "x", 2, parent);
	add_block(rec, "BoomError", "boom plain", 2, worker);

	struct finding *fd = triaged(kb, rc, rec);
	assert_int_equal(fd->block, 1);
	assert_string_equal(facts_get(&fd->facts, "start_method"), "spawn_posix");
	assert_string_equal(facts_get(&fd->facts, "user_file"), "/home/u/job.py");
	/* No <locals>: the first derive rule did not fire, so the second one set it. */
	assert_string_equal(facts_get(&fd->facts, "nested"), "never");
	assert_null(facts_get(&fd->facts, "same_func"));
	finding_free(fd);

	/* The nested function's frame is its enclosing function's: both facts compared. */
	const char *const inner[] = { "/home/u/job.py", "build", "pool.map(scale, rows)" };
	rec = new_record(1);
	add_block(rec, "BoomError", "boom build.<locals>.scale", 1, inner);
	fd = triaged(kb, rc, rec);
	assert_string_equal(facts_get(&fd->facts, "same_func"), "yes");
	finding_free(fd);
	regex_cache_free(rc);
	kb_free(kb);
}

static void test_collect_builds_a_path_outer_first(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	struct regex_cache *rc = regex_cache_new();
	static const char *const notes[] = {
		"when serializing dict item 'lock'", "when serializing Worker state",
		"when serializing Worker object", "when serializing list item 0",
	};
	struct tb_record *rec = new_record(1);
	struct tb_exc *e = add_block(rec, "BoomError", "boom x", 0, NULL);
	e->notes = xcalloc(4, sizeof *e->notes);
	for (size_t i = 0; i < 4; i++)
		e->notes[i] = xstrdup(notes[i]);
	e->nnotes = 4;

	struct finding *fd = triaged(kb, rc, rec);
	/* Printed innermost first; the path reads from the outermost object in. A note no
	 * collecting rule matches ("state") adds nothing. */
	assert_string_equal(facts_get(&fd->facts, "note_path"), "[0](Worker)['lock']");
	finding_free(fd);
	regex_cache_free(rc);
	kb_free(kb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_user_frame_skips_library),
		cmocka_unit_test(test_matched_block_searched_first),
		cmocka_unit_test(test_collect_builds_a_path_outer_first),
	};
	return cmocka_run_group_tests_name("evidence", tests, NULL, NULL);
}
