/*
 * parse_line.c: recognises each kind of line CPython prints for an exception, in every
 * version from 2.7 on (traceback-format.md in the reference material has the shapes).
 * Looks at one cleaned line at a time and keeps no state; knows nothing of what an
 * exception means.
 */
#include "parse_line.h"

#include <string.h>

#include "clean.h"

#define HEADER "Traceback (most recent call last):"
#define CONTEXT_SENTENCE "During handling of the above exception, another exception occurred:"
#define CAUSE_SENTENCE "The above exception was the direct cause of the following exception:"
#define GROUP_WORDS "Exception Group "
#define LIT(s) s, sizeof s - 1

/* Longest exception type looked at when searching a line for one. */
#define BARE_TYPE_MAX 256

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static int is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

/* Letters, '_' and any byte of a multi-byte character: Python 3 names may be non-ASCII. */
static int is_name_start(char c)
{
	return is_upper(c) || is_lower(c) || c == '_' || (unsigned char)c >= 0x80;
}

static int is_name_char(char c)
{
	return is_name_start(c) || is_digit(c);
}

/* An exception line's type: dotted names, and "<locals>" for classes made in a function. */
static int is_type_char(char c)
{
	return is_name_char(c) || c == '.' || c == '<' || c == '>';
}

static int starts_with(const char *s, size_t n, const char *lit, size_t len)
{
	return n >= len && memcmp(s, lit, len) == 0;
}

static int ends_with(const char *s, size_t n, const char *lit, size_t len, size_t *at)
{
	if (n < len || memcmp(s + n - len, lit, len) != 0)
		return 0;
	*at = n - len;
	return 1;
}

/* The first LIT in S at or after FROM; N when there is none. */
static size_t find(const char *s, size_t n, size_t from, const char *lit, size_t len)
{
	while (from + len <= n) {
		const char *hit = memchr(s + from, lit[0], n - from - len + 1);

		if (!hit)
			break;
		from = (size_t)(hit - s);
		if (memcmp(hit, lit, len) == 0)
			return from;
		from++;
	}
	return n;
}

/* Parses digits at S[*I], advancing *I; -1 when there are none.  Saturates rather than
 * overflows. */
static long number(const char *s, size_t n, size_t *i)
{
	long v = 0;
	size_t start = *i;

	for (; *i < n && is_digit(s[*i]); (*i)++)
		v = v > 99999999999L ? v : v * 10 + (s[*i] - '0');
	return *i > start ? v : -1;
}

size_t pl_indent(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

int pl_header(const char *s, size_t n, size_t *at)
{
	return ends_with(s, n, LIT(HEADER), at);
}

int pl_group_header(const char *s, size_t at, size_t *margin, size_t *prefix_len)
{
	size_t words = sizeof GROUP_WORDS - 1;

	if (at < words || memcmp(s + at - words, GROUP_WORDS, words) != 0)
		return 0;
	size_t m = at - words;
	while (m > 0 && memchr(" +|", s[m - 1], 3))
		m--;
	*margin = m;
	*prefix_len = at - words;
	return 1;
}

enum tb_link pl_chain(const char *s, size_t n, size_t *at)
{
	if (ends_with(s, n, LIT(CONTEXT_SENTENCE), at))
		return TB_LINK_CONTEXT;
	if (ends_with(s, n, LIT(CAUSE_SENTENCE), at))
		return TB_LINK_CAUSE;
	return TB_LINK_NONE;
}

#define LINE_KW "\", line "

/* The frame line proper, from its "File" word, when the first LINE_KW after its opening
 * quote is at CLOSE (N: there is none). */
static int frame_parts(const char *s, size_t n, size_t close, struct pl_frame *f)
{
	if (close == n || close == 6)
		return 0;
	size_t i = close + sizeof LINE_KW - 1;
	long lineno = number(s, n, &i);
	f->file = s + 6;
	f->file_len = close - 6;
	f->lineno = lineno < 0 ? 0 : lineno;
	f->func = NULL;
	f->func_len = 0;
	if (i == n)
		return 1;
	if (!starts_with(s + i, n - i, LIT(", in ")) || i + 5 == n)
		return 0;
	f->func = s + i + 5;
	f->func_len = n - i - 5;
	return 1;
}

int pl_frame(const char *s, size_t n, struct pl_frame *f)
{
	size_t i = pl_indent(s, n);

	s += i;
	n -= i;
	if (!starts_with(s, n, LIT("File \"")))
		return 0;
	return frame_parts(s, n, find(s, n, 6, LIT(LINE_KW)), f);
}

int pl_find_frame(const char *s, size_t n, size_t *at, struct pl_frame *f)
{
	/* The first LINE_KW after the quote being looked at, found again only when the quote
	 * passes it: searching from each quote would make a line of 'File "' repeated cost
	 * the square of its length. */
	size_t close = 0;
	int none = 0;

	/* quotes are rarer than 'F' in log lines: find them, then look behind */
	for (const char *q = memchr(s, '"', n); q; q = memchr(q + 1, '"', n - (size_t)(q + 1 - s))) {
		size_t k = (size_t)(q - s);

		if (k < 5 || memcmp(q - 5, "File ", 5) != 0)
			continue;
		if (close <= k && !none) {
			close = find(s, n, k + 1, LIT(LINE_KW));
			none = close == n;
		}
		if (none)
			return 0;
		if (!frame_parts(q - 5, n - k + 5, close - k + 5, f))
			continue;
		k -= 5;
		size_t indent = 0;
		while (indent < 2 && indent < k && (s[k - indent - 1] == ' ' ||
						    s[k - indent - 1] == '\t'))
			indent++;
		*at = k - indent;
		return 1;
	}
	return 0;
}

int pl_caret(const char *s, size_t n)
{
	size_t i = pl_indent(s, n);
	int marks = 0;

	for (; i < n; i++) {
		if (s[i] == '^' || s[i] == '~')
			marks = 1;
		else if (s[i] != ' ')
			return 0;
	}
	return marks;
}

/* "WORD N UNIT" with an optional plural 's' on UNIT and the closing TAIL: the shape shared
 * by the elision and repetition lines. */
static int counted(const char *s, size_t n, const char *head, size_t head_len,
		   const char *unit, size_t unit_len, const char *tail, size_t tail_len,
		   long *count)
{
	size_t i = pl_indent(s, n);

	if (!starts_with(s + i, n - i, head, head_len))
		return 0;
	i += head_len;
	long v = number(s, n, &i);
	if (v < 0 || !starts_with(s + i, n - i, unit, unit_len))
		return 0;
	i += unit_len;
	if (i < n && s[i] == 's')
		i++;
	if (n - i != tail_len || memcmp(s + i, tail, tail_len) != 0)
		return 0;
	*count = v;
	return 1;
}

int pl_elision(const char *s, size_t n, long *count)
{
	return counted(s, n, LIT("...<"), LIT(" line"), LIT(">..."), count);
}

int pl_repeat(const char *s, size_t n, long *count)
{
	return counted(s, n, LIT("[Previous line repeated "), LIT(" more time"), LIT("]"),
		       count);
}

int pl_exception(const char *s, size_t n, struct pl_exc *e)
{
	size_t i = 0;

	if (n == 0 || !is_name_start(s[0]))
		return 0;
	while (i < n && is_type_char(s[i]))
		i++;
	if (s[i - 1] == '.')
		return 0;
	e->type = s;
	e->type_len = i;
	e->message = s + i;
	e->message_len = 0;
	e->colon = 0;
	if (i == n)
		return 1;
	if (s[i] != ':')
		return 0;
	e->colon = 1;
	if (i + 1 == n) {
		e->message = s + n;
		return 1;
	}
	if (s[i + 1] != ' ')
		return 0;
	e->message = s + i + 2;
	e->message_len = n - i - 2;
	return 1;
}

int pl_exception_like(const char *type, size_t len)
{
	static const char *const suffixes[] = {
		"Error", "Exception", "Warning", "Exit", "Interrupt", NULL
	};
	size_t start = len, upper = 0, lower = 0;

	while (start && type[start - 1] != '.')
		start--;
	const char *last = type + start;
	size_t n = len - start;
	while (n && *last == '_') {
		last++;
		n--;
	}
	if (start > 0 && n == 5 && !memcmp(last, "error", 5))
		return 1;
	if (!n || !is_upper(last[0]))
		return 0;
	for (size_t i = 0; i < n; i++) {
		upper += is_upper(last[i]);
		lower += is_lower(last[i]);
	}
	if (!lower)
		return 0;
	if (start > 0 || upper >= 2)
		return 1;
	for (size_t k = 0; suffixes[k]; k++) {
		size_t at, sl = strlen(suffixes[k]);

		if (ends_with(last, n, suffixes[k], sl, &at))
			return 1;
	}
	return 0;
}

/* Whether S[FROM..AT) ends in a character standing for an ASCII punctuation mark or
 * letter (a full-width colon glued to the type, as in "running.：TypeError: ..."): no
 * byte of a name. */
static int lookalike_ends(const char *s, size_t from, size_t at)
{
	char c;

	return (unsigned char)s[at - 1] >= 0x80 && at - from >= 3 &&
	       clean_lookalike(s + at - 3, 3, &c);
}

/* Where the type that S[B..END) holds starts: past a run of non-ASCII letters glued to a
 * capital ASCII letter, as prose in another script runs into it ("报错AttributeError"). */
static size_t past_glued_prose(const char *s, size_t b, size_t end)
{
	size_t i = b;

	while (i < end && (unsigned char)s[i] >= 0x80)
		i++;
	return i > b && i < end && is_upper(s[i]) ? i : b;
}

int pl_find_bare(const char *s, size_t n, size_t *at, struct pl_exc *e)
{
	for (const char *c = memchr(s, ':', n); c; ) {
		size_t ci = (size_t)(c - s);
		int at_end = ci + 1 == n;
		/* "RuntimeError:An attempt...": a retyped line that lost its blank */
		int glued = !at_end && is_upper(s[ci + 1]);

		if (at_end || s[ci + 1] == ' ' || glued) {
			size_t lim = ci > BARE_TYPE_MAX ? ci - BARE_TYPE_MAX : 0;
			size_t b = ci;

			while (b > lim && (is_name_char(s[b - 1]) || s[b - 1] == '.') &&
			       !lookalike_ends(s, lim, b))
				b--;
			while (b < ci && !is_name_start(s[b]))
				b++;
			b = past_glued_prose(s, b, ci);
			int whole = b > lim || lim == 0 || !is_name_char(s[lim - 1]);
			if (whole && b < ci && s[ci - 1] != '.' &&
			    (at_end || pl_exception_like(s + b, ci - b))) {
				e->type = s + b;
				e->type_len = ci - b;
				e->colon = 1;
				e->message = at_end ? s + n : s + ci + 2 - glued;
				e->message_len = at_end ? 0 : n - ci - 2 + glued;
				*at = b;
				return 1;
			}
		}
		if (at_end)
			break;
		c = memchr(c + 1, ':', n - ci - 1);
	}
	return 0;
}

int pl_quote(const char *s, size_t n)
{
	if (n == 3 && (s[0] == '"' || s[0] == '\'') && s[1] == s[0] && s[2] == s[0])
		return s[0];
	return 0;
}

int pl_box_rule(const char *s, size_t n)
{
	size_t i = pl_indent(s, n), from = i;

	while (i < n && s[i] == '=')
		i++;
	return i == n && i - from >= 20;
}

int pl_carried_intro(const char *s, size_t n)
{
	return n > 4 && !memcmp(s, "-- ", 3) && s[3] != ' ' && s[n - 1] == ':';
}

int pl_open_end(const char *s, size_t n)
{
	return n && memchr(",;:([{", s[n - 1], 6) != NULL;
}

/* --- IPython's layout (IPython.core.ultratb) --- */

#define IPY_HEADER "Traceback (most recent call last)"
/* Columns IPython gives the type and the header together at its usual width. */
#define IPY_HEADER_WIDTH 75

int pl_ipython_header(const char *s, size_t n, size_t *at)
{
	size_t h, e, b;

	if (!ends_with(s, n, LIT(IPY_HEADER), &h))
		return 0;
	for (e = h; e && (s[e - 1] == ' ' || s[e - 1] == '\t'); e--)
		;
	for (b = e; b && is_type_char(s[b - 1]); b--)
		;
	while (b < e && !is_name_start(s[b]))
		b++;
	/* the type is padded to the header's column: a type too long for it leaves no blank */
	if (b == e || (e == h && e - b + n - h < IPY_HEADER_WIDTH) ||
	    !pl_exception_like(s + b, e - b))
		return 0;
	*at = b;
	return 1;
}

/* S (N bytes) is a function as IPython names one after "in ": a dotted name or a <...>
 * name ("<module>", "<cell line: 7>"), then nothing or its argument list.  *FROM and *LEN
 * are its last part: IPython 8 prints the qualified name ("Pool.map"), CPython's frame
 * lines the function's own ("map"). */
static int ipython_func(const char *s, size_t n, size_t *from, size_t *len)
{
	size_t i = 0, last = 0;

	while (i < n) {
		if (s[i] == '<') {
			const char *close = memchr(s + i, '>', n - i);

			if (!close)
				return 0;
			i = (size_t)(close - s) + 1;
		} else if (is_name_char(s[i])) {
			i++;
		} else if (s[i] == '.') {
			last = ++i;
		} else {
			break;
		}
	}
	if (last == i || (i < n && (s[i] != '(' || s[n - 1] != ')')))
		return 0;
	*from = last;
	*len = i - last;
	return 1;
}

/* F's function is the one named at S (N bytes, to the line's end). */
static int ipython_set_func(const char *s, size_t n, struct pl_frame *f)
{
	size_t from;

	if (!ipython_func(s, n, &from, &f->func_len))
		return 0;
	f->func = s + from;
	return 1;
}

/* ", in f(a)" at S (N bytes, to the line's end), or nothing: fills F's function. */
static int ipython_in(const char *s, size_t n, struct pl_frame *f)
{
	f->func = NULL;
	f->func_len = 0;
	if (n == 0 || (n == 1 && s[0] == ','))
		return 1;
	if (!starts_with(s, n, LIT(", in ")))
		return 0;
	return ipython_set_func(s + 5, n - 5, f);
}

/* "Cell In[3], line 7..." and "Input In [3], in ...": the cell is the file. */
static int ipython_cell(const char *s, size_t n, struct pl_frame *f)
{
	const char *close = memchr(s, ']', n);

	if (!close)
		return 0;
	size_t i = (size_t)(close - s) + 1;
	f->file = s;
	f->file_len = i;
	f->lineno = 0;
	if (starts_with(s + i, n - i, LIT(", line "))) {
		i += 7;
		long v = number(s, n, &i);
		if (v < 0)
			return 0;
		f->lineno = v;
	}
	if (!ipython_in(s + i, n - i, f))
		return 0;
	/* 8.0-8.4 name a cell's own code "<cell line: 7>" */
	size_t k = sizeof "<cell line: " - 1;
	if (f->func && starts_with(f->func, f->func_len, LIT("<cell line: "))) {
		long v = number(f->func, f->func_len, &k);
		f->lineno = v < 0 ? f->lineno : v;
	}
	return 1;
}

/* "File ~/x.py:12, in f(a)": a path without quotes, its line after the last colon. */
static int ipython_file(const char *s, size_t n, struct pl_frame *f)
{
	size_t end = find(s, n, 5, LIT(", in "));

	if (end == n && n && s[n - 1] == ',')
		end = n - 1;
	size_t colon = end;
	while (colon > 5 && is_digit(s[colon - 1]))
		colon--;
	if (colon == end || colon <= 6 || s[colon - 1] != ':')
		return 0;
	size_t i = colon;
	f->file = s + 5;
	f->file_len = colon - 1 - 5;
	f->lineno = number(s, n, &i);
	return ipython_in(s + end, n - end, f);
}

/* Whether S (N bytes) names a file as IPython 7 does: "<ipython-input-...>", or an
 * absolute path ("/", "~", a drive) to a file with an extension. */
static int ipython_path(const char *s, size_t n)
{
	if (n >= 2 && s[0] == '<' && s[n - 1] == '>')
		return memchr(s, ' ', n) == NULL;
	int absolute = (n && (s[0] == '/' || s[0] == '~')) ||
		       (n > 2 && is_name_char(s[0]) && s[1] == ':' && (s[2] == '\\' || s[2] == '/'));
	size_t dot = n;
	while (dot && s[dot - 1] != '.' && s[dot - 1] != '/' && s[dot - 1] != '\\')
		dot--;
	return absolute && dot && s[dot - 1] == '.' && n - dot > 0 && n - dot <= 4;
}

int pl_ipython_frame(const char *s, size_t n, struct pl_frame *f)
{
	if (n == 0 || s[0] == ' ' || s[0] == '\t')
		return 0;
	if (starts_with(s, n, LIT("Cell In[")) || starts_with(s, n, LIT("Cell In [")) ||
	    starts_with(s, n, LIT("Input In [")))
		return ipython_cell(s, n, f);
	if (starts_with(s, n, LIT("File ")) && n > 5 && s[5] != '"')
		return ipython_file(s, n, f);
	/* 7.x: "FILE in FUNC" */
	for (size_t at = find(s, n, 1, LIT(" in ")); at < n; at = find(s, n, at + 1, LIT(" in "))) {
		if (!ipython_path(s, at))
			continue;
		f->file = s;
		f->file_len = at;
		f->lineno = 0;
		return ipython_set_func(s + at + 4, n - at - 4, f);
	}
	return 0;
}

int pl_ipython_func(const char *s, size_t n, struct pl_frame *f)
{
	if (!starts_with(s, n, LIT("in ")))
		return 0;
	return ipython_set_func(s + 3, n - 3, f);
}

int pl_ipython_source(const char *s, size_t n, long *lineno, const char **code,
		      size_t *code_len)
{
	size_t i = 0;
	int ran = 0;

	if (n && s[0] == '-') {
		while (i < n && s[i] == '-')
			i++;
		if (i == n || s[i] != '>')
			return 0;
		i++;
		ran = 1;
	}
	size_t blanks = pl_indent(s + i, n - i);
	if (!ran && !blanks)
		return 0;
	i += blanks;
	long v = number(s, n, &i);
	if (v < 0 || (i < n && s[i] != ' '))
		return 0;
	*lineno = v;
	*code = s + (i < n ? i + 1 : n);
	*code_len = i < n ? n - i - 1 : 0;
	return ran ? 2 : 1;
}

int pl_ipython_skip(const char *s, size_t n)
{
	size_t at, i = pl_indent(s, n);

	return (starts_with(s + i, n - i, LIT("... last ")) &&
		ends_with(s, n, LIT(" repeated, from the frame below ..."), &at)) ||
	       (starts_with(s + i, n - i, LIT("[... skipping ")) && s[n - 1] == ']');
}

int pl_paragraph(const char *s, size_t n, size_t *quote_len)
{
	size_t q = 0, i, blanks = 0;

	for (i = 0; i < n && (s[i] == '>' || s[i] == ' '); i++)
		if (s[i] == '>')
			q = i + 1 < n && s[i + 1] == ' ' ? i + 2 : i + 1;
	for (i = q; i < n && !is_name_char(s[i]); i++) {
		blanks = s[i] == '\t' ? 2 : s[i] == ' ' ? blanks + 1 : 0;
		if (blanks == 2)
			break;
	}
	*quote_len = q;
	return blanks == 2;
}

int pl_prompt(const char *s, size_t n, const char **code, size_t *code_len)
{
	int kind = starts_with(s, n, LIT(">>>")) ? 1 : starts_with(s, n, LIT("...")) ? 2 : 0;

	if (!kind || (n > 3 && s[3] != ' '))
		return 0;
	*code = s + (n > 3 ? 4 : 3);
	*code_len = n > 3 ? n - 4 : 0;
	return kind;
}

/* --- pytest's report of a failure --- */

int pl_pytest_rule(const char *s, size_t n)
{
	size_t i = 0, j = n;

	if (n < 7 || s[0] != '_' || s[n - 1] != '_')
		return 0;
	while (i < n && (s[i] == '_' || s[i] == ' '))
		i++;
	if (i == n)
		return memchr(s, ' ', n) ? 2 : 0;
	while (j > i && (s[j - 1] == '_' || s[j - 1] == ' '))
		j--;
	/* "___ name ___": a name, a blank on each side */
	return i >= 4 && n - j >= 4 && s[i - 1] == ' ' && s[j] == ' ' ? 1 : 0;
}

int pl_pytest_summary(const char *s, size_t n)
{
	size_t at = starts_with(s, n, LIT("FAILED ")) ? 7 : starts_with(s, n, LIT("ERROR ")) ? 6 : 0;
	size_t dash = at ? find(s, n, at, LIT(" - ")) : n;

	return dash < n && find(s, dash, at, LIT("::")) < dash && !memchr(s + at, ' ', dash - at);
}

int pl_pytest_frame(const char *s, size_t n, struct pl_frame *f)
{
	size_t i = 0, colon;

	if (n == 0 || s[0] == ' ' || s[0] == '\t')
		return 0;
	/* the first ":N:" after a file name with an extension (a drive's colon is no line) */
	for (colon = 1; colon < n; colon++) {
		for (i = colon + 1; s[colon] == ':' && i < n && is_digit(s[i]); i++)
			;
		if (i > colon + 1 && i < n && s[i] == ':')
			break;
	}
	if (colon >= n)
		return 0;
	size_t dot = colon;
	while (dot && is_name_char(s[dot - 1]))
		dot--;
	if (!dot || s[dot - 1] != '.' || colon - dot > 4 || memchr(s, ' ', colon))
		return 0;
	size_t at = colon + 1;
	f->file = s;
	f->file_len = colon;
	f->lineno = number(s, n, &at);
	f->func = NULL;
	f->func_len = 0;
	at++;                    /* the second colon */
	if (at == n)
		return 2;
	if (s[at] != ' ')
		return 0;
	if (starts_with(s + at, n - at, LIT(" in ")) && at + 4 < n) {
		f->func = s + at + 4;
		f->func_len = n - at - 4;
		for (size_t k = 0; k < f->func_len; k++)
			if (!is_type_char(f->func[k]))
				return 0;
		return 1;
	}
	struct pl_exc e;

	for (size_t k = at + 1; k < n; k++)
		if (!is_type_char(s[k]))
			return pl_exception(s + at + 1, n - at - 1, &e) && e.colon &&
			       pl_exception_like(e.type, e.type_len) ? 3 : 0;
	return 2;
}

int pl_pytest_ran(const char *s, size_t n, const char **code, size_t *code_len)
{
	if (n < 3 || s[0] != '>' || s[1] != ' ')
		return 0;
	size_t i = pl_indent(s + 1, n - 1) + 1;
	*code = s + i;
	*code_len = n - i;
	return i < n;
}

int pl_pytest_error(const char *s, size_t n, const char **text, size_t *text_len)
{
	if (n < 3 || s[0] != 'E' || (s[1] != ' ' && s[1] != '\t'))
		return 0;
	size_t i = pl_indent(s + 1, n - 1) + 1;
	*text = s + i;
	*text_len = n - i;
	return 1;
}

int pl_vscode_header(const char *s, size_t n, struct pl_exc *e)
{
	size_t i = sizeof "Exception has occurred: " - 1, end;

	if (!starts_with(s, n, LIT("Exception has occurred: ")))
		return 0;
	for (end = i; end < n && is_type_char(s[end]); end++)
		;
	if (end == i || (end < n && s[end] != ' ') || !pl_exception_like(s + i, end - i))
		return 0;
	e->type = s + i;
	e->type_len = end - i;
	e->message = s + end;
	e->message_len = 0;
	e->colon = 1;
	return 1;
}

int pl_annotation(const char *s, size_t n)
{
	size_t i = pl_indent(s, n);

	/* U+2502 and U+2514 in UTF-8 */
	return n - i >= 3 && (!memcmp(s + i, "\xe2\x94\x82", 3) || !memcmp(s + i, "\xe2\x94\x94", 3));
}
