/*
 * rotate.h: which of the files named together are one log and its rotations (app.log,
 * app.log.1, app.log.2.gz, app.log-20240501.zst), put oldest first, so that they are read
 * as the one log they were: in order, and with a traceback that a rotation cut in two
 * joined again.  Knows the names logrotate gives, not what the files hold.
 */
#ifndef PICKDOC_ROTATE_H
#define PICKDOC_ROTATE_H

#include <stddef.h>

/* Reorders the N PATHS so that each log's files follow each other, oldest first, at the
 * place of the first of them named.  A log's files are LOG and its rotations when LOG is
 * named; any other file is a log of its own.  Writes the number of files of each log into SET_LEN (room for N) and returns
 * how many logs there are. */
size_t rotate_order(const char **paths, size_t n, size_t *set_len);

#endif
