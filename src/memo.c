/*
 * memo.c: an open-addressing table from a record's key to the fingerprint of the finding
 * it gave.  The whole key is kept and compared, so a hash collision costs a comparison,
 * never a wrong count.  Knows bytes and strings, not records nor findings.
 */
#include "memo.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Slots to begin with; the table doubles to stay at most half full, so probes stay
 * short, and a run that sees few tracebacks touches little memory. */
#define SLOTS_FIRST 64

struct memo_slot {
	uint64_t hash;
	char *key;               /* NULL: empty */
	size_t len;
	char *fingerprint;
};

struct memo {
	struct memo_slot *slots;
	size_t nslots;           /* a power of two */
	size_t nkeys, bytes;
};

struct memo *memo_new(void)
{
	struct memo *m = xcalloc(1, sizeof *m);

	m->nslots = SLOTS_FIRST;
	m->slots = xcalloc(m->nslots, sizeof *m->slots);
	return m;
}

/* The slot that holds KEY, or the empty one where it would go. */
static struct memo_slot *slot_for(const struct memo *m, uint64_t h, const char *key, size_t len)
{
	size_t i = (size_t)h & (m->nslots - 1);

	for (;; i = (i + 1) & (m->nslots - 1)) {
		struct memo_slot *s = &m->slots[i];

		if (!s->key || (s->hash == h && s->len == len && !memcmp(s->key, key, len)))
			return s;
	}
}

const char *memo_get(const struct memo *m, const char *key, size_t len)
{
	const struct memo_slot *s = slot_for(m, hash_bytes(key, len), key, len);

	return s->key ? s->fingerprint : NULL;
}

static void grow_table(struct memo *m)
{
	struct memo_slot *old = m->slots;
	size_t nold = m->nslots;

	m->nslots *= 2;
	m->slots = xcalloc(m->nslots, sizeof *m->slots);
	for (size_t i = 0; i < nold; i++)
		if (old[i].key)
			*slot_for(m, old[i].hash, old[i].key, old[i].len) = old[i];
	free(old);
}

void memo_put(struct memo *m, const char *key, size_t len, const char *fingerprint)
{
	size_t size = len + strlen(fingerprint) + 1;

	if (m->nkeys >= MEMO_MAX_KEYS || size > MEMO_MAX_BYTES - m->bytes)
		return;
	if (2 * (m->nkeys + 1) > m->nslots)
		grow_table(m);
	uint64_t h = hash_bytes(key, len);
	struct memo_slot *s = slot_for(m, h, key, len);
	if (s->key)
		return;
	s->hash = h;
	s->key = xmalloc(len ? len : 1);
	memcpy(s->key, key, len);
	s->len = len;
	s->fingerprint = xstrdup(fingerprint);
	m->nkeys++;
	m->bytes += size;
}

void memo_free(struct memo *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nslots; i++) {
		free(m->slots[i].key);
		free(m->slots[i].fingerprint);
	}
	free(m->slots);
	free(m);
}
