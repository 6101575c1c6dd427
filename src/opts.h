/*
 * opts.h: the command line.  Parses argv into struct opts (which then travels as const),
 * prints usage.  Knows options, not what the program does with them.
 */
#ifndef PICKDOC_OPTS_H
#define PICKDOC_OPTS_H

#include <stddef.h>
#include <stdio.h>

#include "report.h"
#include "unwrap.h"

enum opts_action { ACT_TRIAGE, ACT_LIST, ACT_SHOW, ACT_LINT, ACT_DUMP, ACT_MERGE, ACT_HELP,
		   ACT_VERSION };
enum opts_color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* The exit statuses of pickdoc(1). */
enum exit_status { EXIT_FOUND = 0, EXIT_NONE = 1, EXIT_USAGE = 2, EXIT_INPUT = 3 };

struct opts {
	enum opts_action action;
	enum report_format format;
	int yaml;                   /* --show with -f yaml: the playbook's YAML source */
	enum opts_color color;
	int brief;
	int full;                /* --full: the whole text report */
	const char *show_id;
	const char **kb_dirs;    /* --kb, in order */
	size_t nkb_dirs;
	int guide;               /* -i: the guided session */
	int no_input;            /* never prompt */
	const char *transcript;  /* --transcript FILE, or NULL */
	const char **answer_args;   /* --answer QUESTION=ANSWER, in order */
	size_t nanswer_args;
	const char **answer_files;  /* --answers FILE, in order */
	size_t nanswer_files;
	enum unwrap_format input;   /* --input: how lines are unwrapped */
	int follow;                 /* --follow: report each finding as it comes */
	int quiet_ms;               /* --quiet-period: what ends a traceback in --follow */
	const char **labels;        /* --label KEY=VALUE, in order */
	size_t nlabels;
	char *const *args;       /* files, directories for --lint, reports for --merge */
	size_t nargs;
};

/* Returns 0, or -1 after reporting a usage error.  The caller frees with opts_fini. */
int opts_parse(struct opts *o, int argc, char **argv);
void opts_fini(struct opts *o);
void opts_usage(FILE *out);

#endif
