/*
 * report_text.c: the report for a person at a terminal.  By default the short form, about
 * a screen per finding: the failure, the conclusion (or the leading causes and the question
 * still open), the user's line, the first steps, the fix for that cause and its check,
 * and once per run a line saying how to get the rest.  With --full, every section: what it
 * means, the evidence with where it came from, every cause (those the tree ruled out
 * marked), the tree, the playbook's steps.  With --brief, one line per finding.  Escape
 * sequences only when colour was asked for, and only pickdoc's own: all other text, the
 * log's and the knowledge base's, goes through report_put_safe, so that nothing in it acts
 * on the terminal.  Knows nothing of how findings were made.
 */
#include "report_int.h"

#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "infer.h"
#include "plan.h"

#define WIDTH 80
#define MESSAGE_MAX 240          /* bytes of a message's first line shown */
#define SHORT_CAUSES 3           /* the short form's leading causes, when no conclusion */
#define SHORT_LINES 40           /* a screen: the short form's first steps stop here */
#define SHORT_CHECKS 1           /* the short form's verification commands */

#define ARROW "\xe2\x86\x92"
#define DASH "\xe2\x80\x94"

#define SGR_BOLD "\033[1m"
#define SGR_ID "\033[1;36m"
#define SGR_SCORE "\033[33m"
#define SGR_RESET "\033[0m"

struct text {
	FILE *out;
	int color;
};

static void sgr(const struct text *t, const char *seq)
{
	if (t->color)
		fputs(seq, t->out);
}

/* Any text but pickdoc's own: what could act on the terminal is shown escaped. */
static void put_log(FILE *out, const char *s, size_t n)
{
	report_put_safe(out, s, n, 0);
}

static void put_logs(FILE *out, const char *s)
{
	put_log(out, s, strlen(s));
}

static void put_id(const struct text *t, const char *id)
{
	sgr(t, SGR_ID);
	put_logs(t->out, id);
	sgr(t, SGR_RESET);
}

/* The first line of a log message, cut at MESSAGE_MAX bytes on a character boundary. */
static void put_first_line(FILE *out, const char *s)
{
	int more;
	size_t n = report_first_line(s, &more);

	if (n > MESSAGE_MAX) {
		n = MESSAGE_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		more = 1;
	}
	put_log(out, s, n);
	if (more)
		fputs(" ...", out);
}

static size_t columns(const char *s, size_t n)
{
	size_t cols = 0;

	for (size_t i = 0; i < n; i++)
		cols += ((unsigned char)s[i] & 0xc0) != 0x80;
	return cols;
}

static void spaces(FILE *out, size_t n)
{
	fprintf(out, "%*s", (int)n, "");
}

/*
 * Knowledge-base prose, word-wrapped at WIDTH: the cursor is at column COL, continuation
 * lines start at column HANG.  A line of TEXT that starts with white space is code or a
 * table and is kept as it is.
 */
static void flow(FILE *out, size_t col, size_t hang, const char *text)
{
	const char *end = text + strlen(text);
	int fresh = 1;

	while (end > text && end[-1] == '\n')
		end--;
	for (const char *p = text; p < end;) {
		size_t n;
		if (*p == '\n') {
			fputc('\n', out);
			spaces(out, hang);
			col = hang;
			fresh = 1;
			p++;
			if (p < end && (*p == ' ' || *p == '\t')) {
				n = strcspn(p, "\n");
				put_log(out, p, n);
				p += n;
				fresh = 0;
			}
			continue;
		}
		if (*p == ' ') {
			p++;
			continue;
		}
		n = strcspn(p, " \n");
		size_t w = columns(p, n);
		if (!fresh && col + 1 + w > WIDTH) {
			fputc('\n', out);
			spaces(out, hang);
			col = hang;
			fresh = 1;
		}
		if (!fresh) {
			fputc(' ', out);
			col++;
		}
		put_log(out, p, n);
		col += w;
		fresh = 0;
		p += n;
	}
	fputc('\n', out);
}

/* PREFIX at column INDENT, then TEXT flowed with continuation lines aligned after it. */
static void wrap(FILE *out, size_t indent, const char *prefix, const char *text)
{
	size_t col = indent + columns(prefix, strlen(prefix));

	spaces(out, indent);
	fputs(prefix, out);
	flow(out, col, col, text);
}

/* Continuation lines two columns further in, so that items stand out. */
static void hanging(FILE *out, size_t indent, const char *text)
{
	spaces(out, indent);
	flow(out, indent, indent + 2, text);
}

/* Commands and patterns are never wrapped: they must survive a copy and paste. */
static void verbatim(FILE *out, size_t indent, const char *prefix, const char *text)
{
	size_t hang = indent + columns(prefix, strlen(prefix));

	spaces(out, indent);
	fputs(prefix, out);
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, "\n");
		put_log(out, p, n);
		p += n;
		if (*p && *++p) {
			fputc('\n', out);
			spaces(out, hang);
		}
	}
	fputc('\n', out);
}

static void section(const struct text *t, const char *title)
{
	fputc('\n', t->out);
	sgr(t, SGR_BOLD);
	fputs(title, t->out);
	sgr(t, SGR_RESET);
	fputc('\n', t->out);
}

static void bullets(const struct text *t, const char *title, const char *const *v, size_t n)
{
	if (!n)
		return;
	section(t, title);
	for (size_t i = 0; i < n; i++)
		wrap(t->out, 2, "- ", v[i]);
}

static void numbered(const struct text *t, const char *title, const char *const *v, size_t n)
{
	char num[32];

	if (!n)
		return;
	section(t, title);
	for (size_t i = 0; i < n; i++) {
		snprintf(num, sizeof num, "%zu. ", i + 1);
		wrap(t->out, 2, num, v[i]);
	}
}

static void labelled(FILE *out, size_t indent, const char *label, const char *text)
{
	if (text && *text)
		wrap(out, indent, label, text);
}

/* A check: "$ " before a command to run as it stands, "template: " before one whose
 * "<...>" parts the reader fills in. */
static void check(const struct text *t, const struct plan_check *v)
{
	verbatim(t->out, 2, v->runnable ? "$ " : "template: ", v->run);
	labelled(t->out, 6, "before: ", v->before);
	labelled(t->out, 6, "after:  ", v->after);
}

static void verify(const struct text *t, const struct plan_check *v, size_t n)
{
	if (!n)
		return;
	section(t, "Verify");
	for (size_t i = 0; i < n; i++)
		check(t, &v[i]);
}

/* A playbook's checks as written: a template wherever a fact is named. */
static void playbook_verify(const struct text *t, const struct kb_check *v, size_t n)
{
	if (!n)
		return;
	section(t, "Verify");
	for (size_t i = 0; i < n; i++)
		check(t, &(struct plan_check){ v[i].run, v[i].before, v[i].after,
					       plan_runnable(v[i].run) });
}

static void heading(const struct text *t, const char *id, const char *title)
{
	put_id(t, id);
	sgr(t, SGR_BOLD);
	fputs(" " DASH " ", t->out);
	put_logs(t->out, title);
	sgr(t, SGR_RESET);
	fputc('\n', t->out);
}

/* --- findings --- */

static void put_exception(FILE *out, const struct tb_exc *exc)
{
	put_logs(out, exc->type);
	if (*exc->type && *exc->message)
		fputs(": ", out);
	put_first_line(out, exc->message);
}

/* Where a fact came from, compactly: its line and the rule without the rule's reason
 * ("file:line: reason" is cut at the reason). */
static void put_source(FILE *out, const struct fact *f)
{
	const char *source = f->source ? f->source : "";
	const char *reason = strstr(source, ": ");
	size_t n = reason ? (size_t)(reason - source) : strlen(source);

	if (!f->line && !n)
		return;
	fputs("  (", out);
	if (f->line)
		fprintf(out, "line %zu%s", f->line, n ? ", " : "");
	put_log(out, source, n);
	fputc(')', out);
}

static void evidence(const struct text *t, const struct finding *fd)
{
	size_t n;
	const struct fact **v = report_evidence(fd, &n);
	const char *frame_label = "user frame";
	size_t width = 0;

	if (!n) {
		free(v);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		size_t w = strcmp(v[i]->name, "user_file") ? strlen(v[i]->name) :
			   strlen(frame_label);
		if (w > width)
			width = w;
	}
	section(t, "Evidence");
	for (size_t i = 0; i < n; i++) {
		const struct fact *f = v[i];
		if (strcmp(f->name, "user_file")) {
			fputs("  ", t->out);
			put_logs(t->out, f->name);
			spaces(t->out, width - strlen(f->name) + 2);
			put_logs(t->out, f->value);
			put_source(t->out, f);
			fputc('\n', t->out);
			continue;
		}
		struct buf frame = { 0 };
		const char *source = facts_get(&fd->facts, "user_source");
		report_user_frame(fd, &frame);
		fprintf(t->out, "  %-*s  ", (int)width, frame_label);
		put_logs(t->out, frame.s);
		put_source(t->out, f);
		fputc('\n', t->out);
		if (source) {
			spaces(t->out, width + 6);
			put_logs(t->out, source);
			fputc('\n', t->out);
		}
		buf_fini(&frame);
	}
	free(v);
}

/* Cause RC with its score in a column WIDTH wide and its "because". */
static void cause(const struct text *t, const struct finding *fd, const struct ranked_cause *rc,
		  int width)
{
	fputs("  ", t->out);
	sgr(t, SGR_SCORE);
	fprintf(t->out, "%*d", width, rc->score);
	sgr(t, SGR_RESET);
	spaces(t->out, 2);
	flow(t->out, (size_t)width + 4, (size_t)width + 4, rc->cause->title);
	struct buf because = { 0 };
	if (rc->because)
		buf_printf(&because, "because %s", rc->because);
	else
		buf_adds(&because, "prior: the typical cause, no evidence for or against it");
	wrap(t->out, (size_t)width + 4, "", because.s);
	buf_fini(&because);
	if (infer_ruled_out(fd, rc->cause))
		wrap(t->out, (size_t)width + 4, "", "ruled out by the decision tree's answers");
}

static int score_width(const struct finding *fd)
{
	char score[32];
	int width = 0;

	for (size_t i = 0; i < fd->ncauses; i++) {
		int w = snprintf(score, sizeof score, "%d", fd->causes[i].score);
		if (w > width)
			width = w;
	}
	return width;
}

static void causes(const struct text *t, const struct finding *fd)
{
	int width = score_width(fd);

	if (!fd->ncauses)
		return;
	section(t, "Likely causes");
	for (size_t i = 0; i < fd->ncauses; i++)
		cause(t, fd, &fd->causes[i], width);
}

static const char *answer_label(const struct kb_answer *a)
{
	return a->label && *a->label ? a->label : a->value;
}

/* The questions of the path that are answered, a person's answers marked as such. */
static void answered(const struct text *t, const struct finding *fd, size_t indent)
{
	for (size_t i = 0; i < fd->npath; i++) {
		const struct tree_step *s = &fd->path[i];
		if (!s->answer)
			continue;
		struct buf step = { 0 };
		const char *was = infer_step_replaced(fd, s);
		buf_printf(&step, "%s " ARROW " %s", s->question->ask, answer_label(s->answer));
		if (was)
			buf_printf(&step, " (answered by you; the log said %s)", was);
		else if (infer_step_by_person(fd, s))
			buf_adds(&step, " (answered by you)");
		hanging(t->out, indent, step.s);
		buf_fini(&step);
		labelled(t->out, indent + 2, "from the log: ", report_answer_source(fd, s));
	}
}

static void tree(const struct text *t, const struct finding *fd)
{
	if (fd->conclusion) {
		section(t, "Conclusion");
		struct buf b = { 0 };
		buf_printf(&b, "%s (%s)", fd->conclusion->title, fd->conclusion->id);
		wrap(t->out, 2, "", b.s);
		buf_fini(&b);
		answered(t, fd, 4);
		return;
	}
	if (fd->npath && fd->path[0].answer) {
		section(t, "Answered so far");
		answered(t, fd, 2);
	}
	int open = 0;
	for (size_t i = 0; i < fd->npath; i++) {
		const struct kb_question *q = fd->path[i].question;
		if (fd->path[i].answer)
			continue;
		if (!open++)
			section(t, "Still to find out");
		wrap(t->out, 2, "? ", q->ask);
		labelled(t->out, 4, "why: ", q->why);
		for (size_t k = 0; k < q->nanswers; k++)
			wrap(t->out, 4, "- ", answer_label(&q->answers[k]));
	}
}

/* HOSTS: who saw it, in a merged report; NULL otherwise. */
static void header(const struct text *t, const struct finding *fd, const char *hosts)
{
	const struct kb_playbook *pb = fd->playbook;
	const char *subject = finding_subject(fd);
	const struct tb_exc *exc = finding_exc(fd);

	heading(t, pb->id, pb->title);
	if (fd->secondary) {
		fputs("  secondary: a consequence of ", t->out);
		if (fd->primary) {
			put_id(t, fd->primary->playbook->id);
			fprintf(t->out, " at line %zu\n", fd->primary->first_line);
		} else {
			fputs("another failure\n", t->out);
		}
	}
	fprintf(t->out, "  %zu occurrence%s, first at ", fd->occurrences,
		fd->occurrences == 1 ? "" : "s");
	put_logs(t->out, fd->origin ? fd->origin : "-");
	fprintf(t->out, ":%zu\n", fd->first_line);
	if (hosts) {
		fputs("  hosts: ", t->out);
		put_logs(t->out, hosts);
		fputc('\n', t->out);
	}
	if (exc && exc->mentioned)
		fputs("  no exception line seen; the message was read in this line of the text:\n",
		      t->out);
	if (exc) {
		fputs("  ", t->out);
		put_exception(t->out, exc);
		fputc('\n', t->out);
	}
	struct report_cut cut;
	struct buf left_out = { 0 };
	if (report_truncation(fd, &cut, &left_out))
		fprintf(t->out, "  truncated: longer than pickdoc keeps; %s left out\n", left_out.s);
	buf_fini(&left_out);
	if (subject) {
		fputs("  subject: ", t->out);
		put_logs(t->out, subject);
		fputc('\n', t->out);
	}
}

static void full_finding(const struct text *t, const struct finding *fd, const char *hosts)
{
	const struct kb_playbook *pb = fd->playbook;

	header(t, fd, hosts);
	if (pb->means && *pb->means) {
		section(t, "What it means");
		wrap(t->out, 2, "", pb->means);
	}
	evidence(t, fd);
	causes(t, fd);
	tree(t, fd);
	numbered(t, "First ten minutes", fd->plan.first_ten_minutes, fd->plan.nfirst_ten_minutes);
	bullets(t, "Where to look", fd->plan.where_to_look, fd->plan.nwhere_to_look);
	bullets(t, "Fix", fd->plan.fix, fd->plan.nfix);
	verify(t, fd->plan.verify, fd->plan.nverify);
	bullets(t, "What makes it worse", fd->plan.worse, fd->plan.nworse);
}

static int answered_by_person(const struct finding *fd)
{
	for (size_t i = 0; i < fd->npath; i++)
		if (infer_step_by_person(fd, &fd->path[i]))
			return 1;
	return 0;
}

/* The short form's answer: the conclusion and why, or the leading causes not ruled out
 * and the first question still open; the tree's answers when a person gave some of them,
 * since the conclusion then rests on what the log does not show. */
static void short_answer(const struct text *t, const struct finding *fd)
{
	const struct ranked_cause *lead = infer_lead(fd);
	int width = score_width(fd);
	int by_person = answered_by_person(fd);

	if (fd->conclusion && lead) {
		section(t, "Conclusion");
		struct buf b = { 0 };
		buf_printf(&b, "%s (%s)", fd->conclusion->title, fd->conclusion->id);
		wrap(t->out, 2, "", b.s);
		buf_reset(&b);
		if (lead->because)
			buf_printf(&b, "because %s", lead->because);
		else
			buf_adds(&b, "because the log answered the decision tree's questions");
		wrap(t->out, 2, "", b.s);
		buf_fini(&b);
		if (by_person)
			answered(t, fd, 4);
		return;
	}
	if (fd->ncauses)
		section(t, "Likely causes");
	for (size_t i = 0, shown = 0; i < fd->ncauses && shown < SHORT_CAUSES; i++) {
		if (infer_ruled_out(fd, fd->causes[i].cause))
			continue;
		cause(t, fd, &fd->causes[i], width);
		shown++;
	}
	if (by_person) {
		section(t, "Answered so far");
		answered(t, fd, 2);
	}
	for (size_t i = 0; i < fd->npath; i++) {
		const struct kb_question *q = fd->path[i].question;
		if (fd->path[i].answer)
			continue;
		section(t, "Still to find out");
		wrap(t->out, 2, "? ", q->ask);
		for (size_t k = 0; k < q->nanswers; k++)
			wrap(t->out, 4, "- ", answer_label(&q->answers[k]));
		break;
	}
}

/* The user's line: the frame and its source. */
static void user_line(const struct text *t, const struct finding *fd)
{
	struct buf frame = { 0 };
	const char *source = facts_get(&fd->facts, "user_source");

	if (report_user_frame(fd, &frame)) {
		section(t, "Your line");
		fputs("  ", t->out);
		put_logs(t->out, frame.s);
		fputc('\n', t->out);
		if (source) {
			fputs("    ", t->out);
			put_logs(t->out, source);
			fputc('\n', t->out);
		}
	}
	buf_fini(&frame);
}

static size_t at_most(size_t n, size_t max)
{
	return n < max ? n : max;
}

static size_t count_lines(const char *s, size_t n)
{
	size_t lines = 0;

	for (size_t i = 0; i < n; i++)
		lines += s[i] == '\n';
	return lines;
}

/* A part of the short form, written to memory so that its lines can be counted first. */
struct part {
	char *s;
	size_t n;
	size_t lines;
};

static FILE *part_open(struct part *p, struct text *t, const struct text *to)
{
	*t = *to;
	p->s = NULL;
	p->n = 0;
	t->out = open_memstream(&p->s, &p->n);
	if (!t->out)
		err(2, "a memory stream");
	return t->out;
}

static void part_close(struct part *p, FILE *f)
{
	if (fclose(f) == EOF)
		err(2, "a memory stream");
	p->lines = count_lines(p->s, p->n);
}

/* Step I of FD's first steps, numbered, whole or (WHOLE zero) cut after its first sentence
 * or clause, into P. */
static void step(struct part *p, const struct text *t, const struct finding *fd, size_t i,
		 int whole)
{
	const char *text = fd->plan.first_ten_minutes[i];
	size_t n = strlen(text);
	char num[32];
	struct text m;

	if (!whole) {
		for (size_t k = 0; k + 1 < n; k++)
			if ((text[k] == '.' || text[k] == ':') && (text[k + 1] == ' ' ||
								    text[k + 1] == '\n')) {
				n = k + 1;
				break;
			}
	}
	struct buf b = { 0 };
	buf_add(&b, text, n);
	if (n < strlen(text))
		buf_adds(&b, " ...");
	snprintf(num, sizeof num, "%zu. ", i + 1);
	FILE *f = part_open(p, &m, t);
	wrap(m.out, 2, num, b.s);
	part_close(p, f);
	buf_fini(&b);
}

/*
 * The short form: the failure, the answer, the user's line, the fix and its check, and
 * between them the first steps, in order, as many as keep the finding within a screen
 * (SHORT_LINES): each whole when it fits, else cut after its first sentence; the first
 * one always.  Steps are the playbook's prose, of any length; --full has them whole.
 */
static void short_finding(const struct text *t, const struct finding *fd, const char *hosts)
{
	const struct plan *plan = &fd->plan;
	struct part head, tail, p;
	struct text m;
	FILE *f;

	f = part_open(&head, &m, t);
	header(&m, fd, hosts);
	short_answer(&m, fd);
	user_line(&m, fd);
	part_close(&head, f);
	f = part_open(&tail, &m, t);
	bullets(&m, "Fix", plan->fix, plan->nfix);
	verify(&m, plan->verify, at_most(plan->nverify, SHORT_CHECKS));
	part_close(&tail, f);

	fwrite(head.s, 1, head.n, t->out);
	size_t used = head.lines + tail.lines + 2;      /* the steps' blank line and title */
	for (size_t i = 0; i < plan->nfirst_ten_minutes; i++) {
		step(&p, t, fd, i, 1);
		if (used + p.lines > SHORT_LINES) {
			free(p.s);
			step(&p, t, fd, i, 0);
		}
		if (i && used + p.lines > SHORT_LINES) {
			free(p.s);
			break;
		}
		if (!i)
			section(t, "First steps");
		fwrite(p.s, 1, p.n, t->out);
		used += p.lines;
		free(p.s);
	}
	fwrite(tail.s, 1, tail.n, t->out);
	free(head.s);
	free(tail.s);
}

static void finding(const struct text *t, const struct finding *fd, const char *hosts,
		    int full)
{
	if (full)
		full_finding(t, fd, hosts);
	else
		short_finding(t, fd, hosts);
}

/* Once per run, after the short form: how to get the rest. */
static void more(const struct text *t, const struct finding *fd, const char *line)
{
	if (line) {
		fputs(line, t->out);
		fputc('\n', t->out);
		return;
	}
	fputs("More: pickdoc --full adds what it means, all the evidence, every cause, where to "
	      "look\nand what makes it worse; pickdoc --show=", t->out);
	put_logs(t->out, fd->playbook->id);
	fputs(" prints the playbook whole.\n", t->out);
}

static void put_unmatched(FILE *out, const struct unmatched *u)
{
	put_logs(out, u->exception);
	if (*u->exception && *u->message)
		fputs(": ", out);
	put_first_line(out, u->message);
}

/* An undiagnosed exception that a worker raised and the pool carried back: where in the
 * user's code the task raised it, and that it is the task's own error. */
static void in_worker(FILE *out, const struct unmatched *u)
{
	if (!u->in_worker)
		return;
	if (u->user_frame) {
		fputs("      raised by the task at ", out);
		put_logs(out, u->user_frame);
		fputc('\n', out);
		if (u->user_source) {
			fputs("        ", out);
			put_logs(out, u->user_source);
			fputc('\n', out);
		}
	}
	fputs("      the task's own error, raised in a worker and carried back, not a\n"
	      "      serialization failure (no playbook reads it as one): fix it as in one\n"
	      "      process\n", out);
}

static void brief_finding(const struct text *t, const struct finding *fd, const char *hosts)
{
	const char *subject = finding_subject(fd);

	put_logs(t->out, fd->origin ? fd->origin : "-");
	fprintf(t->out, ":%zu: ", fd->first_line);
	put_id(t, fd->playbook->id);
	if (subject) {
		fputs(": ", t->out);
		put_logs(t->out, subject);
	}
	fprintf(t->out, " (x%zu) " DASH " ", fd->occurrences);
	put_logs(t->out, fd->playbook->title);
	if (fd->secondary && fd->primary)
		fprintf(t->out, " [secondary to %s at line %zu]",
			fd->primary->playbook->id, fd->primary->first_line);
	else if (fd->secondary)
		fputs(" [secondary]", t->out);
	if (hosts) {
		fputs(" [hosts: ", t->out);
		put_logs(t->out, hosts);
		fputc(']', t->out);
	}
	fputc('\n', t->out);
}

static void brief(const struct text *t, const struct report_input *in)
{
	struct buf hosts = { 0 };

	for (size_t i = 0; i < in->nfindings; i++) {
		buf_reset(&hosts);
		brief_finding(t, in->findings[i],
			      report_seen_by(in, i, &hosts) ? hosts.s : NULL);
	}
	buf_fini(&hosts);
	for (size_t i = 0; i < in->nunmatched; i++) {
		const struct unmatched *u = &in->unmatched[i];
		put_logs(t->out, u->origin ? u->origin : "-");
		fprintf(t->out, ":%zu: unmatched: ", u->first_line);
		put_unmatched(t->out, u);
		fputc('\n', t->out);
	}
}

static void summary(const struct text *t, const struct report_input *in)
{
	struct buf b = { 0 };

	report_summary(in, &b);
	fprintf(t->out, "%s\n", b.s);
	buf_fini(&b);
}

static int text_findings(FILE *out, const struct report_input *in,
			 const struct report_opts *opts)
{
	struct text t = { out, opts->color };

	if (opts->brief) {
		brief(&t, in);
		return 0;
	}
	struct buf hosts = { 0 };
	for (size_t i = 0; i < in->nfindings; i++) {
		if (i)
			fputc('\n', out);
		buf_reset(&hosts);
		finding(&t, in->findings[i], report_seen_by(in, i, &hosts) ? hosts.s : NULL,
			opts->full);
	}
	buf_fini(&hosts);
	if (in->nunmatched) {
		if (in->nfindings)
			fputc('\n', out);
		sgr(&t, SGR_BOLD);
		fputs("Not diagnosed", out);
		sgr(&t, SGR_RESET);
		fputc('\n', out);
		for (size_t i = 0; i < in->nunmatched; i++) {
			const struct unmatched *u = &in->unmatched[i];
			fputs("  ", out);
			put_logs(out, u->origin ? u->origin : "-");
			fprintf(out, ":%zu: ", u->first_line);
			put_unmatched(out, u);
			fprintf(out, " (x%zu)\n", u->occurrences);
			in_worker(out, u);
		}
	}
	if (in->nfindings || in->nunmatched)
		fputc('\n', out);
	summary(&t, in);
	if (in->nfindings && !opts->full)
		more(&t, in->findings[0], opts->more);
	return 0;
}

/* --- as the run goes: each finding at once, the counts at the end --- */

static int text_now_finding(FILE *out, const struct finding *fd, int repeat,
			    const struct report_labels *labels, const struct report_opts *opts)
{
	struct text t = { out, opts->color };

	(void)labels;
	if (repeat)
		return 0;
	if (opts->brief) {
		brief_finding(&t, fd, NULL);
		return 0;
	}
	finding(&t, fd, NULL, opts->full);
	fputc('\n', out);
	return 0;
}

static int text_end(FILE *out, const struct report_input *in, const struct report_opts *opts)
{
	struct text t = { out, opts->color };

	sgr(&t, SGR_BOLD);
	fputs("Summary", out);
	sgr(&t, SGR_RESET);
	fputc('\n', out);
	brief(&t, in);
	summary(&t, in);
	if (in->nfindings && !opts->full && !opts->brief)
		more(&t, in->findings[0], opts->more);
	return 0;
}

/* --- one playbook in full --- */

static void signatures(const struct text *t, const struct kb_playbook *pb)
{
	if (!pb->nsignatures)
		return;
	section(t, "Signatures");
	for (size_t i = 0; i < pb->nsignatures; i++) {
		const struct kb_signature *s = &pb->signatures[i];
		fputs("  ", t->out);
		put_logs(t->out, s->exception ? s->exception : "(any exception)");
		if (s->versions) {
			fputs("  versions ", t->out);
			put_logs(t->out, s->versions);
		}
		if (s->priority)
			fprintf(t->out, "  priority %d", s->priority);
		fputc('\n', t->out);
		verbatim(t->out, 4, "pattern: ", s->pattern);
		if (s->literal)
			verbatim(t->out, 4, "literal: ", s->literal);
		if (s->frame)
			verbatim(t->out, 4, "frame:   ", s->frame);
	}
}

static void conditions(struct buf *b, const struct kb_cond *when, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%s%s%s ~ %s", i ? ", " : "", when[i].negate ? "!" : "",
			   when[i].fact, when[i].pattern);
}

static void playbook_causes(const struct text *t, const struct kb_playbook *pb)
{
	if (!pb->ncauses)
		return;
	section(t, "Causes");
	for (size_t i = 0; i < pb->ncauses; i++) {
		const struct kb_cause *c = &pb->causes[i];
		struct buf b = { 0 };
		fputs("  ", t->out);
		put_id(t, c->id);
		fputs("  prior ", t->out);
		sgr(t, SGR_SCORE);
		fprintf(t->out, "%d", c->prior);
		sgr(t, SGR_RESET);
		fputc('\n', t->out);
		wrap(t->out, 4, "", c->title);
		for (size_t k = 0; k < c->nboosts; k++) {
			const struct kb_boost *bo = &c->boosts[k];
			buf_reset(&b);
			buf_printf(&b, "%+d when ", bo->add);
			conditions(&b, bo->when, bo->nwhen);
			if (bo->because)
				buf_printf(&b, ": %s", bo->because);
			hanging(t->out, 6, b.s);
		}
		labelled(t->out, 4, "fix: ", c->fix);
		buf_fini(&b);
	}
}

static void questions(const struct text *t, const struct kb_playbook *pb)
{
	if (!pb->nquestions)
		return;
	section(t, "Decision tree");
	for (size_t i = 0; i < pb->nquestions; i++) {
		const struct kb_question *q = &pb->questions[i];
		fputs("  ", t->out);
		put_logs(t->out, q->id);
		if (q->fact) {
			fputs(" (fact ", t->out);
			put_logs(t->out, q->fact);
			fputc(')', t->out);
		}
		fputc('\n', t->out);
		wrap(t->out, 4, "? ", q->ask);
		labelled(t->out, 4, "why: ", q->why);
		for (size_t k = 0; k < q->nanswers; k++) {
			const struct kb_answer *a = &q->answers[k];
			struct buf b = { 0 };
			buf_adds(&b, a->value);
			if (a->label && *a->label)
				buf_printf(&b, " (%s)", a->label);
			if (a->match)
				buf_printf(&b, " [matches %s]", a->match);
			buf_printf(&b, " " ARROW " %s", a->next ? a->next : "-");
			hanging(t->out, 6, b.s);
			buf_fini(&b);
		}
	}
}

static void incident(const struct text *t, const struct kb_incident *in)
{
	if (!in)
		return;
	section(t, "Incident");
	labelled(t->out, 2, "", in->title);
	for (size_t i = 0; i < in->ntimeline; i++)
		wrap(t->out, 4, "- ", in->timeline[i]);
	if (in->story && *in->story) {
		fputc('\n', t->out);
		wrap(t->out, 2, "", in->story);
	}
	labelled(t->out, 2, "Root cause: ", in->root_cause);
	labelled(t->out, 2, "Fix: ", in->fix);
	labelled(t->out, 2, "Lesson: ", in->lesson);
}

static void faq(const struct text *t, const struct kb_faq *v, size_t n)
{
	if (!n)
		return;
	section(t, "FAQ");
	for (size_t i = 0; i < n; i++) {
		wrap(t->out, 2, "Q: ", v[i].q);
		wrap(t->out, 2, "A: ", v[i].a);
	}
}

static int text_playbook(FILE *out, const struct kb_playbook *pb,
			 const struct report_opts *opts)
{
	struct text t = { out, opts->color };

	heading(&t, pb->id, pb->title);
	if (pb->means && *pb->means) {
		section(&t, "What it means");
		wrap(out, 2, "", pb->means);
	}
	bullets(&t, "Secondary to", pb->secondary_to, pb->nsecondary_to);
	signatures(&t, pb);
	playbook_causes(&t, pb);
	questions(&t, pb);
	numbered(&t, "First ten minutes", pb->first_ten_minutes, pb->nfirst_ten_minutes);
	bullets(&t, "Where to look", pb->where_to_look, pb->nwhere_to_look);
	bullets(&t, "Fix", pb->fix, pb->nfix);
	playbook_verify(&t, pb->verify, pb->nverify);
	bullets(&t, "What makes it worse", pb->worse, pb->nworse);
	incident(&t, pb->incident);
	faq(&t, pb->faq, pb->nfaq);
	return 0;
}

const struct reporter report_text = { text_findings, text_playbook, text_now_finding, NULL,
				      text_end };
