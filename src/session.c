/*
 * session.c: the conversation of the guided session.  Reads the logs (or a paste), lets
 * the person pick a failure, shows what the log settled, then asks the open questions of
 * the playbook's decision tree one at a time; every answer is a fact, set through
 * answers.h, and the tree and ranking are computed again.  Keeps the transcript and ends
 * with the reporters' own rendering of the finding.  Knows commands and turns, not what any
 * playbook says: all of that comes from the knowledge base.
 */
#include "session.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "answers.h"
#include "infer.h"
#include "msg.h"
#include "session_int.h"
#include "triage.h"
#include "util.h"

#define ARROW "\xe2\x86\x92"
#define PROMPT_ANSWER "answer> "
#define PROMPT_DONE "pickdoc> "

static const char *const commands[] = { "why", "how", "why-not", "full", "change", "back",
					"skip", "help", "quit" };
#define NCOMMANDS (sizeof commands / sizeof commands[0])

struct run {
	const struct opts *o;
	const struct report_opts *ro;
	struct regex_cache *rc;
	struct triage *t;
	struct report_input res;
	struct tty *tty;
	FILE *out;                       /* the terminal */
	FILE *transcript;                /* or NULL */
	struct log_text mem;             /* stdin or a paste, kept for its lines */
	struct session s;
	const char **words;              /* what Tab completes at the prompt */
	const char **cause_ids;
	size_t asked;                    /* questions put to the person */
};

enum turn { TURN_AGAIN, TURN_QUIT, TURN_LIST };

enum session_mode session_mode(const struct opts *o, size_t nanswers)
{
	if (!o->guide || o->no_input)
		return SESSION_REPLAY;
	if (tty_available())
		return SESSION_ASK;
	if (nanswers && !o->transcript)
		return SESSION_REPLAY;
	if (o->transcript)
		msg_plain(MSG_ERROR, "no terminal for the session --transcript would record");
	else
		msg_plain(MSG_ERROR, "-i needs a terminal to ask on: give the answers with "
				     "--answer or --answers, or use --no-input");
	return SESSION_NONE;
}

/* --- the transcript --- */

/* Backticks enough to fence S: one more than its longest run, and at least LEAST. */
static void fence(FILE *out, const char *s, size_t least)
{
	size_t run = 0, longest = 0;

	for (const char *p = s; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		longest = run > longest ? run : longest;
	}
	for (size_t i = 0; i < longest + 1 || i < least; i++)
		fputc('`', out);
}

static void md_code(FILE *out, const char *s)
{
	fence(out, s, 1);
	fputc(' ', out);
	say_log(out, s);
	fputc(' ', out);
	fence(out, s, 1);
}

/* TEXT as a fenced block: what the person saw, verbatim. */
static void md_block(FILE *out, const char *text)
{
	fence(out, text, 3);
	fputs("text\n", out);
	fputs(text, out);
	fence(out, text, 3);
	fputs("\n\n", out);
}

/* Shows what FN writes, and records it in the transcript after the heading NOTE. */
static void show(struct run *r, const char *note, void (*fn)(const struct session *, FILE *))
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);

	if (!m)
		return;
	fn(&r->s, m);
	fclose(m);
	fputs(text, r->out);
	if (r->transcript) {
		fprintf(r->transcript, "%s\n\n", note);
		md_block(r->transcript, text);
	}
	free(text);
}

/* --- the state --- */

static void start(struct run *r, struct finding *fd)
{
	const struct kb_playbook *pb = fd->playbook;
	struct session *s = &r->s;
	size_t most = 0;

	s->fd = fd;
	for (size_t i = 0; i < fd->facts.n; i++) {
		const struct fact *f = &fd->facts.v[i];
		if (facts_set(&s->log, f->name, f->value, f->source, f->line) && f->replaced)
			s->log.v[s->log.n - 1].replaced = xstrdup(f->replaced);
	}
	session_load_lines(s, &r->mem);
	for (size_t i = 0; i < pb->nquestions; i++)
		most = pb->questions[i].nanswers > most ? pb->questions[i].nanswers : most;
	r->words = xcalloc(most + NCOMMANDS, sizeof *r->words);
	r->cause_ids = xcalloc(pb->ncauses + 1, sizeof *r->cause_ids);
	for (size_t i = 0; i < pb->ncauses; i++)
		r->cause_ids[i] = pb->causes[i].id;
}

/* Whether step I was given again later (changed): the last word on a question counts. */
static int superseded(const struct session *s, size_t i)
{
	for (size_t k = i + 1; k < s->nsteps; k++)
		if (s->steps[k].question == s->steps[i].question)
			return 1;
	return 0;
}

/* Every answer given so far as facts, every "don't know" as a skipped question, then the
 * tree and ranking again. */
static void update(struct run *r)
{
	struct session *s = &r->s;
	struct answer_fact *v = xcalloc(s->nsteps + 1, sizeof *v);
	size_t n = 0;

	for (size_t i = 0; i < s->nsteps; i++)
		if (!superseded(s, i))
			v[n++] = (struct answer_fact){ s->steps[i].question, s->steps[i].answer,
						       INFER_SOURCE_PERSON };
	answers_refresh(r->rc, s->fd, &s->log, v, n);
	free(v);
}

/* Drops what the session knew of its finding, which keeps its facts and answers. */
static void forget(struct run *r)
{
	struct session *s = &r->s;

	facts_fini(&s->log);
	for (size_t i = 0; i < s->nlines; i++)
		free(s->lines[i].text);
	free(s->lines);
	free(s->steps);
	free(r->cause_ids);
	free(r->words);
	r->cause_ids = NULL;
	r->words = NULL;
	*s = (struct session){ .rc = s->rc };
	r->asked = 0;
}

/* --- saying things --- */

static void heading(struct run *r)
{
	const struct finding *fd = r->s.fd;
	const struct tb_exc *exc = finding_exc(fd);
	struct buf b = { 0 };

	buf_printf(&b, "%s " ARROW " %s", fd->playbook->id, fd->playbook->title);
	fputc('\n', r->out);
	say(r->out, 0, 2, b.s);
	if (exc) {
		fputs("  ", r->out);
		say_log(r->out, fd->origin ? fd->origin : "-");
		fprintf(r->out, ":%zu: ", fd->first_line);
		say_log(r->out, exc->type);
		fputs(": ", r->out);
		say_log(r->out, exc->message);
		fputc('\n', r->out);
	}
	if (r->transcript) {
		fprintf(r->transcript, "## %s\n\n%s\n\n", fd->playbook->id, fd->playbook->title);
		if (exc) {
			md_code(r->transcript, exc->message);
			fprintf(r->transcript, " (%s, line %zu)\n\n", exc->type, fd->first_line);
		}
	}
	buf_fini(&b);
}

static void settled(const struct session *s, FILE *out)
{
	explain_settled(s, out);
}

static void how(const struct session *s, FILE *out)
{
	explain_how(s, out);
}

static void why(const struct session *s, FILE *out)
{
	if (session_question(s))
		explain_why(s, session_question(s), out);
	else if (s->fd->conclusion)
		explain_conclusion(s, out);
	else
		explain_how(s, out);
}

static void ask(struct run *r)
{
	const struct kb_question *q = session_question(&r->s);
	struct buf b = { 0 };

	buf_printf(&b, "Question %zu: %s", r->asked + 1, q->ask);
	fputc('\n', r->out);
	say(r->out, 0, 2, b.s);
	for (size_t i = 0; i < q->nanswers; i++) {
		const struct kb_answer *a = &q->answers[i];
		buf_reset(&b);
		buf_printf(&b, "%zu) %s", i + 1, a->label && *a->label ? a->label : answers_word(a));
		if (a->label && *a->label)
			buf_printf(&b, " [%s]", answers_word(a));
		say(r->out, 2, 5, b.s);
	}
	fputs("(a number or name; why, how, why-not CAUSE, change QUESTION, back, skip, help, "
	      "quit)\n", r->out);
	buf_fini(&b);
}

/* The finding as the text reporter renders it: the short form, or with FULL the whole. */
static void report(struct run *r, int full)
{
	struct finding *only[] = { r->s.fd };
	struct report_input in = { .findings = only, .nfindings = 1 };
	struct report_opts text = { .format = REPORT_TEXT,
				    .color = r->ro->color && tty_is_stdout(r->tty), .full = full,
				    .more = "Type full for the whole report: what it means, all the "
					    "evidence, every cause,\nwhere to look and what makes "
					    "it worse." };

	report_write(r->out, &in, &text);
}

/* The end: the conclusion and the short form of the finding. */
static void conclude(struct run *r)
{
	struct session *s = &r->s;

	/* A conclusion leads the short form itself; without one, the ids to type come first. */
	if (!s->fd->conclusion) {
		fputs("\nNo single cause is left; those still possible, ranked:\n", r->out);
		for (size_t i = 0; i < s->fd->npossible; i++)
			fprintf(r->out, "  %4d  %s\n", s->fd->causes[i].score,
				s->fd->causes[i].cause->id);
	}
	fputc('\n', r->out);
	report(r, 0);
	fputs("\nThe session stays open: why, how, why-not CAUSE, full, change QUESTION and back "
	      "still work; quit or Ctrl-D leaves.\n", r->out);
	if (r->transcript) {
		fputs("### Conclusion\n\n", r->transcript);
		if (s->fd->conclusion)
			fprintf(r->transcript, "**%s** (`%s`)\n\n", s->fd->conclusion->title,
				s->fd->conclusion->id);
		else
			fputs("No single cause is left.\n\n", r->transcript);
	}
}

static void help(struct run *r)
{
	fputs("Type the number or the name of an answer, or one of:\n"
	      "  why            why this question matters and what each answer leaves\n"
	      "                 (after the conclusion: why that conclusion)\n"
	      "  how            how the ranking was reached: facts, log lines, answers\n"
	      "  why-not CAUSE  what rules CAUSE (an id or a rank) out or keeps it low\n"
	      "  full           the whole report of the finding as it stands\n"
	      "  change QUESTION [ANSWER]\n"
	      "                 answer QUESTION (its id) again, even one the log\n"
	      "                 answered: the log can be wrong\n"
	      "  back           undo the last answer (or the change asked for)\n"
	      "  skip, ?        don't know: go on with the causes still possible\n"
	      "  help           this text\n"
	      "  quit           leave (Ctrl-D too); Ctrl-C abandons the line being typed\n"
	      "Tab completes answers, commands and cause ids.\n", r->out);
}

/* --- one turn --- */

static const struct kb_answer *parse_answer(const struct kb_question *q, const char *word)
{
	char *end;
	unsigned long n = strtoul(word, &end, 10);
	const struct kb_answer *prefix = NULL;
	size_t nprefix = 0, len = strlen(word);

	if (*word && !*end)
		return n >= 1 && n <= q->nanswers ? &q->answers[n - 1] : NULL;
	if (answers_named(q, word))
		return answers_named(q, word);
	for (size_t i = 0; i < q->nanswers; i++) {
		if (!strncasecmp(answers_word(&q->answers[i]), word, len)) {
			prefix = &q->answers[i];
			nprefix++;
		}
	}
	return nprefix == 1 ? prefix : NULL;
}

static void push(struct run *r, const struct kb_question *q, const struct kb_answer *a)
{
	struct session *s = &r->s;

	grow(&s->steps, &s->steps_cap, s->nsteps, sizeof *s->steps);
	s->steps[s->nsteps++] = (struct step){ q, a };
	s->reopened = NULL;
	r->asked++;
	if (r->transcript) {
		fprintf(r->transcript, "### Question %zu\n\n%s\n\n", r->asked, q->ask);
		if (a)
			fprintf(r->transcript, "Answer: **%s** (`%s`)\n\n",
				a->label && *a->label ? a->label : answers_word(a), answers_word(a));
		else
			fputs("Answer: *don't know* (skipped)\n\n", r->transcript);
	}
	update(r);
}

static enum turn back(struct run *r)
{
	struct session *s = &r->s;

	if (s->reopened) {
		s->reopened = NULL;
		fputs("Change abandoned.\n", r->out);
		return TURN_AGAIN;
	}
	if (!s->nsteps) {
		if (r->res.nfindings > 1)
			return TURN_LIST;
		fputs("Nothing to undo.\n", r->out);
		return TURN_AGAIN;
	}
	const struct step *last = &s->steps[--s->nsteps];
	r->asked--;
	fputs("Undone: ", r->out);
	say(r->out, 0, 2, last->question->ask);
	if (r->transcript)
		fprintf(r->transcript, "*Back: the answer to \"%s\" was undone.*\n\n",
			last->question->ask);
	update(r);
	return TURN_AGAIN;
}

static void why_not(struct run *r, const char *arg)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	int found;

	if (!m)
		return;
	found = *arg ? explain_why_not(&r->s, arg, m) : -1;
	fclose(m);
	if (found < 0) {
		if (*arg) {
			fputs("'", r->out);
			say_log(r->out, arg);
			fputs("' is not a cause here; ", r->out);
		}
		fputs("why-not takes an id or a rank: ", r->out);
		for (size_t i = 0; i < r->s.fd->ncauses; i++)
			fprintf(r->out, "%s%zu %s", i ? ", " : "", i + 1,
				r->s.fd->causes[i].cause->id);
		fputs("\n", r->out);
	} else {
		fputs(text, r->out);
		if (r->transcript) {
			fprintf(r->transcript, "> why-not %s\n\n", arg);
			md_block(r->transcript, text);
		}
	}
	free(text);
}

/* The questions change takes: the playbook's ids, those the tree has passed first. */
static void say_questions(struct run *r)
{
	const struct finding *fd = r->s.fd;
	const struct kb_playbook *pb = fd->playbook;
	size_t k = 0;

	fputs("change takes a question's id: ", r->out);
	for (size_t i = 0; i < fd->npath; i++)
		fprintf(r->out, "%s%s", k++ ? ", " : "", fd->path[i].question->id);
	for (size_t i = 0; i < pb->nquestions; i++) {
		int passed = 0;
		for (size_t j = 0; j < fd->npath && !passed; j++)
			passed = fd->path[j].question == &pb->questions[i];
		if (!passed)
			fprintf(r->out, "%s%s", k++ ? ", " : "", pb->questions[i].id);
	}
	fputs("\n", r->out);
}

static void invalid(struct run *r, const char *word)
{
	const struct kb_question *q = session_question(&r->s);

	fputs("'", r->out);
	say_log(r->out, word);
	if (!q) {
		fputs("' is not a command here: why, how, why-not CAUSE, full, change QUESTION, "
		      "back, help or quit.\n", r->out);
		return;
	}
	fprintf(r->out, "' is not an answer: type 1-%zu (", q->nanswers);
	for (size_t i = 0; i < q->nanswers; i++)
		fprintf(r->out, "%s%s", i ? ", " : "", answers_word(&q->answers[i]));
	fputs("), or why, how, why-not CAUSE, change QUESTION, back, skip, help, quit.\n",
	      r->out);
}

/* change QUESTION [ANSWER]: reopens a question, whoever answered it. */
static void change(struct run *r, char *arg)
{
	struct session *s = &r->s;
	size_t n = strcspn(arg, " \t");
	char *answer = arg + n + strspn(arg + n, " \t");
	const struct kb_question *q;

	arg[n] = '\0';
	q = *arg ? infer_question(s->fd->playbook, arg) : NULL;
	if (!q) {
		if (*arg) {
			fputs("'", r->out);
			say_log(r->out, arg);
			fputs("' is not a question here; ", r->out);
		}
		say_questions(r);
		return;
	}
	if (!*answer) {
		s->reopened = q;
		return;
	}
	const struct kb_answer *a = parse_answer(q, answer);
	if (!a && strcasecmp(answer, "skip") && strcmp(answer, "?")) {
		s->reopened = q;
		invalid(r, answer);
		return;
	}
	push(r, q, a);
}

/* Acts on one line typed at the prompt. */
static enum turn dispatch(struct run *r, char *line)
{
	char *cmd = line + strspn(line, " \t");
	size_t n = strcspn(cmd, " \t");
	char *arg = cmd + n + strspn(cmd + n, " \t");

	for (char *e = arg + strlen(arg); e > arg && (e[-1] == ' ' || e[-1] == '\t');)
		*--e = '\0';
	const struct kb_question *q = session_question(&r->s);

	cmd[n] = '\0';
	if (!*cmd) {
		if (q)
			ask(r);
		return TURN_AGAIN;
	}
	if (!strcmp(cmd, "quit") || !strcmp(cmd, "q") || !strcmp(cmd, "exit"))
		return TURN_QUIT;
	if (!strcmp(cmd, "help") || !strcmp(cmd, "h"))
		help(r);
	else if (!strcmp(cmd, "why") && !strncmp(arg, "not", 3) && (!arg[3] || arg[3] == ' '))
		why_not(r, arg + 3 + strspn(arg + 3, " "));
	else if (!strcmp(cmd, "why"))
		show(r, "> why", why);
	else if (!strcmp(cmd, "how"))
		show(r, "> how", how);
	else if (!strcmp(cmd, "why-not") || !strcmp(cmd, "whynot"))
		why_not(r, arg);
	else if (!strcmp(cmd, "full"))
		report(r, 1);
	else if (!strcmp(cmd, "back"))
		return back(r);
	else if (!strcmp(cmd, "change"))
		change(r, arg);
	else if (q && (!strcasecmp(cmd, "skip") || !strcmp(cmd, "?")))
		push(r, q, NULL);
	else if (q && parse_answer(q, cmd) && !*arg)
		push(r, q, parse_answer(q, cmd));
	else
		invalid(r, cmd);
	return TURN_AGAIN;
}

/* The questions of the chosen finding, until quit, Ctrl-D or back to the list. */
static enum turn converse(struct run *r)
{
	const struct kb_question *asked = NULL;
	size_t steps_seen = 0;           /* an answer or a change shows the question again */
	int ended = 0;

	heading(r);
	show(r, "### What the log settled", settled);
	for (;;) {
		struct session *s = &r->s;
		const struct kb_question *q = session_question(s);
		size_t nwords = 0;
		if (q && (q != asked || s->nsteps != steps_seen)) {
			ask(r);
			ended = 0;
		} else if (!q && !ended) {
			conclude(r);
			ended = 1;
		}
		asked = q;
		steps_seen = s->nsteps;
		for (size_t i = 0; q && i < q->nanswers; i++)
			r->words[nwords++] = answers_word(&q->answers[i]);
		for (size_t i = 0; i < NCOMMANDS; i++)
			r->words[nwords++] = commands[i];
		tty_completions(r->tty, r->words, nwords, "why-not", r->cause_ids,
				s->fd->playbook->ncauses);
		char *line = NULL;
		enum tty_read got = tty_readline(r->tty, q ? PROMPT_ANSWER : PROMPT_DONE,
						 &line);
		if (got == TTY_EOF)
			return TURN_QUIT;
		if (got == TTY_INTERRUPT) {
			fputs("(line abandoned; quit or Ctrl-D leaves)\n", r->out);
			continue;
		}
		enum turn turn = dispatch(r, line);
		free(line);
		if (turn != TURN_AGAIN)
			return turn;
	}
}

/* --- choosing a failure --- */

static void list_failures(struct run *r)
{
	const struct report_input *res = &r->res;

	fprintf(r->out, "\n%zu failures in the log:\n", res->nfindings);
	for (size_t i = 0; i < res->nfindings; i++) {
		const struct finding *fd = res->findings[i];
		const char *subject = finding_subject(fd);
		struct buf b = { 0 };
		buf_printf(&b, "%zu) %s%s%s (line %zu, x%zu)%s", i + 1, fd->playbook->id,
			   subject ? ": " : "", subject ? subject : "", fd->first_line,
			   fd->occurrences, fd->secondary ? " secondary" : "");
		say(r->out, 2, 5, b.s);
		buf_reset(&b);
		buf_adds(&b, fd->playbook->title);
		say(r->out, 5, 5, b.s);
		buf_fini(&b);
	}
	for (size_t i = 0; i < res->nunmatched; i++) {
		const struct unmatched *u = &res->unmatched[i];
		fprintf(r->out, "  not diagnosed: line %zu: ", u->first_line);
		say_log(r->out, u->exception);
		fputc('\n', r->out);
	}
}

/* The finding the person picks (the first, a primary, by default); NULL: they left. */
static struct finding *choose(struct run *r)
{
	static const char *const words[] = { "help", "quit" };
	const struct report_input *res = &r->res;

	if (res->nfindings == 1)
		return res->findings[0];
	list_failures(r);
	tty_completions(r->tty, words, 2, NULL, NULL, 0);
	for (;;) {
		char *line = NULL, *end;
		enum tty_read got = tty_readline(r->tty, "failure [1]> ", &line);
		if (got == TTY_EOF)
			return NULL;
		if (got == TTY_INTERRUPT)
			continue;
		char *word = line + strspn(line, " \t");
		word[strcspn(word, " \t")] = '\0';
		unsigned long n = *word ? strtoul(word, &end, 10) : 1;
		int quit = !strcmp(word, "quit") || !strcmp(word, "q");
		int ok = !*word || (!*end && n >= 1 && n <= res->nfindings);
		free(line);
		if (quit)
			return NULL;
		if (ok)
			return res->findings[n - 1];
		fprintf(r->out, "Type a number from 1 to %zu (Enter: 1), or quit.\n",
			res->nfindings);
	}
}

/* --- the whole session --- */

static void converse_all(struct run *r)
{
	struct finding *fd;

	while ((fd = choose(r))) {
		start(r, fd);
		if (converse(r) != TURN_LIST)
			return;
		/* Back to the list with nothing answered: the finding as the log left it. */
		answers_refresh(r->rc, fd, &r->s.log, NULL, 0);
		forget(r);
	}
}

static void transcript_end(struct run *r)
{
	struct finding *only[] = { r->s.fd };
	struct report_input in = { .findings = only, .nfindings = 1 };
	struct report_opts md = { .format = REPORT_MARKDOWN };

	if (!r->transcript)
		return;
	if (r->s.fd) {
		fputs("---\n\n", r->transcript);
		report_write(r->transcript, &in, &md);
	}
}

int session_run(const struct opts *o, const struct kb *kb, const struct answers *given,
		const struct report_opts *ro)
{
	struct run r = { .o = o, .ro = ro };
	int status = EXIT_FOUND, unreadable;

	r.tty = tty_open();
	if (!r.tty) {
		msg_plain(MSG_ERROR, "-i needs a terminal to ask on");
		return EXIT_USAGE;
	}
	r.out = tty_out(r.tty);
	if (o->transcript && !(r.transcript = fopen(o->transcript, "w"))) {
		msg(MSG_ERROR, o->transcript, 0, 0, "cannot write the transcript");
		tty_close(r.tty);
		return EXIT_USAGE;
	}
	if (r.transcript)
		fputs("# pickdoc guided session\n\n", r.transcript);
	r.rc = regex_cache_new();
	r.t = triage_new(kb, r.rc);
	triage_set_input_format(r.t, o->input);
	r.s.rc = r.rc;
	unreadable = session_read_logs(r.t, o->args, o->nargs, r.tty, kb, r.rc, &r.mem);
	triage_result(r.t, &r.res);
	for (size_t i = 0; i < r.res.nfindings; i++)
		answers_apply(given, r.rc, r.res.findings[i]);
	if (unreadable > 0) {
		status = EXIT_NONE;
	} else if (!r.res.nfindings) {
		fputs("No failure that pickdoc knows was found.\n", r.out);
		for (size_t i = 0; i < r.res.nunmatched; i++) {
			fprintf(r.out, "  not diagnosed: line %zu: ", r.res.unmatched[i].first_line);
			say_log(r.out, r.res.unmatched[i].exception);
			fputc('\n', r.out);
		}
		status = EXIT_NONE;
	} else {
		converse_all(&r);
	}
	if (unreadable < 0)
		status = EXIT_INPUT;
	int to_stdout = !tty_is_stdout(r.tty) || ro->format != REPORT_TEXT;
	transcript_end(&r);
	if (r.transcript && fclose(r.transcript) != 0) {
		msg(MSG_ERROR, o->transcript, 0, 0, "cannot write the transcript");
		status = EXIT_USAGE;
	}
	tty_close(r.tty);
	if (unreadable <= 0 && to_stdout && report_write(stdout, &r.res, ro) < 0)
		status = EXIT_USAGE;
	forget(&r);
	triage_free(r.t);
	regex_cache_free(r.rc);
	free(r.mem.text);
	return status;
}
