/*
 * fuzz_pipeline.c: the whole pipeline with the built-in knowledge base, bytes in, reports
 * out.  The JSON report must parse (jansson) and hold every finding and undiagnosed
 * traceback; the text and Markdown reports must keep every byte of the log away from the
 * terminal: valid UTF-8, no control character but newline and tab, no C1 control, no
 * bidirectional override.
 */
#include <string.h>

#include <jansson.h>

#include "fuzz.h"
#include "kb.h"
#include "msg.h"
#include "regex.h"
#include "report.h"
#include "triage.h"

static char *render(const struct report_input *res, enum report_format format, size_t *len)
{
	struct report_opts ro = { .format = format };
	char *text = NULL;
	FILE *out = open_memstream(&text, len);

	FUZZ_ASSERT(out != NULL);
	FUZZ_ASSERT(report_write(out, res, &ro) == 0);
	FUZZ_ASSERT(fclose(out) == 0);
	return text;
}

static void check_json(const struct report_input *res)
{
	size_t len;
	char *text = render(res, REPORT_JSON, &len);
	json_error_t err;
	json_t *root = json_loadb(text, len, 0, &err);

	if (!root)
		fprintf(stderr, "JSON error: %s at %d:%d\n", err.text, err.line, err.column);
	FUZZ_ASSERT(root != NULL);
	FUZZ_ASSERT(json_array_size(json_object_get(root, "findings")) == res->nfindings);
	FUZZ_ASSERT(json_array_size(json_object_get(root, "unmatched")) == res->nunmatched);
	json_decref(root);
	free(text);
}

/* Length of the valid UTF-8 character at S, or 0; *CP gets its code point. */
FUZZ_CHECKER static size_t utf8_char(const unsigned char *s, size_t n, unsigned long *cp)
{
	size_t len = s[0] < 0x80 ? 1 : s[0] >= 0xc2 && s[0] <= 0xdf ? 2
		   : s[0] >= 0xe0 && s[0] <= 0xef ? 3 : s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : 0;
	unsigned long c;

	if (!len || len > n)
		return 0;
	c = len == 1 ? s[0] : s[0] & (0x7f >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

FUZZ_CHECKER static int bidi_control(unsigned long c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0x200e || c == 0x200f || c == 0x061c;
}

FUZZ_CHECKER static void check_terminal_safe(const struct report_input *res,
					     enum report_format format)
{
	size_t len;
	char *text = render(res, format, &len);
	const unsigned char *s = (const unsigned char *)text;

	for (size_t i = 0; i < len;) {
		unsigned long c = 0;
		size_t n = utf8_char(s + i, len - i, &c);
		if (!n)
			fprintf(stderr, "invalid UTF-8 at byte %zu of the report\n", i);
		FUZZ_ASSERT(n != 0);
		FUZZ_ASSERT(c >= 0x20 || c == '\n' || c == '\t');
		FUZZ_ASSERT(c != 0x7f && !(c >= 0x80 && c <= 0x9f));
		FUZZ_ASSERT(!bidi_control(c));
		i += n;
	}
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Compiled patterns are kept from one input to the next, as in one run over many
	 * files: compiling them again each time would cost most of the time. */
	static struct regex_cache *rc;
	struct report_input res;

	fuzz_null_stream();
	if (!rc)
		rc = regex_cache_new();
	struct triage *t = triage_new(kb_builtin(), rc);
	triage_text(t, (const char *)data, size, "fuzz.log");
	triage_result(t, &res);
	check_json(&res);
	check_terminal_safe(&res, REPORT_TEXT);
	check_terminal_safe(&res, REPORT_MARKDOWN);
	triage_free(t);
	return 0;
}
