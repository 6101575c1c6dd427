/*
 * parse_grammar.h: one record being read, block by block, under the prefix its lines carry.
 * parse.c decides which record a line goes to; parse_grammar.c decides what the line does
 * to that record.  For parse.c and parse_grammar.c only.
 */
#ifndef PICKDOC_PARSE_GRAMMAR_H
#define PICKDOC_PARSE_GRAMMAR_H

#include <stddef.h>

#include "parse.h"
#include "parse_line.h"
#include "record.h"
#include "util.h"

/* How a record's lines relate to the prefix its first line was printed under. */
enum reading_mode {
	MODE_NEW,                /* not known yet */
	MODE_STRICT,             /* every line carries it (docker, "> " quoting) */
	MODE_RAW                 /* only the first did (a logger's line), or there is none */
};

enum reading_state {
	ST_FRAMES,               /* after a header or a frame: until the exception line */
	ST_EXC,                  /* after the exception line: message, notes, chain, quote */
	ST_NEXT,                 /* after a chain sentence or an opening quote: a block */
	ST_QUOTED_END            /* after a closing quote: a chain sentence, or the end */
};

struct reading {
	struct tb_record *rec;
	struct buf prefix;       /* what the first line had before the report */
	enum reading_mode mode;
	enum reading_state state;
	int tag_varies;          /* its lines' tag number changes: a counter, not a writer */
	int ask_bare;            /* begun by a lone exception line: kept if the bare callback
				    wants its first block */
	int ipython;             /* printed in IPython's layout (pl_ipython_header) */
	int pytest;              /* pytest's report of a failure (pl_pytest_rule) */
	int vscode;              /* VS Code's exception: type, message, then the frames */
	/* the rest is parse_grammar.c's */
	size_t excs_cap;
	int in_block;            /* the last block of rec is still being read */
	size_t frames_cap, notes_cap;
	size_t ring;             /* oldest kept tail frame, once frames are dropped */
	size_t last_frame;
	int expect_source;       /* the last line was a frame line */
	int annotated;           /* the last line was loguru's annotation, before its blank */
	int flush_left;          /* and it had lost its indentation */
	size_t frame_indent;     /* the indentation of the last frame line */
	struct buf source;       /* source lines of the last frame */
	size_t source_indent;    /* indentation of its first line, removed from all */
	struct buf message;      /* message of the block being read */
	size_t message_indent;   /* that of its first indented line, likewise */
	int msg_open;            /* "Type: " with nothing after: the message follows */
	int msg_more;            /* the last message line ends open, as "...encountered," */
	int msg_indented;        /* the message went on over indented lines */
	size_t msg_boxed;        /* lines of a message framed by "=====" rules read so far,
				    0 outside one */
	int line_wrapped;        /* the line being fed had blanks after its text */
	int msg_wrapped;         /* the last message line had: a paste wrapped it there, and
				    a line going on without a capital continues it */
	enum tb_link link;       /* for the next block */
	int quote;               /* '"' or '\'' inside a quoted traceback */
	char *carrier;           /* the carrier's type while inside it */
	size_t blanks;           /* blank lines seen since the last line that counted */
	struct buf ran;          /* pytest's last "> " line, for the frame its location closes */
	struct buf def;          /* and the function its "def" line above named */
};

/* A record of ORIGIN whose first line (LINENO) had PREFIX (PLEN bytes) before the report;
 * the channel is the first CHANNEL_LEN bytes of it, trimmed. */
struct reading *reading_new(const char *origin, const char *prefix, size_t plen,
			    size_t channel_len, size_t lineno);

/* How the record starts: a header line; a chain sentence; a frame line without a header
 * (0 when S is no frame line); an exception line seen alone (over lines FIRST to LAST).
 * reading_chain and reading_quote also follow a lone exception line. */
void reading_header(struct reading *r, size_t lineno);
/* An IPython header: the record's blocks are in IPython's layout. */
void reading_ipython(struct reading *r, size_t lineno);
void reading_chain(struct reading *r, enum tb_link link, size_t lineno);
int reading_frame(struct reading *r, const char *s, size_t n, size_t lineno);
void reading_lone(struct reading *r, const struct pl_exc *e, size_t first, size_t last);
/* VS Code's "Exception has occurred: Type" (pl_vscode_header). */
void reading_vscode(struct reading *r, const struct pl_exc *e, size_t lineno);
/* pytest's report of a failure: its section rule, or a frame's location (then fed as
 * any line) where a paste starts. */
void reading_pytest(struct reading *r, size_t lineno);
/* A frame line of IPython's (pl_ipython_frame) without a header: a paste that starts at a
 * frame of a notebook's traceback. */
void reading_ipython_frame(struct reading *r, const struct pl_frame *f, size_t lineno);
/* The exception line just read is a carrier: QUOTE opens the traceback it quotes. */
void reading_quote(struct reading *r, int quote, size_t lineno);

/* Feeds the line (prefix removed; blanks after its text tell a message wrapped by a paste
 * from one that ended): 0 when it cannot continue the record, which is then to be ended and
 * the line looked at again. */
int reading_feed(struct reading *r, const char *s, size_t n, size_t lineno);

/* Nothing is missing: the record may end at the next line that does not continue it. */
int reading_complete(const struct reading *r);

/* Ends the record and frees R: the record, or NULL when it held nothing worth keeping.
 * MENTION (may be NULL) says whether the raise line a cut record ends on quotes a message
 * worth reading as a mention. */
struct tb_record *reading_end(struct reading *r, parse_mention_fn mention, void *arg);

/* Frees R and its record. */
void reading_free(struct reading *r);

#endif
