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

#include "group.h"
#include "msg.h"
#include "plan.h"
#include "util.h"

/* A report of a whole fleet is some megabytes; a file of more is a log given by mistake,
 * which would otherwise be read whole into memory. */
#define REPORT_FILE_MAX (256u << 20)

/* The hosts that saw one fingerprint, and the one that saw it first. */
struct seen {
	char *fingerprint;
	char **hosts;
	size_t nhosts, caphosts;
	char *first;
	time_t first_seen;
};

struct merge {
	const struct kb *kb;
	struct groups *groups;
	struct seen *seen;
	size_t nseen, capseen;
	struct report_hosts *hosts;      /* what merge_result hands out */
};

/* One report being read. */
struct source {
	struct merge *m;
	const char *name;
	const char *host;                /* its "host" label, or its file name */
	enum merge_status status;
};

struct merge *merge_new(const struct kb *kb)
{
	struct merge *m = xcalloc(1, sizeof *m);

	m->kb = kb;
	m->groups = groups_new();
	return m;
}

void merge_free(struct merge *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nseen; i++) {
		struct seen *s = &m->seen[i];
		for (size_t k = 0; k < s->nhosts; k++)
			free(s->hosts[k]);
		free(s->hosts);
		free(s->fingerprint);
		free(s->first);
	}
	free(m->seen);
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
	return end && !*end ? timegm(&tm) : 0;
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

static struct seen *seen_for(struct merge *m, const char *fingerprint)
{
	for (size_t i = 0; i < m->nseen; i++)
		if (!strcmp(m->seen[i].fingerprint, fingerprint))
			return &m->seen[i];
	grow(&m->seen, &m->capseen, m->nseen, sizeof *m->seen);
	struct seen *s = &m->seen[m->nseen++];
	memset(s, 0, sizeof *s);
	s->fingerprint = xstrdup(fingerprint);
	return s;
}

static void seen_host(struct seen *s, const char *host)
{
	for (size_t i = 0; i < s->nhosts; i++)
		if (!strcmp(s->hosts[i], host))
			return;
	grow(&s->hosts, &s->caphosts, s->nhosts, sizeof *s->hosts);
	s->hosts[s->nhosts++] = xstrdup(host);
}

/* The hosts of finding J: those a merged report lists, or the report's own. */
static void note_hosts(struct source *src, const char *fingerprint, const json_t *j,
		       time_t first_seen)
{
	struct seen *s = seen_for(src->m, fingerprint);
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
		seen_host(s, src->host);
	json_array_foreach(hosts, i, h)
		if (json_is_string(h))
			seen_host(s, json_string_value(h));
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
	time_t first_seen = fd->first_seen;
	if (groups_fold(src->m->groups, fd, fingerprint, NULL) != GROUP_DROPPED)
		note_hosts(src, fingerprint, j, first_seen);
}

static void add_unmatched(struct source *src, const json_t *u)
{
	const char *type = get_str(u, "exception"), *message = get_str(u, "message");
	const char *origin = get_str(u, "origin");
	size_t n = get_size(u, "occurrences");

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

/* The count a --format ndjson stream gives the finding at DOCS[AT] last: its repeats and
 * its run's summary come after it.  A file where runs were appended holds several
 * summaries; the first one after the finding ends its run. */
static size_t last_count(json_t *const *docs, size_t n, size_t at, const char *fingerprint)
{
	size_t count = get_size(docs[at], "occurrences");

	for (size_t i = at + 1; i < n; i++) {
		const char *event = get_str(docs[i], "event");
		if (!event)
			continue;
		if (!strcmp(event, "repeat")) {
			const char *fp = get_str(docs[i], "fingerprint");
			if (fp && !strcmp(fp, fingerprint))
				count = get_size(docs[i], "occurrences");
		} else if (!strcmp(event, "summary")) {
			size_t k;
			const json_t *c;
			json_array_foreach(json_object_get(docs[i], "counts"), k, c) {
				const char *fp = get_str(c, "fingerprint");
				if (fp && !strcmp(fp, fingerprint))
					count = get_size(c, "occurrences");
			}
			break;
		}
	}
	return count;
}

/* The documents of a file: --format json reports, or the lines of --format ndjson, one
 * event each. */
static void add_documents(struct source *src, json_t *const *docs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *event = get_str(docs[i], "event");
		const char *fp = get_str(docs[i], "fingerprint");
		if (!event)
			add_report(src, docs[i]);
		else if (!strcmp(event, "finding"))
			add_finding(src, docs[i], fp ? last_count(docs, n, i, fp) : 0);
		else if (!strcmp(event, "unmatched"))
			add_unmatched(src, docs[i]);
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

static size_t line_of(const char *text, size_t offset)
{
	size_t line = 0;

	for (const char *p = text; (p = memchr(p, '\n', (size_t)(text + offset - p))); p++)
		line++;
	return line;
}

/* Reads every JSON value of TEXT into *DOCS, which the caller releases even on failure;
 * -1 after reporting the first value that does not parse. */
static int load_all(struct source *src, const char *text, size_t len, json_t ***docs, size_t *n)
{
	size_t off = 0, cap = 0;

	*docs = NULL;
	*n = 0;
	for (;;) {
		off += strspn(text + off, " \t\r\n");
		if (off >= len)
			return 0;
		json_error_t err;
		json_t *doc = json_loadb(text + off, len - off, JSON_DISABLE_EOF_CHECK, &err);
		if (!doc) {
			/* jansson counts from OFF: its first line starts mid-line in TEXT */
			size_t col = (size_t)err.column;
			if (err.line == 1) {
				size_t start = off;
				while (start && text[start - 1] != '\n')
					start--;
				col += off - start;
			}
			msg(MSG_ERROR, src->name, line_of(text, off) + (size_t)err.line, col,
			    "not a pickdoc report: %s", err.text);
			return -1;
		}
		grow(docs, &cap, *n, sizeof **docs);
		(*docs)[(*n)++] = doc;
		off += err.position;
	}
}

enum merge_status merge_text(struct merge *m, const char *text, size_t len, const char *name)
{
	struct source src = { m, name, name, MERGE_OK };
	json_t **docs;
	size_t n;

	if (memchr(text, '\0', len)) {
		msg(MSG_ERROR, name, 0, 0, "not a pickdoc report: binary data");
		return MERGE_NOT_REPORT;
	}
	if (load_all(&src, text, len, &docs, &n) < 0)
		src.status = MERGE_NOT_REPORT;
	else if (!n) {
		msg(MSG_ERROR, name, 0, 0, "not a pickdoc report: empty");
		src.status = MERGE_NOT_REPORT;
	}
	for (size_t i = 0; i < n && src.status == MERGE_OK; i++)
		if (!is_report(docs[i])) {
			msg(MSG_ERROR, name, 0, 0, "not a pickdoc report (JSON or ndjson of "
			    "--format json or ndjson)");
			src.status = MERGE_NOT_REPORT;
		}
	if (src.status == MERGE_OK) {
		for (size_t i = 0; i < n && src.host == name; i++)
			if (host_label(docs[i]))
				src.host = host_label(docs[i]);
		add_documents(&src, docs, n);
	}
	for (size_t i = 0; i < n; i++)
		json_decref(docs[i]);
	free(docs);
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
		const struct seen *s = seen_for(m, out->findings[i]->fingerprint);
		m->hosts[i].first = s->first;
		m->hosts[i].names = (const char *const *)s->hosts;
		m->hosts[i].n = s->nhosts;
	}
	out->hosts = m->hosts;
}
