/*
 * record.c: releasing traceback records, finding the exception a record reports, the key
 * of what a record says, and the stable text dump of a record (--dump=records and the
 * parser's tests).  Knows the shape of a record, not how it was read nor what it means.
 */
#include "record.h"

#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "util.h"

void tb_exc_fini(struct tb_exc *exc)
{
	free(exc->type);
	free(exc->message);
	for (size_t i = 0; i < exc->nnotes; i++)
		free(exc->notes[i]);
	free(exc->notes);
	for (size_t i = 0; i < exc->nframes; i++) {
		free(exc->frames[i].file);
		free(exc->frames[i].func);
		free(exc->frames[i].source);
	}
	free(exc->frames);
	free(exc->carrier);
}

void record_free(struct tb_record *rec)
{
	if (!rec)
		return;
	for (size_t i = 0; i < rec->nexcs; i++)
		tb_exc_fini(&rec->excs[i]);
	free(rec->excs);
	for (size_t i = 0; i < rec->nnear; i++)
		free(rec->near[i].text);
	free(rec->near);
	free(rec->origin);
	free(rec->channel);
	free(rec);
}

const struct tb_exc *record_final(const struct tb_record *rec)
{
	if (!rec->nexcs)
		return NULL;
	for (size_t i = rec->nexcs; i-- > 0; ) {
		const struct tb_exc *e = &rec->excs[i];

		if ((e->type && *e->type) || (e->message && *e->message))
			return e;
	}
	return &rec->excs[rec->nexcs - 1];
}

static void key_number(struct buf *key, size_t n)
{
	buf_add(key, (const char *)&n, sizeof n);
}

/* A string as its length and bytes; NULL as a length no string has. */
static void key_text(struct buf *key, const char *s)
{
	if (!s) {
		key_number(key, (size_t)-1);
		return;
	}
	size_t n = strlen(s);
	key_number(key, n);
	buf_add(key, s, n);
}

void record_key(const struct tb_record *rec, struct buf *key)
{
	buf_reset(key);
	key_text(key, rec->origin);
	key_number(key, rec->nexcs);
	key_number(key, (size_t)rec->truncated);
	key_number(key, rec->dropped_blocks);
	for (size_t i = 0; i < rec->nexcs; i++) {
		const struct tb_exc *e = &rec->excs[i];

		key_text(key, e->type);
		key_text(key, e->message);
		key_number(key, e->nnotes);
		for (size_t k = 0; k < e->nnotes; k++)
			key_text(key, e->notes[k]);
		key_number(key, e->nframes);
		for (size_t k = 0; k < e->nframes; k++) {
			key_text(key, e->frames[k].file);
			key_number(key, (size_t)e->frames[k].lineno);
			key_text(key, e->frames[k].func);
			key_text(key, e->frames[k].source);
		}
		key_number(key, (size_t)e->link);
		key_text(key, e->carrier);
		key_number(key, (size_t)e->has_header);
		key_number(key, (size_t)e->mentioned);
		key_number(key, (size_t)e->repeated);
		key_number(key, (size_t)e->elided);
		key_number(key, (size_t)e->dropped);
		key_number(key, e->cut);
	}
}

/*
 * The dump, one paragraph per record followed by a blank line:
 *
 *   record FIRST-LAST [truncated] [channel=TEXT]
 *   exc TYPE line N [link=context|cause] [carrier=TYPE] [noheader] [mentioned] [repeated=N] [elided=N] [dropped=N]
 *     message: TEXT
 *     note: TEXT
 *     frame FILE:LINE in FUNC (input line N)
 *       source: TEXT
 *
 * One "exc" line per block, oldest first, each followed by its message (absent when
 * empty), its notes, and its frames, outermost first, each with its source when it had
 * one ("in FUNC" is absent when the frame named none).  "line N" is the input line of the
 * exception line (0 when the block has none); TYPE is "-" when the log lost it.  Within a
 * value, control characters are written \n, \r, \t, \e or \xHH so that every value stays on
 * its line; every other byte, backslash and non-ASCII included, is written as it is.  The
 * channel comes last on its line because it may hold blanks.
 */
static void put_value(FILE *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		unsigned long cp;
		int shown;

		/* C1 and bidirectional controls, bytes that are no UTF-8: escaped too */
		if (c >= 0x80) {
			size_t len = clean_char(s, strnlen(s, 4), &cp, &shown);
			if (shown)
				fwrite(s, 1, len, out);
			else
				clean_put_escape(out, s, len, cp);
			s += len - 1;
			continue;
		}
		switch (c) {
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		case 0x1b:
			fputs("\\e", out);
			break;
		default:
			if (c < 0x20 || c == 0x7f)
				clean_put_escape(out, s, 1, c);
			else
				fputc(c, out);
		}
	}
}

static void dump_frame(FILE *out, const struct tb_frame *f)
{
	fputs("  frame ", out);
	put_value(out, f->file);
	fprintf(out, ":%ld", f->lineno);
	if (f->func) {
		fputs(" in ", out);
		put_value(out, f->func);
	}
	fprintf(out, " (input line %zu)\n", f->input_line);
	if (f->source) {
		fputs("    source: ", out);
		put_value(out, f->source);
		fputc('\n', out);
	}
}

static void dump_exc(FILE *out, const struct tb_exc *e)
{
	static const char *const links[] = { NULL, "context", "cause" };

	fputs("exc ", out);
	if (e->type && *e->type)
		put_value(out, e->type);
	else
		fputc('-', out);
	fprintf(out, " line %zu", e->type_line);
	if (e->link != TB_LINK_NONE)
		fprintf(out, " link=%s", links[e->link]);
	if (e->carrier) {
		fputs(" carrier=", out);
		put_value(out, e->carrier);
	}
	if (!e->has_header)
		fputs(" noheader", out);
	if (e->mentioned)
		fputs(" mentioned", out);
	if (e->repeated)
		fprintf(out, " repeated=%ld", e->repeated);
	if (e->elided)
		fprintf(out, " elided=%ld", e->elided);
	if (e->dropped)
		fprintf(out, " dropped=%ld", e->dropped);
	if (e->cut)
		fprintf(out, " cut=%zu", e->cut);
	fputc('\n', out);
	if (e->message && *e->message) {
		fputs("  message: ", out);
		put_value(out, e->message);
		fputc('\n', out);
	}
	for (size_t i = 0; i < e->nnotes; i++) {
		fputs("  note: ", out);
		put_value(out, e->notes[i]);
		fputc('\n', out);
	}
	for (size_t i = 0; i < e->nframes; i++)
		dump_frame(out, &e->frames[i]);
}

void record_dump(FILE *out, const struct tb_record *rec)
{
	fprintf(out, "record %zu-%zu", rec->first_line, rec->last_line);
	if (rec->truncated)
		fputs(" truncated", out);
	if (rec->dropped_blocks)
		fprintf(out, " dropped_blocks=%zu", rec->dropped_blocks);
	if (rec->channel) {
		fputs(" channel=", out);
		put_value(out, rec->channel);
	}
	fputc('\n', out);
	for (size_t i = 0; i < rec->nexcs; i++)
		dump_exc(out, &rec->excs[i]);
	fputc('\n', out);
}
