/*
 * opts.c: getopt_long table and usage text (the same as the man page SYNOPSIS).
 */
#include "opts.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "util.h"

enum { OPT_COLOR = 256, OPT_LINT, OPT_DUMP, OPT_ANSWER, OPT_ANSWERS, OPT_NO_INPUT, OPT_TRANSCRIPT,
       OPT_INPUT, OPT_FOLLOW, OPT_QUIET, OPT_MERGE, OPT_LABEL, OPT_FULL };

#define QUIET_MS_DEFAULT 500

static const struct option long_options[] = {
	{ "answer", required_argument, NULL, OPT_ANSWER },
	{ "answers", required_argument, NULL, OPT_ANSWERS },
	{ "brief", no_argument, NULL, 'b' },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "dump", required_argument, NULL, OPT_DUMP },
	{ "follow", no_argument, NULL, OPT_FOLLOW },
	{ "format", required_argument, NULL, 'f' },
	{ "full", no_argument, NULL, OPT_FULL },
	{ "guide", no_argument, NULL, 'i' },
	{ "help", no_argument, NULL, 'h' },
	{ "input", required_argument, NULL, OPT_INPUT },
	{ "kb", required_argument, NULL, 'k' },
	{ "label", required_argument, NULL, OPT_LABEL },
	{ "lint", no_argument, NULL, OPT_LINT },
	{ "list", no_argument, NULL, 'l' },
	{ "merge", no_argument, NULL, OPT_MERGE },
	{ "no-input", no_argument, NULL, OPT_NO_INPUT },
	{ "quiet-period", required_argument, NULL, OPT_QUIET },
	{ "show", required_argument, NULL, 's' },
	{ "transcript", required_argument, NULL, OPT_TRANSCRIPT },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

void opts_usage(FILE *out)
{
	fputs("usage: pickdoc [-bhilV] [--full] [-f format] [--color=when] [--input=format]\n"
	      "               [-k dir]... [-s id] [--answer=question=answer]... [--answers=file]...\n"
	      "               [--no-input] [--transcript=file] [--lint [dir...]] [--dump=records]\n"
	      "               [file ...]\n"
	      "       pickdoc --follow [--quiet-period=ms] [-f format] [--label=key=value]...\n"
	      "               [file]\n"
	      "       pickdoc --merge [-b] [-f format] [--label=key=value]... report...\n"
	      "\n"
	      "Finds the Python failures in a log and says what they mean, their likely\n"
	      "causes, the first ten minutes, the fix and how to verify it.\n"
	      "\n"
	      "  -f, --format=FORMAT    text (default), json, markdown or ndjson; yaml with\n"
	      "                         --show: the playbook's YAML source\n"
	      "  -b, --brief            one line per failure\n"
	      "      --full             the whole text report: meaning, evidence, every cause\n"
	      "  -i, --guide            ask what the log does not say, one question at a time\n"
	      "      --answer=Q=A       answer question Q with A, as a runbook (repeatable)\n"
	      "      --answers=FILE     answers from a YAML map of question: answer (repeatable)\n"
	      "      --no-input         never ask: stop at the ranked causes\n"
	      "      --transcript=FILE  save the guided session as Markdown\n"
	      "      --color=WHEN       auto (default), always or never\n"
	      "      --input=FORMAT     auto (default), text, json, syslog or escaped\n"
	      "  -k, --kb=DIR           add or override playbooks from DIR (repeatable)\n"
	      "      --follow           report each failure as soon as its traceback ends\n"
	      "      --quiet-period=MS  in --follow, input quiet this long ends a traceback (500)\n"
	      "      --label=KEY=VALUE  tag the report, e.g. host=web-1 (repeatable)\n"
	      "      --merge            combine JSON or ndjson reports of many hosts into one\n"
	      "  -l, --list             list the playbooks\n"
	      "  -s, --show=ID          print one playbook in full\n"
	      "      --lint [DIR...]    check the knowledge base (and DIRs)\n"
	      "      --dump=records     print the parsed tracebacks (debugging)\n"
	      "  -h, --help             this help\n"
	      "  -V, --version          the version\n"
	      "\n"
	      "Exit status: 0 a failure was diagnosed, 1 none, 2 usage or knowledge base\n"
	      "error, 3 an input could not be read.\n",
	      out);
}

static int set_action(struct opts *o, enum opts_action a, const char *name)
{
	if (o->action != ACT_TRIAGE && o->action != a) {
		msg_plain(MSG_ERROR, "option '%s' cannot be combined with another action", name);
		return -1;
	}
	o->action = a;
	return 0;
}

static int parse_format(struct opts *o, const char *arg)
{
	if (!strcmp(arg, "text"))
		o->format = REPORT_TEXT;
	else if (!strcmp(arg, "json"))
		o->format = REPORT_JSON;
	else if (!strcmp(arg, "markdown") || !strcmp(arg, "md"))
		o->format = REPORT_MARKDOWN;
	else if (!strcmp(arg, "ndjson"))
		o->format = REPORT_NDJSON;
	else if (!strcmp(arg, "yaml"))
		o->yaml = 1;
	else {
		msg_plain(MSG_ERROR, "unknown format '%s' (text, json, markdown, ndjson, or yaml "
			  "with --show)", arg);
		return -1;
	}
	return 0;
}

static int parse_color(struct opts *o, const char *arg)
{
	if (!strcmp(arg, "auto"))
		o->color = COLOR_AUTO;
	else if (!strcmp(arg, "always"))
		o->color = COLOR_ALWAYS;
	else if (!strcmp(arg, "never"))
		o->color = COLOR_NEVER;
	else {
		msg_plain(MSG_ERROR, "unknown --color value '%s' (auto, always or never)", arg);
		return -1;
	}
	return 0;
}

/* KEY=VALUE, KEY a word a log shipper takes as a field name. */
static int add_label(struct opts *o, const char *arg)
{
	size_t key = strspn(arg, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-");

	if (!key || arg[key] != '=') {
		msg_plain(MSG_ERROR, "--label takes KEY=VALUE (KEY letters, digits, '_', '.', '-'), "
			  "not '%s'", arg);
		return -1;
	}
	o->labels = xreallocarray(o->labels, o->nlabels + 1, sizeof *o->labels);
	o->labels[o->nlabels++] = arg;
	return 0;
}

static int parse_quiet(struct opts *o, const char *arg)
{
	char *end;
	long ms = strtol(arg, &end, 10);

	if (end == arg || *end || ms < 1 || ms > 3600000) {
		msg_plain(MSG_ERROR, "--quiet-period takes milliseconds from 1 to 3600000, not '%s'",
			  arg);
		return -1;
	}
	o->quiet_ms = (int)ms;
	return 0;
}

static int parse_one(struct opts *o, int c, const char *arg)
{
	switch (c) {
	case 'b':
		o->brief = 1;
		return 0;
	case OPT_FULL:
		o->full = 1;
		return 0;
	case 'i':
		o->guide = 1;
		return 0;
	case OPT_ANSWER:
		o->answer_args = xreallocarray(o->answer_args, o->nanswer_args + 1,
					       sizeof *o->answer_args);
		o->answer_args[o->nanswer_args++] = arg;
		return 0;
	case OPT_ANSWERS:
		o->answer_files = xreallocarray(o->answer_files, o->nanswer_files + 1,
						sizeof *o->answer_files);
		o->answer_files[o->nanswer_files++] = arg;
		return 0;
	case OPT_NO_INPUT:
		o->no_input = 1;
		return 0;
	case OPT_TRANSCRIPT:
		o->transcript = arg;
		return 0;
	case OPT_FOLLOW:
		o->follow = 1;
		return 0;
	case OPT_QUIET:
		return parse_quiet(o, arg);
	case OPT_LABEL:
		return add_label(o, arg);
	case OPT_MERGE:
		return set_action(o, ACT_MERGE, "--merge");
	case 'f':
		return parse_format(o, arg);
	case OPT_COLOR:
		return parse_color(o, arg);
	case OPT_INPUT:
		if (unwrap_format_parse(arg, &o->input) < 0) {
			msg_plain(MSG_ERROR, "unknown --input value '%s' "
				  "(auto, text, json, syslog or escaped)", arg);
			return -1;
		}
		return 0;
	case 'k':
		o->kb_dirs = xreallocarray(o->kb_dirs, o->nkb_dirs + 1, sizeof *o->kb_dirs);
		o->kb_dirs[o->nkb_dirs++] = arg;
		return 0;
	case 'l':
		return set_action(o, ACT_LIST, "--list");
	case 's':
		o->show_id = arg;
		return set_action(o, ACT_SHOW, "--show");
	case OPT_LINT:
		return set_action(o, ACT_LINT, "--lint");
	case OPT_DUMP:
		if (strcmp(arg, "records")) {
			msg_plain(MSG_ERROR, "unknown --dump value '%s' (records)", arg);
			return -1;
		}
		return set_action(o, ACT_DUMP, "--dump");
	case 'h':
		o->action = ACT_HELP;
		return 0;
	case 'V':
		o->action = ACT_VERSION;
		return 0;
	default:
		return -1;
	}
}

/* The session's options go with a diagnosis only, and a transcript with a session. */
static int check_session(const struct opts *o)
{
	const char *name = o->guide ? "-i" : o->nanswer_args ? "--answer"
			   : o->nanswer_files ? "--answers" : o->no_input ? "--no-input"
			   : o->transcript ? "--transcript" : NULL;

	if (name && o->action != ACT_TRIAGE && o->action != ACT_HELP &&
	    o->action != ACT_VERSION) {
		msg_plain(MSG_ERROR, "option '%s' cannot be combined with another action", name);
		return -1;
	}
	if (o->transcript && (!o->guide || o->no_input)) {
		msg_plain(MSG_ERROR, "--transcript records a guided session: use it with -i%s",
			  o->no_input ? " and without --no-input" : "");
		return -1;
	}
	return 0;
}

/* --follow reads one input as it grows and reports as it goes: no session, no merge. */
static int check_follow(const struct opts *o)
{
	if (!o->follow && o->quiet_ms != QUIET_MS_DEFAULT) {
		msg_plain(MSG_ERROR, "--quiet-period goes with --follow");
		return -1;
	}
	if (!o->follow)
		return 0;
	if (o->action != ACT_TRIAGE && o->action != ACT_HELP && o->action != ACT_VERSION) {
		msg_plain(MSG_ERROR, "option '--follow' cannot be combined with another action");
		return -1;
	}
	if (o->guide) {
		msg_plain(MSG_ERROR, "--follow reports as it goes: it cannot ask questions (-i)");
		return -1;
	}
	if (o->nargs > 1) {
		msg_plain(MSG_ERROR, "--follow reads one input (a file, a FIFO or stdin), not %zu",
			  o->nargs);
		return -1;
	}
	return 0;
}

int opts_parse(struct opts *o, int argc, char **argv)
{
	int c;

	memset(o, 0, sizeof *o);
	o->quiet_ms = QUIET_MS_DEFAULT;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":bf:hik:ls:V", long_options, NULL)) != -1) {
		if (c == '?') {
			if (optopt)
				msg_plain(MSG_ERROR, "unknown option '-%c' (see pickdoc --help)", optopt);
			else
				msg_plain(MSG_ERROR, "unknown option '%s' (see pickdoc --help)", argv[optind - 1]);
			return -1;
		}
		if (c == ':') {
			msg_plain(MSG_ERROR, "option '%s' needs a value", argv[optind - 1]);
			return -1;
		}
		if (parse_one(o, c, optarg) < 0)
			return -1;
	}
	o->args = argv + optind;
	o->nargs = (size_t)(argc - optind);
	if ((o->action == ACT_LIST || o->action == ACT_SHOW) && o->nargs) {
		msg_plain(MSG_ERROR, "'%s': --list and --show take no files", argv[optind]);
		return -1;
	}
	if (o->yaml && o->action != ACT_SHOW) {
		msg_plain(MSG_ERROR, "format 'yaml' prints a playbook's source: use it with --show");
		return -1;
	}
	if (check_session(o) < 0 || check_follow(o) < 0)
		return -1;
	return 0;
}

void opts_fini(struct opts *o)
{
	free(o->kb_dirs);
	free(o->answer_args);
	free(o->answer_files);
	free(o->labels);
	o->labels = NULL;
	o->nlabels = 0;
	o->kb_dirs = NULL;
	o->nkb_dirs = 0;
	o->answer_args = o->answer_files = NULL;
	o->nanswer_args = o->nanswer_files = 0;
}
