/*
 * kb_int.h: the knowledge-base loader's insides, for use by kb_load.c, kb_yaml.c and
 * kb_schema.c only.  A YAML file is read into a small tree of nodes with positions
 * (kb_yaml.c), which the schema turns into the structures of kb.h (kb_schema.c).
 */
#ifndef PICKDOC_KB_INT_H
#define PICKDOC_KB_INT_H

#include <stddef.h>

#include "kb.h"
#include "util.h"

enum kb_node_kind { KB_SCALAR, KB_SEQUENCE, KB_MAPPING };

/* One YAML node.  A mapping's children alternate key, value; keys are always scalars. */
struct kb_node {
	enum kb_node_kind kind;
	unsigned line, col;              /* where the node starts, 1-based */
	const char *text;                /* scalar: the value, NUL-terminated, no NUL inside */
	size_t len;
	int plain;                       /* scalar: unquoted and not a block scalar */
	unsigned text_line, text_col;    /* scalar: where its first character of text is */
	struct kb_node *child, *last;    /* sequence, mapping: the items, in order */
	size_t nchildren;
	struct kb_node *next;            /* the next sibling */
};

/* Parses one YAML document of TEXT into a tree allocated in NODES, reporting problems as
 * FILE:LINE:COL.  Returns the number of errors; *ROOT is NULL for an empty document. */
int kb_yaml_read(struct arena *nodes, const char *file, const char *text, size_t len,
		 struct kb_node **root);

/* TEXT as it can be shown inside quotes on one line of a diagnostic, in DST (SIZE bytes,
 * at least 8): control and bidirectional characters become '?', a long text ends in
 * "...".  Returns DST. */
const char *kb_shown(char *dst, size_t size, const char *text);

/* What one file holds: a playbook, or evidence (rules and library files). */
struct kb_doc {
	struct kb_playbook *playbook;
	const struct kb_rule *rules;
	size_t nrules;
	const char *const *library_files;
	size_t nlibrary_files;
};

/* Checks ROOT against the schema of knowledge/README.md and builds DOC from it, every
 * string and array in ARENA, every position naming FILE (which must live in ARENA too).
 * Returns the number of errors; DOC must not be used when it is not 0. */
int kb_schema_read(struct arena *arena, const char *file, const struct kb_node *root,
		   struct kb_doc *doc);

#endif
