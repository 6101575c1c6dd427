/*
 * memo.c: a string table (strtab) from a record's key to the fingerprint of the finding it
 * gave, with the bounds of memo.h counted here.  Knows bytes and strings, not records nor
 * findings.
 */
#include "memo.h"

#include <stdlib.h>
#include <string.h>

#include "strtab.h"
#include "util.h"

struct memo {
	struct strtab *fingerprints;    /* key -> its fingerprint, a copy owned here */
	size_t bytes;
};

struct memo *memo_new(void)
{
	struct memo *m = xcalloc(1, sizeof *m);

	m->fingerprints = strtab_new();
	return m;
}

const char *memo_get(const struct memo *m, const char *key, size_t len)
{
	return strtab_get(m->fingerprints, key, len);
}

void memo_put(struct memo *m, const char *key, size_t len, const char *fingerprint)
{
	size_t size = len + strlen(fingerprint) + 1;

	if (strtab_count(m->fingerprints) >= MEMO_MAX_KEYS || size > MEMO_MAX_BYTES - m->bytes ||
	    strtab_get(m->fingerprints, key, len))
		return;
	strtab_put(m->fingerprints, key, len, xstrdup(fingerprint));
	m->bytes += size;
}

void memo_free(struct memo *m)
{
	if (!m)
		return;
	strtab_free(m->fingerprints, free);
	free(m);
}
