/*
 * test_litset.c: a set of literals found in one pass: the same answers as memmem of each
 * literal, on literals of every length (an empty one, one byte, two, many) at every place
 * of a text, at its ends, cut by them, and on random texts over a small alphabet, where
 * starts that share two bytes but not the rest are common.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "litset.h"

static int any_by_memmem(const char *const *lits, size_t nlits, const char *text, size_t n)
{
	for (size_t i = 0; i < nlits; i++)
		if (memmem(text, n, lits[i], strlen(lits[i])))
			return 1;
	return 0;
}

static struct litset *set_of(const char *const *lits, size_t nlits)
{
	struct litset *set = litset_new();

	for (size_t i = 0; i < nlits; i++)
		litset_add(set, lits[i], strlen(lits[i]));
	return set;
}

static void test_places_and_ends(void **state)
{
	static const char *const lits[] = { "cannot pickle", "Ran out of input", "ca" };
	struct litset *set = set_of(lits, 3);

	(void)state;
	assert_true(litset_any(set, "cannot pickle", 13));
	assert_true(litset_any(set, "so it Ran out of input", 22));
	assert_true(litset_any(set, "xca", 3));            /* two bytes at the very end */
	assert_false(litset_any(set, "xc", 2));            /* the end cuts the pair */
	assert_false(litset_any(set, "Ran out of inpu", 15)); /* the end cuts the literal */
	assert_false(litset_any(set, "", 0));
	/* bytes past N are not read: the literal is there only beyond it */
	assert_false(litset_any(set, "Ran out of input", 15));
	/* a start shared with a literal, then something else */
	assert_false(litset_any(set, "Ran out of time", 15));
	litset_free(set);
}

static void test_short_literals(void **state)
{
	static const char *const one[] = { "\xef" };
	static const char *const none[] = { "" };
	struct litset *set = set_of(one, 1), *all = set_of(none, 1), *empty = litset_new();

	(void)state;
	assert_true(litset_any(set, "ab\xef", 3));
	assert_false(litset_any(set, "abc", 3));
	assert_true(litset_any(all, "", 0));
	assert_false(litset_any(empty, "anything", 8));
	litset_free(set);
	litset_free(all);
	litset_free(empty);
}

/* Random literals and texts over "ab\0\xff": every answer as memmem's. */
static void test_random_against_memmem(void **state)
{
	static const char alphabet[] = { 'a', 'b', '\0', '\xff' };
	char lits_text[16][8], text[64];
	const char *lits[16];
	unsigned seed = 12345;

	(void)state;
	for (int round = 0; round < 2000; round++) {
		size_t nlits = 1 + (size_t)(rand_r(&seed) % 16);
		struct litset *set = litset_new();
		for (size_t i = 0; i < nlits; i++) {
			/* no NUL inside a literal here: memmem's side takes strlen */
			size_t len = 1 + (size_t)(rand_r(&seed) % 6);
			for (size_t k = 0; k < len; k++)
				lits_text[i][k] = "ab\xff"[rand_r(&seed) % 3];
			lits_text[i][len] = '\0';
			lits[i] = lits_text[i];
			litset_add(set, lits[i], len);
		}
		size_t n = (size_t)(rand_r(&seed) % sizeof text);
		for (size_t k = 0; k < n; k++)
			text[k] = alphabet[rand_r(&seed) % 4];
		assert_int_equal(litset_any(set, text, n), any_by_memmem(lits, nlits, text, n));
		litset_free(set);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_places_and_ends),
		cmocka_unit_test(test_short_literals),
		cmocka_unit_test(test_random_against_memmem),
	};
	return cmocka_run_group_tests_name("litset", tests, NULL, NULL);
}
