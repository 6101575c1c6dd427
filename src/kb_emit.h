/*
 * kb_emit.h: writes a loaded knowledge base as C source holding the same data as static
 * const structures, defining kb_builtin().  Used by the build-time tool tools/kbc.
 */
#ifndef PICKDOC_KB_EMIT_H
#define PICKDOC_KB_EMIT_H

#include <stdio.h>

#include "kb.h"

/* Returns 0, or -1 on a write error. */
int kb_emit_c(FILE *out, const struct kb *kb);

#endif
