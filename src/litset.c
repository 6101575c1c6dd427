/*
 * litset.c: whether a text holds any of a set of literals.  Testing each literal with
 * memmem costs a call and a setup per literal and per text, which on the lines of a big log
 * cost more than reading them; here one pass looks at each pair of bytes once: a bitmap of
 * the literals' first two bytes says where one may start, and only there are the literals
 * with that start compared.  Literals of one byte have a map of their own.
 */
#include "litset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct literal {
	char *s;
	size_t len;
	unsigned pair;           /* its first two bytes, the first in the low byte */
};

struct litset {
	uint64_t pairs[65536 / 64];  /* a bit per pair of bytes some literal starts with */
	uint64_t singles[256 / 64];  /* a bit per byte that is a literal of its own */
	int empty;                   /* an empty literal: every text holds it */
	struct literal *lits;
	size_t n, cap;
};

static int has_bit(const uint64_t *map, unsigned i)
{
	return (map[i / 64] >> (i % 64)) & 1;
}

static void set_bit(uint64_t *map, unsigned i)
{
	map[i / 64] |= (uint64_t)1 << (i % 64);
}

static unsigned pair_at(const char *s)
{
	return (unsigned)(unsigned char)s[0] | (unsigned)(unsigned char)s[1] << 8;
}

struct litset *litset_new(void)
{
	return xcalloc(1, sizeof(struct litset));
}

void litset_add(struct litset *set, const char *s, size_t n)
{
	if (n == 0) {
		set->empty = 1;
		return;
	}
	if (n == 1) {
		set_bit(set->singles, (unsigned char)s[0]);
		return;
	}
	grow(&set->lits, &set->cap, set->n, sizeof *set->lits);
	struct literal *l = &set->lits[set->n++];
	l->s = xstrndup(s, n);
	l->len = n;
	l->pair = pair_at(s);
	set_bit(set->pairs, l->pair);
}

int litset_any(const struct litset *set, const char *text, size_t n)
{
	if (set->empty)
		return 1;
	for (size_t i = 0; i < n; i++) {
		if (has_bit(set->singles, (unsigned char)text[i]))
			return 1;
		if (i + 1 == n)
			break;
		unsigned pair = pair_at(text + i);
		if (!has_bit(set->pairs, pair))
			continue;
		for (size_t k = 0; k < set->n; k++) {
			const struct literal *l = &set->lits[k];
			if (l->pair == pair && l->len <= n - i && !memcmp(text + i, l->s, l->len))
				return 1;
		}
	}
	return 0;
}

void litset_free(struct litset *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++)
		free(set->lits[i].s);
	free(set->lits);
	free(set);
}
