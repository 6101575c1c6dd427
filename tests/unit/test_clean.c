/*
 * test_clean.c: line cleaning (carriage returns, escape sequences, Markdown's escapes, HTML
 * references, full-width and curly punctuation),
 * prefix shapes, and the log-record detector the parser uses to tell a note from the next
 * log line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "clean.h"

#define LIT_ARGS(s) s, sizeof s - 1

typedef const char *clean_fn(struct buf *scratch, const char *line, size_t len,
			      size_t *out_len);

/* What CLEAN makes of LINE, as a string. */
static char *after(clean_fn *clean, struct buf *scratch, const char *line)
{
	size_t n;
	const char *s = clean(scratch, line, strlen(line), &n);
	static char out[256];

	assert_true(n < sizeof out);
	memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

static char *cleaned(struct buf *scratch, const char *line)
{
	return after(clean_text, scratch, line);
}

static char *unescaped(struct buf *scratch, const char *line)
{
	return after(clean_markdown, scratch, line);
}

static void test_plain_line_is_returned_in_place(void **state)
{
	struct buf scratch = { 0 };
	const char *line = "  File \"x.py\", line 3, in f";
	size_t n;

	(void)state;
	assert_ptr_equal(clean_text(&scratch, line, strlen(line), &n), line);
	assert_int_equal(n, strlen(line));
	assert_null(scratch.s);
}

/* Lines of tests/corpus/fresh/markdown-damaged.parallel-decorator.py3.10.log, and lines a
 * Markdown round trip never touched. */
static void test_markdown_damage_undone(void **state)
{
	struct buf scratch = { 0 };
	const char *repr = "FileNotFoundError: [Errno 2] No such file: 'C:\\\\data\\\\x.pkl'";
	const char *win = "  File \"C:\\Users\\dev\\_jobs\\run.py\", line 3, in <module>";
	const char *power = "    y = a**b**c";
	size_t n;

	(void)state;
	assert_string_equal(unescaped(&scratch, "File \"/home/oliver/code/hashing/parallel\\_decorator.py"
						"\", line 23, in \\<module>"),
			    "File \"/home/oliver/code/hashing/parallel_decorator.py\", line 23, in <module>");
	assert_string_equal(unescaped(&scratch, "\\_pickle.PicklingError: Can't pickle \\<function "
						"checksum at 0x7f71fd3d11b0>: it's not the same "
						"object as **main**.checksum"),
			    "_pickle.PicklingError: Can't pickle <function checksum at 0x7f71fd3d11b0>: "
			    "it's not the same object as __main__.checksum");
	/* a literal backslash came back doubled, next to an escaped underscore */
	assert_string_equal(unescaped(&scratch, "  File \"C:\\\\Users\\\\me\\\\\\_x.py\""),
			    "  File \"C:\\Users\\me\\_x.py\"");
	/* untouched: a repr's doubled backslashes, a Windows path, a power, no markup */
	assert_ptr_equal(clean_markdown(&scratch, repr, strlen(repr), &n), repr);
	assert_ptr_equal(clean_markdown(&scratch, win, strlen(win), &n), win);
	assert_ptr_equal(clean_markdown(&scratch, power, strlen(power), &n), power);
	assert_int_equal(n, strlen(power));
	assert_string_equal(unescaped(&scratch, "f(**kwargs) and **Main** stay"),
			    "f(**kwargs) and **Main** stay");
	buf_fini(&scratch);
}

/* A dunder whose other half Markdown paired with a "__" elsewhere; HTML references a page
 * left in copied text. */
static void test_half_dunders_and_html_references(void **state)
{
	struct buf scratch = { 0 };

	(void)state;
	assert_string_equal(unescaped(&scratch, "TypeError: ('__init**() takes exactly 2 arguments"),
			    "TypeError: ('__init__() takes exactly 2 arguments");
	assert_string_equal(unescaped(&scratch, "x = C.**reduce__(obj)"),
			    "x = C.__reduce__(obj)");
	/* Python's own stars stay: unpacking, a power, a private name passed by keywords */
	assert_string_equal(unescaped(&scratch, "f(*a, **self.__kwargs) + b**2 + __x**2"),
			    "f(*a, **self.__kwargs) + b**2 + __x**2");
	assert_string_equal(unescaped(&scratch, "  File &quot;/srv/a.py&quot;, line 3, in &lt;module&gt;"),
			    "  File \"/srv/a.py\", line 3, in <module>");
	assert_string_equal(unescaped(&scratch, "KeyError: &#39;a&#39; &amp;&amp; &#x27;b&apos;"),
			    "KeyError: 'a' && 'b'");
	/* an ampersand that starts no reference stays */
	assert_string_equal(unescaped(&scratch, "R&D: a &lt b"), "R&D: a &lt b");
	buf_fini(&scratch);
}

/* Full-width forms and curly quotes read as ASCII, with the offsets of what they stood for:
 * a subject found in the ASCII text is shown as it was printed. */
static void test_lookalikes_and_their_offsets(void **state)
{
	struct buf scratch = { 0 };
	static const char line[] = "报错：Can‘t pickle ‘f.＜locals＞.g’，x";
	size_t n, *map = NULL, cap = 0;
	const char *s = clean_lookalikes(&scratch, LIT_ARGS(line), &n, &map, &cap);

	(void)state;
	assert_string_equal(s, "报错:Can't pickle 'f.<locals>.g',x");
	assert_int_equal(n, strlen(s));
	/* "<locals>" in the result is "＜locals＞" in the line */
	size_t at = (size_t)(strstr(s, "<locals>") - s);
	assert_int_equal(map[at + 8] - map[at], strlen("＜locals＞"));
	assert_memory_equal(line + map[at], "＜locals＞", strlen("＜locals＞"));
	assert_int_equal(map[0], 0);
	assert_int_equal(map[n], sizeof line - 1);
	/* other characters of the same blocks, and ASCII, are left as they are */
	static const char plain[] = "— … 中文 ok";
	assert_ptr_equal(clean_lookalikes(&scratch, LIT_ARGS(plain), &n, NULL, NULL), plain);
	assert_int_equal(n, sizeof plain - 1);
	free(map);
	buf_fini(&scratch);
}

static void test_informational_log_lines(void **state)
{
	static const char *const quiet[] = {
		"2024-05-01 10:00:01 INFO health: ok",
		"[DEBUG] cache warm",
		"INFO:root:started",
		"2024-05-01T10:00:01Z NOTICE rotated",
	};
	static const char *const not_quiet[] = {
		"2024-05-01 10:00:01 ERROR loader failed",
		"WARNING: low disk",
		"the INFO desk is closed",              /* prose: no log record's opening */
		"2024-05-01 10:00:01 INFORMATION",      /* a longer word, not the level */
	};

	(void)state;
	for (size_t i = 0; i < sizeof quiet / sizeof *quiet; i++)
		assert_true(clean_informational(quiet[i], strlen(quiet[i])));
	for (size_t i = 0; i < sizeof not_quiet / sizeof *not_quiet; i++)
		assert_false(clean_informational(not_quiet[i], strlen(not_quiet[i])));
}

static void test_carriage_returns(void **state)
{
	struct buf scratch = { 0 };

	(void)state;
	assert_string_equal(cleaned(&scratch, "KeyError: 'a'\r"), "KeyError: 'a'");
	assert_string_equal(cleaned(&scratch, "KeyError: 'a'\r\r"), "KeyError: 'a'");
	/* a progress bar overwritten by what came after its carriage return */
	assert_string_equal(cleaned(&scratch, " 40%|####  |\r100%|######|\rTraceback"), "Traceback");
	buf_fini(&scratch);
}

static void test_colour_escapes(void **state)
{
	struct buf scratch = { 0 };

	(void)state;
	/* 3.13 colours inside the frame line, as captured in tb-basic-color.py3.13.txt */
	assert_string_equal(cleaned(&scratch, "  File \x1b[35m\"/app/x.py\"\x1b[0m, line \x1b[35m6"
					      "\x1b[0m, in \x1b[35m<module>\x1b[0m"),
			    "  File \"/app/x.py\", line 6, in <module>");
	assert_string_equal(cleaned(&scratch, "\x1b[1;35mKeyError\x1b[0m: \x1b[35m'workers'\x1b[0m"),
			    "KeyError: 'workers'");
	/* a hyperlink (OSC 8) and a lone escape at the end */
	assert_string_equal(cleaned(&scratch, "see \x1b]8;;http://x\x07here\x1b]8;;\x1b\\ now\x1b"),
			    "see here now");
	buf_fini(&scratch);
}

static void test_escape_cut_short(void **state)
{
	struct buf scratch = { 0 };

	(void)state;
	assert_string_equal(cleaned(&scratch, "abc\x1b[1;3"), "abc");
	assert_string_equal(cleaned(&scratch, "\x1b"), "");
	buf_fini(&scratch);
}

static void test_rtrim(void **state)
{
	(void)state;
	assert_int_equal(clean_rtrim("ab \t ", 5), 2);
	assert_int_equal(clean_rtrim("   ", 3), 0);
	assert_int_equal(clean_rtrim("", 0), 0);
}

static int match(const char *prefix, const char *line, size_t *m)
{
	return clean_prefix_match(prefix, strlen(prefix), line, strlen(line), m, NULL);
}

static void test_prefix_digits_vary_in_dates_and_times(void **state)
{
	size_t m;

	(void)state;
	assert_true(match("2024-05-01 12:00:03,5 ERROR ", "2024-05-01 12:00:04,117 ERROR   File", &m));
	assert_int_equal(m, strlen("2024-05-01 12:00:04,117 ERROR "));
	assert_true(match("2024-05-01T12:00:03.1Z stderr F ", "2024-05-01T12:00:03.123456Z stderr F x", &m));
	assert_int_equal(m, strlen("2024-05-01T12:00:03.123456Z stderr F "));
	assert_false(match("2024-05-01 12:00:03 ERROR ", "2024-05-01 12:00:03 INFO next", &m));
}

static int tag_differs(const char *prefix, const char *line)
{
	size_t m;
	int differs = -1;

	assert_true(clean_prefix_match(prefix, strlen(prefix), line, strlen(line), &m, &differs));
	return differs;
}

/* A number alone in brackets has the shape of any other (a counter's), but a pid's stays
 * the same on one writer's lines: the distance says which prefix is closest, a tag's
 * number counting for more than a time's. */
static void test_prefix_tags_and_distance(void **state)
{
	size_t m;
	const char *line = "2024-05-01 12:00:03,009 [4243]   File \"x.py\", line 1";

	(void)state;
	assert_int_equal(match("2024-05-01 12:00:03,009 [4243] ", line, &m), 1);
	assert_int_equal(match("2024-05-01 12:00:03,002 [4243] ", line, &m), 2);
	int other_writer = match("2024-05-01 12:00:03,009 [4242] ", line, &m);
	assert_true(other_writer > match("2024-05-01 12:00:02,998 [4243] ", line, &m));
	assert_true(tag_differs("12:00:03 [4242] ", "12:00:04 [4243] x"));
	assert_true(tag_differs("(w-3): ", "(w-4): x"));
	assert_false(tag_differs("12:00:03 [4242] ", "12:00:04 [4242] x"));
	/* dates, times, a kernel's [   12.5] are not tags */
	assert_false(tag_differs("12:00:03 ", "12:00:04 x"));
	assert_false(tag_differs("[12.500] ", "[12.750] x"));
	assert_false(tag_differs("[2024-05-01] ", "[2024-05-02] x"));
}

static time_t time_in(const char *prefix)
{
	return clean_time(prefix, strlen(prefix));
}

/* 2024-05-01T12:00:03Z is 1714564803 seconds after the epoch. */
static void test_time_of_a_prefix(void **state)
{
	(void)state;
	assert_int_equal(time_in("2024-05-01 12:00:03,123 ERROR app: "), 1714564803);
	assert_int_equal(time_in("2024-05-01T12:00:03.1234567Z "), 1714564803);
	assert_int_equal(time_in("[2024-05-01 12:00:03,007: ERROR/ForkPoolWorker-2] "), 1714564803);
	assert_int_equal(time_in("[pod/web-1/app] 2024-05-01T12:00:03.028Z INFO "), 1714564803);
	assert_int_equal(time_in("worker-3  | 2024-05-01 14:00:03+02:00 ERROR "), 1714564803);
	assert_int_equal(time_in("2024-05-01T07:00:03-0500 "), 1714564803);
	assert_int_equal(time_in("2000-02-29 00:00:00 "), 951782400);
	/* none, or none it can be sure of */
	assert_int_equal(time_in("May  1 12:00:03 host app[7]: "), 0);
	assert_int_equal(time_in("[ForkPoolWorker-3] "), 0);
	assert_int_equal(time_in("2024-13-01 12:00:03 "), 0);
	assert_int_equal(time_in("2024-05-01 25:00:03 "), 0);
	assert_int_equal(time_in("12024-05-01 12:00:03 x"), 0);
	assert_int_equal(time_in("2024-05-01 12:00"), 0);
	assert_int_equal(clean_time("2024-05-01 12:00:03", 18), 0);
}

static void test_prefix_names_a_channel(void **state)
{
	size_t m;

	(void)state;
	assert_true(match("[ForkPoolWorker-3] ", "[ForkPoolWorker-3]   File", &m));
	assert_int_equal(m, 19);
	assert_false(match("[ForkPoolWorker-3] ", "[ForkPoolWorker-4]   File", &m));
	assert_false(match("[ForkPoolWorker-3] ", "[ForkPoolWorker-31]   File", &m));
	assert_true(match("web_1  | ", "web_1  | KeyError: 'a'", &m));
	assert_false(match("web_1  | ", "web_2  | KeyError: 'a'", &m));
	assert_false(match("web_1  | ", "db_1   | KeyError: 'a'", &m));
}

static int other(const char *prefix, const char *line)
{
	return clean_prefix_other(prefix, strlen(prefix), line, strlen(line));
}

/* Another worker's line is told from a line printed with no prefix at all. */
static void test_prefix_of_another_channel(void **state)
{
	(void)state;
	assert_true(other("[ForkPoolWorker-3] ", "[ForkPoolWorker-4]   File \"x.py\", line 1"));
	assert_true(other("pid=101 ", "pid=202 \"\"\""));
	assert_true(other("[pod/batch-x2x9k/worker] ", "[pod/batch-q8w4m/worker] KeyError: 'k'"));
	assert_true(other("worker_1  | ", "worker_2  | x"));
	/* The continuation lines of a record printed under no prefix. */
	assert_false(other("[ForkPoolWorker-3] ", "  File \"x.py\", line 1"));
	assert_false(other("[ForkPoolWorker-3] ", "[Previous line repeated 996 more times]"));
	assert_false(other("The job failed: ", "TypeError: cannot pickle 'x' object"));
	assert_false(other("  | ", "  +---------------- 2 ----------------"));
	/* The same prefix is no other one. */
	assert_false(other("[ForkPoolWorker-3] ", "[ForkPoolWorker-3] x"));
	assert_false(other("", "x"));
}

static void test_prefix_alone_is_a_blank_line(void **state)
{
	size_t m;

	(void)state;
	assert_true(match("> ", ">", &m));
	assert_int_equal(m, 1);
	assert_true(match("web_1  | ", "web_1  |", &m));
	assert_false(match("web_1  | ", "web_1", &m));
	assert_false(match("> ", "", &m));
	assert_true(match("", "anything", &m));
	assert_int_equal(m, 0);
}

static void test_log_line_starts(void **state)
{
	(void)state;
	assert_true(clean_is_log_line(LIT_ARGS("2024-05-01 12:00:03,123 INFO started")));
	assert_true(clean_is_log_line(LIT_ARGS("[2024-05-01 12:00:03,123: ERROR/ForkPoolWorker-3] x")));
	assert_true(clean_is_log_line(LIT_ARGS("12:00:03 worker ready")));
	assert_true(clean_is_log_line(LIT_ARGS("INFO:root:done")));
	assert_true(clean_is_log_line(LIT_ARGS("WARNING retrying")));
	assert_true(clean_is_log_line(LIT_ARGS("[ERROR] failed")));
	assert_true(clean_is_log_line(LIT_ARGS("Jan  5 10:00:00 host app[12]: x")));
	assert_true(clean_is_log_line(LIT_ARGS("E0512 12:00:03.123456  99 x.cc:1] boom")));
}

static void test_not_log_line_starts(void **state)
{
	(void)state;
	/* notes, messages and exception lines must not pass for log records */
	assert_false(clean_is_log_line(LIT_ARGS("when serializing dict item 'log'")));
	assert_false(clean_is_log_line(LIT_ARGS("while loading shard 3 of 8")));
	assert_false(clean_is_log_line(LIT_ARGS("file: /data/shards/part-0003.bin")));
	assert_false(clean_is_log_line(LIT_ARGS("KeyError: 'workers'")));
	assert_false(clean_is_log_line(LIT_ARGS("ERRORS were found")));
	assert_false(clean_is_log_line(LIT_ARGS("3 items failed")));
	assert_false(clean_is_log_line(LIT_ARGS("Information")));
	assert_false(clean_is_log_line(LIT_ARGS("")));
}

/* What a terminal may be given as it is, one character at a time. */
static void test_char_for_a_terminal(void **state)
{
	static const struct {
		const char *s;
		size_t n, len;
		unsigned long cp;
		int shown;
	} cases[] = {
		{ "a", 1, 1, 'a', 1 },
		{ "\t", 1, 1, '\t', 1 },
		{ "\n", 1, 1, '\n', 0 },
		{ "\x1b[31m", 5, 1, 0x1b, 0 },
		{ "\x7f", 1, 1, 0x7f, 0 },
		{ "\x9b", 1, 1, 0x9b, 0 },              /* C1 CSI as a byte: no UTF-8 */
		{ "\xc2\x9b", 2, 2, 0x9b, 0 },          /* and as a character */
		{ "\xc2\xa0", 2, 2, 0xa0, 1 },
		{ "\xc3\xa9", 2, 2, 0xe9, 1 },
		{ "\xe2\x80\x94", 3, 3, 0x2014, 1 },
		{ "\xe2\x80\xae", 3, 3, 0x202e, 0 },   /* right-to-left override */
		{ "\xe2\x81\xa6", 3, 3, 0x2066, 0 },   /* left-to-right isolate */
		{ "\xe2\x80\xa8", 3, 3, 0x2028, 0 },   /* line separator */
		{ "\xf0\x9f\x90\x8d", 4, 4, 0x1f40d, 1 },
		{ "\xe2\x80", 2, 1, 0xe2, 0 },          /* cut short */
		{ "\xed\xa0\x80", 3, 1, 0xed, 0 },      /* a surrogate */
		{ "\xc0\xaf", 2, 1, 0xc0, 0 },          /* overlong */
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		unsigned long cp = 0;
		int shown = -1;
		assert_int_equal(clean_char(cases[i].s, cases[i].n, &cp, &shown), cases[i].len);
		assert_int_equal(cp, cases[i].cp);
		assert_int_equal(shown, cases[i].shown);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_line_is_returned_in_place),
		cmocka_unit_test(test_markdown_damage_undone),
		cmocka_unit_test(test_half_dunders_and_html_references),
		cmocka_unit_test(test_lookalikes_and_their_offsets),
		cmocka_unit_test(test_informational_log_lines),
		cmocka_unit_test(test_carriage_returns),
		cmocka_unit_test(test_colour_escapes),
		cmocka_unit_test(test_escape_cut_short),
		cmocka_unit_test(test_rtrim),
		cmocka_unit_test(test_prefix_digits_vary_in_dates_and_times),
		cmocka_unit_test(test_prefix_tags_and_distance),
		cmocka_unit_test(test_time_of_a_prefix),
		cmocka_unit_test(test_prefix_names_a_channel),
		cmocka_unit_test(test_prefix_of_another_channel),
		cmocka_unit_test(test_prefix_alone_is_a_blank_line),
		cmocka_unit_test(test_log_line_starts),
		cmocka_unit_test(test_not_log_line_starts),
		cmocka_unit_test(test_char_for_a_terminal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
