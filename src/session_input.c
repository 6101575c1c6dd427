/*
 * session_input.c: the logs of a guided session.  Files are triaged as they stream;
 * stdin that is not a terminal is read whole, and a traceback pasted at the terminal is
 * read up to the empty line after its exception line, both kept in memory so that the
 * lines facts were read from can be shown.  Knows inputs and line numbers, nothing of
 * questions.
 */
#include "session_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "msg.h"
#include "util.h"

struct paste_check {
	const struct kb *kb;
	struct regex_cache *rc;
};

/* The paste is whole once it holds a traceback with its exception line. */
static int paste_done(const char *text, size_t len, void *arg)
{
	const struct paste_check *pc = arg;
	struct triage *t = triage_new(pc->kb, pc->rc);
	struct report_input res;
	int done;

	triage_text(t, text, len, "<pasted>");
	triage_result(t, &res);
	done = res.nfindings > 0;
	for (size_t i = 0; i < res.nunmatched && !done; i++)
		done = *res.unmatched[i].exception != '\0';
	triage_free(t);
	return done;
}

/* Stdin that is not a terminal, read whole. */
static int read_stdin(struct triage *t, struct log_text *mem)
{
	struct input *in = input_open(NULL);
	struct buf b = { 0 };
	const char *line;
	size_t len;
	int got;

	if (!in) {
		msg(MSG_ERROR, "<stdin>", 0, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	while ((got = input_next(in, &line, &len)) > 0) {
		buf_add(&b, line, len);
		buf_addc(&b, '\n');
	}
	if (got < 0)
		msg(MSG_ERROR, input_name(in), input_lineno(in) + 1, 0, "read error: %s",
		    strerror(errno));
	input_close(in);
	*mem = (struct log_text){ "<stdin>", b.s ? b.s : xstrdup(""), b.len };
	triage_text(t, mem->text, mem->len, mem->origin);
	return got < 0 ? -1 : 0;
}

static int read_paste(struct triage *t, struct tty *tty, struct paste_check *pc,
		      struct log_text *mem)
{
	size_t len = 0;
	char *text;

	fputs("Paste the traceback, then press Enter on an empty line (or Ctrl-D):\n",
	      tty_out(tty));
	text = tty_read_paste(tty, paste_done, pc, &len);
	if (!text) {
		fputc('\n', tty_out(tty));
		return 1;
	}
	*mem = (struct log_text){ "<pasted>", text, len };
	triage_text(t, text, len, mem->origin);
	return 0;
}

int session_read_logs(struct triage *t, char *const *paths, size_t npaths, struct tty *tty,
		      const struct kb *kb, struct regex_cache *rc, struct log_text *mem)
{
	struct paste_check pc = { kb, rc };
	int unreadable = 0, stdin_read = 0;

	for (size_t i = 0; i < (npaths ? npaths : 1); i++) {
		const char *path = npaths ? paths[i] : "-";
		if (strcmp(path, "-")) {
			/* the files up to the next "-" at once: a log's rotations are one log */
			size_t n = 1;
			while (i + n < npaths && strcmp(paths[i + n], "-"))
				n++;
			unreadable |= triage_paths(t, (const char *const *)paths + i, n) < 0;
			i += n - 1;
			continue;
		}
		if (stdin_read++)
			continue;
		if (!isatty(STDIN_FILENO))
			unreadable |= read_stdin(t, mem) < 0;
		else if (read_paste(t, tty, &pc, mem))
			return 1;
	}
	return unreadable ? -1 : 0;
}

void session_load_lines(struct session *s, const struct log_text *mem)
{
	const char *origin = s->fd->origin;
	size_t max = 0;

	for (size_t i = 0; i < s->log.n; i++)
		max = s->log.v[i].line > max ? s->log.v[i].line : max;
	if (!origin || !max)
		return;
	s->lines = xcalloc(s->log.n, sizeof *s->lines);
	int in_memory = mem->origin && !strcmp(origin, mem->origin);
	struct input *in = in_memory ? NULL : input_open(origin);
	const char *p = mem->text, *end = mem->text + mem->len;
	for (size_t lineno = 1; lineno <= max; lineno++) {
		const char *line = NULL;
		size_t len = 0;
		if (in_memory && p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			line = p;
			len = nl ? (size_t)(nl - p) : (size_t)(end - p);
			p += len + 1;
		} else if (!in || input_next(in, &line, &len) <= 0) {
			break;
		}
		for (size_t i = 0; i < s->log.n; i++) {
			if (s->log.v[i].line != lineno || session_line(s, lineno))
				continue;
			s->lines[s->nlines++] = (struct log_line){ lineno, xstrndup(line, len) };
			break;
		}
	}
	input_close(in);
}
