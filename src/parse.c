/*
 * parse.c: lines to traceback records.  Decides which record each line belongs to: the
 * one whose prefix it carries (several channels, such as workers, are read at once), the
 * one reading unprefixed lines, or none, when the line may start a record (a header, a
 * chain sentence, a frame, an exception line seen alone).  Hands a record over as soon as a
 * line cannot continue it, with the time its lines say it was written.  The grammar of a
 * record is parse_grammar.c's; this file knows nothing of what any exception means.  Lines
 * outside every record cost a memchr or three and no allocation; at most OPEN_MAX records
 * are open at once.
 */
#include "parse.h"

#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "msg.h"
#include "nearby.h"
#include "parse_grammar.h"
#include "parse_line.h"
#include "util.h"

/* Records read at once: one per writer a log interleaves line by line (a pool of hundreds
 * of workers failing together), past which the oldest is ended, with a warning. */
#define OPEN_MAX 512
/* Bytes kept of the line before the current one: enough for a prefix and a time. */
#define BEFORE_MAX 96

/* An exception line seen alone: a record of its own if a chain sentence or a quote follows
 * it, or if the bare callback wants it. */
struct pending {
	int active;
	struct buf prefix, type, message;
	int colon, like;
	size_t lineno, last_line;
	size_t blanks;
	size_t cut;              /* bytes of its type and message not kept */
	int wrapped;             /* its last line had blanks after its text: a paste wrapped it */
	time_t written;          /* when its line, or the line before, says it was written */
};

struct parser {
	char *origin;
	parse_emit_fn emit;
	parse_bare_fn bare;
	parse_mention_fn mention;
	void *arg;
	struct nearby near;              /* the last lines read */
	struct buf scratch;
	struct buf unescaped;            /* a line after clean_markdown, when it changed */
	struct reading *open[OPEN_MAX];  /* oldest first */
	size_t nopen;
	int warned_open_max;
	struct pending pending;
	int pytest_read;                 /* a record of pytest's report was read */
	char before[BEFORE_MAX];         /* the start of the last line seen or passed over */
	size_t before_len, before_lineno;
	time_t line_time;                /* parser_line_time's */
};

static size_t cap(size_t n, size_t max)
{
	return n < max ? n : max;
}

/* CAP for the pending line, counting what is left out. */
static size_t kept(struct pending *b, size_t n, size_t max)
{
	b->cut += n - cap(n, max);
	return cap(n, max);
}

/* The block R's lone line just began carries what was cut of it. */
static void pass_cut(struct reading *r, const struct pending *b)
{
	r->rec->excs[r->rec->nexcs - 1].cut += b->cut;
}

/* --- open records --- */

/* Whether the record a lone exception line began, now that its message is whole, is one
 * the bare callback wants; one that went on to a chain or a quote is kept, as such a line
 * followed at once by them is. */
static int bare_wanted(const struct parser *p, const struct tb_record *rec)
{
	const struct tb_exc *x = &rec->excs[0];

	return rec->nexcs > 1 || (p->bare && p->bare(x->type, strlen(x->type), x->message, strlen(x->message),
				   p->arg));
}

static void finish(struct parser *p, struct reading *r)
{
	size_t i = 0;
	int ask = r->ask_bare;

	while (p->open[i] != r)
		i++;
	memmove(&p->open[i], &p->open[i + 1], (p->nopen - i - 1) * sizeof *p->open);
	p->nopen--;
	p->pytest_read |= r->pytest;
	struct tb_record *rec = reading_end(r, p->mention, p->arg);
	if (rec && ask && !bare_wanted(p, rec))
		record_free(rec);
	else if (rec)
		p->emit(rec, p->arg);
}

/* When the line LINENO, under PREFIX, says it was written: by the time in its prefix, the
 * time of the log container entry it came in, or the time of the line before if that is a
 * log record's line (it opens with a date, a time or a level) under the same prefix (under
 * any, when PREFIX is empty), as a logger prints its record's line above the traceback it
 * adds.  0 when none says. */
static time_t written_at(const struct parser *p, const char *prefix, size_t plen,
			 size_t lineno)
{
	time_t t = clean_time(prefix, plen);
	size_t m = 0;
	int other_tag = 0;

	if (t || (t = p->line_time))
		return t;
	if (!p->before_len || p->before_lineno + 1 != lineno ||
	    (plen && (!clean_prefix_match(prefix, plen, p->before, p->before_len, &m,
					  &other_tag) || other_tag)) ||
	    !clean_is_log_line(p->before + m, p->before_len - m))
		return 0;
	return clean_time(p->before, p->before_len);
}

/* A new open record starting at LINENO under PREFIX, written at WRITTEN (written_at). */
static struct reading *open_reading(struct parser *p, const char *prefix, size_t plen,
				    size_t channel_len, size_t lineno, time_t written)
{
	if (p->nopen == OPEN_MAX) {
		if (!p->warned_open_max++)
			msg(MSG_WARNING, p->origin, (unsigned)lineno, 0, "more than %d tracebacks "
			    "written at once, interleaved: the oldest is ended here, and may be "
			    "reported in pieces", OPEN_MAX);
		finish(p, p->open[0]);
	}
	struct reading *r = reading_new(p->origin, prefix, plen, channel_len, lineno);
	r->rec->written = written;
	nearby_attach(&p->near, lineno, r->rec);
	p->open[p->nopen++] = r;
	return r;
}

/* --- lone exception lines --- */

static void resolve_pending(struct parser *p)
{
	struct pending *b = &p->pending;

	if (!b->active)
		return;
	b->active = 0;
	if (!b->like || !p->bare ||
	    !p->bare(b->type.s, b->type.len, b->message.s, b->message.len, p->arg))
		return;
	struct pl_exc e = {
		.type = b->type.s, .type_len = b->type.len, .message = b->message.s,
		.message_len = b->message.len, .colon = b->colon
	};
	struct reading *r = reading_new(p->origin, b->prefix.s, b->prefix.len, b->prefix.len,
					b->lineno);
	r->rec->written = b->written;
	nearby_attach(&p->near, b->lineno, r->rec);
	reading_lone(r, &e, b->lineno, b->last_line);
	pass_cut(r, b);
	struct tb_record *rec = reading_end(r, p->mention, p->arg);
	if (rec)
		p->emit(rec, p->arg);
}

/* Makes the pending line the first block of a record: a chain sentence or a quote follows
 * it, on a line that carried its prefix when UNDER_PREFIX. */
static struct reading *confirm_pending(struct parser *p, int under_prefix)
{
	struct pending *b = &p->pending;
	struct pl_exc e = {
		.type = b->type.s, .type_len = b->type.len, .message = b->message.s,
		.message_len = b->message.len, .colon = b->colon
	};
	struct reading *r = open_reading(p, b->prefix.s, b->prefix.len, b->prefix.len,
					 b->lineno, b->written);

	if (b->prefix.len)
		r->mode = under_prefix ? MODE_STRICT : MODE_RAW;
	reading_lone(r, &e, b->lineno, b->last_line);
	pass_cut(r, b);
	b->active = 0;
	return r;
}

/* Whether S could open a record of its own. */
static int starts_record(const char *s, size_t n)
{
	struct pl_frame f;
	struct pl_exc e;
	size_t at;

	return pl_header(s, n, &at) || pl_chain(s, n, &at) || pl_find_frame(s, n, &at, &f) ||
	       (pl_find_bare(s, n, &at, &e) && pl_exception_like(e.type, e.type_len));
}

/* Whether PREFIX is pytest's mark of an error line, "E" and blanks. */
static int pytest_mark(const char *prefix, size_t n)
{
	const char *text;
	size_t len;

	return pl_pytest_error(prefix, n, &text, &len) && len == 0;
}

/* S, the next line of the pending line's message (joined with a blank when the line
 * before it was wrapped by a terminal, else with a newline). */
static void pending_more(struct pending *b, const char *s, size_t n, size_t full, size_t lineno)
{
	if (b->message.len && b->message.len < PARSE_MESSAGE_MAX)
		buf_addc(&b->message, b->wrapped ? ' ' : '\n');
	buf_add(&b->message, s, kept(b, n, PARSE_MESSAGE_MAX - b->message.len));
	b->last_line = lineno;
	b->wrapped = full > n;
}

/* The line after a pending one: 1 when it was taken. */
static int pending_line(struct parser *p, const char *s, size_t n, size_t full, size_t lineno)
{
	struct pending *b = &p->pending;
	size_t m = 0, at;
	int other_tag = 0;
	int under = b->prefix.len &&
		    clean_prefix_match(b->prefix.s, b->prefix.len, s, n, &m, &other_tag);

	/* Another worker's line: the lone line's own may still follow. */
	if (!under && b->prefix.len && clean_prefix_other(b->prefix.s, b->prefix.len, s, n))
		return 0;
	s += m;
	n -= m;
	full -= m;
	if (n == 0) {
		b->blanks++;
		return 1;
	}
	int quote = pl_quote(s, n);
	enum tb_link link = pl_chain(s, n, &at);
	if (quote && !b->blanks && b->colon && !b->message.len) {
		reading_quote(confirm_pending(p, under), quote, lineno);
		return 1;
	}
	if (link && !at) {
		reading_chain(confirm_pending(p, under), link, lineno);
		return 1;
	}
	/* "RuntimeError:" over an indented paragraph or a box of rules: its message, as under
	 * a traceback; a record if the bare callback wants it once the message is whole */
	if (b->like && b->colon && !b->message.len && !b->blanks &&
	    (pl_indent(s, n) || pl_box_rule(s, n))) {
		struct reading *r = confirm_pending(p, under);

		r->ask_bare = 1;
		if (reading_feed(r, s, n, lineno))
			return 1;
		finish(p, r);
		return 0;
	}
	/* Under another tag, what does not go on from a lone line is another writer's line
	 * (under a counter, what goes on from one is a blank, a chain sentence or a quote). */
	if (other_tag)
		return 0;
	/* pytest marks every line of the message with "E": under that mark, a line that
	 * starts no record is more of the lone line's message (Ray's second sentence, with
	 * the memory figures) */
	if (under && !b->blanks && pytest_mark(b->prefix.s, b->prefix.len) &&
	    !starts_record(s, n)) {
		pending_more(b, s, n, full, lineno);
		return 1;
	}
	/* "...was encountered," goes on on the next line; so does a line a paste wrapped at
	 * a blank, when what follows starts with no capital, and "Type:" whose message lost
	 * its indentation */
	if (!b->blanks && (pl_open_end(b->message.s, b->message.len) ||
			   (b->like && b->colon && !b->message.len) ||
			   (b->wrapped && !(s[0] >= 'A' && s[0] <= 'Z'))) &&
	    !pl_indent(s, n) && !clean_is_log_line(s, n) && !starts_record(s, n)) {
		pending_more(b, s, n, full, lineno);
		return 1;
	}
	resolve_pending(p);
	return 0;
}

static void set_pending(struct parser *p, const char *s, size_t at, const struct pl_exc *e,
			int wrapped, size_t lineno)
{
	struct pending *b = &p->pending;

	resolve_pending(p);
	buf_reset(&b->prefix);
	buf_reset(&b->type);
	buf_reset(&b->message);
	buf_add(&b->prefix, s, cap(at, PARSE_TEXT_MAX));
	b->cut = 0;
	buf_add(&b->type, e->type, kept(b, e->type_len, PARSE_TEXT_MAX));
	buf_add(&b->message, e->message, kept(b, e->message_len, PARSE_MESSAGE_MAX));
	b->colon = e->colon;
	b->like = pl_exception_like(e->type, e->type_len);
	b->lineno = b->last_line = lineno;
	b->written = written_at(p, s, at, lineno);
	b->blanks = 0;
	b->wrapped = wrapped;
	b->active = 1;
}

/* --- which record a line belongs to --- */

/* The line S that mentions a message: a record of one block without an exception line.
 * On a line of an indented paragraph the record stays open: the message goes on over the
 * paragraph's next indented lines (under its "> " quoting), as a message printed over
 * several lines does, so that one paragraph is one record. */
static void mentioned(struct parser *p, const char *s, size_t n, size_t lineno)
{
	size_t quote = 0;
	int paragraph = pl_paragraph(s, n, &quote);
	struct pl_exc e = { .type = "", .message = s + quote, .message_len = n - quote };
	struct reading *r;

	if (paragraph) {
		r = open_reading(p, s, quote, quote, lineno, written_at(p, s, quote, lineno));
	} else {
		r = reading_new(p->origin, "", 0, 0, lineno);
		r->rec->written = written_at(p, "", 0, lineno);
		nearby_attach(&p->near, lineno, r->rec);
	}
	reading_lone(r, &e, lineno, lineno);
	r->rec->excs[r->rec->nexcs - 1].mentioned = 1;
	if (paragraph)
		return;
	struct tb_record *rec = reading_end(r, p->mention, p->arg);
	if (rec)
		p->emit(rec, p->arg);
}

/* S is a frame line of IPython's, which starts with the file ("Cell In[", "File ", a path,
 * "<ipython-input-"): asked of a line only when its first byte can start one. */
static int ipython_frame(const char *s, size_t n, struct pl_frame *f)
{
	return n > 2 && (memchr("CFI/~<", s[0], 6) || (s[1] == ':' && (s[2] == '\\' || s[2] == '/'))) &&
	       pl_ipython_frame(s, n, f);
}

/* S starts a record although no mark of scan.h shows it: IPython's header or frame line,
 * pytest's section rule or frame location, VS Code's "Exception has occurred:".  (Past the
 * lines read all, a log's IPython output still gives its exception line.) */
static int unmarked_start(const char *s, size_t n)
{
	struct pl_frame f;
	struct pl_exc e;
	size_t at;

	return (n && s[n - 1] == ')' && pl_ipython_header(s, n, &at)) ||
	       ipython_frame(s, n, &f) || pl_pytest_rule(s, n) == 1 ||
	       (pl_pytest_frame(s, n, &f) & 1) || pl_vscode_header(s, n, &e);
}

/* A line no open record takes: the records that are complete end here, and the line may
 * start a new one. */
static void unclaimed(struct parser *p, const char *s, size_t n, size_t full, size_t lineno)
{
	struct pl_frame f;
	struct pl_exc e;
	size_t at, margin, plen;
	int kind;
	enum tb_link link;

	for (size_t i = 0; i < p->nopen; ) {
		if (reading_complete(p->open[i]))
			finish(p, p->open[i]);
		else
			i++;
	}
	if (pl_header(s, n, &at)) {
		struct reading *r;

		if (pl_group_header(s, at, &margin, &plen)) {
			r = open_reading(p, s, plen, margin, lineno,
					 written_at(p, s, plen, lineno));
			for (size_t i = margin; i < plen; i++)
				if (r->prefix.s[i] == '+')
					r->prefix.s[i] = '|';
		} else {
			r = open_reading(p, s, at, at, lineno, written_at(p, s, at, lineno));
		}
		reading_header(r, lineno);
	} else if (pl_ipython_header(s, n, &at)) {
		reading_ipython(open_reading(p, s, at, at, lineno, written_at(p, s, at, lineno)),
				lineno);
	} else if ((link = pl_chain(s, n, &at))) {
		reading_chain(open_reading(p, s, at, at, lineno, written_at(p, s, at, lineno)),
			      link, lineno);
	} else if (pl_find_frame(s, n, &at, &f)) {
		reading_frame(open_reading(p, s, at, at, lineno, written_at(p, s, at, lineno)),
			      s + at, n - at, lineno);
	} else if (ipython_frame(s, n, &f)) {
		reading_ipython_frame(open_reading(p, s, 0, 0, lineno,
						   written_at(p, s, 0, lineno)), &f, lineno);
	} else if (pl_pytest_rule(s, n) == 1 || (kind = pl_pytest_frame(s, n, &f)) & 1) {
		struct reading *r = open_reading(p, s, 0, 0, lineno, written_at(p, s, 0, lineno));

		reading_pytest(r, lineno);
		if (!pl_pytest_rule(s, n))
			reading_feed(r, s, n, lineno);
	} else if (pl_vscode_header(s, n, &e)) {
		reading_vscode(open_reading(p, s, 0, 0, lineno, written_at(p, s, 0, lineno)), &e,
			       lineno);
	} else if (p->pytest_read && pl_pytest_summary(s, n)) {
		/* a failure of a pytest report read above, said again */
	} else if (pl_find_bare(s, n, &at, &e)) {
		set_pending(p, s, at, &e, full > n, lineno);
	} else if (p->mention && p->mention(s, n, clean_informational(s, n), p->arg)) {
		mentioned(p, s, n, lineno);
	}
}

/* The open record whose prefix this line carries, the closest of them (the newest of
 * those as close); *M is the prefix's length in it.  The closest tells apart workers whose
 * tags are numbers, which the shape alone cannot: it takes any number for a counter's. */
static struct reading *by_prefix(struct parser *p, const char *s, size_t n, size_t *m,
				 int *other_tag)
{
	struct reading *best = NULL;
	int best_distance = 0;

	for (size_t i = p->nopen; i-- > 0; ) {
		struct reading *r = p->open[i];
		size_t matched;
		int tag;
		int distance = r->prefix.len ? clean_prefix_match(r->prefix.s, r->prefix.len, s, n,
								  &matched, &tag) : 0;

		if (distance && (!best || distance < best_distance)) {
			best = r;
			best_distance = distance;
			*m = matched;
			*other_tag = tag;
		}
	}
	return best;
}

/* The open record that takes lines without its prefix: the one in MODE_RAW, or one still
 * in MODE_NEW for a line that is no log record or report of its own, nor another worker's
 * line (taking it would end the record before its own second line came). */
static struct reading *raw_reader(struct parser *p, const char *s, size_t n)
{
	size_t at;

	for (size_t i = p->nopen; i-- > 0; ) {
		struct reading *r = p->open[i];

		if (r->mode == MODE_RAW)
			return r;
		if (r->mode == MODE_NEW && !clean_is_log_line(s, n) && !pl_header(s, n, &at) &&
		    !clean_prefix_other(r->prefix.s, r->prefix.len, s, n)) {
			for (size_t j = p->nopen; j-- > 0; )
				if (p->open[j]->mode == MODE_RAW)
					finish(p, p->open[j]);
			r->mode = MODE_RAW;
			return r;
		}
	}
	return NULL;
}

/* The line S, N bytes without its trailing blanks, FULL with them. */
static void dispatch(struct parser *p, const char *s, size_t n, size_t full, size_t lineno)
{
	struct reading *r;
	size_t m, at;
	int other_tag;

	if (p->pending.active && pending_line(p, s, n, full, lineno))
		return;
	for (;;) {
		/* Under a tag that a record's lines have kept, a header under another is
		 * another writer's traceback; under one that changed, a counter's line. */
		if ((r = by_prefix(p, s, n, &m, &other_tag)) && other_tag && !r->tag_varies &&
		    pl_header(s + m, n - m, &at)) {
			break;
		} else if (r) {
			if (r->mode == MODE_RAW) {
				finish(p, r);       /* a new log record under the same prefix */
				continue;
			}
			r->mode = MODE_STRICT;
			if (reading_feed(r, s + m, full - m, lineno)) {
				r->tag_varies |= other_tag;
				return;
			}
		} else if ((r = raw_reader(p, s, n))) {
			if (reading_feed(r, s, full, lineno))
				return;
		} else {
			break;
		}
		finish(p, r);
	}
	unclaimed(p, s, n, full, lineno);
}

/* N without the CRs and blanks that end S. */
static size_t trimmed(const char *s, size_t n)
{
	while (n && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
}

/* Whether a line seen outside any record could start one, at the cost of a memchr or
 * three: whatever starts a record ends in a colon (header, chain sentence, carrier), holds
 * an exception-like "Type: ", a frame's 'File "', or an escape sequence that may hide
 * these. */
static int worth_a_look(const char *s, size_t n)
{
	struct pl_frame f;
	struct pl_exc e;
	size_t at, end = trimmed(s, n);

	return (end && s[end - 1] == ':') || memchr(s, '\x1b', n) ||
	       pl_find_bare(s, end, &at, &e) || pl_find_frame(s, end, &at, &f);
}

/* --- the interface --- */

struct parser *parser_new(const char *origin, parse_emit_fn emit, parse_bare_fn bare, void *arg)
{
	struct parser *p = xcalloc(1, sizeof *p);

	p->origin = xstrdup(origin ? origin : "<stdin>");
	p->emit = emit;
	p->bare = bare;
	p->arg = arg;
	return p;
}

static void remember_before(struct parser *p, const char *line, size_t len, size_t lineno)
{
	p->before_len = len < BEFORE_MAX ? len : BEFORE_MAX;
	memcpy(p->before, line, p->before_len);
	p->before_lineno = lineno;
}

void parser_line(struct parser *p, const char *line, size_t len, size_t lineno)
{
	size_t n, clean_len;
	const char *clean = clean_markdown(&p->unescaped, line, len, &clean_len);

	nearby_add(&p->near, line, len, lineno);
	if (p->nopen || p->pending.active || worth_a_look(clean, clean_len) ||
	    (lineno <= PARSE_READ_ALL_LINES &&
	     (unmarked_start(clean, trimmed(clean, clean_len)) ||
	      (p->mention && p->mention(clean, clean_len, 0, p->arg))))) {
		const char *s = clean_text(&p->scratch, clean, clean_len, &n);
		dispatch(p, s, clean_rtrim(s, n), n, lineno);
	}
	remember_before(p, line, len, lineno);
}

void parser_passed_over(struct parser *p, const char *last, size_t len, size_t lineno)
{
	nearby_add(&p->near, last, len, lineno);
	remember_before(p, last, len, lineno);
}

void parser_set_mention(struct parser *p, parse_mention_fn mention)
{
	p->mention = mention;
}

void parser_line_time(struct parser *p, time_t written)
{
	p->line_time = written;
}

int parser_idle(const struct parser *p)
{
	return !p->nopen && !p->pending.active;
}

void parser_finish(struct parser *p)
{
	resolve_pending(p);
	while (p->nopen)
		finish(p, p->open[0]);
}

void parser_set_origin(struct parser *p, const char *origin)
{
	free(p->origin);
	p->origin = xstrdup(origin);
}

void parser_free(struct parser *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nopen; i++)
		reading_free(p->open[i]);
	buf_fini(&p->scratch);
	buf_fini(&p->unescaped);
	buf_fini(&p->pending.prefix);
	buf_fini(&p->pending.type);
	buf_fini(&p->pending.message);
	free(p->origin);
	free(p);
}
