/*
 * util.h: allocation that exits cleanly on exhaustion, a growable byte buffer, a whole
 * file read into one, a hash for tables, and an arena for data that lives and dies
 * together.  Knows nothing of pickdoc's domain.
 */
#ifndef PICKDOC_UTIL_H
#define PICKDOC_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* realloc for an array of N elements of SIZE, checking the multiplication. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grows *ARRAY (of *CAP elements of SIZE) so that index N fits. */
void grow(void *array, size_t *cap, size_t n, size_t size);

struct buf {                /* always NUL-terminated once anything was added */
	char *s;
	size_t len, cap;
};

void buf_add(struct buf *b, const char *s, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
void buf_reset(struct buf *b);          /* empties, keeps the storage */
char *buf_release(struct buf *b);       /* hands the string to the caller ("" if empty) */
void buf_fini(struct buf *b);

/* The whole of the file PATH into B (emptied first).  0, or -1 with errno set: EFBIG when
 * the file holds more than MAX bytes (B then holds its first ones, more than MAX). */
int read_file(const char *path, size_t max, struct buf *b);

/* The most a count of occurrences may reach: what every report format can write (JSON's
 * signed 64-bit integers). */
#define COUNT_MAX ((size_t)INT64_MAX)
/* A + B, or COUNT_MAX when that is more (both at most COUNT_MAX). */
size_t count_add(size_t a, size_t b);

/* FNV-1a of the N bytes at P: a hash for tables, not a digest to trust alone. */
uint64_t hash_bytes(const void *p, size_t n);

struct arena;
struct arena *arena_new(void);
void *arena_alloc(struct arena *a, size_t n);          /* zeroed, aligned for any type */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_free(struct arena *a);

#endif
