/*
 * strtab.h: a table from byte strings to pointers, for the places that look a string up
 * once per input item (a record's key, a fingerprint, a host) and must stay linear in the
 * input.  The whole key is kept and compared, so a hash collision costs a comparison,
 * never a wrong answer.  Knows bytes, not what they name.
 */
#ifndef PICKDOC_STRTAB_H
#define PICKDOC_STRTAB_H

#include <stddef.h>

struct strtab;

struct strtab *strtab_new(void);
/* The value stored under the LEN bytes of KEY, or NULL. */
void *strtab_get(const struct strtab *t, const void *key, size_t len);
/* Stores VALUE (not NULL) under KEY (copied) unless KEY is there; returns the value KEY
 * has now, VALUE when it was added. */
void *strtab_put(struct strtab *t, const void *key, size_t len, void *value);
/* The keys stored. */
size_t strtab_count(const struct strtab *t);
/* Frees the table and its keys; FREE_VALUE (may be NULL) is called on each value. */
void strtab_free(struct strtab *t, void (*free_value)(void *value));

#endif
