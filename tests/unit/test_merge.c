/*
 * test_merge.c: reports written by the JSON and ndjson reporters read back and merged:
 * counts add up by fingerprint, the earliest occurrence stays with its host, the hosts
 * that saw each failure are kept, an ndjson stream's repeats and summary give its final
 * counts, and what is no report is refused while the rest is still merged.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "group.h"
#include "helpers.h"
#include "infer.h"
#include "match.h"
#include "merge.h"
#include "plan.h"

#define PLAYBOOK(ID, EXC)                                                               \
	"id: " ID "\ntitle: T\nmeans: m\nsignatures:\n"                                 \
	"  - {exception: '" EXC "', pattern: '(?<subject>.+)'}\n"                       \
	"causes:\n  - {id: c, title: C, prior: 1}\n"                                    \
	"first_ten_minutes: ['look at {{subject}}']\nfix: [f]\n"                          \
	"verify:\n  - {run: x, before: y, after: z}\n"                                  \
	"samples: {match: [], no_match: []}\n"

struct fixture {
	struct kb *kb;
	struct regex_cache *rc;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	const char *beta = PLAYBOOK("beta", "BetaError");

	f->kb = kb_from_yaml("a.yaml", PLAYBOOK("alpha", "AlphaError"));
	assert_int_equal(kb_load_text(f->kb, "b.yaml", beta, strlen(beta)), 0);
	f->rc = regex_cache_new();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	regex_cache_free(f->rc);
	kb_free(f->kb);
	free(f);
	return 0;
}

/* One failure as a host's run makes it: TYPE: MESSAGE at LINE, seen at SEEN, N times. */
struct occurrence {
	const char *type;
	const char *message;
	size_t line;
	time_t seen;
	size_t n;
};

/* The report a host with the label host=HOST writes of its occurrences, in FORMAT; the
 * caller frees it. */
static char *report_of(const struct fixture *f, const char *host, enum report_format format,
		       const struct occurrence *occ, size_t nocc)
{
	struct groups *g = groups_new();
	struct report_input in;
	char label[64], *text = NULL;
	size_t len = 0;

	for (size_t i = 0; i < nocc; i++) {
		for (size_t k = 0; k < occ[i].n; k++) {
			struct tb_record *rec = new_record(occ[i].line + k);
			add_block(rec, occ[i].type, occ[i].message, 0, NULL);
			struct finding *fd = match_record(f->kb, f->rc, rec);
			assert_non_null(fd);
			fd->record = rec;
			fd->first_seen = occ[i].seen;
			infer_rank(f->rc, fd);
			plan_build(fd);
			groups_add(g, fd);
		}
	}
	groups_finish(g, &in);
	snprintf(label, sizeof label, "host=%s", host);
	const char *labels[] = { label };
	struct report_labels tags = { labels, 1 };
	struct report_opts ro = { .format = format };

	in.labels = &tags;
	FILE *out = open_memstream(&text, &len);
	assert_int_equal(report_write(out, &in, &ro), 0);
	fclose(out);
	groups_free(g);
	return text;
}

static enum merge_status merge_string(struct merge *m, const char *text, const char *name)
{
	return merge_text(m, text, strlen(text), name);
}

static const struct finding *by_playbook(const struct report_input *in, const char *id,
					 size_t *index)
{
	for (size_t i = 0; i < in->nfindings; i++)
		if (!strcmp(in->findings[i]->playbook->id, id)) {
			*index = i;
			return in->findings[i];
		}
	fail_msg("no finding of %s", id);
	return NULL;
}

static void test_three_hosts(void **state)
{
	struct fixture *f = *state;
	const struct occurrence web1[] = { { "AlphaError", "obj at 0x7f01", 10, 2000, 3 } };
	const struct occurrence web2[] = { { "AlphaError", "obj at 0x7f99", 40, 1000, 2 },
					   { "BetaError", "b", 90, 3000, 1 } };
	const struct occurrence web3[] = { { "BetaError", "b", 5, 2500, 4 } };
	char *r1 = report_of(f, "web-1", REPORT_JSON, web1, 1);
	char *r2 = report_of(f, "web-2", REPORT_JSON, web2, 2);
	char *r3 = report_of(f, "web-3", REPORT_NDJSON, web3, 1);
	struct merge *m = merge_new(f->kb);
	struct report_input out;
	size_t i;

	assert_int_equal(merge_string(m, r1, "r1.json"), MERGE_OK);
	assert_int_equal(merge_string(m, r2, "r2.json"), MERGE_OK);
	assert_int_equal(merge_string(m, r3, "r3.ndjson"), MERGE_OK);
	merge_result(m, &out);
	assert_int_equal(out.nfindings, 2);
	assert_non_null(out.hosts);

	/* The addresses differ, the fingerprint does not: 3 + 2, first on web-2 (earlier). */
	const struct finding *alpha = by_playbook(&out, "alpha", &i);
	assert_int_equal(alpha->occurrences, 5);
	assert_int_equal(alpha->first_line, 40);
	assert_int_equal(alpha->first_seen, 1000);
	assert_string_equal(out.hosts[i].first, "web-2");
	assert_int_equal(out.hosts[i].n, 2);
	assert_string_equal(out.hosts[i].names[0], "web-1");
	assert_string_equal(out.hosts[i].names[1], "web-2");
	/* What the report said of it comes back: the subject and the plan filled from it. */
	assert_string_equal(finding_subject(alpha), "obj at 0x7f99");
	assert_int_equal(alpha->plan.nfirst_ten_minutes, 1);
	assert_string_equal(alpha->plan.first_ten_minutes[0], "look at obj at 0x7f99");
	assert_int_equal(alpha->ncauses, 1);
	assert_string_equal(alpha->causes[0].cause->id, "c");

	const struct finding *beta = by_playbook(&out, "beta", &i);
	assert_int_equal(beta->occurrences, 5);
	assert_string_equal(out.hosts[i].first, "web-3");
	assert_int_equal(beta->first_line, 5);
	merge_free(m);
	free(r1);
	free(r2);
	free(r3);
}

/* A merged report merges again: its hosts are kept, not replaced by its own name. */
static void test_merged_again(void **state)
{
	struct fixture *f = *state;
	const struct occurrence a[] = { { "AlphaError", "x", 1, 100, 1 } };
	const struct occurrence b[] = { { "AlphaError", "x", 1, 50, 2 } };
	char *ra = report_of(f, "a", REPORT_JSON, a, 1);
	char *rb = report_of(f, "b", REPORT_JSON, b, 1);
	struct merge *m = merge_new(f->kb);
	struct report_input out;
	char *merged = NULL;
	size_t len = 0;

	merge_string(m, ra, "a.json");
	merge_string(m, rb, "b.json");
	merge_result(m, &out);
	struct report_opts ro = { .format = REPORT_JSON };
	FILE *fp = open_memstream(&merged, &len);
	assert_int_equal(report_write(fp, &out, &ro), 0);
	fclose(fp);
	merge_free(m);

	m = merge_new(f->kb);
	assert_int_equal(merge_string(m, merged, "merged.json"), MERGE_OK);
	merge_result(m, &out);
	assert_int_equal(out.nfindings, 1);
	assert_int_equal(out.findings[0]->occurrences, 3);
	assert_int_equal(out.hosts[0].n, 2);
	assert_string_equal(out.hosts[0].first, "b");
	merge_free(m);

	/* two reports in one file (cat a.json b.json > both.json) */
	struct buf both = { 0 };
	buf_adds(&both, ra);
	buf_adds(&both, rb);
	m = merge_new(f->kb);
	assert_int_equal(merge_string(m, both.s, "both.json"), MERGE_OK);
	merge_result(m, &out);
	assert_int_equal(out.nfindings, 1);
	assert_int_equal(out.findings[0]->occurrences, 3);
	merge_free(m);
	buf_fini(&both);
	free(ra);
	free(rb);
	free(merged);
}

/* An ndjson stream of --follow: the finding line says 1, its repeats and summary more. */
static void test_stream_counts(void **state)
{
	struct fixture *f = *state;
	const struct occurrence a[] = { { "AlphaError", "x", 1, 100, 1 } };
	char *line = report_of(f, "a", REPORT_NDJSON, a, 1);
	struct buf stream = { 0 };
	struct merge *m = merge_new(f->kb);
	struct report_input out;

	/* the finding line alone (the report's first line), then what follows it */
	buf_add(&stream, line, strcspn(line, "\n") + 1);
	const char *fp = strstr(line, "\"fingerprint\":\"");
	assert_non_null(fp);
	buf_printf(&stream, "{\"event\":\"repeat\",\"playbook\":\"alpha\",%.32s,"
		   "\"occurrences\":7,\"labels\":{\"host\":\"a\"}}\n", fp);
	assert_int_equal(merge_string(m, stream.s, "a.ndjson"), MERGE_OK);
	merge_result(m, &out);
	assert_int_equal(out.nfindings, 1);
	assert_int_equal(out.findings[0]->occurrences, 7);
	merge_free(m);
	buf_fini(&stream);
	free(line);
}

/* REPORT with the first occurrence of FROM (a quoted string or key) replaced by TO of the
 * same length; the caller frees it. */
static char *edited(const char *report, const char *from, const char *to)
{
	char *copy = xstrdup(report);
	char *at = strstr(copy, from);

	assert_non_null(at);
	assert_int_equal(strlen(from), strlen(to));
	memcpy(at, to, strlen(to));
	return copy;
}

/* A count no report can write is never wrapped round to a small or negative one. */
static void test_counts_saturate(void **state)
{
	struct fixture *f = *state;
	const struct occurrence a[] = { { "AlphaError", "x", 1, 100, 2 } };
	char *report = report_of(f, "a", REPORT_JSON, a, 1);
	struct buf big = { 0 };
	struct merge *m = merge_new(f->kb);
	struct report_input out;
	struct capture said;

	char *at = strstr(report, "\"occurrences\": 2");
	assert_non_null(at);
	buf_add(&big, report, (size_t)(at - report));
	buf_adds(&big, "\"occurrences\": 9223372036854775807");
	buf_adds(&big, at + strlen("\"occurrences\": 2"));
	capture_start(&said);
	assert_int_equal(merge_string(m, big.s, "a.json"), MERGE_OK);
	assert_int_equal(merge_string(m, big.s, "b.json"), MERGE_OK);
	assert_int_equal(merge_string(m, report, "c.json"), MERGE_OK);
	merge_result(m, &out);
	char *errors = capture_end(&said);
	assert_int_equal(out.nfindings, 1);
	assert_true(out.findings[0]->occurrences == COUNT_MAX);
	assert_non_null(strstr(errors, "warning: a count went past 9223372036854775807"));
	free(errors);
	merge_free(m);
	buf_fini(&big);
	free(report);
}

/* Reports of two knowledge bases that give one fingerprint two playbooks: two findings,
 * each with its own playbook and host, in whichever order the files come. */
static void test_one_fingerprint_two_playbooks(void **state)
{
	struct fixture *f = *state;
	const struct occurrence a[] = { { "AlphaError", "x", 1, 100, 1 } };
	char *as_alpha = report_of(f, "a", REPORT_JSON, a, 1);
	char *on_b = report_of(f, "b", REPORT_JSON, a, 1);
	char *as_beta = edited(on_b, "\"alpha\"", "\"beta\" ");

	for (int order = 0; order < 2; order++) {
		struct merge *m = merge_new(f->kb);
		struct report_input out;
		struct capture said;
		size_t ia, ib;

		capture_start(&said);
		assert_int_equal(merge_string(m, order ? as_beta : as_alpha, "1.json"), MERGE_OK);
		assert_int_equal(merge_string(m, order ? as_alpha : as_beta, "2.json"), MERGE_OK);
		merge_result(m, &out);
		char *errors = capture_end(&said);
		assert_int_equal(out.nfindings, 2);
		assert_string_equal(by_playbook(&out, "alpha", &ia)->fingerprint,
				    by_playbook(&out, "beta", &ib)->fingerprint);
		assert_string_equal(out.hosts[ia].names[0], "a");
		assert_string_equal(out.hosts[ib].names[0], "b");
		assert_int_equal(out.hosts[ia].n + out.hosts[ib].n, 2);
		assert_non_null(strstr(errors, "2.json: warning: finding "));
		assert_non_null(strstr(errors, "kept as two findings"));
		free(errors);
		merge_free(m);
	}
	free(as_alpha);
	free(on_b);
	free(as_beta);
}

/* An ndjson file where runs were appended: each run's summary gives its own counts. */
static void test_appended_runs(void **state)
{
	struct fixture *f = *state;
	const struct occurrence a[] = { { "AlphaError", "x", 1, 100, 3 } };
	char *run = report_of(f, "a", REPORT_NDJSON, a, 1);
	struct buf file = { 0 };
	struct merge *m = merge_new(f->kb);
	struct report_input out;

	buf_adds(&file, run);
	buf_adds(&file, run);
	assert_int_equal(merge_string(m, file.s, "a.ndjson"), MERGE_OK);
	merge_result(m, &out);
	assert_int_equal(out.nfindings, 1);
	assert_int_equal(out.findings[0]->occurrences, 6);
	merge_free(m);
	buf_fini(&file);
	free(run);
}

static void test_bad_reports(void **state)
{
	struct fixture *f = *state;
	const struct occurrence a[] = { { "AlphaError", "x", 1, 100, 2 } };
	char *good = report_of(f, "a", REPORT_JSON, a, 1);
	struct merge *m = merge_new(f->kb);
	struct report_input out;
	struct capture said;

	capture_start(&said);
	assert_int_equal(merge_string(m, "{\"findings\": [", "cut.json"), MERGE_NOT_REPORT);
	assert_int_equal(merge_string(m, "{\"hello\": 1}", "other.json"), MERGE_NOT_REPORT);
	assert_int_equal(merge_string(m, "", "empty.json"), MERGE_NOT_REPORT);
	assert_int_equal(merge_text(m, "{\0}", 3, "binary"), MERGE_NOT_REPORT);
	/* a playbook this knowledge base does not have */
	char *unknown = xstrdup(good);
	char *id = strstr(unknown, "\"alpha\"");
	assert_non_null(id);
	memcpy(id, "\"gamma\"", 7);
	assert_int_equal(merge_string(m, unknown, "unknown.json"), MERGE_NOT_REPORT);
	assert_int_equal(merge_file(m, "/nonexistent/report.json"), MERGE_UNREADABLE);
	/* an undiagnosed entry that names nothing; a file of a good report and it */
	assert_int_equal(merge_string(m, "{\"event\":\"unmatched\"}\n", "bare.ndjson"),
			 MERGE_NOT_REPORT);
	/* more objects than any report holds, refused before they are built */
	struct buf huge = { 0 };
	buf_adds(&huge, "{\"pickdoc\": \"0\", \"findings\": [");
	for (size_t i = 0; i < (1u << 19); i++)
		buf_adds(&huge, "{},");
	buf_adds(&huge, "{}]}");
	assert_int_equal(merge_string(m, huge.s, "huge.json"), MERGE_NOT_REPORT);
	buf_reset(&huge);
	buf_adds(&huge, "{\"pickdoc\": \"0\", \"findings\": [], \"x\": [");
	for (size_t i = 0; i < (1u << 22); i++)
		buf_adds(&huge, "0,");
	buf_adds(&huge, "0]}");
	assert_int_equal(merge_string(m, huge.s, "zeros.json"), MERGE_NOT_REPORT);
	buf_fini(&huge);
	char *errors = capture_end(&said);
	/* one line each, naming the file, with jansson's line and column where it has them */
	assert_non_null(strstr(errors, "pickdoc: cut.json:1:14: error: not a pickdoc report: "));
	assert_non_null(strstr(errors, "other.json: error: not a pickdoc report"));
	assert_non_null(strstr(errors, "unknown playbook 'gamma'"));
	assert_non_null(strstr(errors, "/nonexistent/report.json: error: cannot read: "));
	assert_non_null(strstr(errors, "bare.ndjson: error: not a pickdoc report: an "
			       "undiagnosed traceback without its exception"));
	assert_non_null(strstr(errors, "huge.json:1:1572889: error: not read: one report "
			       "holding more JSON objects and arrays than pickdoc writes (524288)"));
	assert_non_null(strstr(errors, "zeros.json:1:8388634: error: not read: one report "
			       "holding more JSON values than pickdoc writes (4194304)"));
	free(errors);
	/* the good one is merged all the same */
	assert_int_equal(merge_string(m, good, "good.json"), MERGE_OK);
	merge_result(m, &out);
	assert_int_equal(out.nfindings, 1);
	assert_int_equal(out.findings[0]->occurrences, 2);
	assert_int_equal(out.nunmatched, 0);
	merge_free(m);
	free(unknown);
	free(good);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_three_hosts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_merged_again, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stream_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_counts_saturate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_fingerprint_two_playbooks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_appended_runs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_reports, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
