/*
 * merge.c: reads reports back with jansson and rebuilds their findings against the
 * knowledge base (playbook, causes and questions found again by id, facts and plan taken
 * as they were written), then folds them in one group table keyed by the fingerprints the
 * reports carry.  Which host saw what is kept here, beside the table.  Knows the report
 * schema (README.md); nothing of logs or of what a finding means.
 */
#include "merge.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "clean.h"
#include "group.h"
#include "msg.h"
#include "plan.h"
#include "strtab.h"
#include "util.h"

/* A report of a whole fleet is some megabytes; a file of more is a log given by mistake,
 * which would otherwise be read whole into memory. */
#define REPORT_FILE_MAX (256u << 20)

/* What one JSON document of a report may hold: values (strings and keys, numbers,
 * objects, arrays), and of them objects and arrays, which jansson spends some hundreds of
 * bytes on, each.  A report of GROUPS_MAX findings has about 700 values and 60 objects and
 * arrays a finding, 3 million and 250,000 in all; at these bounds jansson's tree takes
 * some hundreds of MiB, not the gigabytes a small file of empty objects would. */
#define REPORT_VALUES_MAX (1u << 22)
#define REPORT_CONTAINERS_MAX (1u << 19)

/* The hosts that saw one finding (a fingerprint of a playbook), and the one that saw it
 * first. */
struct seen {
	char **hosts;
	size_t nhosts, caphosts;
	char *first;
	time_t first_seen;
};

struct merge {
	const struct kb *kb;
	struct groups *groups;
	struct strtab *seen;             /* fingerprint NUL playbook id -> its struct seen */
	struct strtab *host_seen;        /* struct seen's address, host -> that seen */
	struct strtab *playbook_of;      /* fingerprint -> the first playbook read with it */
	struct report_hosts *hosts;      /* what merge_result hands out */
};

/* One report being read. */
struct source {
	struct merge *m;
	const char *name;
	const char *host;                /* its "host" label, or its file name */
	char *host_label;                /* the label, when it has one */
	enum merge_status status;
};

struct merge *merge_new(const struct kb *kb)
{
	struct merge *m = xcalloc(1, sizeof *m);

	m->kb = kb;
	m->groups = groups_new();
	m->seen = strtab_new();
	m->host_seen = strtab_new();
	m->playbook_of = strtab_new();
	return m;
}

static void seen_free(void *p)
{
	struct seen *s = p;

	for (size_t k = 0; k < s->nhosts; k++)
		free(s->hosts[k]);
	free(s->hosts);
	free(s->first);
	free(s);
}

void merge_free(struct merge *m)
{
	if (!m)
		return;
	strtab_free(m->seen, seen_free);
	strtab_free(m->host_seen, NULL);
	strtab_free(m->playbook_of, NULL);
	free(m->hosts);
	groups_free(m->groups);
	free(m);
}

static const char *get_str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static size_t get_size(const json_t *o, const char *key)
{
	json_int_t n = json_integer_value(json_object_get(o, key));

	return n > 0 ? (size_t)n : 0;
}

static time_t parse_time(const char *s)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	if (!s)
		return 0;
	const char *end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return end && !*end ? clean_epoch(timegm(&tm)) : 0;
}

/* --- the findings, rebuilt --- */

static const struct kb_cause *find_cause(const struct kb_playbook *pb, const char *id)
{
	for (size_t i = 0; id && i < pb->ncauses; i++)
		if (!strcmp(pb->causes[i].id, id))
			return &pb->causes[i];
	return NULL;
}

static void rebuild_causes(struct finding *fd, const json_t *a)
{
	size_t i;
	const json_t *c;

	fd->causes = xcalloc(json_array_size(a) + 1, sizeof *fd->causes);
	json_array_foreach(a, i, c) {
		const struct kb_cause *cause = find_cause(fd->playbook, get_str(c, "id"));
		const char *because = get_str(c, "because");
		if (!cause)
			continue;
		struct ranked_cause *rc = &fd->causes[fd->ncauses++];
		rc->cause = cause;
		rc->score = (int)json_integer_value(json_object_get(c, "score"));
		rc->because = because ? xstrdup(because) : NULL;
	}
}

static void rebuild_path(struct finding *fd, const json_t *a)
{
	const struct kb_playbook *pb = fd->playbook;
	size_t i;
	const json_t *q;

	fd->path = xcalloc(json_array_size(a) + 1, sizeof *fd->path);
	json_array_foreach(a, i, q) {
		const char *id = get_str(q, "id"), *answer = get_str(q, "answer");
		for (size_t k = 0; id && k < pb->nquestions; k++) {
			const struct kb_question *kq = &pb->questions[k];
			if (strcmp(kq->id, id))
				continue;
			struct tree_step *step = &fd->path[fd->npath++];
			step->question = kq;
			for (size_t n = 0; answer && n < kq->nanswers; n++)
				if (!strcmp(kq->answers[n].value, answer))
					step->answer = &kq->answers[n];
			break;
		}
	}
}

static const char **plan_strings(struct arena *a, const json_t *v, size_t *n)
{
	const char **out = arena_alloc(a, (json_array_size(v) + 1) * sizeof *out);
	size_t i;
	const json_t *s;

	*n = 0;
	json_array_foreach(v, i, s)
		if (json_is_string(s))
			out[(*n)++] = arena_strdup(a, json_string_value(s));
	return out;
}

static const char *plan_opt(struct arena *a, const json_t *o, const char *key)
{
	const char *s = get_str(o, key);

	return s ? arena_strdup(a, s) : NULL;
}

static void rebuild_plan(struct finding *fd, const json_t *j)
{
	struct plan *p = &fd->plan;
	struct arena *a = p->arena = arena_new();
	const json_t *verify = json_object_get(j, "verify");
	size_t i;
	const json_t *c;

	p->first_ten_minutes = plan_strings(a, json_object_get(j, "first_ten_minutes"),
					    &p->nfirst_ten_minutes);
	p->where_to_look = plan_strings(a, json_object_get(j, "where_to_look"), &p->nwhere_to_look);
	p->fix = plan_strings(a, json_object_get(j, "fix"), &p->nfix);
	p->worse = plan_strings(a, json_object_get(j, "worse"), &p->nworse);
	p->placeholders = plan_strings(a, json_object_get(j, "placeholders"), &p->nplaceholders);
	p->verify = arena_alloc(a, (json_array_size(verify) + 1) * sizeof *p->verify);
	json_array_foreach(verify, i, c) {
		if (!get_str(c, "run"))
			continue;
		struct plan_check *k = &p->verify[p->nverify++];
		k->run = plan_opt(a, c, "run");
		k->before = plan_opt(a, c, "before");
		k->after = plan_opt(a, c, "after");
		k->runnable = json_is_true(json_object_get(c, "runnable"));
	}
}

/* The record a report keeps of the matched exception: its type, message and place, and
 * what the parser left out of it. */
static struct tb_record *rebuild_record(const json_t *j)
{
	struct tb_record *rec = xcalloc(1, sizeof *rec);
	const json_t *dropped = json_object_get(j, "dropped");
	const char *type = get_str(j, "exception"), *message = get_str(j, "message");
	const char *origin = get_str(j, "origin");

	rec->excs = xcalloc(1, sizeof *rec->excs);
	rec->nexcs = 1;
	rec->excs[0].type = xstrdup(type ? type : "");
	rec->excs[0].message = xstrdup(message ? message : "");
	rec->excs[0].dropped = (long)get_size(dropped, "frames");
	rec->excs[0].cut = get_size(dropped, "bytes");
	rec->excs[0].has_header = 1;
	rec->dropped_blocks = get_size(dropped, "blocks");
	rec->origin = xstrdup(origin ? origin : "-");
	rec->first_line = rec->last_line = rec->excs[0].first_line = get_size(j, "first_line");
	return rec;
}

static struct finding *rebuild(const struct source *src, const json_t *j)
{
	const char *id = get_str(j, "playbook");
	const struct kb_playbook *pb = id ? kb_find(src->m->kb, id) : NULL;
	const json_t *evidence = json_object_get(j, "evidence");
	size_t i;
	const json_t *e;

	/* one line a file: the first finding that cannot be used says why */
	if (!id && src->status == MERGE_OK)
		msg(MSG_ERROR, src->name, 0, 0, "not a pickdoc report: a finding without a "
		    "playbook");
	else if (!pb && src->status == MERGE_OK)
		msg(MSG_ERROR, src->name, 0, 0, "unknown playbook '%s': merge with the knowledge "
		    "base the hosts used (--kb)", id);
	if (!pb)
		return NULL;
	struct finding *fd = xcalloc(1, sizeof *fd);
	fd->playbook = pb;
	fd->record = rebuild_record(j);
	fd->origin = fd->record->origin;
	fd->first_line = fd->record->first_line;
	fd->occurrences = get_size(j, "occurrences");
	if (!fd->occurrences)
		fd->occurrences = 1;
	fd->first_seen = fd->written = parse_time(get_str(j, "first_seen"));
	json_array_foreach(evidence, i, e) {
		const char *name = get_str(e, "fact"), *value = get_str(e, "value");
		if (name && value)
			facts_set(&fd->facts, name, value, get_str(e, "source"),
				  get_size(e, "line"));
	}
	rebuild_causes(fd, json_object_get(j, "causes"));
	rebuild_path(fd, json_object_get(j, "questions"));
	fd->conclusion = find_cause(pb, get_str(j, "conclusion"));
	rebuild_plan(fd, j);
	return fd;
}

/* --- who saw what --- */

static struct seen *seen_for(struct merge *m, const struct finding *fd)
{
	struct buf key = { 0 };

	buf_adds(&key, fd->fingerprint);
	buf_addc(&key, '\0');
	buf_adds(&key, fd->playbook->id);
	struct seen *s = strtab_get(m->seen, key.s, key.len);
	if (!s)
		s = strtab_put(m->seen, key.s, key.len, xcalloc(1, sizeof *s));
	buf_fini(&key);
	return s;
}

static void seen_host(struct merge *m, struct seen *s, const char *host)
{
	struct buf key = { 0 };

	buf_add(&key, (const char *)&s, sizeof s);
	buf_adds(&key, host);
	int known = strtab_get(m->host_seen, key.s, key.len) != NULL;
	if (!known)
		strtab_put(m->host_seen, key.s, key.len, s);
	buf_fini(&key);
	if (known)
		return;
	grow(&s->hosts, &s->caphosts, s->nhosts, sizeof *s->hosts);
	s->hosts[s->nhosts++] = xstrdup(host);
}

/* The hosts of finding J, kept as KEPT: those a merged report lists, or the report's own. */
static void note_hosts(struct source *src, const struct finding *kept, const json_t *j,
		       time_t first_seen)
{
	struct seen *s = seen_for(src->m, kept);
	const json_t *hosts = json_object_get(j, "hosts");
	const char *first = get_str(j, "first_host");
	size_t i;
	const json_t *h;

	if (!first || !json_array_size(hosts))
		first = src->host;
	/* the same rule as the group table's: the earlier known time wins, else the first */
	if (!s->first || (first_seen && s->first_seen && first_seen < s->first_seen)) {
		free(s->first);
		s->first = xstrdup(first);
		s->first_seen = first_seen;
	}
	if (!json_array_size(hosts))
		seen_host(src->m, s, src->host);
	json_array_foreach(hosts, i, h)
		if (json_is_string(h))
			seen_host(src->m, s, json_string_value(h));
}

static void add_finding(struct source *src, const json_t *j, size_t occurrences)
{
	const char *fingerprint = get_str(j, "fingerprint");
	struct finding *fd;

	if (!fingerprint) {
		if (src->status == MERGE_OK)
			msg(MSG_ERROR, src->name, 0, 0, "not a pickdoc report: a finding "
			    "without a fingerprint (written by an older pickdoc?)");
		src->status = MERGE_NOT_REPORT;
		return;
	}
	fd = rebuild(src, j);
	if (!fd) {
		src->status = MERGE_NOT_REPORT;
		return;
	}
	if (occurrences)
		fd->occurrences = occurrences;
	const char *first = strtab_put(src->m->playbook_of, fingerprint, strlen(fingerprint),
				       (void *)fd->playbook->id);
	if (strcmp(first, fd->playbook->id))
		msg(MSG_WARNING, src->name, 0, 0, "finding %s is '%s' here and '%s' in a report "
		    "read before (made with another knowledge base?): kept as two findings",
		    fingerprint, fd->playbook->id, first);
	time_t first_seen = fd->first_seen;
	struct finding *kept;
	if (groups_fold(src->m->groups, fd, fingerprint, &kept) != GROUP_DROPPED)
		note_hosts(src, kept, j, first_seen);
}

static void add_unmatched(struct source *src, const json_t *u)
{
	const char *type = get_str(u, "exception"), *message = get_str(u, "message");
	const char *origin = get_str(u, "origin");
	size_t n = get_size(u, "occurrences");

	if (!type || !*type) {
		if (src->status == MERGE_OK)
			msg(MSG_ERROR, src->name, 0, 0, "not a pickdoc report: an undiagnosed "
			    "traceback without its exception");
		src->status = MERGE_NOT_REPORT;
		return;
	}
	const char *frame = get_str(u, "user_frame"), *source = get_str(u, "user_source");
	struct unmatched read = { (char *)(type ? type : ""), (char *)(message ? message : ""),
				  (char *)(origin ? origin : "-"), get_size(u, "first_line"),
				  n ? n : 1, (char *)frame, (char *)source,
				  json_is_true(json_object_get(u, "in_worker")) };

	groups_add_unmatched_counted(src->m->groups, &read);
}

/* --- the documents of a report --- */

static const char *host_label(const json_t *doc)
{
	return get_str(json_object_get(doc, "labels"), "host");
}

/* A --format json report: one document. */
static void add_report(struct source *src, const json_t *doc)
{
	size_t i;
	const json_t *v;

	json_array_foreach(json_object_get(doc, "findings"), i, v)
		add_finding(src, v, 0);
	json_array_foreach(json_object_get(doc, "unmatched"), i, v)
		add_unmatched(src, v);
}

/* The findings of one run of a --format ndjson stream, waiting for their last counts: their
 * repeats and the run's summary come after them.  A file where runs were appended holds
 * several summaries; each one ends its run. */
struct pending {
	json_t *finding;                 /* a reference held till the run ends */
	size_t count;
};

struct run {
	struct pending **pending;
	size_t n, cap;
	struct strtab *by_fingerprint;   /* -> its struct pending */
};

static void run_count(struct run *r, const json_t *doc)
{
	const char *fp = get_str(doc, "fingerprint");
	struct pending *p = fp ? strtab_get(r->by_fingerprint, fp, strlen(fp)) : NULL;

	if (p)
		p->count = get_size(doc, "occurrences");
}

static void run_add(struct run *r, json_t *finding)
{
	const char *fp = get_str(finding, "fingerprint");
	struct pending *p = xmalloc(sizeof *p);

	p->finding = json_incref(finding);
	p->count = get_size(finding, "occurrences");
	grow(&r->pending, &r->cap, r->n, sizeof *r->pending);
	r->pending[r->n++] = p;
	if (fp)
		strtab_put(r->by_fingerprint, fp, strlen(fp), p);
}

/* Merges the findings of the run so far with their counts (into SRC when not NULL), and
 * starts the next run. */
static void run_end(struct source *src, struct run *r)
{
	for (size_t i = 0; i < r->n; i++) {
		struct pending *p = r->pending[i];
		if (src)
			add_finding(src, p->finding,
				    get_str(p->finding, "fingerprint") ? p->count : 0);
		json_decref(p->finding);
		free(p);
	}
	r->n = 0;
	strtab_free(r->by_fingerprint, NULL);
	r->by_fingerprint = strtab_new();
}

/* One document of a file: a --format json report, or a line of --format ndjson. */
static void add_document(struct source *src, struct run *run, json_t *doc)
{
	const char *event = get_str(doc, "event");

	if (!event)
		add_report(src, doc);
	else if (!strcmp(event, "finding"))
		run_add(run, doc);
	else if (!strcmp(event, "repeat"))
		run_count(run, doc);
	else if (!strcmp(event, "unmatched"))
		add_unmatched(src, doc);
	else if (!strcmp(event, "summary")) {
		size_t k;
		const json_t *c;
		json_array_foreach(json_object_get(doc, "counts"), k, c)
			run_count(run, c);
		run_end(src, run);
	}
}

static int is_report(const json_t *doc)
{
	const char *event = get_str(doc, "event");

	if (json_is_string(json_object_get(doc, "pickdoc")) &&
	    json_is_array(json_object_get(doc, "findings")))
		return 1;
	return event && (!strcmp(event, "finding") || !strcmp(event, "repeat") ||
			 !strcmp(event, "unmatched") || !strcmp(event, "summary"));
}

/* The line and column of the byte at OFFSET of TEXT, from 1. */
static void place_of(const char *text, size_t offset, size_t *line, size_t *col)
{
	const char *start = text;

	*line = 1;
	for (const char *p = text; (p = memchr(p, '\n', (size_t)(text + offset - p))); p++) {
		(*line)++;
		start = p + 1;
	}
	*col = (size_t)(text + offset - start) + 1;
}

/* The offset in the JSON value at the start of TEXT (LEN bytes) where it holds more values,
 * or more objects and arrays, than a report may (said in *WHAT), or LEN when it does not:
 * counted before jansson builds it. */
static size_t past_bounds(const char *text, size_t len, const char **what)
{
	size_t depth = 0, containers = 0, values = 0;
	int in_string = 0;
	char last = '[';         /* the last character outside strings: is a value next? */

	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = 0;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		int value = c == '"' || c == '{' || c == '[' ||
			    (strchr("[,:", last) && strchr("-0123456789tfn", c));
		if (value && ++values > REPORT_VALUES_MAX) {
			*what = "values";
			return i;
		}
		if ((c == '{' || c == '[') && ++containers > REPORT_CONTAINERS_MAX) {
			*what = "objects and arrays";
			return i;
		}
		if (c == '"')
			in_string = 1;
		else if (c == '{' || c == '[')
			depth++;
		else if ((c == '}' || c == ']') && depth && !--depth)
			return len;
		last = c;
	}
	return len;
}

/* The JSON value at *OFF of TEXT, *OFF then past it; NULL at the end, or with *FAILED set
 * after saying why the value cannot be read. */
static json_t *next_document(const struct source *src, const char *text, size_t len,
			     size_t *off, int *failed)
{
	size_t line, col;

	*off += strspn(text + *off, " \t\r\n");
	if (*off >= len)
		return NULL;
	const char *what;
	size_t past = past_bounds(text + *off, len - *off, &what);
	if (past < len - *off) {
		place_of(text, *off + past, &line, &col);
		msg(MSG_ERROR, src->name, line, col, "not read: one report holding more JSON %s "
		    "than pickdoc writes (%u)", what, !strcmp(what, "values") ?
		    REPORT_VALUES_MAX : REPORT_CONTAINERS_MAX);
		*failed = 1;
		return NULL;
	}
	json_error_t err;
	json_t *doc = json_loadb(text + *off, len - *off, JSON_DISABLE_EOF_CHECK, &err);
	if (doc) {
		*off += err.position;
		return doc;
	}
	*failed = 1;
	if (json_error_code(&err) == json_error_out_of_memory) {
		msg(MSG_ERROR, src->name, 0, 0, "out of memory reading it");
		return NULL;
	}
	/* jansson counts from *OFF, whose line starts before it; -1 where it knows no place */
	line = col = 0;
	if (err.line > 0 && err.column >= 0) {
		place_of(text, *off, &line, &col);
		line += (size_t)err.line - 1;
		col = (size_t)err.column + (err.line == 1 ? col - 1 : 0);
	}
	msg(MSG_ERROR, src->name, line, col, "not a pickdoc report: %s", err.text);
	return NULL;
}

/* Whether every document of TEXT parses and is a report (said when not), and the host
 * label of the first that has one; nothing else kept. */
static int all_reports(struct source *src, const char *text, size_t len)
{
	size_t off = 0, n = 0;
	int failed = 0;
	json_t *doc;

	while ((doc = next_document(src, text, len, &off, &failed))) {
		int ok = is_report(doc);
		n++;
		if (!src->host_label && host_label(doc))
			src->host_label = xstrdup(host_label(doc));
		json_decref(doc);
		if (!ok) {
			msg(MSG_ERROR, src->name, 0, 0, "not a pickdoc report (JSON or ndjson of "
			    "--format json or ndjson)");
			return 0;
		}
	}
	if (!failed && !n)
		msg(MSG_ERROR, src->name, 0, 0, "not a pickdoc report: empty");
	return !failed && n;
}

enum merge_status merge_text(struct merge *m, const char *text, size_t len, const char *name)
{
	struct source src = { m, name, name, NULL, MERGE_OK };

	if (memchr(text, '\0', len)) {
		msg(MSG_ERROR, name, 0, 0, "not a pickdoc report: binary data");
		return MERGE_NOT_REPORT;
	}
	/* read twice, to merge nothing of a file that is not all reports, and to hold one
	 * document (and one run's findings) at a time, not the whole file */
	if (!all_reports(&src, text, len)) {
		free(src.host_label);
		return MERGE_NOT_REPORT;
	}
	if (src.host_label)
		src.host = src.host_label;
	struct run run = { .by_fingerprint = strtab_new() };
	size_t off = 0;
	int failed = 0;
	json_t *doc;
	while ((doc = next_document(&src, text, len, &off, &failed))) {
		add_document(&src, &run, doc);
		json_decref(doc);
	}
	run_end(&src, &run);
	strtab_free(run.by_fingerprint, NULL);
	free(run.pending);
	free(src.host_label);
	return src.status;
}

enum merge_status merge_file(struct merge *m, const char *path)
{
	struct buf b = { 0 };

	if (read_file(path, REPORT_FILE_MAX, &b) < 0) {
		enum merge_status st = errno == EFBIG ? MERGE_NOT_REPORT : MERGE_UNREADABLE;
		if (st == MERGE_NOT_REPORT)
			msg(MSG_ERROR, path, 0, 0, "larger than %u MiB: not a pickdoc report",
			    REPORT_FILE_MAX >> 20);
		else
			msg(MSG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
		buf_fini(&b);
		return st;
	}
	enum merge_status st = merge_text(m, b.s, b.len, path);
	buf_fini(&b);
	return st;
}

void merge_result(struct merge *m, struct report_input *out)
{
	groups_finish(m->groups, out);
	free(m->hosts);
	m->hosts = xcalloc(out->nfindings + 1, sizeof *m->hosts);
	for (size_t i = 0; i < out->nfindings; i++) {
		const struct seen *s = seen_for(m, out->findings[i]);
		m->hosts[i].first = s->first;
		m->hosts[i].names = (const char *const *)s->hosts;
		m->hosts[i].n = s->nhosts;
	}
	out->hosts = m->hosts;
}
