/*
 * report.c: the reporter table and what every format shares: which facts are evidence
 * worth showing and in what order, which fix comes first, the next open question, the
 * summary line.  Knows nothing of how any format looks, nor of what a fact means beyond
 * its name.
 */
#include "report_int.h"

#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "infer.h"

static const struct reporter *const reporters[] = {
	[REPORT_TEXT] = &report_text,
	[REPORT_JSON] = &report_json,
	[REPORT_MARKDOWN] = &report_md,
	[REPORT_NDJSON] = &report_ndjson,
};

static const struct reporter *reporter_for(const struct report_opts *opts)
{
	size_t i = (size_t)opts->format;

	return i < sizeof reporters / sizeof reporters[0] ? reporters[i] : reporters[0];
}

/* Flushes so that a full disk shows up here rather than at exit. */
static int finish(FILE *out, int rc)
{
	if (fflush(out) == EOF || ferror(out))
		return -1;
	return rc;
}

int report_write(FILE *out, const struct report_input *in, const struct report_opts *opts)
{
	return finish(out, reporter_for(opts)->findings(out, in, opts));
}

int report_playbook(FILE *out, const struct kb_playbook *pb, const struct report_opts *opts)
{
	return finish(out, reporter_for(opts)->playbook(out, pb, opts));
}

int report_now_finding(FILE *out, const struct finding *fd, int repeat,
		       const struct report_labels *labels, const struct report_opts *opts)
{
	const struct reporter *r = reporter_for(opts);

	return r->now_finding ? finish(out, r->now_finding(out, fd, repeat, labels, opts)) : 0;
}

int report_now_unmatched(FILE *out, const struct unmatched *u,
			 const struct report_labels *labels, const struct report_opts *opts)
{
	const struct reporter *r = reporter_for(opts);

	return r->now_unmatched ? finish(out, r->now_unmatched(out, u, labels, opts)) : 0;
}

int report_end(FILE *out, const struct report_input *in, const struct report_opts *opts)
{
	const struct reporter *r = reporter_for(opts);

	return finish(out, r->end ? r->end(out, in, opts) : r->findings(out, in, opts));
}

void report_time(time_t t, struct buf *b)
{
	struct tm tm;
	char s[32];

	if (t && gmtime_r(&t, &tm) && strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%SZ", &tm))
		buf_adds(b, s);
}

int report_seen_by(const struct report_input *in, size_t i, struct buf *b)
{
	const struct report_hosts *h = in->hosts ? &in->hosts[i] : NULL;

	if (!h || !h->n)
		return 0;
	for (size_t k = 0; k < h->n; k++)
		buf_printf(b, "%s%s", k ? ", " : "", h->names[k]);
	if (h->first)
		buf_printf(b, " (first on %s)", h->first);
	return 1;
}

int report_list(FILE *out, const struct kb *kb)
{
	for (size_t i = 0; i < kb->nplaybooks; i++) {
		const struct kb_playbook *pb = kb->playbooks[i];
		/* a user's title may hold escapes ("\e" in YAML); ids are checked by the schema */
		fprintf(out, "%-20s ", pb->id);
		report_put_safe(out, pb->title, strlen(pb->title), 0);
		fputc('\n', out);
	}
	return finish(out, 0);
}

size_t report_utf8_len(const char *s, size_t n)
{
	unsigned long cp;
	int shown;
	size_t len = clean_char(s, n, &cp, &shown);

	return len == 1 && (unsigned char)s[0] >= 0x80 ? 0 : len;
}

void report_put_safe(FILE *out, const char *s, size_t n, int keep_newlines)
{
	size_t done = 0;

	for (size_t i = 0; i < n;) {
		unsigned long cp;
		int shown;
		size_t len = clean_char(s + i, n - i, &cp, &shown);
		if (shown || (s[i] == '\n' && keep_newlines)) {
			i += len;
			continue;
		}
		fwrite(s + done, 1, i - done, out);
		clean_put_escape(out, s + i, len, cp);
		i += len;
		done = i;
	}
	fwrite(s + done, 1, n - done, out);
}

size_t report_first_line(const char *s, int *more)
{
	size_t n = strcspn(s, "\n");

	*more = s[n] == '\n' && s[n + 1] != '\0';
	return n;
}

/* Facts the heading and exception line already show, or that the user frame row joins. */
static int hidden(const struct finding *fd, const struct fact *f)
{
	static const char *const shown_elsewhere[] = { "exception", "message" };
	static const char *const frame_parts[] = { "user_line", "user_func", "user_source" };

	for (size_t i = 0; i < sizeof shown_elsewhere / sizeof shown_elsewhere[0]; i++)
		if (!strcmp(f->name, shown_elsewhere[i]))
			return 1;
	if (!strcmp(f->name, "final_exception")) {
		const char *exc = facts_get(&fd->facts, "exception");
		return exc && !strcmp(exc, f->value);
	}
	if (facts_find(&fd->facts, "user_file"))
		for (size_t i = 0; i < sizeof frame_parts / sizeof frame_parts[0]; i++)
			if (!strcmp(f->name, frame_parts[i]))
				return 1;
	return 0;
}

const struct fact **report_evidence(const struct finding *fd, size_t *n)
{
	const struct facts *facts = &fd->facts;
	const struct fact **v = xcalloc(facts->n ? facts->n : 1, sizeof *v);
	size_t k = 0;

	/* The subject first, then the order the stages set them in: the signature's, the
	 * shared evidence rules' (in knowledge-base order), the user frame, derived facts. */
	const struct fact *subject = facts_find(facts, "subject");
	if (subject)
		v[k++] = subject;
	for (size_t i = 0; i < facts->n; i++) {
		const struct fact *f = &facts->v[i];
		if (f != subject && !hidden(fd, f))
			v[k++] = f;
	}
	*n = k;
	return v;
}

int report_user_frame(const struct finding *fd, struct buf *b)
{
	const char *file = facts_get(&fd->facts, "user_file");
	const char *line = facts_get(&fd->facts, "user_line");
	const char *func = facts_get(&fd->facts, "user_func");

	if (!file)
		return 0;
	buf_adds(b, file);
	if (line && strcmp(line, "0"))
		buf_printf(b, ":%s", line);
	if (func)
		buf_printf(b, " in %s", func);
	return 1;
}

const char *report_answer_source(const struct finding *fd, const struct tree_step *s)
{
	const struct fact *f = facts_find(&fd->facts, s->question->fact);

	if (!s->answer || !f || infer_step_by_person(fd, s))
		return NULL;
	return f->source;
}

const struct kb_question *report_next_question(const struct finding *fd)
{
	for (size_t i = 0; i < fd->npath; i++)
		if (!fd->path[i].answer)
			return fd->path[i].question;
	return NULL;
}

static void count(struct buf *b, size_t n, const char *one, const char *many)
{
	buf_printf(b, "%zu %s", n, n == 1 ? one : many);
}

int report_truncation(const struct finding *fd, struct report_cut *cut, struct buf *b)
{
	const struct tb_record *rec = fd->record;

	memset(cut, 0, sizeof *cut);
	for (size_t i = 0; rec && i < rec->nexcs; i++) {
		cut->frames += (size_t)rec->excs[i].dropped;
		cut->bytes += rec->excs[i].cut;
	}
	cut->blocks = rec ? rec->dropped_blocks : 0;
	if (!cut->frames && !cut->blocks && !cut->bytes)
		return 0;
	if (b) {
		size_t parts = !!cut->frames + !!cut->blocks + !!cut->bytes, said = 0;
		const size_t n[] = { cut->frames, cut->blocks, cut->bytes };
		const char *const one[] = { "frame", "chained exception", "byte of text" };
		const char *const many[] = { "frames", "chained exceptions", "bytes of text" };
		for (size_t i = 0; i < 3; i++) {
			if (!n[i])
				continue;
			if (said)
				buf_adds(b, said + 1 == parts ? " and " : ", ");
			count(b, n[i], one[i], many[i]);
			said++;
		}
	}
	return 1;
}

void report_summary(const struct report_input *in, struct buf *b)
{
	size_t secondary = 0;

	for (size_t i = 0; i < in->nfindings; i++)
		secondary += in->findings[i]->secondary != 0;
	if (!in->nfindings && !in->nunmatched) {
		buf_adds(b, "no traceback found");
		return;
	}
	count(b, in->nfindings, "failure diagnosed", "failures diagnosed");
	if (in->nfindings)
		buf_printf(b, " (%zu primary, %zu secondary)", in->nfindings - secondary,
			   secondary);
	if (in->nunmatched) {
		buf_adds(b, ", ");
		count(b, in->nunmatched, "traceback not diagnosed", "tracebacks not diagnosed");
	}
}
