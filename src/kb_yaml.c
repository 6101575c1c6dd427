/*
 * kb_yaml.c: reads one YAML document with libyaml's event parser into a tree of nodes that
 * remember where they start, rejecting what the knowledge base never needs (anchors,
 * aliases, tags, several documents, deep nesting).  Knows nothing of the schema.
 */
#include "kb_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "msg.h"

#define MAX_DEPTH 32                     /* the schema nests 7 levels deep */

struct reader {
	struct arena *nodes;
	const char *file;
	const char *text;
	size_t len;
	struct kb_node *stack[MAX_DEPTH];
	size_t depth;
	struct kb_node *root;
	size_t ndocuments;
	size_t line_start;               /* offset of line LINE (0-based) in TEXT */
	size_t line;
	int errors;
};

static void error_at(struct reader *r, const yaml_mark_t *mark, const char *fmt, ...)
	MSG_PRINTF(3, 4);

static void error_at(struct reader *r, const yaml_mark_t *mark, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	msg(MSG_ERROR, r->file, (unsigned)mark->line + 1, (unsigned)mark->column + 1, "%s", text);
	r->errors++;
}

static size_t line_break(const char *s, size_t i, size_t len)
{
	if (s[i] == '\n')
		return 1;
	if (s[i] == '\r')
		return i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
	return 0;
}

/* Moves the line cursor to the start of 0-based line LINE (never backwards: events come
 * in document order); returns its offset, or LEN past the end. */
static size_t seek_line(struct reader *r, size_t line)
{
	size_t i = r->line_start;

	while (r->line < line && i < r->len) {
		size_t n = line_break(r->text, i, r->len);
		i += n ? n : 1;
		if (n) {
			r->line++;
			r->line_start = i;
		}
	}
	return r->line == line ? r->line_start : r->len;
}

/* A block scalar's text starts on the first non-blank line after its indicator. */
static void block_text_start(struct reader *r, const yaml_mark_t *mark, struct kb_node *n)
{
	size_t line = mark->line + 1;
	size_t i = seek_line(r, line);

	while (i < r->len) {
		size_t col = 0;
		while (i + col < r->len && r->text[i + col] == ' ')
			col++;
		size_t brk = i + col < r->len ? line_break(r->text, i + col, r->len) : 0;
		if (i + col < r->len && !brk) {
			n->text_line = (unsigned)line + 1;
			n->text_col = (unsigned)col + 1;
			return;
		}
		if (!brk)
			break;
		i += col + brk;
		line++;
	}
}

static struct kb_node *node_new(struct reader *r, enum kb_node_kind kind,
				const yaml_mark_t *mark)
{
	struct kb_node *n = arena_alloc(r->nodes, sizeof *n);

	n->kind = kind;
	n->line = (unsigned)mark->line + 1;
	n->col = (unsigned)mark->column + 1;
	return n;
}

static int attach(struct reader *r, struct kb_node *n, const yaml_mark_t *mark)
{
	if (!r->depth) {
		r->root = n;
		return 0;
	}
	struct kb_node *parent = r->stack[r->depth - 1];
	if (parent->kind == KB_MAPPING && parent->nchildren % 2 == 0 && n->kind != KB_SCALAR) {
		error_at(r, mark, "a mapping key must be a string");
		return -1;
	}
	if (parent->last)
		parent->last->next = n;
	else
		parent->child = n;
	parent->last = n;
	parent->nchildren++;
	return 0;
}

static int check_props(struct reader *r, const yaml_event_t *ev, const yaml_char_t *anchor,
		       const yaml_char_t *tag)
{
	char buf[80];

	if (anchor) {
		error_at(r, &ev->start_mark, "anchor '%s' is not supported",
			 kb_shown(buf, sizeof buf, (const char *)anchor));
		return -1;
	}
	if (tag) {
		/* libyaml decodes %-escapes in tags: any byte may be there */
		error_at(r, &ev->start_mark,
			 "tag '%s' is not supported (quote a string that starts with '!')",
			 kb_shown(buf, sizeof buf, (const char *)tag));
		return -1;
	}
	return 0;
}

static int take_scalar(struct reader *r, const yaml_event_t *ev)
{
	if (check_props(r, ev, ev->data.scalar.anchor, ev->data.scalar.tag))
		return -1;
	const char *value = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	if (memchr(value, '\0', len)) {
		error_at(r, &ev->start_mark, "a string must not contain a NUL character");
		return -1;
	}
	struct kb_node *n = node_new(r, KB_SCALAR, &ev->start_mark);
	n->text = arena_strndup(r->nodes, value, len);
	n->len = len;
	n->text_line = n->line;
	n->text_col = n->col;
	switch (ev->data.scalar.style) {
	case YAML_PLAIN_SCALAR_STYLE:
		n->plain = 1;
		break;
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		n->text_col++;
		break;
	default:
		block_text_start(r, &ev->start_mark, n);
		break;
	}
	return attach(r, n, &ev->start_mark);
}

static int take_start(struct reader *r, const yaml_event_t *ev, enum kb_node_kind kind,
		      const yaml_char_t *anchor, const yaml_char_t *tag)
{
	if (check_props(r, ev, anchor, tag))
		return -1;
	if (r->depth == MAX_DEPTH) {
		error_at(r, &ev->start_mark, "nesting is deeper than %d levels", MAX_DEPTH);
		return -1;
	}
	struct kb_node *n = node_new(r, kind, &ev->start_mark);
	if (attach(r, n, &ev->start_mark))
		return -1;
	r->stack[r->depth++] = n;
	return 0;
}

/* Returns 1 at the end of the stream, -1 on an error, 0 to go on. */
static int take_event(struct reader *r, const yaml_event_t *ev)
{
	char buf[80];

	switch (ev->type) {
	case YAML_STREAM_END_EVENT:
		return 1;
	case YAML_DOCUMENT_START_EVENT:
		if (r->ndocuments++) {
			error_at(r, &ev->start_mark, "a file must hold one YAML document only");
			return -1;
		}
		return 0;
	case YAML_ALIAS_EVENT:
		error_at(r, &ev->start_mark, "alias '%s' is not supported",
			 kb_shown(buf, sizeof buf, (const char *)ev->data.alias.anchor));
		return -1;
	case YAML_SCALAR_EVENT:
		return take_scalar(r, ev);
	case YAML_SEQUENCE_START_EVENT:
		return take_start(r, ev, KB_SEQUENCE, ev->data.sequence_start.anchor,
				  ev->data.sequence_start.tag);
	case YAML_MAPPING_START_EVENT:
		return take_start(r, ev, KB_MAPPING, ev->data.mapping_start.anchor,
				  ev->data.mapping_start.tag);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		r->depth--;
		return 0;
	default:
		return 0;
	}
}

/* libyaml's reader reports a byte offset only; count lines and characters up to it. */
static yaml_mark_t mark_of_offset(const char *text, size_t len, size_t offset)
{
	yaml_mark_t mark = { 0, 0, 0 };

	for (size_t i = 0; i < offset && i < len; i++) {
		size_t brk = line_break(text, i, len);
		if (brk) {
			i += brk - 1;
			mark.line++;
			mark.column = 0;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80) {
			mark.column++;
		}
	}
	return mark;
}

static void syntax_error(struct reader *r, const yaml_parser_t *parser)
{
	yaml_mark_t mark = parser->problem_mark;
	const char *problem = parser->problem ? parser->problem : "invalid YAML";

	if (parser->error == YAML_MEMORY_ERROR)
		problem = "out of memory";
	if (parser->error == YAML_READER_ERROR)
		mark = mark_of_offset(r->text, r->len, parser->problem_offset);
	if (parser->context)
		error_at(r, &mark, "%s (%s at %u:%u)", problem, parser->context,
			 (unsigned)parser->context_mark.line + 1,
			 (unsigned)parser->context_mark.column + 1);
	else
		error_at(r, &mark, "%s", problem);
}

int kb_yaml_read(struct arena *nodes, const char *file, const char *text, size_t len,
		 struct kb_node **root)
{
	struct reader r = { .nodes = nodes, .file = file, .text = text, .len = len };
	yaml_parser_t parser;
	yaml_event_t ev;
	int status = 0;

	*root = NULL;
	if (!yaml_parser_initialize(&parser)) {
		msg(MSG_ERROR, file, 0, 0, "out of memory");
		return 1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	while (!status) {
		if (!yaml_parser_parse(&parser, &ev)) {
			syntax_error(&r, &parser);
			break;
		}
		status = take_event(&r, &ev);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (!r.errors)
		*root = r.root;
	return r.errors;
}
