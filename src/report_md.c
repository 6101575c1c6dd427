/*
 * report_md.c: the report as Markdown to paste into a runbook or an issue: a section per
 * finding with the evidence, ranked causes, steps and the verification plan as a
 * checklist.  Text from logs always goes into code spans so that no byte of it is read as
 * markup; knowledge-base prose keeps its code spans and has the rest escaped.  Knows
 * nothing of how findings were made.
 */
#include "report_int.h"

#include <stdlib.h>
#include <string.h>

#include "infer.h"
#include "plan.h"

#define ARROW "\xe2\x86\x92"
#define DASH "\xe2\x80\x94"

enum md_place { MD_BLOCK, MD_LINE, MD_CELL };   /* a paragraph, a list item, a table cell */

/* Longest run of backticks in S (N bytes). */
static size_t longest_backticks(const char *s, size_t n)
{
	size_t best = 0, run = 0;

	for (size_t i = 0; i < n; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best;
}

static void backticks(FILE *out, size_t n)
{
	while (n--)
		fputc('`', out);
}

/* N bytes of text with nothing in it that acts on a terminal, and '|' escaped in a cell
 * (GFM reads a table's cells before the code spans in them). */
static void put_text(FILE *out, const char *s, size_t n, enum md_place place)
{
	size_t done = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '|' && place == MD_CELL) {
			report_put_safe(out, s + done, i - done, 0);
			fputs("\\|", out);
			done = i + 1;
		}
	}
	report_put_safe(out, s + done, n - done, 0);
}

/* N bytes of S inside a code span, fenced by more backticks than S holds in a row so that
 * nothing in S ends it; newlines and other control characters would end the line or the
 * cell, or act on a terminal, so they are shown escaped. */
static void code_n(FILE *out, const char *s, size_t n, enum md_place place)
{
	size_t fence = longest_backticks(s, n) + 1;
	int pad = n && (s[0] == '`' || s[0] == ' ' || s[n - 1] == '`' || s[n - 1] == ' ') &&
		  strspn(s, " ") < n;

	if (!n) {
		fputs("*(empty)*", out);
		return;
	}
	backticks(out, fence);
	if (pad)
		fputc(' ', out);
	put_text(out, s, n, place);
	if (pad)
		fputc(' ', out);
	backticks(out, fence);
}

static void code(FILE *out, const char *s, enum md_place place)
{
	code_n(out, s, strlen(s), place);
}

/* Length of the code span opening at S (a run of backticks), or 0 when it is not closed. */
static size_t code_span(const char *s)
{
	size_t open = strspn(s, "`");

	for (const char *p = s + open; *p;) {
		size_t run = strspn(p, "`");
		if (run == open)
			return (size_t)(p + run - s);
		p += run ? run : 1;
	}
	return 0;
}

/* Characters that are markup outside code spans. */
#define MARKUP "\\*_<>[]|~#"

/* Knowledge-base prose: its code spans as written, other markup characters escaped, and
 * nothing that acts on a terminal. */
static void prose(FILE *out, const char *s, enum md_place place)
{
	size_t len = strlen(s);

	while (len && s[len - 1] == '\n')
		len--;
	for (size_t i = 0; i < len;) {
		char c = s[i];
		if (c == '`') {
			size_t n = code_span(s + i);
			if (!n) {
				n = strspn(s + i, "`");
				for (size_t k = 0; k < n; k++)
					fputs("\\`", out);
				i += n;
				continue;
			}
			for (size_t k = 0; k < n;) {
				size_t run = strcspn(s + i + k, "\n");
				if (run > n - k)
					run = n - k;
				put_text(out, s + i + k, run, place);
				k += run;
				if (k < n) {
					fputc(place == MD_BLOCK ? '\n' : ' ', out);
					k++;
				}
			}
			i += n;
			continue;
		}
		if (c == '\n') {
			fputc(place == MD_BLOCK ? '\n' : ' ', out);
			i++;
		} else if (strchr(MARKUP, c)) {
			fprintf(out, "\\%c", c);
			i++;
		} else {
			size_t run = 1 + strcspn(s + i + 1, "`\n" MARKUP);
			if (run > len - i)
				run = len - i;
			report_put_safe(out, s + i, run, 0);
			i += run;
		}
	}
}

static void heading(FILE *out, const char *level, const char *title)
{
	fprintf(out, "\n%s %s\n\n", level, title);
}

static void bullets(FILE *out, const char *level, const char *title, const char *const *v,
		    size_t n)
{
	if (!n)
		return;
	heading(out, level, title);
	for (size_t i = 0; i < n; i++) {
		fputs("- ", out);
		prose(out, v[i], MD_LINE);
		fputc('\n', out);
	}
}

static void numbered(FILE *out, const char *level, const char *title, const char *const *v,
		     size_t n)
{
	if (!n)
		return;
	heading(out, level, title);
	for (size_t i = 0; i < n; i++) {
		fprintf(out, "%zu. ", i + 1);
		prose(out, v[i], MD_LINE);
		fputc('\n', out);
	}
}

static void paragraph(FILE *out, const char *s)
{
	if (!s || !*s)
		return;
	fputc('\n', out);
	prose(out, s, MD_BLOCK);
	fputc('\n', out);
}

/* A check to tick; a command with "<...>" parts to fill in says it is a template. */
static void check(FILE *out, const struct plan_check *v)
{
	fputs(v->runnable ? "- [ ] " : "- [ ] template: ", out);
	code(out, v->run, MD_LINE);
	if (v->before || v->after)
		fputs(" " DASH " ", out);
	if (v->before)
		prose(out, v->before, MD_LINE);
	if (v->before && v->after)
		fputs(" " ARROW " ", out);
	if (v->after)
		prose(out, v->after, MD_LINE);
	fputc('\n', out);
}

/* The verification plan as a checklist to tick. */
static void verify(FILE *out, const char *level, const struct plan_check *v, size_t n)
{
	if (!n)
		return;
	heading(out, level, "Verify");
	for (size_t i = 0; i < n; i++)
		check(out, &v[i]);
}

/* A playbook's checks as written: a template wherever a fact is named. */
static void playbook_verify(FILE *out, const struct kb_check *v, size_t n)
{
	if (!n)
		return;
	heading(out, "##", "Verify");
	for (size_t i = 0; i < n; i++)
		check(out, &(struct plan_check){ v[i].run, v[i].before, v[i].after,
						 plan_runnable(v[i].run) });
}

/* --- findings --- */

static void where(FILE *out, const char *origin, size_t line, enum md_place place)
{
	struct buf b = { 0 };

	buf_printf(&b, "%s:%zu", origin ? origin : "-", line);
	code(out, b.s, place);
	buf_fini(&b);
}

static void put_exception(FILE *out, const char *type, const char *message,
			  enum md_place place)
{
	struct buf b = { 0 };
	int more;
	size_t n = report_first_line(message, &more);

	buf_adds(&b, type);
	if (*type && n)
		buf_adds(&b, ": ");
	buf_add(&b, message, n);
	code_n(out, b.s ? b.s : "", b.len, place);
	if (more)
		fputs(" \xe2\x80\xa6", out);
	buf_fini(&b);
}

static void evidence_row(FILE *out, const char *name, const char *value, const struct fact *f)
{
	fputs("| ", out);
	code(out, name, MD_CELL);
	fputs(" | ", out);
	code(out, value, MD_CELL);
	fputs(" | ", out);
	if (f->line)
		fprintf(out, "%zu", f->line);
	fputs(" | ", out);
	if (f->source && *f->source)
		code(out, f->source, MD_CELL);
	fputs(" |\n", out);
}

static void evidence(FILE *out, const struct finding *fd)
{
	size_t n;
	const struct fact **v = report_evidence(fd, &n);

	if (n) {
		heading(out, "###", "Evidence");
		fputs("| fact | value | line | source |\n| --- | --- | --- | --- |\n", out);
	}
	for (size_t i = 0; i < n; i++) {
		if (strcmp(v[i]->name, "user_file")) {
			evidence_row(out, v[i]->name, v[i]->value, v[i]);
			continue;
		}
		struct buf frame = { 0 };
		const char *source = facts_get(&fd->facts, "user_source");
		report_user_frame(fd, &frame);
		evidence_row(out, "user frame", frame.s, v[i]);
		if (source)
			evidence_row(out, "user source", source, v[i]);
		buf_fini(&frame);
	}
	free(v);
}

static void causes(FILE *out, const struct finding *fd)
{
	if (!fd->ncauses)
		return;
	heading(out, "###", "Likely causes");
	for (size_t i = 0; i < fd->ncauses; i++) {
		const struct ranked_cause *rc = &fd->causes[i];
		fprintf(out, "%zu. **", i + 1);
		prose(out, rc->cause->title, MD_LINE);
		fprintf(out, "** (score %d): ", rc->score);
		if (rc->because) {
			fputs("because ", out);
			prose(out, rc->because, MD_LINE);
		} else {
			fputs("the typical cause, no evidence for or against it", out);
		}
		if (infer_ruled_out(fd, rc->cause))
			fputs("; *ruled out by the decision tree's answers*", out);
		fputc('\n', out);
	}
}

static const char *answer_label(const struct kb_answer *a)
{
	return a->label && *a->label ? a->label : a->value;
}

/* The questions of the path that are answered, a person's answers marked as such. */
static void answered(FILE *out, const struct finding *fd, int after_text)
{
	int first = after_text;

	for (size_t i = 0; i < fd->npath; i++) {
		const struct tree_step *s = &fd->path[i];
		if (!s->answer)
			continue;
		fputs(first ? "\n- " : "- ", out);
		first = 0;
		prose(out, s->question->ask, MD_LINE);
		fputs(" " ARROW " ", out);
		prose(out, answer_label(s->answer), MD_LINE);
		if (infer_step_replaced(fd, s)) {
			fputs(" *(answered by you; the log said* ", out);
			code(out, infer_step_replaced(fd, s), MD_LINE);
			fputs("*)*", out);
		} else if (infer_step_by_person(fd, s)) {
			fputs(" *(answered by you)*", out);
		}
		const char *source = report_answer_source(fd, s);
		if (source) {
			fputs(" *(from the log: ", out);
			prose(out, source, MD_LINE);
			fputs(")*", out);
		}
		fputc('\n', out);
	}
}

static void tree(FILE *out, const struct finding *fd)
{
	if (fd->conclusion) {
		heading(out, "###", "Conclusion");
		fputs("**", out);
		prose(out, fd->conclusion->title, MD_LINE);
		fputs("** (", out);
		code(out, fd->conclusion->id, MD_LINE);
		fputs(")\n", out);
		answered(out, fd, 1);
		return;
	}
	if (fd->npath && fd->path[0].answer) {
		heading(out, "###", "Answered so far");
		answered(out, fd, 0);
	}
	int open = 0;
	for (size_t i = 0; i < fd->npath; i++) {
		const struct kb_question *q = fd->path[i].question;
		if (fd->path[i].answer)
			continue;
		if (!open++)
			heading(out, "###", "Still to find out");
		fputs("- **", out);
		prose(out, q->ask, MD_LINE);
		fputs("**", out);
		if (q->why && *q->why) {
			fputs(" " DASH " ", out);
			prose(out, q->why, MD_LINE);
		}
		fputc('\n', out);
		for (size_t k = 0; k < q->nanswers; k++) {
			fputs("  - ", out);
			prose(out, answer_label(&q->answers[k]), MD_LINE);
			fputc('\n', out);
		}
	}
}

/* HOSTS: who saw it, in a merged report; NULL otherwise. */
/* The hosts that saw a finding, each a code span of its own: a name is the log's or the
 * label's text, and markup in one must not pair with another's. */
static void hosts_line(FILE *out, const struct report_hosts *h)
{
	fputs("- **Hosts:** ", out);
	for (size_t k = 0; k < h->n; k++) {
		if (k)
			fputs(", ", out);
		code(out, h->names[k], MD_LINE);
	}
	if (h->first) {
		fputs(" (first on ", out);
		code(out, h->first, MD_LINE);
		fputc(')', out);
	}
	fputc('\n', out);
}

static void finding(FILE *out, const struct finding *fd, const struct report_hosts *hosts)
{
	const struct kb_playbook *pb = fd->playbook;
	const struct tb_exc *exc = finding_exc(fd);
	const char *subject = finding_subject(fd);

	fputs("\n## ", out);
	prose(out, pb->id, MD_LINE);
	fputs(" " DASH " ", out);
	prose(out, pb->title, MD_LINE);
	fputs("\n\n", out);
	if (fd->secondary) {
		fputs("**Secondary:** a consequence of ", out);
		if (fd->primary) {
			code(out, fd->primary->playbook->id, MD_LINE);
			fprintf(out, " at line %zu.\n\n", fd->primary->first_line);
		} else {
			fputs("another failure.\n\n", out);
		}
	}
	if (exc && exc->mentioned) {
		fputs("- **No exception line seen:** the message was read in this line of the "
		      "text: ", out);
		put_exception(out, "", exc->message, MD_LINE);
		fputc('\n', out);
	} else if (exc) {
		fputs("- **Exception:** ", out);
		put_exception(out, exc->type, exc->message, MD_LINE);
		fputc('\n', out);
	}
	struct report_cut cut;
	struct buf left_out = { 0 };
	if (report_truncation(fd, &cut, &left_out))
		fprintf(out, "- **Truncated:** longer than pickdoc keeps; %s left out\n",
			left_out.s);
	buf_fini(&left_out);
	if (subject) {
		fputs("- **Subject:** ", out);
		code(out, subject, MD_LINE);
		fputc('\n', out);
	}
	fputs("- **Seen:** ", out);
	where(out, fd->origin, fd->first_line, MD_LINE);
	fprintf(out, ", %zu occurrence%s\n", fd->occurrences, fd->occurrences == 1 ? "" : "s");
	if (hosts && hosts->n)
		hosts_line(out, hosts);
	paragraph(out, pb->means);
	evidence(out, fd);
	causes(out, fd);
	tree(out, fd);
	numbered(out, "###", "First ten minutes", fd->plan.first_ten_minutes,
		 fd->plan.nfirst_ten_minutes);
	bullets(out, "###", "Where to look", fd->plan.where_to_look, fd->plan.nwhere_to_look);
	bullets(out, "###", "Fix", fd->plan.fix, fd->plan.nfix);
	verify(out, "###", fd->plan.verify, fd->plan.nverify);
	bullets(out, "###", "What makes it worse", fd->plan.worse, fd->plan.nworse);
}

static void unmatched(FILE *out, const struct report_input *in)
{
	if (!in->nunmatched)
		return;
	heading(out, "##", "Not diagnosed");
	fputs("| where | exception | occurrences |\n| --- | --- | --- |\n", out);
	for (size_t i = 0; i < in->nunmatched; i++) {
		const struct unmatched *u = &in->unmatched[i];
		fputs("| ", out);
		where(out, u->origin, u->first_line, MD_CELL);
		fputs(" | ", out);
		put_exception(out, u->exception, u->message, MD_CELL);
		fprintf(out, " | %zu |\n", u->occurrences);
	}
	/* what a worker raised and the pool carried back: the task's own error */
	int first = 1;
	for (size_t i = 0; i < in->nunmatched; i++) {
		const struct unmatched *u = &in->unmatched[i];
		if (!u->in_worker)
			continue;
		fputs(first ? "\n- " : "- ", out);
		first = 0;
		where(out, u->origin, u->first_line, MD_LINE);
		if (u->user_frame) {
			fputs(": raised by the task at ", out);
			code(out, u->user_frame, MD_LINE);
			if (u->user_source) {
				fputs(", ", out);
				code(out, u->user_source, MD_LINE);
			}
		}
		fputs("; the task's own error, raised in a worker and carried back, not a "
		      "serialization failure (no playbook reads it as one)\n", out);
	}
}

static int md_findings(FILE *out, const struct report_input *in, const struct report_opts *opts)
{
	struct buf summary = { 0 };

	(void)opts;
	report_summary(in, &summary);
	fprintf(out, "# pickdoc report\n\n%s.\n", summary.s);
	buf_fini(&summary);
	for (size_t i = 0; i < in->nfindings; i++)
		finding(out, in->findings[i], in->hosts ? &in->hosts[i] : NULL);
	unmatched(out, in);
	return 0;
}

/* --- as the run goes: each finding at once, a table of the counts at the end --- */

static int md_now_finding(FILE *out, const struct finding *fd, int repeat,
			  const struct report_labels *labels, const struct report_opts *opts)
{
	(void)labels, (void)opts;
	if (!repeat)
		finding(out, fd, NULL);
	return 0;
}

static int md_end(FILE *out, const struct report_input *in, const struct report_opts *opts)
{
	struct buf summary = { 0 };

	(void)opts;
	report_summary(in, &summary);
	heading(out, "##", "Summary");
	fprintf(out, "%s.\n", summary.s);
	buf_fini(&summary);
	if (in->nfindings)
		fputs("\n| playbook | where | subject | occurrences |\n| --- | --- | --- | --- |\n",
		      out);
	for (size_t i = 0; i < in->nfindings; i++) {
		const struct finding *fd = in->findings[i];
		const char *subject = finding_subject(fd);
		fputs("| ", out);
		code(out, fd->playbook->id, MD_CELL);
		fputs(" | ", out);
		where(out, fd->origin, fd->first_line, MD_CELL);
		fputs(" | ", out);
		if (subject)
			code(out, subject, MD_CELL);
		fprintf(out, " | %zu |\n", fd->occurrences);
	}
	unmatched(out, in);
	return 0;
}

/* --- one playbook in full --- */

static void signatures(FILE *out, const struct kb_playbook *pb)
{
	if (!pb->nsignatures)
		return;
	heading(out, "##", "Signatures");
	for (size_t i = 0; i < pb->nsignatures; i++) {
		const struct kb_signature *s = &pb->signatures[i];
		fputs("- ", out);
		if (s->exception)
			code(out, s->exception, MD_LINE);
		else
			fputs("any exception", out);
		if (s->versions) {
			fputs(", versions ", out);
			code(out, s->versions, MD_LINE);
		}
		fputs(": ", out);
		code(out, s->pattern, MD_LINE);
		if (s->literal) {
			fputs(", literal ", out);
			code(out, s->literal, MD_LINE);
		}
		if (s->frame) {
			fputs(", frame ", out);
			code(out, s->frame, MD_LINE);
		}
		if (s->priority)
			fprintf(out, ", priority %d", s->priority);
		fputc('\n', out);
	}
}

static void boost(FILE *out, const struct kb_boost *b)
{
	fprintf(out, "  - %+d when ", b->add);
	for (size_t i = 0; i < b->nwhen; i++) {
		if (i)
			fputs(", ", out);
		if (b->when[i].negate)
			fputs("not ", out);
		code(out, b->when[i].fact, MD_LINE);
		fputs(" ~ ", out);
		code(out, b->when[i].pattern, MD_LINE);
	}
	if (b->because) {
		fputs(": ", out);
		prose(out, b->because, MD_LINE);
	}
	fputc('\n', out);
}

static void playbook_causes(FILE *out, const struct kb_playbook *pb)
{
	if (!pb->ncauses)
		return;
	heading(out, "##", "Causes");
	for (size_t i = 0; i < pb->ncauses; i++) {
		const struct kb_cause *c = &pb->causes[i];
		fputs("- ", out);
		code(out, c->id, MD_LINE);
		fputs(" **", out);
		prose(out, c->title, MD_LINE);
		fprintf(out, "** (prior %d)\n", c->prior);
		for (size_t k = 0; k < c->nboosts; k++)
			boost(out, &c->boosts[k]);
		if (c->fix && *c->fix) {
			fputs("  - fix: ", out);
			prose(out, c->fix, MD_LINE);
			fputc('\n', out);
		}
	}
}

static void questions(FILE *out, const struct kb_playbook *pb)
{
	if (!pb->nquestions)
		return;
	heading(out, "##", "Decision tree");
	for (size_t i = 0; i < pb->nquestions; i++) {
		const struct kb_question *q = &pb->questions[i];
		fputs("- ", out);
		code(out, q->id, MD_LINE);
		fputs(" **", out);
		prose(out, q->ask, MD_LINE);
		fputs("**", out);
		if (q->fact) {
			fputs(" (fact ", out);
			code(out, q->fact, MD_LINE);
			fputc(')', out);
		}
		if (q->why && *q->why) {
			fputs(" " DASH " ", out);
			prose(out, q->why, MD_LINE);
		}
		fputc('\n', out);
		for (size_t k = 0; k < q->nanswers; k++) {
			const struct kb_answer *a = &q->answers[k];
			fputs("  - ", out);
			code(out, a->value, MD_LINE);
			if (a->label && *a->label) {
				fputc(' ', out);
				prose(out, a->label, MD_LINE);
			}
			fputs(" " ARROW " ", out);
			code(out, a->next ? a->next : "-", MD_LINE);
			fputc('\n', out);
		}
	}
}

static void labelled(FILE *out, const char *label, const char *text)
{
	if (!text || !*text)
		return;
	fprintf(out, "\n**%s** ", label);
	prose(out, text, MD_BLOCK);
	fputc('\n', out);
}

static void incident(FILE *out, const struct kb_incident *in)
{
	if (!in)
		return;
	fputs("\n## Incident", out);
	if (in->title && *in->title) {
		fputs(": ", out);
		prose(out, in->title, MD_LINE);
	}
	fputs("\n", out);
	if (in->ntimeline)
		fputc('\n', out);
	for (size_t i = 0; i < in->ntimeline; i++) {
		fputs("- ", out);
		prose(out, in->timeline[i], MD_LINE);
		fputc('\n', out);
	}
	paragraph(out, in->story);
	labelled(out, "Root cause:", in->root_cause);
	labelled(out, "Fix:", in->fix);
	labelled(out, "Lesson:", in->lesson);
}

static void faq(FILE *out, const struct kb_faq *v, size_t n)
{
	if (!n)
		return;
	heading(out, "##", "FAQ");
	for (size_t i = 0; i < n; i++) {
		fputs(i ? "\n**" : "**", out);
		prose(out, v[i].q, MD_LINE);
		fputs("**\n\n", out);
		prose(out, v[i].a, MD_BLOCK);
		fputc('\n', out);
	}
}

static int md_playbook(FILE *out, const struct kb_playbook *pb, const struct report_opts *opts)
{
	(void)opts;
	fputs("# ", out);
	prose(out, pb->id, MD_LINE);
	fputs(" " DASH " ", out);
	prose(out, pb->title, MD_LINE);
	fputc('\n', out);
	paragraph(out, pb->means);
	bullets(out, "##", "Secondary to", pb->secondary_to, pb->nsecondary_to);
	signatures(out, pb);
	playbook_causes(out, pb);
	questions(out, pb);
	numbered(out, "##", "First ten minutes", pb->first_ten_minutes, pb->nfirst_ten_minutes);
	bullets(out, "##", "Where to look", pb->where_to_look, pb->nwhere_to_look);
	bullets(out, "##", "Fix", pb->fix, pb->nfix);
	playbook_verify(out, pb->verify, pb->nverify);
	bullets(out, "##", "What makes it worse", pb->worse, pb->nworse);
	incident(out, pb->incident);
	faq(out, pb->faq, pb->nfaq);
	return 0;
}

const struct reporter report_md = { md_findings, md_playbook, md_now_finding, NULL, md_end };
