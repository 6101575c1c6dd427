/*
 * record.h: a traceback as read from a log, as plain data.  A record is one printed
 * report: one or more exception blocks (a chain, or a carrier and the remote traceback it
 * quotes), oldest first.  The parser builds records; everything after it only reads them.
 * A record is heap-allocated and owns every string and array it points to; record_free
 * releases the record itself and all of them (NULL is a no-op).
 */
#ifndef PICKDOC_RECORD_H
#define PICKDOC_RECORD_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

struct tb_frame {
	char *file;              /* as printed, never NULL */
	long lineno;             /* 0 when the frame line gave none */
	char *func;              /* NULL when the frame line gave none (SyntaxError form) */
	char *source;            /* the source line under the frame, stripped; NULL if none */
	size_t input_line;       /* line of the input the frame line came from */
};

enum tb_link {
	TB_LINK_NONE,            /* first block, or unrelated */
	TB_LINK_CONTEXT,         /* "During handling of the above exception ..." */
	TB_LINK_CAUSE            /* "The above exception was the direct cause ..." */
};

struct tb_exc {
	char *type;              /* "KeyError", "pkg.module.Error"; "" when the log lost it */
	char *message;           /* may span lines (joined by '\n'); "" when absent */
	char **notes;            /* lines printed under the message (3.11+ notes) */
	size_t nnotes;
	struct tb_frame *frames; /* outermost first */
	size_t nframes;
	enum tb_link link;       /* how this block follows the previous one */
	char *carrier;           /* for a block quoted by a carrier ("...RemoteTraceback"), the
				    carrier's header type; NULL otherwise */
	int has_header;          /* a "Traceback (most recent call last):" line was seen */
	int mentioned;           /* no exception line: the message was read inside other text
				    (a sentence, a title, quotes); TYPE is "" and MESSAGE is that
				    line, from where the message may start */
	long repeated;           /* frames elided by "[Previous line repeated N more times]" */
	long elided;             /* source lines elided by "...<N lines>..." */
	long dropped;            /* frames the parser did not keep: the middle of a block too
				    long to hold (it keeps the first and the last ones) */
	size_t cut;              /* bytes of text the parser did not keep: the end of a message
				    or of another text longer than it holds (parse.h) */
	size_t first_line;       /* input lines this block spans, 1-based */
	size_t type_line;        /* input line of the exception line */
	size_t last_line;
};

/* A line of the input read just before a record, or the record's first line whole. */
struct tb_near {
	char *text;
	size_t lineno;
};

struct tb_record {
	struct tb_exc *excs;     /* oldest first, as printed */
	size_t nexcs;
	struct tb_near *near;    /* the lines around its start (parse.h), oldest first; not
				    part of what the record says (record_key) */
	size_t nnear;
	char *origin;            /* input name ("<stdin>" or the file path), never NULL */
	char *channel;           /* the line prefix the record was read under, or NULL */
	time_t written;          /* when its first line's prefix says it was written, or 0 */
	int truncated;           /* the input ended or moved on before the exception line */
	size_t dropped_blocks;   /* blocks the parser did not keep: the middle of a chain too
				    long to hold */
	size_t first_line;
	size_t last_line;
};

void record_free(struct tb_record *rec);
/* Releases what one block owns (not the block itself). */
void tb_exc_fini(struct tb_exc *exc);

/* The innermost block that carries an exception line: what the report calls "the"
 * exception.  NULL only for an empty record. */
const struct tb_exc *record_final(const struct tb_record *rec);

/* What REC says, where in its input, under which prefix and when it was written aside, as
 * bytes into KEY (emptied first): two records with equal keys are read alike by every
 * later stage, so a diagnosis made of one stands for the other. */
struct buf;
void record_key(const struct tb_record *rec, struct buf *key);

/* Stable text form for --dump=records and parser tests. */
void record_dump(FILE *out, const struct tb_record *rec);

#endif
