/*
 * fuzz_parse.c: the log reader and the traceback parser.  The input is written to a memory
 * file and read back through input.c with a read size taken from its first byte, so that
 * buffer edges fall anywhere; the lines must be exactly the input's, and every record the
 * parser makes must keep the parser's bounds (frames, notes, blocks, text sizes) and line
 * numbers inside the input.  (triage_text, the in-memory reader, is fuzz_pipeline's.)
 */
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "input.h"
#include "msg.h"
#include "parse.h"
#include "record.h"
#include "util.h"

#define FRAMES_KEPT 128                  /* parse_grammar.c keeps the first and last 64 */
#define NOTES_KEPT 64
#define BLOCKS_KEPT 64

struct seen {
	size_t nlines;
	size_t records;
	FILE *dump;
};

static size_t text_len(const char *s)
{
	FUZZ_ASSERT(s != NULL);
	return strlen(s);
}

static void check_exc(const struct tb_exc *x, const struct seen *seen)
{
	FUZZ_ASSERT(text_len(x->type) <= PARSE_TEXT_MAX);
	FUZZ_ASSERT(text_len(x->message) <= PARSE_MESSAGE_MAX);
	FUZZ_ASSERT(x->nframes <= FRAMES_KEPT);
	FUZZ_ASSERT(x->nnotes <= NOTES_KEPT);
	FUZZ_ASSERT(x->dropped == 0 || x->nframes == FRAMES_KEPT);
	FUZZ_ASSERT(x->first_line >= 1 && x->first_line <= x->last_line);
	FUZZ_ASSERT(x->last_line <= seen->nlines);
	FUZZ_ASSERT(x->repeated >= 0 && x->elided >= 0 && x->dropped >= 0);
	for (size_t i = 0; i < x->nframes; i++) {
		const struct tb_frame *f = &x->frames[i];
		FUZZ_ASSERT(text_len(f->file) <= PARSE_TEXT_MAX);
		FUZZ_ASSERT(!f->func || strlen(f->func) <= PARSE_TEXT_MAX);
		FUZZ_ASSERT(!f->source || strlen(f->source) <= PARSE_TEXT_MAX);
		FUZZ_ASSERT(f->input_line >= x->first_line && f->input_line <= x->last_line);
		FUZZ_ASSERT(f->lineno >= 0);
	}
	for (size_t i = 0; i < x->nnotes; i++)
		FUZZ_ASSERT(text_len(x->notes[i]) <= PARSE_TEXT_MAX);
}

static void on_record(struct tb_record *rec, void *arg)
{
	struct seen *seen = arg;

	FUZZ_ASSERT(rec->nexcs >= 1 && rec->nexcs <= BLOCKS_KEPT);
	FUZZ_ASSERT(rec->first_line >= 1 && rec->first_line <= rec->last_line);
	FUZZ_ASSERT(rec->last_line <= seen->nlines);
	FUZZ_ASSERT(rec->origin != NULL);
	FUZZ_ASSERT(!rec->channel || strlen(rec->channel) <= PARSE_TEXT_MAX);
	for (size_t i = 0; i < rec->nexcs; i++)
		check_exc(&rec->excs[i], seen);
	FUZZ_ASSERT(record_final(rec) != NULL);
	record_dump(seen->dump, rec);
	record_free(rec);
	seen->records++;
}

/* Every third lone exception line is taken, to reach the lone-line paths too. */
static int some_bare(const char *type, size_t type_len, const char *message,
		     size_t message_len, void *arg)
{
	(void)type, (void)message;
	return ((type_len + message_len + ((struct seen *)arg)->records) % 3) == 0;
}

/* Reads DATA back through input.c; checks the lines are the input's and parses them. */
static void through_input(const uint8_t *data, size_t size, size_t read_size)
{
	struct seen seen = { 0 };
	char path[64];
	int fd = memfd_create("fuzz_parse", 0);
	const char *line;
	size_t len, at = 0;
	int got;

	FUZZ_ASSERT(fd >= 0);
	for (size_t done = 0; done < size;) {
		ssize_t n = write(fd, data + done, size - done);
		FUZZ_ASSERT(n > 0);
		done += (size_t)n;
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	struct input *in = input_open(path);
	FUZZ_ASSERT(in != NULL);
	input_set_read_size(in, read_size);
	for (const uint8_t *p = data; p < data + size; p++)
		seen.nlines += *p == '\n';
	seen.nlines += size && data[size - 1] != '\n';
	seen.dump = fuzz_null_stream();
	struct parser *p = parser_new(input_name(in), on_record, some_bare, &seen);
	while ((got = input_next(in, &line, &len)) > 0) {
		FUZZ_ASSERT(at + len <= size && memcmp(line, data + at, len) == 0);
		at += len;
		FUZZ_ASSERT(at == size || data[at] == '\n');
		at += at < size;
		FUZZ_ASSERT(input_lineno(in) <= seen.nlines);
		parser_line(p, line, len, input_lineno(in));
	}
	FUZZ_ASSERT(got == 0 && at == size);
	FUZZ_ASSERT(input_lineno(in) == seen.nlines);
	parser_finish(p);
	parser_free(p);
	input_close(in);
	close(fd);
}

/* The first byte picks the read size: mostly a few bytes, so that lines and characters
 * are split across reads, sometimes a large block. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	fuzz_null_stream();
	through_input(data + 1, size - 1, data[0] < 0xf0 ? (size_t)data[0] % 64 + 1 : 1u << 20);
	return 0;
}
