/*
 * rotate.c: tells which of the files named together are one log and its rotations, by the
 * names logrotate gives them (LOG, LOG.1, LOG.2.gz, LOG-20240501.zst) when LOG itself is
 * among them, and puts each such set oldest first, where its first member was named.
 * Knows names, not what files hold.
 */
#include "rotate.h"

#include <stdlib.h>
#include <string.h>

#include "strtab.h"
#include "util.h"

/* A path read as a rotation: its log's path (BASE_LEN bytes of it) and its age. */
struct rotated {
	const char *path;
	size_t base_len;
	int kind;                /* 0: the log itself, 1: dated, 2: numbered */
	unsigned long long age;  /* dated: the date; numbered: N */
	size_t named;            /* its place among the paths */
};

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The length of PATH without a compression suffix. */
static size_t without_compression(const char *path, size_t len)
{
	static const char *const suffixes[] = { ".gz", ".zst" };

	for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
		size_t n = strlen(suffixes[i]);
		if (len > n && !memcmp(path + len - n, suffixes[i], n))
			return len - n;
	}
	return len;
}

static struct rotated rotated_of(const char *path, size_t named)
{
	size_t len = without_compression(path, strlen(path)), d = len;
	struct rotated r = { path, strlen(path), 0, 0, named };

	while (d > 0 && is_digit(path[d - 1]))
		d--;
	/* "LOG.N" with N of 1 to 4 digits, or "LOG-YYYYMMDD" (logrotate's dateext) */
	if (d > 1 && d < len && path[d - 1] == '.' && len - d <= 4) {
		r.kind = 2;
	} else if (d > 1 && len - d == 8 && path[d - 1] == '-') {
		r.kind = 1;
	} else {
		r.base_len = len;
		return r;
	}
	r.base_len = d - 1;
	r.age = strtoull(path + d, NULL, 10);
	return r;
}

/* Oldest first: the highest number, then the earliest date, then the log itself. */
static int older_first(const void *x, const void *y)
{
	const struct rotated *a = x, *b = y;

	if (a->kind != b->kind)
		return b->kind - a->kind;
	if (a->age != b->age)
		return a->kind == 2 ? (a->age < b->age) - (a->age > b->age)
				    : (a->age > b->age) - (a->age < b->age);
	return (a->named > b->named) - (a->named < b->named);
}

/* The files named of one log: their places among the paths, in the order named. */
struct log_files {
	size_t *named;
	size_t n, cap;
	int log_named;           /* the log itself is among them */
};

static void log_files_free(void *p)
{
	struct log_files *f = p;

	free(f->named);
	free(f);
}

size_t rotate_order(const char **paths, size_t n, size_t *set_len)
{
	struct rotated *all = xcalloc(n ? n : 1, sizeof *all);
	struct rotated *set = xcalloc(n ? n : 1, sizeof *set);
	int *taken = xcalloc(n ? n : 1, sizeof *taken);
	struct log_files **of = xcalloc(n ? n : 1, sizeof *of);
	struct strtab *logs = strtab_new();      /* a log's path -> its files */
	size_t out = 0, nsets = 0;

	/* one look-up a path: 40,000 files named are ordered in a blink, not in seconds */
	for (size_t i = 0; i < n; i++) {
		all[i] = rotated_of(paths[i], i);
		struct log_files *f = strtab_get(logs, all[i].path, all[i].base_len);
		if (!f)
			f = strtab_put(logs, all[i].path, all[i].base_len, xcalloc(1, sizeof *f));
		grow(&f->named, &f->cap, f->n, sizeof *f->named);
		f->named[f->n++] = i;
		f->log_named |= !all[i].kind;
		of[i] = f;
	}
	for (size_t i = 0; i < n; i++) {
		if (taken[i])
			continue;
		size_t k = 0;
		/* Without the log itself, "out.1 out.2" may as well be unrelated files. */
		if (!of[i]->log_named) {
			set[k++] = all[i];
			taken[i] = 1;
		}
		for (size_t j = 0; j < of[i]->n && of[i]->log_named; j++) {
			size_t m = of[i]->named[j];
			if (!taken[m]) {
				taken[m] = 1;
				set[k++] = all[m];
			}
		}
		qsort(set, k, sizeof *set, older_first);
		for (size_t j = 0; j < k; j++)
			paths[out + j] = set[j].path;
		out += k;
		set_len[nsets++] = k;
	}
	strtab_free(logs, log_files_free);
	free(of);
	free(taken);
	free(set);
	free(all);
	return nsets;
}
