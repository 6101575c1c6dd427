/*
 * strtab.c: open addressing with linear probes over a power-of-two array of slots, kept
 * at most half full.  Owns the copies of the keys; the values are the caller's.
 */
#include "strtab.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Slots to begin with: a table that holds little touches little memory. */
#define SLOTS_FIRST 64

struct strtab_slot {
	uint64_t hash;
	char *key;               /* NULL: empty */
	size_t len;
	void *value;
};

struct strtab {
	struct strtab_slot *slots;
	size_t nslots;           /* a power of two */
	size_t nkeys;
};

struct strtab *strtab_new(void)
{
	struct strtab *t = xcalloc(1, sizeof *t);

	t->nslots = SLOTS_FIRST;
	t->slots = xcalloc(t->nslots, sizeof *t->slots);
	return t;
}

/* The slot that holds KEY, or the empty one where it would go. */
static struct strtab_slot *slot_for(const struct strtab *t, uint64_t h, const void *key,
				    size_t len)
{
	size_t i = (size_t)h & (t->nslots - 1);

	for (;; i = (i + 1) & (t->nslots - 1)) {
		struct strtab_slot *s = &t->slots[i];

		if (!s->key || (s->hash == h && s->len == len && !memcmp(s->key, key, len)))
			return s;
	}
}

void *strtab_get(const struct strtab *t, const void *key, size_t len)
{
	return slot_for(t, hash_bytes(key, len), key, len)->value;
}

static void grow_table(struct strtab *t)
{
	struct strtab_slot *old = t->slots;
	size_t nold = t->nslots;

	t->slots = xcalloc(nold, 2 * sizeof *t->slots);
	t->nslots = 2 * nold;
	for (size_t i = 0; i < nold; i++)
		if (old[i].key)
			*slot_for(t, old[i].hash, old[i].key, old[i].len) = old[i];
	free(old);
}

void *strtab_put(struct strtab *t, const void *key, size_t len, void *value)
{
	if (2 * (t->nkeys + 1) > t->nslots)
		grow_table(t);
	uint64_t h = hash_bytes(key, len);
	struct strtab_slot *s = slot_for(t, h, key, len);
	if (s->key)
		return s->value;
	s->hash = h;
	s->key = xmalloc(len ? len : 1);
	memcpy(s->key, key, len);
	s->len = len;
	s->value = value;
	t->nkeys++;
	return value;
}

size_t strtab_count(const struct strtab *t)
{
	return t->nkeys;
}

void strtab_free(struct strtab *t, void (*free_value)(void *value))
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nslots; i++) {
		free(t->slots[i].key);
		if (t->slots[i].key && free_value)
			free_value(t->slots[i].value);
	}
	free(t->slots);
	free(t);
}
