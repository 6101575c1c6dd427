/*
 * test_memo.c: a record's key leaves out only where and under which prefix it was read,
 * so that a repeat printed by another worker is recognised and nothing that could change
 * its diagnosis is lost; the memo gives back what was put under a key and nothing for
 * another, and stops remembering at its bounds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "helpers.h"
#include "memo.h"

static const char *const frames[] = {
	"/srv/app/jobs.py", "run", "pool.map(work, items)",
	"/usr/lib/python3.12/multiprocessing/pool.py", "map", NULL,
};

static struct tb_record *sample(size_t first_line)
{
	struct tb_record *rec = new_record(first_line);

	add_block(rec, "OSError", "boom", 0, NULL);
	add_block(rec, "PicklingError", "Can't pickle <function <lambda> at 0x7f01>", 2, frames);
	rec->excs[1].link = TB_LINK_CONTEXT;
	return rec;
}

static int same_key(const struct tb_record *a, const struct tb_record *b)
{
	struct buf ka = { 0 }, kb = { 0 };

	record_key(a, &ka);
	record_key(b, &kb);
	int same = ka.len == kb.len && !memcmp(ka.s, kb.s, ka.len);
	buf_fini(&ka);
	buf_fini(&kb);
	return same;
}

static void test_key_leaves_out_place_and_prefix(void **state)
{
	(void)state;
	struct tb_record *a = sample(10), *b = sample(5000);

	b->channel = xstrdup("ForkPoolWorker-7");
	for (size_t i = 0; i < b->excs[1].nframes; i++)
		b->excs[1].frames[i].input_line += 4990;
	assert_true(same_key(a, b));
	record_free(a);
	record_free(b);
}

/* Each change a later stage could read makes another key. */
static void test_key_keeps_what_is_said(void **state)
{
	(void)state;
	struct tb_record *a = sample(10);

	for (int change = 0; change < 14; change++) {
		struct tb_record *b = sample(10);
		struct tb_exc *e = &b->excs[1];
		struct tb_frame *f = &e->frames[0];

		switch (change) {
		case 0: free(e->message); e->message = xstrdup("Can't pickle <function f>"); break;
		case 1: free(e->type); e->type = xstrdup("TypeError"); break;
		case 2: free(f->func); f->func = NULL; break;
		case 3: free(f->source); f->source = NULL; break;
		case 4: f->lineno++; break;
		case 5: free(f->file); f->file = xstrdup("/srv/app/other.py"); break;
		case 6: e->link = TB_LINK_CAUSE; break;
		case 7: e->carrier = xstrdup("RemoteTraceback"); break;
		case 8: e->has_header = 1; break;
		case 9: e->repeated = 3; break;
		case 10: b->truncated = 1; break;
		case 11: e->nframes = 1; break;
		case 12:
			e->notes = xcalloc(1, sizeof *e->notes);
			e->notes[0] = xstrdup("when serializing dict item 'f'");
			e->nnotes = 1;
			break;
		case 13: free(b->origin); b->origin = xstrdup("other.log"); break;
		}
		assert_false(same_key(a, b));
		if (change == 11)
			e->nframes = 2;
		record_free(b);
	}
	/* A string's end is not taken for the next one's start. */
	struct tb_record *c = sample(10), *d = sample(10);
	free(c->excs[0].type);
	c->excs[0].type = xstrdup("OSErrorb");
	free(c->excs[0].message);
	c->excs[0].message = xstrdup("oom");
	assert_false(same_key(c, d));
	record_free(a);
	record_free(c);
	record_free(d);
}

static void test_memo_gives_back_what_was_put(void **state)
{
	(void)state;
	struct memo *m = memo_new();

	assert_null(memo_get(m, "abc", 3));
	memo_put(m, "abc", 3, "fp-1");
	memo_put(m, "abd", 3, "fp-2");
	memo_put(m, "abc", 3, "fp-3");
	assert_string_equal(memo_get(m, "abc", 3), "fp-1");
	assert_string_equal(memo_get(m, "abd", 3), "fp-2");
	assert_null(memo_get(m, "ab", 2));
	assert_null(memo_get(m, "abc\0", 4));
	memo_free(m);
}

static void test_memo_bounds(void **state)
{
	(void)state;
	struct memo *m = memo_new();
	char key[32];

	for (int i = 0; i < MEMO_MAX_KEYS + 10; i++) {
		int n = snprintf(key, sizeof key, "key %d", i);
		memo_put(m, key, (size_t)n, "fp");
	}
	assert_non_null(memo_get(m, "key 0", 5));
	int n = snprintf(key, sizeof key, "key %d", MEMO_MAX_KEYS - 1);
	assert_non_null(memo_get(m, key, (size_t)n));
	n = snprintf(key, sizeof key, "key %d", MEMO_MAX_KEYS);
	assert_null(memo_get(m, key, (size_t)n));
	memo_free(m);

	/* A key bigger than the byte budget is not kept. */
	m = memo_new();
	char *big = xcalloc(1, MEMO_MAX_BYTES);
	memo_put(m, big, MEMO_MAX_BYTES, "fp");
	assert_null(memo_get(m, big, MEMO_MAX_BYTES));
	memo_put(m, big, MEMO_MAX_BYTES / 2, "fp");
	assert_non_null(memo_get(m, big, MEMO_MAX_BYTES / 2));
	free(big);
	memo_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_leaves_out_place_and_prefix),
		cmocka_unit_test(test_key_keeps_what_is_said),
		cmocka_unit_test(test_memo_gives_back_what_was_put),
		cmocka_unit_test(test_memo_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
