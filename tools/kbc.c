/*
 * kbc: the build-time knowledge-base compiler.  Loads the YAML files named on the command
 * line into one knowledge base with the program's own loader, lints it, and writes it as
 * C source defining kb_builtin().  Any error fails the build and leaves no output behind,
 * not even an older one.
 *
 *   kbc -o OUT.c FILE.yaml...
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kb.h"
#include "kb_emit.h"
#include "kb_lint.h"
#include "msg.h"
#include "util.h"

/* kb_load_file replaces a playbook whose id is already loaded, as a user's directory
 * should; among the built-in files the same id twice is a mistake. */
static int load(struct kb *kb, const char *path)
{
	size_t n = kb->nplaybooks;
	const struct kb_playbook **before = xreallocarray(NULL, n, sizeof *before);
	int errors;

	if (n)
		memcpy(before, kb->playbooks, n * sizeof *before);
	errors = kb_load_file(kb, path);
	for (size_t i = 0; i < n; i++) {
		const struct kb_playbook *pb = kb->playbooks[i];
		if (pb == before[i])
			continue;
		msg(MSG_ERROR, pb->pos.file, pb->pos.line, pb->pos.col,
		    "duplicate playbook id '%s'", pb->id);
		msg(MSG_NOTE, before[i]->pos.file, before[i]->pos.line, before[i]->pos.col,
		    "'%s' first defined here", before[i]->id);
		errors++;
	}
	free(before);
	return errors;
}

/* Writes through a temporary file beside OUT, renamed over it only when complete. */
static int write_c(const struct kb *kb, const char *out)
{
	struct buf tmp = { 0 };
	int fd, ok;
	FILE *f;

	buf_printf(&tmp, "%s.XXXXXX", out);
	fd = mkstemp(tmp.s);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		msg_plain(MSG_ERROR, "cannot write '%s': %s", out, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp.s);
		}
		buf_fini(&tmp);
		return -1;
	}
	ok = kb_emit_c(f, kb) == 0;
	ok = fclose(f) == 0 && ok;
	if (!ok)
		msg_plain(MSG_ERROR, "cannot write '%s': %s", out, strerror(errno));
	if (ok && rename(tmp.s, out)) {
		msg_plain(MSG_ERROR, "cannot rename '%s' to '%s': %s", tmp.s, out,
			  strerror(errno));
		ok = 0;
	}
	if (!ok)
		unlink(tmp.s);
	buf_fini(&tmp);
	return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
	const char *out = NULL;
	int c, errors = 0;

	while ((c = getopt(argc, argv, "o:")) != -1) {
		if (c != 'o') {
			fputs("usage: kbc -o OUT.c FILE.yaml...\n", stderr);
			return 2;
		}
		out = optarg;
	}
	if (!out) {
		fputs("usage: kbc -o OUT.c FILE.yaml...\n", stderr);
		return 2;
	}
	struct kb *kb = kb_new(NULL);
	for (int i = optind; i < argc; i++)
		errors += load(kb, argv[i]);
	if (!errors)
		errors = kb_lint(kb);
	/* A warning about the built-in knowledge base (a fact nothing sets) fails the build:
	 * nobody else would see it. */
	if (!errors && msg_count(MSG_WARNING))
		errors = 1;
	if (!errors && write_c(kb, out))
		errors = 1;
	/* No stale output may outlive a failed build. */
	if (errors)
		unlink(out);
	kb_free(kb);
	return errors ? 1 : 0;
}
