/*
 * test_regex.c: lazy compilation keyed by the pattern's storage, named groups, whole-subject
 * matching, "$name" templates, compile errors reported with position and caret, and
 * subjects that are not valid UTF-8.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "helpers.h"
#include "regex.h"

static void test_named_groups_and_expand(void **state)
{
	(void)state;
	struct regex_cache *rc = regex_cache_new();
	static const char pattern[] = "lookup (?<name>[\\w.<>]+) on (?<module>\\w+)";
	const char *subject = "attribute lookup <lambda> on __x__ failed";
	struct regex_match m;

	assert_int_equal(regex_match(rc, pattern, NULL, subject, strlen(subject), &m), 1);
	assert_int_equal(m.ngroups, 2);
	char *v = regex_expand("$module.$name costs $$1", &m);
	assert_string_equal(v, "__x__.<lambda> costs $1");
	free(v);
	assert_int_equal(regex_match(rc, pattern, NULL, "nothing", 7, &m), 0);
	regex_cache_free(rc);
}

static void test_whole_match(void **state)
{
	(void)state;
	struct regex_cache *rc = regex_cache_new();
	static const char pattern[] = "(?:\\w+\\.)?PicklingError|Error";

	assert_int_equal(regex_match_whole(rc, pattern, NULL, "_p.PicklingError", 16), 1);
	/* The short alternative must not win when more of the subject follows. */
	assert_int_equal(regex_match_whole(rc, pattern, NULL, "ErrorX", 6), 0);
	assert_int_equal(regex_match_whole(rc, pattern, NULL, "Error", 5), 1);
	regex_cache_free(rc);
}

static void test_compile_error_reported_once_with_position(void **state)
{
	(void)state;
	struct capture said;
	struct regex_cache *rc = regex_cache_new();
	static const char bad[] = "abc(?<x>def";
	struct kb_pos pos = { "k.yaml", 7, 14 };

	capture_start(&said);
	assert_int_equal(regex_match(rc, bad, &pos, "abcdef", 6, NULL), -1);
	assert_int_equal(regex_match(rc, bad, &pos, "abcdef", 6, NULL), -1);
	char *text = capture_end(&said);
	assert_non_null(strstr(text, "pickdoc: k.yaml:7:"));
	assert_non_null(strstr(text, "error: pattern does not compile"));
	assert_non_null(strstr(text, "    abc(?<x>def\n"));
	assert_non_null(strstr(text, "^\n"));
	/* Compiled once: the second call did not report again. */
	assert_null(strstr(strstr(text, "error:") + 1, "error:"));
	free(text);
	regex_cache_free(rc);
}

static void test_invalid_utf8_subject(void **state)
{
	(void)state;
	struct regex_cache *rc = regex_cache_new();
	static const char pattern[] = "cannot (?<what>\\w+) '(?<t>[^']+)'";
	const char subject[] = "\xff\xfe cannot pickle '_x.lock' \xc3";
	struct regex_match m;

	assert_int_equal(regex_match(rc, pattern, NULL, subject, sizeof subject - 1, &m), 1);
	char *t = regex_expand("$t/$what", &m);
	assert_string_equal(t, "_x.lock/pickle");
	free(t);
	regex_cache_free(rc);
}

/* A pattern that hits a limit counts as no match, is reported once as a warning naming
 * its file:line:col, and the cache goes on matching other subjects and patterns. */
static void test_limit_reported_once(void **state)
{
	(void)state;
	struct capture said;
	struct regex_cache *rc = regex_cache_new();
	static const char nested[] = "^(a+)+$";
	static const char plain[] = "^a+b$";
	struct kb_pos pos = { "k/p.yaml", 12, 15 };
	char subject[64];

	memset(subject, 'a', sizeof subject - 1);
	subject[sizeof subject - 2] = '!';
	subject[sizeof subject - 1] = '\0';
	capture_start(&said);
	msg_reset();
	assert_int_equal(regex_match(rc, nested, &pos, subject, strlen(subject), NULL), -1);
	assert_int_equal(regex_match(rc, nested, &pos, subject, strlen(subject), NULL), -1);
	assert_int_equal(regex_match(rc, nested, &pos, "aaa", 3, NULL), 1);
	assert_int_equal(regex_match(rc, plain, &pos, "aab", 3, NULL), 1);
	char *text = capture_end(&said);
	assert_int_equal(msg_count(MSG_WARNING), 1);
	assert_non_null(strstr(text, "pickdoc: k/p.yaml:12:15: warning: pattern gave up on an "
				     "input line ("));
	assert_non_null(strstr(text, "limit"));
	free(text);
	regex_cache_free(rc);
}

/* The linter's probe: the interpreter under the same limits, naming the limit it hit,
 * whole-text matching when asked, and no diagnostic. */
static void test_probe(void **state)
{
	(void)state;
	struct regex_cache *rc = regex_cache_new();
	static const char nested[] = "^(a+)+$";
	static const char dotted[] = "(?:\\w+\\.)*Error";
	const char *limit = "unset";
	char subject[64];

	memset(subject, 'a', sizeof subject - 1);
	subject[sizeof subject - 2] = '!';
	subject[sizeof subject - 1] = '\0';
	msg_reset();
	assert_int_equal(regex_probe(rc, nested, 0, subject, strlen(subject), &limit), -1);
	assert_string_equal(limit, "match limit");
	assert_int_equal(regex_probe(rc, nested, 0, "aaaa", 4, &limit), 1);
	assert_null(limit);
	assert_int_equal(regex_probe(rc, dotted, 0, "x.y.Error: z", 12, &limit), 1);
	assert_int_equal(regex_probe(rc, dotted, 1, "x.y.Error: z", 12, &limit), 0);
	assert_int_equal(regex_probe(rc, dotted, 1, "x.y.Error", 9, &limit), 1);
	assert_int_equal(msg_count(MSG_WARNING) + msg_count(MSG_ERROR), 0);
	regex_cache_free(rc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_named_groups_and_expand),
		cmocka_unit_test(test_whole_match),
		cmocka_unit_test(test_compile_error_reported_once_with_position),
		cmocka_unit_test(test_invalid_utf8_subject),
		cmocka_unit_test(test_limit_reported_once),
		cmocka_unit_test(test_probe),
	};
	return cmocka_run_group_tests_name("regex", tests, NULL, NULL);
}
