/*
 * pty_test.c: drives pickdoc through a real pseudo-terminal, as a person would, and runs
 * the checks written in case files (format in tests/pty/README.md): start the binary
 * ($PICKDOC) on a new pty that is its controlling terminal, send keys, wait for output
 * with a timeout, check the exit status and that the terminal was left sane.  Runs
 * without a terminal too, for the replayed answers.  Prints FAIL lines, then
 * "N passed, M failed"; exits 1 when M > 0.  Knows keys and output, nothing of pickdoc's
 * insides.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define MAX_ARGS 64

struct child {
	pid_t pid;
	int master, slave;               /* pty; -1 without one */
	int status;                      /* wait status, -1 while running */
	int collected;                   /* without a pty: its output files were read */
	char *out;                       /* everything it wrote, '\r' removed */
	size_t len, cap, seen;           /* seen: where the next expect starts */
};

struct test {
	const char *name;
	char tmp[64];
	char *stdin_path;
	char *stdout_path;
	char *env[16];
	size_t nenv;
	int notty;
	struct child c;
	int failed;
};

static const char *pickdoc;
static int timeout_s = 10;
static int verbose;
static int passed, failed;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n);

	if (!q) {
		perror("pty_test");
		exit(2);
	}
	return q;
}

static void fail(struct test *t, const char *fmt, ...)
{
	va_list ap;

	if (!t->failed++)
		printf("FAIL %s\n", t->name);
	printf("    ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* The last lines of the output, for a failure. */
static void show_output(struct test *t)
{
	const char *p = t->c.out ? t->c.out : "";
	size_t n = t->c.len, lines = 0, from = n;

	while (from > 0 && lines < 25)
		lines += p[--from] == '\n';
	printf("    output (last lines):\n");
	for (const char *l = p + from; l < p + n;) {
		const char *nl = memchr(l, '\n', (size_t)(p + n - l));
		size_t len = nl ? (size_t)(nl - l) : (size_t)(p + n - l);
		printf("      | %.*s\n", (int)len, l);
		l += len + 1;
	}
}

/* "\r", "\n", "\t", "\e", "\\", "\xHH"; $TMP and $ROOT expanded. */
static char *unescape(const struct test *t, const char *s, size_t *len)
{
	size_t cap = strlen(s) * 4 + 256, n = 0;
	char *out = xrealloc(NULL, cap);
	char root[4096];

	if (!getcwd(root, sizeof root))
		strcpy(root, ".");
	for (const char *p = s; *p; p++) {
		if (!strncmp(p, "$TMP", 4) && n + strlen(t->tmp) < cap) {
			n += (size_t)sprintf(out + n, "%s", t->tmp);
			p += 3;
			continue;
		}
		if (!strncmp(p, "$ROOT", 5) && n + strlen(root) < cap) {
			n += (size_t)sprintf(out + n, "%s", root);
			p += 4;
			continue;
		}
		if (*p != '\\' || !p[1]) {
			out[n++] = *p;
			continue;
		}
		switch (*++p) {
		case 'r': out[n++] = '\r'; break;
		case 'n': out[n++] = '\n'; break;
		case 't': out[n++] = '\t'; break;
		case 'e': out[n++] = '\033'; break;
		case 'x': {
			char hex[3] = { p[1], p[1] ? p[2] : 0, 0 };
			out[n++] = (char)strtol(hex, NULL, 16);
			p += 2;
			break;
		}
		default: out[n++] = *p; break;
		}
	}
	out[n] = '\0';
	*len = n;
	return out;
}

static void append(struct child *c, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r')
			continue;
		if (c->len + 2 > c->cap) {
			c->cap = c->cap ? c->cap * 2 : 4096;
			c->out = xrealloc(c->out, c->cap);
		}
		c->out[c->len++] = s[i];
	}
	if (c->out)
		c->out[c->len] = '\0';
}

/* Reads what the child wrote for up to MS milliseconds; notes its exit. */
static void pump(struct child *c, int ms)
{
	char chunk[4096];

	if (c->master >= 0) {
		struct pollfd p = { .fd = c->master, .events = POLLIN };
		if (poll(&p, 1, ms) > 0) {
			ssize_t got = read(c->master, chunk, sizeof chunk);
			if (got > 0)
				append(c, chunk, (size_t)got);
		}
	} else if (ms > 0) {
		usleep((useconds_t)ms * 1000);
	}
	if (c->status < 0) {
		int st;
		if (waitpid(c->pid, &st, WNOHANG) == c->pid)
			c->status = st;
	}
}

/* --- the steps --- */

static int split_args(char *line, char **argv, size_t max)
{
	size_t n = 0;

	for (char *p = line; *p && n + 1 < max;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		char quote = *p == '"' || *p == '\'' ? *p++ : 0;
		argv[n++] = p;
		while (*p && (quote ? *p != quote : *p != ' '))
			p++;
		if (*p)
			*p++ = '\0';
	}
	argv[n] = NULL;
	return (int)n;
}

/* Ends what is left of a previous run in the same case. */
static void close_child(struct child *c)
{
	if (c->pid > 0 && c->status < 0) {
		kill(-c->pid, SIGKILL);
		kill(c->pid, SIGKILL);
		waitpid(c->pid, NULL, 0);
	}
	if (c->master >= 0)
		close(c->master);
	if (c->slave >= 0)
		close(c->slave);
	free(c->out);
	memset(c, 0, sizeof *c);
	c->master = c->slave = -1;
	c->status = -1;
}

static void start(struct test *t, char *args)
{
	char *argv[MAX_ARGS + 2];
	char *expanded[MAX_ARGS];
	int n;
	size_t len;

	argv[0] = (char *)pickdoc;
	n = split_args(args, argv + 1, MAX_ARGS);
	for (int i = 0; i < n; i++)
		argv[i + 1] = expanded[i] = unescape(t, argv[i + 1], &len);
	close_child(&t->c);
	if (!t->notty) {
		struct winsize ws = { .ws_row = 24, .ws_col = 80 };
		if (openpty(&t->c.master, &t->c.slave, NULL, NULL, &ws) < 0) {
			fail(t, "openpty: %s", strerror(errno));
			return;
		}
	}
	fflush(stdout);
	t->c.pid = fork();
	if (t->c.pid == 0) {
		char path[512];
		setsid();
		if (!t->notty) {
			ioctl(t->c.slave, TIOCSCTTY, 0);
			dup2(t->c.slave, 0);
			dup2(t->c.slave, 1);
			dup2(t->c.slave, 2);
			close(t->c.master);
			close(t->c.slave);
		} else {
			snprintf(path, sizeof path, "%s/stdout", t->tmp);
			int out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
			snprintf(path, sizeof path, "%s/stderr", t->tmp);
			int err = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
			int in = open("/dev/null", O_RDONLY);
			dup2(in, 0);
			dup2(out, 1);
			dup2(err, 2);
		}
		if (t->stdin_path) {
			int in = open(t->stdin_path, O_RDONLY);
			if (in < 0 || dup2(in, 0) < 0)
				_exit(126);
		}
		if (t->stdout_path) {
			int out = open(t->stdout_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
			if (out < 0 || dup2(out, 1) < 0)
				_exit(126);
		}
		for (size_t i = 0; i < t->nenv; i++)
			putenv(t->env[i]);
		execv(pickdoc, argv);
		_exit(127);
	}
	for (int i = 0; i < n; i++)
		free(expanded[i]);
	if (t->c.pid < 0)
		fail(t, "fork: %s", strerror(errno));
}

/* Without a pty the output is read from files once the child is gone. */
static void collect_files(struct test *t)
{
	const char *names[] = { "stdout", "stderr" };
	char path[512], chunk[4096];

	if (t->c.collected || t->c.status < 0)
		return;
	t->c.collected = 1;
	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof path, "%s/%s", t->tmp, names[i]);
		FILE *f = fopen(path, "r");
		size_t got;
		while (f && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
			append(&t->c, chunk, got);
		if (f)
			fclose(f);
	}
}

static void wait_exit(struct test *t, int want)
{
	double deadline = now() + timeout_s;

	while (t->c.status < 0 && now() < deadline)
		pump(&t->c, 50);
	pump(&t->c, 0);
	if (t->notty)
		collect_files(t);
	if (t->c.status < 0) {
		fail(t, "still running after %ds, expected exit %d", timeout_s, want);
		show_output(t);
		return;
	}
	/* What it wrote just before it ended. */
	while (t->c.master >= 0) {
		struct pollfd p = { .fd = t->c.master, .events = POLLIN };
		char chunk[4096];
		ssize_t got;
		if (poll(&p, 1, 20) <= 0 || (got = read(t->c.master, chunk, sizeof chunk)) <= 0)
			break;
		append(&t->c, chunk, (size_t)got);
	}
	int st = t->c.status;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != want) {
		if (WIFEXITED(st))
			fail(t, "exit status %d, expected %d", WEXITSTATUS(st), want);
		else
			fail(t, "killed by signal %d, expected exit %d", WTERMSIG(st), want);
		show_output(t);
	}
}

static void expect(struct test *t, const char *text)
{
	size_t len;
	char *want = unescape(t, text, &len);
	double deadline = now() + timeout_s;
	char *hit = NULL;

	while (t->notty && t->c.status < 0 && now() < deadline)
		pump(&t->c, 50);
	if (t->notty)
		collect_files(t);
	for (;;) {
		hit = t->c.out && len ? memmem(t->c.out + t->c.seen, t->c.len - t->c.seen,
					       want, len) : NULL;
		if (hit || now() >= deadline || (t->c.status >= 0 && t->notty))
			break;
		pump(&t->c, 50);
		if (t->c.status >= 0 && t->c.master >= 0) {
			/* Gone: what is left to read is all there is. */
			pump(&t->c, 20);
			hit = t->c.out ? memmem(t->c.out + t->c.seen, t->c.len - t->c.seen, want,
						len) : NULL;
			break;
		}
	}
	if (hit) {
		t->c.seen = (size_t)(hit - t->c.out) + len;
	} else {
		fail(t, "expected \"%s\" within %ds", text, timeout_s);
		show_output(t);
	}
	free(want);
}

static void absent(struct test *t, const char *text)
{
	size_t len;
	char *no = unescape(t, text, &len);

	if (t->c.out && memmem(t->c.out, t->c.len, no, len)) {
		fail(t, "\"%s\" should not appear", text);
		show_output(t);
	}
	free(no);
}

/* Keys typed while the program is between two reads land in the terminal's line
 * discipline: a Ctrl-D there becomes a NUL byte once the program switches the line editing
 * off, and it then never sees the end of input.  A person waits for the prompt, so wait
 * until the program reads keys one by one (ICANON off), or it has ended, or time is up. */
static void wait_for_reader(struct test *t)
{
	double deadline = now() + timeout_s;
	struct termios tio;

	pump(&t->c, 10);
	while (t->c.status < 0 && now() < deadline && t->c.slave >= 0 &&
	       tcgetattr(t->c.slave, &tio) == 0 && (tio.c_lflag & ICANON))
		pump(&t->c, 10);
}

static void send_keys(struct test *t, const char *text)
{
	size_t len;
	char *keys = unescape(t, text, &len);

	wait_for_reader(t);
	if (t->c.master < 0 || write(t->c.master, keys, len) != (ssize_t)len)
		fail(t, "cannot send \"%s\"", text);
	free(keys);
}

/* A file's bytes as keys, as a paste delivers them. */
static void send_file(struct test *t, const char *path_text)
{
	size_t len;
	char *path = unescape(t, path_text, &len);
	FILE *f = fopen(path, "r");
	char chunk[4096];
	size_t got;

	wait_for_reader(t);
	if (!f)
		fail(t, "cannot read %s", path);
	while (f && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (t->c.master < 0 || write(t->c.master, chunk, got) != (ssize_t)got)
			fail(t, "cannot send %s", path);
	if (f)
		fclose(f);
	free(path);
}

/* The terminal as the program left it: line editing and echo back on. */
static void sane(struct test *t)
{
	struct termios tio;

	if (t->c.slave < 0 || tcgetattr(t->c.slave, &tio) < 0) {
		fail(t, "no terminal to check");
		return;
	}
	if (!(tio.c_lflag & ICANON) || !(tio.c_lflag & ECHO))
		fail(t, "terminal left without%s%s", tio.c_lflag & ICANON ? "" : " ICANON",
		     tio.c_lflag & ECHO ? "" : " ECHO");
}

static void file_has(struct test *t, char *args)
{
	char *space = strchr(args, ' ');
	size_t len, tlen;

	if (!space) {
		fail(t, "file: expected PATH TEXT");
		return;
	}
	*space = '\0';
	char *path = unescape(t, args, &len);
	char *want = unescape(t, space + 1, &tlen);
	FILE *f = fopen(path, "r");
	char *text = NULL;
	size_t n = 0;
	if (f) {
		text = xrealloc(NULL, 1 << 20);
		n = fread(text, 1, (1 << 20) - 1, f);
		fclose(f);
	}
	if (!f)
		fail(t, "%s does not exist", path);
	else if (!memmem(text, n, want, tlen))
		fail(t, "%s does not contain \"%s\"", path, space + 1);
	free(text);
	free(path);
	free(want);
}

static void shell(struct test *t, const char *cmd)
{
	size_t len;
	char *line = unescape(t, cmd, &len);
	char env[600];

	snprintf(env, sizeof env, "TMP=%s", t->tmp);
	putenv(env);
	fflush(stdout);
	int rc = system(line);
	if (rc != 0) {
		fail(t, "sh: %s", cmd);
		show_output(t);
	}
	unsetenv("TMP");
	free(line);
}

static void end_case(struct test *t)
{
	if (!t->name)
		return;
	close_child(&t->c);
	free(t->stdin_path);
	free(t->stdout_path);
	for (size_t i = 0; i < t->nenv; i++)
		free(t->env[i]);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->tmp);
	if (system(cmd) != 0)
		fprintf(stderr, "pty_test: cannot remove %s\n", t->tmp);
	if (t->failed)
		failed++;
	else
		passed++;
	if (verbose && !t->failed)
		printf("ok   %s\n", t->name);
	free((char *)t->name);
	memset(t, 0, sizeof *t);
}

static void new_case(struct test *t, const char *name)
{
	char home[128];

	end_case(t);
	t->name = strdup(name);
	t->c.master = t->c.slave = -1;
	t->c.status = -1;
	snprintf(t->tmp, sizeof t->tmp, "/tmp/pickdoc-pty.XXXXXX");
	if (!mkdtemp(t->tmp)) {
		perror("mkdtemp");
		exit(2);
	}
	snprintf(home, sizeof home, "HOME=%s/home", t->tmp);
	t->env[t->nenv++] = strdup(home);
	snprintf(home, sizeof home, "%s/home", t->tmp);
	mkdir(home, 0755);
}

static void step(struct test *t, char *line, const char *where)
{
	char *arg = line + strcspn(line, " ");
	size_t len;

	if (*arg)
		*arg++ = '\0';
	if (!strcmp(line, "case")) {
		new_case(t, arg);
		return;
	}
	if (!t->name) {
		fprintf(stderr, "%s: a step before the first case\n", where);
		exit(2);
	}
	if (t->failed)
		return;                  /* the rest of a failed case would only add noise */
	if (!strcmp(line, "run"))
		start(t, arg);
	else if (!strcmp(line, "notty"))
		t->notty = 1;
	else if (!strcmp(line, "stdin"))
		t->stdin_path = unescape(t, arg, &len);
	else if (!strcmp(line, "stdout"))
		t->stdout_path = unescape(t, arg, &len);
	else if (!strcmp(line, "env") && t->nenv < 16)
		t->env[t->nenv++] = unescape(t, arg, &len);
	else if (!strcmp(line, "expect"))
		expect(t, arg);
	else if (!strcmp(line, "absent"))
		absent(t, arg);
	else if (!strcmp(line, "send"))
		send_keys(t, arg);
	else if (!strcmp(line, "sendfile"))
		send_file(t, arg);
	else if (!strcmp(line, "exit"))
		wait_exit(t, atoi(arg));
	else if (!strcmp(line, "sane"))
		sane(t);
	else if (!strcmp(line, "file"))
		file_has(t, arg);
	else if (!strcmp(line, "sh"))
		shell(t, arg);
	else if (!strcmp(line, "dump"))
		printf("--- %s\n%s\n---\n", t->name, t->c.out ? t->c.out : "");
	else {
		fprintf(stderr, "%s: unknown step '%s'\n", where, line);
		exit(2);
	}
}

static void run_file(const char *path)
{
	FILE *f = fopen(path, "r");
	struct test t = { 0 };
	char *line = NULL, where[600];
	size_t cap = 0, lineno = 0;
	ssize_t n;

	if (!f) {
		fprintf(stderr, "pty_test: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	while ((n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		char *p = line;
		while (isspace((unsigned char)*p))
			p++;
		if (!*p || *p == '#')
			continue;
		snprintf(where, sizeof where, "%s:%zu", path, lineno);
		step(&t, p, where);
	}
	end_case(&t);
	free(line);
	fclose(f);
}

int main(int argc, char **argv)
{
	const char *env = getenv("PICKDOC_TEST_TIMEOUT");
	int first = 1;

	pickdoc = getenv("PICKDOC") ? getenv("PICKDOC") : "./pickdoc";
	if (env && atoi(env) > 0)
		timeout_s = atoi(env);
	if (argc > 1 && !strcmp(argv[1], "-v")) {
		verbose = 1;
		first = 2;
	}
	if (first >= argc) {
		fprintf(stderr, "usage: pty_test [-v] CASES...\n");
		return 2;
	}
	if (access(pickdoc, X_OK) != 0) {
		printf("FAIL binary\n    %s is not an executable file\n0 passed, 1 failed\n",
		       pickdoc);
		return 1;
	}
	/* A fixed, plain terminal: no colour, no locale surprises, no inputrc. */
	setenv("TERM", "dumb", 1);
	setenv("NO_COLOR", "1", 1);
	setenv("LC_ALL", "C", 1);
	setenv("INPUTRC", "/dev/null", 1);
	setenv("TZ", "UTC", 1);
	unsetenv("XDG_STATE_HOME");
	unsetenv("PICKDOC_KB");
	signal(SIGPIPE, SIG_IGN);
	for (int i = first; i < argc; i++)
		run_file(argv[i]);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
