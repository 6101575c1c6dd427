/*
 * scan.h: skips quickly to the lines that may matter.  Looks through a block of whole lines
 * for the few marks a line needs to start a traceback record or to hide one in a container
 * (a colon ending a line or a capitalised name, a frame's 'File "', an escape sequence, an
 * escape of a log container), so that the lines before the first of them are passed over
 * without being split.  Knows bytes and the shape of those marks; nothing of what any line
 * means.
 */
#ifndef PICKDOC_SCAN_H
#define PICKDOC_SCAN_H

#include <stddef.h>

/* The length of the quiet lines that start BUF (LEN bytes): whole lines, each ending in
 * '\n', none of which holds a mark; *LINES is how many there are.  A quiet line is one
 * that the parser, while no record is open, and the unwrapper both leave alone, so a
 * reader may drop it unread; the line after them holds a mark or is not whole yet. */
size_t scan_quiet(const char *buf, size_t len, size_t *lines);

/* The ways of looking for marks, narrowest first; each finds the same ones.  scan_quiet
 * uses the widest the processor has unless told otherwise. */
enum scan_way { SCAN_BYTES, SCAN_SSE2, SCAN_AVX2 };
/* Makes scan_quiet use WAY from now on (for the tests of each way): 0, or -1 when this
 * processor or build cannot. */
int scan_set_way(enum scan_way way);

#endif
