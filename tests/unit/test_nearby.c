/*
 * test_nearby.c: the ring of the last lines read: what a record takes of it (the window
 * before its first line), lines of one physical line joined, long lines cut, old lines
 * forgotten.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nearby.h"
#include "util.h"

static void add(struct nearby *nb, const char *s, size_t lineno)
{
	nearby_add(nb, s, strlen(s), lineno);
}

static void test_window_before_a_line(void **state)
{
	struct nearby *nb = xcalloc(1, sizeof *nb);
	struct tb_record rec = { 0 };
	char line[32];

	(void)state;
	for (size_t i = 1; i <= 100; i++) {
		snprintf(line, sizeof line, "line %zu", i);
		add(nb, line, i);
	}
	/* only the last NEARBY_LINES are kept, and only those up to the line asked for */
	nearby_attach(nb, 90, &rec);
	assert_int_equal(rec.nnear, 90 - (100 - NEARBY_LINES));
	assert_string_equal(rec.near[0].text, "line 77");
	assert_string_equal(rec.near[rec.nnear - 1].text, "line 90");
	for (size_t i = 0; i < rec.nnear; i++)
		free(rec.near[i].text);
	free(rec.near);
	free(nb);
}

static void test_far_lines_left_out(void **state)
{
	struct nearby *nb = xcalloc(1, sizeof *nb);
	struct tb_record rec = { 0 };

	(void)state;
	add(nb, "long ago", 1);
	add(nb, "just before", 1000);
	nearby_attach(nb, 1001, &rec);
	assert_int_equal(rec.nnear, 1);
	assert_string_equal(rec.near[0].text, "just before");
	free(rec.near[0].text);
	free(rec.near);
	free(nb);
}

static void test_one_physical_line_and_long_lines(void **state)
{
	struct nearby *nb = xcalloc(1, sizeof *nb);
	struct tb_record rec = { 0 };
	char *big = xcalloc(1, NEARBY_TEXT * 3);

	(void)state;
	add(nb, "a", 5);
	add(nb, "b", 5);               /* another logical line of line 5 */
	memset(big, 'x', NEARBY_TEXT * 3 - 1);
	add(nb, big, 6);
	nearby_attach(nb, 6, &rec);
	assert_int_equal(rec.nnear, 2);
	assert_string_equal(rec.near[0].text, "a\nb");
	assert_int_equal(strlen(rec.near[1].text), NEARBY_TEXT);
	for (size_t i = 0; i < rec.nnear; i++)
		free(rec.near[i].text);
	free(rec.near);
	free(big);
	free(nb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_window_before_a_line),
		cmocka_unit_test(test_far_lines_left_out),
		cmocka_unit_test(test_one_physical_line_and_long_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
