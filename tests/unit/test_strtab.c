/*
 * test_strtab.c: the string table gives back what was put under a key and nothing for
 * another (a prefix, the same bytes with a NUL more), keeps the first value put under a
 * key, and keeps every key through its growth.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "strtab.h"
#include "util.h"

static void test_gives_back_what_was_put(void **state)
{
	(void)state;
	struct strtab *t = strtab_new();
	int one, two, three;

	assert_null(strtab_get(t, "abc", 3));
	assert_ptr_equal(strtab_put(t, "abc", 3, &one), &one);
	assert_ptr_equal(strtab_put(t, "abd", 3, &two), &two);
	assert_ptr_equal(strtab_put(t, "abc", 3, &three), &one);
	assert_ptr_equal(strtab_get(t, "abc", 3), &one);
	assert_ptr_equal(strtab_get(t, "abd", 3), &two);
	assert_null(strtab_get(t, "ab", 2));
	assert_null(strtab_get(t, "abc\0", 4));
	assert_int_equal(strtab_count(t), 2);
	strtab_free(t, NULL);
}

/* Far past the first slots: every key is still found, with its own value. */
static void test_keeps_every_key_through_growth(void **state)
{
	(void)state;
	enum { N = 20000 };
	struct strtab *t = strtab_new();
	char key[32];

	for (size_t i = 0; i < N; i++) {
		int n = snprintf(key, sizeof key, "host-%zu", i);
		char *value = xmalloc(sizeof i);
		memcpy(value, &i, sizeof i);
		strtab_put(t, key, (size_t)n, value);
	}
	assert_int_equal(strtab_count(t), N);
	for (size_t i = 0; i < N; i++) {
		int n = snprintf(key, sizeof key, "host-%zu", i);
		const char *value = strtab_get(t, key, (size_t)n);
		size_t got;
		assert_non_null(value);
		memcpy(&got, value, sizeof got);
		assert_int_equal(got, i);
	}
	assert_null(strtab_get(t, "host-", 5));
	strtab_free(t, free);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gives_back_what_was_put),
		cmocka_unit_test(test_keeps_every_key_through_growth),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
