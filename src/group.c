/*
 * group.c: fingerprints (playbook, exception type, normalised message, user frame), counts,
 * first lines, primary versus secondary.  Memory stays bounded on hostile input: past
 * GROUPS_MAX distinct entries, new ones are counted, not kept.
 */
#include "group.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define GROUPS_MAX 4096

struct keyed {
	uint64_t hash;
	char *key;
};

struct groups {
	struct finding **findings;
	struct keyed *fkeys;
	size_t nfindings, capfindings, capfkeys;
	struct unmatched *unmatched;
	struct keyed *ukeys;
	size_t nunmatched, capunmatched, capukeys;
	size_t dropped_findings, dropped_unmatched;
	struct finding **ordered;
};

static uint64_t hash_of(const char *s)
{
	uint64_t h = 1469598103934665603u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

char *group_normalise(const char *message)
{
	struct buf b = { 0 };

	for (const char *p = message; *p;) {
		if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && is_hex(p[2])) {
			buf_adds(&b, "0x?");
			for (p += 2; is_hex(*p); p++)
				;
		} else if (*p >= '0' && *p <= '9') {
			buf_addc(&b, '#');
			while (*p >= '0' && *p <= '9')
				p++;
		} else {
			buf_addc(&b, *p++);
		}
	}
	return buf_release(&b);
}

struct groups *groups_new(void)
{
	return xcalloc(1, sizeof(struct groups));
}

static char *finding_key(const struct finding *fd)
{
	const struct tb_exc *exc = finding_exc(fd);
	char *norm = group_normalise(exc ? exc->message : "");
	const char *parts[] = { "user_file", "user_func", "user_line" };
	struct buf b = { 0 };

	buf_printf(&b, "%s\x1f%s\x1f%s", fd->playbook->id, exc ? exc->type : "", norm);
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		const char *v = facts_get(&fd->facts, parts[i]);
		buf_printf(&b, "\x1f%s", v ? v : "");
	}
	free(norm);
	return buf_release(&b);
}

static long find_key(const struct keyed *keys, size_t n, uint64_t h, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (keys[i].hash == h && !strcmp(keys[i].key, key))
			return (long)i;
	return -1;
}

void groups_add(struct groups *g, struct finding *fd)
{
	char *key = finding_key(fd);
	uint64_t h = hash_of(key);
	long i = find_key(g->fkeys, g->nfindings, h, key);

	if (i >= 0) {
		g->findings[i]->occurrences += fd->occurrences;
		free(key);
		finding_free(fd);
		return;
	}
	if (g->nfindings >= GROUPS_MAX) {
		g->dropped_findings++;
		free(key);
		finding_free(fd);
		return;
	}
	grow(&g->findings, &g->capfindings, g->nfindings, sizeof *g->findings);
	grow(&g->fkeys, &g->capfkeys, g->nfindings, sizeof *g->fkeys);
	fd->fingerprint = key;
	g->fkeys[g->nfindings].hash = h;
	g->fkeys[g->nfindings].key = key;
	g->findings[g->nfindings++] = fd;
}

void groups_add_unmatched(struct groups *g, struct tb_record *rec)
{
	const struct tb_exc *exc = record_final(rec);
	const char *type = exc ? exc->type : "";
	const char *message = exc ? exc->message : "";
	char *norm = group_normalise(message);
	struct buf b = { 0 };

	buf_printf(&b, "%s\x1f%s", type, norm);
	free(norm);
	char *key = buf_release(&b);
	uint64_t h = hash_of(key);
	long i = find_key(g->ukeys, g->nunmatched, h, key);
	if (i >= 0) {
		g->unmatched[i].occurrences++;
		free(key);
	} else if (g->nunmatched >= GROUPS_MAX) {
		g->dropped_unmatched++;
		free(key);
	} else {
		grow(&g->unmatched, &g->capunmatched, g->nunmatched, sizeof *g->unmatched);
		grow(&g->ukeys, &g->capukeys, g->nunmatched, sizeof *g->ukeys);
		struct unmatched *u = &g->unmatched[g->nunmatched];
		u->exception = xstrdup(type);
		u->message = xstrdup(message);
		u->origin = xstrdup(rec->origin);
		u->first_line = rec->first_line;
		u->occurrences = 1;
		g->ukeys[g->nunmatched].hash = h;
		g->ukeys[g->nunmatched].key = key;
		g->nunmatched++;
	}
	record_free(rec);
}

size_t groups_unmatched_dropped(const struct groups *g)
{
	return g->dropped_unmatched + g->dropped_findings;
}

static int is_consequence_of(const struct finding *fd, const struct finding *other)
{
	const struct kb_playbook *pb = fd->playbook;

	if (other == fd || other->playbook == pb)
		return 0;
	for (size_t i = 0; i < pb->nsecondary_to; i++)
		if (!strcmp(pb->secondary_to[i], "*") ||
		    !strcmp(pb->secondary_to[i], other->playbook->id))
			return 1;
	return 0;
}

void groups_finish(struct groups *g, struct report_input *out)
{
	size_t n = 0;

	/* A finding whose own playbook can be secondary is never taken as a primary. */
	for (size_t i = 0; i < g->nfindings; i++) {
		struct finding *fd = g->findings[i];
		for (size_t j = 0; j < g->nfindings && !fd->secondary; j++) {
			const struct finding *other = g->findings[j];
			if (!other->playbook->nsecondary_to && is_consequence_of(fd, other)) {
				fd->secondary = 1;
				fd->primary = other;
			}
		}
	}
	free(g->ordered);
	g->ordered = xcalloc(g->nfindings ? g->nfindings : 1, sizeof *g->ordered);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < g->nfindings; i++)
			if (g->findings[i]->secondary == pass)
				g->ordered[n++] = g->findings[i];
	out->findings = g->ordered;
	out->nfindings = n;
	out->unmatched = g->unmatched;
	out->nunmatched = g->nunmatched;
}

void groups_free(struct groups *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->nfindings; i++)
		finding_free(g->findings[i]);
	for (size_t i = 0; i < g->nunmatched; i++) {
		free(g->unmatched[i].exception);
		free(g->unmatched[i].message);
		free(g->unmatched[i].origin);
		free(g->ukeys[i].key);
	}
	free(g->findings);
	free(g->fkeys);
	free(g->unmatched);
	free(g->ukeys);
	free(g->ordered);
	free(g);
}
