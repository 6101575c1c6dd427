/*
 * helpers.h: shared by the unit tests of the stages after parsing: records built by hand
 * (so those tests do not depend on the parser) and knowledge bases loaded from YAML text.
 * Header-only so that each test stays one file; include after cmocka.h.
 */
#ifndef PICKDOC_TEST_HELPERS_H
#define PICKDOC_TEST_HELPERS_H

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

#endif
