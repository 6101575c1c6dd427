/*
 * test_input.c: bytes to lines.  Lines must come out the same whatever the read sizes put
 * the buffer edges (multi-byte characters and a traceback header straddling them), with
 * NUL bytes and CRs kept, a missing final newline tolerated, and an over-long line cut and
 * counted without the memory growing with it.  Gzip (several members too) and zstd streams,
 * told by their magic, must give the same lines on any read size, from a file or stdin, and
 * a corrupt or cut stream must be an error naming where, after the lines before it.
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

#include <zlib.h>
#include <zstd.h>

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

/* --- compressed input --- */

/* DATA as one gzip member, appended to OUT. */
static void gzip_member(struct buf *out, const char *data, size_t len)
{
	z_stream z = { 0 };
	unsigned char chunk[4096];
	int rc;

	assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
	z.next_in = (Bytef *)(uintptr_t)data;
	z.avail_in = (uInt)len;
	do {
		z.next_out = chunk;
		z.avail_out = sizeof chunk;
		rc = deflate(&z, Z_FINISH);
		buf_add(out, (const char *)chunk, sizeof chunk - z.avail_out);
	} while (rc == Z_OK);
	assert_int_equal(rc, Z_STREAM_END);
	deflateEnd(&z);
}

/* DATA as one zstd frame, appended to OUT. */
static void zstd_frame(struct buf *out, const char *data, size_t len)
{
	size_t cap = ZSTD_compressBound(len);
	char *z = xmalloc(cap);
	size_t n = ZSTD_compress(z, cap, data, len, 3);

	assert_false(ZSTD_isError(n));
	buf_add(out, z, n);
	free(z);
}

/* Reads PATH whole with reads of READ_SIZE: its lines, each followed by '\n', in OUT, and
 * what the last input_next returned. */
static int read_all(const char *path, size_t read_size, struct buf *out, char *error,
		    size_t error_size)
{
	struct input *in = input_open(path);
	const char *line;
	size_t n;
	int got;

	assert_non_null(in);
	if (read_size)
		input_set_read_size(in, read_size);
	buf_reset(out);
	buf_add(out, "", 0);
	while ((got = input_next(in, &line, &n)) > 0) {
		buf_add(out, line, n);
		buf_addc(out, '\n');
	}
	snprintf(error, error_size, "%s", input_error(in));
	input_close(in);
	return got;
}

static const char text_a[] = "Traceback (most recent call last):\n  File \"/app/x.py\", line 3\n"
			     "KeyError: 'r\xc3\xa9sum\xc3\xa9'\nhalf a li";
static const char text_b[] = "ne across two members\nlast\n";

static void test_gzip_and_zstd_whatever_the_buffer_edges(void **state)
{
	static const char want[] = "Traceback (most recent call last):\n  File \"/app/x.py\", "
				   "line 3\nKeyError: 'r\xc3\xa9sum\xc3\xa9'\nhalf a line across "
				   "two members\nlast\n";
	struct buf gz = { 0 }, zst = { 0 }, out = { 0 };
	char error[200];

	(void)state;
	gzip_member(&gz, text_a, sizeof text_a - 1);
	gzip_member(&gz, text_b, sizeof text_b - 1);     /* as cat a.gz b.gz makes it */
	zstd_frame(&zst, text_a, sizeof text_a - 1);
	zstd_frame(&zst, text_b, sizeof text_b - 1);
	char *gz_path = temp_file(gz.s, gz.len), *zst_path = temp_file(zst.s, zst.len);
	for (size_t rs = 1; rs <= 64; rs++) {
		assert_int_equal(read_all(gz_path, rs, &out, error, sizeof error), 0);
		assert_string_equal(out.s, want);
		assert_int_equal(read_all(zst_path, rs, &out, error, sizeof error), 0);
		assert_string_equal(out.s, want);
	}
	assert_int_equal(read_all(gz_path, 0, &out, error, sizeof error), 0);
	assert_string_equal(out.s, want);

	/* From stdin too: the magic is read from the stream, not a name. */
	FILE *f = fopen(zst_path, "r");
	int saved = dup(0);
	assert_true(dup2(fileno(f), 0) == 0);
	assert_int_equal(read_all("-", 3, &out, error, sizeof error), 0);
	assert_string_equal(out.s, want);
	dup2(saved, 0);
	close(saved);
	fclose(f);
	unlink(gz_path);
	unlink(zst_path);
	free(gz_path);
	free(zst_path);
	buf_fini(&gz);
	buf_fini(&zst);
	buf_fini(&out);
}

/* A file shorter than a magic, and one that starts like gzip's magic but is text. */
static void test_short_and_almost_magic_files_are_text(void **state)
{
	struct buf out = { 0 };
	char error[200];

	(void)state;
	char *p1 = temp_file("\x1f", 1), *p2 = temp_file("\x28\xb5\x2f\n", 4);
	assert_int_equal(read_all(p1, 1, &out, error, sizeof error), 0);
	assert_int_equal(out.len, 2);
	assert_int_equal(read_all(p2, 1, &out, error, sizeof error), 0);
	assert_string_equal(out.s, "\x28\xb5\x2f\n");
	unlink(p1);
	unlink(p2);
	free(p1);
	free(p2);
	buf_fini(&out);
}

/* Corrupt, cut and trailing-garbage streams: the lines before the damage, then -1 and an
 * error that says what and near which byte. */
static void test_damaged_streams(void **state)
{
	struct buf big = { 0 }, gz = { 0 }, out = { 0 };
	char error[200];

	(void)state;
	for (int i = 0; i < 3000; i++)
		buf_printf(&big, "line %d of a log that compresses %d\n", i, i * 7919 % 1000);
	gzip_member(&gz, big.s, big.len);

	struct {
		const char *what;
		size_t len;             /* bytes of the stream kept */
		long flip;              /* byte whose bits are inverted, or -1 */
		const char *append;     /* bytes after the stream */
		const char *error;
	} cases[] = {
		{ "gzip cut short", gz.len / 2, -1, "", "corrupt gzip data near byte" },
		{ "gzip bit flip", gz.len, (long)gz.len / 2, "", "corrupt gzip data near byte" },
		{ "gzip trailer flip", gz.len, (long)gz.len - 6, "", "incorrect data check" },
		{ "gzip then garbage", gz.len, -1, "garbage", "trailing bytes that are no gzip member" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct buf damaged = { 0 };

		buf_add(&damaged, gz.s, cases[i].len);
		if (cases[i].flip >= 0)
			damaged.s[cases[i].flip] = (char)~damaged.s[cases[i].flip];
		buf_adds(&damaged, cases[i].append);
		char *path = temp_file(damaged.s, damaged.len);
		assert_int_equal(read_all(path, 0, &out, error, sizeof error), -1);
		if (!strstr(error, cases[i].error))
			fail_msg("%s: '%s' lacks '%s'", cases[i].what, error, cases[i].error);
		/* What came before the damage is kept, and is the log's own text. */
		assert_memory_equal(out.s, big.s, out.len < 1000 ? out.len : 1000);
		unlink(path);
		free(path);
		buf_fini(&damaged);
	}

	struct buf zst = { 0 };
	zstd_frame(&zst, big.s, big.len);
	char *cut = temp_file(zst.s, zst.len - 10);
	assert_int_equal(read_all(cut, 0, &out, error, sizeof error), -1);
	assert_non_null(strstr(error, "corrupt zstd data near byte"));
	zst.s[zst.len / 2] = (char)~zst.s[zst.len / 2];
	char *flip = temp_file(zst.s, zst.len);
	assert_int_equal(read_all(flip, 0, &out, error, sizeof error), -1);
	assert_non_null(strstr(error, "corrupt zstd data near byte"));
	unlink(cut);
	unlink(flip);
	free(cut);
	free(flip);
	buf_fini(&zst);
	buf_fini(&big);
	buf_fini(&gz);
	buf_fini(&out);
}

/* What gzip -d and zstd -d read, bounded: zero bytes after a gzip member are padding (tape
 * blocks, some rotators); a zstd stream whose window is larger than pickdoc allows is
 * refused with the size it asks for, not called corrupt, and not decoded with it. */
static void test_gzip_padding_and_zstd_window(void **state)
{
	struct buf big = { 0 }, gz = { 0 }, out = { 0 }, zst = { 0 };
	char error[200];

	(void)state;
	for (int i = 0; i < 3000; i++)
		buf_printf(&big, "line %d of a log that compresses %d\n", i, i * 7919 % 1000);
	gzip_member(&gz, big.s, big.len);
	for (int i = 0; i < 10240; i++)
		buf_addc(&gz, '\0');
	char *padded = temp_file(gz.s, gz.len);
	assert_int_equal(read_all(padded, 0, &out, error, sizeof error), 0);
	assert_int_equal(out.len, big.len);
	assert_memory_equal(out.s, big.s, big.len);

	/* as `zstd --long=27` writes a stream of unknown size: the window in the header */
	ZSTD_CCtx *cctx = ZSTD_createCCtx();
	char chunk[1 << 16];
	ZSTD_inBuffer zin = { big.s, big.len, 0 };
	ZSTD_outBuffer zout = { chunk, sizeof chunk, 0 };
	assert_false(ZSTD_isError(ZSTD_CCtx_setParameter(cctx, ZSTD_c_windowLog, 27)));
	assert_false(ZSTD_isError(ZSTD_compressStream2(cctx, &zout, &zin, ZSTD_e_continue)));
	buf_add(&zst, chunk, zout.pos);
	for (size_t left = 1; left;) {
		zout.pos = 0;
		left = ZSTD_compressStream2(cctx, &zout, &zin, ZSTD_e_end);
		assert_false(ZSTD_isError(left));
		buf_add(&zst, chunk, zout.pos);
	}
	ZSTD_freeCCtx(cctx);
	char *wide = temp_file(zst.s, zst.len);
	assert_int_equal(read_all(wide, 0, &out, error, sizeof error), -1);
	assert_string_equal(error, "this zstd stream needs a window of 128 MiB, more than pickdoc "
			    "allows (8 MiB): decompress it first");
	unlink(padded);
	unlink(wide);
	free(padded);
	free(wide);
	buf_fini(&zst);
	buf_fini(&big);
	buf_fini(&gz);
	buf_fini(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines_whatever_the_buffer_edges),
		cmocka_unit_test(test_gzip_and_zstd_whatever_the_buffer_edges),
		cmocka_unit_test(test_short_and_almost_magic_files_are_text),
		cmocka_unit_test(test_damaged_streams),
		cmocka_unit_test(test_gzip_padding_and_zstd_window),
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
