/*
 * parse_line.h: what one cleaned line of a printed exception is (a header, a frame, a caret
 * line, an exception line, a chain sentence...).  Pure functions with no state; parse.c
 * (and its tests) only.  Texts are (pointer, length) views of the line, never copies.
 */
#ifndef PICKDOC_PARSE_LINE_H
#define PICKDOC_PARSE_LINE_H

#include <stddef.h>

#include "record.h"

struct pl_frame {
	const char *file;
	size_t file_len;
	long lineno;             /* 0 when the line gave none */
	const char *func;        /* NULL in the "File ..., line N" form */
	size_t func_len;
};

struct pl_exc {
	const char *type;
	size_t type_len;
	const char *message;     /* after ": "; empty when absent */
	size_t message_len;
	int colon;               /* the type was followed by ':' */
};

/* Leading blanks of S. */
size_t pl_indent(const char *s, size_t n);

/* S ends with "Traceback (most recent call last):"; *AT is where that starts. */
int pl_header(const char *s, size_t n, size_t *at);

/* S is the header of an exception group ("  + Exception Group Traceback ...", the header
 * at AT): its lines are printed under the text before "Exception Group" (*PREFIX_LEN bytes)
 * with the '+' of the margin that starts at *MARGIN turned into '|'. */
int pl_group_header(const char *s, size_t at, size_t *margin, size_t *prefix_len);

/* S ends with one of the two chain sentences: TB_LINK_CONTEXT or TB_LINK_CAUSE, with *AT
 * where the sentence starts; TB_LINK_NONE otherwise. */
enum tb_link pl_chain(const char *s, size_t n, size_t *at);

/* S is a frame line: blanks, File "F", line N[, in FUNC]. */
int pl_frame(const char *s, size_t n, struct pl_frame *f);

/* A frame line anywhere in S (under a prefix): *AT is where the text before it ends, the
 * frame's usual two-blank indentation excluded. */
int pl_find_frame(const char *s, size_t n, size_t *at, struct pl_frame *f);

/* S is a caret line: at least one '^' or '~', and blanks. */
int pl_caret(const char *s, size_t n);

/* S is "...<N lines>..." (3.13+ elision inside a multi-line statement). */
int pl_elision(const char *s, size_t n, long *count);

/* S is "[Previous line repeated N more times]". */
int pl_repeat(const char *s, size_t n, long *count);

/* S is an exception line as printed at the end of a traceback: a dotted name, alone or
 * followed by ':' and the message. */
int pl_exception(const char *s, size_t n, struct pl_exc *e);

/* TYPE looks like an exception class name rather than a word with a colon ("Note",
 * "INFO", "file"): its last component is CamelCase, or ends in Error, Exception, Warning,
 * Exit or Interrupt, or is capitalised under a module path, or is the lower-case `error`
 * of a C module (`struct.error`, `socket.error`, `zlib.error`). */
int pl_exception_like(const char *type, size_t len);

/* An exception line somewhere in S, as a logger prints one without its traceback: the first
 * "Type: message" (or "Type:Message", retyped without the blank) whose type is
 * exception-like, else a line ending in "name:" (a possible carrier).  *AT is where the
 * type starts. */
int pl_find_bare(const char *s, size_t n, size_t *at, struct pl_exc *e);

/* S is the header IPython prints, "TypeError      Traceback (most recent call last)" (no
 * colon, the exception's type padded in front): *AT is where that type starts. */
int pl_ipython_header(const char *s, size_t n, size_t *at);

/* S is a frame line as IPython prints one: "Cell In[3], line 7[, in f(a)]", "Input In [3],
 * in <cell line: 7>()", "File ~/x.py:12[, in f(a)]" (8.x), "<ipython-input-3-...> in
 * <module>", "~/x.py in f(a)" (7.x and before).  FUNC is the last part of the name, as
 * CPython prints it, without the argument list; a line broken after "File ~/x.py:12,"
 * gives no FUNC (pl_ipython_func reads the rest). */
int pl_ipython_frame(const char *s, size_t n, struct pl_frame *f);

/* S is "in f(a)", the end of an IPython frame line that was broken after its comma. */
int pl_ipython_func(const char *s, size_t n, struct pl_frame *f);

/* S is a numbered source line IPython shows under a frame: 2 for the line that ran
 * ("----> 7 x = f()": *LINENO 7, *CODE "x = f()"), 1 for a line around it ("      6 y"),
 * else 0. */
int pl_ipython_source(const char *s, size_t n, long *lineno, const char **code,
		      size_t *code_len);

/* S is IPython's account of frames it did not print: "... last 2 frames repeated, from
 * the frame below ...", "[... skipping similar frames: f at line 6 (2978 times)]". */
int pl_ipython_skip(const char *s, size_t n);

/* S is a line of pytest's report of a failure: its section rule ("____ test_x ____", the
 * test's name between underscores) returns 1, the rule between two frames of the long form
 * ("_ _ _ _") 2; else 0. */
int pl_pytest_rule(const char *s, size_t n);

/* S is a line of loguru's annotations under a source line ("│    └ <value>"): blanks and
 * box-drawing bars before a value. */
int pl_annotation(const char *s, size_t n);

/* S is the first line of the exception VS Code's debugger shows, "Exception has occurred:
 * Type" (a note may follow the type): *E has the type; the message is the next line, the
 * frames come after it. */
int pl_vscode_header(const char *s, size_t n, struct pl_exc *e);

/* S is a line of pytest's short test summary: "FAILED path::test - Type: message" (or
 * "ERROR ..."), which repeats, often cut, a failure the report showed above. */
int pl_pytest_summary(const char *s, size_t n);

/* S is a frame's location as pytest prints it: "PATH:N: in FUNC" (--tb=short, and the
 * middle frames of the default) returns 1; "PATH:N:" or "PATH:N: Type", which closes a
 * frame of the long form whose line that ran was the "> " line above, returns 2;
 * "PATH:N: Type: message" (--tb=line, the whole failure on one line) returns 3. */
int pl_pytest_frame(const char *s, size_t n, struct pl_frame *f);

/* S is pytest's "> code" (the line that ran, long form): 1 and *CODE. */
int pl_pytest_ran(const char *s, size_t n, const char **code, size_t *code_len);

/* S is pytest's "E   text" (the exception and its message): 1 and *TEXT. */
int pl_pytest_error(const char *s, size_t n, const char **text, size_t *text_len);

/* S is a line the interactive interpreter echoed: ">>> code" (1) or "... code" (2), the
 * prompt's blank optional when nothing follows; *CODE is what was typed.  0 otherwise. */
int pl_prompt(const char *s, size_t n, const char **code, size_t *code_len);

/* S is exactly three double or single quotes: returns that quote character, else 0. */
int pl_quote(const char *s, size_t n);

/* S introduces the traceback a carrier quotes without quotes around it, after a blank
 * line under the carrier's empty message: a heading set off by "-- " that ends in ':'
 * ("-- Process 1 terminated with the following error:"). */
int pl_carried_intro(const char *s, size_t n);

/* S is a line of an indented paragraph, maybe under "> " quoting (*QUOTE_LEN bytes of
 * quote marks and the blank after them): two blanks in a row (or a tab) come before its
 * first letter or digit, after nothing but punctuation ("    This probably...",
 * "`        An attempt"). */
int pl_paragraph(const char *s, size_t n, size_t *quote_len);

/* S is a rule of at least 20 '=' that frames a message of sections and fields. */
int pl_box_rule(const char *s, size_t n);

/* The message line S leaves its sentence open (ends in ',' ';' ':' or an opening
 * bracket), so an unindented line after it continues the message. */
int pl_open_end(const char *s, size_t n);

#endif
