/*
 * test_unwrap.c: physical lines to logical lines.  Each container a log system puts lines in
 * (Docker's json-file, journalctl -o json, JSON loggers, rsyslog's #012, literal \n) must
 * come out as the lines the program printed; what is no container must come out as it went
 * in, uncopied; malformed, huge, non-UTF-8 and NUL-holding JSON must neither crash nor lose
 * text; and the lines must be the same whatever the read sizes put the buffer edges.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "unwrap.h"
#include "util.h"

#define LIT_ARGS(s) s, sizeof s - 1

/* The logical lines of LINE under FORMAT, each followed by '\n', in OUT; returns how many. */
static size_t logical(enum unwrap_format format, const char *line, size_t len, struct buf *out)
{
	struct unwrap *u = unwrap_new(format);
	const char *s;
	size_t n, count = 0;

	buf_reset(out);
	buf_add(out, "", 0);
	unwrap_line(u, line, len);
	while (unwrap_next(u, &s, &n)) {
		buf_add(out, s, n);
		buf_addc(out, '\n');
		count++;
	}
	assert_int_equal(unwrap_next(u, &s, &n), 0);
	unwrap_free(u);
	return count;
}

static void expect(enum unwrap_format format, const char *line, const char *want)
{
	struct buf out = { 0 };

	logical(format, line, strlen(line), &out);
	assert_string_equal(out.s, want);
	buf_fini(&out);
}

static void test_plain_line_is_handed_on_uncopied(void **state)
{
	static const char line[] = "2024-05-01 12:00:03 ERROR {'a': 1} C:\\new #12 done";
	struct unwrap *u = unwrap_new(UNWRAP_AUTO);
	const char *s;
	size_t n;

	(void)state;
	unwrap_line(u, LIT_ARGS(line));
	assert_int_equal(unwrap_next(u, &s, &n), 1);
	assert_ptr_equal(s, line);
	assert_int_equal(n, sizeof line - 1);
	assert_int_equal(unwrap_next(u, &s, &n), 0);
	unwrap_line(u, "", 0);            /* an empty line is a line */
	assert_int_equal(unwrap_next(u, &s, &n), 1);
	assert_int_equal(n, 0);
	assert_int_equal(unwrap_next(u, &s, &n), 0);
	unwrap_free(u);
}

static void test_docker_json_file(void **state)
{
	(void)state;
	expect(UNWRAP_AUTO,
	       "{\"log\":\"Traceback (most recent call last):\\n\",\"stream\":\"stderr\","
	       "\"time\":\"2024-05-01T12:00:03.123456789Z\"}",
	       "Traceback (most recent call last):\n");
	/* A tty container: CR LF, the CR kept for the cleaner; a blank line stays one. */
	expect(UNWRAP_AUTO, "{\"log\":\"  File \\\"/app/x.py\\\", line 3\\r\\n\",\"stream\":\"stdout\"}",
	       "  File \"/app/x.py\", line 3\r\n");
	expect(UNWRAP_JSON, "{\"log\":\"\\n\",\"stream\":\"stderr\"}", "\n");
	/* A JSON logger inside Docker: the inner object is decoded too. */
	expect(UNWRAP_AUTO,
	       "{\"log\":\"{\\\"message\\\": \\\"job failed\\\", \\\"exc_info\\\": "
	       "\\\"Traceback (most recent call last):\\\\nKeyError: 'k'\\\"}\\n\",\"stream\":\"stderr\"}",
	       "job failed\nTraceback (most recent call last):\nKeyError: 'k'\n");
}

/* Docker writes a line longer than 16 KiB as entries of 16 KiB without the newline but the
 * last: the parts come out as one line, with the last part's physical line, whatever the
 * other stream wrote in between; a line whose last part never came is handed out at the
 * end.  A shorter entry without a newline (one a shipper trimmed) is a whole line. */
static void test_docker_partial_lines(void **state)
{
	struct unwrap *u = unwrap_new(UNWRAP_AUTO);
	struct buf out = { 0 }, line = { 0 }, want = { 0 };
	const char *s;
	size_t n;
	char part[16384 + 1];

	(void)state;
	memset(part, 'a', sizeof part - 1);
	part[sizeof part - 1] = '\0';
	buf_add(&out, "", 0);
	for (size_t i = 1; i <= 7; i++) {
		buf_reset(&line);
		if (i == 1 || i == 3 || i == 7)
			buf_printf(&line, "{\"log\":\"%s\",\"stream\":\"stderr\"}", part);
		else if (i == 2)
			buf_adds(&line, "plain text between");
		else if (i == 4)
			buf_adds(&line, "{\"log\":\"chatter\\n\",\"stream\":\"stdout\"}");
		else if (i == 5)
			buf_adds(&line, "{\"log\":\"end of the long line\\n\",\"stream\":\"stderr\"}");
		else
			buf_adds(&line, "{\"log\":\"trimmed\",\"stream\":\"stderr\"}");
		unwrap_line(u, line.s, line.len);
		while (unwrap_next(u, &s, &n)) {
			buf_printf(&out, "%zu:", i);
			buf_add(&out, s, n);
			buf_addc(&out, '\n');
		}
	}
	unwrap_end(u);
	while (unwrap_next(u, &s, &n)) {
		buf_adds(&out, "end:");
		buf_add(&out, s, n);
		buf_addc(&out, '\n');
	}
	buf_printf(&want, "2:plain text between\n4:chatter\n5:%s%send of the long line\n"
		   "6:trimmed\nend:%s\n", part, part, part);
	assert_string_equal(out.s, want.s);
	unwrap_end(u);
	assert_int_equal(unwrap_next(u, &s, &n), 0);
	unwrap_free(u);
	buf_fini(&out);
	buf_fini(&line);
	buf_fini(&want);
}

static void test_journald(void **state)
{
	(void)state;
	expect(UNWRAP_AUTO,
	       "{\"__REALTIME_TIMESTAMP\":\"1714564803123456\",\"_PID\":\"4242\","
	       "\"SYSLOG_IDENTIFIER\":\"worker\",\"MESSAGE\":\"  File \\\"/app/x.py\\\", line 3\"}",
	       "worker[4242]:   File \"/app/x.py\", line 3\n");
	/* A message that is not UTF-8 comes as an array of bytes, kept as they are. */
	expect(UNWRAP_AUTO,
	       "{\"_COMM\":\"python3\",\"MESSAGE\":[75,101,121,69,114,114,111,114,58,32,255,10,120]}",
	       "python3: KeyError: \xff\npython3: x\n");
	/* An array that is not bytes is no message. */
	expect(UNWRAP_AUTO, "{\"MESSAGE\":[1,300]}", "{\"MESSAGE\":[1,300]}\n");
}

static void test_json_loggers(void **state)
{
	(void)state;
	/* python-json-logger: the message, then exc_info's whole traceback. */
	expect(UNWRAP_AUTO,
	       "{\"asctime\": \"2024-05-01 12:00:03\", \"levelname\": \"ERROR\", "
	       "\"message\": \"task 3 failed\", \"exc_info\": \"Traceback (most recent call last):\\n"
	       "  File \\\"/app/x.py\\\", line 3, in f\\n    g()\\nKeyError: 'k'\"}",
	       "task 3 failed\nTraceback (most recent call last):\n  File \"/app/x.py\", line 3, in f\n"
	       "    g()\nKeyError: 'k'\n");
	/* structlog: event and exception; exc_info=true is no text. */
	expect(UNWRAP_AUTO,
	       "{\"event\": \"boom\", \"exc_info\": true, \"exception\": \"Traceback (most recent "
	       "call last):\\nValueError: x\\n\", \"stack_info\": \"Stack (most recent call last):\"}",
	       "boom\nTraceback (most recent call last):\nValueError: x\n"
	       "Stack (most recent call last):\n");
	/* A message that is no string: the next field that holds one. */
	expect(UNWRAP_AUTO, "{\"message\": {\"a\": 1}, \"msg\": \"m\"}", "m\n");
}

static void test_rsyslog_escapes(void **state)
{
	(void)state;
	expect(UNWRAP_AUTO,
	       "May  1 12:00:03 host app[7]: Traceback (most recent call last):#012  File "
	       "\"/app/x.py\", line 3#011x#012KeyError: 'k'",
	       "May  1 12:00:03 host app[7]: Traceback (most recent call last):\n"
	       "  File \"/app/x.py\", line 3\tx\nKeyError: 'k'\n");
	/* "#012" alone decides; a '#' and digits that are no control character stay. */
	expect(UNWRAP_AUTO, "issue #0123 fixed#012#999 #040", "issue \n3 fixed\n#999 #040\n");
	expect(UNWRAP_AUTO, "only a tab#011here", "only a tab#011here\n");
	expect(UNWRAP_SYSLOG, "only a tab#011here", "only a tab\there\n");
	expect(UNWRAP_SYSLOG, "cut at the end #01", "cut at the end #01\n");
}

static void test_literal_newlines(void **state)
{
	(void)state;
	expect(UNWRAP_AUTO,
	       "ERROR job: 'Traceback (most recent call last):\\n  File \"/app/x.py\", line 3, in "
	       "<module>\\n    f(\\'a\\\\b\\')\\nKeyError: \\'k\\'\\n'",
	       "ERROR job: 'Traceback (most recent call last):\n  File \"/app/x.py\", line 3, in "
	       "<module>\n    f('a\\b')\nKeyError: 'k'\n");
	expect(UNWRAP_AUTO, "\"  File \\\"/a.py\\\", line 1\\nOSError: x\"",
	       "\"  File \"/a.py\", line 1\nOSError: x\"\n");
	/* What closes the string after its last \n is no line; what ends in one is kept. */
	expect(UNWRAP_AUTO, "{'tb': 'Traceback (most recent call last):\\nOSError: x\\n'}",
	       "{'tb': 'Traceback (most recent call last):\nOSError: x\n");
	expect(UNWRAP_ESCAPED, "a\\nb)", "a\nb)\n");
	/* Without a traceback's header or frame, a \n is left alone unless told. */
	expect(UNWRAP_AUTO, "printf(\"%d\\n\", x)", "printf(\"%d\\n\", x)\n");
	expect(UNWRAP_ESCAPED, "a\\nb\\tc\\q\\", "a\nb\tc\\q\\\n");
	/* Told it is text, nothing is decoded. */
	expect(UNWRAP_TEXT, "Traceback (most recent call last):\\nX: y",
	       "Traceback (most recent call last):\\nX: y\n");
}

static void test_formats_are_exclusive_when_told(void **state)
{
	(void)state;
	expect(UNWRAP_TEXT, "{\"log\":\"x\\n\"}", "{\"log\":\"x\\n\"}\n");
	expect(UNWRAP_JSON, "a#012b", "a#012b\n");
	expect(UNWRAP_SYSLOG, "{\"log\":\"x\\n\"}", "{\"log\":\"x\\n\"}\n");
	/* In a JSON log, a decoded message is not read for other escapes when told json. */
	expect(UNWRAP_JSON, "{\"log\":\"a#012b\\n\"}", "a#012b\n");
	expect(UNWRAP_AUTO, "{\"log\":\"a#012b\\n\"}", "a\nb\n");
}

static void test_malformed_json_is_text(void **state)
{
	static const char *const lines[] = {
		"{'a': 1, 'b': 2}",                        /* a Python dict */
		"{\"log\":\"KeyError: 'k'\\n\",\"stream\":",  /* cut */
		"{\"log\": \"x\"} trailing}",
		"{\"stream\":\"stderr\",\"time\":\"t\"}",  /* no message field */
		"{}",
		"{\"a\":" "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[}",
	};
	struct buf out = { 0 };

	(void)state;
	/* A JSON line cut short that holds a traceback is still read by its escapes. */
	expect(UNWRAP_AUTO, "{\"log\":\"Traceback (most recent call last):\\n\",\"str",
	       "{\"log\":\"Traceback (most recent call last):\n\",\"str\n");
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		assert_int_equal(logical(UNWRAP_AUTO, lines[i], strlen(lines[i]), &out), 1);
		assert_int_equal(out.len, strlen(lines[i]) + 1);
		assert_memory_equal(out.s, lines[i], strlen(lines[i]));
		assert_int_equal(logical(UNWRAP_JSON, lines[i], strlen(lines[i]), &out), 1);
		assert_memory_equal(out.s, lines[i], strlen(lines[i]));
	}
	buf_fini(&out);
}

static void test_invalid_utf8_and_nul_in_json(void **state)
{
	static const char bad[] = "{\"log\":\"KeyError: '\xff\xc3('\\n\"}";
	static const char nul[] = "{\"log\":\"a\\u0000b\\n\",\"stream\":\"stderr\"}";
	struct buf out = { 0 };

	(void)state;
	/* Each byte that starts no character becomes U+FFFD; the rest is decoded. */
	assert_int_equal(logical(UNWRAP_AUTO, LIT_ARGS(bad), &out), 1);
	assert_string_equal(out.s, "KeyError: '\xef\xbf\xbd\xef\xbf\xbd('\n");
	assert_int_equal(logical(UNWRAP_AUTO, LIT_ARGS(nul), &out), 1);
	assert_int_equal(out.len, 4);
	assert_memory_equal(out.s, "a\0b\n", 4);
	buf_fini(&out);
}

static time_t time_of(const char *line);

/* Python's json.dumps writes each byte of a path decoded with surrogateescape as half a
 * surrogate pair: U+FFFD, and the rest of the entry (its message, its time) is read.  A
 * whole pair and an escaped backslash before "udcff" are kept. */
static void test_lone_surrogates_in_json(void **state)
{
	static const char lone[] = "{\"time\":\"2024-05-01T12:00:03Z\",\"message\":"
				   "\"File \\\"/srv/\\udcffapp.py\\\" \\ud83d \\ud83d\\ude00 "
				   "\\\\udcff\"}";
	struct buf out = { 0 };

	(void)state;
	assert_int_equal(logical(UNWRAP_AUTO, LIT_ARGS(lone), &out), 1);
	assert_string_equal(out.s, "File \"/srv/\xef\xbf\xbd" "app.py\" \xef\xbf\xbd "
				   "\xf0\x9f\x98\x80 \\udcff\n");
	assert_int_equal(time_of(lone), 1714564803);
	buf_fini(&out);
}

static void test_huge_json_line(void **state)
{
	struct buf line = { 0 }, out = { 0 };
	size_t frames = 40000;

	(void)state;
	buf_adds(&line, "{\"message\": \"failed\", \"exc_info\": \"Traceback (most recent call last):");
	for (size_t i = 0; i < frames; i++)
		buf_printf(&line, "\\n  File \\\"/app/m%zu.py\\\", line %zu, in f", i, i + 1);
	buf_adds(&line, "\\nRecursionError: maximum recursion depth exceeded\"}");
	assert_true(line.len > (1u << 20));
	assert_int_equal(logical(UNWRAP_AUTO, line.s, line.len, &out), frames + 3);
	assert_memory_equal(out.s, "failed\nTraceback (most recent call last):\n  File \"/app/m0.py\"",
			    strlen("failed\nTraceback (most recent call last):\n  File \"/app/m0.py\""));
	assert_non_null(strstr(out.s, "\n  File \"/app/m39999.py\", line 40000, in f\n"
				      "RecursionError: maximum recursion depth exceeded\n"));
	buf_fini(&line);
	buf_fini(&out);
}

static time_t time_of(const char *line)
{
	struct unwrap *u = unwrap_new(UNWRAP_AUTO);
	const char *l;
	size_t n;

	unwrap_line(u, line, strlen(line));
	while (unwrap_next(u, &l, &n))
		;
	time_t t = unwrap_time(u);
	unwrap_free(u);
	return t;
}

/* When an entry says it was written (2024-05-01T12:00:03Z: 1714564803). */
static void test_entry_times(void **state)
{
	(void)state;
	assert_int_equal(time_of("{\"log\":\"x\\n\",\"stream\":\"stderr\","
				 "\"time\":\"2024-05-01T12:00:03.123456789Z\"}"), 1714564803);
	assert_int_equal(time_of("{\"MESSAGE\":\"x\",\"__REALTIME_TIMESTAMP\":"
				 "\"1714564803123456\"}"), 1714564803);
	assert_int_equal(time_of("{\"asctime\":\"2024-05-01 12:00:03,123\",\"message\":\"x\"}"),
			 1714564803);
	assert_int_equal(time_of("{\"@timestamp\":\"2024-05-01T14:00:03+02:00\",\"msg\":\"x\"}"),
			 1714564803);
	assert_int_equal(time_of("{\"message\":\"x\",\"time\":\"yesterday\"}"), 0);
	/* numbers no log writes as a time: none, not the year 294247 or -1199 */
	assert_int_equal(time_of("{\"MESSAGE\":\"x\",\"__REALTIME_TIMESTAMP\":"
				 "\"9223372036854775807\"}"), 0);
	assert_int_equal(time_of("{\"MESSAGE\":\"x\",\"__REALTIME_TIMESTAMP\":"
				 "\"-99999999999999999\"}"), 0);
	assert_int_equal(time_of("{\"message\":\"x\"}"), 0);
	assert_int_equal(time_of("2024-05-01 12:00:03 plain text is no entry"), 0);
}

static void test_format_names(void **state)
{
	enum unwrap_format f = UNWRAP_TEXT;

	(void)state;
	assert_int_equal(unwrap_format_parse("auto", &f), 0);
	assert_int_equal(f, UNWRAP_AUTO);
	assert_int_equal(unwrap_format_parse("escaped", &f), 0);
	assert_int_equal(f, UNWRAP_ESCAPED);
	assert_int_equal(unwrap_format_parse("syslog", &f), 0);
	assert_int_equal(f, UNWRAP_SYSLOG);
	assert_int_equal(unwrap_format_parse("json", &f), 0);
	assert_int_equal(f, UNWRAP_JSON);
	assert_int_equal(unwrap_format_parse("JSON", &f), -1);
	assert_int_equal(unwrap_format_parse("", &f), -1);
}

/* A Docker log of several lines, multi-byte characters in them, read through the input
 * stage with every read size from 1 byte: the logical lines and their physical numbers must
 * not depend on where the buffer edges fell. */
static void test_lines_whatever_the_buffer_edges(void **state)
{
	static const char log[] =
		"{\"log\":\"Traceback (most recent call last):\\n\",\"stream\":\"stderr\"}\n"
		"{\"log\":\"  File \\\"/app/r\xc3\xa9sum\xc3\xa9.py\\\", line 3, in f\\n\",\"stream\":\"stderr\"}\n"
		"plain text \xf0\x9f\x90\x8d between\n"
		"{\"message\":\"m\",\"exc_info\":\"A\\nB\"}\n"
		"x#012y\n"
		"{\"log\":\"KeyError: 'k'\\n\",\"stream\":\"stderr\"}";
	static const char want[] =
		"1:Traceback (most recent call last):\n"
		"2:  File \"/app/r\xc3\xa9sum\xc3\xa9.py\", line 3, in f\n"
		"3:plain text \xf0\x9f\x90\x8d between\n"
		"4:m\n4:A\n4:B\n"
		"5:x\n5:y\n"
		"6:KeyError: 'k'\n";
	char path[] = "/tmp/pickdoc-test-unwrap-XXXXXX";
	int fd = mkstemp(path);
	struct buf out = { 0 };

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, log, sizeof log - 1), (ssize_t)(sizeof log - 1));
	close(fd);
	for (size_t rs = 1; rs <= 70; rs++) {
		struct input *in = input_open(path);
		struct unwrap *u = unwrap_new(UNWRAP_AUTO);
		const char *line;
		size_t n;

		assert_non_null(in);
		input_set_read_size(in, rs);
		buf_reset(&out);
		buf_add(&out, "", 0);
		while (input_next(in, &line, &n) > 0) {
			unwrap_line(u, line, n);
			while (unwrap_next(u, &line, &n)) {
				buf_printf(&out, "%zu:", input_lineno(in));
				buf_add(&out, line, n);
				buf_addc(&out, '\n');
			}
		}
		assert_string_equal(out.s, want);
		unwrap_free(u);
		input_close(in);
	}
	unlink(path);
	buf_fini(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_line_is_handed_on_uncopied),
		cmocka_unit_test(test_docker_json_file),
		cmocka_unit_test(test_docker_partial_lines),
		cmocka_unit_test(test_journald),
		cmocka_unit_test(test_json_loggers),
		cmocka_unit_test(test_rsyslog_escapes),
		cmocka_unit_test(test_literal_newlines),
		cmocka_unit_test(test_formats_are_exclusive_when_told),
		cmocka_unit_test(test_malformed_json_is_text),
		cmocka_unit_test(test_invalid_utf8_and_nul_in_json),
		cmocka_unit_test(test_lone_surrogates_in_json),
		cmocka_unit_test(test_huge_json_line),
		cmocka_unit_test(test_entry_times),
		cmocka_unit_test(test_format_names),
		cmocka_unit_test(test_lines_whatever_the_buffer_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
