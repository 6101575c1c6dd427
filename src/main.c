/*
 * main.c: parses options and wires the stages: knowledge base (built-in, then PICKDOC_KB,
 * then --kb), then triage of every input, the answers given ahead, then one report; or a
 * run that follows its input and reports as it goes; or the guided session; or the merge
 * of reports; or one of the other actions.  Decides the exit status, nothing else.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "answers.h"
#include "kb.h"
#include "kb_lint.h"
#include "merge.h"
#include "msg.h"
#include "opts.h"
#include "regex.h"
#include "report.h"
#include "session.h"
#include "triage.h"
#include "util.h"

/* The built-in base, then PICKDOC_KB's directories, then --kb's, each overriding. */
static struct kb *load_kb(const struct opts *o, int lint)
{
	struct kb *kb = kb_new(kb_builtin());
	const char *env = getenv("PICKDOC_KB");
	int errors = 0;

	if (env && *env) {
		char *dirs = xstrdup(env), *save = NULL;
		for (char *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save))
			errors += kb_load_dir(kb, d);
		free(dirs);
	}
	for (size_t i = 0; i < o->nkb_dirs; i++)
		errors += kb_load_dir(kb, o->kb_dirs[i]);
	/* The built-in part was linted at build time; what the user added is checked now, so
	 * that a broken pattern is an error rather than a playbook that never matches. */
	if (!errors && !lint)
		errors += kb_lint_added(kb, kb_builtin());
	if (errors) {
		kb_free(kb);
		return NULL;
	}
	return kb;
}

static int use_color(const struct opts *o)
{
	const char *no_color = getenv("NO_COLOR");

	if (o->color != COLOR_AUTO)
		return o->color == COLOR_ALWAYS;
	return isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

/* --answers files in order, then --answer options; a later answer replaces an earlier. */
static struct answers *load_answers(const struct opts *o, const struct kb *kb)
{
	struct answers *a = answers_new();
	int errors = 0;

	for (size_t i = 0; i < o->nanswer_files; i++)
		errors += answers_load_file(a, o->answer_files[i]);
	for (size_t i = 0; i < o->nanswer_args; i++)
		errors += answers_add_arg(a, o->answer_args[i]) < 0;
	if (!errors)
		errors += answers_check(a, kb);
	if (errors) {
		answers_free(a);
		return NULL;
	}
	return a;
}

/* How often, at least, a run that follows its input announces the counts that grew. */
#define REPEAT_MS 10000

static volatile sig_atomic_t stop_asked;

static void ask_stop(int sig)
{
	(void)sig;
	stop_asked = 1;
}

/* SIGINT and SIGTERM end a followed input as its end would: the summary, then exit.
 * Without SA_RESTART, so that the wait for input returns at once. */
static void catch_stop(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ask_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* The exit status of a run that wrote a report: the report not written, then an input not
 * read (or, merging, SKIPPED a file that is no report), then whether anything was found. */
static int report_status(int write_failed, int unreadable, int skipped, size_t nfindings)
{
	return write_failed ? EXIT_USAGE
	       : unreadable ? EXIT_INPUT
	       : skipped    ? EXIT_USAGE
	       : nfindings  ? EXIT_FOUND
			    : EXIT_NONE;
}

static int run_follow(const struct opts *o, const struct kb *kb, const struct report_opts *ro,
		      const struct answers *given)
{
	struct regex_cache *rc = regex_cache_new();
	struct triage *t = triage_new(kb, rc);
	struct report_input res;
	struct report_labels labels = { o->labels, o->nlabels };

	catch_stop();
	triage_set_input_format(t, o->input);
	triage_stream(t, stdout, ro, &labels, given);
	int unreadable = triage_follow(t, o->nargs ? o->args[0] : NULL, o->quiet_ms, REPEAT_MS,
				       &stop_asked) < 0;
	triage_result(t, &res);
	res.labels = &labels;
	int status = report_status(report_end(stdout, &res, ro) < 0 || triage_write_failed(t),
				   unreadable, 0, res.nfindings);
	triage_free(t);
	regex_cache_free(rc);
	return status;
}

static int run_triage(const struct opts *o, const struct kb *kb, const struct report_opts *ro,
		      const struct answers *given)
{
	if (o->follow)
		return run_follow(o, kb, ro, given);

	struct regex_cache *rc = regex_cache_new();
	struct triage *t = triage_new(kb, rc);
	triage_set_input_format(t, o->input);
	struct report_input res;
	struct report_labels labels = { o->labels, o->nlabels };
	int unreadable = triage_paths(t, (const char *const *)o->args, o->nargs) < 0;

	triage_result(t, &res);
	res.labels = &labels;
	for (size_t i = 0; i < res.nfindings; i++)
		answers_apply(given, rc, res.findings[i]);
	int status = report_status(report_write(stdout, &res, ro) < 0, unreadable, 0,
				   res.nfindings);
	triage_free(t);
	regex_cache_free(rc);
	return status;
}

/* Lints KB, or, when directories are named, only what they add to it. */
static int run_lint(const struct opts *o, const struct kb *kb)
{
	struct kb *dirs = NULL;
	int errors = 0;

	if (o->nargs) {
		dirs = kb_new(kb);
		for (size_t i = 0; i < o->nargs; i++)
			errors += kb_load_dir(dirs, o->args[i]);
	}
	const struct kb *linted = dirs ? dirs : kb, *base = dirs ? kb : NULL;
	if (!errors)
		errors = kb_lint_beyond(linted, base);
	/* The cost of the patterns on hostile text: too slow for the build's lint. */
	if (!errors)
		errors = kb_lint_cost(linted, base);
	if (errors) {
		msg_plain(MSG_ERROR, "knowledge base has %d error%s", errors, errors == 1 ? "" : "s");
		kb_free(dirs);
		return EXIT_USAGE;
	}
	size_t nplaybooks, nrules;
	kb_lint_count(linted, base, &nplaybooks, &nrules);
	printf("knowledge base ok: %zu playbook%s, %zu evidence rule%s\n", nplaybooks,
	       nplaybooks == 1 ? "" : "s", nrules, nrules == 1 ? "" : "s");
	kb_free(dirs);
	return EXIT_FOUND;
}

static int run_dump(const struct opts *o)
{
	int unreadable = triage_dump_records((const char *const *)o->args, o->nargs, o->input,
					     stdout) < 0;

	return unreadable ? EXIT_INPUT : EXIT_FOUND;
}

static int run_diagnosis(const struct opts *o, const struct kb *kb,
			 const struct report_opts *ro)
{
	struct answers *given = load_answers(o, kb);
	int status = EXIT_USAGE;

	if (!given)
		return EXIT_USAGE;
	switch (session_mode(o, answers_count(given))) {
	case SESSION_ASK:
		status = session_run(o, kb, given, ro);
		break;
	case SESSION_REPLAY:
		status = run_triage(o, kb, ro, given);
		break;
	case SESSION_NONE:
		break;
	}
	answers_free(given);
	return status;
}

/* Exit status 3 when a report could not be read, else 2 when one was no report. */
static int run_merge(const struct opts *o, const struct kb *kb, const struct report_opts *ro)
{
	struct merge *m = merge_new(kb);
	struct report_input res;
	struct report_labels labels = { o->labels, o->nlabels };
	enum merge_status worst = MERGE_OK;

	if (!o->nargs) {
		msg_plain(MSG_ERROR, "--merge needs the reports to merge (JSON or ndjson files)");
		merge_free(m);
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < o->nargs; i++) {
		enum merge_status st = merge_file(m, o->args[i]);
		worst = st > worst ? st : worst;
	}
	merge_result(m, &res);
	res.labels = &labels;
	int status = report_status(report_write(stdout, &res, ro) < 0,
				   worst == MERGE_UNREADABLE, worst == MERGE_NOT_REPORT,
				   res.nfindings);
	merge_free(m);
	return status;
}

static int run_action(const struct opts *o, const struct kb *kb)
{
	struct report_opts ro = { .format = o->format, .color = use_color(o),
				  .brief = o->brief, .full = o->full };

	switch (o->action) {
	case ACT_LIST:
		return report_list(stdout, kb) < 0 ? EXIT_USAGE : EXIT_FOUND;
	case ACT_SHOW: {
		const struct kb_playbook *pb = kb_find(kb, o->show_id);
		if (!pb) {
			msg_plain(MSG_ERROR, "no playbook '%s' (see pickdoc --list)", o->show_id);
			return EXIT_USAGE;
		}
		if (o->yaml && !pb->source) {
			msg_plain(MSG_ERROR, "playbook '%s' carries no YAML source", o->show_id);
			return EXIT_USAGE;
		}
		if (o->yaml)
			return fputs(pb->source, stdout) < 0 ? EXIT_USAGE : EXIT_FOUND;
		return report_playbook(stdout, pb, &ro) < 0 ? EXIT_USAGE : EXIT_FOUND;
	}
	case ACT_LINT:
		return run_lint(o, kb);
	case ACT_MERGE:
		return run_merge(o, kb, &ro);
	default:
		return run_diagnosis(o, kb, &ro);
	}
}

int main(int argc, char **argv)
{
	struct opts o;
	int status;

	if (opts_parse(&o, argc, argv) < 0) {
		opts_fini(&o);
		return EXIT_USAGE;
	}
	if (o.action == ACT_HELP) {
		opts_usage(stdout);
		status = EXIT_FOUND;
	} else if (o.action == ACT_VERSION) {
		printf("pickdoc %s\n", PICKDOC_VERSION);
		status = EXIT_FOUND;
	} else if (o.action == ACT_DUMP) {
		status = run_dump(&o);
	} else {
		struct kb *kb = load_kb(&o, o.action == ACT_LINT);
		status = kb ? run_action(&o, kb) : EXIT_USAGE;
		kb_free(kb);
	}
	opts_fini(&o);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		msg_plain(MSG_ERROR, "cannot write the output");
		status = EXIT_USAGE;
	}
	return status;
}
