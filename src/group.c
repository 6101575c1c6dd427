/*
 * group.c: fingerprints (playbook, exception type, normalised message, user frame), counts,
 * first occurrences, the pieces of one failure that processes printing at once
 * interleaved, primary versus secondary within one run.  Memory stays bounded on hostile
 * input and in a run that never ends: past GROUPS_MAX distinct entries, new ones are left
 * out, with one warning.  Knows nothing of inputs, reports or clocks.
 */
#include "group.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "util.h"

struct keyed {
	uint64_t hash;
	char *key;
	int fragment;            /* a piece of a traceback (is_fragment) */
	char *head_file;         /* a fragment's first frame, NULL when it has none */
	long head_line;
};

struct groups {
	struct finding **findings;
	uint64_t *fhashes;       /* of each finding's fingerprint */
	size_t *announced;       /* each finding's count when last announced */
	size_t nfindings, capfindings, capfhashes, capannounced;
	struct unmatched *unmatched;
	struct keyed *ukeys;
	size_t nunmatched, capunmatched, capukeys;
	size_t dropped_findings, dropped_unmatched;
	int saturated;           /* a count reached COUNT_MAX (warned once) */
	struct finding **ordered;
};

static uint64_t hash_of(const char *s)
{
	return hash_bytes(s, strlen(s));
}

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

char *group_normalise(const char *message)
{
	struct buf b = { 0 };

	for (const char *p = message; *p;) {
		if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && is_hex(p[2])) {
			buf_adds(&b, "0x?");
			for (p += 2; is_hex(*p); p++)
				;
		} else if (*p >= '0' && *p <= '9') {
			buf_addc(&b, '#');
			while (*p >= '0' && *p <= '9')
				p++;
		} else {
			buf_addc(&b, *p++);
		}
	}
	return buf_release(&b);
}

struct groups *groups_new(void)
{
	return xcalloc(1, sizeof(struct groups));
}

/* The fingerprint: 16 hex digits of the hash of the grouping key, the same on every host
 * that sees the same failure in the same code, so that reports can be merged. */
static char *finding_fingerprint(const struct finding *fd)
{
	const struct tb_exc *exc = finding_exc(fd);
	char *norm = group_normalise(exc ? exc->message : "");
	const char *parts[] = { "user_file", "user_func", "user_line" };
	struct buf b = { 0 };

	buf_printf(&b, "%s\x1f%s\x1f%s", fd->playbook->id, exc ? exc->type : "", norm);
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		const char *v = facts_get(&fd->facts, parts[i]);
		buf_printf(&b, "\x1f%s", v ? v : "");
	}
	free(norm);
	uint64_t h = hash_of(b.s);
	buf_reset(&b);
	buf_printf(&b, "%016llx", (unsigned long long)h);
	return buf_release(&b);
}

static long find_key(const struct keyed *keys, size_t n, uint64_t h, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (keys[i].hash == h && !strcmp(keys[i].key, key))
			return (long)i;
	return -1;
}

/* Adds N occurrences to the count at TO, which stops at COUNT_MAX (reports merged from
 * many hosts could pass it): said once, not wrapped round to a small number. */
static void add_count(struct groups *g, size_t *to, size_t n)
{
	if (n > COUNT_MAX - *to && !g->saturated++)
		msg_plain(MSG_WARNING, "a count went past %zu, the most a report can "
			  "hold: shown as that", COUNT_MAX);
	*to = count_add(*to, n);
}

/* The kept finding with FINGERPRINT and, when PB is not NULL, of playbook PB: reports made
 * with different knowledge bases can give one fingerprint two playbooks, and those stay
 * two findings whatever order the reports come in. */
static long find_finding(const struct groups *g, uint64_t h, const char *fingerprint,
			 const struct kb_playbook *pb)
{
	for (size_t i = 0; i < g->nfindings; i++)
		if (g->fhashes[i] == h && !strcmp(g->findings[i]->fingerprint, fingerprint) &&
		    (!pb || g->findings[i]->playbook == pb))
			return (long)i;
	return -1;
}

/* FD repeats the finding kept at I: the counts add up and the earlier of the two by the
 * times their logs say stays (logs or reports read in any order can bring the earlier one
 * later); without both times, the one read first. */
static void fold(struct groups *g, size_t i, struct finding *fd)
{
	struct finding *kept = g->findings[i];

	if (fd->written && kept->written && fd->written < kept->written) {
		add_count(g, &fd->occurrences, kept->occurrences);
		fd->fingerprint = kept->fingerprint;
		kept->fingerprint = NULL;
		g->findings[i] = fd;
		for (size_t k = 0; k < g->nfindings; k++)
			if (g->findings[k]->primary == kept)
				g->findings[k]->primary = fd;
		finding_free(kept);
		return;
	}
	add_count(g, &kept->occurrences, fd->occurrences);
	finding_free(fd);
}

enum group_outcome groups_fold(struct groups *g, struct finding *fd, const char *fingerprint,
			       struct finding **kept)
{
	char *fp = fingerprint ? xstrdup(fingerprint) : finding_fingerprint(fd);
	uint64_t h = hash_of(fp);
	long i = find_finding(g, h, fp, fd->playbook);

	if (kept)
		*kept = NULL;
	if (i >= 0) {
		free(fp);
		fold(g, (size_t)i, fd);
		if (kept)
			*kept = g->findings[i];
		return GROUP_REPEAT;
	}
	if (g->nfindings >= GROUPS_MAX) {
		if (!g->dropped_findings++)
			msg_plain(MSG_WARNING, "more than %d distinct failures: the ones after "
				  "are left out of the report", GROUPS_MAX);
		free(fp);
		finding_free(fd);
		return GROUP_DROPPED;
	}
	grow(&g->findings, &g->capfindings, g->nfindings, sizeof *g->findings);
	grow(&g->fhashes, &g->capfhashes, g->nfindings, sizeof *g->fhashes);
	grow(&g->announced, &g->capannounced, g->nfindings, sizeof *g->announced);
	free(fd->fingerprint);
	fd->fingerprint = fp;
	g->fhashes[g->nfindings] = h;
	g->announced[g->nfindings] = fd->occurrences;
	g->findings[g->nfindings++] = fd;
	if (kept)
		*kept = fd;
	return GROUP_NEW;
}

int groups_repeat(struct groups *g, const char *fingerprint, time_t written)
{
	long i = find_finding(g, hash_of(fingerprint), fingerprint, NULL);

	if (i < 0 || (written && g->findings[i]->written && written < g->findings[i]->written))
		return 0;
	add_count(g, &g->findings[i]->occurrences, 1);
	return 1;
}

int groups_repeat_unmatched(struct groups *g, long index)
{
	if (index < 0 || (size_t)index >= g->nunmatched)
		return 0;
	add_count(g, &g->unmatched[index].occurrences, 1);
	return 1;
}

void groups_add(struct groups *g, struct finding *fd)
{
	groups_fold(g, fd, NULL, NULL);
}

void groups_announce(struct groups *g, void (*fn)(const struct finding *fd, void *arg),
		     void *arg)
{
	for (size_t i = 0; i < g->nfindings; i++) {
		if (g->announced[i] == g->findings[i]->occurrences)
			continue;
		g->announced[i] = g->findings[i]->occurrences;
		fn(g->findings[i], arg);
	}
}

/* Counts OCCURRENCES of an undiagnosed traceback, or of a fragment of one when HEAD is
 * not NULL (its first frame, or a frame with an empty file when it has none); returns its
 * entry when it is new.  *AT (when AT is not NULL) is its entry's place, or -1 when the
 * table is full. */
static struct unmatched *add_unmatched(struct groups *g, const char *type,
				       const char *message, const char *origin,
				       size_t first_line, size_t occurrences,
				       const struct tb_frame *head, long *at)
{
	char *norm = group_normalise(message);
	struct buf b = { 0 };

	buf_printf(&b, "%s\x1f%s", type, norm);
	if (head)
		buf_printf(&b, "\x1f%s:%ld", head->file, head->lineno);
	free(norm);
	char *key = buf_release(&b);
	uint64_t h = hash_of(key);
	long i = find_key(g->ukeys, g->nunmatched, h, key);
	if (at)
		*at = i;
	if (i >= 0) {
		add_count(g, &g->unmatched[i].occurrences, occurrences);
		free(key);
		return NULL;
	}
	if (g->nunmatched >= GROUPS_MAX) {
		if (!g->dropped_unmatched++)
			msg_plain(MSG_WARNING, "more than %d distinct undiagnosed tracebacks: the "
				  "ones after are left out of the report", GROUPS_MAX);
		free(key);
		return NULL;
	}
	grow(&g->unmatched, &g->capunmatched, g->nunmatched, sizeof *g->unmatched);
	grow(&g->ukeys, &g->capukeys, g->nunmatched, sizeof *g->ukeys);
	struct unmatched *u = &g->unmatched[g->nunmatched];
	u->exception = xstrdup(type);
	u->message = xstrdup(message);
	u->origin = xstrdup(origin);
	u->first_line = first_line;
	u->occurrences = occurrences;
	u->user_frame = u->user_source = NULL;
	u->in_worker = 0;
	g->ukeys[g->nunmatched].hash = h;
	g->ukeys[g->nunmatched].key = key;
	g->ukeys[g->nunmatched].fragment = head != NULL;
	g->ukeys[g->nunmatched].head_file = head && *head->file ? xstrdup(head->file) : NULL;
	g->ukeys[g->nunmatched].head_line = head ? head->lineno : 0;
	if (at)
		*at = (long)g->nunmatched;
	g->nunmatched++;
	return u;
}

/* Whether REC is a piece of a traceback rather than a whole one: cut before its
 * exception line, or an exception line (and frames) without its header, as tracebacks
 * that several processes print at once on one stderr come out interleaved. */
static int is_fragment(const struct tb_record *rec)
{
	const struct tb_exc *exc = record_final(rec);

	return rec->truncated || !exc || !*exc->type || !exc->has_header;
}

/* The user's frame of a new entry U, as text. */
static void set_frame(struct unmatched *u, const char *frame, const char *source,
		      int in_worker)
{
	u->user_frame = frame ? xstrdup(frame) : NULL;
	u->user_source = source ? xstrdup(source) : NULL;
	u->in_worker = in_worker;
}

const struct unmatched *groups_add_unmatched(struct groups *g, struct tb_record *rec,
					     const struct tb_frame *frame, int in_worker,
					     long *index)
{
	const struct tb_exc *exc = record_final(rec);
	struct tb_frame none = { .file = "" };
	const struct tb_frame *head = NULL;

	if (is_fragment(rec)) {
		head = &none;
		for (size_t i = 0; i < rec->nexcs && head == &none; i++)
			if (rec->excs[i].nframes)
				head = &rec->excs[i].frames[0];
	}
	struct unmatched *u = add_unmatched(g, exc ? exc->type : "", exc ? exc->message : "",
					    rec->origin, rec->first_line, 1, head, index);

	if (u) {
		struct buf b = { 0 };
		if (frame) {
			buf_adds(&b, frame->file);
			if (frame->lineno)
				buf_printf(&b, ":%ld", frame->lineno);
			if (frame->func)
				buf_printf(&b, " in %s", frame->func);
		}
		set_frame(u, frame ? b.s : NULL, frame ? frame->source : NULL, in_worker);
		buf_fini(&b);
	}
	record_free(rec);
	return u;
}

void groups_add_unmatched_counted(struct groups *g, const struct unmatched *u)
{
	struct unmatched *added = add_unmatched(g, u->exception, u->message, u->origin,
						u->first_line, u->occurrences, NULL, NULL);

	if (added)
		set_frame(added, u->user_frame, u->user_source, u->in_worker);
}

/* Whether FD was read from a wording that is only ever a consequence of another failure
 * (a signature's consequence): never a primary, and a finding only as a secondary. */
static int consequence_only(const struct finding *fd)
{
	return fd->signature && fd->signature->consequence;
}

static int is_consequence_of(const struct finding *fd, const struct finding *other)
{
	const struct kb_playbook *pb = fd->playbook;

	if (other == fd || other->playbook == pb || consequence_only(other))
		return 0;
	if (consequence_only(fd))
		return 1;
	for (size_t i = 0; i < pb->nsecondary_to; i++)
		if (!strcmp(pb->secondary_to[i], "*") ||
		    !strcmp(pb->secondary_to[i], other->playbook->id))
			return 1;
	return 0;
}

static int same_text(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

/* How far apart, by the times their logs say they were written, two failures of one run
 * can be: a pool breaks within moments of the worker's failure. */
#define SAME_RUN_SECONDS 300

/* The file name of PATH, after its last / or \\. */
static const char *base_name(const char *path)
{
	for (const char *p = path; *p; p++)
		if (*p == '/' || *p == '\\')
			path = p + 1;
	return path;
}

/* Whether FD and OTHER name different programs: the scripts their tracebacks start from
 * (the knowledge base's entry_script), compared by file name, as pastes shorten paths. */
static int other_program(const struct finding *fd, const struct finding *other)
{
	const char *a = facts_get(&fd->facts, "entry_script");
	const char *b = facts_get(&other->facts, "entry_script");

	return a && b && strcmp(base_name(a), base_name(b));
}

/* Whether FD and OTHER can be one run's, so that one can be the other's consequence: one
 * exception chain; else not another program's, and written close in time when both logs
 * say when, else in the same input. */
static int same_run(const struct finding *fd, const struct finding *other)
{
	if (fd->record && fd->record == other->record)
		return 1;
	if (other_program(fd, other))
		return 0;
	if (fd->written && other->written)
		return (fd->written > other->written ? fd->written - other->written
						     : other->written - fd->written) <= SAME_RUN_SECONDS;
	return same_text(fd->origin, other->origin);
}

/* Whether playbook PB names playbook ID in its secondary_to ("*" does not count). */
static int names_cause(const struct kb_playbook *pb, const char *id)
{
	for (size_t i = 0; i < pb->nsecondary_to; i++)
		if (!strcmp(pb->secondary_to[i], id))
			return 1;
	return 0;
}

/* Whether A was written before B: by the times their logs say, else by line. */
static int written_before(const struct finding *a, const struct finding *b)
{
	if (a->written && b->written && a->written != b->written)
		return a->written < b->written;
	return a->first_line < b->first_line;
}

/* Whether OTHER can be FD's primary.  A playbook that is never a consequence can.  Of two
 * playbooks that name each other (a rank that died, and the collective that timed out
 * waiting for it and then stopped the others), the failure written first is the cause,
 * when it is not itself secondary. */
static int can_be_primary(const struct finding *other, const struct finding *fd)
{
	if (!other->playbook->nsecondary_to)
		return 1;
	return !other->secondary && names_cause(other->playbook, fd->playbook->id) &&
	       names_cause(fd->playbook, other->playbook->id) && written_before(other, fd);
}

/* Marks FD secondary to the first kept finding that is its primary, leaving out those
 * FOLDED says are left out of the report (NULL: none). */
static void relate(const struct groups *g, const unsigned char *folded, struct finding *fd)
{
	for (size_t j = 0; j < g->nfindings && !fd->secondary; j++) {
		const struct finding *other = g->findings[j];
		if (folded && folded[j])
			continue;
		if (can_be_primary(other, fd) && is_consequence_of(fd, other) &&
		    same_run(fd, other)) {
			fd->secondary = 1;
			fd->primary = other;
		}
	}
}

void groups_relate(const struct groups *g, struct finding *fd)
{
	relate(g, NULL, fd);
}

/* Whether FD is a message read inside other text, without its exception line. */
static int mentioned(const struct finding *fd)
{
	return fd->record && fd->record->excs[fd->block].mentioned;
}

/* Lists the traceback of FD, a consequence without the failure it follows from, as
 * undiagnosed, as if nothing had matched it; a consequence read in prose, or in a line
 * without a traceback's header (a warning's "PATH:N: Type: message"), was no traceback
 * and is only left out. */
static void unmatch(struct groups *g, const struct finding *fd)
{
	const char *type = facts_get(&fd->facts, "exception");
	const char *message = facts_get(&fd->facts, "message");
	const char *file = facts_get(&fd->facts, "user_file");
	const char *line = facts_get(&fd->facts, "user_line");
	const char *func = facts_get(&fd->facts, "user_func");
	struct unmatched *u;
	struct buf b = { 0 };

	if (mentioned(fd) || !fd->record || !fd->record->excs[fd->block].has_header)
		return;
	u = add_unmatched(g, type ? type : "", message ? message : "",
			  fd->origin ? fd->origin : "", fd->first_line, fd->occurrences, NULL,
			  NULL);
	if (!u)
		return;
	if (file) {
		buf_adds(&b, file);
		if (line)
			buf_printf(&b, ":%s", line);
		if (func)
			buf_printf(&b, " in %s", func);
	}
	set_frame(u, file ? b.s : NULL, file ? facts_get(&fd->facts, "user_source") : NULL,
		  facts_get(&fd->facts, "carrier") != NULL);
	buf_fini(&b);
}

/* Whether FD was read from a wrapper's wording: it says that another failure happened, as
 * a library's re-raise does. */
static int is_wrapper(const struct finding *fd)
{
	return fd->signature && fd->signature->wrapper;
}

/* Whether FD only names a failure: a wrapper's wording, or a mention. */
static int names_only(const struct finding *fd)
{
	return is_wrapper(fd) || mentioned(fd);
}

/* A finding that only names a failure is that failure when the same input holds a finding
 * of the same playbook read from a wording and exception line of its own: it is left out,
 * so that one failure is one finding, reported where the text says most about it.  A
 * wrapper's wording is left out too beside a mention of the same playbook's own wording
 * (what a C++ library logs after its error line, with no exception line at all).  So is a
 * mention of the same playbook and subject as one read before it in the same input (the
 * sentences of one message, each unmistakable, pasted over several lines). */
static int is_folded(const struct groups *g, size_t i)
{
	const struct finding *fd = g->findings[i];

	if (!names_only(fd))
		return 0;
	for (size_t j = 0; j < g->nfindings; j++) {
		const struct finding *other = g->findings[j];
		if (other->playbook != fd->playbook || !same_text(other->origin, fd->origin))
			continue;
		if (!names_only(other) || (is_wrapper(fd) && !is_wrapper(other)) ||
		    (j < i && mentioned(fd) && mentioned(other) &&
		     same_text(facts_get(&other->facts, "subject"), facts_get(&fd->facts, "subject"))))
			return 1;
	}
	return 0;
}

static int has_user_frame(const struct finding *fd)
{
	return facts_get(&fd->facts, "user_file") != NULL;
}

static int same_user_frame(const struct finding *a, const struct finding *b)
{
	const char *parts[] = { "user_file", "user_func", "user_line" };

	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
		if (!same_text(facts_get(&a->facts, parts[i]), facts_get(&b->facts, parts[i])))
			return 0;
	return 1;
}

/* Whether message A is message B, or B with whole lines after it (lines of other
 * tracebacks that came between its exception line and the next header). */
static int same_or_glued(const char *a, const char *b)
{
	size_t len = strlen(b);

	return !strncmp(a, b, len) && (a[len] == '\0' || a[len] == '\n');
}

/* Whether the frames of A are the first frames of B's and fewer: a traceback whose
 * frames stopped where another's lines came in. */
static int cut_short(const struct tb_exc *a, const struct tb_exc *b)
{
	if (!a->nframes || a->nframes >= b->nframes)
		return 0;
	for (size_t i = 0; i < a->nframes; i++)
		if (strcmp(a->frames[i].file, b->frames[i].file) ||
		    a->frames[i].lineno != b->frames[i].lineno)
			return 0;
	return 1;
}

/* Whether finding FD is a piece of the failure KEPT reports, as the children of one
 * respawning pool print the same traceback at once, line by line into each other: same
 * input, playbook, exception and subject, and either damaged (a fragment, its message not
 * KEPT's, lines lost or glued, or its frames cut short) without a user frame where KEPT
 * has one (nothing tells it apart), or KEPT's message with lines of another traceback
 * glued to it and the same user frame or none.  A whole copy without a user frame is
 * another report of the failure (a library that logs it before raising it), counted
 * apart. */
static int is_piece_of(const struct finding *fd, const struct finding *kept)
{
	const struct tb_exc *a = finding_exc(fd), *b = finding_exc(kept);

	if (fd == kept || fd->playbook != kept->playbook || !same_text(fd->origin, kept->origin) ||
	    !a || !b || strcmp(a->type, b->type) ||
	    !same_text(finding_subject(fd), finding_subject(kept)))
		return 0;
	if (!has_user_frame(fd) && has_user_frame(kept) &&
	    (is_fragment(fd->record) || strcmp(a->message, b->message) || cut_short(a, b)))
		return 1;
	return strcmp(a->message, b->message) && same_or_glued(a->message, b->message) &&
	       (!has_user_frame(fd) || same_user_frame(fd, kept));
}

/* What two findings must share for one to be a piece of the other (is_piece_of), so that
 * only findings sharing it are compared: sorting by it keeps folding near-linear. */
struct piece_key {
	const struct kb_playbook *playbook;
	const char *origin, *type, *subject;
	size_t index;                  /* in the groups' findings: the order pieces fold in */
	const char *message;           /* not in the order: what rules a pair out cheaply */
	int user_frame;
};

static int piece_key_cmp(const void *pa, const void *pb)
{
	const struct piece_key *a = pa, *b = pb;
	int c;

	if (a->playbook != b->playbook)
		return (uintptr_t)a->playbook < (uintptr_t)b->playbook ? -1 : 1;
	if ((c = strcmp(a->origin, b->origin)) || (c = strcmp(a->type, b->type)) ||
	    (c = strcmp(a->subject, b->subject)))
		return c;
	return (a->index > b->index) - (a->index < b->index);
}

/* Folds the pieces of one failure into the finding kept for it (counts summed, the first
 * line the earliest), marking them in FOLDED: each finding, in order, into the first
 * finding not folded of which it is a piece. */
static void fold_pieces(struct groups *g, unsigned char *folded)
{
	struct piece_key *keys = xcalloc(g->nfindings ? g->nfindings : 1, sizeof *keys);
	size_t n = 0;

	for (size_t i = 0; i < g->nfindings; i++) {
		const struct finding *fd = g->findings[i];
		const struct tb_exc *exc = finding_exc(fd);
		const char *subject = finding_subject(fd);
		if (exc)
			keys[n++] = (struct piece_key){ fd->playbook, fd->origin ? fd->origin : "",
							exc->type, subject ? subject : "", i,
							exc->message, has_user_frame(fd) };
	}
	qsort(keys, n, sizeof *keys, piece_key_cmp);
	for (size_t run = 0, end; run < n; run = end) {
		for (end = run + 1; end < n && !piece_key_cmp(&(struct piece_key){
				keys[end].playbook, keys[end].origin, keys[end].type,
				keys[end].subject, keys[run].index, NULL, 0 }, &keys[run]); end++)
			;
		for (size_t a = run; a < end; a++) {
			struct finding *fd = g->findings[keys[a].index];
			for (size_t b = run; b < end && !folded[keys[a].index]; b++) {
				struct finding *kept = g->findings[keys[b].index];
				/* A piece with KEPT's very message has no user frame, and KEPT has. */
				if (folded[keys[b].index] ||
				    ((keys[a].user_frame || !keys[b].user_frame) &&
				     !strcmp(keys[a].message, keys[b].message)) ||
				    !is_piece_of(fd, kept))
					continue;
				add_count(g, &kept->occurrences, fd->occurrences);
				if (fd->first_line < kept->first_line)
					kept->first_line = fd->first_line;
				fd->occurrences = 0;
				folded[keys[a].index] = 1;
			}
		}
	}
	free(keys);
}

/* Whether the undiagnosed traceback U (keyed by K) is a piece of the failure FD reports,
 * in the same input: FD's exception with lines of another traceback glued to its
 * message; or a fragment (see is_fragment) whose tail (exception line and the frames
 * before it, header lost) says what FD's exception says, or whose head (cut before the
 * exception line) starts at a frame of FD's traceback; a head is not counted, its tail
 * being counted where it was read. */
static int fragment_of(const struct unmatched *u, const struct keyed *k,
		       const struct finding *fd)
{
	const struct tb_exc *exc = finding_exc(fd);

	if (!exc || !same_text(u->origin, fd->origin))
		return 0;
	if (*u->exception && !strcmp(u->exception, exc->type) &&
	    same_or_glued(u->message, exc->message))
		return k->fragment || strcmp(u->message, exc->message);
	if (*u->exception || !k->head_file)
		return 0;
	for (size_t i = 0; i < fd->record->nexcs; i++) {
		const struct tb_exc *e = &fd->record->excs[i];
		for (size_t j = 0; j < e->nframes; j++)
			if (e->frames[j].lineno == k->head_line &&
			    !strcmp(e->frames[j].file, k->head_file))
				return 1;
	}
	return 0;
}

/* Leaves out of the undiagnosed list the pieces of a diagnosed failure (fragment_of),
 * counting those that hold its exception line. */
static void fold_fragments(struct groups *g, const unsigned char *folded)
{
	size_t n = 0;

	for (size_t i = 0; i < g->nunmatched; i++) {
		struct unmatched *u = &g->unmatched[i];
		struct finding *owner = NULL;
		for (size_t j = 0; j < g->nfindings && !owner; j++)
			if (!folded[j] && g->findings[j]->record &&
			    fragment_of(u, &g->ukeys[i], g->findings[j]))
				owner = g->findings[j];
		if (!owner) {
			g->unmatched[n] = *u;
			g->ukeys[n++] = g->ukeys[i];
			continue;
		}
		if (*u->exception)
			add_count(g, &owner->occurrences, u->occurrences);
		free(u->exception);
		free(u->message);
		free(u->origin);
		free(u->user_frame);
		free(u->user_source);
		free(g->ukeys[i].key);
		free(g->ukeys[i].head_file);
	}
	g->nunmatched = n;
}

void groups_finish(struct groups *g, struct report_input *out)
{
	size_t n = 0;
	unsigned char *folded = xcalloc(g->nfindings ? g->nfindings : 1, 1);

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < g->nfindings; i++)
		folded[i] = (unsigned char)is_folded(g, i);
	fold_pieces(g, folded);
	fold_fragments(g, folded);
	/* A finding whose own playbook can be secondary is a primary only of a playbook that
	 * names it in turn (can_be_primary); findings are related in the order they were
	 * read, so such a primary's own layering is known when it was written first. */
	for (size_t i = 0; i < g->nfindings; i++)
		if (!folded[i])
			relate(g, folded, g->findings[i]);
	for (size_t i = 0; i < g->nfindings; i++)
		if (!folded[i] && consequence_only(g->findings[i]) && !g->findings[i]->secondary) {
			folded[i] = 1;
			unmatch(g, g->findings[i]);
		}
	free(g->ordered);
	g->ordered = xcalloc(g->nfindings ? g->nfindings : 1, sizeof *g->ordered);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < g->nfindings; i++)
			if (!folded[i] && g->findings[i]->secondary == pass)
				g->ordered[n++] = g->findings[i];
	free(folded);
	out->findings = g->ordered;
	out->nfindings = n;
	out->unmatched = g->unmatched;
	out->nunmatched = g->nunmatched;
}

void groups_free(struct groups *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->nfindings; i++)
		finding_free(g->findings[i]);
	for (size_t i = 0; i < g->nunmatched; i++) {
		free(g->unmatched[i].exception);
		free(g->unmatched[i].message);
		free(g->unmatched[i].origin);
		free(g->unmatched[i].user_frame);
		free(g->unmatched[i].user_source);
		free(g->ukeys[i].key);
		free(g->ukeys[i].head_file);
	}
	free(g->findings);
	free(g->fhashes);
	free(g->announced);
	free(g->unmatched);
	free(g->ukeys);
	free(g->ordered);
	free(g);
}
