/*
 * test_regex_hint.c: the text every match of a pattern must contain.  Plain characters
 * outside groups are required, a character under '?', '*' or a count is not, one under
 * '+' is; alternation, option settings, quoting and escapes that stand for more than a
 * character give no hint; and on every pattern of the knowledge base, every subject a
 * pattern matches in its samples contains the pattern's hint, as on thousands of random
 * patterns and subjects.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "helpers.h"
#include "regex.h"
#include "regex_hint.h"

static void assert_hint(const char *pattern, const char *expected)
{
	char out[REGEX_HINT_MAX];
	size_t n = regex_required_text(pattern, out, sizeof out);

	if (n != strlen(expected) || memcmp(out, expected, n))
		fail_msg("hint of /%s/: '%.*s', expected '%s'", pattern, (int)n, out, expected);
}

static void test_plain_characters_outside_groups(void **state)
{
	(void)state;
	/* the first REGEX_HINT_MAX bytes of the longest run */
	assert_hint("^__reduce__ must return a string or tuple(?!, not)",
		    "__reduce__ must return a string ");
	assert_hint("(?:^|[/\\\\])lib(?:64)?[/\\\\]python(?<v>\\d\\.\\d+)[/\\\\]", "python");
	assert_hint("Can't pickle (?<obj>.+): attribute lookup", ": attribute lookup");
	assert_hint("cannot pickle '(?<type>[\\w.]+)' object", "cannot pickle '");
	assert_hint("a\\.b\\(c\\)", "a.b(c)");
	assert_hint("x[(|)]yz", "yz");
	assert_hint("[]a]bc", "bc");
	assert_hint("[[:alpha:]]+de", "de");
	assert_hint("\\bword\\b", "word");
	assert_hint("(?:a(?#comment|x))tail", "tail");
	assert_hint("(?<=pre)post", "post");
	assert_hint("(?i:ABC)def", "def");
	assert_hint("^$", "");
	assert_hint("", "");
}

static void test_quantified_characters(void **state)
{
	(void)state;
	assert_hint("colou?r", "colo");
	assert_hint("ab*cd", "cd");
	assert_hint("ab+cd", "ab");
	assert_hint("abc{2}d", "ab");
	assert_hint("abc{2,}def", "def");
	assert_hint("xy{,3}", "x");
	assert_hint("(ab)?cd", "cd");
	assert_hint("[ab]+cde", "cde");
	assert_hint("ab??cd", "cd");
	assert_hint("ab*+cd", "cd");
}

static void test_no_hint_when_unsure(void **state)
{
	(void)state;
	assert_hint("abc|abd", "");
	assert_hint("(?i)abc", "");
	assert_hint("abc(?i)def", "");
	assert_hint("(?i-s)abc", "");
	assert_hint("(?-i)abc", "");
	assert_hint("(?x) a b c", "");
	assert_hint("\\Qa.b\\E", "");
	assert_hint("(*UCP)abc", "");
	assert_hint("\\x41bc", "");
	assert_hint("a\\nbc", "");
	assert_hint("(a)\\1bc", "");
	assert_hint("\\p{Lu}bc", "");
	assert_hint("caf\xc3\xa9 au lait", " au lait");
	/* a quantifier after a comment applies to the character before it */
	assert_hint("abc(?#x)?", "");
	/* under x, '#' hides a parenthesis to the line's end */
	assert_hint("(?x:#)\nfoo)?bar", "");
	assert_hint("(?:(?x)#)\nfoo)?bar", "");
	/* a POSIX class's name ends at the first ']'; \cX takes the character after it */
	assert_hint("[[:](?:x|y:]]abc)", "");
	assert_hint("(?:\\c)foo)?bar", "bar");
	assert_hint("[\\c]]x", "x");
	assert_hint("(?:[\\Q)]\\E])foo", "foo");
	assert_hint("(?:\\Q)\\E)?bar", "");
	assert_hint("(?:(*SKIP)x)bar", "");
	/* Inside a group, none of these reach the text outside it. */
	assert_hint("(a|b)cd", "cd");
	assert_hint("(?:\\x41|\\p{L})cd", "cd");
	assert_hint("(a(?i)b)cd", "cd");
}

/* Patterns made at random from pieces of PCRE2's syntax, each that compiles matched
 * against random subjects and subjects made of its own characters (about 1200 matches
 * with a hint): wherever it matches, its hint is there.  Deterministic (a fixed linear
 * congruential sequence). */
static unsigned long lcg_state = 12345;

static unsigned next_random(unsigned n)
{
	lcg_state = lcg_state * 6364136223846793005ul + 1442695040888963407ul;
	return (unsigned)(lcg_state >> 33) % n;
}

static void test_hint_holds_on_random_patterns(void **state)
{
	static const char *const pieces[] = {
		"a", "b", "c", "ab", "abc", "x", "\\.", "\\(", "\\)", "(", ")", "(?:", "(?i)",
		"(?i:", "(?x)", "(?#c)", "|", "?", "*", "+", "{2}", "{1,3}", "[ab]", "[^a]",
		"[]a]", "[[:alpha:]]", "\\d", "\\w", "\\b", "^", "$", ".", "\\Q(a\\E", "\\cA",
		"\\x41", "(*UCP)", "#", "\n", " ", "{", "}", "]", "(?=a)", "(?!b)", "(?<=a)",
		"(?<n>a)", "\\1", "\\K", "??", "+?", "*+", "(?|a|b)", "\\E", "[\\Q]\\E]",
		"(?-i)", "(?m)", "\\n", "\\t",
	};
	static const char chars[] = "abcx.()[]{}AB #\n1";
	int with_hint = 0;
	struct capture said;            /* the compile errors of the patterns that have some */

	(void)state;
	capture_start(&said);
	for (int i = 0; i < 2000; i++) {
		char pattern[256] = "", hint[REGEX_HINT_MAX], subject[32];
		for (unsigned k = 1 + next_random(8); k > 0; k--)
			strcat(pattern, pieces[next_random(sizeof pieces / sizeof *pieces)]);
		size_t n = regex_required_text(pattern, hint, sizeof hint);
		if (!n || regex_check(pattern, NULL) < 0)
			continue;
		/* a cache of its own: the cache knows a pattern by its storage, reused here */
		struct regex_cache *rc = regex_cache_new();
		for (int t = 0; t < 30; t++) {
			size_t len = 0;
			if (t % 2) {
				for (const char *q = pattern; *q && len < 20; q++)
					if (next_random(3))
						subject[len++] = *q;
			} else {
				for (unsigned k = next_random(12); k > 0; k--)
					subject[len++] = chars[next_random(sizeof chars - 1)];
			}
			/* regex_probe: no hint taken, so the pattern itself decides */
			const char *limit;
			if (regex_probe(rc, pattern, 0, subject, len, &limit) != 1)
				continue;
			if (!memmem(subject, len, hint, n))
				fail_msg("/%s/ matches '%.*s' without its hint '%.*s'", pattern,
					 (int)len, subject, (int)n, hint);
			with_hint++;
		}
		regex_cache_free(rc);
	}
	free(capture_end(&said));
	assert_true(with_hint > 500);
}

/* A hint is a part of the required text: a shorter buffer takes its beginning. */
static void test_short_buffer(void **state)
{
	(void)state;
	char out[4];

	assert_int_equal(regex_required_text("pickle error", out, sizeof out), 4);
	assert_memory_equal(out, "pick", 4);
}

/* Every pattern of the knowledge base against its own samples and the texts they
 * hold: where the pattern matches, the hint is there. */
static int hint_holds;           /* matches of a pattern that has a hint */

static void check_pattern(const char *pattern, const struct kb_pos *pos, enum kb_pattern_on on,
			  void *arg)
{
	const struct kb *kb = arg;
	struct regex_cache *rc = regex_cache_new();
	char hint[REGEX_HINT_MAX];
	size_t n = regex_required_text(pattern, hint, sizeof hint);

	(void)pos;
	(void)on;
	for (size_t p = 0; p < kb->nplaybooks; p++) {
		const struct kb_playbook *pb = kb->playbooks[p];
		for (size_t i = 0; i < pb->nmatch_samples; i++) {
			const char *log = pb->match_samples[i].log;
			for (const char *line = log; *line; line += strcspn(line, "\n") + !!line[strcspn(line, "\n")]) {
				size_t len = strcspn(line, "\n");
				if (regex_match(rc, pattern, NULL, line, len, NULL) != 1 || !n)
					continue;
				if (!memmem(line, len, hint, n))
					fail_msg("/%s/ matches '%.*s' without its hint '%.*s'", pattern,
						 (int)len, line, (int)n, hint);
				hint_holds++;
			}
		}
	}
	regex_cache_free(rc);
}

static void test_hint_holds_on_the_knowledge_base(void **state)
{
	(void)state;
	struct kb *kb = kb_new(NULL);

	assert_int_equal(kb_load_dir(kb, "knowledge"), 0);
	kb_patterns(kb, check_pattern, kb);
	assert_true(hint_holds > 500);
	kb_free(kb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_characters_outside_groups),
		cmocka_unit_test(test_quantified_characters),
		cmocka_unit_test(test_no_hint_when_unsure),
		cmocka_unit_test(test_short_buffer),
		cmocka_unit_test(test_hint_holds_on_random_patterns),
		cmocka_unit_test(test_hint_holds_on_the_knowledge_base),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
