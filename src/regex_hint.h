/*
 * regex_hint.h: the text every match of a PCRE2 pattern must contain, read from the
 * pattern's source (no compilation), for a quick test that a subject cannot match.  Knows
 * PCRE2's syntax, not what any pattern is for.
 */
#ifndef PICKDOC_REGEX_HINT_H
#define PICKDOC_REGEX_HINT_H

#include <stddef.h>

/* The longest hint kept: a part of a required text is required too. */
#define REGEX_HINT_MAX 32

/* Writes into OUT (at most MAX bytes, not NUL-terminated) a text that every match of
 * PATTERN contains, and returns its length: 0 when it finds none it can be sure of. */
size_t regex_required_text(const char *pattern, char *out, size_t max);

#endif
