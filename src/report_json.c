/*
 * report_json.c: the report as one JSON document for programs (schema in README.md),
 * built with jansson and written in one go; and as ndjson for log shippers, one compact
 * object per finding, each written as soon as the run has it.  Text from logs may be any
 * bytes; it is made valid UTF-8 here and nowhere else, and what would act on a terminal
 * is written as a \u escape.  Knows nothing of how findings were made.
 */
#include "report_int.h"

#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "infer.h"
#include "plan.h"

json_t *report_json_text(const char *s, size_t len)
{
	struct buf b = { 0 };
	size_t i = 0, done = 0;

	if (!s)
		return json_null();
	while (i < len) {
		size_t n = report_utf8_len(s + i, len - i);
		if (n) {
			i += n;
			continue;
		}
		buf_add(&b, s + done, i - done);
		buf_adds(&b, "\xef\xbf\xbd");
		done = ++i;
	}
	if (!b.s)
		return json_stringn(s, len);
	buf_add(&b, s + done, len - done);
	json_t *j = json_stringn(b.s, b.len);
	buf_fini(&b);
	return j;
}

static json_t *str(const char *s)
{
	return report_json_text(s, s ? strlen(s) : 0);
}

/* A string, or null when S is NULL or empty. */
static json_t *opt_str(const char *s)
{
	return s && *s ? str(s) : json_null();
}

static json_t *size(size_t n)
{
	return json_integer((json_int_t)n);
}

static json_t *strings(const char *const *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, str(v[i]));
	return a;
}

/* A check; "runnable": false when its command is a template with "<...>" parts. */
static json_t *check(const char *run, const char *before, const char *after, int runnable)
{
	return json_pack("{s:o,s:o,s:o,s:b}", "run", str(run), "before", opt_str(before),
			 "after", opt_str(after), "runnable", runnable);
}

static json_t *checks(const struct plan_check *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, check(v[i].run, v[i].before, v[i].after, v[i].runnable));
	return a;
}

static json_t *playbook_checks(const struct kb_check *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, check(v[i].run, v[i].before, v[i].after,
					       plan_runnable(v[i].run)));
	return a;
}

/* --- findings --- */

static json_t *facts(const struct finding *fd)
{
	json_t *o = json_object();

	for (size_t i = 0; i < fd->facts.n; i++)
		json_object_set_new(o, fd->facts.v[i].name, str(fd->facts.v[i].value));
	return o;
}

static json_t *evidence(const struct finding *fd)
{
	json_t *a = json_array();

	for (size_t i = 0; i < fd->facts.n; i++) {
		const struct fact *f = &fd->facts.v[i];
		json_t *e = json_pack("{s:o,s:o,s:o,s:o}", "fact", str(f->name),
				      "value", str(f->value), "source", opt_str(f->source),
				      "line", f->line ? size(f->line) : json_null());
		json_array_append_new(a, e);
	}
	return a;
}

static json_t *causes(const struct finding *fd)
{
	json_t *a = json_array();

	for (size_t i = 0; i < fd->ncauses; i++) {
		const struct ranked_cause *rc = &fd->causes[i];
		json_t *e = json_pack("{s:o,s:o,s:i,s:o,s:b}", "id", str(rc->cause->id),
				      "title", str(rc->cause->title), "score", rc->score,
				      "because", opt_str(rc->because),
				      "ruled_out", infer_ruled_out(fd, rc->cause));
		json_array_append_new(a, e);
	}
	return a;
}

static json_t *questions(const struct finding *fd)
{
	json_t *a = json_array();

	for (size_t i = 0; i < fd->npath; i++) {
		const struct kb_question *q = fd->path[i].question;
		const struct kb_answer *ans = fd->path[i].answer;
		json_t *by = !ans ? json_null()
			     : str(infer_step_by_person(fd, &fd->path[i]) ? "you" : "log");
		json_t *e = json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "id", str(q->id),
				      "ask", str(q->ask), "why", opt_str(q->why),
				      "fact", opt_str(q->fact),
				      "answer", ans ? str(ans->value) : json_null(),
				      "answered_by", by,
				      "because", opt_str(report_answer_source(fd, &fd->path[i])),
				      "log_answer",
				      opt_str(infer_step_replaced(fd, &fd->path[i])));
		json_array_append_new(a, e);
	}
	return a;
}

/* The report's tags, {"host": "web-1"}; a later KEY=VALUE replaces an earlier. */
static json_t *labels(const struct report_labels *tags)
{
	json_t *o = json_object();

	for (size_t i = 0; tags && i < tags->n; i++) {
		const char *l = tags->v[i], *eq = strchr(l, '=');
		if (!eq)
			continue;
		char *key = xstrndup(l, (size_t)(eq - l));
		json_object_set_new(o, key, str(eq + 1));
		free(key);
	}
	return o;
}

static json_t *when(time_t t)
{
	struct buf b = { 0 };

	report_time(t, &b);
	json_t *j = b.s ? str(b.s) : json_null();
	buf_fini(&b);
	return j;
}

/* Who saw it: the merge's hosts, or this report's own "host" label. */
static void hosts(json_t *o, const struct report_hosts *h, const struct report_labels *tags)
{
	json_t *names = json_array();
	json_t *first = json_null();

	if (h) {
		for (size_t i = 0; i < h->n; i++)
			json_array_append_new(names, str(h->names[i]));
		first = opt_str(h->first);
	} else {
		for (size_t i = 0; tags && i < tags->n; i++)
			if (!strncmp(tags->v[i], "host=", 5)) {
				json_decref(first);
				first = str(tags->v[i] + 5);
			}
		if (json_is_string(first))
			json_array_append(names, first);
	}
	json_object_set_new(o, "first_host", first);
	json_object_set_new(o, "hosts", names);
}

static json_t *finding(const struct finding *fd, const struct report_hosts *h,
		       const struct report_labels *tags)
{
	const struct kb_playbook *pb = fd->playbook;
	const struct plan *plan = &fd->plan;
	const struct tb_exc *exc = finding_exc(fd);
	const struct kb_question *next = report_next_question(fd);
	json_t *o = json_object();
	json_t *primary = json_null();
	struct report_cut cut;

	if (fd->secondary && fd->primary)
		primary = json_pack("{s:o,s:o}", "playbook", str(fd->primary->playbook->id),
				    "first_line", size(fd->primary->first_line));
	json_object_set_new(o, "playbook", str(pb->id));
	json_object_set_new(o, "fingerprint", opt_str(fd->fingerprint));
	json_object_set_new(o, "title", str(pb->title));
	/* a message read inside other text claims no exception type */
	json_object_set_new(o, "exception", exc && exc->mentioned ? json_null()
								  : str(exc ? exc->type : ""));
	json_object_set_new(o, "exception_line", json_boolean(!exc || !exc->mentioned));
	json_object_set_new(o, "message", str(exc ? exc->message : ""));
	json_object_set_new(o, "subject", str(finding_subject(fd)));
	json_object_set_new(o, "occurrences", size(fd->occurrences));
	json_object_set_new(o, "first_line", size(fd->first_line));
	json_object_set_new(o, "origin", str(fd->origin));
	json_object_set_new(o, "first_seen", when(fd->first_seen));
	hosts(o, h, tags);
	json_object_set_new(o, "secondary", json_boolean(fd->secondary));
	json_object_set_new(o, "primary", primary);
	json_object_set_new(o, "truncated", json_boolean(report_truncation(fd, &cut, NULL)));
	json_object_set_new(o, "dropped", json_pack("{s:o,s:o,s:o}", "frames", size(cut.frames),
						    "blocks", size(cut.blocks),
						    "bytes", size(cut.bytes)));
	json_object_set_new(o, "facts", facts(fd));
	json_object_set_new(o, "evidence", evidence(fd));
	json_object_set_new(o, "causes", causes(fd));
	json_object_set_new(o, "conclusion",
			    fd->conclusion ? str(fd->conclusion->id) : json_null());
	json_object_set_new(o, "questions", questions(fd));
	json_object_set_new(o, "next_question", next ? str(next->id) : json_null());
	json_object_set_new(o, "first_ten_minutes",
			    strings(plan->first_ten_minutes, plan->nfirst_ten_minutes));
	json_object_set_new(o, "where_to_look",
			    strings(plan->where_to_look, plan->nwhere_to_look));
	json_object_set_new(o, "fix", strings(plan->fix, plan->nfix));
	json_object_set_new(o, "verify", checks(plan->verify, plan->nverify));
	json_object_set_new(o, "worse", strings(plan->worse, plan->nworse));
	json_object_set_new(o, "placeholders", strings(plan->placeholders, plan->nplaceholders));
	return o;
}

static json_t *unmatched(const struct unmatched *u)
{
	return json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:b}", "exception", str(u->exception),
			 "message", str(u->message), "first_line", size(u->first_line),
			 "origin", str(u->origin), "occurrences", size(u->occurrences),
			 "user_frame", opt_str(u->user_frame),
			 "user_source", opt_str(u->user_source), "in_worker", u->in_worker);
}

/* jansson's callback: writes the LEN bytes at S to the FILE in DATA, with what a terminal
 * would act on escaped (clean_char: DEL, C1 controls, bidirectional overrides), which
 * jansson writes raw; it escapes C0 itself.  A string reaches here in pieces that end
 * between characters. */
static int write_escaped(const char *s, size_t len, void *data)
{
	FILE *out = data;
	size_t done = 0;

	for (size_t i = 0; i < len;) {
		unsigned long cp;
		int shown = 1;
		size_t n = (unsigned char)s[i] < 0x7f ? 1 : clean_char(s + i, len - i, &cp, &shown);
		if (!shown) {
			if (fwrite(s + done, 1, i - done, out) != i - done ||
			    fprintf(out, "\\u%04lx", cp) < 0)
				return -1;
			done = i + n;
		}
		i += n;
	}
	return fwrite(s + done, 1, len - done, out) == len - done ? 0 : -1;
}

/* Writes ROOT with FLAGS, escaped, and releases it. */
static int dump_to(FILE *out, json_t *root, size_t flags)
{
	int rc = root ? json_dump_callback(root, write_escaped, out, flags) : -1;

	json_decref(root);
	return rc;
}

/* Writes ROOT and a final newline, and releases it. */
static int dump(FILE *out, json_t *root)
{
	int rc = dump_to(out, root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	if (rc == 0 && fputc('\n', out) == EOF)
		rc = -1;
	return rc;
}

static int json_findings(FILE *out, const struct report_input *in,
			 const struct report_opts *opts)
{
	json_t *root = json_object();
	json_t *found = json_array();
	json_t *missed = json_array();

	(void)opts;
	for (size_t i = 0; i < in->nfindings; i++)
		json_array_append_new(found, finding(in->findings[i],
						     in->hosts ? &in->hosts[i] : NULL, in->labels));
	for (size_t i = 0; i < in->nunmatched; i++)
		json_array_append_new(missed, unmatched(&in->unmatched[i]));
	json_object_set_new(root, "pickdoc", str(PICKDOC_VERSION));
	json_object_set_new(root, "labels", labels(in->labels));
	json_object_set_new(root, "findings", found);
	json_object_set_new(root, "unmatched", missed);
	return dump(out, root);
}

/* --- one playbook in full --- */

static json_t *signatures(const struct kb_playbook *pb)
{
	json_t *a = json_array();

	for (size_t i = 0; i < pb->nsignatures; i++) {
		const struct kb_signature *s = &pb->signatures[i];
		const struct kb_fact *facts = s->facts;
		json_t *constants = json_object();
		for (size_t k = 0; k < s->nfacts; k++)
			json_object_set_new(constants, facts[k].name, str(facts[k].value));
		json_t *e = json_pack("{s:o,s:o,s:o,s:o,s:o,s:i,s:o}",
				      "exception", opt_str(s->exception),
				      "pattern", str(s->pattern),
				      "literal", opt_str(s->literal),
				      "versions", opt_str(s->versions),
				      "frame", opt_str(s->frame),
				      "priority", s->priority,
				      "facts", constants);
		json_array_append_new(a, e);
	}
	return a;
}

static json_t *conditions(const struct kb_cond *when, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++) {
		json_t *e = json_pack("{s:o,s:o,s:b}", "fact", str(when[i].fact),
				      "pattern", str(when[i].pattern),
				      "negate", when[i].negate);
		json_array_append_new(a, e);
	}
	return a;
}

static json_t *playbook_causes(const struct kb_playbook *pb)
{
	json_t *a = json_array();

	for (size_t i = 0; i < pb->ncauses; i++) {
		const struct kb_cause *c = &pb->causes[i];
		json_t *boosts = json_array();
		for (size_t k = 0; k < c->nboosts; k++) {
			const struct kb_boost *b = &c->boosts[k];
			json_t *e = json_pack("{s:o,s:i,s:o}",
					      "when", conditions(b->when, b->nwhen),
					      "add", b->add, "because", opt_str(b->because));
			json_array_append_new(boosts, e);
		}
		json_t *e = json_pack("{s:o,s:o,s:i,s:o,s:o}", "id", str(c->id),
				      "title", str(c->title), "prior", c->prior,
				      "fix", opt_str(c->fix), "boosts", boosts);
		json_array_append_new(a, e);
	}
	return a;
}

static json_t *tree(const struct kb_playbook *pb)
{
	json_t *a = json_array();

	for (size_t i = 0; i < pb->nquestions; i++) {
		const struct kb_question *q = &pb->questions[i];
		json_t *answers = json_array();
		for (size_t k = 0; k < q->nanswers; k++) {
			const struct kb_answer *ans = &q->answers[k];
			json_t *e = json_pack("{s:o,s:o,s:o,s:o}", "value", str(ans->value),
					      "label", opt_str(ans->label),
					      "match", opt_str(ans->match),
					      "next", opt_str(ans->next));
			json_array_append_new(answers, e);
		}
		json_t *e = json_pack("{s:o,s:o,s:o,s:o,s:o}", "id", str(q->id),
				      "ask", str(q->ask), "why", opt_str(q->why),
				      "fact", opt_str(q->fact), "answers", answers);
		json_array_append_new(a, e);
	}
	return a;
}

static json_t *incident(const struct kb_incident *in)
{
	if (!in)
		return json_null();
	return json_pack("{s:o,s:o,s:o,s:o,s:o,s:o}", "title", opt_str(in->title),
			 "timeline", strings(in->timeline, in->ntimeline),
			 "story", opt_str(in->story), "root_cause", opt_str(in->root_cause),
			 "fix", opt_str(in->fix), "lesson", opt_str(in->lesson));
}

static json_t *faq(const struct kb_faq *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++) {
		json_t *e = json_pack("{s:o,s:o}", "q", str(v[i].q), "a", str(v[i].a));
		json_array_append_new(a, e);
	}
	return a;
}

static json_t *playbook(const struct kb_playbook *pb)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", str(pb->id));
	json_object_set_new(o, "title", str(pb->title));
	json_object_set_new(o, "means", str(pb->means));
	json_object_set_new(o, "secondary_to", strings(pb->secondary_to, pb->nsecondary_to));
	json_object_set_new(o, "signatures", signatures(pb));
	json_object_set_new(o, "causes", playbook_causes(pb));
	json_object_set_new(o, "questions", tree(pb));
	json_object_set_new(o, "first_ten_minutes",
			    strings(pb->first_ten_minutes, pb->nfirst_ten_minutes));
	json_object_set_new(o, "where_to_look", strings(pb->where_to_look, pb->nwhere_to_look));
	json_object_set_new(o, "fix", strings(pb->fix, pb->nfix));
	json_object_set_new(o, "verify", playbook_checks(pb->verify, pb->nverify));
	json_object_set_new(o, "worse", strings(pb->worse, pb->nworse));
	json_object_set_new(o, "incident", incident(pb->incident));
	json_object_set_new(o, "faq", faq(pb->faq, pb->nfaq));
	return o;
}

static int json_playbook(FILE *out, const struct kb_playbook *pb,
			 const struct report_opts *opts)
{
	(void)opts;
	return dump(out, playbook(pb));
}

const struct reporter report_json = { json_findings, json_playbook, NULL, NULL, NULL };

/* --- ndjson: one compact object a line, flushed, each with its event and the labels --- */

/* Writes O as one line and releases it. */
static int line(FILE *out, const char *event, json_t *o, const struct report_labels *tags)
{
	json_t *l = json_pack("{s:s}", "event", event);

	json_object_update(l, o);
	json_decref(o);
	json_object_set_new(l, "labels", labels(tags));
	int rc = dump_to(out, l, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (rc == 0 && (fputc('\n', out) == EOF || fflush(out) == EOF))
		rc = -1;
	return rc;
}

static int ndjson_finding_at(FILE *out, const struct finding *fd,
			     const struct report_hosts *h, int repeat,
			     const struct report_labels *tags)
{
	if (!repeat)
		return line(out, "finding", finding(fd, h, tags), tags);
	return line(out, "repeat",
		    json_pack("{s:o,s:o,s:o,s:o,s:o,s:o}", "playbook", str(fd->playbook->id),
			      "fingerprint", opt_str(fd->fingerprint),
			      "subject", str(finding_subject(fd)),
			      "occurrences", size(fd->occurrences),
			      "first_line", size(fd->first_line), "origin", str(fd->origin)),
		    tags);
}

static int ndjson_now_finding(FILE *out, const struct finding *fd, int repeat,
			      const struct report_labels *tags, const struct report_opts *opts)
{
	(void)opts;
	return ndjson_finding_at(out, fd, NULL, repeat, tags);
}

static int ndjson_now_unmatched(FILE *out, const struct unmatched *u,
				const struct report_labels *tags, const struct report_opts *opts)
{
	(void)opts;
	return line(out, "unmatched", unmatched(u), tags);
}

/* The last line: the totals and every finding's final count. */
static int ndjson_end(FILE *out, const struct report_input *in, const struct report_opts *opts)
{
	json_t *counts = json_array();
	size_t occurrences = 0;

	(void)opts;
	for (size_t i = 0; i < in->nfindings; i++) {
		const struct finding *fd = in->findings[i];
		occurrences = count_add(occurrences, fd->occurrences);
		json_array_append_new(counts,
				      json_pack("{s:o,s:o,s:o}", "playbook", str(fd->playbook->id),
						"fingerprint", opt_str(fd->fingerprint),
						"occurrences", size(fd->occurrences)));
	}
	return line(out, "summary",
		    json_pack("{s:o,s:o,s:o,s:o,s:o}", "pickdoc", str(PICKDOC_VERSION),
			      "findings", size(in->nfindings), "occurrences", size(occurrences),
			      "unmatched", size(in->nunmatched), "counts", counts),
		    in->labels);
}

static int ndjson_findings(FILE *out, const struct report_input *in,
			   const struct report_opts *opts)
{
	for (size_t i = 0; i < in->nfindings; i++)
		if (ndjson_finding_at(out, in->findings[i], in->hosts ? &in->hosts[i] : NULL, 0,
				      in->labels) < 0)
			return -1;
	for (size_t i = 0; i < in->nunmatched; i++)
		if (line(out, "unmatched", unmatched(&in->unmatched[i]), in->labels) < 0)
			return -1;
	return ndjson_end(out, in, opts);
}

static int ndjson_playbook(FILE *out, const struct kb_playbook *pb,
			   const struct report_opts *opts)
{
	(void)opts;
	return line(out, "playbook", playbook(pb), NULL);
}

const struct reporter report_ndjson = { ndjson_findings, ndjson_playbook, ndjson_now_finding,
					ndjson_now_unmatched, ndjson_end };
