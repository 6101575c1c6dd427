/*
 * finding.c: the facts of a finding (first setter wins, unless it is unset first) and a
 * finding's lifetime.
 */
#include "finding.h"

#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "util.h"

const struct fact *facts_find(const struct facts *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->v[i].name, name))
			return &f->v[i];
	return NULL;
}

const char *facts_get(const struct facts *f, const char *name)
{
	const struct fact *x = facts_find(f, name);

	return x ? x->value : NULL;
}

int facts_set(struct facts *f, const char *name, const char *value, const char *source,
	      size_t line)
{
	if (facts_find(f, name))
		return 0;
	grow(&f->v, &f->cap, f->n, sizeof *f->v);
	struct fact *x = &f->v[f->n++];
	x->name = xstrdup(name);
	x->value = xstrdup(value);
	x->source = xstrdup(source ? source : "");
	x->line = line;
	x->replaced = NULL;
	return 1;
}

void facts_unset(struct facts *f, const char *name)
{
	struct fact *x = (struct fact *)facts_find(f, name);

	if (!x)
		return;
	free(x->name);
	free(x->value);
	free(x->source);
	free(x->replaced);
	memmove(x, x + 1, (size_t)(f->v + f->n - (x + 1)) * sizeof *x);
	f->n--;
}

void facts_fini(struct facts *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].name);
		free(f->v[i].value);
		free(f->v[i].source);
		free(f->v[i].replaced);
	}
	free(f->v);
	memset(f, 0, sizeof *f);
}

const struct tb_exc *finding_exc(const struct finding *fd)
{
	return fd->record && fd->block < fd->record->nexcs ? &fd->record->excs[fd->block] : NULL;
}

const char *finding_subject(const struct finding *fd)
{
	const char *s = facts_get(&fd->facts, "subject");

	return s && *s ? s : NULL;
}

void finding_free(struct finding *fd)
{
	if (!fd)
		return;
	facts_fini(&fd->facts);
	for (size_t i = 0; i < fd->ncauses; i++)
		free(fd->causes[i].because);
	free(fd->causes);
	free(fd->path);
	free(fd->skipped);
	free(fd->fingerprint);
	plan_fini(&fd->plan);
	record_free(fd->record);
	free(fd);
}
