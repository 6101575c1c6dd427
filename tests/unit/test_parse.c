/*
 * test_parse.c: lines to traceback records, on real captures (tests/unit/data/parse/, copied
 * from the reference examples) and on what logs do to them: prefixes on every line,
 * "> " quoting, CRLF, colour, truncation, interleaved workers, buffer edges, huge lines, NUL
 * bytes.  Also the stable dump (record_dump) and the line recognisers of parse_line.h.
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
#include "parse.h"
#include "parse_line.h"
#include "record.h"
#include "util.h"

#define DATA_DIR "tests/unit/data/parse/"
#define LIT_ARGS(s) s, sizeof s - 1

/* --- harness --- */

struct got {
	struct tb_record **recs;
	size_t n, cap;
	int bare_answer;         /* what the bare callback says */
	size_t bare_asked;
	char bare_type[128], bare_message[256];
};

static void collect(struct tb_record *rec, void *arg)
{
	struct got *g = arg;

	grow(&g->recs, &g->cap, g->n, sizeof *g->recs);
	g->recs[g->n++] = rec;
}

static int ask_bare(const char *type, size_t type_len, const char *message, size_t message_len,
		    void *arg)
{
	struct got *g = arg;

	g->bare_asked++;
	snprintf(g->bare_type, sizeof g->bare_type, "%.*s", (int)type_len, type);
	snprintf(g->bare_message, sizeof g->bare_message, "%.*s", (int)message_len, message);
	return g->bare_answer;
}

static void got_free(struct got *g)
{
	for (size_t i = 0; i < g->n; i++)
		record_free(g->recs[i]);
	free(g->recs);
	memset(g, 0, sizeof *g);
}

/* TEXT line by line into a parser, as a reader would hand its lines; BARE may be NULL. */
static void parse_with(struct got *g, const char *text, size_t len, parse_bare_fn bare)
{
	struct parser *p = parser_new("test.log", collect, bare, g);
	size_t lineno = 0;

	while (len) {
		const char *nl = memchr(text, '\n', len);
		size_t n = nl ? (size_t)(nl - text) : len;

		parser_line(p, text, n, ++lineno);
		if (!nl)
			break;
		text += n + 1;
		len -= n + 1;
	}
	parser_finish(p);
	parser_free(p);
}

static void parse_into(struct got *g, const char *text, size_t len)
{
	parse_with(g, text, len, ask_bare);
}

static char *read_data(const char *name, size_t *len)
{
	char path[256];
	struct buf b = { 0 };
	char chunk[65536];
	size_t got;

	snprintf(path, sizeof path, DATA_DIR "%s", name);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s (run from the top of the tree)", path);
	buf_add(&b, "", 0);
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, got);
	fclose(f);
	*len = b.len;
	return buf_release(&b);
}

static void parse_data(struct got *g, const char *name)
{
	size_t len;
	char *text = read_data(name, &len);

	parse_into(g, text, len);
	free(text);
}

static int ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);

	return n >= m && !strcmp(s + n - m, end);
}

/* The dump of every record, channels left out when NO_CHANNEL (so that a wrapped copy of a
 * capture can be compared with the capture). */
static char *dump_all(struct got *g, int no_channel)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);

	for (size_t i = 0; i < g->n; i++) {
		char *channel = g->recs[i]->channel;

		if (no_channel)
			g->recs[i]->channel = NULL;
		record_dump(out, g->recs[i]);
		g->recs[i]->channel = channel;
	}
	fclose(out);
	return text;
}

static const struct tb_exc *exc(struct got *g, size_t rec, size_t block)
{
	assert_true(rec < g->n);
	assert_true(block < g->recs[rec]->nexcs);
	return &g->recs[rec]->excs[block];
}

/* --- real captures --- */

static void test_py27_deep_recursion_is_bounded(void **state)
{
	struct got g = { 0 };

	(void)state;
	parse_data(&g, "tb-recursion.py2.7.txt");
	assert_int_equal(g.n, 1);
	const struct tb_exc *e = exc(&g, 0, 0);
	assert_string_equal(e->type, "RuntimeError");
	assert_string_equal(e->message, "maximum recursion depth exceeded");
	/* 1000 frames: the first 64 and the last 64 are kept */
	assert_int_equal(e->nframes, 128);
	assert_int_equal(e->dropped, 1000 - 128);
	assert_string_equal(e->frames[0].func, "<module>");
	assert_string_equal(e->frames[0].source, "walk(0)");
	assert_int_equal(e->frames[0].input_line, 2);
	assert_int_equal(e->frames[127].input_line, 2000);
	assert_int_equal(e->frames[64].input_line, 2000 - 63 * 2);
	assert_string_equal(e->frames[127].source, "return walk(n + 1)");
	assert_int_equal(g.recs[0]->first_line, 1);
	assert_int_equal(g.recs[0]->last_line, 2002);
	assert_int_equal(e->type_line, 2002);
	got_free(&g);
}

static void test_py27_frames(void **state)
{
	struct got g = { 0 };

	(void)state;
	parse_data(&g, "class-redefined.py2.7.txt");
	assert_int_equal(g.n, 1);
	const struct tb_exc *e = exc(&g, 0, 0);
	assert_string_equal(e->type, "pickle.PicklingError");
	assert_string_equal(e->message, "Can't pickle <class '__main__.Config'>: it's not the same "
			    "object as __main__.Config");
	assert_int_equal(e->nframes, 9);
	assert_string_equal(e->frames[8].file, "/usr/lib/python2.7/pickle.py");
	assert_int_equal(e->frames[8].lineno, 759);
	assert_string_equal(e->frames[8].func, "save_global");
	assert_string_equal(e->frames[8].source, "(obj, module, name))");
	assert_int_equal(e->has_header, 1);
	assert_int_equal(e->link, TB_LINK_NONE);
	got_free(&g);
}

static void test_py36_process_header_and_two_reports(void **state)
{
	struct got g = { 0 };

	(void)state;
	parse_data(&g, "cf-unpicklable-result.py3.6.txt");
	assert_int_equal(g.n, 2);
	/* "Process Process-1:" is not part of the record */
	assert_int_equal(g.recs[0]->first_line, 2);
	assert_int_equal(g.recs[0]->last_line, 13);
	assert_string_equal(exc(&g, 0, 0)->type, "TypeError");
	assert_string_equal(exc(&g, 0, 0)->message, "can't pickle _thread.lock objects");
	assert_int_equal(exc(&g, 0, 0)->nframes, 5);
	assert_int_equal(g.recs[1]->first_line, 14);
	assert_int_equal(g.recs[1]->nexcs, 1);
	assert_string_equal(exc(&g, 1, 0)->type, "concurrent.futures.process.BrokenProcessPool");
	assert_string_equal(exc(&g, 1, 0)->frames[0].file, "/home/user/app/cf-unpicklable-result.py");
	assert_int_equal(g.recs[0]->truncated, 0);
	got_free(&g);
}

static void test_py36_context_chain(void **state)
{
	struct got g = { 0 };

	(void)state;
	parse_data(&g, "tb-chained-context.py3.6.txt");
	assert_int_equal(g.n, 1);
	assert_int_equal(g.recs[0]->nexcs, 2);
	assert_string_equal(exc(&g, 0, 0)->type, "ValueError");
	assert_int_equal(exc(&g, 0, 0)->last_line, 4);
	assert_int_equal(exc(&g, 0, 1)->link, TB_LINK_CONTEXT);
	assert_int_equal(exc(&g, 0, 1)->first_line, 8);
	assert_string_equal(record_final(g.recs[0])->message, "could not parse 'abc'");
	got_free(&g);
}

/* A NUL byte inside an exception message is kept, written \x00, with what follows it. */
static void test_nul_in_message_is_kept(void **state)
{
	static const char text[] = "Traceback (most recent call last):\n"
				   "  File \"/srv/app.py\", line 3, in <module>\n"
				   "    pool.map(f, [1])\n"
				   "TypeError: cannot pickle '_thread.lock\0xx' object\n";
	struct got g = { 0 };

	(void)state;
	parse_into(&g, text, sizeof text - 1);
	assert_int_equal(g.n, 1);
	assert_string_equal(exc(&g, 0, 0)->message, "cannot pickle '_thread.lock\\x00xx' object");
	got_free(&g);
}

static void test_py311_carets_are_dropped(void **state)
{
	struct got g = { 0 };

	(void)state;
	parse_data(&g, "tb-caret-binop.py3.11.txt");
	assert_int_equal(g.n, 1);
	const struct tb_exc *e = exc(&g, 0, 0);
	assert_int_equal(e->nframes, 2);
	assert_string_equal(e->frames[1].source,
			    "return totals[\"done\"] / counts[\"all\"] + totals[\"skipped\"] / "
			    "counts[\"skipped\"]");
	assert_string_equal(e->type, "ZeroDivisionError");
	got_free(&g);
}

static void test_py313_elided_lines(void **state)
{
	struct got g = { 0 };

	(void)state;
	parse_data(&g, "tb-multiline-call.py3.13.txt");
	assert_int_equal(g.n, 1);
	const struct tb_exc *e = exc(&g, 0, 0);
	assert_int_equal(e->elided, 2);
	assert_int_equal(e->nframes, 2);
	/* the statement's lines, relative indentation kept, the elision not taken as source */
	assert_string_equal(e->frames[0].source,
			    "tensor = build(\n    \"weights\",\n    device=\"cpu\",\n)");
	assert_int_equal(e->frames[1].input_line, 8);
	assert_string_equal(e->message, "unsupported dtype: float8");
	got_free(&g);
}

static const char bootstrapping[] =
	"An attempt has been made to start a new process before the\n"
	"current process has finished its bootstrapping phase.\n"
	"\n"
	"This probably means that you are not using fork to start your\n"
	"child processes and you have forgotten to use the proper idiom\n"
	"in the main module:\n"
	"\n"
	"    if __name__ == '__main__':\n"
	"        freeze_support()\n"
	"        ...\n"
	"\n"
	"The \"freeze_support()\" line can be omitted if the program\n"
	"is not going to be frozen to produce an executable.";

static void test_spawn_message_py37(void **state)
{
	struct got g = { 0 };

	(void)state;
	parse_data(&g, "mp-spawn-no-main-guard.py3.7.txt");
	assert_int_equal(g.n, 1);
	const struct tb_exc *e = exc(&g, 0, 0);
	assert_string_equal(e->type, "RuntimeError");
	assert_string_equal(e->message, bootstrapping);
	assert_int_equal(e->nnotes, 0);
	assert_int_equal(e->nframes, 17);
	assert_string_equal(e->frames[0].file, "<string>");
	assert_null(e->frames[0].source);
	assert_int_equal(g.recs[0]->last_line, 48);
	got_free(&g);

	/* what the parent printed next is no note of a message that went on indented */
	size_t len;
	char *text = read_data("mp-spawn-no-main-guard.py3.7.txt", &len);
	struct buf b = { 0 };
	buf_add(&b, text, len);
	buf_adds(&b, "exit code: 1\n");
	parse_into(&g, b.s, b.len);
	assert_int_equal(g.n, 1);
	assert_int_equal(exc(&g, 0, 0)->nnotes, 0);
	assert_string_equal(exc(&g, 0, 0)->message, bootstrapping);
	assert_int_equal(g.recs[0]->last_line, 48);
	got_free(&g);
	buf_fini(&b);
	free(text);
}

static void test_spawn_message_py312(void **state)
{
	struct got g = { 0 };

	(void)state;
	parse_data(&g, "mp-spawn-no-main-guard.py3.12.txt");
	assert_int_equal(g.n, 1);
	const struct tb_exc *e = exc(&g, 0, 0);
	assert_memory_equal(e->message, bootstrapping, sizeof bootstrapping - 1);
	assert_string_equal(e->message + sizeof bootstrapping - 1,
			    "\n\nTo fix this issue, refer to the \"Safe importing of main module\"\n"
			    "section in https://docs.python.org/3/library/multiprocessing.html");
	assert_int_equal(e->nnotes, 0);
	got_free(&g);
}

static void test_spawn_py313_elision_and_next_report(void **state)
{
	struct got g = { 0 };

	(void)state;
	parse_data(&g, "mp-spawn-no-main-guard.py3.13.txt");
	assert_int_equal(g.n, 1);
	const struct tb_exc *e = exc(&g, 0, 0);
	assert_int_equal(e->elided, 16);
	assert_string_equal(e->frames[e->nframes - 1].source, "raise RuntimeError('''\n''')");
	assert_string_equal(e->frames[0].source, "from multiprocessing.spawn import spawn_main; "
			    "spawn_main(tracker_fd=4, pipe_handle=6)");
	got_free(&g);

	parse_data(&g, "cf-spawn-no-main-guard.py3.12.txt");
	assert_int_equal(g.n, 2);
	assert_string_equal(exc(&g, 0, 0)->type, "RuntimeError");
	assert_int_equal(g.recs[0]->last_line, 58);
	assert_int_equal(g.recs[1]->first_line, 60);
	assert_string_equal(exc(&g, 1, 0)->type, "concurrent.futures.process.BrokenProcessPool");
	got_free(&g);
}

static void test_py314_bare_line_before_chain(void **state)
{
	struct got g = { 0 };

	(void)state;
	parse_data(&g, "lambda.py3.14.txt");
	assert_int_equal(g.n, 1);
	assert_int_equal(g.bare_asked, 0);
	assert_int_equal(g.recs[0]->nexcs, 2);
	const struct tb_exc *first = exc(&g, 0, 0);
	assert_string_equal(first->type, "AttributeError");
	assert_string_equal(first->message, "module '__main__' has no attribute '<lambda>'");
	assert_int_equal(first->has_header, 0);
	assert_int_equal(first->nframes, 0);
	assert_int_equal(first->type_line, 1);
	const struct tb_exc *last = exc(&g, 0, 1);
	assert_int_equal(last->link, TB_LINK_CONTEXT);
	assert_int_equal(last->has_header, 1);
	assert_string_equal(last->type, "_pickle.PicklingError");
	assert_string_equal(last->frames[0].source, "pickle.dumps(double)");
	assert_ptr_equal(record_final(g.recs[0]), last);
	assert_int_equal(g.recs[0]->first_line, 1);
	assert_int_equal(g.recs[0]->last_line, 9);
	got_free(&g);
}

static void test_py314_notes(void **state)
{
	struct got g = { 0 };

	(void)state;
	parse_data(&g, "nested-lock-in-object.py3.14.txt");
	assert_int_equal(g.n, 1);
	const struct tb_exc *e = exc(&g, 0, 0);
	assert_string_equal(e->message, "cannot pickle '_thread.lock' object");
	assert_int_equal(e->nnotes, 4);
	assert_string_equal(e->notes[0], "when serializing dict item 'lock'");
	assert_string_equal(e->notes[3], "when serializing list item 0");
	assert_int_equal(e->last_line, 9);
	got_free(&g);
}

static void test_notes_that_look_like_messages(void **state)
{
	struct got g = { 0 };

	(void)state;
	parse_data(&g, "tb-notes.py3.11.txt");
	assert_int_equal(g.n, 1);
	const struct tb_exc *e = exc(&g, 0, 0);
	assert_string_equal(e->message, "bad shard size");
	assert_int_equal(e->nnotes, 2);
	assert_string_equal(e->notes[0], "while loading shard 3 of 8");
	assert_string_equal(e->notes[1], "file: /data/shards/part-0003.bin");
	got_free(&g);

	/* a line printed after the report without a pause cannot be told from a note: kept as
	 * one, the report itself unharmed */
	parse_data(&g, "mp-queue-put-unpicklable.py3.12.txt");
	assert_int_equal(g.n, 1);
	assert_string_equal(exc(&g, 0, 0)->message, "cannot pickle '_thread.lock' object");
	assert_int_equal(exc(&g, 0, 0)->nnotes, 1);
	got_free(&g);
}

/* The warnings module's "PATH:N: Category: message" just after the last exception line
 * (the resource tracker's at exit, as cf-worker-killed-lock.py3.13 ends) is a record of
 * its own, not a note of that exception. */
static void test_warning_after_report_is_no_note(void **state)
{
	static const char log[] =
		"Traceback (most recent call last):\n"
		"  File \"/srv/render/cf_worker_killed_lock.py\", line 21, in <module>\n"
		"    print(list(pool.map(render, range(6))))\n"
		"concurrent.futures.process.BrokenProcessPool: A process in the process pool was "
		"terminated abruptly while the future was running or pending.\n"
		"/root/.pyenv/versions/3.13.0/lib/python3.13/multiprocessing/resource_tracker.py:276: "
		"UserWarning: resource_tracker: There appear to be 1 leaked semaphore objects to "
		"clean up at shutdown: {'/mp-44alc53u'}\n"
		"  warnings.warn(\n";
	struct got g = { 0 };

	(void)state;
	parse_into(&g, LIT_ARGS(log));
	assert_int_equal(g.n, 2);
	assert_int_equal(exc(&g, 0, 0)->nnotes, 0);
	assert_string_equal(exc(&g, 1, 0)->type, "UserWarning");
	assert_true(strstr(exc(&g, 1, 0)->message, "leaked semaphore objects") != NULL);
	got_free(&g);
}

static void test_remote_traceback(void **state)
{
	struct got g = { 0 };

	(void)state;
	parse_data(&g, "mp-pool-worker-exception.py3.13.txt");
	assert_int_equal(g.n, 1);
	assert_int_equal(g.recs[0]->nexcs, 2);
	const struct tb_exc *remote = exc(&g, 0, 0);
	assert_string_equal(remote->carrier, "multiprocessing.pool.RemoteTraceback");
	assert_string_equal(remote->type, "ZeroDivisionError");
	assert_int_equal(remote->nframes, 3);
	assert_string_equal(remote->frames[2].func, "work");
	assert_string_equal(remote->frames[2].source, "return 10 // x");
	assert_int_equal(remote->first_line, 3);
	assert_int_equal(remote->link, TB_LINK_NONE);
	const struct tb_exc *local = exc(&g, 0, 1);
	assert_null(local->carrier);
	assert_int_equal(local->link, TB_LINK_CAUSE);
	assert_string_equal(local->frames[2].source, "raise self._value");
	assert_int_equal(g.recs[0]->first_line, 1);
	assert_int_equal(g.recs[0]->last_line, 26);
	assert_int_equal(g.recs[0]->truncated, 0);
	got_free(&g);
}

static void test_remote_traceback_both_quotes(void **state)
{
	struct got g = { 0 };

	(void)state;
	parse_data(&g, "cf-unpicklable-result.py3.12.txt");
	assert_int_equal(g.n, 1);
	assert_int_equal(g.recs[0]->nexcs, 2);
	assert_string_equal(exc(&g, 0, 0)->carrier, "concurrent.futures.process._RemoteTraceback");
	assert_string_equal(exc(&g, 0, 0)->message, "cannot pickle '_thread.lock' object");
	assert_string_equal(exc(&g, 0, 0)->frames[0].func, "_sendback_result");
	assert_int_equal(exc(&g, 0, 1)->link, TB_LINK_CAUSE);
	got_free(&g);

	parse_data(&g, "cf-exception-unpicklable.py3.11.txt");
	assert_int_equal(g.n, 1);
	assert_int_equal(g.recs[0]->nexcs, 2);
	assert_string_equal(exc(&g, 0, 0)->carrier, "concurrent.futures.process._RemoteTraceback");
	assert_string_equal(exc(&g, 0, 0)->message,
			    "JobFailed.__init__() missing 1 required positional argument: 'reason'");
	assert_string_equal(record_final(g.recs[0])->type,
			    "concurrent.futures.process.BrokenProcessPool");
	got_free(&g);
}

/* torch.multiprocessing.spawn quotes the rank's traceback after a blank line and "-- Process
 * N terminated with the following error:", with no closing quote: one record, the rank's
 * error carried by ProcessRaisedException. */
static void test_spawn_carrier(void **state)
{
	struct got g = { 0 };

	(void)state;
	parse_data(&g, "allreduce-rank-skips.py3.11.txt");
	assert_int_equal(g.n, 1);
	assert_int_equal(g.recs[0]->nexcs, 2);
	assert_string_equal(exc(&g, 0, 0)->type, "torch.multiprocessing.spawn.ProcessRaisedException");
	assert_string_equal(exc(&g, 0, 1)->carrier,
			    "torch.multiprocessing.spawn.ProcessRaisedException");
	assert_string_equal(exc(&g, 0, 1)->type, "RuntimeError");
	assert_string_equal(exc(&g, 0, 1)->frames[1].func, "train");
	assert_int_equal(g.recs[0]->first_line, 1);
	assert_int_equal(g.recs[0]->last_line, 23);
	got_free(&g);

	assert_true(pl_carried_intro(LIT_ARGS("-- Process 12 terminated with the following error:")));
	/* a heading set off by "-- " and ending in ':', whatever its words */
	assert_true(pl_carried_intro(LIT_ARGS("-- Worker 3 failed with:")));
	assert_false(pl_carried_intro(LIT_ARGS("--  terminated with the following error:")));
	assert_false(pl_carried_intro(LIT_ARGS("-- Process 1 terminated with exit code 1")));
	assert_false(pl_carried_intro(LIT_ARGS("Process 1 terminated with the following error:")));
	assert_false(pl_carried_intro(LIT_ARGS("-- :")));
}

/* billiard prints the carrier as the exception line of a traceback of its own. */
static void test_carrier_ending_a_traceback(void **state)
{
	struct got g = { 0 };

	(void)state;
	parse_data(&g, "billiard-worker-lost.py3.13.txt");
	assert_int_equal(g.n, 1);
	assert_int_equal(g.recs[0]->nexcs, 2);
	assert_string_equal(exc(&g, 0, 0)->type, "billiard.einfo.ExceptionWithTraceback");
	assert_int_equal(exc(&g, 0, 0)->nframes, 2);
	assert_string_equal(exc(&g, 0, 1)->carrier, "billiard.einfo.ExceptionWithTraceback");
	assert_string_equal(record_final(g.recs[0])->type, "billiard.exceptions.WorkerLostError");
	assert_int_equal(g.recs[0]->first_line, 2);
	assert_int_equal(g.recs[0]->last_line, 16);
	got_free(&g);
}

static void test_repeated_frames(void **state)
{
	struct got g = { 0 };

	(void)state;
	parse_data(&g, "tb-recursion.py3.12.txt");
	assert_int_equal(g.n, 1);
	assert_int_equal(exc(&g, 0, 0)->repeated, 996);
	assert_int_equal(exc(&g, 0, 0)->nframes, 4);
	assert_string_equal(exc(&g, 0, 0)->type, "RecursionError");
	got_free(&g);
}

static void test_colour(void **state)
{
	struct got g = { 0 };

	(void)state;
	parse_data(&g, "tb-basic-color.py3.13.txt");
	assert_int_equal(g.n, 1);
	const struct tb_exc *e = exc(&g, 0, 0);
	assert_string_equal(e->type, "KeyError");
	assert_string_equal(e->message, "'workers'");
	assert_int_equal(e->nframes, 3);
	assert_string_equal(e->frames[0].file, "/home/user/app/tb-basic-color.py");
	assert_int_equal(e->frames[0].lineno, 6);
	assert_string_equal(e->frames[0].func, "<module>");
	assert_string_equal(e->frames[0].source, "start({\"pool\": {\"threads\": 4}})");
	got_free(&g);

	parse_data(&g, "tb-chained-cause-color.py3.13.txt");
	assert_int_equal(g.n, 1);
	assert_int_equal(g.recs[0]->nexcs, 2);
	assert_int_equal(exc(&g, 0, 1)->link, TB_LINK_CAUSE);
	assert_string_equal(exc(&g, 0, 1)->type, "ConfigError");
	got_free(&g);
}

static void test_syntax_error_frames(void **state)
{
	struct got g = { 0 };

	(void)state;
	parse_data(&g, "tb-syntax-error.py3.10.txt");
	assert_int_equal(g.n, 1);
	const struct tb_exc *e = exc(&g, 0, 0);
	assert_int_equal(e->has_header, 0);
	assert_int_equal(e->nframes, 1);
	assert_null(e->frames[0].func);
	assert_int_equal(e->frames[0].lineno, 3);
	assert_string_equal(e->frames[0].source, "return (x +");
	assert_string_equal(e->type, "SyntaxError");
	assert_string_equal(e->message, "'(' was never closed");
	got_free(&g);

	/* 3.6 prints the empty source line as four blanks */
	parse_data(&g, "tb-syntax-error.py3.6.txt");
	assert_int_equal(g.n, 1);
	assert_null(exc(&g, 0, 0)->frames[0].source);
	assert_string_equal(exc(&g, 0, 0)->message, "unexpected EOF while parsing");
	got_free(&g);
}

static void test_thread_and_unraisable_headers(void **state)
{
	struct got g = { 0 };

	(void)state;
	parse_data(&g, "tb-thread-exception.py3.12.txt");
	assert_int_equal(g.n, 1);
	assert_int_equal(g.recs[0]->first_line, 2);
	assert_string_equal(exc(&g, 0, 0)->type, "KeyError");
	got_free(&g);

	parse_data(&g, "tb-unraisable.py3.7.txt");
	assert_int_equal(g.n, 1);
	assert_int_equal(g.recs[0]->nexcs, 1);
	assert_int_equal(g.recs[0]->first_line, 2);
	assert_string_equal(exc(&g, 0, 0)->message, "cleanup failed");
	got_free(&g);

	parse_data(&g, "mp-pool-exception-unpicklable.py3.12.txt");
	assert_int_equal(g.n, 2);
	assert_int_equal(g.recs[0]->first_line, 2);
	assert_string_equal(exc(&g, 1, 0)->type, "multiprocessing.context.TimeoutError");
	assert_string_equal(exc(&g, 1, 0)->message, "");
	assert_int_equal(exc(&g, 1, 1)->link, TB_LINK_CONTEXT);
	got_free(&g);
}

static void test_exception_group(void **state)
{
	struct got g = { 0 };

	(void)state;
	g.bare_answer = 0;
	parse_data(&g, "tb-exception-group.py3.13.txt");
	assert_int_equal(g.n, 1);
	const struct tb_exc *e = exc(&g, 0, 0);
	assert_string_equal(e->type, "ExceptionGroup");
	assert_string_equal(e->message, "parallel run failed (3 sub-exceptions)");
	assert_int_equal(e->nframes, 2);
	assert_string_equal(e->frames[1].source,
			    "raise ExceptionGroup(\"parallel run failed\", errors + [inner])");
	/* the sub-exceptions are offered as lone exception lines */
	assert_int_equal(g.bare_asked, 5);
	assert_string_equal(g.bare_type, "OSError");
	got_free(&g);
}

static void test_other_tools_make_no_garbage(void **state)
{
	struct got g = { 0 };

	(void)state;
	parse_data(&g, "rich-traceback.py3.11.txt");
	assert_int_equal(g.n, 0);
	assert_true(g.bare_asked >= 1);
	assert_string_equal(g.bare_type, "AttributeError");
	got_free(&g);
	/* pytest's long form: a record per failure from its section rule, the frame from the
	 * location line after the "E" lines, its source the "> " line, its function the "def"
	 * line; the short summary's repeats of them are no records of their own */
	g.bare_answer = 1;
	parse_data(&g, "pytest-pickle.py3.11.txt");
	assert_int_equal(g.n, 2);
	assert_string_equal(exc(&g, 0, 0)->message,
			    "Can't pickle local object 'make_task.<locals>.task'");
	assert_int_equal(g.recs[0]->first_line, 9);
	assert_int_equal(exc(&g, 0, 0)->type_line, 13);
	assert_int_equal(exc(&g, 0, 0)->nframes, 1);
	assert_string_equal(exc(&g, 0, 0)->frames[0].file, "test_pickle_job.py");
	assert_int_equal(exc(&g, 0, 0)->frames[0].lineno, 12);
	assert_string_equal(exc(&g, 0, 0)->frames[0].func, "test_pickle_local_function");
	assert_string_equal(exc(&g, 0, 0)->frames[0].source, "pickle.dumps(make_task())");
	assert_string_equal(exc(&g, 1, 0)->frames[0].source, "pickle.dumps(lambda x: x)");
	got_free(&g);
	/* IPython's own layout is read as a traceback: its frames, module level and not */
	parse_data(&g, "ipython-script.py3.11.txt");
	assert_int_equal(g.n, 1);
	assert_int_equal(exc(&g, 0, 0)->nframes, 2);
	assert_null(exc(&g, 0, 0)->frames[0].func);
	assert_int_equal(exc(&g, 0, 0)->frames[0].lineno, 9);
	assert_string_equal(exc(&g, 0, 0)->frames[1].source, "return pickle.dumps(fn)");
	got_free(&g);
}

/* loky's message is two paragraphs: its exit codes come after a blank line, and a line of
 * its own after them.  A message that ends no sentence does not go on over a blank line:
 * what follows is the program's. */
static void test_message_over_a_blank_line(void **state)
{
	static const char output_after[] =
		"Traceback (most recent call last):\n"
		"  File \"/srv/app/run.py\", line 3, in <module>\n"
		"    main()\n"
		"KeyError: 'x'\n"
		"\n"
		"Done in 3 s.\n";
	struct got g = { 0 };

	(void)state;
	parse_data(&g, "joblib-worker-killed.py3.12.txt");
	assert_int_equal(g.n, 1);
	assert_string_equal(exc(&g, 0, 0)->type,
			    "joblib.externals.loky.process_executor.TerminatedWorkerError");
	assert_true(ends_with(exc(&g, 0, 0)->message,
			      "to kill the worker.\n\nThe exit codes of the workers are {SIGKILL(-9)}"));
	assert_int_equal(exc(&g, 0, 0)->nnotes, 1);
	assert_int_equal(g.recs[0]->last_line, 21);
	got_free(&g);

	parse_into(&g, LIT_ARGS(output_after));
	assert_int_equal(g.n, 1);
	assert_string_equal(exc(&g, 0, 0)->message, "'x'");
	assert_int_equal(g.recs[0]->last_line, 4);
	got_free(&g);
}

/* torchrun's ChildFailedError box (a real capture): its rules, sections, "[0]:" entry and
 * fields are the one message of the exception, up to the closing rule, so that the exit
 * code is read with the failure; the launcher's line before it and the rank's own
 * traceback stay records of their own. */
static void test_message_in_a_box(void **state)
{
	static const char lone_box[] =
		"ChildFailedError:\n"
		"============================================================\n"
		"rank0 (local rank: 0)exitcode: 1 (pid: 5120)error file: <N/A>\n"
		"traceback : To enable traceback see: https://pytorch.org/docs/stable/elastic/errors.html\n"
		"============================================================";
	struct got g = { 0 };
	const struct tb_exc *box;

	(void)state;
	parse_data(&g, "torchrun-rank-exit1.py3.11.txt");
	assert_int_equal(g.n, 2);
	assert_string_equal(exc(&g, 0, 0)->type, "RuntimeError");
	box = exc(&g, 1, 0);
	assert_string_equal(box->type, "torch.distributed.elastic.multiprocessing.errors.ChildFailedError");
	assert_int_equal(box->nnotes, 0);
	assert_non_null(strstr(box->message, "Root Cause (first observed failure):\n[0]:\n"));
	assert_non_null(strstr(box->message, "\nexitcode  : 1 (pid: 13472)\n"));
	assert_true(ends_with(box->message, "errors.html\n"
			      "============================================================"));
	assert_int_equal(g.recs[1]->last_line, 44);
	got_free(&g);

	/* the same box under a lone exception line, as pasted without the launcher's frames */
	g.bare_answer = 1;
	parse_into(&g, LIT_ARGS(lone_box));
	assert_int_equal(g.n, 1);
	assert_string_equal(exc(&g, 0, 0)->message, lone_box + sizeof "ChildFailedError:");
	assert_int_equal(g.recs[0]->last_line, 5);
	got_free(&g);
}

static void test_bare_lines_and_open_messages(void **state)
{
	struct got g = { 0 };

	(void)state;
	g.bare_answer = 1;
	parse_data(&g, "unpickle-wrong-format.py3.11.txt");
	assert_int_equal(g.n, 9);
	assert_int_equal(g.bare_asked, 9);
	assert_string_equal(exc(&g, 0, 0)->message, "invalid load key, 'v'.");
	assert_string_equal(g.recs[0]->channel, "git-lfs pointer file                   ->");
	/* a message line ending in a comma goes on */
	assert_string_equal(exc(&g, 3, 0)->message, "A load persistent id instruction was "
			    "encountered,\nbut no persistent_load function was specified.");
	assert_int_equal(g.recs[3]->last_line, 5);
	got_free(&g);
}

/* --- synthetic wrappings of real captures --- */

enum wrapping { W_TIMESTAMP, W_WORKER, W_QUOTE, W_CRLF, W_DOCKER, W_FLUSH_LEFT };

static char *wrap(const char *text, size_t len, enum wrapping how, size_t *out_len)
{
	struct buf b = { 0 };
	size_t i = 0, lineno = 0;

	buf_add(&b, "", 0);
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - text - i) : len - i;

		lineno++;
		switch (how) {
		case W_TIMESTAMP:
			buf_printf(&b, "2024-05-01 12:%02zu:%02zu,%zu ERROR ", lineno / 60 % 60,
				   lineno % 60, lineno * 37 % 1000);
			break;
		case W_WORKER:
			buf_adds(&b, "[ForkPoolWorker-3] ");
			break;
		case W_QUOTE:
			buf_adds(&b, n ? "> " : ">");
			break;
		case W_DOCKER:
			buf_adds(&b, "web_1  | ");
			break;
		case W_CRLF:
			break;
		case W_FLUSH_LEFT:
			while (n && (text[i] == ' ' || text[i] == '\t')) {
				i++;
				n--;
			}
			break;
		}
		buf_add(&b, text + i, n);
		buf_adds(&b, how == W_CRLF ? "\r\n" : "\n");
		i += n + 1;
	}
	*out_len = b.len;
	return buf_release(&b);
}

static void check_wrapping(const char *name, enum wrapping how, const char *channel)
{
	struct got plain = { 0 }, wrapped = { 0 };
	size_t len, wlen;
	char *text = read_data(name, &len);
	char *wtext = wrap(text, len, how, &wlen);

	parse_into(&plain, text, len);
	parse_into(&wrapped, wtext, wlen);
	assert_true(plain.n > 0);
	assert_int_equal(plain.n, wrapped.n);
	for (size_t i = 0; i < wrapped.n; i++) {
		if (!channel) {
			assert_null(wrapped.recs[i]->channel);
		} else {
			assert_non_null(wrapped.recs[i]->channel);
			assert_memory_equal(wrapped.recs[i]->channel, channel, strlen(channel));
		}
	}
	char *a = dump_all(&plain, 1), *b = dump_all(&wrapped, 1);
	assert_string_equal(a, b);
	free(a);
	free(b);
	free(text);
	free(wtext);
	got_free(&plain);
	got_free(&wrapped);
}

static const char *const wrapped_captures[] = {
	"tb-recursion.py2.7.txt", "cf-unpicklable-result.py3.6.txt", "tb-caret-binop.py3.11.txt",
	"mp-spawn-no-main-guard.py3.13.txt", "lambda.py3.14.txt", "nested-lock-in-object.py3.14.txt",
	"mp-pool-worker-exception.py3.13.txt", "cf-exception-unpicklable.py3.11.txt",
	"mp-spawn-no-main-guard.py3.7.txt", "tb-basic-color.py3.13.txt", "tb-syntax-error.py3.6.txt",
	"billiard-worker-lost.py3.13.txt", "tb-exception-group.py3.13.txt", "tb-notes.py3.11.txt",
	NULL
};

static void test_every_line_timestamped(void **state)
{
	(void)state;
	for (size_t i = 0; wrapped_captures[i]; i++)
		check_wrapping(wrapped_captures[i], W_TIMESTAMP, "2024-05-01 12:");
}

static void test_every_line_under_a_worker_tag(void **state)
{
	(void)state;
	for (size_t i = 0; wrapped_captures[i]; i++)
		check_wrapping(wrapped_captures[i], W_WORKER, "[ForkPoolWorker-3]");
}

static void test_markdown_quoting(void **state)
{
	(void)state;
	for (size_t i = 0; wrapped_captures[i]; i++)
		check_wrapping(wrapped_captures[i], W_QUOTE, ">");
}

static void test_docker_compose(void **state)
{
	(void)state;
	for (size_t i = 0; wrapped_captures[i]; i++)
		check_wrapping(wrapped_captures[i], W_DOCKER, "web_1");
}

/* Markdown that lost every indentation: frames and source lines told apart all the same,
 * for reports whose messages fit on one line. */
static void test_lost_indentation(void **state)
{
	static const char *const names[] = {
		"tb-recursion.py2.7.txt", "class-redefined.py2.7.txt", "tb-caret-binop.py3.11.txt",
		"mp-pool-worker-exception.py3.13.txt", "lambda.py3.14.txt",
		"nested-lock-in-object.py3.14.txt", "tb-syntax-error.py3.10.txt",
		"cf-exception-unpicklable.py3.11.txt", NULL
	};

	(void)state;
	for (size_t i = 0; names[i]; i++)
		check_wrapping(names[i], W_FLUSH_LEFT, NULL);
}

static void test_crlf(void **state)
{
	(void)state;
	for (size_t i = 0; wrapped_captures[i]; i++)
		check_wrapping(wrapped_captures[i], W_CRLF, NULL);
}

static void test_truncated_before_exception_line(void **state)
{
	struct got g = { 0 };
	size_t len;
	char *text = read_data("mp-pool-worker-exception.py3.13.txt", &len);
	/* cut after the last frame's caret line, before "ZeroDivisionError: ..." */
	char *cut = strstr(text, "ZeroDivisionError");

	(void)state;
	parse_into(&g, text, (size_t)(cut - text));
	assert_int_equal(g.n, 1);
	assert_int_equal(g.recs[0]->truncated, 1);
	assert_int_equal(g.recs[0]->nexcs, 1);
	assert_int_equal(exc(&g, 0, 0)->nframes, 3);
	assert_string_equal(exc(&g, 0, 0)->type, "");
	assert_string_equal(exc(&g, 0, 0)->carrier, "multiprocessing.pool.RemoteTraceback");
	assert_int_equal(g.recs[0]->last_line, 11);
	got_free(&g);
	free(text);

	text = read_data("tb-caret-binop.py3.11.txt", &len);
	struct buf b = { 0 };
	cut = strstr(text, "ZeroDivisionError");
	buf_add(&b, text, (size_t)(cut - text));
	buf_adds(&b, "2024-05-01 12:00:03,123 INFO worker restarted\nall good\n");
	parse_into(&g, b.s, b.len);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.recs[0]->truncated, 1);
	assert_int_equal(exc(&g, 0, 0)->nframes, 2);
	assert_int_equal(g.recs[0]->last_line, 6);
	got_free(&g);
	buf_fini(&b);
	free(text);
}

/* --- logs around the reports --- */

static void test_logger_shapes(void **state)
{
	static const char log[] =
		"2024-05-01 12:00:00,001 INFO [Main] starting\n"
		"2024-05-01 12:00:00,002 ERROR [Main] task failed\n"       /* logging.exception */
		"Traceback (most recent call last):\n"
		"  File \"/app/x.py\", line 3, in f\n"
		"    g()\n"
		"ValueError: bad\n"
		"2024-05-01 12:00:00,003 INFO [Main] next\n"
		"2024-05-01 12:00:00,004 ERROR [Main] Traceback (most recent call last):\n"
		"  File \"/app/x.py\", line 3, in f\n"                        /* format_exc logged */
		"    g()\n"
		"ValueError: bad2\n"
		"2024-05-01 12:00:00,005 ERROR [Main] done with errors\n"
		"ERROR:root:Traceback (most recent call last):\n"
		"  File \"C:\\Users\\x\\app.py\", line 3, in f\n"
		"    g()\n"
		"OSError: [WinError 5] Access is denied\n"
		"WARNING:root:retrying\n";
	struct got g = { 0 };

	(void)state;
	parse_into(&g, LIT_ARGS(log));
	assert_int_equal(g.n, 3);
	assert_null(g.recs[0]->channel);
	assert_int_equal(g.recs[0]->first_line, 3);
	assert_int_equal(g.recs[0]->last_line, 6);
	assert_int_equal(exc(&g, 0, 0)->nnotes, 0);
	assert_string_equal(g.recs[1]->channel, "2024-05-01 12:00:00,004 ERROR [Main]");
	assert_string_equal(exc(&g, 1, 0)->message, "bad2");
	assert_int_equal(exc(&g, 1, 0)->nnotes, 0);
	assert_int_equal(g.recs[1]->last_line, 11);
	assert_string_equal(exc(&g, 2, 0)->frames[0].file, "C:\\Users\\x\\app.py");
	assert_int_equal(exc(&g, 2, 0)->nnotes, 0);
	got_free(&g);
}

static void test_interleaved_workers(void **state)
{
	static const char log[] =
		"[ForkPoolWorker-3] Traceback (most recent call last):\n"
		"[ForkPoolWorker-4] Traceback (most recent call last):\n"
		"[ForkPoolWorker-3]   File \"/app/w.py\", line 3, in work\n"
		"[ForkPoolWorker-4]   File \"/app/w.py\", line 9, in other\n"
		"[ForkPoolWorker-3]     return 1 / 0\n"
		"[ForkPoolWorker-4]     return {}[\"k\"]\n"
		"[ForkPoolWorker-3] ZeroDivisionError: division by zero\n"
		"[ForkPoolWorker-4] KeyError: 'k'\n"
		"[MainProcess] pool closed\n";
	struct got g = { 0 };

	(void)state;
	parse_into(&g, LIT_ARGS(log));
	assert_int_equal(g.n, 2);
	assert_string_equal(g.recs[0]->channel, "[ForkPoolWorker-3]");
	assert_string_equal(exc(&g, 0, 0)->type, "ZeroDivisionError");
	assert_string_equal(exc(&g, 0, 0)->frames[0].func, "work");
	assert_int_equal(exc(&g, 0, 0)->nnotes, 0);
	assert_string_equal(g.recs[1]->channel, "[ForkPoolWorker-4]");
	assert_string_equal(exc(&g, 1, 0)->type, "KeyError");
	assert_string_equal(exc(&g, 1, 0)->frames[0].source, "return {}[\"k\"]");
	got_free(&g);
}

/* Three real captures interleaved a line each in turn, each line under its pod's, worker's
 * or process's prefix (a name, or a number alone in brackets), two of them opening with a carrier line and a quote, one with a lone
 * exception line before a chain: each comes out whole, the same as parsed alone. */
static void test_interleaved_captures(void **state)
{
	static const char *const names[] = {
		"cf-unpicklable-result.py3.12.txt", "mp-pool-worker-exception.py3.13.txt",
		"lambda.py3.14.txt"
	};
	static const char *const shapes[][3] = {
		{ "[pod/batch-7d9f8-x2x9k/worker] ", "[pod/batch-7d9f8-q8w4m/worker] ",
		  "[pod/batch-7d9f8-h5t2z/worker] " },
		{ "[ForkPoolWorker-3] ", "[ForkPoolWorker-4] ", "[ForkPoolWorker-5] " },
		{ "pid=101 ", "pid=202 ", "pid=3003 " },
		{ "2024-05-01 12:00:03,5 ERROR [Worker-1] ", "2024-05-01 12:00:03,5 ERROR [Worker-2] ",
		  "2024-05-01 12:00:04,117 ERROR [Worker-3] " },
		/* tags that are numbers alone: pids, "w-N" */
		{ "[101] ", "[202] ", "[3003] " },
		{ "2024-05-01 12:00:03,5 [4242] ", "2024-05-01 12:00:03,5 [4243] ",
		  "2024-05-01 12:00:04,117 [4318] " },
		{ "(w-1): ", "(w-2): ", "(w-3): " },
	};
	char *text[3], *at[3];
	size_t len[3];
	struct got alone[3] = { { 0 } };

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		text[i] = read_data(names[i], &len[i]);
		parse_into(&alone[i], text[i], len[i]);
		assert_int_equal(alone[i].n, 1);
	}
	for (size_t s = 0; s < sizeof shapes / sizeof *shapes; s++) {
		struct buf log = { 0 };
		struct got g = { 0 };
		int left = 3;

		for (size_t i = 0; i < 3; i++)
			at[i] = text[i];
		while (left) {
			left = 0;
			for (size_t i = 0; i < 3; i++) {
				char *nl = at[i] ? strchr(at[i], '\n') : NULL;

				if (!nl) {
					at[i] = NULL;
					continue;
				}
				buf_adds(&log, shapes[s][i]);
				buf_add(&log, at[i], (size_t)(nl - at[i]) + 1);
				at[i] = nl + 1;
				left = 1;
			}
		}
		parse_into(&g, log.s, log.len);
		if (g.n != 3)
			fail_msg("shape %zu: %zu records instead of 3", s, g.n);
		for (size_t i = 0; i < 3; i++) {
			size_t r = 0;

			while (r < 3 && strncmp(g.recs[r]->channel, shapes[s][i],
						strlen(g.recs[r]->channel)))
				r++;
			assert_true(r < 3);
			assert_false(g.recs[r]->truncated);
			assert_int_equal(g.recs[r]->nexcs, alone[i].recs[0]->nexcs);
			for (size_t b = 0; b < g.recs[r]->nexcs; b++) {
				const struct tb_exc *e = &g.recs[r]->excs[b];
				const struct tb_exc *want = &alone[i].recs[0]->excs[b];

				assert_string_equal(e->type, want->type);
				assert_string_equal(e->message, want->message);
				assert_int_equal(e->nframes, want->nframes);
			}
		}
		got_free(&g);
		buf_fini(&log);
	}
	for (size_t i = 0; i < 3; i++) {
		free(text[i]);
		got_free(&alone[i]);
	}
}

/* A number in brackets that changes on every line is a counter, not a writer's tag: a
 * chained traceback under it stays one record, also when a lone exception line opens it. */
static void test_counter_is_no_tag(void **state)
{
	static const char chained[] =
		"[000101] Traceback (most recent call last):\n"
		"[000102]   File \"/app/a.py\", line 3, in <module>\n"
		"[000103]     go()\n"
		"[000104] KeyError: 'x'\n"
		"[000105]\n"
		"[000106] During handling of the above exception, another exception occurred:\n"
		"[000107]\n"
		"[000108] Traceback (most recent call last):\n"
		"[000109]   File \"/app/a.py\", line 5, in <module>\n"
		"[000110] TypeError: cannot pickle '_thread.lock' object\n";
	static const char lone[] =
		"[0101] KeyError: 'x'\n"
		"[0102]\n"
		"[0103] During handling of the above exception, another exception occurred:\n"
		"[0104]\n"
		"[0105] Traceback (most recent call last):\n"
		"[0106]   File \"/app/a.py\", line 5, in <module>\n"
		"[0107] TypeError: cannot pickle '_thread.lock' object\n";
	struct got g = { 0 };

	(void)state;
	parse_into(&g, LIT_ARGS(chained));
	assert_int_equal(g.n, 1);
	assert_int_equal(g.recs[0]->nexcs, 2);
	assert_int_equal(exc(&g, 0, 1)->link, TB_LINK_CONTEXT);
	got_free(&g);
	parse_into(&g, LIT_ARGS(lone));
	assert_int_equal(g.n, 1);
	assert_int_equal(g.recs[0]->nexcs, 2);
	assert_string_equal(exc(&g, 0, 0)->type, "KeyError");
	assert_int_equal(exc(&g, 0, 1)->link, TB_LINK_CONTEXT);
	got_free(&g);
}

/* When a record was written: its first line's time, or the time of the log line just
 * above it under the same prefix (a logger's line before the traceback it prints), also
 * when the reader passed that line over unread; otherwise unknown. */
static void test_when_written(void **state)
{
	static const char log[] =
		"2024-05-01 12:00:03,123 ERROR app: Traceback (most recent call last):\n"
		"2024-05-01 12:00:03,123 ERROR app:   File \"/app/x.py\", line 3, in f\n"
		"2024-05-01 12:00:03,123 ERROR app: ValueError: one\n"
		"worker-2  | 2024-05-01 12:00:04,500 ERROR task 7 failed\n"
		"worker-2  | Traceback (most recent call last):\n"
		"worker-2  |   File \"/app/x.py\", line 3, in f\n"
		"worker-2  | ValueError: two\n"
		"worker-1  | 2024-05-01 12:00:05,000 ERROR task 8 failed\n"
		"worker-2  | Traceback (most recent call last):\n"
		"worker-2  |   File \"/app/x.py\", line 3, in f\n"
		"worker-2  | ValueError: three\n";
	struct got g = { 0 };

	(void)state;
	parse_into(&g, LIT_ARGS(log));
	assert_int_equal(g.n, 3);
	assert_int_equal(g.recs[0]->written, 1714564803);
	assert_int_equal(g.recs[1]->written, 1714564804);
	assert_int_equal(g.recs[2]->written, 0);       /* the line above is another worker's */
	got_free(&g);

	/* a date inside a line that is no log record's says nothing */
	static const char prose[] =
		"processing records between 2019-01-01 00:00:00 and now\n"
		"Traceback (most recent call last):\n"
		"  File \"/app/x.py\", line 3, in f\n"
		"ValueError: five\n";
	parse_into(&g, LIT_ARGS(prose));
	assert_int_equal(g.n, 1);
	assert_int_equal(g.recs[0]->written, 0);
	got_free(&g);

	/* The line above passed over unread, as the reader does with lines of no interest. */
	struct parser *p = parser_new("x", collect, NULL, &g);
	static const char *const lines[] = {
		"Traceback (most recent call last):",
		"  File \"/app/x.py\", line 3, in f",
		"ValueError: four",
	};
	static const char above[] = "2024-05-01 12:00:06,000 ERROR job failed";
	parser_passed_over(p, above, sizeof above - 1, 41);
	for (size_t i = 0; i < 3; i++)
		parser_line(p, lines[i], strlen(lines[i]), 42 + i);
	parser_finish(p);
	parser_free(p);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.recs[0]->written, 1714564806);
	got_free(&g);
}

/* A record is handed over on the line after it, not at the end of the input. */
static void test_records_stream_out(void **state)
{
	static const char *const lines[] = {
		"Traceback (most recent call last):",
		"  File \"/app/x.py\", line 3, in f",
		"    g()",
		"ValueError: bad",
		"",
		"During handling of the above exception, another exception occurred:",
		"",
		"Traceback (most recent call last):",
		"  File \"/app/x.py\", line 5, in <module>",
		"RuntimeError: worse",
		"when loading x",
		"2024-05-01 12:00:03 INFO next",
		"more chatter",
	};
	struct got g = { 0 };
	struct parser *p = parser_new("x", collect, NULL, &g);

	(void)state;
	for (size_t i = 0; i < 11; i++) {
		parser_line(p, lines[i], strlen(lines[i]), i + 1);
		assert_int_equal(g.n, 0);
	}
	parser_line(p, lines[11], strlen(lines[11]), 12);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.recs[0]->nexcs, 2);
	assert_int_equal(g.recs[0]->last_line, 11);
	assert_int_equal(exc(&g, 0, 1)->nnotes, 1);
	parser_line(p, lines[12], strlen(lines[12]), 13);
	parser_finish(p);
	parser_free(p);
	assert_int_equal(g.n, 1);
	got_free(&g);
}

/* Unindented lines after the exception line are notes, but a program that goes on printing
 * does not keep its report open: a line past NOTES_MAX notes ends it. */
static void test_output_after_a_report(void **state)
{
	struct got g = { 0 };
	struct parser *p = parser_new("x", collect, NULL, &g);
	size_t lineno = 1;

	(void)state;
	parser_line(p, LIT_ARGS("Traceback (most recent call last):"), lineno++);
	parser_line(p, LIT_ARGS("  File \"/app/x.py\", line 3, in f"), lineno++);
	parser_line(p, LIT_ARGS("ValueError: bad"), lineno++);
	while (g.n == 0 && lineno < 1000)
		parser_line(p, LIT_ARGS("processing item"), lineno++);
	assert_int_equal(g.n, 1);
	assert_int_equal(lineno, 3 + 64 + 2);
	assert_int_equal(exc(&g, 0, 0)->nnotes, 64);
	parser_finish(p);
	parser_free(p);
	assert_int_equal(g.n, 1);
	got_free(&g);
}

static void test_bare_callback(void **state)
{
	static const char log[] =
		"Note: the cache is cold\n"
		"INFO: starting\n"
		"usage: prog [-h]\n"
		"2024-05-01 12:00:03 ERROR [w-2] job 7 failed: TypeError: cannot pickle 'x' object\n"
		"done\n";
	struct got g = { 0 };

	(void)state;
	parse_into(&g, LIT_ARGS(log));
	assert_int_equal(g.bare_asked, 1);
	assert_string_equal(g.bare_type, "TypeError");
	assert_string_equal(g.bare_message, "cannot pickle 'x' object");
	assert_int_equal(g.n, 0);
	got_free(&g);

	g.bare_answer = 1;
	parse_into(&g, LIT_ARGS(log));
	assert_int_equal(g.n, 1);
	assert_int_equal(g.recs[0]->nexcs, 1);
	assert_int_equal(g.recs[0]->first_line, 4);
	assert_int_equal(exc(&g, 0, 0)->has_header, 0);
	assert_int_equal(exc(&g, 0, 0)->type_line, 4);
	assert_string_equal(g.recs[0]->channel, "2024-05-01 12:00:03 ERROR [w-2] job 7 failed:");
	got_free(&g);

	/* no callback: never a record */
	parse_with(&g, log, sizeof log - 1, NULL);
	assert_int_equal(g.n, 0);
	got_free(&g);
}

/* pytest's "E" lines without the report around them: every "E" line after the exception
 * line is more of its message (Ray's OutOfMemoryError says its memory figures on the
 * second), up to a line without the mark. */
static void test_lone_line_pytest_marks(void **state)
{
	static const char marked[] =
		"E       ray.exceptions.OutOfMemoryError: Task was killed due to the node running low on memory.\n"
		"E       Memory on the node (IP: 10.0.0.5) was 21.91GB / 33.28GB (0.658192), which exceeds the memory usage threshold of 0.65.\n"
		"E       Ray killed this worker.\n"
		"Ran out of time.\n";
	struct got g = { 0 };

	(void)state;
	g.bare_answer = 1;
	parse_into(&g, LIT_ARGS(marked));
	assert_int_equal(g.n, 1);
	assert_string_equal(exc(&g, 0, 0)->type, "ray.exceptions.OutOfMemoryError");
	assert_string_equal(exc(&g, 0, 0)->message,
			    "Task was killed due to the node running low on memory.\n"
			    "Memory on the node (IP: 10.0.0.5) was 21.91GB / 33.28GB (0.658192), "
			    "which exceeds the memory usage threshold of 0.65.\n"
			    "Ray killed this worker.");
	assert_int_equal(g.recs[0]->last_line, 3);
	got_free(&g);
}

/* A lone exception line whose message goes on over an indented paragraph (blank lines
 * inside it), as the spawn bootstrapping RuntimeError is pasted without its traceback: the
 * whole paragraph is its message, offered to the bare callback once it is whole. */
static void test_lone_line_indented_paragraph(void **state)
{
	static const char paragraph[] =
		"It fails with this:\n"
		"  RuntimeError: \n"
		"          An attempt has been made to start a new process before the\n"
		"          current process has finished its bootstrapping phase.\n"
		"\n"
		"              if __name__ == '__main__':\n"
		"                  freeze_support()\n"
		"Any idea?\n";
	/* an indented frame line is no message: it starts a record of its own */
	static const char frame[] =
		"ValueError:\n"
		"  File \"/srv/app/run.py\", line 3, in <module>\n"
		"    main()\n"
		"KeyError: 'x'\n";
	struct got g = { 0 };

	(void)state;
	parse_into(&g, LIT_ARGS(paragraph));
	assert_int_equal(g.n, 0);
	assert_int_equal(g.bare_asked, 1);
	assert_string_equal(g.bare_type, "RuntimeError");
	assert_string_equal(g.bare_message,
			    "An attempt has been made to start a new process before the\n"
			    "current process has finished its bootstrapping phase.\n\n"
			    "    if __name__ == '__main__':\n"
			    "        freeze_support()");
	got_free(&g);

	g.bare_answer = 1;
	parse_into(&g, LIT_ARGS(paragraph));
	assert_int_equal(g.n, 1);
	assert_string_equal(exc(&g, 0, 0)->type, "RuntimeError");
	assert_int_equal(exc(&g, 0, 0)->has_header, 0);
	assert_int_equal(g.recs[0]->first_line, 2);
	assert_int_equal(g.recs[0]->last_line, 7);
	got_free(&g);

	/* the paragraph lost its indentation: its first line is the message, as under a
	 * traceback */
	g.bare_answer = 1;
	parse_into(&g, LIT_ARGS("RuntimeError:\nAn attempt has been made\ncurrent process\n"));
	assert_int_equal(g.n, 1);
	assert_string_equal(exc(&g, 0, 0)->message, "An attempt has been made");
	assert_int_equal(g.recs[0]->last_line, 2);
	got_free(&g);

	g.bare_answer = 1;
	parse_into(&g, LIT_ARGS(frame));
	assert_int_equal(g.n, 2);
	assert_string_equal(exc(&g, 0, 0)->type, "ValueError");
	assert_string_equal(exc(&g, 0, 0)->message, "");
	assert_int_equal(exc(&g, 1, 0)->nframes, 1);
	assert_string_equal(exc(&g, 1, 0)->type, "KeyError");
	got_free(&g);
}

/* A message line that a paste wrapped keeps the blank it was wrapped at: the line after it
 * goes on with the message, joined by that blank, unless it starts with a capital (prose,
 * a sentence of its own).  A line that ended without one is followed by a note. */
static void test_wrapped_message_line(void **state)
{
	static const char wrapped[] =
		"Traceback (most recent call last):\n"
		"  File \"/srv/a.py\", line 3, in <module>\n"
		"_pickle.PicklingError: Can't pickle <function f at 0x1>: it's not the same \n"
		"object as __main__.f\n";
	static const char ended[] =
		"Traceback (most recent call last):\n"
		"  File \"/srv/a.py\", line 3, in <module>\n"
		"_pickle.PicklingError: Can't pickle <function f at 0x1>: it's not the same\n"
		"object as __main__.f\n";
	static const char prose[] =
		"Traceback (most recent call last):\n"
		"  File \"/srv/a.py\", line 3, in <module>\n"
		"KeyError: 'a' \n"
		"Any idea why?\n";
	struct got g = { 0 };

	(void)state;
	parse_into(&g, LIT_ARGS(wrapped));
	assert_int_equal(g.n, 1);
	assert_string_equal(exc(&g, 0, 0)->message, "Can't pickle <function f at 0x1>: it's not "
			    "the same object as __main__.f");
	assert_int_equal(exc(&g, 0, 0)->nnotes, 0);
	got_free(&g);
	parse_into(&g, LIT_ARGS(ended));
	assert_int_equal(g.n, 1);
	assert_int_equal(exc(&g, 0, 0)->nnotes, 1);
	got_free(&g);
	parse_into(&g, LIT_ARGS(prose));
	assert_int_equal(g.n, 1);
	assert_string_equal(exc(&g, 0, 0)->message, "'a'");
	got_free(&g);
	/* the same for an exception line seen alone */
	g.bare_answer = 1;
	parse_into(&g, LIT_ARGS("AttributeError: Can't pickle local object \n'f.<locals>.g'\n"
				"Thanks.\n"));
	assert_int_equal(g.n, 1);
	assert_string_equal(exc(&g, 0, 0)->message, "Can't pickle local object 'f.<locals>.g'");
	assert_int_equal(g.recs[0]->last_line, 2);
	got_free(&g);
}

/* A traceback flattened onto one line: each frame's function name ends at a blank, the
 * text after it is its source, then the next frame or the exception line.  A bracketed name
 * with blanks ("<cell line: 3>") stays whole. */
static void test_flattened_traceback(void **state)
{
	static const char log[] =
		"> `File \"/usr/lib/python3.8/multiprocessing/pool.py\", line 372, in starmap "
		"return self._map_async(func).get() File \"/srv/a.py\", line 9, in <cell line: 3> "
		"x = f(y) _pickle.PicklingError: Can't pickle <function f at 0x1>: attribute lookup f "
		"on __main__ failed`\n";
	struct got g = { 0 };

	(void)state;
	parse_into(&g, LIT_ARGS(log));
	assert_int_equal(g.n, 1);
	const struct tb_exc *x = exc(&g, 0, 0);
	assert_int_equal(x->nframes, 2);
	assert_string_equal(x->frames[0].func, "starmap");
	assert_string_equal(x->frames[0].source, "return self._map_async(func).get()");
	assert_string_equal(x->frames[1].file, "/srv/a.py");
	assert_string_equal(x->frames[1].func, "<cell line: 3>");
	assert_string_equal(x->frames[1].source, "x = f(y)");
	assert_string_equal(x->type, "_pickle.PicklingError");
	assert_string_equal(x->message, "Can't pickle <function f at 0x1>: attribute lookup f on "
			    "__main__ failed`");
	got_free(&g);
}

/* A paste that shifted its lines unevenly: an exception line indented less than the frames
 * above it ends them; a line indented as much is still their source. */
static void test_exception_line_less_indented_than_frames(void **state)
{
	static const char log[] =
		"Traceback (most recent call last):\n"
		"   File \"/srv/a.py\", line 3, in run\n"
		"     task = get()\n"
		"   ValueError: not me, a source line\n"
		" TypeError: __init__() takes exactly 2 arguments (1 given)\n";
	struct got g = { 0 };

	(void)state;
	parse_into(&g, LIT_ARGS(log));
	assert_int_equal(g.n, 1);
	assert_int_equal(exc(&g, 0, 0)->nframes, 1);
	assert_string_equal(exc(&g, 0, 0)->frames[0].source,
			    "task = get()\nValueError: not me, a source line");
	assert_string_equal(exc(&g, 0, 0)->type, "TypeError");
	got_free(&g);
}

/* --- bounds and bad input --- */

static void test_endless_traceback_stays_bounded(void **state)
{
	struct got g = { 0 };
	struct parser *p = parser_new("x", collect, NULL, &g);
	char line[128];
	size_t lineno = 1, frames = 200000;

	(void)state;
	parser_line(p, LIT_ARGS("Traceback (most recent call last):"), lineno++);
	for (size_t i = 0; i < frames; i++) {
		int n = snprintf(line, sizeof line, "  File \"/app/f%zu.py\", line %zu, in f", i, i);

		parser_line(p, line, (size_t)n, lineno++);
		parser_line(p, LIT_ARGS("    f()"), lineno++);
	}
	parser_line(p, LIT_ARGS("RecursionError: deep"), lineno);
	parser_finish(p);
	parser_free(p);
	assert_int_equal(g.n, 1);
	const struct tb_exc *e = exc(&g, 0, 0);
	assert_int_equal(e->nframes, 128);
	assert_int_equal(e->dropped, frames - 128);
	assert_string_equal(e->frames[0].file, "/app/f0.py");
	assert_string_equal(e->frames[63].file, "/app/f63.py");
	assert_string_equal(e->frames[64].file, "/app/f199936.py");
	assert_string_equal(e->frames[127].file, "/app/f199999.py");
	assert_int_equal(e->frames[127].lineno, 199999);
	assert_string_equal(e->type, "RecursionError");
	got_free(&g);
}

/* What the bounds leave out is counted where the reports can say so: bytes of texts cut
 * short, blocks of a chain too long to keep. */
static void test_left_out_is_counted(void **state)
{
	struct got g = { 0 };
	struct buf b = { 0 };
	size_t long_file = PARSE_TEXT_MAX + 904, long_message = PARSE_MESSAGE_MAX + 4000;

	(void)state;
	for (int i = 0; i < 70; i++) {
		if (i)
			buf_adds(&b, "\nDuring handling of the above exception, another exception "
				     "occurred:\n\n");
		buf_adds(&b, "Traceback (most recent call last):\n  File \"");
		for (size_t k = 0; i == 0 && k < long_file; k++)
			buf_addc(&b, 'f');
		buf_printf(&b, "a%d.py\", line 1, in f\n    f()\nValueError: ", i);
		for (size_t k = 0; i == 69 && k < long_message; k++)
			buf_addc(&b, 'm');
		buf_printf(&b, "%d\n", i);
	}
	parse_into(&g, b.s, b.len);
	assert_int_equal(g.n, 1);
	const struct tb_record *rec = g.recs[0];
	assert_int_equal(rec->nexcs, 64);
	assert_int_equal(rec->dropped_blocks, 6);
	assert_int_equal(rec->excs[0].cut, long_file + 5 - PARSE_TEXT_MAX);
	assert_int_equal(strlen(rec->excs[0].frames[0].file), PARSE_TEXT_MAX);
	const struct tb_exc *last = &rec->excs[63];
	assert_int_equal(last->cut, long_message + 2 - PARSE_MESSAGE_MAX);
	assert_int_equal(strlen(last->message), PARSE_MESSAGE_MAX);
	for (size_t i = 1; i < 63; i++)
		assert_int_equal(rec->excs[i].cut, 0);
	char *dump = dump_all(&g, 0);
	assert_non_null(strstr(dump, " dropped_blocks=6\n"));
	assert_non_null(strstr(dump, " cut=909\n"));
	free(dump);
	got_free(&g);
	buf_fini(&b);

	/* a lone exception line, confirmed by the chain sentence after it */
	buf_adds(&b, "ValueError: ");
	for (size_t k = 0; k < long_message; k++)
		buf_addc(&b, 'm');
	buf_adds(&b, "\n\nThe above exception was the direct cause of the following exception:\n"
		     "\nTraceback (most recent call last):\n  File \"b.py\", line 2, in g\n"
		     "KeyError: 'k'\n");
	parse_into(&g, b.s, b.len);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.recs[0]->nexcs, 2);
	assert_int_equal(g.recs[0]->excs[0].cut, long_message - PARSE_MESSAGE_MAX);
	assert_int_equal(g.recs[0]->excs[1].cut, 0);
	got_free(&g);
	buf_fini(&b);
}

/* --dump=records writes log text to a terminal too: nothing in it may act there. */
static void test_dump_is_terminal_safe(void **state)
{
	struct got g = { 0 };
	static const char text[] =
		"Traceback (most recent call last):\n"
		"  File \"/app/\xe2\x80\xaegnp.py\", line 1, in f\n"
		"KeyError: \xc2\x9b" "31m \x9b \xff \xc3\xa9 \x07\n";

	(void)state;
	parse_into(&g, LIT_ARGS(text));
	char *dump = dump_all(&g, 0);
	assert_non_null(strstr(dump, "  message: \\u009b31m \\x9b \\xff \xc3\xa9 \\x07\n"));
	assert_non_null(strstr(dump, "  frame /app/\\u202egnp.py:1 in f"));
	free(dump);
	got_free(&g);
}

static void test_huge_and_binary_lines(void **state)
{
	size_t big = INPUT_LINE_MAX;
	char *junk = xmalloc(big);
	struct got g = { 0 };
	struct parser *p = parser_new("x", collect, ask_bare, &g);
	static const char pattern[] = "File \"a: b: Error: x:\x1b[1m\r\0";

	(void)state;
	for (size_t i = 0; i < big; i++)
		junk[i] = pattern[i % (sizeof pattern - 1)];
	parser_line(p, junk, big, 1);
	parser_line(p, LIT_ARGS("Traceback (most recent call last):"), 2);
	parser_line(p, junk, big, 3);
	parser_line(p, LIT_ARGS("  File \"a\0b.py\", line 1, in f"), 4);
	parser_line(p, LIT_ARGS("    x = '\0'"), 5);
	parser_line(p, LIT_ARGS("ValueError: bad \0 byte \xff\xfe"), 6);
	parser_line(p, LIT_ARGS(""), 7);
	parser_finish(p);
	parser_free(p);
	assert_int_equal(g.n, 1);
	assert_string_equal(exc(&g, 0, 0)->type, "ValueError");
	assert_int_equal(exc(&g, 0, 0)->nframes, 1);
	assert_memory_equal(exc(&g, 0, 0)->frames[0].file, "a", 2);
	got_free(&g);
	free(junk);
}

static void test_empty_input(void **state)
{
	struct got g = { 0 };

	(void)state;
	parse_into(&g, "", 0);
	assert_int_equal(g.n, 0);
	parse_into(&g, LIT_ARGS("\n\n\n"));
	assert_int_equal(g.n, 0);
	parse_into(&g, LIT_ARGS("Traceback (most recent call last):\n"));
	assert_int_equal(g.n, 0);
	got_free(&g);
}

/* The reader and the parser together, with buffer edges everywhere. */
static void test_through_input_with_small_reads(void **state)
{
	struct got direct = { 0 };
	size_t len;
	char *text = read_data("mp-pool-worker-exception.py3.13.txt", &len);

	(void)state;
	parse_into(&direct, text, len);
	char *want = dump_all(&direct, 0);
	const size_t sizes[] = { 1, 7, 64 };
	for (size_t k = 0; k < 3; k++) {
		struct got g = { 0 };
		struct input *in = input_open(DATA_DIR "mp-pool-worker-exception.py3.13.txt");
		struct parser *p = parser_new("test.log", collect, NULL, &g);
		const char *line;
		size_t n;

		input_set_read_size(in, sizes[k]);
		while (input_next(in, &line, &n) > 0)
			parser_line(p, line, n, input_lineno(in));
		parser_finish(p);
		parser_free(p);
		input_close(in);
		char *have = dump_all(&g, 0);
		assert_string_equal(have, want);
		free(have);
		got_free(&g);
	}
	free(want);
	free(text);
	got_free(&direct);
}

/* --- the dump --- */

static void test_dump_form(void **state)
{
	static const char log[] =
		"web_1  | Traceback (most recent call last):\n"
		"web_1  |   File \"/app/x.py\", line 3, in f\n"
		"web_1  |     s = \"\tx\"\n"
		"web_1  |   File \"<frozen runpy>\", line 9\n"
		"web_1  | ValueError: bad,\n"
		"web_1  | second line\n"
		"web_1  | a note\n";
	struct got g = { 0 };

	(void)state;
	parse_into(&g, LIT_ARGS(log));
	char *text = dump_all(&g, 0);
	assert_string_equal(text,
			    "record 1-7 channel=web_1  |\n"
			    "exc ValueError line 5\n"
			    "  message: bad,\\nsecond line\n"
			    "  note: a note\n"
			    "  frame /app/x.py:3 in f (input line 2)\n"
			    "    source: s = \"\\tx\"\n"
			    "  frame <frozen runpy>:9 (input line 4)\n"
			    "\n");
	free(text);
	got_free(&g);
}

static void test_dump_flags(void **state)
{
	struct got g = { 0 };

	(void)state;
	parse_data(&g, "lambda.py3.14.txt");
	char *text = dump_all(&g, 0);
	assert_non_null(strstr(text, "record 1-9\nexc AttributeError line 1 noheader\n"));
	assert_non_null(strstr(text, "exc _pickle.PicklingError line 9 link=context\n"));
	free(text);
	got_free(&g);

	parse_into(&g, LIT_ARGS("Traceback (most recent call last):\n"
				"  File \"/app/x.py\", line 3, in f\n"));
	text = dump_all(&g, 0);
	assert_string_equal(text, "record 1-2 truncated\nexc - line 0\n"
			    "  frame /app/x.py:3 in f (input line 2)\n\n");
	free(text);
	got_free(&g);
}

/* --- line recognisers --- */

static void test_exception_like_names(void **state)
{
	(void)state;
	assert_true(pl_exception_like(LIT_ARGS("KeyError")));
	assert_true(pl_exception_like(LIT_ARGS("_pickle.PicklingError")));
	assert_true(pl_exception_like(LIT_ARGS("concurrent.futures.process._RemoteTraceback")));
	assert_true(pl_exception_like(LIT_ARGS("StopIteration")));
	assert_true(pl_exception_like(LIT_ARGS("Exception")));
	assert_true(pl_exception_like(LIT_ARGS("requests.exceptions.Timeout")));
	assert_false(pl_exception_like(LIT_ARGS("Note")));
	assert_false(pl_exception_like(LIT_ARGS("INFO")));
	assert_false(pl_exception_like(LIT_ARGS("file")));
	/* a C module's lower-case exception, only under its module's name */
	assert_true(pl_exception_like(LIT_ARGS("struct.error")));
	assert_true(pl_exception_like(LIT_ARGS("socket.error")));
	assert_false(pl_exception_like(LIT_ARGS("error")));
	assert_false(pl_exception_like(LIT_ARGS("log.errors")));
	assert_false(pl_exception_like(LIT_ARGS("Traceback")));
	assert_false(pl_exception_like(LIT_ARGS("socket.timeout")));
}

static void test_line_shapes(void **state)
{
	struct pl_frame f;
	struct pl_exc e;
	long count;
	size_t at;

	(void)state;
	assert_true(pl_frame(LIT_ARGS("  File \"/a b/x.py\", line 12, in <lambda>"), &f));
	assert_int_equal(f.file_len, 9);
	assert_int_equal(f.lineno, 12);
	assert_int_equal(f.func_len, 8);
	assert_false(pl_frame(LIT_ARGS("  File /home/x.py:9"), &f));
	assert_false(pl_frame(LIT_ARGS("  File \"x.py\", line 3, in "), &f));
	assert_true(pl_find_frame(LIT_ARGS("web_1 |   File \"x.py\", line 3"), &at, &f));
	assert_int_equal(at, strlen("web_1 | "));
	assert_true(pl_caret(LIT_ARGS("      ~~~~^^^^")));
	assert_true(pl_caret(LIT_ARGS("^^^")));
	assert_false(pl_caret(LIT_ARGS("   ")));
	assert_false(pl_caret(LIT_ARGS("    x ^ y")));
	assert_true(pl_elision(LIT_ARGS("    ...<1 line>..."), &count));
	assert_int_equal(count, 1);
	assert_true(pl_repeat(LIT_ARGS("  [Previous line repeated 996 more times]"), &count));
	assert_int_equal(count, 996);
	assert_true(pl_exception(LIT_ARGS("KeyboardInterrupt"), &e));
	assert_int_equal(e.colon, 0);
	assert_true(pl_exception(LIT_ARGS("RuntimeError:"), &e));
	assert_int_equal(e.colon, 1);
	assert_int_equal(e.message_len, 0);
	assert_true(pl_exception(LIT_ARGS("__main__.f.<locals>.Oops: x"), &e));
	assert_int_equal(e.type_len, 24);
	assert_false(pl_exception(LIT_ARGS("Exception in thread Thread-1:"), &e));
	assert_true(pl_find_bare(LIT_ARGS("ERROR:root:TypeError: no"), &at, &e));
	assert_int_equal(at, 11);
	assert_false(pl_find_bare(LIT_ARGS("Exception ignored in: <function f at 0x1>"), &at, &e));
	/* retyped without the blank after the colon; a time or a URL is no such line */
	assert_true(pl_find_bare(LIT_ARGS("RuntimeError:An attempt"), &at, &e));
	assert_int_equal(e.type_len, 12);
	assert_int_equal(e.message_len, 10);
	assert_false(pl_find_bare(LIT_ARGS("at 12:00:03 see http://Example.org"), &at, &e));
	/* a full-width colon glued to the type is no part of its name */
	assert_true(pl_find_bare(LIT_ARGS("报错了：AttributeError: x"), &at, &e));
	assert_int_equal(at, strlen("报错了："));
	assert_int_equal(e.type_len, 14);
	/* prose in another script glued to the type; a name in that script alone stays */
	assert_true(pl_find_bare(LIT_ARGS("运行时报错AttributeError: x"), &at, &e));
	assert_int_equal(at, strlen("运行时报错"));
	assert_int_equal(e.type_len, 14);
	assert_true(pl_find_bare(LIT_ARGS("Ошибка:"), &at, &e));
	assert_int_equal(at, 0);
	assert_int_equal(pl_quote(LIT_ARGS("'''")), '\'');
	assert_int_equal(pl_quote(LIT_ARGS("\"\"\"x")), 0);
	assert_int_equal(pl_chain(LIT_ARGS("> The above exception was the direct cause of the "
					   "following exception:"), &at), TB_LINK_CAUSE);
	assert_int_equal(at, 2);
}

/* --- messages read inside prose, and the lines near a record --- */

static int mention_glom(const char *line, size_t len, int informational, void *arg)
{
	(void)arg;
	return !informational && memmem(line, len, "cannot glom", 11) != NULL;
}

/* A wording its library logs at INFO, and one it does not. */
static int mention_logged(const char *line, size_t len, int informational, void *arg)
{
	(void)arg;
	return memmem(line, len, "was killed by signal", 20) != NULL ||
	       (!informational && memmem(line, len, "cannot glom", 11) != NULL);
}

static void parse_mentions(struct got *g, const char *text, parse_mention_fn mention)
{
	struct parser *p = parser_new("x", collect, NULL, g);
	size_t lineno = 0, len = strlen(text);

	parser_set_mention(p, mention);
	while (len) {
		const char *nl = memchr(text, '\n', len);
		size_t n = nl ? (size_t)(nl - text) : len;

		parser_line(p, text, n, ++lineno);
		if (!nl)
			break;
		text += n + 1;
		len -= n + 1;
	}
	parser_finish(p);
	parser_free(p);
}

static void test_mention_becomes_a_record(void **state)
{
	static const char text[] =
		"first words\n"
		"my run stops with cannot glom 'x' at start\n"
		"and nothing else\n";
	struct got g = { 0 };

	(void)state;
	parse_mentions(&g, text, mention_glom);
	assert_int_equal(g.n, 1);
	const struct tb_exc *x = &g.recs[0]->excs[0];
	assert_true(x->mentioned);
	assert_string_equal(x->type, "");
	assert_string_equal(x->message, "my run stops with cannot glom 'x' at start");
	assert_int_equal(g.recs[0]->first_line, 2);
	/* the line before and the record's own line come along */
	assert_int_equal(g.recs[0]->nnear, 2);
	assert_string_equal(g.recs[0]->near[0].text, "first words");
	assert_int_equal(g.recs[0]->near[1].lineno, 2);
	got_free(&g);
	/* without the callback, prose stays prose */
	parse_mentions(&g, text, NULL);
	assert_int_equal(g.n, 0);
	got_free(&g);
}

/* A traceback cut after its last frame, whose source line raises a message a signature
 * knows: the raise line is read as a mention of it; a cut after another line, or a raise
 * of a message nothing knows, stays a traceback without exception line (or nothing). */
static void test_cut_raise_line_is_a_mention(void **state)
{
	static const char cut[] =
		"Traceback (most recent call last):\n"
		"  File \"/srv/app/run.py\", line 3, in <module>\n"
		"    glom(spec)\n"
		"  File \"/usr/lib/python3/glom/core.py\", line 9, in glom\n"
		"    raise GlomError('cannot glom %r' % spec)\n";
	static const char headless[] =
		"    glom(spec)\n"
		"  File \"/usr/lib/python3/glom/core.py\", line 9, in glom\n"
		"    raise GlomError('cannot glom %r' % spec)\n";
	static const char not_raise[] =
		"Traceback (most recent call last):\n"
		"  File \"/srv/app/run.py\", line 3, in <module>\n"
		"    log('cannot glom yet')\n";
	struct got g = { 0 };

	(void)state;
	parse_mentions(&g, cut, mention_glom);
	assert_int_equal(g.n, 1);
	const struct tb_exc *x = &g.recs[0]->excs[0];
	assert_true(x->mentioned);
	assert_int_equal(x->nframes, 2);
	assert_string_equal(x->message, "raise GlomError('cannot glom %r' % spec)");
	got_free(&g);
	/* a paste that starts below its header is kept for the same reason */
	parse_mentions(&g, headless, mention_glom);
	assert_int_equal(g.n, 1);
	assert_true(g.recs[0]->excs[0].mentioned);
	got_free(&g);
	parse_mentions(&g, not_raise, mention_glom);
	assert_int_equal(g.n, 1);
	assert_false(g.recs[0]->excs[0].mentioned);
	assert_string_equal(g.recs[0]->excs[0].message, "");
	got_free(&g);
	parse_mentions(&g, cut, NULL);
	assert_int_equal(g.n, 1);
	assert_false(g.recs[0]->excs[0].mentioned);
	got_free(&g);
}

/* A log record's line at an informational level mentions a failure in passing; one at
 * a warning or error level, or prose, reports it.  Past the lines read all
 * (PARSE_READ_ALL_LINES) a line without a mark is not read for mentions, wherever the
 * reads of the input fall. */
static void test_mentions_in_quiet_log_lines_and_past_the_window(void **state)
{
	static const char logged[] =
		"2024-05-01 10:00:01 INFO cache: cannot glom 'x' is expected here\n"
		"[DEBUG] cannot glom 'y' handled\n"
		"2024-05-01 10:00:02 ERROR cannot glom 'z' in the loader\n"
		"the INFORMATION desk says cannot glom 'w'\n";
	struct got g = { 0 };
	struct buf late = { 0 };

	(void)state;
	parse_mentions(&g, logged, mention_glom);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.recs[0]->excs[0].message,
			    "2024-05-01 10:00:02 ERROR cannot glom 'z' in the loader");
	assert_string_equal(g.recs[1]->excs[0].message, "the INFORMATION desk says cannot glom 'w'");
	got_free(&g);
	for (size_t i = 0; i < PARSE_READ_ALL_LINES; i++)
		buf_adds(&late, "worker started ok\n");
	buf_adds(&late, "then cannot glom 'x' happened\n");
	parse_mentions(&g, late.s, mention_glom);
	assert_int_equal(g.n, 0);
	got_free(&g);
	buf_fini(&late);
	/* the parser says which lines are informational; the caller knows what is logged there */
	parse_mentions(&g, "2022-04-16 22:14:48,491 - distributed.nanny - INFO - Worker process 150 "
			   "was killed by signal 9\n" "2024-05-01 10:00:01 INFO cannot glom 'x'\n",
		       mention_logged);
	assert_int_equal(g.n, 1);
	assert_true(g.recs[0]->excs[0].mentioned);
	assert_int_equal(g.recs[0]->first_line, 1);
	got_free(&g);
}

/* A mention on a line of an indented paragraph: the message goes on over the paragraph's
 * indented lines (blank lines inside it, "> " quoting kept off), and stops at the first
 * line back at the margin; a mention in a sentence stays one line. */
static void test_mention_in_a_paragraph(void **state)
{
	static const char quoted[] =
		"> as we see:\n"
		">     it cannot glom the\n"
		">     whole thing\n"
		">\n"
		">         x = glom()\n"
		"> any idea?\n";
	static const char sentence[] =
		"it cannot glom the\n"
		"    indented code after a sentence\n";
	struct got g = { 0 };

	(void)state;
	parse_mentions(&g, quoted, mention_glom);
	assert_int_equal(g.n, 1);
	assert_true(g.recs[0]->excs[0].mentioned);
	assert_string_equal(g.recs[0]->excs[0].message,
			    "    it cannot glom the\nwhole thing\n\n    x = glom()");
	assert_int_equal(g.recs[0]->first_line, 2);
	assert_int_equal(g.recs[0]->last_line, 5);
	got_free(&g);
	parse_mentions(&g, sentence, mention_glom);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.recs[0]->excs[0].message, "it cannot glom the");
	got_free(&g);

	size_t q;
	assert_true(pl_paragraph(LIT_ARGS(">>     text"), &q));
	assert_int_equal(q, 3);
	assert_true(pl_paragraph(LIT_ARGS("`        An attempt"), &q));
	assert_int_equal(q, 0);
	assert_true(pl_paragraph(LIT_ARGS("\tAn attempt"), &q));
	assert_false(pl_paragraph(LIT_ARGS("> An attempt  has"), &q));
	assert_false(pl_paragraph(LIT_ARGS(" An attempt"), &q));
}

static void test_record_carries_lines_before(void **state)
{
	static const char text[] =
		"    net = pickle.load(f)\n"
		"prose\n"
		"Traceback (most recent call last):\n"
		"  File \"a.py\", line 1, in <module>\n"
		"KeyError: 'x'\n";
	struct got g = { 0 };

	(void)state;
	parse_mentions(&g, text, NULL);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.recs[0]->nnear, 3);
	assert_string_equal(g.recs[0]->near[0].text, "    net = pickle.load(f)");
	assert_string_equal(g.recs[0]->near[2].text, "Traceback (most recent call last):");
	got_free(&g);
}

/* --- IPython's layout --- */

/* IPython 8.12's output of a cell whose worker's result could not be pickled: the
 * _RemoteTraceback block with its quoted traceback, then the cell's block after the chain
 * sentence, under an IPython header of its own; frames in both forms, the arrowed line as
 * the source, qualified names as CPython prints them. */
static void test_ipython_chain(void **state)
{
	struct got g = { 0 };

	(void)state;
	parse_data(&g, "ipython-result-chain.ipython8.12.txt");
	assert_int_equal(g.n, 1);
	const struct tb_record *rec = g.recs[0];
	assert_int_equal(rec->nexcs, 3);
	assert_false(rec->truncated);
	const struct tb_exc *quoted = exc(&g, 0, 1);
	assert_string_equal(quoted->carrier, "_RemoteTraceback");
	assert_int_equal(quoted->nframes, 3);
	assert_string_equal(quoted->frames[0].func, "_sendback_result");
	const struct tb_exc *cell = exc(&g, 0, 2);
	assert_int_equal(cell->link, TB_LINK_CAUSE);
	assert_string_equal(cell->type, "AttributeError");
	assert_string_equal(cell->message, "Can't pickle local object 'make_scorer.<locals>.<lambda>'");
	assert_int_equal(cell->nframes, 3);
	assert_string_equal(cell->frames[0].file, "Cell In[3]");
	assert_int_equal(cell->frames[0].lineno, 2);
	assert_null(cell->frames[0].func);
	assert_string_equal(cell->frames[0].source, "scorer = ex.submit(make_scorer, 3).result()");
	assert_string_equal(cell->frames[1].file,
			    "~/.pyenv/versions/3.11.7/lib/python3.11/concurrent/futures/_base.py");
	assert_int_equal(cell->frames[1].lineno, 456);
	assert_string_equal(cell->frames[1].func, "result");
	assert_string_equal(cell->frames[1].source, "return self.__get_result()");
	assert_string_equal(cell->frames[2].func, "__get_result");
	assert_string_equal(cell->frames[2].source, "raise self._exception");
	got_free(&g);
}

/* IPython 8.5 in colour, with its "skipping similar frames" line between the frames of a
 * recursion: the escapes go, the frames stay. */
static void test_ipython_color_recursion(void **state)
{
	struct got g = { 0 };

	(void)state;
	parse_data(&g, "ipython-recursion-color.ipython8.5.txt");
	assert_int_equal(g.n, 1);
	const struct tb_exc *x = exc(&g, 0, 0);
	assert_string_equal(x->type, "RecursionError");
	assert_int_equal(x->nframes, 4);
	assert_string_equal(x->frames[0].file, "Cell In [3]");
	assert_string_equal(x->frames[0].source, "copy = pickle.loads(pickle.dumps(p))");
	assert_string_equal(x->frames[3].file, "/srv/notebooks/store.py");
	assert_int_equal(x->frames[3].lineno, 18);
	assert_string_equal(x->frames[3].func, "__getattr__");
	assert_string_equal(x->frames[3].source, "return getattr(self._target, name)");
	got_free(&g);
}

/* IPython 7's frames name no line: the arrowed line gives it.  A frame line broken after
 * its comma takes its function from the next line.  Lines of IPython's shape outside an
 * IPython header are left alone. */
static void test_ipython_old_and_wrapped(void **state)
{
	static const char old[] =
		"TypeError                                 Traceback (most recent call last)\n"
		"<ipython-input-8-7e6a36b7b135> in <module>\n"
		"      5 p = pickle.dumps(wp)\n"
		"----> 6 q = pickle.loads(p)\n"
		"\n"
		"~/lib/python3.8/pickle.py in load(self, file)\n"
		"   1376 \n"
		"-> 1378     return Unpickler(file).load()\n"
		"\n"
		"... last 1 frames repeated, from the frame below ...\n"
		"\n"
		"TypeError: boom\n";
	static const char wrapped[] =
		"ValueError                                Traceback (most recent call last)\n"
		"File ~/x.pyx:390,\n"
		"in a.b.C.__setstate__()\n"
		"\n"
		"ValueError: bad\n";
	static const char stray[] =
		"~/lib/python3.8/pickle.py in load(self, file)\n"
		"----> 6 q = pickle.loads(p)\n";
	struct got g = { 0 };

	(void)state;
	parse_into(&g, LIT_ARGS(old));
	assert_int_equal(g.n, 1);
	const struct tb_exc *x = exc(&g, 0, 0);
	assert_int_equal(x->nframes, 2);
	assert_string_equal(x->frames[0].file, "<ipython-input-8-7e6a36b7b135>");
	assert_int_equal(x->frames[0].lineno, 6);
	assert_string_equal(x->frames[0].func, "<module>");
	assert_string_equal(x->frames[0].source, "q = pickle.loads(p)");
	assert_int_equal(x->frames[1].lineno, 1378);
	assert_string_equal(x->frames[1].func, "load");
	assert_string_equal(x->message, "boom");
	got_free(&g);

	parse_into(&g, LIT_ARGS(wrapped));
	assert_int_equal(g.n, 1);
	x = exc(&g, 0, 0);
	assert_int_equal(x->nframes, 1);
	assert_int_equal(x->frames[0].lineno, 390);
	assert_string_equal(x->frames[0].func, "__setstate__");
	got_free(&g);

	parse_with(&g, LIT_ARGS(stray), NULL);
	assert_int_equal(g.n, 0);
	got_free(&g);
}

static void test_ipython_line_shapes(void **state)
{
	struct pl_frame f;
	const char *code;
	size_t at, code_len;
	long lineno;

	(void)state;
	assert_true(pl_ipython_header(LIT_ARGS("UnpicklingError                           "
					       "Traceback (most recent call last)"), &at));
	assert_int_equal(at, 0);
	assert_true(pl_ipython_header(LIT_ARGS("> _RemoteTraceback      Traceback (most recent "
					       "call last)"), &at));
	assert_int_equal(at, 2);
	assert_false(pl_ipython_header(LIT_ARGS("Traceback (most recent call last):"), &at));
	assert_false(pl_ipython_header(LIT_ARGS("ERROR    Traceback (most recent call last)"), &at));
	assert_false(pl_ipython_header(LIT_ARGS("KeyErrorTraceback (most recent call last)"), &at));

	assert_true(pl_ipython_frame(LIT_ARGS("Cell In[124], line 36, in train(model, epochs)"), &f));
	assert_int_equal(f.file_len, strlen("Cell In[124]"));
	assert_int_equal(f.lineno, 36);
	assert_int_equal(f.func_len, strlen("train"));
	assert_true(pl_ipython_frame(LIT_ARGS("Input In [3], in <cell line: 7>()"), &f));
	assert_int_equal(f.lineno, 7);
	assert_int_equal(f.func_len, strlen("<cell line: 7>"));
	assert_true(pl_ipython_frame(LIT_ARGS("File c:\\Users\\me\\train.py:150"), &f));
	assert_int_equal(f.file_len, strlen("c:\\Users\\me\\train.py"));
	assert_int_equal(f.lineno, 150);
	assert_null(f.func);
	assert_true(pl_ipython_frame(LIT_ARGS("/tmp/ipykernel_1437/1124331671.py in <module>"), &f));
	assert_int_equal(f.file_len, strlen("/tmp/ipykernel_1437/1124331671.py"));
	assert_true(pl_ipython_frame(LIT_ARGS("~/a/f.py in g.<locals>.h(x, *args)"), &f));
	assert_int_equal(f.func_len, 1);
	assert_false(pl_ipython_frame(LIT_ARGS("  File \"x.py\", line 3, in f"), &f));
	assert_false(pl_ipython_frame(LIT_ARGS("the bug in load(file)"), &f));
	assert_false(pl_ipython_frame(LIT_ARGS("see docs/setup.md in full"), &f));
	assert_true(pl_ipython_frame(LIT_ARGS("C:\\Program Files\\a.py in f()"), &f));
	assert_false(pl_ipython_frame(LIT_ARGS("File my notes:3"), &f) && f.func);

	assert_int_equal(pl_ipython_source(LIT_ARGS("----> 7 x = f()"), &lineno, &code,
					   &code_len), 2);
	assert_int_equal(lineno, 7);
	assert_int_equal(code_len, strlen("x = f()"));
	assert_int_equal(pl_ipython_source(LIT_ARGS("     6     y = 1"), &lineno, &code,
					   &code_len), 1);
	assert_int_equal(pl_ipython_source(LIT_ARGS("    result = 1"), &lineno, &code,
					   &code_len), 0);
	assert_int_equal(pl_ipython_source(LIT_ARGS("--- 7 x"), &lineno, &code, &code_len), 0);
	assert_true(pl_ipython_skip(LIT_ARGS("    [... skipping similar frames: f at line 6 "
					     "(2978 times)]")));
	assert_false(pl_ipython_skip(LIT_ARGS("... and more")));
	assert_int_equal(pl_prompt(LIT_ARGS(">>> x = 1"), &code, &code_len), 1);
	assert_int_equal(code_len, strlen("x = 1"));
	assert_int_equal(pl_prompt(LIT_ARGS("..."), &code, &code_len), 2);
	assert_int_equal(code_len, 0);
	assert_int_equal(pl_prompt(LIT_ARGS(">>>> x"), &code, &code_len), 0);
	assert_int_equal(pl_prompt(LIT_ARGS("...<1 line>..."), &code, &code_len), 0);
}

/* --- the interactive interpreter --- */

/* A terminal's REPL session (3.9, CRs kept): the frame "<stdin>", line 2, in <module> shows
 * no source; the statement echoed before the traceback, over two prompts, gives it. */
static void test_stdin_frame_takes_the_echoed_statement(void **state)
{
	struct got g = { 0 };

	(void)state;
	parse_data(&g, "repl-load.py3.9.txt");
	assert_int_equal(g.n, 1);
	const struct tb_exc *x = exc(&g, 0, 0);
	assert_string_equal(x->type, "EOFError");
	assert_int_equal(x->nframes, 1);
	assert_string_equal(x->frames[0].file, "<stdin>");
	assert_int_equal(x->frames[0].lineno, 2);
	assert_string_equal(x->frames[0].source, "cache = pickle.load(f)");
	got_free(&g);
}

/* Only the outermost "<module>" frame is the statement typed last; output of the statement
 * may come between; a statement without that many lines, or none, gives nothing. */
static void test_stdin_source_only_where_it_is_known(void **state)
{
	static const char output[] =
		">>> x = load_all('a.pkl')\n"
		"loading a.pkl\n"
		"Traceback (most recent call last):\n"
		"  File \"<stdin>\", line 1, in <module>\n"
		"  File \"<stdin>\", line 3, in load_all\n"
		"EOFError: Ran out of input\n";
	static const char too_short[] =
		">>> x = load_all('a.pkl')\n"
		"Traceback (most recent call last):\n"
		"  File \"<stdin>\", line 2, in <module>\n"
		"EOFError: Ran out of input\n";
	static const char no_prompt[] =
		"x = load_all('a.pkl')\n"
		"Traceback (most recent call last):\n"
		"  File \"<stdin>\", line 1, in <module>\n"
		"EOFError: Ran out of input\n";
	struct got g = { 0 };

	(void)state;
	parse_into(&g, LIT_ARGS(output));
	assert_int_equal(g.n, 1);
	assert_string_equal(exc(&g, 0, 0)->frames[0].source, "x = load_all('a.pkl')");
	assert_null(exc(&g, 0, 0)->frames[1].source);
	got_free(&g);
	parse_into(&g, LIT_ARGS(too_short));
	assert_null(exc(&g, 0, 0)->frames[0].source);
	got_free(&g);
	parse_into(&g, LIT_ARGS(no_prompt));
	assert_null(exc(&g, 0, 0)->frames[0].source);
	got_free(&g);
}

/* A paste that starts at an IPython frame line, without the header (cut from the real
 * capture tests/captures/pasted/notebook/raw/session_load.ipython8.12.txt). */
static void test_ipython_frames_without_header(void **state)
{
	static const char cut[] =
		"File /srv/notebooks/store.py:8, in read_results(path)\n"
		"      6 def read_results(path):\n"
		"      7     with open(path, \"rb\") as f:\n"
		"----> 8         return pickle.load(f)\n"
		"\n"
		"UnpicklingError: pickle data was truncated\n";
	struct got g = { 0 };

	(void)state;
	parse_into(&g, LIT_ARGS(cut));
	assert_int_equal(g.n, 1);
	const struct tb_exc *x = exc(&g, 0, 0);
	assert_false(x->has_header);
	assert_int_equal(x->nframes, 1);
	assert_string_equal(x->frames[0].func, "read_results");
	assert_string_equal(x->frames[0].source, "return pickle.load(f)");
	assert_string_equal(x->type, "UnpicklingError");
	got_free(&g);
}

/* --- pytest --- */

/* pytest --tb=short (a real capture, tests/captures/pasted/notebook/raw/): "path:N: in f"
 * lines with the source under them, the "E" line, and the summary's repeat left out. */
static void test_pytest_short_form(void **state)
{
	struct got g = { 0 };

	(void)state;
	g.bare_answer = 1;
	parse_data(&g, "pytest-load-short.py3.11.txt");
	assert_int_equal(g.n, 1);
	const struct tb_exc *x = exc(&g, 0, 0);
	assert_string_equal(x->type, "EOFError");
	assert_string_equal(x->message, "Ran out of input");
	assert_int_equal(x->nframes, 2);
	assert_string_equal(x->frames[1].file, "test_store.py");
	assert_int_equal(x->frames[1].lineno, 6);
	assert_string_equal(x->frames[1].func, "read_state");
	assert_string_equal(x->frames[1].source, "return pickle.load(f)");
	got_free(&g);
}

static void test_pytest_line_shapes(void **state)
{
	struct pl_frame f;
	const char *t;
	size_t len;

	(void)state;
	assert_int_equal(pl_pytest_rule(LIT_ARGS("_______ test_state_loads _______")), 1);
	assert_int_equal(pl_pytest_rule(LIT_ARGS("_ _ _ _ _ _ _ _")), 2);
	assert_int_equal(pl_pytest_rule(LIT_ARGS("__init__")), 0);
	assert_int_equal(pl_pytest_rule(LIT_ARGS("==== FAILURES ====")), 0);
	assert_int_equal(pl_pytest_frame(LIT_ARGS("W:\\Python38\\lib\\process.py:121: in start"), &f),
			 1);
	assert_int_equal(f.file_len, strlen("W:\\Python38\\lib\\process.py"));
	assert_int_equal(f.lineno, 121);
	assert_int_equal(f.func_len, strlen("start"));
	assert_int_equal(pl_pytest_frame(LIT_ARGS("test_jobs.py:22: RecursionError"), &f), 2);
	assert_null(f.func);
	assert_int_equal(pl_pytest_frame(LIT_ARGS("test_jobs.py:14: "), &f), 2);
	assert_int_equal(pl_pytest_frame(LIT_ARGS("test_jobs.py:14:"), &f), 2);
	assert_int_equal(pl_pytest_frame(LIT_ARGS("/srv/t.py:6: EOFError: Ran out of input"), &f), 3);
	assert_int_equal(f.lineno, 6);
	assert_int_equal(pl_pytest_frame(LIT_ARGS("see notes.txt:3: it broke"), &f), 0);
	assert_int_equal(pl_pytest_frame(LIT_ARGS("12:00:03: INFO started"), &f), 0);
	assert_true(pl_pytest_ran(LIT_ARGS(">       return pickle.load(f)"), &t, &len));
	assert_int_equal(len, strlen("return pickle.load(f)"));
	assert_true(pl_pytest_error(LIT_ARGS("E       EOFError: Ran out of input"), &t, &len));
	assert_int_equal(len, strlen("EOFError: Ran out of input"));
	assert_false(pl_pytest_error(LIT_ARGS("Error: x"), &t, &len));
	assert_true(pl_pytest_summary(LIT_ARGS("FAILED test_a.py::test_b - EOFError: Ran out...")));
	assert_false(pl_pytest_summary(LIT_ARGS("FAILED to start - EOFError: x")));
}

/* VS Code's exception widget: the type on the first line, the message on the next, the
 * frames after it (the layout of tests/corpus/pasted/notebook/vscode-load.py3.11.txt). */
static void test_vscode_exception(void **state)
{
	static const char widget[] =
		"Exception has occurred: EOFError       (note: full exception trace is shown but "
		"execution is paused at: <module>)\n"
		"Ran out of input\n"
		"  File \"/srv/notebooks/test_store.py\", line 6, in read_state\n"
		"    return pickle.load(f)\n"
		"\n"
		"Exception has occurred: RuntimeError\n";
	struct pl_exc e;
	struct got g = { 0 };

	(void)state;
	assert_true(pl_vscode_header(LIT_ARGS("Exception has occurred: pickle.PicklingError"), &e));
	assert_int_equal(e.type_len, strlen("pickle.PicklingError"));
	assert_false(pl_vscode_header(LIT_ARGS("Exception has occurred: see below"), &e));
	parse_into(&g, LIT_ARGS(widget));
	assert_int_equal(g.n, 2);
	const struct tb_exc *x = exc(&g, 0, 0);
	assert_string_equal(x->type, "EOFError");
	assert_string_equal(x->message, "Ran out of input");
	assert_int_equal(x->nframes, 1);
	assert_string_equal(x->frames[0].source, "return pickle.load(f)");
	assert_string_equal(exc(&g, 1, 0)->message, "");
	got_free(&g);
}

/* loguru's diagnose mode: values under a source line, the frame that raised marked "> ". */
static void test_loguru_annotations(void **state)
{
	static const char text[] =
		"Traceback (most recent call last):\n"
		"  File \"/app/run.py\", line 9, in <module>\n"
		"    save(state)\n"
		"    \xe2\x94\x94 <object object at 0x7f0>\n"
		"> File \"/app/store.py\", line 4, in save\n"
		"    pickle.dump(state, f)\n"
		"    \xe2\x94\x82           \xe2\x94\x94 <_io.BufferedWriter name='s.pkl'>\n"
		"    \xe2\x94\x94 <object object at 0x7f0>\n"
		"\n"
		"TypeError: cannot pickle 'object' object\n";
	struct got g = { 0 };

	(void)state;
	assert_true(pl_annotation(LIT_ARGS("          \xe2\x94\x82    \xe2\x94\x94 'x'")));
	assert_false(pl_annotation(LIT_ARGS("    x = 1")));
	parse_into(&g, LIT_ARGS(text));
	assert_int_equal(g.n, 1);
	const struct tb_exc *x = exc(&g, 0, 0);
	assert_int_equal(x->nframes, 2);
	assert_string_equal(x->frames[0].source, "save(state)");
	assert_string_equal(x->frames[1].func, "save");
	assert_string_equal(x->frames[1].source, "pickle.dump(state, f)");
	assert_string_equal(x->type, "TypeError");
	got_free(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_py27_deep_recursion_is_bounded),
		cmocka_unit_test(test_py27_frames),
		cmocka_unit_test(test_py36_process_header_and_two_reports),
		cmocka_unit_test(test_py36_context_chain),
		cmocka_unit_test(test_nul_in_message_is_kept),
		cmocka_unit_test(test_py311_carets_are_dropped),
		cmocka_unit_test(test_py313_elided_lines),
		cmocka_unit_test(test_spawn_message_py37),
		cmocka_unit_test(test_spawn_message_py312),
		cmocka_unit_test(test_spawn_py313_elision_and_next_report),
		cmocka_unit_test(test_py314_bare_line_before_chain),
		cmocka_unit_test(test_py314_notes),
		cmocka_unit_test(test_notes_that_look_like_messages),
		cmocka_unit_test(test_warning_after_report_is_no_note),
		cmocka_unit_test(test_remote_traceback),
		cmocka_unit_test(test_remote_traceback_both_quotes),
		cmocka_unit_test(test_spawn_carrier),
		cmocka_unit_test(test_carrier_ending_a_traceback),
		cmocka_unit_test(test_repeated_frames),
		cmocka_unit_test(test_colour),
		cmocka_unit_test(test_syntax_error_frames),
		cmocka_unit_test(test_thread_and_unraisable_headers),
		cmocka_unit_test(test_exception_group),
		cmocka_unit_test(test_other_tools_make_no_garbage),
		cmocka_unit_test(test_message_over_a_blank_line),
		cmocka_unit_test(test_message_in_a_box),
		cmocka_unit_test(test_bare_lines_and_open_messages),
		cmocka_unit_test(test_every_line_timestamped),
		cmocka_unit_test(test_every_line_under_a_worker_tag),
		cmocka_unit_test(test_markdown_quoting),
		cmocka_unit_test(test_docker_compose),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_lost_indentation),
		cmocka_unit_test(test_truncated_before_exception_line),
		cmocka_unit_test(test_logger_shapes),
		cmocka_unit_test(test_interleaved_workers),
		cmocka_unit_test(test_interleaved_captures),
		cmocka_unit_test(test_counter_is_no_tag),
		cmocka_unit_test(test_when_written),
		cmocka_unit_test(test_records_stream_out),
		cmocka_unit_test(test_output_after_a_report),
		cmocka_unit_test(test_bare_callback),
		cmocka_unit_test(test_lone_line_indented_paragraph),
		cmocka_unit_test(test_lone_line_pytest_marks),
		cmocka_unit_test(test_wrapped_message_line),
		cmocka_unit_test(test_flattened_traceback),
		cmocka_unit_test(test_exception_line_less_indented_than_frames),
		cmocka_unit_test(test_endless_traceback_stays_bounded),
		cmocka_unit_test(test_left_out_is_counted),
		cmocka_unit_test(test_dump_is_terminal_safe),
		cmocka_unit_test(test_huge_and_binary_lines),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_through_input_with_small_reads),
		cmocka_unit_test(test_dump_form),
		cmocka_unit_test(test_dump_flags),
		cmocka_unit_test(test_exception_like_names),
		cmocka_unit_test(test_line_shapes),
		cmocka_unit_test(test_mention_becomes_a_record),
		cmocka_unit_test(test_cut_raise_line_is_a_mention),
		cmocka_unit_test(test_mentions_in_quiet_log_lines_and_past_the_window),
		cmocka_unit_test(test_mention_in_a_paragraph),
		cmocka_unit_test(test_record_carries_lines_before),
		cmocka_unit_test(test_ipython_chain),
		cmocka_unit_test(test_ipython_color_recursion),
		cmocka_unit_test(test_ipython_old_and_wrapped),
		cmocka_unit_test(test_ipython_line_shapes),
		cmocka_unit_test(test_stdin_frame_takes_the_echoed_statement),
		cmocka_unit_test(test_stdin_source_only_where_it_is_known),
		cmocka_unit_test(test_ipython_frames_without_header),
		cmocka_unit_test(test_pytest_short_form),
		cmocka_unit_test(test_pytest_line_shapes),
		cmocka_unit_test(test_vscode_exception),
		cmocka_unit_test(test_loguru_annotations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
