/*
 * memo.h: what was concluded of records already seen, by what they say (record_key), so
 * that a traceback printed again by another worker is counted without being matched and
 * examined again.  Bounded: past MEMO_MAX_KEYS keys or MEMO_MAX_BYTES of them, nothing new
 * is remembered and the work is simply done again.  Knows keys and fingerprints, not what
 * either means.
 */
#ifndef PICKDOC_MEMO_H
#define PICKDOC_MEMO_H

#include <stddef.h>

#define MEMO_MAX_KEYS 8192
#define MEMO_MAX_BYTES ((size_t)4 << 20)

struct memo;

struct memo *memo_new(void);
/* The fingerprint remembered for the LEN bytes of KEY, or NULL; valid until memo_free. */
const char *memo_get(const struct memo *m, const char *key, size_t len);
/* Remembers FINGERPRINT (copied) for KEY (copied), unless the memo is full or has KEY. */
void memo_put(struct memo *m, const char *key, size_t len, const char *fingerprint);
void memo_free(struct memo *m);

#endif
