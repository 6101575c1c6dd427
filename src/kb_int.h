/*
 * kb_int.h: the knowledge-base loader's insides, for use by kb_load.c, kb_yaml.c and
 * kb_schema.c only.  A YAML file is read into a small tree of nodes with positions
 * (kb_yaml.h), which the schema turns into the structures of kb.h (kb_schema.c).
 */
#ifndef PICKDOC_KB_INT_H
#define PICKDOC_KB_INT_H

#include <stddef.h>

#include "kb.h"
#include "kb_yaml.h"
#include "util.h"

/* What one file holds: a playbook, or evidence (rules and library files). */
struct kb_doc {
	struct kb_playbook *playbook;
	const struct kb_rule *rules;
	size_t nrules;
	const char *const *library_files;
	size_t nlibrary_files;
	const char *const *bootstrap_frames;
	size_t nbootstrap_frames;
};

/* Checks ROOT against the schema of knowledge/README.md and builds DOC from it, every
 * string and array in ARENA, every position naming FILE (which must live in ARENA too).
 * Returns the number of errors; DOC must not be used when it is not 0. */
int kb_schema_read(struct arena *arena, const char *file, const struct kb_node *root,
		   struct kb_doc *doc);

#endif
