/*
 * nearby.h: the last few lines an input showed, kept so that a record can carry the text
 * around its start (a prose line above a traceback, the words before a message on its own
 * line).  Fixed storage: a line costs one bounded copy and never an allocation.  Knows
 * lines and their numbers, nothing of what they say.
 */
#ifndef PICKDOC_NEARBY_H
#define PICKDOC_NEARBY_H

#include <stddef.h>

#include "record.h"

/* Lines kept, and bytes kept of each. */
#define NEARBY_LINES 24
#define NEARBY_TEXT 512

struct nearby {
	char text[NEARBY_LINES][NEARBY_TEXT];
	size_t len[NEARBY_LINES];
	size_t lineno[NEARBY_LINES];
	size_t next;                     /* slot the next line goes to */
	size_t count;                    /* slots in use */
};

/* Keeps the line S (N bytes), number LINENO, in place of the oldest; a line with the same
 * number as the last one (another logical line of one physical line) joins it. */
void nearby_add(struct nearby *nb, const char *s, size_t n, size_t lineno);
/* Copies to REC->near the lines kept whose numbers are within NEARBY_LINES before LINENO,
 * LINENO included, oldest first (REC->near must be empty). */
void nearby_attach(const struct nearby *nb, size_t lineno, struct tb_record *rec);

#endif
