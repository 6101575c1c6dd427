/*
 * nearby.c: a ring of the last lines read, and the copy of its recent part a record takes
 * when it starts.  Knows lines and their numbers, nothing of what they say.
 */
#include "nearby.h"

#include <string.h>

#include "util.h"

static void keep(struct nearby *nb, size_t slot, size_t at, const char *s, size_t n)
{
	if (n > NEARBY_TEXT - at)
		n = NEARBY_TEXT - at;
	memcpy(nb->text[slot] + at, s, n);
	nb->len[slot] = at + n;
}

void nearby_add(struct nearby *nb, const char *s, size_t n, size_t lineno)
{
	size_t last = (nb->next + NEARBY_LINES - 1) % NEARBY_LINES;

	if (nb->count && nb->lineno[last] == lineno) {
		if (nb->len[last] < NEARBY_TEXT)
			keep(nb, last, nb->len[last], "\n", 1);
		keep(nb, last, nb->len[last], s, n);
		return;
	}
	keep(nb, nb->next, 0, s, n);
	nb->lineno[nb->next] = lineno;
	nb->next = (nb->next + 1) % NEARBY_LINES;
	if (nb->count < NEARBY_LINES)
		nb->count++;
}

void nearby_attach(const struct nearby *nb, size_t lineno, struct tb_record *rec)
{
	size_t first = (nb->next + NEARBY_LINES - nb->count) % NEARBY_LINES;
	size_t n = 0;

	rec->near = xreallocarray(NULL, nb->count ? nb->count : 1, sizeof *rec->near);
	for (size_t k = 0; k < nb->count; k++) {
		size_t slot = (first + k) % NEARBY_LINES;
		size_t l = nb->lineno[slot];

		if (l > lineno || l + NEARBY_LINES < lineno)
			continue;
		rec->near[n].text = xstrndup(nb->text[slot], nb->len[slot]);
		rec->near[n].lineno = l;
		n++;
	}
	rec->nnear = n;
}
