/*
 * test_scan.c: the prefilter that passes over quiet lines, in each way the processor has
 * of looking for marks.  What it must stop at (each
 * kind of mark, under log prefixes and in log containers), what it may pass over (worker
 * chatter), its line count, and the promise the reader relies on: on every line of the
 * real captures in tests/corpus, bare and under the prefixes tools/bench_log.sh writes, a
 * line it calls quiet leaves an idle parser idle and comes out of the unwrapper as it went
 * in.
 */
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "parse.h"
#include "scan.h"
#include "unwrap.h"
#include "util.h"

static size_t quiet_of(const char *text, size_t *lines)
{
	return scan_quiet(text, strlen(text), lines);
}

/* Asserts that the scan of CHATTER followed by LINE stops at LINE. */
static void assert_stops_at(const char *line)
{
	const char *chatter =
		"2024-05-01 08:00:01,117 INFO [ForkPoolWorker-3] processed item 7 in 12 ms\n"
		"[2024-05-01 08:00:01,124: INFO/ForkPoolWorker-9] heartbeat: rss=91MiB\n";
	struct buf b = { 0 };
	size_t lines;

	buf_printf(&b, "%s%s\nmore chatter\n", chatter, line);
	assert_int_equal(quiet_of(b.s, &lines), strlen(chatter));
	assert_int_equal(lines, 2);
	buf_fini(&b);
}

static void test_stops_at_each_mark(void **state)
{
	(void)state;
	assert_stops_at("Traceback (most recent call last):");
	assert_stops_at("worker-3  | Traceback (most recent call last):  ");
	assert_stops_at("  File \"/home/user/app/job.py\", line 8, in <module>");
	assert_stops_at("2024-05-01 08:00:02,003 ERROR [ForkPoolWorker-3] TypeError: cannot pickle "
			"'_thread.lock' object");
	assert_stops_at("[pod/ingest-1/worker] pickle.PicklingError: Can't pickle <function>");
	assert_stops_at("The above exception was the direct cause of the following exception:");
	assert_stops_at("multiprocessing.pool.RemoteTraceback: ");
	assert_stops_at("progress 50%\r\x1b[31mboom\x1b[0m");
	assert_stops_at("{\"log\":\"Traceback (most recent call last):\\n\",\"stream\":\"stderr\"}\r");
	assert_stops_at("Jan  5 10:00:00 host app[42]: Traceback (most recent call last):#012  File");
	assert_stops_at("ERROR task failed: Traceback (most recent call last):\\n  File \\\"x\\\"");
	assert_stops_at("a line ending in a colon:\r");
}

static void test_passes_over_chatter(void **state)
{
	const char *text =
		"[2024-05-01 08:00:01,117: INFO/ForkPoolWorker-3] Task app.work[1f3] succeeded in 0.02s: None\n"
		"worker-7  | 2024-05-01 08:00:01,124 DEBUG fetched https://api.example.com/v2/items/5?page=3: 200 OK\n"
		"2024-05-01 08:00:01,131 INFO [ForkPoolWorker-3] heartbeat: rss=91MiB open_files=12\n"
		"retrying: INFO: 3 of 3, see \"the docs\" {x} ok\n"
		"#42 done\n";
	size_t lines;

	(void)state;
	assert_int_equal(quiet_of(text, &lines), strlen(text));
	assert_int_equal(lines, 5);
}

static void test_only_whole_lines(void **state)
{
	size_t lines = 99;

	(void)state;
	assert_int_equal(quiet_of("", &lines), 0);
	assert_int_equal(lines, 0);
	assert_int_equal(quiet_of("no line end yet", &lines), 0);
	assert_int_equal(lines, 0);
	/* a quiet line, then one cut at the block's end: a colon there may end its line */
	assert_int_equal(quiet_of("one\nTypeError", &lines), 4);
	assert_int_equal(lines, 1);
	assert_int_equal(quiet_of("Traceback (most recent call last):\nx\n", &lines), 0);
	assert_int_equal(lines, 0);
}

/* Many lines, so that the sixteen-byte path and its tail both run, and the line count
 * crosses the point where the per-lane counts are summed (255 blocks). */
static void test_long_block(void **state)
{
	struct buf b = { 0 };
	size_t lines;

	(void)state;
	for (int i = 0; i < 3000; i++)
		buf_printf(&b, "2024-05-01 08:00:%02d,117 INFO processed item %d\n", i % 60, i);
	size_t quiet_len = b.len;
	buf_adds(&b, "ValueError: bad\n");
	assert_int_equal(scan_quiet(b.s, b.len, &lines), quiet_len);
	assert_int_equal(lines, 3000);
	buf_fini(&b);
}

static int emitted;

static void count_record(struct tb_record *rec, void *arg)
{
	(void)arg;
	record_free(rec);
	emitted++;
}

static int any_bare(const char *type, size_t type_len, const char *message, size_t message_len,
		    void *arg)
{
	(void)type, (void)type_len, (void)message, (void)message_len, (void)arg;
	return 1;
}

/* LINE (no '\n'), when the scan calls it quiet, changes nothing for an idle parser and
 * comes out of the unwrapper in any format as the same text; returns whether it was quiet. */
static int check_quiet_line(const char *line, size_t len)
{
	char *text = xmalloc(len + 1);
	size_t lines;

	memcpy(text, line, len);
	text[len] = '\n';
	int quiet = scan_quiet(text, len + 1, &lines) == len + 1;
	if (quiet) {
		struct parser *p = parser_new("capture", count_record, any_bare, NULL);

		emitted = 0;
		/* past the lines a reader hands over all (parse.h) */
		parser_line(p, text, len, PARSE_READ_ALL_LINES + 1);
		if (!parser_idle(p) || emitted)
			fail_msg("quiet but the parser took it: '%.*s'", (int)len, text);
		parser_finish(p);
		parser_free(p);
		for (int f = UNWRAP_AUTO; f <= UNWRAP_ESCAPED; f++) {
			struct unwrap *u = unwrap_new((enum unwrap_format)f);
			const char *out;
			size_t out_len;

			unwrap_line(u, text, len);
			if (!unwrap_next(u, &out, &out_len) || out_len != len ||
			    memcmp(out, text, len) != 0 || unwrap_next(u, &out, &out_len))
				fail_msg("quiet but unwrapped (format %d): '%.*s'", f, (int)len, text);
			unwrap_free(u);
		}
	}
	free(text);
	return quiet;
}

static void test_quiet_lines_of_real_captures(void **state)
{
	static const char *const prefixes[] = {
		"", "2024-05-01 08:00:03,117 ERROR [ForkPoolWorker-3] ", "worker-12  | ",
		"[pod/ingest-7d9f3-x2k/worker] ", "[2024-05-01 08:00:03,117: ERROR/ForkPoolWorker-3] ",
	};
	glob_t g;
	size_t files = 0, quiet = 0, all = 0;

	(void)state;
	assert_int_equal(glob("tests/corpus/*/*.txt", 0, NULL, &g), 0);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		FILE *f = fopen(g.gl_pathv[i], "rb");
		char *line = NULL;
		size_t cap = 0;
		ssize_t n;
		struct buf b = { 0 };

		assert_non_null(f);
		files++;
		while ((n = getline(&line, &cap, f)) > 0) {
			if (line[n - 1] == '\n')
				n--;
			for (size_t k = 0; k < sizeof prefixes / sizeof *prefixes; k++) {
				buf_reset(&b);
				buf_adds(&b, prefixes[k]);
				buf_add(&b, line, (size_t)n);
				quiet += (size_t)check_quiet_line(b.s ? b.s : "", b.len);
				all++;
			}
		}
		buf_fini(&b);
		free(line);
		fclose(f);
	}
	globfree(&g);
	/* the captures are tracebacks: most of their lines are marks, but not all */
	assert_true(files > 500);
	assert_true(quiet > 0 && quiet < all);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stops_at_each_mark),
		cmocka_unit_test(test_passes_over_chatter),
		cmocka_unit_test(test_only_whole_lines),
		cmocka_unit_test(test_long_block),
		cmocka_unit_test(test_quiet_lines_of_real_captures),
	};

	static const char *const names[] = { "bytes", "sse2", "avx2" };
	int failed = 0;

	/* Each way this processor has, the same tests. */
	for (int way = SCAN_BYTES; way <= SCAN_AVX2; way++) {
		if (scan_set_way((enum scan_way)way) < 0) {
			printf("[ SKIPPED  ] the %s way: not on this processor\n", names[way]);
			continue;
		}
		failed += cmocka_run_group_tests_name(names[way], tests, NULL, NULL);
	}
	return failed;
}
