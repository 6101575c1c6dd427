/*
 * triage.c: wires the stages for one run.  Each record the parser completes is matched at
 * once and either becomes a finding (evidence, inference, grouping) or is kept as
 * undiagnosed, so memory follows the largest traceback, not the input.
 */
#include "triage.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "evidence.h"
#include "group.h"
#include "infer.h"
#include "input.h"
#include "match.h"
#include "msg.h"
#include "parse.h"
#include "plan.h"
#include "util.h"

struct triage {
	const struct kb *kb;
	struct regex_cache *rc;
	struct groups *groups;
};

struct triage *triage_new(const struct kb *kb, struct regex_cache *rc)
{
	struct triage *t = xcalloc(1, sizeof *t);

	t->kb = kb;
	t->rc = rc;
	t->groups = groups_new();
	return t;
}

void triage_free(struct triage *t)
{
	if (!t)
		return;
	groups_free(t->groups);
	free(t);
}

static void on_record(struct tb_record *rec, void *arg)
{
	struct triage *t = arg;
	struct finding *fd = match_record(t->kb, t->rc, rec);

	if (!fd) {
		groups_add_unmatched(t->groups, rec);
		return;
	}
	fd->record = rec;
	evidence_collect(t->kb, t->rc, fd);
	infer_rank(t->rc, fd);
	plan_build(fd);
	groups_add(t->groups, fd);
}

static int on_bare(const char *type, size_t type_len, const char *message, size_t message_len,
		   void *arg)
{
	struct triage *t = arg;

	return match_bare_candidate(t->kb, t->rc, type, type_len, message, message_len);
}

static int read_records(const char *path, parse_emit_fn emit, parse_bare_fn bare, void *arg)
{
	struct input *in = input_open(path);
	const char *line;
	size_t len;
	int got;

	if (!in) {
		msg(MSG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	struct parser *p = parser_new(input_name(in), emit, bare, arg);
	while ((got = input_next(in, &line, &len)) > 0)
		parser_line(p, line, len, input_lineno(in));
	if (got < 0)
		msg(MSG_ERROR, input_name(in), input_lineno(in) + 1, 0, "read error: %s",
		    strerror(errno));
	parser_finish(p);
	parser_free(p);
	if (input_cut_lines(in))
		msg(MSG_WARNING, input_name(in), 0, 0,
		    "%zu lines longer than %u bytes were read only up to that length",
		    input_cut_lines(in), INPUT_LINE_MAX);
	input_close(in);
	return got < 0 ? -1 : 0;
}

int triage_path(struct triage *t, const char *path)
{
	return read_records(path, on_record, on_bare, t);
}

void triage_text(struct triage *t, const char *text, size_t len, const char *origin)
{
	parse_text(text, len, origin, on_record, on_bare, t);
}

void triage_result(struct triage *t, struct report_input *out)
{
	groups_finish(t->groups, out);
}

static void dump_record(struct tb_record *rec, void *arg)
{
	record_dump(arg, rec);
	record_free(rec);
}

static int any_bare(const char *type, size_t type_len, const char *message,
		    size_t message_len, void *arg)
{
	(void)type, (void)type_len, (void)message, (void)message_len, (void)arg;
	return 1;
}

int triage_dump_records(const char *path, FILE *out)
{
	return read_records(path, dump_record, any_bare, out);
}
