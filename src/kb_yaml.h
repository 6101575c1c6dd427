/*
 * kb_yaml.h: one YAML document read into a small tree of nodes that remember where they
 * start, so that whoever checks the tree can report FILE:LINE:COL.  The knowledge base is
 * read with it, and so is the answers file of the guided session.
 */
#ifndef PICKDOC_KB_YAML_H
#define PICKDOC_KB_YAML_H

#include <stddef.h>

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

#endif
