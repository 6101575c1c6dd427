/*
 * session_tty.c: the terminal of the guided session.  Which descriptors talk to the person
 * (stdin and stdout, or /dev/tty where they carry the log or the report); GNU readline on
 * them through its callback interface, so that Ctrl-C abandons the line being typed while
 * readline puts the terminal back; Tab completion; a history kept across sessions; a reader
 * for a pasted traceback.  Knows lines and keys, nothing of questions or failures.
 */
#include "session_int.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "clean.h"
#include "util.h"

/* Readline 8.1 can keep its signal handlers for the whole line and be asked to act on a
 * signal from outside (rl_check_signals): it then puts the terminal back on SIGTERM or
 * SIGHUP too.  Older ones catch signals only while they read a key. */
#if RL_READLINE_VERSION >= 0x0801
#define READLINE_KEEPS_SIGNALS 1
#endif

#define WIDTH 80
#define HISTORY_MAX 1000
#define PASTE_PAUSE_MS 50        /* more pasted text arrives within this, typing does not */

struct tty {
	FILE *in, *out;
	FILE *own_in, *own_out;          /* opened on /dev/tty */
	char *history;                   /* the history file, or NULL */
	const char *const *words;        /* completion of the first word */
	size_t nwords;
	const char *arg_command;         /* completion of its argument */
	const char *const *args;
	size_t nargs;
	struct sigaction old_int;
};

/* Readline's callbacks take no argument: the terminal being read, the line it gave. */
static struct tty *active;
static char *line_read;
static int line_done;
static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
}

int tty_available(void)
{
	int fd;

	if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		return 1;
	fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

/* $XDG_STATE_HOME/pickdoc/history, else ~/.local/state/pickdoc/history. */
static char *history_path(void)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	struct buf b = { 0 };

	if (state && *state == '/')
		buf_printf(&b, "%s/pickdoc/history", state);
	else if (home && *home)
		buf_printf(&b, "%s/.local/state/pickdoc/history", home);
	else
		return NULL;
	return buf_release(&b);
}

/* mkdir -p of the directory holding PATH; failures show when the history is written. */
static void make_parents(const char *path)
{
	char *dir = xstrdup(path);

	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(dir, 0700);
		*p = '/';
	}
	free(dir);
}

static char *next_match(const char *text, int state)
{
	static size_t i;
	size_t len = strlen(text);
	const char *const *list = rl_point > 0 && active->arg_command &&
				  !strncmp(rl_line_buffer, active->arg_command,
					   strlen(active->arg_command)) &&
				  rl_line_buffer[strlen(active->arg_command)] == ' '
				  ? active->args : active->words;
	size_t n = list == active->args ? active->nargs : active->nwords;

	if (!state)
		i = 0;
	while (i < n) {
		const char *w = list[i++];
		if (!strncmp(w, text, len))
			return xstrdup(w);
	}
	return NULL;
}

static char **complete(const char *text, int start, int end)
{
	(void)end;
	rl_attempted_completion_over = 1;    /* never file names */
	if (start > 0 && (!active->arg_command ||
			  strncmp(rl_line_buffer, active->arg_command,
				  strlen(active->arg_command))))
		return NULL;
	return rl_completion_matches(text, next_match);
}

struct tty *tty_open(void)
{
	struct tty *t = xcalloc(1, sizeof *t);
	int in_tty = isatty(STDIN_FILENO), out_tty = isatty(STDOUT_FILENO);
	struct sigaction sa;

	t->in = stdin;
	t->out = stdout;
	if (!in_tty || !out_tty) {
		int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
		if (fd < 0) {
			free(t);
			return NULL;
		}
		if (!in_tty)
			t->in = t->own_in = fdopen(dup(fd), "r");
		if (!out_tty)
			t->out = t->own_out = fdopen(dup(fd), "w");
		close(fd);
		if ((!in_tty && !t->own_in) || (!out_tty && !t->own_out)) {
			tty_close(t);
			return NULL;
		}
	}
	active = t;
	rl_instream = t->in;
	rl_outstream = t->out;
	rl_readline_name = "pickdoc";
	rl_change_environment = 0;
#ifdef READLINE_KEEPS_SIGNALS
	rl_persistent_signal_handlers = 1;
#endif
	rl_attempted_completion_function = complete;
	using_history();
	stifle_history(HISTORY_MAX);
	t->history = history_path();
	if (t->history)
		read_history(t->history);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_interrupt;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &t->old_int);
	return t;
}

void tty_close(struct tty *t)
{
	if (!t)
		return;
	if (active == t) {
		sigaction(SIGINT, &t->old_int, NULL);
		if (t->history) {
			make_parents(t->history);
			if (write_history(t->history) == 0)
				history_truncate_file(t->history, HISTORY_MAX);
		}
		clear_history();
		rl_instream = rl_outstream = NULL;
		active = NULL;
	}
	fflush(t->out);
	if (t->own_in)
		fclose(t->own_in);
	if (t->own_out)
		fclose(t->own_out);
	free(t->history);
	free(t);
}

FILE *tty_out(const struct tty *t)
{
	return t->out;
}

int tty_is_stdout(const struct tty *t)
{
	return t->out == stdout;
}

void tty_completions(struct tty *t, const char *const *words, size_t nwords,
		     const char *arg_command, const char *const *args, size_t nargs)
{
	t->words = words;
	t->nwords = nwords;
	t->arg_command = arg_command;
	t->args = args;
	t->nargs = nargs;
}

static void on_line(char *line)
{
	rl_callback_handler_remove();
	if (line && *line && (!history_length || strcmp(history_get(history_base +
								    history_length - 1)->line, line)))
		add_history(line);
	line_read = line;
	line_done = 1;
}

/* Waits for a key or a signal without losing a signal that arrives just before. */
static int wait_key(int fd)
{
	sigset_t block, old;
	fd_set ready;
	int r;

	if (rl_pending_input)
		return 1;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGWINCH);
	sigprocmask(SIG_BLOCK, &block, &old);
	FD_ZERO(&ready);
	FD_SET(fd, &ready);
	r = interrupted ? -1 : pselect(fd + 1, &ready, NULL, NULL, NULL, &old);
	if (r < 0 && interrupted)
		errno = EINTR;
	sigprocmask(SIG_SETMASK, &old, NULL);
	return r;
}

enum tty_read tty_readline(struct tty *t, const char *prompt, char **line)
{
	int fd = fileno(t->in);

	fflush(t->out);
	interrupted = 0;
	line_done = 0;
	line_read = NULL;
	rl_callback_handler_install(prompt, on_line);
	while (!line_done) {
		int r = wait_key(fd);
		if (r < 0 && errno == EINTR) {
#ifdef READLINE_KEEPS_SIGNALS
			/* Readline's handler noted the signal: it clears the line and the
			 * terminal, then hands SIGINT on to ours. */
			rl_check_signals();
#endif
			if (!interrupted)
				continue;
			rl_free_line_state();
			rl_callback_sigcleanup();
			rl_callback_handler_remove();
			fputc('\n', t->out);
			fflush(t->out);
			interrupted = 0;
			return TTY_INTERRUPT;
		}
		if (r < 0) {
			rl_callback_handler_remove();
			break;
		}
		rl_callback_read_char();
	}
	*line = line_read;
	line_read = NULL;
	if (!*line) {
		fputc('\n', t->out);
		fflush(t->out);
	}
	return *line ? TTY_LINE : TTY_EOF;
}

/* --- a pasted traceback --- */

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* Whether more pasted text is on its way: already read, or arriving at once. */
static int more_waiting(int fd, const struct buf *pending)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return pending->len > 0 || poll(&p, 1, PASTE_PAUSE_MS) > 0;
}

char *tty_read_paste(struct tty *t, tty_paste_done_fn *done, void *arg, size_t *len)
{
	int fd = fileno(t->in);
	struct buf text = { 0 }, pending = { 0 };
	char chunk[4096];

	fflush(t->out);
	for (;;) {
		char *nl = pending.len ? memchr(pending.s, '\n', pending.len) : NULL;
		if (nl) {
			size_t n = (size_t)(nl - pending.s);
			buf_add(&text, pending.s, n + 1);
			memmove(pending.s, nl + 1, pending.len - n - 1);
			pending.len -= n + 1;
			/* DONE reads the whole paste so far: only once the text has paused,
			 * not at each empty line of a paste still arriving */
			if (blank(text.s + text.len - n - 1, n) && text.len > n + 1 &&
			    !more_waiting(fd, &pending) && done(text.s, text.len, arg))
				break;
			continue;
		}
		ssize_t got = read(fd, chunk, sizeof chunk);
		if (got < 0 && errno == EINTR && !interrupted)
			continue;
		if (got < 0 && errno == EINTR) {
			buf_fini(&text);
			buf_fini(&pending);
			return NULL;
		}
		if (got <= 0) {
			if (pending.len)
				buf_add(&text, pending.s, pending.len);
			break;
		}
		buf_add(&pending, chunk, (size_t)got);
	}
	buf_fini(&pending);
	*len = text.len;
	return buf_release(&text);
}

/* --- writing --- */

/* C0, DEL and C1 controls, bidirectional controls and bytes that are no UTF-8 are shown
 * escaped, as the reports do (clean_char). */
void say_log(FILE *out, const char *s)
{
	while (*s) {
		unsigned long cp;
		int shown;
		size_t len = clean_char(s, strnlen(s, 4), &cp, &shown);
		if (shown)
			fwrite(s, 1, len, out);
		else
			clean_put_escape(out, s, len, cp);
		s += len;
	}
}

static size_t columns(const char *s, size_t n)
{
	size_t cols = 0;

	for (size_t i = 0; i < n; i++)
		cols += ((unsigned char)s[i] & 0xc0) != 0x80;
	return cols;
}

void say_more(FILE *out, size_t col, size_t hang, const char *text)
{
	int fresh = 1;

	for (const char *p = text; *p;) {
		if (*p == ' ' || *p == '\n') {
			p++;
			continue;
		}
		size_t n = strcspn(p, " \n");
		size_t w = columns(p, n);
		if (!fresh && col + 1 + w > WIDTH) {
			fprintf(out, "\n%*s", (int)hang, "");
			col = hang;
			fresh = 1;
		}
		if (!fresh) {
			fputc(' ', out);
			col++;
		}
		char *word = xstrndup(p, n);
		say_log(out, word);
		free(word);
		col += w;
		fresh = 0;
		p += n;
	}
	fputc('\n', out);
}

void say(FILE *out, size_t indent, size_t hang, const char *text)
{
	fprintf(out, "%*s", (int)indent, "");
	say_more(out, indent, hang, text);
}
