/*
 * test_input.c: bytes to lines.  Lines must come out the same whatever the read sizes put
 * the buffer edges (multi-byte characters and a traceback header straddling them), with
 * NUL bytes and CRs kept, a missing final newline tolerated, and an over-long line cut and
 * counted without the memory growing with it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "util.h"

static char *temp_file(const char *data, size_t len)
{
	char *path = xstrdup("/tmp/pickdoc-test-input-XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	for (size_t done = 0; done < len; ) {
		ssize_t w = write(fd, data + done, len - done);

		assert_true(w > 0);
		done += (size_t)w;
	}
	close(fd);
	return path;
}

/* Reads PATH with reads of READ_SIZE bytes (0: the default) and checks the lines against
 * EXPECT, split at '\n' the obvious way. */
static void check_lines(const char *path, size_t read_size, const char *expect, size_t len)
{
	struct input *in = input_open(path);
	const char *line;
	size_t n, count = 0, at = 0;
	int got;

	assert_non_null(in);
	if (read_size)
		input_set_read_size(in, read_size);
	while ((got = input_next(in, &line, &n)) > 0) {
		const char *nl = memchr(expect + at, '\n', len - at);
		size_t want = nl ? (size_t)(nl - (expect + at)) : len - at;

		assert_true(at < len);
		assert_int_equal(n, want);
		assert_memory_equal(line, expect + at, n);
		assert_int_equal(input_lineno(in), ++count);
		at += want + 1;
	}
	assert_int_equal(got, 0);
	assert_true(at >= len);
	assert_int_equal(input_cut_lines(in), 0);
	input_close(in);
}

static const char sample[] =
	"2024-05-01 12:00:03 [w-3] r\xc3\xa9sum\xc3\xa9 \xe2\x9c\x93 ok\r\n"
	"Traceback (most recent call last):\n"
	"  File \"/app/x.py\", line 3, in f\n"
	"\n"
	"    g(\"\xf0\x9f\x90\x8d\")\n"
	"a\0b\0c\n"
	"KeyError: 'k'";

static void test_lines_whatever_the_buffer_edges(void **state)
{
	char *path = temp_file(sample, sizeof sample - 1);

	(void)state;
	for (size_t rs = 1; rs <= 80; rs++)
		check_lines(path, rs, sample, sizeof sample - 1);
	check_lines(path, 0, sample, sizeof sample - 1);
	unlink(path);
	free(path);
}

/* The buffer starts small and grows with the longest line: lines of every length around
 * its sizes come out whole, with small reads and large ones. */
static void test_lines_longer_than_the_first_buffer(void **state)
{
	static const size_t lengths[] = { 1, 16383, 16384, 16385, 70000, 300000, 1 };
	struct buf text = { 0 };

	(void)state;
	for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
		for (size_t k = 0; k < lengths[i]; k++)
			buf_addc(&text, (char)('a' + (k + i) % 26));
		buf_addc(&text, '\n');
	}
	char *path = temp_file(text.s, text.len);
	check_lines(path, 7, text.s, text.len);
	check_lines(path, 4096, text.s, text.len);
	check_lines(path, 0, text.s, text.len);
	unlink(path);
	free(path);
	buf_fini(&text);
}

static void test_cr_and_nul_are_kept(void **state)
{
	char *path = temp_file(sample, sizeof sample - 1);
	struct input *in = input_open(path);
	const char *line;
	size_t n;

	(void)state;
	assert_int_equal(input_next(in, &line, &n), 1);
	assert_int_equal(line[n - 1], '\r');
	for (int i = 0; i < 5; i++)
		assert_int_equal(input_next(in, &line, &n), 1);
	assert_int_equal(n, 5);
	assert_memory_equal(line, "a\0b\0c", 5);
	assert_int_equal(input_next(in, &line, &n), 1);
	assert_int_equal(n, strlen("KeyError: 'k'"));
	assert_int_equal(input_next(in, &line, &n), 0);
	assert_int_equal(input_next(in, &line, &n), 0);
	input_close(in);
	unlink(path);
	free(path);
}

static void test_empty_input(void **state)
{
	char *path = temp_file("", 0);
	struct input *in = input_open(path);
	const char *line;
	size_t n;

	(void)state;
	assert_int_equal(input_next(in, &line, &n), 0);
	assert_int_equal(input_lineno(in), 0);
	input_close(in);
	unlink(path);
	free(path);
}

static void test_empty_lines(void **state)
{
	char *path = temp_file("\n\n\n", 3);

	(void)state;
	check_lines(path, 1, "\n\n\n", 3);
	unlink(path);
	free(path);
}

/* A 50 MB line is handed out cut at INPUT_LINE_MAX, and what follows it is intact, with
 * any read size. */
static void test_line_of_50_mb(void **state)
{
	size_t big = 50u << 20;
	const char tail[] = "\nTraceback (most recent call last):\nlast";
	char *data = xmalloc(big + sizeof tail);

	(void)state;
	memset(data, 'x', big);
	memcpy(data + big, tail, sizeof tail);
	char *path = temp_file(data, big + sizeof tail - 1);
	free(data);
	const size_t sizes[] = { 0, 4093 };
	for (size_t k = 0; k < 2; k++) {
		struct input *in = input_open(path);
		const char *line;
		size_t n;

		if (sizes[k])
			input_set_read_size(in, sizes[k]);
		assert_int_equal(input_next(in, &line, &n), 1);
		assert_int_equal(n, INPUT_LINE_MAX);
		assert_int_equal(line[0], 'x');
		assert_int_equal(line[n - 1], 'x');
		assert_int_equal(input_next(in, &line, &n), 1);
		assert_int_equal(input_lineno(in), 2);
		assert_int_equal(n, strlen("Traceback (most recent call last):"));
		assert_memory_equal(line, "Traceback", 9);
		assert_int_equal(input_next(in, &line, &n), 1);
		assert_int_equal(n, 4);
		assert_int_equal(input_next(in, &line, &n), 0);
		assert_int_equal(input_cut_lines(in), 1);
		input_close(in);
	}
	unlink(path);
	free(path);
}

/* A cut line that is the last one, with no newline. */
static void test_cut_line_at_end(void **state)
{
	size_t big = INPUT_LINE_MAX + 10;
	char *data = xmalloc(big);

	(void)state;
	memset(data, 'y', big);
	char *path = temp_file(data, big);
	free(data);
	struct input *in = input_open(path);
	const char *line;
	size_t n;
	assert_int_equal(input_next(in, &line, &n), 1);
	assert_int_equal(n, INPUT_LINE_MAX);
	assert_int_equal(input_next(in, &line, &n), 0);
	assert_int_equal(input_cut_lines(in), 1);
	input_close(in);
	unlink(path);
	free(path);
}

static void test_stdin(void **state)
{
	char *path = temp_file("one\ntwo\n", 8);
	FILE *f = fopen(path, "r");
	int saved = dup(0);
	const char *line;
	size_t n;

	(void)state;
	assert_true(dup2(fileno(f), 0) == 0);
	struct input *in = input_open("-");
	assert_string_equal(input_name(in), "<stdin>");
	assert_int_equal(input_next(in, &line, &n), 1);
	assert_memory_equal(line, "one", 3);
	assert_int_equal(input_next(in, &line, &n), 1);
	assert_int_equal(input_next(in, &line, &n), 0);
	input_close(in);
	dup2(saved, 0);
	close(saved);
	fclose(f);
	unlink(path);
	free(path);
}

static void test_open_errors(void **state)
{
	(void)state;
	errno = 0;
	assert_null(input_open("/tmp"));
	assert_int_equal(errno, EISDIR);
	errno = 0;
	assert_null(input_open("/nonexistent/pickdoc/input"));
	assert_int_equal(errno, ENOENT);
}

static void test_name(void **state)
{
	char *path = temp_file("x", 1);
	struct input *in = input_open(path);

	(void)state;
	assert_string_equal(input_name(in), path);
	input_close(in);
	unlink(path);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines_whatever_the_buffer_edges),
		cmocka_unit_test(test_lines_longer_than_the_first_buffer),
		cmocka_unit_test(test_cr_and_nul_are_kept),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_empty_lines),
		cmocka_unit_test(test_line_of_50_mb),
		cmocka_unit_test(test_cut_line_at_end),
		cmocka_unit_test(test_stdin),
		cmocka_unit_test(test_open_errors),
		cmocka_unit_test(test_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
