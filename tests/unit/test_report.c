/*
 * test_report.c: the three report formats and --show, on findings built by hand against a
 * playbook defined here: JSON that parses back with the documented fields and types even
 * from broken UTF-8, Markdown that keeps log text inert, text with colour only on demand,
 * one line per finding with --brief, secondaries marked, write errors reported.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "report_int.h"

/* --- a playbook and findings built by hand --- */

static const char *const steps[] = { "Read the `whole` traceback.", "Find the __init__ caller." };
static const char *const places[] = { "The worker's stderr." };
static const char *const fixes[] = { "Playbook fix one.", "Playbook fix two." };
static const char *const worse[] = { "Catching and ignoring the error." };
static const char *const timeline[] = { "09:15 deploy", "09:17 crash" };

static const struct kb_cond cond = { .fact = "user_source", .pattern = "\\bself\\." };
static const struct kb_boost boost = { .when = &cond, .nwhen = 1, .add = 20,
				       .because = "the call passes self" };
static const struct kb_cause causes[] = {
	{ .id = "held-by-self", .title = "The object is held by `self`", .prior = 10,
	  .boosts = &boost, .nboosts = 1, .fix = "Cause fix: keep the resource out of self." },
	{ .id = "passed-in", .title = "The object is passed in", .prior = 5 },
};
static const struct kb_answer answers[] = {
	{ .value = "init", .label = "created in __init__", .next = "held-by-self" },
	{ .value = "arg", .label = "passed as an argument", .next = "passed-in" },
};
static const struct kb_question question = {
	.id = "created-where", .ask = "Where is the object created?",
	.why = "the fix differs between the two", .fact = "origin",
	.answers = answers, .nanswers = 2,
};
static const struct kb_check checks[] = {
	{ .run = "python -c \"import app; app.check()\"", .before = "an error naming it",
	  .after = "no output" },
};
static const struct kb_incident incident = {
	.title = "The pool that broke", .timeline = timeline, .ntimeline = 2,
	.story = "It ran for months.", .root_cause = "A lock in self.", .fix = "Moved it.",
	.lesson = "Test with dumps.",
};
static const struct kb_faq faqs[] = { { .q = "Why threads work?", .a = "No copying." } };
static const struct kb_signature signature = {
	.exception = "DemoError", .pattern = "^cannot frob '(?<subject>[^']+)'",
	.literal = "cannot frob", .versions = "3.8-",
};

static const struct kb_playbook playbook = {
	.id = "demo-failure", .title = "An object that refuses to be frobbed",
	.means = "Something in the task is a live resource that cannot be copied into another "
		 "process, such as a lock, a file or a socket; the copy is made each time a task "
		 "is sent, so the failure repeats for every task and uses __slots__ names.",
	.signatures = &signature, .nsignatures = 1,
	.causes = causes, .ncauses = 2,
	.questions = &question, .nquestions = 1,
	.first_ten_minutes = steps, .nfirst_ten_minutes = 2,
	.where_to_look = places, .nwhere_to_look = 1,
	.fix = fixes, .nfix = 2,
	.verify = checks, .nverify = 1,
	.worse = worse, .nworse = 1,
	.incident = &incident,
	.faq = faqs, .nfaq = 1,
};

static const struct kb_playbook echo_playbook = {
	.id = "demo-echo", .title = "A child that saw nothing",
	.means = "The other side died first.",
	.first_ten_minutes = steps, .nfirst_ten_minutes = 1,
	.fix = fixes, .nfix = 1,
	.verify = checks, .nverify = 1,
};

struct fixture {
	struct tb_exc exc[2];
	struct tb_record rec[2];
	struct ranked_cause ranked[2];
	struct tree_step path[1];
	struct finding fd[2];
	struct finding *list[2];
	struct unmatched unmatched[1];
	struct report_input in;
};

static char message[] = "cannot frob 'x*y_z`q|w' object\nsecond line of the message";
static char type[] = "DemoError";
static char echo_type[] = "EOFError";
static char echo_message[] = "Ran out of input";
static char origin[] = "app.log";
static char because[] = "the call passes self";
static char unmatched_type[] = "KeyError";
static char unmatched_message[] = "'missing'";

static void fixture_init(struct fixture *f)
{
	memset(f, 0, sizeof *f);
	f->exc[0] = (struct tb_exc){ .type = type, .message = message, .type_line = 42 };
	f->exc[1] = (struct tb_exc){ .type = echo_type, .message = echo_message, .type_line = 50 };
	for (int i = 0; i < 2; i++)
		f->rec[i] = (struct tb_record){ .excs = &f->exc[i], .nexcs = 1, .origin = origin };

	struct finding *fd = &f->fd[0];
	fd->playbook = &playbook;
	fd->signature = &signature;
	fd->record = &f->rec[0];
	facts_set(&fd->facts, "exception", type, "exception line", 42);
	facts_set(&fd->facts, "message", message, "exception line", 42);
	facts_set(&fd->facts, "subject", "x*y_z`q|w", "signature demo.yaml:3", 42);
	facts_set(&fd->facts, "wording_versions", "3.8-", "signature demo.yaml:3", 42);
	facts_set(&fd->facts, "user_file", "/srv/app.py", "user frame", 40);
	facts_set(&fd->facts, "user_line", "12", "user frame", 40);
	facts_set(&fd->facts, "user_func", "run", "user frame", 40);
	facts_set(&fd->facts, "user_source", "pool.map(self.work, items)", "user frame", 40);
	facts_set(&fd->facts, "python_version", "3.11", "evidence.yaml:7: lib/python3.11", 30);
	f->ranked[0] = (struct ranked_cause){ &causes[0], 30, because };
	f->ranked[1] = (struct ranked_cause){ &causes[1], 5, NULL };
	fd->causes = f->ranked;
	fd->ncauses = 2;
	f->path[0] = (struct tree_step){ &question, NULL };
	fd->path = f->path;
	fd->npath = 1;
	fd->occurrences = 3;
	fd->first_line = 42;
	fd->origin = origin;

	struct finding *echo = &f->fd[1];
	echo->playbook = &echo_playbook;
	echo->record = &f->rec[1];
	facts_set(&echo->facts, "exception", echo_type, "exception line", 50);
	echo->occurrences = 1;
	echo->first_line = 50;
	echo->origin = origin;
	echo->secondary = 1;
	echo->primary = fd;

	f->unmatched[0] = (struct unmatched){ .exception = unmatched_type, .message = unmatched_message,
					      .origin = origin, .first_line = 7, .occurrences = 2 };
	f->list[0] = fd;
	f->list[1] = echo;
	f->in = (struct report_input){ .findings = f->list, .nfindings = 2,
				       .unmatched = f->unmatched, .nunmatched = 1 };
	plan_build(fd);
	plan_build(echo);
}

static void fixture_fini(struct fixture *f)
{
	for (int i = 0; i < 2; i++) {
		facts_fini(&f->fd[i].facts);
		plan_fini(&f->fd[i].plan);
	}
}

/* The whole report (text: --full), as the tests below read every section. */
static char *render(const struct report_input *in, enum report_format format, int color,
		    int brief)
{
	struct report_opts opts = { .format = format, .color = color, .brief = brief, .full = 1 };
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	assert_non_null(out);
	assert_int_equal(report_write(out, in, &opts), 0);
	fclose(out);
	return text;
}

static char *render_playbook(const struct kb_playbook *pb, enum report_format format)
{
	struct report_opts opts = { .format = format };
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	assert_non_null(out);
	assert_int_equal(report_playbook(out, pb, &opts), 0);
	fclose(out);
	return text;
}

static size_t count_lines(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static int starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static json_t *parse_json(const char *text)
{
	json_error_t err;
	json_t *root = json_loads(text, 0, &err);

	if (!root)
		fail_msg("invalid JSON at %d:%d: %s", err.line, err.column, err.text);
	return root;
}

/* --- JSON --- */

static void assert_string_field(json_t *o, const char *key, const char *want)
{
	json_t *v = json_object_get(o, key);

	assert_true(json_is_string(v));
	if (want)
		assert_string_equal(json_string_value(v), want);
}

static void assert_string_array(json_t *o, const char *key, size_t n)
{
	json_t *a = json_object_get(o, key);

	assert_true(json_is_array(a));
	assert_int_equal(json_array_size(a), n);
	for (size_t i = 0; i < n; i++)
		assert_true(json_is_string(json_array_get(a, i)));
}

static void test_json_fields(void **state)
{
	struct fixture f;
	(void)state;

	fixture_init(&f);
	char *text = render(&f.in, REPORT_JSON, 1, 1);
	assert_null(strchr(text, '\033'));
	assert_int_equal(text[strlen(text) - 1], '\n');
	json_t *root = parse_json(text);
	assert_string_field(root, "pickdoc", PICKDOC_VERSION);

	json_t *found = json_object_get(root, "findings");
	assert_int_equal(json_array_size(found), 2);
	json_t *fd = json_array_get(found, 0);
	assert_string_field(fd, "playbook", "demo-failure");
	assert_string_field(fd, "title", playbook.title);
	assert_string_field(fd, "exception", "DemoError");
	assert_string_field(fd, "message", message);
	assert_string_field(fd, "subject", "x*y_z`q|w");
	assert_int_equal(json_integer_value(json_object_get(fd, "occurrences")), 3);
	assert_int_equal(json_integer_value(json_object_get(fd, "first_line")), 42);
	assert_string_field(fd, "origin", "app.log");
	assert_true(json_is_false(json_object_get(fd, "secondary")));
	assert_true(json_is_null(json_object_get(fd, "primary")));

	json_t *facts = json_object_get(fd, "facts");
	assert_string_field(facts, "python_version", "3.11");
	assert_string_field(facts, "user_source", "pool.map(self.work, items)");
	json_t *ev = json_object_get(fd, "evidence");
	assert_int_equal(json_array_size(ev), f.fd[0].facts.n);
	json_t *subject = json_array_get(ev, 2);
	assert_string_field(subject, "fact", "subject");
	assert_string_field(subject, "source", "signature demo.yaml:3");
	assert_int_equal(json_integer_value(json_object_get(subject, "line")), 42);

	json_t *cs = json_object_get(fd, "causes");
	assert_int_equal(json_array_size(cs), 2);
	assert_string_field(json_array_get(cs, 0), "id", "held-by-self");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(cs, 0), "score")), 30);
	assert_string_field(json_array_get(cs, 0), "because", because);
	assert_true(json_is_null(json_object_get(json_array_get(cs, 1), "because")));
	assert_true(json_is_null(json_object_get(fd, "conclusion")));

	json_t *qs = json_object_get(fd, "questions");
	assert_int_equal(json_array_size(qs), 1);
	assert_string_field(json_array_get(qs, 0), "id", "created-where");
	assert_string_field(json_array_get(qs, 0), "fact", "origin");
	assert_true(json_is_null(json_object_get(json_array_get(qs, 0), "answer")));
	assert_string_field(fd, "next_question", "created-where");

	assert_string_array(fd, "first_ten_minutes", 2);
	assert_string_array(fd, "where_to_look", 1);
	/* the leading cause's own fix, not also the playbook's list (plan.c) */
	assert_string_array(fd, "fix", 1);
	assert_string_equal(json_string_value(json_array_get(json_object_get(fd, "fix"), 0)),
			    causes[0].fix);
	assert_string_array(fd, "worse", 1);
	json_t *check = json_array_get(json_object_get(fd, "verify"), 0);
	assert_string_field(check, "run", checks[0].run);
	assert_string_field(check, "before", checks[0].before);
	assert_string_field(check, "after", checks[0].after);

	json_t *echo = json_array_get(found, 1);
	assert_true(json_is_true(json_object_get(echo, "secondary")));
	assert_true(json_is_null(json_object_get(echo, "subject")));
	json_t *primary = json_object_get(echo, "primary");
	assert_string_field(primary, "playbook", "demo-failure");
	assert_int_equal(json_integer_value(json_object_get(primary, "first_line")), 42);
	assert_true(json_is_null(json_object_get(echo, "next_question")));

	json_t *um = json_array_get(json_object_get(root, "unmatched"), 0);
	assert_string_field(um, "exception", "KeyError");
	assert_string_field(um, "message", "'missing'");
	assert_string_field(um, "origin", "app.log");
	assert_int_equal(json_integer_value(json_object_get(um, "first_line")), 7);
	assert_int_equal(json_integer_value(json_object_get(um, "occurrences")), 2);

	json_decref(root);
	free(text);
	fixture_fini(&f);
}

static void test_json_conclusion(void **state)
{
	struct fixture f;
	(void)state;

	fixture_init(&f);
	f.path[0].answer = &answers[1];
	f.fd[0].conclusion = &causes[1];
	plan_build(&f.fd[0]);
	char *text = render(&f.in, REPORT_JSON, 0, 0);
	json_t *root = parse_json(text);
	json_t *fd = json_array_get(json_object_get(root, "findings"), 0);

	assert_string_field(fd, "conclusion", "passed-in");
	assert_string_field(json_array_get(json_object_get(fd, "questions"), 0), "answer", "arg");
	assert_true(json_is_null(json_object_get(fd, "next_question")));
	/* the conclusion has no fix of its own: the playbook's come alone */
	assert_string_array(fd, "fix", 2);
	json_decref(root);
	free(text);
	fixture_fini(&f);
}

static void test_json_text_sanitised(void **state)
{
	(void)state;
	/* stray continuation, overlong '/', truncated 3-byte, surrogate, above U+10FFFF */
	static const char bad[] = "a\x80" "b\xc0\xaf" "c\xe2\x82" "d\xed\xa0\x80"
				  "e\xf4\x90\x80\x80";
	json_t *j = report_json_text(bad, sizeof bad - 1);

	assert_non_null(j);
	const char *s = json_string_value(j);
	assert_non_null(strstr(s, "a\xef\xbf\xbd" "b"));
	assert_non_null(strstr(s, "b\xef\xbf\xbd\xef\xbf\xbd" "c"));
	assert_non_null(strstr(s, "d\xef\xbf\xbd"));
	assert_null(strstr(s, "\xed\xa0"));
	json_decref(j);

	static const char good[] = "\xc3\xa9\xe2\x80\x94\xf0\x9f\x90\x8d";
	j = report_json_text(good, sizeof good - 1);
	assert_string_equal(json_string_value(j), good);
	json_decref(j);

	j = report_json_text("a\0b", 3);
	assert_int_equal(json_string_length(j), 3);
	char *dumped = json_dumps(j, JSON_ENCODE_ANY);
	assert_string_equal(dumped, "\"a\\u0000b\"");
	free(dumped);
	json_decref(j);

	assert_true(json_is_null(report_json_text(NULL, 0)));
}

static void test_json_invalid_utf8_report(void **state)
{
	struct fixture f;
	char bad_message[] = "cannot frob '\xff\xfe' object";
	(void)state;

	fixture_init(&f);
	f.exc[0].message = bad_message;
	f.unmatched[0].message = bad_message;
	char *text = render(&f.in, REPORT_JSON, 0, 0);
	json_t *root = parse_json(text);
	json_t *fd = json_array_get(json_object_get(root, "findings"), 0);

	assert_string_field(fd, "message", "cannot frob '\xef\xbf\xbd\xef\xbf\xbd' object");
	json_decref(root);
	free(text);
	fixture_fini(&f);
}

/* --- Markdown --- */

static void test_markdown(void **state)
{
	struct fixture f;
	(void)state;

	fixture_init(&f);
	char *md = render(&f.in, REPORT_MARKDOWN, 1, 0);

	assert_null(strchr(md, '\033'));
	assert_true(starts_with(md, "# pickdoc report\n"));
	assert_non_null(strstr(md, "\n## demo-failure \xe2\x80\x94 "));
	/* the verification plan is a checklist with the command in a code span */
	assert_non_null(strstr(md, "- [ ] `python -c \"import app; app.check()\"` \xe2\x80\x94 "
				   "an error naming it \xe2\x86\x92 no output\n"));
	/* a log value with a backtick gets a longer fence; '|' is escaped in a table cell */
	assert_non_null(strstr(md, "- **Subject:** ``x*y_z`q|w``\n"));
	assert_non_null(strstr(md, "| `subject` | ``x*y_z`q\\|w`` | 42 |"));
	assert_non_null(strstr(md, "- **Exception:** "
				   "``DemoError: cannot frob 'x*y_z`q|w' object`` "));
	/* knowledge-base prose keeps its code spans, other markup is escaped */
	assert_non_null(strstr(md, "Read the `whole` traceback."));
	assert_non_null(strstr(md, "Find the \\_\\_init\\_\\_ caller."));
	assert_non_null(strstr(md, "1. **The object is held by `self`** (score 30): "
				   "because the call"));
	assert_non_null(strstr(md, "**Secondary:** a consequence of `demo-failure` at line 42."));
	assert_non_null(strstr(md, "## Not diagnosed"));
	assert_non_null(strstr(md, "| `app.log:7` | `KeyError: 'missing'` | 2 |"));
	free(md);
	fixture_fini(&f);
}

/* --- text --- */

static void test_text_color(void **state)
{
	struct fixture f;
	char hostile[] = "cannot frob '\033[31mred' object";
	(void)state;

	fixture_init(&f);
	f.exc[0].message = hostile;
	char *plain = render(&f.in, REPORT_TEXT, 0, 0);
	char *colored = render(&f.in, REPORT_TEXT, 1, 0);
	char *brief = render(&f.in, REPORT_TEXT, 0, 1);

	assert_null(strchr(plain, '\033'));
	assert_non_null(strstr(plain, "cannot frob '\\x1b[31mred' object"));
	assert_null(strchr(brief, '\033'));
	assert_non_null(strstr(colored, "\033[1m"));
	assert_non_null(strstr(colored, "demo-failure\033[0m"));
	free(plain);
	free(colored);
	free(brief);
	fixture_fini(&f);
}

static void test_text_sections(void **state)
{
	struct fixture f;
	(void)state;

	fixture_init(&f);
	char *text = render(&f.in, REPORT_TEXT, 0, 0);

	assert_true(starts_with(text, "demo-failure \xe2\x80\x94 "
				      "An object that refuses to be frobbed\n"
				      "  3 occurrences, first at app.log:42\n"
				      "  DemoError: cannot frob 'x*y_z`q|w' object ...\n"
				      "  subject: x*y_z`q|w\n"));
	/* the user frame joins its parts; internal duplicates are not evidence */
	assert_non_null(strstr(text, "  user frame        /srv/app.py:12 in run  "
				     "(line 40, user frame)\n"
				     "                      pool.map(self.work, items)\n"));
	assert_null(strstr(text, "  message "));
	assert_null(strstr(text, "  user_line "));
	assert_non_null(strstr(text, "  30  The object is held by `self`\n"
				     "      because the call passes self\n"));
	assert_non_null(strstr(text, "   5  The object is passed in\n      prior: the typical cause"));
	/* a rule's reason is left to JSON and Markdown */
	assert_non_null(strstr(text, "  python_version    3.11  (line 30, evidence.yaml:7)\n"));
	assert_non_null(strstr(text, "Still to find out\n  ? Where is the object created?\n"
				     "    why: the fix differs between the two\n"
				     "    - created in __init__\n    - passed as an argument\n"));
	assert_null(strstr(text, "Conclusion"));
	/* the top cause's fix comes before the playbook's */
	const char *cause_fix = strstr(text, "- Cause fix:");
	const char *playbook_fix = strstr(text, "- Playbook fix one.");
	assert_non_null(cause_fix);
	assert_non_null(playbook_fix);
	assert_true(cause_fix < playbook_fix);
	assert_non_null(strstr(text, "First ten minutes\n  1. Read the `whole` traceback.\n  2. "));
	assert_non_null(strstr(text, "\n  secondary: a consequence of demo-failure at line 42\n"));
	assert_non_null(strstr(text, "Not diagnosed\n  app.log:7: KeyError: 'missing' (x2)\n"));
	const char *summary = "\n2 failures diagnosed (1 primary, 1 secondary), "
			      "1 traceback not diagnosed\n";
	assert_string_equal(text + strlen(text) - strlen(summary), summary);
	/* knowledge-base prose is wrapped to the terminal */
	const char *means = strstr(text, "What it means\n");
	assert_non_null(means);
	for (const char *p = means; *p && strncmp(p, "\nEvidence", 9);) {
		size_t n = strcspn(p, "\n");
		assert_true(n <= 80);
		p += n + (p[n] == '\n');
	}
	free(text);
	fixture_fini(&f);
}

static void test_text_conclusion(void **state)
{
	struct fixture f;
	(void)state;

	fixture_init(&f);
	f.path[0].answer = &answers[0];
	f.fd[0].conclusion = &causes[0];
	char *text = render(&f.in, REPORT_TEXT, 0, 0);

	assert_non_null(strstr(text, "Conclusion\n  The object is held by `self` (held-by-self)\n"
				     "    Where is the object created? \xe2\x86\x92 "
				     "created in __init__\n"));
	assert_null(strstr(text, "Still to find out"));
	free(text);
	fixture_fini(&f);
}

static void test_text_many_causes(void **state)
{
	struct fixture f;
	struct ranked_cause many[7];
	(void)state;

	fixture_init(&f);
	for (int i = 0; i < 7; i++)
		many[i] = (struct ranked_cause){ &causes[i % 2], 70 - 10 * i, NULL };
	f.fd[0].causes = many;
	f.fd[0].ncauses = 7;
	char *text = render(&f.in, REPORT_TEXT, 0, 0);
	char *json = render(&f.in, REPORT_JSON, 0, 0);

	/* --full lists every cause */
	assert_non_null(strstr(text, "  30  The object is held by `self`\n"));
	assert_non_null(strstr(text, "  10  The object is held by `self`\n"));
	json_t *root = parse_json(json);
	json_t *fd = json_array_get(json_object_get(root, "findings"), 0);
	assert_int_equal(json_array_size(json_object_get(fd, "causes")), 7);
	json_decref(root);
	free(json);
	free(text);
	fixture_fini(&f);
}

static void test_brief(void **state)
{
	struct fixture f;
	(void)state;

	fixture_init(&f);
	char *text = render(&f.in, REPORT_TEXT, 0, 1);

	assert_int_equal(count_lines(text), f.in.nfindings + f.in.nunmatched);
	assert_string_equal(text,
		"app.log:42: demo-failure: x*y_z`q|w (x3) \xe2\x80\x94 "
		"An object that refuses to be frobbed\n"
		"app.log:50: demo-echo (x1) \xe2\x80\x94 A child that saw nothing "
		"[secondary to demo-failure at line 42]\n"
		"app.log:7: unmatched: KeyError: 'missing'\n");
	free(text);
	fixture_fini(&f);
}

static void test_empty_report(void **state)
{
	struct report_input none = { 0 };
	(void)state;

	char *text = render(&none, REPORT_TEXT, 0, 0);
	assert_string_equal(text, "no traceback found\n");
	free(text);
	text = render(&none, REPORT_TEXT, 0, 1);
	assert_string_equal(text, "");
	free(text);
	text = render(&none, REPORT_JSON, 0, 0);
	json_t *root = parse_json(text);
	assert_int_equal(json_array_size(json_object_get(root, "findings")), 0);
	assert_int_equal(json_array_size(json_object_get(root, "unmatched")), 0);
	json_decref(root);
	free(text);
}

static void test_evidence_order(void **state)
{
	struct fixture f;
	size_t n;
	(void)state;

	fixture_init(&f);
	facts_set(&f.fd[0].facts, "final_exception", type, "last exception line", 42);
	facts_set(&f.fd[0].facts, "carrier", "RemoteTraceback", "carrier line", 20);
	const struct fact **v = report_evidence(&f.fd[0], &n);

	assert_int_equal(n, 5);
	assert_string_equal(v[0]->name, "subject");
	/* Then the order they were set in, the user frame as one row. */
	assert_string_equal(v[1]->name, "wording_versions");
	assert_string_equal(v[2]->name, "user_file");
	assert_string_equal(v[3]->name, "python_version");
	assert_string_equal(v[4]->name, "carrier");
	free(v);
	fixture_fini(&f);
}

static void test_write_error(void **state)
{
	struct fixture f;
	struct report_opts opts = { .format = REPORT_TEXT };
	FILE *full = fopen("/dev/full", "w");
	(void)state;

	if (!full)
		skip();
	fixture_init(&f);
	assert_int_equal(report_write(full, &f.in, &opts), -1);
	fclose(full);
	full = fopen("/dev/full", "w");
	opts.format = REPORT_JSON;
	assert_int_equal(report_write(full, &f.in, &opts), -1);
	fclose(full);
	fixture_fini(&f);
}

/* --- --show --- */

static void test_playbook_json(void **state)
{
	(void)state;
	char *text = render_playbook(&playbook, REPORT_JSON);
	json_t *pb = parse_json(text);

	assert_string_field(pb, "id", "demo-failure");
	assert_string_field(pb, "title", playbook.title);
	assert_string_field(pb, "means", playbook.means);
	json_t *sig = json_array_get(json_object_get(pb, "signatures"), 0);
	assert_string_field(sig, "pattern", signature.pattern);
	assert_string_field(sig, "versions", "3.8-");
	json_t *cause = json_array_get(json_object_get(pb, "causes"), 0);
	assert_string_field(cause, "id", "held-by-self");
	assert_int_equal(json_integer_value(json_object_get(cause, "prior")), 10);
	json_t *b = json_array_get(json_object_get(cause, "boosts"), 0);
	assert_int_equal(json_integer_value(json_object_get(b, "add")), 20);
	json_t *q = json_array_get(json_object_get(pb, "questions"), 0);
	assert_string_field(q, "ask", question.ask);
	assert_string_field(json_array_get(json_object_get(q, "answers"), 1), "next", "passed-in");
	assert_string_array(pb, "first_ten_minutes", 2);
	assert_string_array(pb, "where_to_look", 1);
	assert_string_array(pb, "fix", 2);
	assert_string_array(pb, "worse", 1);
	assert_int_equal(json_array_size(json_object_get(pb, "verify")), 1);
	json_t *inc = json_object_get(pb, "incident");
	assert_string_field(inc, "lesson", "Test with dumps.");
	assert_string_array(inc, "timeline", 2);
	assert_string_field(json_array_get(json_object_get(pb, "faq"), 0), "a", "No copying.");
	json_decref(pb);
	free(text);

	text = render_playbook(&echo_playbook, REPORT_JSON);
	pb = parse_json(text);
	assert_true(json_is_null(json_object_get(pb, "incident")));
	json_decref(pb);
	free(text);
}

static void test_playbook_text_and_markdown(void **state)
{
	(void)state;
	char *text = render_playbook(&playbook, REPORT_TEXT);
	char *md = render_playbook(&playbook, REPORT_MARKDOWN);

	assert_null(strchr(text, '\033'));
	assert_non_null(strstr(text, "Decision tree\n  created-where (fact origin)\n"
				     "    ? Where is the object created?\n"));
	assert_non_null(strstr(text, "init (created in __init__) \xe2\x86\x92 held-by-self\n"));
	assert_non_null(strstr(text, "+20 when user_source ~ \\bself\\.: the call passes self\n"));
	assert_non_null(strstr(text, "Incident\n  The pool that broke\n    - 09:15 deploy\n"));
	assert_non_null(strstr(text, "FAQ\n  Q: Why threads work?\n  A: No copying.\n"));
	assert_true(starts_with(md, "# demo-failure \xe2\x80\x94 "));
	assert_non_null(strstr(md, "- [ ] `python -c"));
	assert_non_null(strstr(md, "## Incident: The pool that broke\n"));
	assert_non_null(strstr(md, "`\\bself\\.`"));
	free(text);
	free(md);
}

/* --- hostile text --- */

/* Fails unless S is valid UTF-8 holding no control character but newline and tab, no C1
 * control and no bidirectional control; with SGR, pickdoc's own colours are allowed. */
static void assert_terminal_safe(const char *s, int sgr)
{
	for (size_t i = 0; s[i];) {
		size_t n = report_utf8_len(s + i, strlen(s + i));
		const unsigned char *p = (const unsigned char *)s + i;
		assert_true(n > 0);
		if (sgr && p[0] == 0x1b) {
			assert_int_equal(p[1], '[');
			i += 2 + strspn(s + i + 2, "0123456789;");
			assert_int_equal(s[i], 'm');
			i++;
			continue;
		}
		assert_true(p[0] >= 0x20 || p[0] == '\n' || p[0] == '\t');
		assert_true(p[0] != 0x7f);
		assert_false(n == 2 && p[0] == 0xc2 && p[1] < 0xa0);
		assert_false(n == 3 && p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0xa8 && p[2] <= 0xae);
		assert_false(n == 3 && p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9);
		i += n;
	}
}

static char *put_safe(const char *s, size_t n, int keep_newlines)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	assert_non_null(out);
	report_put_safe(out, s, n, keep_newlines);
	fclose(out);
	return text;
}

static void test_put_safe(void **state)
{
	(void)state;
	/* OSC 52 (a clipboard write), a title change, CR, C1 CSI (raw and as UTF-8), the RLO
	 * override, invalid bytes; tab and printable UTF-8 pass */
	static const char in[] = "\x1b]52;c;aGk=\x07|\x1b]0;t\x1b\\|a\rb|\x9b|\xc2\x9b|"
				 "\xe2\x80\xae" "exe.txt|\xff\xfe|\t\xc3\xa9\xe2\x80\x94";
	char *out = put_safe(in, sizeof in - 1, 0);

	assert_string_equal(out, "\\x1b]52;c;aGk=\\x07|\\x1b]0;t\\x1b\\|a\\x0db|\\x9b|\\u009b|"
				 "\\u202eexe.txt|\\xff\\xfe|\t\xc3\xa9\xe2\x80\x94");
	assert_terminal_safe(out, 0);
	free(out);
	/* a NUL inside the text is shown too, and newlines only when kept */
	out = put_safe("a\0b\nc", 5, 0);
	assert_string_equal(out, "a\\x00b\\x0ac");
	free(out);
	out = put_safe("a\nb\xe2\x81\xa6", 6, 1);
	assert_string_equal(out, "a\nb\\u2066");
	free(out);
	/* a character cut at the end of the text is an invalid byte, not read past */
	out = put_safe("ab\xe2\x80", 4, 0);
	assert_string_equal(out, "ab\\xe2\\x80");
	free(out);
}

static char hostile_message[] = "cannot frob 'a' object ``` <script>alert(1)</script> "
				"\x1b]52;c;aGk=\x07 \xc2\x9b" "31m \xe2\x80\xae \xff\r|\n"
				"# not a heading";
static char hostile_type[] = "Demo\x1b[2JError";

static void test_hostile_log_text(void **state)
{
	struct fixture f;
	(void)state;

	fixture_init(&f);
	f.exc[0].message = hostile_message;
	f.exc[0].type = hostile_type;
	f.unmatched[0].message = hostile_message;
	facts_fini(&f.fd[0].facts);
	facts_set(&f.fd[0].facts, "subject", "x\x1b]0;title\x07y", "signature", 42);
	facts_set(&f.fd[0].facts, "user_file", "/srv/\xe2\x80\xaegnp.py", "user frame", 40);
	facts_set(&f.fd[0].facts, "user_source", "run()  # \x07\x08\x7f\xc2\x85", "frame", 40);
	plan_fini(&f.fd[0].plan);
	plan_build(&f.fd[0]);
	for (int color = 0; color < 2; color++) {
		for (int brief = 0; brief < 2; brief++) {
			char *text = render(&f.in, REPORT_TEXT, color, brief);
			assert_terminal_safe(text, color);
			free(text);
		}
	}
	char *text = render(&f.in, REPORT_TEXT, 0, 0);
	assert_non_null(strstr(text, "  Demo\\x1b[2JError: cannot frob 'a' object ``` "));
	assert_non_null(strstr(text, "subject: x\\x1b]0;title\\x07y\n"));
	assert_non_null(strstr(text, "/srv/\\u202egnp.py  (line 40"));
	free(text);

	char *md = render(&f.in, REPORT_MARKDOWN, 0, 0);
	assert_terminal_safe(md, 0);
	/* the log's text stays inside one code span, fenced longer than its backticks, so
	 * neither its backticks nor its HTML nor its '#' make markup */
	assert_non_null(strstr(md, "- **Exception:** ````Demo\\x1b[2JError: cannot frob 'a' "
				   "object ``` <script>alert(1)</script> \\x1b]52;c;aGk=\\x07 "
				   "\\u009b31m \\u202e \\xff\\x0d|```` \xe2\x80\xa6\n"));
	assert_null(strstr(md, "\n# not a heading"));
	/* in a table cell, '|' is escaped inside the span */
	assert_non_null(strstr(md, "\\x0d\\|````"));
	free(md);
	fixture_fini(&f);
}

/* Knowledge-base text is untrusted too: a user's --kb directory may hold escapes. */
static void test_hostile_playbook_text(void **state)
{
	(void)state;
	struct kb_playbook pb = playbook;
	static const char *const evil_steps[] = { "Run \x1b]52;c;aGk=\x07 now", "ok \xe2\x80\xae" };

	pb.title = "Title \x1b[31m red \x9b";
	pb.means = "Means \x1b]0;x\x07 this.\nSecond \xc2\x9b line.";
	pb.first_ten_minutes = evil_steps;
	char *text = render_playbook(&pb, REPORT_TEXT);
	assert_terminal_safe(text, 0);
	assert_non_null(strstr(text, "Title \\x1b[31m red \\x9b"));
	free(text);
	/* Markdown escapes the '[' as markup besides */
	char *md = render_playbook(&pb, REPORT_MARKDOWN);
	assert_terminal_safe(md, 0);
	assert_non_null(strstr(md, "Title \\x1b\\[31m red \\x9b"));
	free(md);
}

static void test_truncated_traceback(void **state)
{
	struct fixture f;
	(void)state;

	fixture_init(&f);
	char *text = render(&f.in, REPORT_TEXT, 0, 0);
	assert_null(strstr(text, "truncated"));
	free(text);

	f.exc[0].dropped = 872;
	f.exc[0].cut = 1;
	f.rec[0].dropped_blocks = 3;
	text = render(&f.in, REPORT_TEXT, 0, 0);
	assert_non_null(strstr(text, "\n  truncated: longer than pickdoc keeps; 872 frames, 3 "
				     "chained exceptions and 1 byte of text left out\n"));
	free(text);
	char *md = render(&f.in, REPORT_MARKDOWN, 0, 0);
	assert_non_null(strstr(md, "\n- **Truncated:** longer than pickdoc keeps; 872 frames, "
				   "3 chained exceptions and 1 byte of text left out\n"));
	free(md);
	char *js = render(&f.in, REPORT_JSON, 0, 0);
	json_t *root = parse_json(js);
	json_t *fd = json_array_get(json_object_get(root, "findings"), 0);
	assert_true(json_is_true(json_object_get(fd, "truncated")));
	json_t *dropped = json_object_get(fd, "dropped");
	assert_int_equal(json_integer_value(json_object_get(dropped, "frames")), 872);
	assert_int_equal(json_integer_value(json_object_get(dropped, "blocks")), 3);
	assert_int_equal(json_integer_value(json_object_get(dropped, "bytes")), 1);
	fd = json_array_get(json_object_get(root, "findings"), 1);
	assert_true(json_is_false(json_object_get(fd, "truncated")));
	json_decref(root);
	free(js);

	f.exc[0].dropped = 0;
	f.rec[0].dropped_blocks = 0;
	text = render(&f.in, REPORT_TEXT, 0, 0);
	assert_non_null(strstr(text, "truncated: longer than pickdoc keeps; 1 byte of text left"));
	free(text);
	fixture_fini(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_fields),
		cmocka_unit_test(test_json_conclusion),
		cmocka_unit_test(test_json_text_sanitised),
		cmocka_unit_test(test_json_invalid_utf8_report),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_text_color),
		cmocka_unit_test(test_text_sections),
		cmocka_unit_test(test_text_conclusion),
		cmocka_unit_test(test_text_many_causes),
		cmocka_unit_test(test_brief),
		cmocka_unit_test(test_empty_report),
		cmocka_unit_test(test_evidence_order),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_playbook_json),
		cmocka_unit_test(test_playbook_text_and_markdown),
		cmocka_unit_test(test_put_safe),
		cmocka_unit_test(test_hostile_log_text),
		cmocka_unit_test(test_hostile_playbook_text),
		cmocka_unit_test(test_truncated_traceback),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
