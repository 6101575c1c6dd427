/*
 * helpers.h: shared by the unit tests: records built by hand (so the tests of the stages
 * after parsing do not depend on the parser), knowledge bases loaded from YAML text, and
 * the diagnostics msg.h prints captured.
 * Header-only so that each test stays one file; include after cmocka.h.
 */
#ifndef PICKDOC_TEST_HELPERS_H
#define PICKDOC_TEST_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kb.h"
#include "msg.h"
#include "record.h"
#include "util.h"

/* Adds a block to REC: TYPE, MESSAGE, and NFRAMES frames given as "file", "func", "source"
 * triples (source may be NULL). */
static inline struct tb_exc *add_block(struct tb_record *rec, const char *type,
				       const char *message, size_t nframes,
				       const char *const *frames)
{
	rec->excs = xreallocarray(rec->excs, rec->nexcs + 1, sizeof *rec->excs);
	struct tb_exc *e = &rec->excs[rec->nexcs++];
	memset(e, 0, sizeof *e);
	e->type = xstrdup(type);
	e->message = xstrdup(message);
	e->frames = xcalloc(nframes ? nframes : 1, sizeof *e->frames);
	e->nframes = nframes;
	for (size_t i = 0; i < nframes; i++) {
		e->frames[i].file = xstrdup(frames[3 * i]);
		e->frames[i].func = xstrdup(frames[3 * i + 1]);
		e->frames[i].source = frames[3 * i + 2] ? xstrdup(frames[3 * i + 2]) : NULL;
		e->frames[i].lineno = (long)(10 + i);
		e->frames[i].input_line = rec->first_line + 1 + i;
	}
	e->first_line = rec->first_line;
	e->type_line = rec->first_line + 1 + nframes;
	e->last_line = e->type_line;
	rec->last_line = e->last_line;
	return e;
}

static inline struct tb_record *new_record(size_t first_line)
{
	struct tb_record *rec = xcalloc(1, sizeof *rec);

	rec->origin = xstrdup("test.log");
	rec->first_line = first_line;
	rec->last_line = first_line;
	return rec;
}

/* A knowledge base of the built-in-free kind holding YAML, failing the test on errors. */
static inline struct kb *kb_from_yaml(const char *name, const char *yaml)
{
	struct kb *kb = kb_new(NULL);
	int errors = kb_load_text(kb, name, yaml, strlen(yaml));

	assert_int_equal(errors, 0);
	return kb;
}

/* Diagnostics captured from msg.h while a test runs. */
struct capture {
	char *text;
	size_t len;
	FILE *mem;
};

static inline void capture_start(struct capture *c)
{
	c->text = NULL;
	c->len = 0;
	c->mem = open_memstream(&c->text, &c->len);
	assert_non_null(c->mem);
	msg_set_stream(c->mem);
}

/* Ends the capture: the text, which the caller frees, is also in C->text. */
static inline char *capture_end(struct capture *c)
{
	msg_set_stream(NULL);
	fclose(c->mem);
	return c->text;
}

#endif
