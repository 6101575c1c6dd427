/*
 * replay.c: the main of a fuzz target built without libFuzzer.  Runs the target once over
 * each file named on the command line, or over every file of each directory named (sorted,
 * so a failure is reproducible), and says how many it ran.  A broken property aborts, as
 * under the fuzzer; the input being run is named first.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "util.h"

static void run_file(const char *path, size_t *count)
{
	FILE *f = fopen(path, "rb");
	struct buf data = { 0 };
	char chunk[65536];
	size_t n;

	if (!f) {
		fprintf(stderr, "replay: cannot open '%s': %s\n", path, strerror(errno));
		exit(2);
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&data, chunk, n);
	if (ferror(f)) {
		fprintf(stderr, "replay: cannot read '%s'\n", path);
		exit(2);
	}
	fclose(f);
	fprintf(stderr, "replay: %s\n", path);
	/* A copy of exactly the input's size, so that ASan sees a read past its end. */
	uint8_t *copy = xmalloc(data.len ? data.len : 1);
	if (data.len)
		memcpy(copy, data.s, data.len);
	LLVMFuzzerTestOneInput(copy, data.len);
	free(copy);
	buf_fini(&data);
	(*count)++;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_dir(const char *dir, size_t *count)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;

	if (!d) {
		fprintf(stderr, "replay: cannot open directory '%s': %s\n", dir, strerror(errno));
		exit(2);
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		grow(&names, &cap, n, sizeof *names);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof *names, name_cmp);
	for (size_t i = 0; i < n; i++) {
		struct buf path = { 0 };
		buf_printf(&path, "%s/%s", dir, names[i]);
		run_file(path.s, count);
		buf_fini(&path);
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	size_t count = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			run_dir(argv[i], &count);
		else
			run_file(argv[i], &count);
	}
	printf("%s: %zu input%s replayed\n", argv[0], count, count == 1 ? "" : "s");
	return 0;
}
