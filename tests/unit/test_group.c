/*
 * test_group.c: message normalisation, repeats folded into counts with the first line
 * kept (also when known by fingerprint alone), distinct failures kept in order,
 * secondaries after primaries, a wrapper's finding and a message mentioned in prose folded
 * into the failure an exception line reports, a consequence only secondary (alone, its
 * traceback undiagnosed), undiagnosed tracebacks counted, a full table leaving new failures out with one warning.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "group.h"
#include "helpers.h"
#include "match.h"
#include "msg.h"

#define PLAYBOOK(ID, EXC, EXTRA)                                                        \
	"id: " ID "\ntitle: T\nmeans: m\n" EXTRA "signatures:\n"                       \
	"  - {exception: '" EXC "', pattern: '(?<subject>.+)'}\n"                       \
	"causes:\n  - {id: c, title: C, prior: 1}\n"                                    \
	"first_ten_minutes: [l]\nfix: [f]\nverify:\n  - {run: x, before: y, after: z}\n" \
	"samples: {match: [], no_match: []}\n"

static void test_normalise(void **state)
{
	(void)state;
	char *n = group_normalise("<function <lambda> at 0x7f3a9c1e2d30> in worker 12");

	assert_string_equal(n, "<function <lambda> at 0x?> in worker #");
	free(n);
}

static struct finding *found(struct kb *kb, struct regex_cache *rc, const char *type,
			     const char *message, size_t line, const char *user_file)
{
	struct tb_record *rec = new_record(line);
	add_block(rec, type, message, 0, NULL);
	struct finding *fd = match_record(kb, rc, rec);
	assert_non_null(fd);
	fd->record = rec;
	facts_set(&fd->facts, "user_file", user_file, "test", 0);
	return fd;
}

/* The knowledge base of the playbooks A and B, loaded in that order. */
static struct kb *two_playbooks(const char *a, const char *b)
{
	struct kb *kb = kb_from_yaml("a.yaml", a);

	assert_int_equal(kb_load_text(kb, "b.yaml", b, strlen(b)), 0);
	return kb;
}

/* Finding I of OUT is of the playbook ID and secondary to the first finding. */
static void assert_secondary_to_first(const struct report_input *out, size_t i, const char *id)
{
	assert_string_equal(out->findings[i]->playbook->id, id);
	assert_true(out->findings[i]->secondary);
	assert_ptr_equal(out->findings[i]->primary, out->findings[0]);
}

static void test_repeats_and_order(void **state)
{
	(void)state;
	const char *yaml = PLAYBOOK("alpha", "AlphaError", "");
	struct kb *kb = kb_from_yaml("a.yaml", yaml);
	struct regex_cache *rc = regex_cache_new();
	struct groups *g = groups_new();
	struct report_input out;

	groups_add(g, found(kb, rc, "AlphaError", "obj at 0x7f01 pid 11", 40, "/a.py"));
	groups_add(g, found(kb, rc, "AlphaError", "other", 50, "/a.py"));
	groups_add(g, found(kb, rc, "AlphaError", "obj at 0x7f99 pid 12", 60, "/a.py"));
	groups_add(g, found(kb, rc, "AlphaError", "obj at 0x7f99 pid 12", 70, "/b.py"));
	struct tb_record *u1 = new_record(3), *u2 = new_record(9), *u3 = new_record(12);
	add_block(u1, "KeyError", "'k1'", 0, NULL);
	add_block(u2, "KeyError", "'other'", 0, NULL);
	add_block(u3, "KeyError", "'k2'", 0, NULL);
	groups_add_unmatched(g, u1, NULL, 0, NULL);
	groups_add_unmatched(g, u2, NULL, 0, NULL);
	groups_add_unmatched(g, u3, NULL, 0, NULL);
	groups_finish(g, &out);

	assert_int_equal(out.nfindings, 3);
	assert_int_equal(out.findings[0]->occurrences, 2);
	assert_int_equal(out.findings[0]->first_line, 40);
	assert_int_equal(out.findings[1]->first_line, 50);
	/* Another user frame is another failure. */
	assert_int_equal(out.findings[2]->first_line, 70);
	assert_int_equal(out.findings[2]->occurrences, 1);
	assert_int_equal(out.nunmatched, 2);
	assert_string_equal(out.unmatched[0].exception, "KeyError");
	assert_string_equal(out.unmatched[0].origin, "test.log");
	assert_int_equal(out.unmatched[0].occurrences, 2);
	assert_int_equal(out.unmatched[1].first_line, 9);

	/* A repeat known by its fingerprint alone is counted as groups_fold counts it. */
	assert_true(groups_repeat(g, out.findings[1]->fingerprint, 0));
	assert_false(groups_repeat(g, "no such fingerprint", 0));
	/* one written before the kept one is left to groups_fold, which keeps the earlier */
	out.findings[1]->written = 1000;
	assert_false(groups_repeat(g, out.findings[1]->fingerprint, 999));
	assert_true(groups_repeat(g, out.findings[1]->fingerprint, 1001));
	groups_finish(g, &out);
	assert_int_equal(out.findings[1]->occurrences, 3);
	assert_int_equal(out.findings[1]->first_line, 50);
	groups_free(g);
	regex_cache_free(rc);
	kb_free(kb);
}

static void test_secondary_after_primary(void **state)
{
	(void)state;
	const char *a = PLAYBOOK("parent", "ParentError", "");
	const char *b = PLAYBOOK("child", "ChildError", "secondary_to: [parent]\n");
	struct kb *kb = two_playbooks(a, b);
	struct regex_cache *rc = regex_cache_new();
	struct groups *g = groups_new();
	struct report_input out;

	groups_add(g, found(kb, rc, "ChildError", "Ran out", 1, "/c.py"));
	groups_add(g, found(kb, rc, "ParentError", "cannot", 20, "/p.py"));
	groups_finish(g, &out);
	assert_int_equal(out.nfindings, 2);
	assert_string_equal(out.findings[0]->playbook->id, "parent");
	assert_false(out.findings[0]->secondary);
	assert_secondary_to_first(&out, 1, "child");
	groups_free(g);

	/* Written an hour after the other failure, by its log's times: another run's, so
	 * not its consequence; within a minute, it is. */
	g = groups_new();
	struct finding *parent = found(kb, rc, "ParentError", "cannot", 1, "/p.py");
	struct finding *child = found(kb, rc, "ChildError", "Ran out", 20, "/c.py");
	parent->written = 1000;
	child->written = 1000 + 3600;
	groups_add(g, parent);
	groups_add(g, child);
	groups_finish(g, &out);
	assert_int_equal(out.nfindings, 2);
	assert_false(out.findings[0]->secondary);
	assert_false(out.findings[1]->secondary);
	groups_free(g);
	g = groups_new();
	parent = found(kb, rc, "ParentError", "cannot", 1, "/p.py");
	child = found(kb, rc, "ChildError", "Ran out", 20, "/c.py");
	parent->written = 1000;
	child->written = 1000 + 30;
	groups_add(g, parent);
	groups_add(g, child);
	groups_finish(g, &out);
	assert_secondary_to_first(&out, 1, "child");
	groups_free(g);

	/* Alone, the consequence is primary. */
	g = groups_new();
	groups_add(g, found(kb, rc, "ChildError", "Ran out", 1, "/c.py"));
	groups_finish(g, &out);
	assert_int_equal(out.nfindings, 1);
	assert_false(out.findings[0]->secondary);
	groups_free(g);
	regex_cache_free(rc);
	kb_free(kb);
}

/* A wrapper's finding is left out when the failure it wraps has a finding of its own in
 * the same input, whichever comes first; alone, or beside another playbook, it stays. */
static void test_wrapper_folded(void **state)
{
	(void)state;
	const char *a = "id: inner\ntitle: T\nmeans: m\nsignatures:\n"
		"  - {exception: 'WrapError', pattern: 'failed', wrapper: true}\n"
		"  - {exception: 'InnerError', pattern: '(?<subject>.+)'}\n"
		"causes:\n  - {id: c, title: C, prior: 1}\n"
		"first_ten_minutes: [l]\nfix: [f]\nverify:\n  - {run: x, before: y, after: z}\n"
		"samples: {match: [], no_match: []}\n";
	const char *b = PLAYBOOK("later", "LaterError", "secondary_to: [inner]\n");
	struct kb *kb = two_playbooks(a, b);
	struct regex_cache *rc = regex_cache_new();
	struct groups *g = groups_new();
	struct report_input out;

	groups_add(g, found(kb, rc, "WrapError", "failed", 1, "/w.py"));
	groups_add(g, found(kb, rc, "LaterError", "pool broke", 5, "/l.py"));
	groups_add(g, found(kb, rc, "InnerError", "Job.__init__() missing", 9, "/i.py"));
	groups_add(g, found(kb, rc, "WrapError", "failed again", 20, "/w.py"));
	groups_finish(g, &out);
	assert_int_equal(out.nfindings, 2);
	assert_int_equal(out.findings[0]->first_line, 9);
	assert_string_equal(facts_get(&out.findings[0]->facts, "subject"),
			    "Job.__init__() missing");
	assert_false(out.findings[0]->secondary);
	/* The consequence names the finding that stays, not the wrapper left out. */
	assert_secondary_to_first(&out, 1, "later");
	groups_free(g);

	g = groups_new();
	groups_add(g, found(kb, rc, "WrapError", "failed", 1, "/w.py"));
	groups_add(g, found(kb, rc, "LaterError", "pool broke", 5, "/l.py"));
	groups_finish(g, &out);
	assert_int_equal(out.nfindings, 2);
	assert_string_equal(out.findings[0]->playbook->id, "inner");
	assert_int_equal(out.findings[0]->first_line, 1);
	assert_true(out.findings[1]->secondary);
	groups_free(g);
	regex_cache_free(rc);
	kb_free(kb);
}

/* A consequence (a pipe whose other end died) is secondary to any other failure of the
 * same run, even one its playbook does not list, and never a primary; alone, or beside only
 * another program's failure, it is no finding and its traceback is undiagnosed; printed
 * without a traceback's header (a warning line), it is only left out. */
static void test_consequence_only_secondary(void **state)
{
	(void)state;
	const char *a = PLAYBOOK("death", "DeathError", "");
	const char *b = "id: pipe\ntitle: T\nmeans: m\nsecondary_to: [other]\nsignatures:\n"
		"  - {exception: 'PipeError', pattern: '.*', consequence: true}\n"
		"causes:\n  - {id: c, title: C, prior: 1}\n"
		"first_ten_minutes: [l]\nfix: [f]\nverify:\n  - {run: x, before: y, after: z}\n"
		"samples: {match: [], no_match: []}\n";
	const char *c = PLAYBOOK("other", "OtherError", "");
	struct kb *kb = two_playbooks(a, b);
	struct regex_cache *rc = regex_cache_new();
	struct groups *g = groups_new();
	struct report_input out;
	struct finding *pipe;

	assert_int_equal(kb_load_text(kb, "c.yaml", c, strlen(c)), 0);
	pipe = found(kb, rc, "PipeError", "[Errno 32] Broken pipe", 1, "/w.py");
	pipe->record->excs[0].has_header = 1;
	groups_add(g, pipe);
	groups_add(g, found(kb, rc, "DeathError", "killed", 20, "/d.py"));
	groups_finish(g, &out);
	assert_int_equal(out.nfindings, 2);
	assert_string_equal(out.findings[0]->playbook->id, "death");
	assert_secondary_to_first(&out, 1, "pipe");
	assert_int_equal(out.nunmatched, 0);
	groups_free(g);

	g = groups_new();
	pipe = found(kb, rc, "PipeError", "[Errno 32] Broken pipe", 3, "/w.py");
	pipe->record->excs[0].has_header = 1;
	groups_add(g, pipe);
	groups_finish(g, &out);
	assert_int_equal(out.nfindings, 0);
	assert_int_equal(out.nunmatched, 1);
	assert_string_equal(out.unmatched[0].exception, "PipeError");
	assert_string_equal(out.unmatched[0].message, "[Errno 32] Broken pipe");
	assert_int_equal(out.unmatched[0].first_line, 3);
	assert_string_equal(out.unmatched[0].user_frame, "/w.py");
	groups_free(g);

	/* Another program's failure, by its log's times, is not its cause. */
	g = groups_new();
	struct finding *death = found(kb, rc, "DeathError", "killed", 1, "/d.py");
	pipe = found(kb, rc, "PipeError", "[Errno 32] Broken pipe", 20, "/w.py");
	death->written = 1000;
	pipe->written = 1000 + 3600;
	groups_add(g, death);
	groups_add(g, pipe);
	groups_finish(g, &out);
	assert_int_equal(out.nfindings, 1);
	assert_string_equal(out.findings[0]->playbook->id, "death");
	groups_free(g);

	/* A warning line, not a traceback: left out. */
	g = groups_new();
	groups_add(g, found(kb, rc, "PipeError", "leaked", 5, "/w.py"));
	groups_finish(g, &out);
	assert_int_equal(out.nfindings, 0);
	assert_int_equal(out.nunmatched, 0);
	groups_free(g);
	regex_cache_free(rc);
	kb_free(kb);
}

/* A finding read from a message inside prose. */
static struct finding *mentioned(struct kb *kb, struct regex_cache *rc, const char *message,
				 size_t line)
{
	struct tb_record *rec = new_record(line);
	add_block(rec, "", message, 0, NULL)->mentioned = 1;
	struct finding *fd = match_record(kb, rc, rec);
	assert_non_null(fd);
	fd->record = rec;
	return fd;
}

/* A playbook whose wording stands alone and may name a subject ("went away with X"). */
static struct kb *gone_kb(void)
{
	return kb_from_yaml("a.yaml",
			    "id: gone\ntitle: T\nmeans: m\nsignatures:\n"
			    "  - {exception: 'GoneError', literal: 'went away', alone: true,\n"
			    "     pattern: 'went away(?: with (?<subject>\\w+))?'}\n"
			    "causes:\n  - {id: c, title: C, prior: 1}\n"
			    "first_ten_minutes: [l]\nfix: [f]\nverify:\n"
			    "  - {run: x, before: y, after: z}\n"
			    "samples: {match: [], no_match: []}\n");
}

/* A message named in a log line before the exception line of the same failure: one
 * finding, the exception line's; alone, the mention is reported. */
static void test_mention_folded(void **state)
{
	(void)state;
	struct kb *kb = gone_kb();
	struct regex_cache *rc = regex_cache_new();
	struct groups *g = groups_new();
	struct report_input out;

	groups_add(g, mentioned(kb, rc, "WARNING batch 1: went away", 1));
	groups_add(g, found(kb, rc, "GoneError", "went away", 2, "/a.py"));
	groups_finish(g, &out);
	assert_int_equal(out.nfindings, 1);
	assert_int_equal(out.findings[0]->first_line, 2);
	assert_false(out.findings[0]->record->excs[0].mentioned);
	groups_free(g);

	g = groups_new();
	groups_add(g, mentioned(kb, rc, "it went away", 3));
	groups_finish(g, &out);
	assert_int_equal(out.nfindings, 1);
	assert_int_equal(out.findings[0]->first_line, 3);
	groups_free(g);
	regex_cache_free(rc);
	kb_free(kb);
}

/* Mentions of one playbook and subject in one input are one finding, the first; another
 * subject is another finding. */
static void test_repeated_mentions_folded(void **state)
{
	(void)state;
	struct kb *kb = gone_kb();
	struct regex_cache *rc = regex_cache_new();
	struct groups *g = groups_new();
	struct report_input out;

	groups_add(g, mentioned(kb, rc, "first it went away", 3));
	groups_add(g, mentioned(kb, rc, "and then the rest went away", 4));
	groups_add(g, mentioned(kb, rc, "it went away with cache", 9));
	groups_add(g, mentioned(kb, rc, "again it went away with cache", 12));
	groups_finish(g, &out);
	assert_int_equal(out.nfindings, 2);
	assert_int_equal(out.findings[0]->first_line, 3);
	assert_int_equal(out.findings[1]->first_line, 9);
	assert_string_equal(facts_get(&out.findings[1]->facts, "subject"), "cache");
	groups_free(g);
	regex_cache_free(rc);
	kb_free(kb);
}

/* Past GROUPS_MAX distinct failures the new ones are left out, with one warning; repeats
 * of those kept are still counted. */
static void test_table_full(void **state)
{
	(void)state;
	struct kb *kb = kb_from_yaml("a.yaml", PLAYBOOK("alpha", "AlphaError", ""));
	struct regex_cache *rc = regex_cache_new();
	struct groups *g = groups_new();
	struct report_input out;
	char file[32];
	struct capture said;
	struct finding *kept;

	capture_start(&said);
	for (int i = 0; i < GROUPS_MAX; i++) {
		snprintf(file, sizeof file, "/job%d.py", i);
		assert_int_equal(groups_fold(g, found(kb, rc, "AlphaError", "x", 1, file), NULL,
					     &kept), GROUP_NEW);
	}
	for (int i = 0; i < 3; i++)
		assert_int_equal(groups_fold(g, found(kb, rc, "AlphaError", "x", 2, "/new.py"),
					     NULL, &kept), GROUP_DROPPED);
	assert_int_equal(groups_fold(g, found(kb, rc, "AlphaError", "x", 3, "/job0.py"), NULL,
				     &kept), GROUP_REPEAT);
	capture_end(&said);
	assert_non_null(strstr(said.text, "more than 4096 distinct failures"));
	assert_null(strstr(strstr(said.text, "distinct failures") + 1, "distinct failures"));
	groups_finish(g, &out);
	assert_int_equal(out.nfindings, GROUPS_MAX);
	assert_int_equal(out.findings[0]->occurrences, 2);
	free(said.text);
	groups_free(g);
	regex_cache_free(rc);
	kb_free(kb);
}

/* A finding of RECORD's first block, with no user frame. */
static struct finding *found_in(struct kb *kb, struct regex_cache *rc, struct tb_record *rec)
{
	struct finding *fd = match_record(kb, rc, rec);

	assert_non_null(fd);
	fd->record = rec;
	fd->first_line = rec->first_line;
	return fd;
}

/* The children of one respawning pool print one traceback at once, interleaved: a piece
 * whose header and frames were lost, or whose frames stop short, counts with the whole
 * copy that names the user's frame; a whole copy that names none (a library logging the
 * failure before it is raised) stays apart; a traceback cut before its exception line
 * that shares a frame with the failure leaves the undiagnosed list. */
static void test_interleaved_pieces_fold(void **state)
{
	(void)state;
	const char *frames[] = { "<string>", "<module>", NULL, "/lib/spawn.py", "main", NULL,
				 "/srv/app.py", "<module>", NULL };
	const char *other[] = { "/lib/logger.py", "emit", NULL };
	struct kb *kb = kb_from_yaml("a.yaml", PLAYBOOK("storm", "StormError", ""));
	struct regex_cache *rc = regex_cache_new();
	struct groups *g = groups_new();
	struct report_input out;

	struct tb_record *rec = new_record(1);
	add_block(rec, "StormError", "boom", 3, frames)->has_header = 1;
	struct finding *whole = found_in(kb, rc, rec);
	facts_set(&whole->facts, "user_file", "/srv/app.py", "test", 0);
	groups_add(g, whole);
	rec = new_record(10);
	add_block(rec, "StormError", "boom", 0, NULL);          /* header and frames lost */
	groups_add(g, found_in(kb, rc, rec));
	rec = new_record(20);
	add_block(rec, "StormError", "boom", 2, frames)->has_header = 1;   /* cut short */
	groups_add(g, found_in(kb, rc, rec));
	rec = new_record(40);
	add_block(rec, "", "", 2, frames)->has_header = 1;     /* cut before its exception */
	rec->truncated = 1;
	groups_add_unmatched(g, rec, NULL, 0, NULL);
	groups_finish(g, &out);
	assert_int_equal(out.nfindings, 1);
	assert_int_equal(out.findings[0]->occurrences, 3);
	assert_int_equal(out.nunmatched, 0);
	groups_free(g);

	g = groups_new();
	rec = new_record(1);
	add_block(rec, "StormError", "boom", 3, frames)->has_header = 1;
	whole = found_in(kb, rc, rec);
	facts_set(&whole->facts, "user_file", "/srv/app.py", "test", 0);
	groups_add(g, whole);
	rec = new_record(30);
	add_block(rec, "StormError", "boom", 1, other)->has_header = 1;    /* whole, apart */
	groups_add(g, found_in(kb, rc, rec));
	groups_finish(g, &out);
	assert_int_equal(out.nfindings, 2);
	assert_int_equal(out.findings[1]->first_line, 30);
	groups_free(g);
	regex_cache_free(rc);
	kb_free(kb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalise),
		cmocka_unit_test(test_repeats_and_order),
		cmocka_unit_test(test_secondary_after_primary),
		cmocka_unit_test(test_wrapper_folded),
		cmocka_unit_test(test_consequence_only_secondary),
		cmocka_unit_test(test_repeated_mentions_folded),
		cmocka_unit_test(test_mention_folded),
		cmocka_unit_test(test_table_full),
		cmocka_unit_test(test_interleaved_pieces_fold),
	};
	return cmocka_run_group_tests_name("group", tests, NULL, NULL);
}
