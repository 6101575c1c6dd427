/*
 * litset.h: whether a text holds any of a set of literals, in one pass over the text
 * whatever the set's size.  Knows bytes, not what the literals mean.
 */
#ifndef PICKDOC_LITSET_H
#define PICKDOC_LITSET_H

#include <stddef.h>

struct litset;

struct litset *litset_new(void);
/* Adds the N bytes at S (copied); an empty literal is in every text. */
void litset_add(struct litset *set, const char *s, size_t n);
/* Whether some literal of SET occurs in the N bytes at TEXT. */
int litset_any(const struct litset *set, const char *text, size_t n);
void litset_free(struct litset *set);

#endif
