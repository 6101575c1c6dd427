/*
 * clean.c: undoes what terminals and log collectors do to a line (carriage returns, escape
 * sequences, prefixes), and what renderers and typists do to a paste (Markdown, full-width
 * and curly punctuation, HTML references), reads the time in a prefix, recognises the start of a log record,
 * and tells which characters a terminal would act on.  Works on bytes; knows nothing of
 * tracebacks, and allocates only in the caller's scratch buffer.
 */
#include "clean.h"

#include <string.h>

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Index just past the escape sequence that starts at S[AT] (an ESC byte).  CSI
 * ("ESC [ params final") is what colours use; OSC ("ESC ] ... BEL") carries hyperlinks;
 * anything else is ESC, intermediates, one final byte. */
static size_t skip_escape(const char *s, size_t n, size_t at)
{
	size_t j = at + 1;

	if (j >= n)
		return n;
	if (s[j] == '[') {
		for (j++; j < n && s[j] >= 0x30 && s[j] <= 0x3f; j++)
			;
		for (; j < n && s[j] >= 0x20 && s[j] <= 0x2f; j++)
			;
		return j < n && s[j] >= 0x40 && s[j] <= 0x7e ? j + 1 : j;
	}
	if (s[j] == ']') {
		for (j++; j < n; j++) {
			if (s[j] == '\a')
				return j + 1;
			if (s[j] == '\x1b' && j + 1 < n && s[j + 1] == '\\')
				return j + 2;
		}
		return n;
	}
	for (; j < n && s[j] >= 0x20 && s[j] <= 0x2f; j++)
		;
	return j < n ? j + 1 : n;
}

const char *clean_text(struct buf *scratch, const char *line, size_t len, size_t *out_len)
{
	while (len && line[len - 1] == '\r')
		len--;
	for (const char *cr; (cr = memchr(line, '\r', len)); ) {
		size_t skip = (size_t)(cr - line) + 1;

		line += skip;
		len -= skip;
	}
	const char *esc = memchr(line, '\x1b', len);
	if (!esc) {
		*out_len = len;
		return line;
	}
	buf_reset(scratch);
	buf_add(scratch, "", 0);
	size_t done = 0;
	while (esc) {
		size_t at = (size_t)(esc - line);

		buf_add(scratch, line + done, at - done);
		done = skip_escape(line, len, at);
		esc = memchr(line + done, '\x1b', len - done);
	}
	buf_add(scratch, line + done, len - done);
	*out_len = scratch->len;
	return scratch->s;
}

/* --- Markdown --- */

static int is_punct(char c)
{
	return c && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) != NULL;
}

static int is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* Whether every backslash of S escapes a punctuation character and one of them escapes a
 * character Markdown reads as markup (_ * < ` [ #).  A Windows path or the escapes of a
 * repr (a backslash before a letter, or only doubled backslashes) are left alone. */
static int markdown_escaped(const char *s, size_t len)
{
	int markup = 0;

	for (const char *b = memchr(s, '\\', len); b; b = memchr(b, '\\', len - (size_t)(b - s))) {
		size_t i = (size_t)(b - s);
		if (i + 1 == len || !is_punct(s[i + 1]))
			return 0;
		markup |= strchr("_*<`[#", s[i + 1]) != NULL;
		b += 2;
		if (b >= s + len)
			break;
	}
	return markup;
}

/* At AT, "**name**" with a lower-case name standing alone: its length, else 0. */
static size_t bold_dunder(const char *s, size_t at, size_t len)
{
	size_t i = at + 2;

	if (at + 5 > len || s[at] != '*' || s[at + 1] != '*' ||
	    (at && (is_word(s[at - 1]) || s[at - 1] == '*')) || !(s[i] >= 'a' && s[i] <= 'z'))
		return 0;
	while (i < len && is_word(s[i]) && !(s[i] >= 'A' && s[i] <= 'Z'))
		i++;
	if (i + 2 > len || s[i] != '*' || s[i + 1] != '*' ||
	    (i + 2 < len && (is_word(s[i + 2]) || s[i + 2] == '*')))
		return 0;
	return i + 2 - at;
}

static const struct {
	const char *name;
	size_t len;
	char c;
} html_refs[] = {
	{ "&lt;", 4, '<' }, { "&gt;", 4, '>' }, { "&amp;", 5, '&' }, { "&quot;", 6, '"' },
	{ "&#39;", 5, '\'' }, { "&#x27;", 6, '\'' }, { "&apos;", 6, '\'' },
};

/* At S (N bytes left), an HTML character reference a page left in copied text: its
 * length, with the character it stands for in *C; else 0. */
static size_t html_ref(const char *s, size_t n, char *c)
{
	for (size_t i = 0; i < sizeof html_refs / sizeof *html_refs; i++) {
		if (n >= html_refs[i].len && !memcmp(s, html_refs[i].name, html_refs[i].len)) {
			*c = html_refs[i].c;
			return html_refs[i].len;
		}
	}
	return 0;
}

/* Whether S[AT] starts a word run (after a non-word character) or ends one. */
static int word_edge(const char *s, size_t at, size_t len)
{
	return at >= len || (!is_word(s[at]) && s[at] != '*');
}

/* At AT, the "**" of a dunder that Markdown half ate: a bold that opened or closed inside
 * a name, as "__init**()" or "**init__" (from "__init__" whose other half paired with a
 * "__" elsewhere).  A name with "__" on one side and "**" on the other is no Python. */
static int half_dunder(const char *s, size_t at, size_t len)
{
	size_t b = at, e = at + 2;

	if (at + 2 > len || s[at] != '*' || s[at + 1] != '*')
		return 0;
	while (b > 0 && is_word(s[b - 1]))
		b--;
	if (at - b >= 3 && (b == 0 || word_edge(s, b - 1, len)) && word_edge(s, e, len) &&
	    s[b] == '_' && s[b + 1] == '_' && s[b + 2] >= 'a' && s[b + 2] <= 'z' &&
	    s[at - 1] != '_')
		return 1;
	while (e < len && is_word(s[e]))
		e++;
	return b == at && (at == 0 || word_edge(s, at - 1, len)) && e - at >= 5 &&
	       word_edge(s, e, len) && s[at + 2] >= 'a' && s[at + 2] <= 'z' &&
	       s[e - 1] == '_' && s[e - 2] == '_' && s[e - 3] != '_';
}

const char *clean_markdown(struct buf *scratch, const char *line, size_t len, size_t *out_len)
{
	int escaped = memchr(line, '\\', len) && markdown_escaped(line, len);
	int bold = 0;

	for (const char *star = memchr(line, '*', len); star && !bold;
	     star = memchr(star + 1, '*', len - (size_t)(star + 1 - line)))
		bold = bold_dunder(line, (size_t)(star - line), len) > 0 ||
		       half_dunder(line, (size_t)(star - line), len);
	int refs = 0;
	char c;

	for (const char *amp = memchr(line, '&', len); amp && !refs;
	     amp = memchr(amp + 1, '&', len - (size_t)(amp + 1 - line)))
		refs = html_ref(amp, len - (size_t)(amp - line), &c) > 0;
	*out_len = len;
	if (!escaped && !bold && !refs)
		return line;
	buf_reset(scratch);
	buf_add(scratch, "", 0);
	for (size_t i = 0; i < len;) {
		size_t dunder;
		if (escaped && line[i] == '\\') {
			buf_addc(scratch, line[i + 1]);
			i += 2;
		} else if (line[i] == '*' && (dunder = bold_dunder(line, i, len))) {
			buf_adds(scratch, "__");
			buf_add(scratch, line + i + 2, dunder - 4);
			buf_adds(scratch, "__");
			i += dunder;
		} else if (refs && line[i] == '&' && (dunder = html_ref(line + i, len - i, &c))) {
			buf_addc(scratch, c);
			i += dunder;
		} else if (line[i] == '*' && half_dunder(line, i, len)) {
			buf_adds(scratch, "__");
			i += 2;
		} else {
			buf_addc(scratch, line[i++]);
		}
	}
	*out_len = scratch->len;
	return scratch->s;
}

/* --- characters that stand for ASCII ones --- */

size_t clean_lookalike(const char *s, size_t n, char *c)
{
	const unsigned char *u = (const unsigned char *)s;

	if (n < 3 || (u[0] != 0xef && u[0] != 0xe2) || (u[1] & 0xc0) != 0x80 ||
	    (u[2] & 0xc0) != 0x80)
		return 0;
	unsigned long cp = (unsigned long)(u[0] & 0x0f) << 12 | (unsigned long)(u[1] & 0x3f) << 6 |
			   (u[2] & 0x3f);
	if (cp >= 0xff01 && cp <= 0xff5e)
		*c = (char)(cp - 0xfee0);
	else if (cp == 0x2018 || cp == 0x2019)
		*c = '\'';
	else if (cp == 0x201c || cp == 0x201d)
		*c = '"';
	else
		return 0;
	return 3;
}

const char *clean_lookalikes(struct buf *scratch, const char *line, size_t len, size_t *out_len,
			     size_t **map, size_t *map_cap)
{
	size_t i = 0, k;
	char c;

	*out_len = len;
	if (!memchr(line, '\xef', len) && !memchr(line, '\xe2', len))
		return line;
	while (i < len && !clean_lookalike(line + i, len - i, &c))
		i++;
	if (i == len)
		return line;
	buf_reset(scratch);
	buf_add(scratch, line, i);
	if (map) {
		grow(map, map_cap, len, sizeof **map);
		for (size_t j = 0; j < i; j++)
			(*map)[j] = j;
	}
	while (i < len) {
		if (map)
			(*map)[scratch->len] = i;
		if ((k = clean_lookalike(line + i, len - i, &c))) {
			buf_addc(scratch, c);
			i += k;
		} else {
			buf_addc(scratch, line[i++]);
		}
	}
	if (map)
		(*map)[scratch->len] = len;
	*out_len = scratch->len;
	return scratch->s;
}

/* Length of the well-formed UTF-8 character at P (N > 0 bytes left), or 0. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
	unsigned char c = p[0];
	size_t len;
	unsigned char lo = 0x80, hi = 0xbf;      /* range of the second byte */

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4;
	else
		return 0;
	if (c == 0xe0)
		lo = 0xa0;                       /* overlong */
	else if (c == 0xed)
		hi = 0x9f;                       /* surrogates */
	else if (c == 0xf0)
		lo = 0x90;                       /* overlong */
	else if (c == 0xf4)
		hi = 0x8f;                       /* above U+10FFFF */
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return len;
}

/* Characters that move or hide text on a terminal without being control characters: the
 * bidirectional marks, embeddings, overrides and isolates (U+202E turns "exe.txt" into
 * "txt.exe"), and the Unicode line and paragraph separators. */
static int is_invisible_control(unsigned long c)
{
	return c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x2028 && c <= 0x202e) ||
	       (c >= 0x2066 && c <= 0x2069);
}

size_t clean_char(const char *s, size_t n, unsigned long *cp, int *shown)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = utf8_len(p, n);

	if (!len) {
		*cp = p[0];
		*shown = 0;
		return 1;
	}
	*cp = len == 1 ? p[0] : p[0] & (0x7fu >> len);
	for (size_t i = 1; i < len; i++)
		*cp = *cp << 6 | (p[i] & 0x3fu);
	*shown = (*cp >= 0x20 || *cp == '\t') && !(*cp >= 0x7f && *cp <= 0x9f) &&
		 !is_invisible_control(*cp);
	return len;
}

size_t clean_put_escape(FILE *out, const char *s, size_t len, unsigned long cp)
{
	char escape[16];
	int n = len > 1 ? snprintf(escape, sizeof escape, "\\u%04lx", cp)
			: snprintf(escape, sizeof escape, "\\x%02x", (unsigned char)*s);

	fputs(escape, out);
	return (size_t)n;
}

size_t clean_rtrim(const char *s, size_t len)
{
	while (len && is_blank(s[len - 1]))
		len--;
	return len;
}

/* A word of a prefix whose digits may vary from line to line: one with no two letters in a
 * row, as dates, times and counters are; "ForkPoolWorker-3" or "web_1" name a channel. */
static int word_is_loose(const char *w, size_t n)
{
	for (size_t i = 0; i + 1 < n && !is_blank(w[i]); i++)
		if (is_letter(w[i]) && is_letter(w[i + 1]))
			return 0;
	return 1;
}

#define TAG_DISTANCE 1024

/* Whether the loose word W (N bytes, up to a blank) is a tag: one number in brackets or
 * parentheses, such as a pid ("[4242]", "(w-3)"), which stays the same on every line of
 * one writer, where a date's or a time's numbers change. */
static int word_is_tag(const char *w, size_t n)
{
	size_t end = 0, runs = 0;

	while (end < n && !is_blank(w[end]))
		end++;
	if (end && w[end - 1] == ':')
		end--;
	if (end < 3 || (w[0] != '[' && w[0] != '(') || (w[end - 1] != ']' && w[end - 1] != ')'))
		return 0;
	for (size_t i = 0; i < end; i++)
		runs += is_digit(w[i]) && (i == 0 || !is_digit(w[i - 1]));
	return runs == 1;
}

int clean_prefix_match(const char *prefix, size_t plen, const char *line, size_t len,
		       size_t *matched, int *tags)
{
	size_t i = 0, j = 0;
	int loose = 0, tag = 0, differ = 0, tag_differs = 0;

	while (i < plen) {
		if (j == len) {
			while (i < plen && is_blank(prefix[i]))
				i++;
			if (i < plen)
				return 0;
			break;
		}
		if (!is_blank(prefix[i]) && (i == 0 || is_blank(prefix[i - 1]))) {
			loose = word_is_loose(prefix + i, plen - i);
			tag = loose && word_is_tag(prefix + i, plen - i);
		}
		if (loose && is_digit(prefix[i])) {
			size_t i0 = i, j0 = j;
			if (!is_digit(line[j]))
				return 0;
			while (i < plen && is_digit(prefix[i]))
				i++;
			while (j < len && is_digit(line[j]))
				j++;
			/* a tag that differs counts for more than any number of dates */
			int same = i - i0 == j - j0 && memcmp(prefix + i0, line + j0, i - i0) == 0;
			differ += same ? 0 : tag ? TAG_DISTANCE : 1;
			tag_differs |= tag && !same;
			continue;
		}
		if (prefix[i] != line[j])
			return 0;
		i++;
		j++;
	}
	*matched = j;
	if (tags)
		*tags = tag_differs;
	return 1 + differ;
}


int clean_prefix_other(const char *prefix, size_t plen, const char *line, size_t len)
{
	size_t k = 0;
	int alnum = 0, punct = 0;

	for (; k < plen && k < len && prefix[k] == line[k]; k++) {
		if (is_letter(prefix[k]) || is_digit(prefix[k]))
			alnum = 1;
		else if (!is_blank(prefix[k]))
			punct = 1;
	}
	return alnum && punct && k < plen && k < len && !is_blank(prefix[k]) &&
	       !is_blank(line[k]);
}

static int starts_word(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word);

	if (n < w || memcmp(s, word, w) != 0)
		return 0;
	return n == w || memchr(" \t:]|/-,", s[w], 8) != NULL;
}

static int syslog_stamp(const char *s, size_t n)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	size_t i = 3;

	if (n < 8 || s[3] != ' ')
		return 0;
	int month = 0;
	for (size_t m = 0; m < 36 && !month; m += 3)
		month = memcmp(s, months + m, 3) == 0;
	if (!month)
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	if (i >= n || !is_digit(s[i]))
		return 0;
	while (i < n && is_digit(s[i]))
		i++;
	return i + 3 < n && s[i] == ' ' && is_digit(s[i + 1]) && is_digit(s[i + 2]) &&
	       s[i + 3] == ':';
}

/* The number of DIGITS digits at S (N bytes) into *V: 1, or 0 when they are not there. */
static int digits_at(const char *s, size_t n, size_t digits, int *v)
{
	if (n < digits)
		return 0;
	*v = 0;
	for (size_t i = 0; i < digits; i++) {
		if (!is_digit(s[i]))
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

/* The ISO 8601 date and time at S (N bytes): the seconds it says, or -1. */
static long long iso_time_at(const char *s, size_t n)
{
	int y, mo, d, h, mi, sec, zh = 0, zm = 0;
	size_t i = 19;

	if (!digits_at(s, n, 4, &y) || n < 19 || s[4] != '-' || !digits_at(s + 5, 2, 2, &mo) ||
	    s[7] != '-' || !digits_at(s + 8, 2, 2, &d) || (s[10] != 'T' && s[10] != ' ') ||
	    !digits_at(s + 11, 2, 2, &h) || s[13] != ':' || !digits_at(s + 14, 2, 2, &mi) ||
	    s[16] != ':' || !digits_at(s + 17, 2, 2, &sec))
		return -1;
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
		return -1;
	if (i < n && (s[i] == ',' || s[i] == '.'))
		for (i++; i < n && is_digit(s[i]); i++)
			;
	if (i + 6 <= n && (s[i] == '+' || s[i] == '-') && digits_at(s + i + 1, 2, 2, &zh) &&
	    s[i + 3] == ':' && digits_at(s + i + 4, 2, 2, &zm)) {
		if (s[i] == '+')
			zh = -zh, zm = -zm;
	} else if (i + 5 <= n && (s[i] == '+' || s[i] == '-') &&
		   digits_at(s + i + 1, 4, 4, &zh)) {
		zm = zh % 100;
		zh /= 100;
		if (s[i] == '+')
			zh = -zh, zm = -zm;
	}
	/* days since the epoch of the civil date (Howard Hinnant's days_from_civil) */
	long long yy = y - (mo <= 2), era = yy / 400, yoe = yy - era * 400;
	long long doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
	return days * 86400 + (h + zh) * 3600LL + (mi + zm) * 60LL + sec;
}

/* 9999-12-31T23:59:59Z, the last second a four-digit year says. */
#define LAST_TIME 253402300799LL

time_t clean_epoch(long long seconds)
{
	return seconds > 0 && seconds <= LAST_TIME ? (time_t)seconds : 0;
}

time_t clean_time(const char *prefix, size_t n)
{
	for (size_t i = 0; i + 19 <= n; i++) {
		if (i && is_digit(prefix[i - 1]))
			continue;
		long long t = iso_time_at(prefix + i, n - i);
		if (t > 0)
			return (time_t)t;
	}
	return 0;
}

int clean_is_log_line(const char *text, size_t len)
{
	static const char *const levels[] = {
		"DEBUG", "INFO", "NOTICE", "WARNING", "WARN", "ERROR", "CRITICAL", "FATAL",
		"TRACE", NULL
	};
	size_t i = 0;

	if (i < len && text[i] == '[')
		i++;
	if (i < len && is_digit(text[i])) {
		size_t seps = 0;

		for (; i < len && (is_digit(text[i]) || memchr("-:/.,TZ", text[i], 7)); i++)
			seps += text[i] == '-' || text[i] == ':' || text[i] == '/';
		return seps >= 2;
	}
	for (size_t l = 0; levels[l]; l++)
		if (starts_word(text + i, len - i, levels[l]))
			return 1;
	if (syslog_stamp(text + i, len - i))
		return 1;
	/* glog: "E0512 12:00:03.123456" */
	return len - i > 6 && memchr("IWEF", text[i], 4) && is_digit(text[i + 1]) &&
	       is_digit(text[i + 2]) && is_digit(text[i + 3]) && is_digit(text[i + 4]) &&
	       text[i + 5] == ' ';
}

/* Bytes of a log record's line in which its level word is looked for: the prefix. */
#define LEVEL_SPAN 48

int clean_informational(const char *text, size_t len)
{
	static const char *const quiet[] = { "DEBUG", "INFO", "NOTICE", "TRACE", NULL };
	size_t span = len < LEVEL_SPAN ? len : LEVEL_SPAN;

	if (!clean_is_log_line(text, len))
		return 0;
	for (size_t i = 0; i < span; i++) {
		char before = i ? (char)(text[i - 1] | 0x20) : ' ';

		if (before >= 'a' && before <= 'z')
			continue;
		for (size_t l = 0; quiet[l]; l++)
			if (starts_word(text + i, len - i, quiet[l]))
				return 1;
	}
	return 0;
}
