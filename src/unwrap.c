/*
 * unwrap.c: physical lines to logical lines.  A JSON line is decoded with jansson and its
 * message and exception fields become lines; "#012" and literal "\n" escapes are decoded and
 * split.  A plain text line costs a byte test and two memchr and is handed on uncopied.
 * Knows JSON, syslog and string escapes; of tracebacks only the two marks that make a
 * line with literal "\n" worth splitting when the format is guessed.
 */
#include "unwrap.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "util.h"

/* The fields that hold a program's line or message: Docker's json-file, journald, JSON
 * loggers (python-json-logger, structlog, bunyan, Google Cloud Logging). */
static const char *const message_keys[] = {
	"log", "MESSAGE", "message", "msg", "event", "textPayload", NULL
};

/* The fields a JSON logger puts a formatted exception or stack in, printed after the
 * message in this order, as a text logger would. */
static const char *const trace_keys[] = {
	"exc_info", "exception", "exc_text", "traceback", "stack_trace", "stack_info", NULL
};

/* How deep a JSON message is itself read as JSON (a JSON logger inside Docker). */
#define JSON_DEPTH_MAX 2
/* The most of a line Docker split into parts that is held while waiting for its end: as
 * much as the input stage hands out of one line. */
#define PARTIAL_MAX (1u << 20)
/* Docker's parts are 16 KiB long: a shorter "log" without a newline is a whole line whose
 * newline a log shipper removed, not a part. */
#define PARTIAL_SIZE (16u << 10)

struct unwrap {
	enum unwrap_format format;
	struct buf out;          /* the decoded logical lines, '\n' between them */
	struct buf clean;        /* a JSON line with its invalid UTF-8 replaced */
	struct buf partial;      /* the parts so far of a line Docker split */
	char partial_stream[16]; /* the stream (stdout, stderr) those parts came on */
	int held;                /* the last line was such a part: no line to hand out */
	const char *next;        /* what unwrap_next has not handed out yet */
	size_t left;
	int more;                /* unwrap_next has a line to give */
	int split;               /* NEXT holds several lines, '\n' between them */
	time_t time;             /* when the last line's container entry was written, or 0 */
};

struct unwrap *unwrap_new(enum unwrap_format format)
{
	struct unwrap *u = xcalloc(1, sizeof *u);

	u->format = format;
	return u;
}

void unwrap_free(struct unwrap *u)
{
	if (!u)
		return;
	buf_fini(&u->out);
	buf_fini(&u->clean);
	buf_fini(&u->partial);
	free(u);
}

int unwrap_format_parse(const char *name, enum unwrap_format *format)
{
	static const char *const names[] = { "auto", "text", "json", "syslog", "escaped" };

	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		if (!strcmp(name, names[i])) {
			*format = (enum unwrap_format)i;
			return 0;
		}
	}
	return -1;
}

/* --- escapes --- */

/* rsyslog writes a control character as '#' and its three octal digits. */
static int syslog_escape(const char *s, size_t n, size_t i, char *c)
{
	if (n - i < 4)
		return 0;
	if (s[i] != '#' || s[i + 1] < '0' || s[i + 1] > '1' || s[i + 2] < '0' || s[i + 2] > '7' ||
	    s[i + 3] < '0' || s[i + 3] > '7')
		return 0;
	int v = (s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0');
	if (v >= 0x20 && v != 0x7f)
		return 0;
	*c = (char)v;
	return 1;
}

static const char *find(const char *s, size_t n, const char *what)
{
	return memmem(s, n, what, strlen(what));
}

/* Whether S holds escapes of FORMAT's kind worth decoding: rsyslog's newline, or literal
 * "\n" in a line that holds a traceback's header or frame (when guessing) or any (when
 * told). */
static enum unwrap_format escapes_in(enum unwrap_format format, const char *s, size_t n)
{
	if ((format == UNWRAP_AUTO || format == UNWRAP_SYSLOG) && memchr(s, '#', n) &&
	    (format == UNWRAP_SYSLOG || find(s, n, "#012")))
		return UNWRAP_SYSLOG;
	if ((format == UNWRAP_AUTO || format == UNWRAP_ESCAPED) && memchr(s, '\\', n) &&
	    find(s, n, "\\n") &&
	    (format == UNWRAP_ESCAPED || find(s, n, "Traceback (most recent call last):") ||
	     find(s, n, "File \"") || find(s, n, "File \\\"")))
		return UNWRAP_ESCAPED;
	return UNWRAP_TEXT;
}

/* Appends a line break and, when the lines carry one, the prefix of the next line. */
static void add_break(struct buf *out, const char *prefix, size_t plen)
{
	buf_addc(out, '\n');
	buf_add(out, prefix, plen);
}

/* After the last literal "\n" of a string's repr or a JSON text comes only what closes the
 * string ("'", "\")", "\"}"): the container's, not a line of the program's; dropped from
 * OUT, whose text from FROM on was one escaped line. */
static void drop_closing(struct buf *out, size_t from, size_t plen)
{
	char *nl = memrchr(out->s + from, '\n', out->len - from);

	if (!nl)
		return;
	size_t tail = (size_t)(nl - out->s) + 1 + plen;
	if (tail > out->len || strspn(out->s + tail, "'\")]} \t") != out->len - tail)
		return;
	out->len = (size_t)(nl - out->s);
	out->s[out->len] = '\0';
}

/* Appends S with the escapes of KIND decoded, PREFIX before each line after the first. */
static void add_decoded(struct buf *out, enum unwrap_format kind, const char *s, size_t n,
			const char *prefix, size_t plen)
{
	size_t done = 0, from = out->len;

	for (size_t i = 0; i < n; i++) {
		char c = 0;
		size_t skip = 0;

		if (kind == UNWRAP_SYSLOG && syslog_escape(s, n, i, &c)) {
			skip = 4;
		} else if (kind == UNWRAP_ESCAPED && s[i] == '\\' && i + 1 < n) {
			static const char escape[] = "ntr\\'\"", byte[] = "\n\t\r\\'\"";
			const char *at = memchr(escape, s[i + 1], sizeof escape - 1);

			if (at) {
				c = byte[at - escape];
				skip = 2;
			}
		}
		if (!skip)
			continue;
		buf_add(out, s + done, i - done);
		if (c == '\n')
			add_break(out, prefix, plen);
		else
			buf_addc(out, c);
		done = i + skip;
		i = done - 1;
	}
	buf_add(out, s + done, n - done);
	if (kind == UNWRAP_ESCAPED)
		drop_closing(out, from, plen);
}

/* Appends one line of text, its escapes decoded when the format asks for it. */
static void add_line(struct unwrap *u, const char *s, size_t n, const char *prefix,
		     size_t plen)
{
	buf_add(&u->out, prefix, plen);
	add_decoded(&u->out, escapes_in(u->format, s, n), s, n, prefix, plen);
}

/* --- JSON --- */

static int json_decode(struct unwrap *u, const char *s, size_t n, const char *prefix,
		       size_t plen, int depth);

/* Whether S could be one JSON object: '{' first and '}' last, blanks aside. */
static int looks_like_object(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return n - i >= 2 && s[i] == '{' && s[n - 1] == '}';
}

/* Appends TEXT (a message that may hold several lines) line by line; a message that is
 * itself a JSON object is decoded in turn. */
static void add_message(struct unwrap *u, const char *text, size_t n, const char *prefix,
			size_t plen, int depth)
{
	if (n && text[n - 1] == '\n')
		n--;                     /* the line's own end, as Docker and format_exc keep it */
	if (depth < JSON_DEPTH_MAX && looks_like_object(text, n) &&
	    json_decode(u, text, n, prefix, plen, depth + 1))
		return;
	for (;;) {
		const char *nl = memchr(text, '\n', n);
		size_t len = nl ? (size_t)(nl - text) : n;

		add_line(u, text, len, prefix, plen);
		if (!nl)
			return;
		buf_addc(&u->out, '\n');
		text += len + 1;
		n -= len + 1;
	}
}

/* A field's text: a string, or journald's array of byte values for a message that is not
 * UTF-8.  Copied into STORE only in the second case.  NULL when it is neither. */
static const char *field_text(json_t *v, struct buf *store, size_t *len)
{
	if (json_is_string(v)) {
		*len = json_string_length(v);
		return json_string_value(v);
	}
	if (!json_is_array(v) || !json_array_size(v))
		return NULL;
	buf_reset(store);
	for (size_t i = 0; i < json_array_size(v); i++) {
		json_t *b = json_array_get(v, i);

		if (!json_is_integer(b) || json_integer_value(b) < 0 || json_integer_value(b) > 255)
			return NULL;
		buf_addc(store, (char)json_integer_value(b));
	}
	*len = store->len;
	return store->s;
}

/* Bytes kept of the name and of the pid in a journald prefix: it is copied before every
 * line of the message, so its length multiplies the memory a many-line message takes. */
#define JOURNAL_NAME_MAX 64
#define JOURNAL_PID_MAX 16

/* When a container entry says it was written: journald's microseconds, or the ISO 8601
 * time of Docker's "time" or of a JSON logger's field.  0 when it does not say. */
static time_t entry_time(json_t *obj)
{
	static const char *const time_keys[] = { "time", "timestamp", "@timestamp", "asctime" };
	json_t *us = json_object_get(obj, "__REALTIME_TIMESTAMP");

	if (json_is_string(us))
		return clean_epoch(strtoll(json_string_value(us), NULL, 10) / 1000000);
	for (size_t k = 0; k < sizeof time_keys / sizeof *time_keys; k++) {
		json_t *v = json_object_get(obj, time_keys[k]);
		time_t t = json_is_string(v) ? clean_time(json_string_value(v),
							 json_string_length(v)) : 0;
		if (t)
			return t;
	}
	return 0;
}

static size_t capped(size_t n, size_t max)
{
	return n < max ? n : max;
}

/* journald's entries name the program and its pid: "name[pid]: " before each line keeps
 * the lines of concurrent processes apart, as syslog's files show them. */
static void journal_prefix(json_t *obj, struct buf *prefix)
{
	json_t *ident = json_object_get(obj, "SYSLOG_IDENTIFIER");
	json_t *pid = json_object_get(obj, "_PID");

	if (!json_is_string(ident))
		ident = json_object_get(obj, "_COMM");
	if (!json_is_string(ident))
		return;
	buf_add(prefix, json_string_value(ident),
		capped(json_string_length(ident), JOURNAL_NAME_MAX));
	if (!json_is_string(pid))
		pid = json_object_get(obj, "SYSLOG_PID");
	if (json_is_string(pid)) {
		buf_addc(prefix, '[');
		buf_add(prefix, json_string_value(pid),
			capped(json_string_length(pid), JOURNAL_PID_MAX));
		buf_addc(prefix, ']');
	}
	buf_adds(prefix, ": ");
}

static int hex4_at(const char *s, size_t n, unsigned *value)
{
	*value = 0;
	for (size_t i = 0; i < 4; i++) {
		char c = i < n ? s[i] : 0;
		unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0') :
			     (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (unsigned)((c | 0x20) - 'a' + 10) :
			     16;
		if (d == 16)
			return 0;
		*value = *value << 4 | d;
	}
	return 1;
}

/* S (N bytes) into OUT as JSON that jansson reads: a byte that starts no UTF-8 character,
 * and a \u escape of half a surrogate pair (Python's json.dumps writes one for each byte
 * of a path decoded with surrogateescape), become U+FFFD; the rest is kept. */
static void json_replace_invalid(struct buf *out, const char *s, size_t n)
{
	buf_reset(out);
	for (size_t i = 0, len; i < n; i += len) {
		unsigned long cp;
		unsigned hi, lo;
		int shown;

		if (s[i] == '\\' && i + 1 < n && s[i + 1] == 'u' && hex4_at(s + i + 2, n - i - 2, &hi) &&
		    hi >= 0xd800 && hi <= 0xdfff) {
			len = 6;
			if (hi <= 0xdbff && i + 12 <= n && s[i + 6] == '\\' && s[i + 7] == 'u' &&
			    hex4_at(s + i + 8, n - i - 8, &lo) && lo >= 0xdc00 && lo <= 0xdfff)
				buf_add(out, s + i, len = 12);
			else
				buf_adds(out, "\\ufffd");
			continue;
		}
		if (s[i] == '\\') {
			len = i + 1 < n ? 2 : 1;
			buf_add(out, s + i, len);
			continue;
		}
		len = clean_char(s + i, n - i, &cp, &shown);
		if (len == 1 && (unsigned char)s[i] >= 0x80)
			buf_add(out, "\xef\xbf\xbd", 3);
		else
			buf_add(out, s + i, len);
	}
}

/* Appends the lines of the JSON object in S: 1, or 0 (and nothing appended) when S is no
 * JSON object or has none of the fields that hold a message. */
static int json_decode(struct unwrap *u, const char *s, size_t n, const char *prefix,
		       size_t plen, int depth)
{
	json_error_t err;
	json_t *obj = json_loadb(s, n, JSON_ALLOW_NUL, &err);

	if (!obj && (json_error_code(&err) == json_error_invalid_utf8 ||
		     json_error_code(&err) == json_error_invalid_syntax) && depth == 0) {
		/* Keep what can be read */
		json_replace_invalid(&u->clean, s, n);
		if (u->clean.len != n || memcmp(u->clean.s, s, n))
			obj = json_loadb(u->clean.s, u->clean.len, JSON_ALLOW_NUL, &err);
	}
	if (!json_is_object(obj)) {
		json_decref(obj);
		return 0;
	}
	struct buf bytes = { 0 }, own_prefix = { 0 };
	const char *texts[sizeof trace_keys / sizeof *trace_keys + 1];
	size_t lens[sizeof texts / sizeof *texts], ntexts = 0;

	for (size_t k = 0; message_keys[k] && !ntexts; k++) {
		json_t *v = json_object_get(obj, message_keys[k]);

		if (v && (texts[ntexts] = field_text(v, &bytes, &lens[ntexts])))
			ntexts++;
	}
	/* Docker writes a line longer than 16 KiB as several entries, only the last ending in
	 * a newline: the parts are joined, and the line handed out with the last.  An entry of
	 * the other stream in between is a line of its own. */
	int joined = 0;
	if (ntexts && depth == 0 && json_is_string(json_object_get(obj, "log")) &&
	    json_is_string(json_object_get(obj, "stream"))) {
		const char *stream = json_string_value(json_object_get(obj, "stream"));
		int part = lens[0] >= PARTIAL_SIZE && texts[0][lens[0] - 1] != '\n';
		int same = !u->partial.len || !strncmp(stream, u->partial_stream,
							sizeof u->partial_stream);

		if (part && same && u->partial.len + lens[0] <= PARTIAL_MAX) {
			if (!u->partial.len)
				snprintf(u->partial_stream, sizeof u->partial_stream, "%s", stream);
			buf_add(&u->partial, texts[0], lens[0]);
			u->held = 1;
			json_decref(obj);
			buf_fini(&bytes);
			return 1;
		}
		if (u->partial.len && same) {
			buf_add(&u->partial, texts[0], lens[0]);
			texts[0] = u->partial.s;
			lens[0] = u->partial.len;
			joined = 1;
		}
	}
	for (size_t k = 0; trace_keys[k]; k++) {
		json_t *v = json_object_get(obj, trace_keys[k]);

		if (json_is_string(v) && json_string_length(v)) {
			texts[ntexts] = json_string_value(v);
			lens[ntexts++] = json_string_length(v);
		}
	}
	if (ntexts && depth == 0)
		u->time = entry_time(obj);
	if (ntexts) {
		buf_add(&own_prefix, prefix, plen);
		if (json_object_get(obj, "MESSAGE"))
			journal_prefix(obj, &own_prefix);
		for (size_t i = 0; i < ntexts; i++) {
			if (i)
				buf_addc(&u->out, '\n');
			add_message(u, texts[i], lens[i], own_prefix.s ? own_prefix.s : "",
				    own_prefix.len, depth);
		}
	}
	buf_fini(&bytes);
	buf_fini(&own_prefix);
	json_decref(obj);
	if (joined)
		buf_reset(&u->partial);
	return ntexts > 0;
}

/* --- the interface --- */

void unwrap_line(struct unwrap *u, const char *line, size_t len)
{
	u->next = line;
	u->left = len;
	u->more = 1;
	u->split = 0;
	u->time = 0;
	if (u->format == UNWRAP_TEXT || !len)
		return;
	if ((u->format == UNWRAP_AUTO || u->format == UNWRAP_JSON) && looks_like_object(line, len)) {
		buf_reset(&u->out);
		buf_add(&u->out, "", 0);
		u->held = 0;
		if (json_decode(u, line, len, "", 0, 0)) {
			u->next = u->out.s;
			u->left = u->out.len;
			u->split = 1;
			u->more = !u->held;
			return;
		}
	}
	if (u->format == UNWRAP_JSON)
		return;
	enum unwrap_format kind = escapes_in(u->format, line, len);
	if (kind == UNWRAP_TEXT)
		return;
	buf_reset(&u->out);
	buf_add(&u->out, "", 0);
	add_decoded(&u->out, kind, line, len, "", 0);
	u->next = u->out.s;
	u->left = u->out.len;
	u->split = 1;
}

void unwrap_end(struct unwrap *u)
{
	u->more = 0;
	if (!u->partial.len)
		return;
	buf_reset(&u->out);
	buf_add(&u->out, "", 0);
	add_message(u, u->partial.s, u->partial.len, "", 0, 0);
	buf_reset(&u->partial);
	u->next = u->out.s;
	u->left = u->out.len;
	u->split = 1;
	u->more = 1;
}

time_t unwrap_time(const struct unwrap *u)
{
	return u->time;
}

int unwrap_next(struct unwrap *u, const char **line, size_t *len)
{
	const char *nl;

	if (!u->more)
		return 0;
	*line = u->next;
	if (u->split && (nl = memchr(u->next, '\n', u->left))) {
		*len = (size_t)(nl - u->next);
		u->next = nl + 1;
		u->left -= *len + 1;
		return 1;
	}
	*len = u->left;
	u->more = 0;
	return 1;
}
