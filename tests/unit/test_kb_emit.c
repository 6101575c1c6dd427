/*
 * test_kb_emit.c: the emitted C holds exactly the loaded data.  The Makefile has tools/kbc
 * compile the YAML of tests/unit/data/kb/emit into this test (kb_builtin); the round trip
 * compares that, member by member, with what the loader reads from the same files now.
 * Also: how strings are spelt, determinism, write errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "kb.h"
#include "kb_emit.h"
#include "util.h"

#define FIXTURE_DIR "tests/unit/data/kb/emit"

static void assert_str(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void assert_pos_equal(const struct kb_pos *a, const struct kb_pos *b)
{
	assert_str(a->file, b->file);
	assert_int_equal(a->line, b->line);
	assert_int_equal(a->col, b->col);
}

static void assert_strs(const char *const *a, size_t na, const char *const *b, size_t nb)
{
	assert_int_equal(na, nb);
	assert_true(!na || (a && b));
	for (size_t i = 0; i < na; i++)
		assert_str(a[i], b[i]);
}

static void assert_samples(const struct kb_sample *a, size_t na, const struct kb_sample *b,
			   size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++) {
		assert_str(a[i].log, b[i].log);
		assert_str(a[i].subject, b[i].subject);
		assert_pos_equal(&a[i].pos, &b[i].pos);
	}
}

static void assert_signatures(const struct kb_playbook *a, const struct kb_playbook *b)
{
	assert_int_equal(a->nsignatures, b->nsignatures);
	for (size_t i = 0; i < a->nsignatures; i++) {
		const struct kb_signature *x = &a->signatures[i], *y = &b->signatures[i];
		assert_str(x->exception, y->exception);
		assert_str(x->pattern, y->pattern);
		assert_str(x->literal, y->literal);
		assert_str(x->versions, y->versions);
		assert_str(x->frame, y->frame);
		assert_str(x->source, y->source);
		assert_int_equal(x->priority, y->priority);
		assert_int_equal(x->nfacts, y->nfacts);
		for (size_t j = 0; j < x->nfacts; j++) {
			assert_str(x->facts[j].name, y->facts[j].name);
			assert_str(x->facts[j].value, y->facts[j].value);
		}
		assert_pos_equal(&x->pos, &y->pos);
		assert_pos_equal(&x->pattern_pos, &y->pattern_pos);
	}
}

static void assert_causes(const struct kb_playbook *a, const struct kb_playbook *b)
{
	assert_int_equal(a->ncauses, b->ncauses);
	for (size_t i = 0; i < a->ncauses; i++) {
		const struct kb_cause *x = &a->causes[i], *y = &b->causes[i];
		assert_str(x->id, y->id);
		assert_str(x->title, y->title);
		assert_int_equal(x->prior, y->prior);
		assert_str(x->fix, y->fix);
		assert_pos_equal(&x->pos, &y->pos);
		assert_int_equal(x->nboosts, y->nboosts);
		for (size_t j = 0; j < x->nboosts; j++) {
			const struct kb_boost *p = &x->boosts[j], *q = &y->boosts[j];
			assert_int_equal(p->add, q->add);
			assert_str(p->because, q->because);
			assert_pos_equal(&p->pos, &q->pos);
			assert_int_equal(p->nwhen, q->nwhen);
			for (size_t k = 0; k < p->nwhen; k++) {
				assert_str(p->when[k].fact, q->when[k].fact);
				assert_str(p->when[k].pattern, q->when[k].pattern);
				assert_int_equal(p->when[k].negate, q->when[k].negate);
				assert_pos_equal(&p->when[k].pos, &q->when[k].pos);
			}
		}
	}
}

static void assert_questions(const struct kb_playbook *a, const struct kb_playbook *b)
{
	assert_int_equal(a->nquestions, b->nquestions);
	for (size_t i = 0; i < a->nquestions; i++) {
		const struct kb_question *x = &a->questions[i], *y = &b->questions[i];
		assert_str(x->id, y->id);
		assert_str(x->ask, y->ask);
		assert_str(x->why, y->why);
		assert_str(x->fact, y->fact);
		assert_pos_equal(&x->pos, &y->pos);
		assert_int_equal(x->nanswers, y->nanswers);
		for (size_t j = 0; j < x->nanswers; j++) {
			assert_str(x->answers[j].value, y->answers[j].value);
			assert_str(x->answers[j].label, y->answers[j].label);
			assert_str(x->answers[j].match, y->answers[j].match);
			assert_str(x->answers[j].next, y->answers[j].next);
			assert_pos_equal(&x->answers[j].pos, &y->answers[j].pos);
		}
	}
}

static void assert_playbook(const struct kb_playbook *a, const struct kb_playbook *b)
{
	assert_str(a->id, b->id);
	assert_str(a->title, b->title);
	assert_str(a->means, b->means);
	assert_str(a->source, b->source);
	assert_strs(a->secondary_to, a->nsecondary_to, b->secondary_to, b->nsecondary_to);
	assert_signatures(a, b);
	assert_int_equal(a->nderive, b->nderive);
	for (size_t i = 0; i < a->nderive; i++) {
		assert_str(a->derive[i].fact, b->derive[i].fact);
		assert_str(a->derive[i].from, b->derive[i].from);
		assert_str(a->derive[i].pattern, b->derive[i].pattern);
		assert_str(a->derive[i].value, b->derive[i].value);
		assert_str(a->derive[i].because, b->derive[i].because);
		assert_pos_equal(&a->derive[i].pos, &b->derive[i].pos);
	}
	assert_causes(a, b);
	assert_questions(a, b);
	assert_strs(a->first_ten_minutes, a->nfirst_ten_minutes, b->first_ten_minutes,
		    b->nfirst_ten_minutes);
	assert_strs(a->where_to_look, a->nwhere_to_look, b->where_to_look, b->nwhere_to_look);
	assert_strs(a->fix, a->nfix, b->fix, b->nfix);
	assert_int_equal(a->nverify, b->nverify);
	for (size_t i = 0; i < a->nverify; i++) {
		assert_str(a->verify[i].run, b->verify[i].run);
		assert_str(a->verify[i].before, b->verify[i].before);
		assert_str(a->verify[i].after, b->verify[i].after);
	}
	assert_strs(a->worse, a->nworse, b->worse, b->nworse);
	assert_int_equal(!a->incident, !b->incident);
	if (a->incident) {
		assert_str(a->incident->title, b->incident->title);
		assert_strs(a->incident->timeline, a->incident->ntimeline, b->incident->timeline,
			    b->incident->ntimeline);
		assert_str(a->incident->story, b->incident->story);
		assert_str(a->incident->root_cause, b->incident->root_cause);
		assert_str(a->incident->fix, b->incident->fix);
		assert_str(a->incident->lesson, b->incident->lesson);
	}
	assert_int_equal(a->nfaq, b->nfaq);
	for (size_t i = 0; i < a->nfaq; i++) {
		assert_str(a->faq[i].q, b->faq[i].q);
		assert_str(a->faq[i].a, b->faq[i].a);
	}
	assert_samples(a->match_samples, a->nmatch_samples, b->match_samples, b->nmatch_samples);
	assert_samples(a->no_match_samples, a->nno_match_samples, b->no_match_samples,
		       b->nno_match_samples);
	assert_pos_equal(&a->pos, &b->pos);
}

static void assert_kb_equal(const struct kb *a, const struct kb *b)
{
	assert_int_equal(a->nplaybooks, b->nplaybooks);
	for (size_t i = 0; i < a->nplaybooks; i++)
		assert_playbook(a->playbooks[i], b->playbooks[i]);
	assert_int_equal(a->nrules, b->nrules);
	for (size_t i = 0; i < a->nrules; i++) {
		assert_str(a->rules[i].fact, b->rules[i].fact);
		assert_str(a->rules[i].from, b->rules[i].from);
		assert_str(a->rules[i].pattern, b->rules[i].pattern);
		assert_str(a->rules[i].value, b->rules[i].value);
		assert_str(a->rules[i].because, b->rules[i].because);
		assert_str(a->rules[i].collect, b->rules[i].collect);
		assert_pos_equal(&a->rules[i].pos, &b->rules[i].pos);
	}
	assert_strs(a->library_files, a->nlibrary_files, b->library_files, b->nlibrary_files);
}

static void test_round_trip(void **state)
{
	(void)state;
	const struct kb *builtin = kb_builtin();
	struct kb *loaded = kb_new(NULL);

	assert_int_equal(kb_load_dir(loaded, FIXTURE_DIR), 0);
	/* The fixture is what it claims to be: several playbooks, every kind of member. */
	assert_int_equal(loaded->nplaybooks, 2);
	assert_non_null(loaded->playbooks[0]->incident);
	assert_true(loaded->nrules > 0 && loaded->nlibrary_files > 0);
	assert_kb_equal(builtin, loaded);
	assert_null(builtin->owned);
	assert_ptr_equal(kb_find(builtin, "plain"), builtin->playbooks[1]);
	/* Absent members are NULL in the emitted data too. */
	assert_null(builtin->playbooks[1]->incident);
	assert_null(builtin->playbooks[1]->questions);
	assert_null(builtin->playbooks[1]->signatures[0].literal);
	kb_free(loaded);
}

/* A kb made over the built-in one shares its data and can be freed without touching it. */
static void test_built_in_as_base(void **state)
{
	(void)state;
	const struct kb *builtin = kb_builtin();
	struct kb *kb = kb_new(builtin);
	static const char user[] = "library_files: [user-lib]\n";

	assert_int_equal(kb_load_text(kb, "user.yaml", user, strlen(user)), 0);
	assert_ptr_equal(kb->playbooks[0], builtin->playbooks[0]);
	assert_int_equal(kb->nlibrary_files, builtin->nlibrary_files + 1);
	kb_free(kb);
	assert_string_equal(builtin->playbooks[0]->id, "odd-strings");
}

static char *emit(const struct kb *kb, size_t *len)
{
	char *text = NULL;
	FILE *mem = open_memstream(&text, len);

	assert_non_null(mem);
	assert_int_equal(kb_emit_c(mem, kb), 0);
	assert_int_equal(fclose(mem), 0);
	return text;
}

static struct kb *kb_of(const char *yaml)
{
	struct kb *kb = kb_new(NULL);

	assert_int_equal(kb_load_text(kb, "e.yaml", yaml, strlen(yaml)), 0);
	return kb;
}

static void test_string_spelling(void **state)
{
	(void)state;
	struct kb *kb = kb_of("library_files:\n"
			      "  - \"q\\\"b\\\\t\\tn\\nc\\x01\\x7f\\u00e9 ?\?= ?\?\?( end\"\n"
			      "  - \"\\x01" "7 octal escapes never swallow a digit\"\n");
	size_t len;
	char *text = emit(kb, &len);

	assert_non_null(strstr(text, "\t\"q\\\"b\\\\t\\tn\\n\"\n"
				     "\t\t\"c\\001\\177\\303\\251 ?\\?= ?\\?\\?( end\",\n"));
	assert_non_null(strstr(text, "\t\"\\0017 octal"));
	/* Nothing outside printable ASCII, no trigraph. */
	for (size_t i = 0; i < len; i++)
		assert_true(text[i] == '\n' || text[i] == '\t' ||
			    (text[i] >= 0x20 && text[i] < 0x7f));
	assert_null(strstr(text, "??"));
	free(text);
	kb_free(kb);
}

static void test_long_strings_split(void **state)
{
	(void)state;
	struct buf yaml = { 0 };

	buf_adds(&yaml, "library_files:\n  - '");
	for (int i = 0; i < 50; i++)
		buf_adds(&yaml, "0123456789");
	buf_adds(&yaml, "'\n");
	struct kb *kb = kb_of(yaml.s);
	size_t len;
	char *text = emit(kb, &len);

	/* 500 bytes in pieces of 72 and a rest, each on its own line. */
	size_t pieces = 0;
	for (char *line = text; *line; line = strchr(line, '\n') + 1) {
		size_t n = strcspn(line, "\n");
		const char *digits = strstr(line, "0123456789");
		if (digits && digits < line + n) {
			assert_true(n <= 80);
			pieces++;
		}
	}
	assert_int_equal(pieces, 7);
	free(text);
	kb_free(kb);
	buf_fini(&yaml);
}

static void test_empty_kb(void **state)
{
	(void)state;
	struct kb *kb = kb_new(NULL);
	size_t len;
	char *text = emit(kb, &len);

	assert_non_null(strstr(text, "static const struct kb builtin = {\n"
				     "\t.playbooks = NULL, .nplaybooks = 0,\n"
				     "\t.rules = NULL, .nrules = 0,\n"
				     "\t.library_files = NULL, .nlibrary_files = 0,\n"
				     "\t.bootstrap_frames = NULL, .nbootstrap_frames = 0,\n"
				     "\t.owned = NULL,\n};\n"));
	assert_non_null(strstr(text, "const struct kb *kb_builtin(void)\n"));
	free(text);
	kb_free(kb);
}

static void test_deterministic(void **state)
{
	(void)state;
	struct kb *a = kb_new(NULL), *b = kb_new(NULL);
	size_t na, nb;

	assert_int_equal(kb_load_dir(a, FIXTURE_DIR), 0);
	assert_int_equal(kb_load_dir(b, FIXTURE_DIR), 0);
	char *ta = emit(a, &na), *tb = emit(b, &nb);
	assert_int_equal(na, nb);
	assert_memory_equal(ta, tb, na);
	free(ta);
	free(tb);
	kb_free(a);
	kb_free(b);
}

static void test_write_error(void **state)
{
	(void)state;
	FILE *full = fopen("/dev/full", "w");
	struct kb *kb = kb_new(NULL);

	if (!full)
		skip();
	assert_int_equal(kb_emit_c(full, kb), -1);
	fclose(full);
	kb_free(kb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_built_in_as_base),
		cmocka_unit_test(test_string_spelling),
		cmocka_unit_test(test_long_strings_split),
		cmocka_unit_test(test_empty_kb),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_write_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
