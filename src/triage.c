/*
 * triage.c: wires the stages for one run.  Reads the rotations of a log as one log.  Each
 * record the parser completes is matched at once and either becomes a finding (evidence,
 * inference, grouping) or is kept as undiagnosed, so memory follows the largest traceback
 * and the group table's bound, not the input nor how long the run lasts; a record that
 * says what an earlier one said is counted as its repeat, not diagnosed again.  A
 * streaming run hands each new finding to the reporter at once; following an open input,
 * a quiet period ends the traceback in progress.  Knows when to report, not how.
 */
#include "triage.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "evidence.h"
#include "group.h"
#include "infer.h"
#include "input.h"
#include "match.h"
#include "memo.h"
#include "msg.h"
#include "parse.h"
#include "plan.h"
#include "rotate.h"
#include "scan.h"
#include "unwrap.h"
#include "util.h"

/* What the memo keeps for a record nothing diagnosed: this mark, then the place of its
 * undiagnosed entry (fingerprints are hex digits, so the two are never confused). */
#define UNDIAGNOSED_MARK '#'

struct triage {
	const struct kb *kb;
	struct regex_cache *rc;
	struct groups *groups;
	struct memo *memo;       /* records already diagnosed */
	struct litset *mentions; /* what a line that mentions a message holds */
	struct litset *logged;   /* and such a line at an informational level */
	struct buf key;          /* the key of the record at hand */
	enum unwrap_format format;
	FILE *stream;            /* NULL: nothing is written before the end */
	const struct report_opts *ro;
	const struct report_labels *labels;
	const struct answers *given;
	time_t fixed_now;        /* SOURCE_DATE_EPOCH, or 0: the clock */
	int write_failed;
};

/* SOURCE_DATE_EPOCH (the reproducible-builds convention) stands for the clock, so that a
 * report of a log without timestamps is the same on every run: the golden files need it. */
static time_t fixed_now(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;

	if (!s || !*s)
		return 0;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	return (*end || errno || v <= 0) ? 0 : (time_t)v;
}

struct triage *triage_new(const struct kb *kb, struct regex_cache *rc)
{
	struct triage *t = xcalloc(1, sizeof *t);

	t->kb = kb;
	t->rc = rc;
	t->groups = groups_new();
	t->memo = memo_new();
	t->mentions = match_mention_literals(kb, 0);
	t->logged = match_mention_literals(kb, 1);
	t->fixed_now = fixed_now();
	return t;
}

void triage_stream(struct triage *t, FILE *out, const struct report_opts *ro,
		   const struct report_labels *labels, const struct answers *given)
{
	t->stream = out;
	t->ro = ro;
	t->labels = labels;
	t->given = given;
}

int triage_write_failed(const struct triage *t)
{
	return t->write_failed;
}

void triage_free(struct triage *t)
{
	if (!t)
		return;
	groups_free(t->groups);
	memo_free(t->memo);
	litset_free(t->mentions);
	litset_free(t->logged);
	buf_fini(&t->key);
	free(t);
}

/* Whether REC is only messages read inside other text, no exception line. */
static int mentions_only(const struct tb_record *rec)
{
	for (size_t i = 0; i < rec->nexcs; i++)
		if (!rec->excs[i].mentioned)
			return 0;
	return 1;
}

/* A secondary finding's causes depend on what it is layered under: FD, when secondary,
 * is ranked again with that fact (once), and with what its derive rules read from it. */
static void rank_layered(struct triage *t, struct finding *fd)
{
	if (fd->secondary && fd->primary &&
	    facts_set(&fd->facts, "layered_under", fd->primary->playbook->id,
		      "the finding it is secondary to", fd->primary->first_line)) {
		evidence_derive_layered(t->rc, fd);
		infer_rank(t->rc, fd);
		plan_build(fd);
	}
}

static void on_record(struct tb_record *rec, void *arg)
{
	struct triage *t = arg;

	/* Many workers print the same traceback: a record that says what one already
	 * diagnosed said is a repeat of its finding, whatever its prefix or place. */
	record_key(rec, &t->key);
	const char *fingerprint = memo_get(t->memo, t->key.s, t->key.len);
	if (fingerprint && (*fingerprint == UNDIAGNOSED_MARK ?
			    groups_repeat_unmatched(t->groups, strtol(fingerprint + 1, NULL, 10)) :
			    groups_repeat(t->groups, fingerprint, rec->written))) {
		record_free(rec);
		return;
	}
	int near_read;
	struct finding *fd = match_record_near(t->kb, t->rc, rec, &near_read);
	struct finding *kept;

	if (!fd && mentions_only(rec)) {
		record_free(rec);      /* a sentence that named no failure after all */
		return;
	}
	if (!fd) {
		int in_worker;
		const struct tb_frame *frame = evidence_unmatched_frame(t->kb, t->rc, rec,
									 &in_worker);
		long at;
		const struct unmatched *u = groups_add_unmatched(t->groups, rec, frame,
								 in_worker, &at);
		if (at >= 0 && !near_read) {
			char entry[32];
			snprintf(entry, sizeof entry, "%c%ld", UNDIAGNOSED_MARK, at);
			memo_put(t->memo, t->key.s, t->key.len, entry);
		}
		if (u && t->stream && report_now_unmatched(t->stream, u, t->labels, t->ro) < 0)
			t->write_failed = 1;
		return;
	}
	fd->record = rec;
	fd->written = rec->written;
	fd->first_seen = rec->written ? rec->written : t->fixed_now ? t->fixed_now : time(NULL);
	evidence_collect(t->kb, t->rc, fd);
	/* A diagnosis that read the text near the record stands for this record only. */
	int memo = !fd->near_read;
	/* The grouping key is made of evidence only: a repeat is counted and freed without
	 * being ranked and planned again, which is most of the work on a log where many
	 * workers fail alike. */
	enum group_outcome outcome = groups_fold(t->groups, fd, NULL, &kept);
	if (kept && memo)
		memo_put(t->memo, t->key.s, t->key.len, kept->fingerprint);
	if (kept != fd)
		return;
	infer_rank(t->rc, fd);
	plan_build(fd);
	if (outcome != GROUP_NEW || !t->stream)
		return;
	groups_relate(t->groups, kept);
	/* A consequence is a finding only under the failure it follows; without one so far,
	 * the whole input decides (groups_finish). */
	if (kept->signature && kept->signature->consequence && !kept->secondary)
		return;
	rank_layered(t, kept);
	if (t->given)
		answers_apply(t->given, t->rc, kept);
	if (report_now_finding(t->stream, kept, 0, t->labels, t->ro) < 0)
		t->write_failed = 1;
}

static void on_repeat(const struct finding *fd, void *arg)
{
	struct triage *t = arg;

	if (report_now_finding(t->stream, fd, 1, t->labels, t->ro) < 0)
		t->write_failed = 1;
}

static int on_bare(const char *type, size_t type_len, const char *message, size_t message_len,
		   void *arg)
{
	struct triage *t = arg;

	return match_bare_candidate(t->kb, t->rc, type, type_len, message, message_len);
}

static int on_mention(const char *line, size_t len, int informational, void *arg)
{
	struct triage *t = arg;

	return litset_any(informational ? t->logged : t->mentions, line, len);
}

void triage_set_input_format(struct triage *t, enum unwrap_format format)
{
	t->format = format;
}

/* Lines unwrapped into the parser, from an input or from text held in memory (IN is
 * NULL); and how they end. */
struct reading {
	struct input *in;
	struct unwrap *u;
	struct parser *p;
};

static void unwrapped_start(struct reading *r, const char *origin, enum unwrap_format format,
			    parse_emit_fn emit, parse_bare_fn bare, parse_mention_fn mention,
		    void *arg)
{
	r->u = unwrap_new(format);
	r->p = parser_new(origin, emit, bare, arg);
	parser_set_mention(r->p, mention);
}

/* One physical line, number LINENO: each logical line it holds goes to the parser under
 * that number. */
static void unwrapped_line(struct reading *r, const char *line, size_t len, size_t lineno)
{
	const char *l;
	size_t n;

	unwrap_line(r->u, line, len);
	parser_line_time(r->p, unwrap_time(r->u));
	while (unwrap_next(r->u, &l, &n))
		parser_line(r->p, l, n, lineno);
}

/* What was read so far ends here, LINENO being the last line's number: nothing that
 * follows continues it. */
static void unwrapped_settle(struct reading *r, size_t lineno)
{
	const char *line;
	size_t len;

	unwrap_end(r->u);          /* a line the unwrapper held for its end */
	while (unwrap_next(r->u, &line, &len))
		parser_line(r->p, line, len, lineno);
	parser_finish(r->p);
}

/* The end of the lines. */
static void unwrapped_end(struct reading *r, size_t lineno)
{
	unwrapped_settle(r, lineno);
	parser_free(r->p);
	unwrap_free(r->u);
}

/* PATH opened, or NULL after saying why it cannot be read. */
static struct input *opened(const char *path)
{
	struct input *in = input_open(path);

	if (!in)
		msg(MSG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
	return in;
}

static int reading_open(struct reading *r, const char *path, enum unwrap_format format,
			parse_emit_fn emit, parse_bare_fn bare, parse_mention_fn mention,
			void *arg)
{
	if (!(r->in = opened(path)))
		return -1;
	unwrapped_start(r, input_name(r->in), format, emit, bare, mention, arg);
	return 0;
}

static void reading_line(struct reading *r, const char *line, size_t len)
{
	unwrapped_line(r, line, len, input_lineno(r->in));
}

/* The end of input IN, GOT being input_next's last result: a read error and the lines cut
 * reported, the input closed.  Returns 0, or -1 after a read error. */
static int input_done(struct input *in, int got)
{
	if (got < 0)
		msg(MSG_ERROR, input_name(in), input_lineno(in) + 1, 0, "read error: %s",
		    input_error(in));
	if (input_cut_lines(in))
		msg(MSG_WARNING, input_name(in), 0, 0,
		    "%zu lines longer than %u bytes were read only up to that length",
		    input_cut_lines(in), INPUT_LINE_MAX);
	input_close(in);
	return got < 0 ? -1 : 0;
}

/* GOT is input_next's last result; returns 0, or -1 after a read error (reported). */
static int reading_close(struct reading *r, int got)
{
	size_t lineno = input_lineno(r->in);
	int status = input_done(r->in, got);

	unwrapped_end(r, lineno);
	return status;
}

/* While the parser waits for a record to start, the lines read that cannot start one are
 * passed over unsplit (scan.h): most of a log is such lines. */
static void skip_quiet(struct reading *r)
{
	const char *bytes;
	size_t n, quiet, lines;

	/* the first lines are all read (parse.h): a paste, or the start of a log */
	if (input_lineno(r->in) >= PARSE_READ_ALL_LINES && parser_idle(r->p) &&
	    (n = input_peek(r->in, &bytes)) > 0) {
		quiet = scan_quiet(bytes, n, &lines);
		if (!quiet)
			return;
		input_skip(r->in, quiet, lines);
		const char *nl = quiet > 1 ? memrchr(bytes, '\n', quiet - 1) : NULL;
		const char *last = nl ? nl + 1 : bytes;
		parser_passed_over(r->p, last, (size_t)(bytes + quiet - 1 - last),
				   input_lineno(r->in));
	}
}

/* The files of one log, oldest first (rotate.h), read as one: a traceback that a rotation
 * cut in two is whole again.  A file that cannot be read is reported and left out, and
 * nothing is joined across the gap it leaves.  Returns 0, or -1 when a file could not be
 * read. */
static int read_log(const char *const *paths, size_t n, enum unwrap_format format,
		    parse_emit_fn emit, parse_bare_fn bare, parse_mention_fn mention,
		    void *arg)
{
	struct reading r = { NULL, NULL, NULL };
	const char *line;
	size_t len, lineno = 0;
	int status = 0;

	for (size_t i = 0; i < n; i++) {
		if (!(r.in = opened(paths[i]))) {
			status = -1;
			if (r.p)
				unwrapped_settle(&r, lineno);
			continue;
		}
		if (r.p)
			parser_set_origin(r.p, input_name(r.in));
		else
			unwrapped_start(&r, input_name(r.in), format, emit, bare, mention, arg);
		int got;
		while (skip_quiet(&r), (got = input_next(r.in, &line, &len)) > 0)
			reading_line(&r, line, len);
		lineno = input_lineno(r.in);
		if (input_done(r.in, got) < 0) {
			status = -1;
			unwrapped_settle(&r, lineno);
		}
	}
	if (r.p)
		unwrapped_end(&r, lineno);
	return status;
}

/* PATHS (N; stdin when none) as logs: the rotations of one log read as that log. */
static int read_logs(const char *const *paths, size_t n, enum unwrap_format format,
		     parse_emit_fn emit, parse_bare_fn bare, parse_mention_fn mention,
		     void *arg)
{
	static const char *const standard_input[] = { "-" };

	if (!n)
		return read_log(standard_input, 1, format, emit, bare, mention, arg);
	const char **ordered = xreallocarray(NULL, n, sizeof *ordered);
	size_t *set_len = xreallocarray(NULL, n, sizeof *set_len);
	int status = 0;

	memcpy(ordered, paths, n * sizeof *ordered);
	size_t nsets = rotate_order(ordered, n, set_len);
	for (size_t i = 0, at = 0; i < nsets; at += set_len[i++])
		status |= read_log(ordered + at, set_len[i], format, emit, bare, mention, arg);
	free(set_len);
	free(ordered);
	return status;
}

int triage_paths(struct triage *t, const char *const *paths, size_t n)
{
	return read_logs(paths, n, t->format, on_record, on_bare, on_mention, t);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* What is complete is reported, and the counts that grew since they last were. */
static void settle(struct triage *t, struct parser *p)
{
	parser_finish(p);
	if (t->stream)
		groups_announce(t->groups, on_repeat, t);
}

int triage_follow(struct triage *t, const char *path, int quiet_ms, int repeat_ms,
		  volatile sig_atomic_t *stop)
{
	struct reading r;
	const char *line;
	size_t len;
	int got = 0, pending = 0;
	long long announced = now_ms();

	if (reading_open(&r, path, t->format, on_record, on_bare, on_mention, t) < 0)
		return -1;
	input_follow(r.in);
	while (!*stop && !t->write_failed) {
		/* Without a line pending, the wait is still bounded so that a signal that came
		 * just before it is seen soon. */
		int ready = input_wait(r.in, pending ? quiet_ms : repeat_ms);
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready < 0) {
			got = -1;
			break;
		}
		if (!ready) {
			settle(t, r.p);
			announced = now_ms();
			pending = 0;
			continue;
		}
		if ((got = input_next(r.in, &line, &len)) == INPUT_WAIT)
			continue;
		if (got <= 0)
			break;
		reading_line(&r, line, len);
		pending = 1;
		if (now_ms() - announced >= repeat_ms) {
			groups_announce(t->groups, on_repeat, t);
			announced = now_ms();
		}
	}
	return reading_close(&r, got);
}

void triage_text(struct triage *t, const char *text, size_t len, const char *origin)
{
	struct reading r = { NULL, NULL, NULL };
	size_t lineno = 0;

	unwrapped_start(&r, origin, t->format, on_record, on_bare, on_mention, t);
	while (len) {
		const char *nl = memchr(text, '\n', len);
		size_t n = nl ? (size_t)(nl - text) : len;

		unwrapped_line(&r, text, n, ++lineno);
		if (!nl)
			break;
		text += n + 1;
		len -= n + 1;
	}
	unwrapped_end(&r, lineno);
}

void triage_result(struct triage *t, struct report_input *out)
{
	groups_finish(t->groups, out);
	/* Only the whole input decides which findings are secondary. */
	for (size_t i = 0; i < out->nfindings; i++)
		rank_layered(t, out->findings[i]);
}

static void dump_record(struct tb_record *rec, void *arg)
{
	record_dump(arg, rec);
	record_free(rec);
}

static int any_bare(const char *type, size_t type_len, const char *message,
		    size_t message_len, void *arg)
{
	(void)type, (void)type_len, (void)message, (void)message_len, (void)arg;
	return 1;
}

int triage_dump_records(const char *const *paths, size_t n, enum unwrap_format format,
			FILE *out)
{
	return read_logs(paths, n, format, dump_record, any_bare, NULL, out);
}
