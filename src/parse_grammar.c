/*
 * parse_grammar.c: the grammar of one printed report, line by line: frames with their
 * source, caret and elision lines, the exception line, a message over several lines, notes,
 * chain sentences, carriers and the traceback they quote.  Builds the record as it goes and
 * keeps it bounded: a block keeps its first FRAMES_HEAD and last FRAMES_TAIL frames (the
 * rest counted in tb_exc.dropped), NOTES_MAX notes (a line after those ends the record:
 * notes are few, a program's output after its report is not to keep it open), and a record
 * BLOCKS_MAX blocks (the first ones and the latest).  Knows nothing of where the lines
 * come from, nor of what any exception means.
 */
#include "parse_grammar.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "clean.h"

#define FRAMES_HEAD 64
#define FRAMES_TAIL 64
#define NOTES_MAX 64
#define BLOCKS_MAX 64
#define TEXT_MAX PARSE_TEXT_MAX
#define MESSAGE_MAX PARSE_MESSAGE_MAX
/* Lines of a message framed by rules kept before the frame is taken as never closed. */
#define BOX_MAX 64

static size_t cap(size_t n, size_t max)
{
	return n < max ? n : max;
}

/* CAP, counting in the block what is left out. */
static size_t kept(struct reading *r, size_t n, size_t max)
{
	if (n <= max)
		return n;
	r->rec->excs[r->rec->nexcs - 1].cut += n - max;
	return max;
}

/* Counts from the log saturate: a hostile log may repeat a count line forever. */
static long add_count(long total, long n)
{
	return total > LONG_MAX - n ? LONG_MAX : total + n;
}

static struct tb_exc *current(struct reading *r)
{
	return &r->rec->excs[r->rec->nexcs - 1];
}

static void touch(struct reading *r, size_t lineno)
{
	r->rec->last_line = lineno;
	if (r->in_block)
		current(r)->last_line = lineno;
}

static void begin_block(struct reading *r, size_t lineno, int has_header)
{
	struct tb_record *rec = r->rec;

	if (rec->nexcs == BLOCKS_MAX) {
		tb_exc_fini(&rec->excs[BLOCKS_MAX / 2]);
		memmove(&rec->excs[BLOCKS_MAX / 2], &rec->excs[BLOCKS_MAX / 2 + 1],
			(BLOCKS_MAX / 2 - 1) * sizeof *rec->excs);
		rec->nexcs--;
		rec->dropped_blocks++;
	}
	grow(&rec->excs, &r->excs_cap, rec->nexcs, sizeof *rec->excs);
	struct tb_exc *x = &rec->excs[rec->nexcs++];
	memset(x, 0, sizeof *x);
	x->link = r->link;
	x->carrier = r->carrier ? xstrdup(r->carrier) : NULL;
	x->has_header = has_header;
	x->first_line = x->last_line = lineno;
	r->link = TB_LINK_NONE;
	r->in_block = 1;
	r->frames_cap = r->notes_cap = 0;
	r->ring = 0;
	r->expect_source = 0;
	r->frame_indent = 0;
	r->msg_open = r->msg_more = r->msg_indented = r->msg_wrapped = 0;
	r->msg_boxed = 0;
	r->message_indent = 0;
	r->blanks = 0;
	buf_reset(&r->source);
	buf_reset(&r->message);
}

static void flush_source(struct reading *r)
{
	if (!r->source.len)
		return;
	struct tb_frame *f = &current(r)->frames[r->last_frame];
	free(f->source);
	f->source = xstrndup(r->source.s, r->source.len);
	buf_reset(&r->source);
}

static void add_frame(struct reading *r, const struct pl_frame *pf, size_t lineno)
{
	struct tb_exc *x = current(r);
	struct tb_frame *f;

	flush_source(r);
	if (x->nframes < FRAMES_HEAD + FRAMES_TAIL) {
		grow(&x->frames, &r->frames_cap, x->nframes, sizeof *x->frames);
		f = &x->frames[x->nframes++];
	} else {
		f = &x->frames[FRAMES_HEAD + r->ring];
		free(f->file);
		free(f->func);
		free(f->source);
		r->ring = (r->ring + 1) % FRAMES_TAIL;
		x->dropped++;
	}
	f->file = xstrndup(pf->file, kept(r, pf->file_len, TEXT_MAX));
	f->lineno = pf->lineno;
	f->func = pf->func ? xstrndup(pf->func, kept(r, pf->func_len, TEXT_MAX)) : NULL;
	f->source = NULL;
	f->input_line = lineno;
	r->last_frame = (size_t)(f - x->frames);
	r->expect_source = 1;
}

/* Lines of a statement keep their indentation relative to its first line. */
static size_t dedent(const char *s, size_t n, size_t *first, int is_first)
{
	size_t indent = pl_indent(s, n);

	if (is_first)
		*first = indent;
	return cap(indent, *first);
}

static void add_source(struct reading *r, const char *s, size_t n)
{
	size_t skip = dedent(s, n, &r->source_indent, !r->source.len);

	s += skip;
	n -= skip;
	if (r->source.len && r->source.len < TEXT_MAX)
		buf_addc(&r->source, '\n');
	buf_add(&r->source, s, kept(r, n, TEXT_MAX - cap(r->source.len, TEXT_MAX)));
	r->expect_source = 0;
}

/* Adds a line to the message, after BLANKS empty lines when the message has begun; or,
 * when the last line was wrapped by a paste (msg_wrapped), after the blank it was wrapped
 * at. */
static void add_message_line(struct reading *r, const char *s, size_t n, size_t blanks)
{
	struct buf *m = &r->message;
	size_t skip = dedent(s, n, &r->message_indent, !r->message_indent && pl_indent(s, n));

	s += skip;
	n -= skip;
	if (m->len && r->msg_wrapped && m->len < MESSAGE_MAX)
		buf_addc(m, ' ');
	else if (m->len)
		for (size_t i = 0; i <= blanks && m->len < MESSAGE_MAX; i++)
			buf_addc(m, '\n');
	buf_add(m, s, kept(r, n, MESSAGE_MAX - m->len));
	r->msg_open = 0;
	r->msg_more = pl_open_end(s, n);
	r->msg_wrapped = r->line_wrapped;
}

static void add_note(struct reading *r, const char *s, size_t n)
{
	struct tb_exc *x = current(r);

	grow(&x->notes, &r->notes_cap, x->nnotes, sizeof *x->notes);
	x->notes[x->nnotes++] = xstrndup(s, kept(r, n, TEXT_MAX));
}

static void set_exception(struct reading *r, const struct pl_exc *e, size_t lineno)
{
	struct tb_exc *x = current(r);

	flush_source(r);
	free(x->type);
	x->type = xstrndup(e->type, kept(r, e->type_len, TEXT_MAX));
	x->type_line = lineno;
	buf_reset(&r->message);
	buf_add(&r->message, e->message, kept(r, e->message_len, MESSAGE_MAX));
	r->msg_open = e->colon && !e->message_len;
	r->msg_more = pl_open_end(e->message, e->message_len);
	r->msg_wrapped = r->line_wrapped;
	r->expect_source = 0;
	r->state = ST_EXC;
	r->blanks = 0;
}

/* Where the name of the function FUNC ends: at the first blank, outside the brackets of a
 * name such as "<cell line: 3>"; LEN when the line ends with it. */
static size_t func_name_len(const char *func, size_t len)
{
	size_t from = 0;

	if (len && func[0] == '<') {
		const char *close = memchr(func, '>', len);
		from = close ? (size_t)(close - func) : len;
	}
	const char *blank = memchr(func + from, ' ', len - from);
	return blank ? (size_t)(blank - func) : len;
}

/* Adds the frame F of a frame line.  A name of a function holds no blank: what follows one
 * on the line is a traceback flattened onto one line, read as the frame's source, then the
 * next frame, or the exception line ("..., in starmap return self.map(f) TypeError: x"). */
static void add_frame_line(struct reading *r, struct pl_frame *f, size_t lineno)
{
	struct pl_exc e;
	size_t at;

	for (;;) {
		if (!f->func) {
			add_frame(r, f, lineno);
			return;
		}
		size_t name = func_name_len(f->func, f->func_len);
		const char *rest = f->func + name;
		size_t n = f->func_len - name;

		f->func_len = name;
		add_frame(r, f, lineno);
		at = pl_indent(rest, n);
		rest += at;
		n -= at;
		if (!n)
			return;
		if (pl_find_frame(rest, n, &at, f)) {
			if (clean_rtrim(rest, at))
				add_source(r, rest, clean_rtrim(rest, at));
			continue;
		}
		if (pl_find_bare(rest, n, &at, &e) && pl_exception_like(e.type, e.type_len)) {
			if (clean_rtrim(rest, at))
				add_source(r, rest, clean_rtrim(rest, at));
			set_exception(r, &e, lineno);
		} else {
			add_source(r, rest, n);
		}
		return;
	}
}

/* Puts the kept tail frames back in order after the ring overwrote the oldest. */
static void unring(struct reading *r, struct tb_exc *x)
{
	struct tb_frame tmp[FRAMES_TAIL];

	if (!x->dropped || !r->ring)
		return;
	/* only now is there a tail: x->frames may be NULL before */
	struct tb_frame *tail = x->frames + FRAMES_HEAD;
	memcpy(tmp, tail + r->ring, (FRAMES_TAIL - r->ring) * sizeof *tmp);
	memcpy(tmp + FRAMES_TAIL - r->ring, tail, r->ring * sizeof *tmp);
	memcpy(tail, tmp, sizeof tmp);
}

/* The N bytes of a message at S as a string: a NUL byte in it (a log can hold any) is
 * written \x00, as the reports show other control characters, instead of ending the
 * string there and losing the rest of the message and its finding. */
static char *message_copy(const char *s, size_t n)
{
	if (!memchr(s, '\0', n))
		return xstrndup(s, n);
	struct buf b = { 0 };
	for (const char *end = s + n, *nul; s < end; s = nul + 1) {
		nul = memchr(s, '\0', (size_t)(end - s));
		if (!nul)
			nul = end;
		buf_add(&b, s, (size_t)(nul - s));
		if (nul < end)
			buf_adds(&b, "\\x00");
	}
	return buf_release(&b);
}

static void end_block(struct reading *r)
{
	if (!r->in_block)
		return;
	struct tb_exc *x = current(r);
	flush_source(r);
	unring(r, x);
	if (!x->type)
		x->type = xstrdup("");
	x->message = message_copy(r->message.s ? r->message.s : "", r->message.len);
	buf_reset(&r->message);
	r->in_block = 0;
}

/* --- records --- */

struct reading *reading_new(const char *origin, const char *prefix, size_t plen,
			    size_t channel_len, size_t lineno)
{
	struct reading *r = xcalloc(1, sizeof *r);
	struct tb_record *rec = xcalloc(1, sizeof *rec);

	if (plen > TEXT_MAX)
		plen = channel_len = 0;         /* no prefix is that long: prose, read raw */
	size_t lead = pl_indent(prefix, channel_len);
	rec->origin = xstrdup(origin);
	rec->first_line = rec->last_line = lineno;
	channel_len = clean_rtrim(prefix, channel_len);
	if (channel_len > lead)
		rec->channel = xstrndup(prefix + lead, cap(channel_len - lead, TEXT_MAX));
	r->rec = rec;
	buf_add(&r->prefix, prefix, plen);
	r->mode = plen ? MODE_NEW : MODE_RAW;
	return r;
}

static int worth_emitting(const struct tb_record *rec)
{
	for (size_t i = 0; i < rec->nexcs; i++) {
		const struct tb_exc *x = &rec->excs[i];

		if (*x->type || x->mentioned || (x->has_header && x->nframes))
			return 1;
	}
	return 0;
}

void reading_free(struct reading *r)
{
	record_free(r->rec);
	buf_fini(&r->source);
	buf_fini(&r->message);
	buf_fini(&r->prefix);
	buf_fini(&r->ran);
	buf_fini(&r->def);
	free(r->carrier);
	free(r);
}

/* The text of the near line I, without the record's prefix and trailing blanks, and its
 * length in *N. */
static const char *near_text(const struct reading *r, size_t i, size_t *n)
{
	const char *t = r->rec->near[i].text;
	size_t len = strlen(t), p = r->prefix.len;

	while (len && (t[len - 1] == '\r' || t[len - 1] == ' ' || t[len - 1] == '\t'))
		len--;          /* a terminal's CR, which the lines read were cleaned of */

	if (p && len >= p && !memcmp(t, r->prefix.s, p)) {
		t += p;
		len -= p;
	}
	*n = len;
	return t;
}

/* The line LINE (1-based) of the statement echoed last before R's record (">>> " and its
 * "... " lines): its code, or NULL. */
static const char *echoed_line(const struct reading *r, long line, size_t *len)
{
	const struct tb_record *rec = r->rec;
	const char *t, *code, *found = NULL;
	size_t n, start = rec->nnear;

	for (size_t i = 0; i < rec->nnear && rec->near[i].lineno < rec->first_line; i++) {
		t = near_text(r, i, &n);
		if (pl_prompt(t, n, &code, len) == 1)
			start = i;
	}
	for (size_t i = start; i < rec->nnear && line > 0; i++, line--) {
		t = near_text(r, i, &n);
		int kind = pl_prompt(t, n, &code, len);

		if (!kind || (kind == 1 && i > start))
			return NULL;
		found = code;
	}
	return line ? NULL : found;
}

/* The interactive interpreter runs each statement typed as a module "<stdin>" of its own:
 * a block's outermost frame "<stdin>", line N, in <module> is the Nth line of the last
 * statement echoed before the record, which the frame does not show. */
static void stdin_source(struct reading *r)
{
	for (size_t i = 0; i < r->rec->nexcs; i++) {
		struct tb_exc *x = &r->rec->excs[i];
		struct tb_frame *f = x->frames;
		const char *code;
		size_t len;

		if (!x->nframes || strcmp(f->file, "<stdin>") != 0 || f->source || !f->func ||
		    strcmp(f->func, "<module>") != 0 || !(code = echoed_line(r, f->lineno, &len)))
			continue;
		size_t indent = pl_indent(code, len);
		if (len > indent)
			f->source = xstrndup(code + indent, len - indent);
	}
}

/* A traceback cut right after its last frame, whose source line is the raise statement of
 * a message a signature knows (`raise RuntimeError('context has already been set')`, a
 * paste that lost its exception line): that line is all the text says of the message, and
 * it is read as a mention of it, as a sentence quoting the message is. */
static void raise_line_as_mention(struct tb_record *rec, parse_mention_fn mention, void *arg)
{
	if (!mention || !rec->truncated || !rec->nexcs)
		return;
	struct tb_exc *x = &rec->excs[rec->nexcs - 1];
	if (*x->type || *x->message || !x->nframes)
		return;
	const char *src = x->frames[x->nframes - 1].source;
	if (!src || strncmp(src, "raise ", 6) != 0 || !mention(src, strlen(src), 0, arg))
		return;
	free(x->message);
	x->message = xstrdup(src);
	x->mentioned = 1;
}

struct tb_record *reading_end(struct reading *r, parse_mention_fn mention, void *arg)
{
	struct tb_record *rec = r->rec;

	if ((r->in_block && r->state == ST_FRAMES) || r->state == ST_NEXT || r->quote)
		rec->truncated = 1;
	end_block(r);
	stdin_source(r);
	raise_line_as_mention(rec, mention, arg);
	r->rec = NULL;
	reading_free(r);
	if (worth_emitting(rec))
		return rec;
	record_free(rec);
	return NULL;
}

int reading_complete(const struct reading *r)
{
	return r->state == ST_EXC || r->state == ST_QUOTED_END;
}

void reading_header(struct reading *r, size_t lineno)
{
	begin_block(r, lineno, 1);
	r->state = ST_FRAMES;
}

void reading_ipython(struct reading *r, size_t lineno)
{
	reading_header(r, lineno);
	r->ipython = 1;
}

void reading_chain(struct reading *r, enum tb_link link, size_t lineno)
{
	end_block(r);
	r->link = link;
	r->state = ST_NEXT;
	r->blanks = 0;
	touch(r, lineno);
}

int reading_frame(struct reading *r, const char *s, size_t n, size_t lineno)
{
	struct pl_frame f;

	if (!pl_frame(s, n, &f))
		return 0;
	begin_block(r, lineno, 0);
	r->state = ST_FRAMES;
	add_frame_line(r, &f, lineno);
	r->frame_indent = pl_indent(s, n);
	r->flush_left = !r->frame_indent;
	return 1;
}

void reading_vscode(struct reading *r, const struct pl_exc *e, size_t lineno)
{
	begin_block(r, lineno, 0);
	set_exception(r, e, lineno);
	touch(r, lineno);
	r->vscode = 1;
}

void reading_pytest(struct reading *r, size_t lineno)
{
	begin_block(r, lineno, 0);
	r->pytest = 1;
	r->state = ST_FRAMES;
}

void reading_ipython_frame(struct reading *r, const struct pl_frame *f, size_t lineno)
{
	begin_block(r, lineno, 0);
	add_frame(r, f, lineno);
	r->ipython = 1;
	r->state = ST_FRAMES;
}

void reading_lone(struct reading *r, const struct pl_exc *e, size_t first, size_t last)
{
	begin_block(r, first, 0);
	set_exception(r, e, first);
	touch(r, last);
}

/* --- the grammar, one state at a time; each returns 0 for a line that does not continue
 * the record (which then ends) --- */

/* A line of IPython's layout in a block's frames: 0 when it is none. */
static int ipython_line(struct reading *r, const char *s, size_t n, size_t lineno)
{
	struct tb_exc *x = current(r);
	struct pl_frame f;
	const char *code;
	size_t code_len;
	long at;
	int kind;

	if (pl_ipython_frame(s, n, &f)) {
		add_frame(r, &f, lineno);
		r->flush_left = 0;
		return 1;
	}
	if (!x->nframes)
		return pl_ipython_skip(s, n);
	struct tb_frame *last = &x->frames[r->last_frame];
	if (!last->func && r->expect_source && pl_ipython_func(s, n, &f)) {
		last->func = xstrndup(f.func, kept(r, f.func_len, TEXT_MAX));
		return 1;
	}
	if ((kind = pl_ipython_source(s, n, &at, &code, &code_len))) {
		/* the arrowed line is the one that ran; the lines around it are context */
		if (kind == 2 && r->expect_source) {
			add_source(r, code, code_len);
			if (!last->lineno)
				last->lineno = at;
		}
		return 1;
	}
	return pl_ipython_skip(s, n);
}

/* A frame's location in pytest's report: the frame, and in the long form the "> " line
 * read before it as its source. */
static void pytest_frame(struct reading *r, const struct pl_frame *f, int closes, size_t lineno)
{
	struct pl_frame named = *f;

	if (closes && !named.func && r->def.len) {
		named.func = r->def.s;
		named.func_len = r->def.len;
	}
	add_frame(r, &named, lineno);
	if (closes) {
		if (r->ran.len)
			add_source(r, r->ran.s, r->ran.len);
		r->expect_source = 0;
	}
	buf_reset(&r->ran);
	buf_reset(&r->def);
}

/* The long form shows each function's code from its "def NAME(" line: NAME is the frame's
 * function. */
static void pytest_def(struct reading *r, const char *s, size_t n)
{
	size_t i = pl_indent(s, n), k;

	if (n - i > 6 && !memcmp(s + i, "async ", 6))
		i += 6;
	if (n - i < 5 || memcmp(s + i, "def ", 4) != 0)
		return;
	for (i += 4, k = i; k < n && s[k] != '(' && s[k] != ' '; k++)
		;
	if (k < n && s[k] == '(' && k > i) {
		buf_reset(&r->def);
		buf_add(&r->def, s + i, cap(k - i, TEXT_MAX));
	}
}

/* A line of pytest's report of a failure, before its "E" lines: 0 when it is none.  The
 * long form shows each function's code and arguments; only the "> " line is kept. */
static int pytest_line(struct reading *r, const char *s, size_t n, size_t lineno)
{
	struct pl_frame f;
	struct pl_exc e;
	const char *t;
	size_t len;
	int kind;

	if ((kind = pl_pytest_frame(s, n, &f)) == 3) {
		/* --tb=line: the frame that raised, then its exception, on one line */
		size_t at = f.file_len + 1;

		while (at < n && s[at] != ' ')
			at++;
		add_frame(r, &f, lineno);
		r->expect_source = 0;
		if (!pl_exception(s + at + 1, n - at - 1, &e))
			return 0;
		set_exception(r, &e, lineno);
	} else if (kind) {
		pytest_frame(r, &f, kind == 2, lineno);
	} else if (pl_pytest_ran(s, n, &t, &len)) {
		buf_reset(&r->ran);
		buf_add(&r->ran, t, kept(r, len, TEXT_MAX));
	} else if (pl_pytest_error(s, n, &t, &len)) {
		if (!pl_exception(t, len, &e))
			return 0;
		set_exception(r, &e, lineno);
	} else if (pl_pytest_rule(s, n) == 2) {
		/* between two frames */
	} else if (pl_indent(s, n)) {
		if (r->expect_source && current(r)->nframes)
			add_source(r, s, n);    /* --tb=short: the frame's line, under it */
		else
			pytest_def(r, s, n);
	} else if (memmem(s, n, " = ", 3) == NULL) {
		return 0;               /* not an argument's value: what came next */
	}
	return 1;
}

static int frames_line(struct reading *r, const char *s, size_t n, size_t lineno)
{
	struct pl_frame f;
	struct pl_exc e;
	long count;
	size_t indent = pl_indent(s, n);

	if ((r->ipython && ipython_line(r, s, n, lineno)) ||
	    (r->pytest && pytest_line(r, s, n, lineno))) {
		/* read */
	} else if (pl_frame(s, n, &f)) {
		add_frame_line(r, &f, lineno);
		r->flush_left = !indent;
		r->frame_indent = indent;
	} else if (pl_elision(s, n, &count)) {
		current(r)->elided = add_count(current(r)->elided, count);
	} else if (pl_repeat(s, n, &count)) {
		current(r)->repeated = add_count(current(r)->repeated, count);
	} else if (pl_caret(s, n)) {
		/* dropped: it only underlines the source */
	} else if (pl_annotation(s, n)) {
		r->annotated = 1;       /* dropped: the source's values, as loguru shows them */
	} else if (s[0] == '>' && n > 2 && s[1] == ' ' && pl_frame(s + 2, n - 2, &f)) {
		add_frame_line(r, &f, lineno);  /* loguru marks the frame that raised */
	} else if (indent && indent < r->frame_indent && pl_exception(s + indent, n - indent, &e) &&
		   pl_exception_like(e.type, e.type_len)) {
		set_exception(r, &e, lineno);   /* a paste that shifted its lines unevenly */
	} else if (indent) {
		if (!current(r)->nframes)
			return 1;       /* not a shape this parser reads: skipped */
		add_source(r, s, n);
	} else if (clean_is_log_line(s, n)) {
		return 0;
	} else if (pl_exception(s, n, &e)) {
		set_exception(r, &e, lineno);
	} else if (r->flush_left && current(r)->nframes) {
		add_source(r, s, n);    /* a paste that lost its indentation */
	} else {
		return 0;
	}
	touch(r, lineno);
	return 1;
}

/* "Some.Type: " then a line of three quotes: the quoted text is another traceback. */
void reading_quote(struct reading *r, int quote, size_t lineno)
{
	struct tb_exc *x = current(r);

	free(r->carrier);
	r->carrier = xstrdup(x->type);
	if (x->has_header || x->nframes) {
		end_block(r);
	} else {
		r->link = x->link;
		r->in_block = 0;
		tb_exc_fini(x);
		r->rec->nexcs--;
	}
	r->quote = quote;
	r->state = ST_NEXT;
	touch(r, lineno);
}

/* After the first "E" line of pytest's report: more of the message, and in the long form
 * the location of the frame that raised ("path:N: Type"). */
static int pytest_exc_line(struct reading *r, const char *s, size_t n, size_t lineno)
{
	struct pl_frame f;
	const char *t;
	size_t len;

	if (pl_pytest_error(s, n, &t, &len) && !r->blanks) {
		add_message_line(r, t, len, 0);
	} else if (pl_pytest_frame(s, n, &f) == 2 && r->ran.len) {
		pytest_frame(r, &f, 1, lineno);
	} else {
		return 0;
	}
	r->blanks = 0;
	touch(r, lineno);
	return 1;
}

/* A line of a message framed by rules, which a library prints as one report of sections
 * and indented fields ("Failures:", "[0]:", "exitcode  : 1 (pid: N)"): 1 when taken.  It ends at the closing rule, at a blank line,
 * at a traceback a field quotes (a record of its own) or after BOX_MAX lines. */
static int boxed_line(struct reading *r, const char *s, size_t n, size_t lineno)
{
	size_t at;

	if (r->blanks || pl_header(s, n, &at) || r->msg_boxed > BOX_MAX) {
		r->msg_boxed = 0;
		return 0;
	}
	r->msg_wrapped = 0;
	add_message_line(r, s, n, 0);
	r->msg_boxed = pl_box_rule(s, n) ? 0 : r->msg_boxed + 1;
	touch(r, lineno);
	return 1;
}

/* Whether the message M ends a sentence: a library's message of several paragraphs does
 * ("...to kill the worker." before a paragraph of exit codes); a program's output after a
 * message without a full stop is not read as more of it. */
static int sentence_ended(const struct buf *m)
{
	return m->len > 1 && m->s[m->len - 1] == '.' && m->s[m->len - 2] != '.';
}

static int exc_line(struct reading *r, const char *s, size_t n, size_t lineno)
{
	struct tb_exc *x = current(r);
	struct pl_frame f;
	struct pl_exc e;
	size_t at, indent = pl_indent(s, n);
	int quote = pl_quote(s, n);
	enum tb_link link = pl_chain(s, n, &at);

	if (r->pytest)
		return pytest_exc_line(r, s, n, lineno);
	/* VS Code prints the frames after the message */
	if (r->vscode && !r->blanks && (pl_frame(s, n, &f) || x->nframes)) {
		if (pl_frame(s, n, &f))
			add_frame(r, &f, lineno);
		else if (indent && r->expect_source)
			add_source(r, s, n);
		else
			return 0;
		touch(r, lineno);
		return 1;
	}
	if (r->msg_boxed)
		return boxed_line(r, s, n, lineno);
	if (r->msg_open && !r->message.len && !x->nnotes && !r->blanks && pl_box_rule(s, n)) {
		r->msg_boxed = 1;
		add_message_line(r, s, n, 0);
		touch(r, lineno);
		return 1;
	}
	if (quote && !r->blanks && r->msg_open && !x->nnotes) {
		reading_quote(r, quote, lineno);
		return 1;
	}
	/* the quoted traceback follows to its own end: no closing quote is looked for */
	if (r->blanks == 1 && r->msg_open && !x->nnotes && pl_carried_intro(s, n)) {
		reading_quote(r, 0, lineno);
		return 1;
	}
	if (link) {
		if (at)
			return 0;
		reading_chain(r, link, lineno);
		return 1;
	}
	if (pl_frame(s, n, &f))
		return 0;
	/* "PATH:N: Type: message", as the warnings module prints a warning (a resource
	 * tracker's at exit, just after the last traceback), is no note: it is its own */
	if (!indent && pl_pytest_frame(s, n, &f) == 3)
		return 0;
	if (x->mentioned && !indent)
		return 0;       /* a mentioned message goes on only over its paragraph */
	if (indent) {
		if (x->nnotes)
			return 0;
		r->msg_wrapped = 0;     /* indented lines go on as printed */
		add_message_line(r, s, n, r->blanks);
		r->msg_indented = 1;
	} else if (r->blanks == 1 && !x->nnotes && sentence_ended(&r->message) &&
		   s[0] >= 'A' && s[0] <= 'Z' && !clean_is_log_line(s, n) &&
		   !(pl_exception(s, n, &e) && pl_exception_like(e.type, e.type_len))) {
		/* a message of sentences goes on over a blank line, as a paragraph of codes */
		add_message_line(r, s, n, 1);
	} else if (r->blanks || clean_is_log_line(s, n) ||
		   (pl_exception(s, n, &e) && pl_exception_like(e.type, e.type_len))) {
		return 0;
	} else if ((r->msg_open || r->msg_more || (r->msg_wrapped && !(s[0] >= 'A' && s[0] <= 'Z'))) &&
		   !x->nnotes) {
		add_message_line(r, s, n, 0);
	} else if (r->msg_indented) {
		return 0;       /* notes follow a one-line message; this is what came next */
	} else if (x->nnotes < NOTES_MAX) {
		add_note(r, s, n);
	} else {
		return 0;       /* a program's output after its report, more likely */
	}
	r->blanks = 0;
	touch(r, lineno);
	return 1;
}

static int next_line(struct reading *r, const char *s, size_t n, size_t lineno)
{
	struct pl_exc e;

	if (reading_frame(r, s, n, lineno)) {
		/* a block without a header: a SyntaxError's */
	} else if (!pl_indent(s, n) && !clean_is_log_line(s, n) && pl_exception(s, n, &e)) {
		begin_block(r, lineno, 0);
		set_exception(r, &e, lineno);
	} else {
		return 0;
	}
	touch(r, lineno);
	return 1;
}

static int quoted_end_line(struct reading *r, const char *s, size_t n, size_t lineno)
{
	size_t at;
	enum tb_link link = pl_chain(s, n, &at);

	if (!link || at)
		return 0;
	reading_chain(r, link, lineno);
	return 1;
}

int reading_feed(struct reading *r, const char *s, size_t n, size_t lineno)
{
	size_t at, text = clean_rtrim(s, n);

	r->line_wrapped = text && text < n;
	n = text;

	if (r->quote && pl_quote(s, n) == r->quote) {
		if (r->in_block && r->state == ST_FRAMES)
			r->rec->truncated = 1;
		end_block(r);
		r->quote = 0;
		free(r->carrier);
		r->carrier = NULL;
		r->state = ST_QUOTED_END;
		r->blanks = 0;
		touch(r, lineno);
		return 1;
	}
	if (n == 0) {
		/* IPython and pytest leave blank lines between frames */
		if (r->state != ST_FRAMES || r->ipython || r->pytest) {
			r->blanks++;
			return 1;
		}
		/* a source line that was all blanks (2.7 and 3.6 SyntaxError), or loguru's blank
		 * after its annotations */
		if (!r->expect_source && !r->annotated)
			return 0;
		r->annotated = 0;
		r->expect_source = 0;
		return 1;
	}
	if (pl_header(s, n, &at)) {
		if (at || r->state != ST_NEXT)
			return 0;
		reading_header(r, lineno);
		touch(r, lineno);
		return 1;
	}
	if (r->ipython && r->state == ST_NEXT && pl_ipython_header(s, n, &at) && !at) {
		reading_ipython(r, lineno);
		touch(r, lineno);
		return 1;
	}
	switch (r->state) {
	case ST_FRAMES:
		return frames_line(r, s, n, lineno);
	case ST_EXC:
		return exc_line(r, s, n, lineno);
	case ST_NEXT:
		return next_line(r, s, n, lineno);
	case ST_QUOTED_END:
		return quoted_end_line(r, s, n, lineno);
	}
	return 0;
}
