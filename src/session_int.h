/*
 * session_int.h: what the parts of the guided session share, for session*.c only.  The
 * terminal (session_tty.c) knows lines, keys and history; the explanations
 * (session_explain.c) know how to say the decision tree and the ranking, which infer.h
 * computes; the conversation (session.c) holds the state and decides what comes next.
 */
#ifndef PICKDOC_SESSION_INT_H
#define PICKDOC_SESSION_INT_H

#include <stddef.h>
#include <stdio.h>

#include "finding.h"
#include "kb.h"
#include "regex.h"
#include "triage.h"

/* --- the terminal (session_tty.c) --- */

struct tty;

/* Whether a person can be asked: the standard input is a terminal, or /dev/tty opens. */
int tty_available(void);
/* The terminal: stdin and stdout where they are one, /dev/tty where they carry the log or
 * the report.  NULL when there is none.  Loads the history. */
struct tty *tty_open(void);
/* Saves the history (failing silently) and gives the terminal back as it was. */
void tty_close(struct tty *t);
FILE *tty_out(const struct tty *t);
/* Whether the conversation is written to the standard output. */
int tty_is_stdout(const struct tty *t);

enum tty_read { TTY_LINE, TTY_EOF, TTY_INTERRUPT };
/* Reads one line with readline after PROMPT; *LINE is the caller's to free. */
enum tty_read tty_readline(struct tty *t, const char *prompt, char **line);
/* What Tab completes: WORDS as the first word, ARGS after the word ARG_COMMAND.  The arrays
 * are borrowed until the next call. */
void tty_completions(struct tty *t, const char *const *words, size_t nwords,
		     const char *arg_command, const char *const *args, size_t nargs);

/* Whether TEXT (LEN bytes) already holds a whole failure, so that an empty line ends it. */
typedef int tty_paste_done_fn(const char *text, size_t len, void *arg);
/* Reads text pasted on the standard input (a terminal) until an empty line that DONE
 * accepts with nothing more waiting, or the end of input; *LEN is its length.  Returns the
 * text for the caller to free, or NULL when the person pressed Ctrl-C. */
char *tty_read_paste(struct tty *t, tty_paste_done_fn *done, void *arg, size_t *len);

/* Writes TEXT at column INDENT, word-wrapped at 80 columns with continuation lines at
 * column HANG; control bytes (which may come from a log) are written as \xHH. */
void say(FILE *out, size_t indent, size_t hang, const char *text);
/* The same with the cursor already at column COL. */
void say_more(FILE *out, size_t col, size_t hang, const char *text);
/* Writes S with control bytes as \xHH. */
void say_log(FILE *out, const char *s);

/* --- the logs (session_input.c) --- */

/* A log read whole into memory: stdin that is not a terminal, or a paste. */
struct log_text {
	const char *origin;              /* "<stdin>" or "<pasted>"; NULL: none */
	char *text;                      /* owned */
	size_t len;
};

struct session;

/* Triages the NPATHS logs of PATHS into T ("-", or none at all: stdin, which is asked to
 * be pasted when it is a terminal), keeping in MEM what stdin held.  Returns 0, 1 when the
 * person abandoned the paste, -1 when an input could not be read (reported). */
int session_read_logs(struct triage *t, char *const *paths, size_t npaths, struct tty *tty,
		      const struct kb *kb, struct regex_cache *rc, struct log_text *mem);

/* Fills s->lines with the lines of the log that the facts of s->log were read from. */
void session_load_lines(struct session *s, const struct log_text *mem);

/* --- the state of a session (session.c) and what explains it (session_explain.c) --- */

/* One thing the person did to the decision tree. */
struct step {
	const struct kb_question *question;
	const struct kb_answer *answer;  /* NULL: skipped ("don't know") */
};

/* A line of the log that a fact was read from. */
struct log_line {
	size_t line;
	char *text;
};

struct session {
	struct regex_cache *rc;
	struct finding *fd;              /* the failure being discussed */
	struct facts log;                /* its facts before the person answered anything */
	struct step *steps;              /* in order; back removes the last */
	size_t nsteps, steps_cap;
	struct log_line *lines;          /* the log lines the facts name */
	size_t nlines;
	/* What the tree leaves (the next question, the causes still possible, the
	 * conclusion) is fd's, from infer.h. */
	const struct kb_question *reopened; /* a question the person asked to change */
};

/* The question being asked: the one reopened, else the tree's next, or NULL. */
const struct kb_question *session_question(const struct session *s);
/* The text of log line LINE of the finding's input, or NULL. */
const char *session_line(const struct session *s, size_t line);

/* What the log answered before anyone was asked. */
void explain_settled(const struct session *s, FILE *out);
/* Why the question Q matters: its why and the causes each answer leaves. */
void explain_why(const struct session *s, const struct kb_question *q, FILE *out);
/* Why the conclusion: the answers that led to it and the evidence behind its score. */
void explain_conclusion(const struct session *s, FILE *out);
/* How the ranking was reached: facts, answers, skips, ranked causes with their because. */
void explain_how(const struct session *s, FILE *out);
/* What keeps cause ARG (an id or a rank) out or low.  Returns -1 when ARG names no cause. */
int explain_why_not(const struct session *s, const char *arg, FILE *out);

#endif
