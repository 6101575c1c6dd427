/*
 * clean.h: what a terminal, a log collector or a Markdown renderer did to a line.  Removes
 * carriage returns and ANSI escape sequences, undoes Markdown's escapes, compares a line
 * with the prefix (timestamp, level, worker tag, "> " quoting) another line was printed
 * under, reads the time a prefix says, tells a log record's start when it sees one, and
 * which characters a terminal
 * would act on, and writes those escaped.  Knows nothing of tracebacks or of any language.
 */
#ifndef PICKDOC_CLEAN_H
#define PICKDOC_CLEAN_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "util.h"

/* The text a terminal would show for LINE: trailing CRs dropped, only what follows the
 * last CR inside the line kept (a progress bar overwrote the rest), escape sequences
 * removed.  Returns LINE itself when there was no escape sequence, else SCRATCH's storage
 * (valid until SCRATCH is next used). */
const char *clean_text(struct buf *scratch, const char *line, size_t len, size_t *out_len);

/* LINE as it was before a Markdown round trip damaged it (a paste rendered, then copied
 * back as Markdown): "\_", "\<", "\*" and the like unescaped when every backslash of the
 * line escapes a punctuation character and one escapes what Markdown would have taken
 * for markup; "**name**" turned back into "__name__" (a dunder the renderer made bold), and
 * "__name**" or "**name__" too (one it half ate, pairing its other half elsewhere); HTML
 * character references (&lt; &gt; &amp; &quot; &#39;) as the characters they stand for.
 * Returns LINE itself when there was nothing to repair, else SCRATCH's storage. */
const char *clean_markdown(struct buf *scratch, const char *line, size_t len, size_t *out_len);

/* At S (N bytes left), a character people type or a page shows in place of an ASCII one:
 * a full-width form (U+FF01-U+FF5E, as CJK input methods type "：" and "＜") or a curly
 * quote.  Its length, with the ASCII character in *C; else 0. */
size_t clean_lookalike(const char *s, size_t n, char *c);

/* LINE with those characters written as the ASCII ones, so that a pattern written for the
 * ASCII text matches.  Returns LINE itself when there were none, else SCRATCH's storage;
 * then, when MAP is not NULL, (*MAP)[i] (grown as needed, *MAP_CAP its capacity) is the
 * offset in LINE of byte i of the result, up to i = *OUT_LEN (which maps to LEN). */
const char *clean_lookalikes(struct buf *scratch, const char *line, size_t len, size_t *out_len,
			     size_t **map, size_t *map_cap);

/* Length of the character at S (N > 0 bytes left; 1 for a byte that starts no well-formed
 * UTF-8 character), its code point in *CP (the byte's value for such a byte), and whether a
 * terminal may be given it as it is: not for such a byte, a control character (C0 but tab,
 * DEL, C1) or a character that reorders or breaks lines without being one (bidirectional
 * controls, U+2028, U+2029).  Newline counts as a control character. */
size_t clean_char(const char *s, size_t n, unsigned long *cp, int *shown);

/* Writes the character at S (LEN bytes, code point CP as clean_char gave them), which a
 * terminal must not be given, as an escape: "\\u202e" for a character, "\\x1b" for a byte.
 * Returns the escape's width in columns. */
size_t clean_put_escape(FILE *out, const char *s, size_t len, unsigned long cp);

/* LEN without the trailing blanks (spaces, tabs) of S. */
size_t clean_rtrim(const char *s, size_t len);

/* Whether LINE starts with the shape of PREFIX, and how many bytes of LINE that is.  The
 * shape is PREFIX's bytes, except that within a blank-separated word without two letters in
 * a row (a date, a time, "[42]") a run of digits matches any run of digits; so
 * "12:00:03,5 [w-3] " matches "12:00:04,117 [w-3] " but not "12:00:04 [w-4] ".  A line that
 * is the prefix without its trailing blanks matches too (a blank line under the prefix).
 * Returns 0 when LINE does not start with the shape, else a distance, 1 plus the number of
 * those runs of digits that differ, a tag's counting for more than any number of others:
 * of several prefixes LINE has the shape of, the lowest is the one it is closest to.  A tag
 * is a word of one number in brackets or parentheses ("[4242]", "(w-3)"), as writers tag
 * their lines with a pid; *TAG_DIFFERS (when not NULL) says whether one differs, which
 * makes LINE another writer's, or a line under a counter. */
int clean_prefix_match(const char *prefix, size_t plen, const char *line, size_t len,
		       size_t *matched, int *tag_differs);

/* Whether LINE starts under another prefix of PREFIX's shape, as another worker's lines
 * do: the two agree up to a difference inside a word, and what they agree on holds a letter
 * or digit and a punctuation mark ("[w-3] " and "[w-4] ", "pid=12 " and "pid=7 ",
 * "[pod/a/c] " and "[pod/b/c] "), so a line that is no log record of its own can still be
 * told from one printed without any prefix. */
int clean_prefix_other(const char *prefix, size_t plen, const char *line, size_t len);

/* The time the first ISO 8601 date and time in PREFIX (N bytes) says ("2024-05-01
 * 12:00:03,123", "2024-05-01T12:00:03.5Z", "...+02:00"), in seconds since the epoch; a
 * time without a zone is taken as UTC.  0 when PREFIX holds none (a syslog stamp, which
 * has no year, is not read). */
time_t clean_time(const char *prefix, size_t n);
/* SECONDS since the epoch as a time a log can say, from 1970 to the end of 9999 (as
 * clean_time reads them), else 0: a field holding another number is not a time. */
time_t clean_epoch(long long seconds);

/* Whether TEXT opens the way a log record does: a date or time ("2024-05-01", "12:00:03"),
 * a level word ("ERROR", "INFO:"), a syslog stamp ("Jan  5 10:00:00"). */
int clean_is_log_line(const char *text, size_t len);

/* Whether TEXT is a log record's line at an informational level (DEBUG, INFO, NOTICE or
 * TRACE in its prefix): what it says of a failure is a mention in passing, not a report
 * of one. */
int clean_informational(const char *text, size_t len);

#endif
