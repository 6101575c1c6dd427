/*
 * kb_emit.c: writes a loaded knowledge base as C source: the same strings, arrays and
 * positions as static const data, and kb_builtin() returning it.  Knows the layout of kb.h
 * and how to spell any byte string as a C literal; nothing of what the data means.
 */
#include "kb_emit.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "msg.h"

#define LITERAL_WIDTH 72                 /* bytes of output per piece of a long literal */

static void out(FILE *f, const char *fmt, ...) MSG_PRINTF(2, 3);

static void out(FILE *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
}

/* Writes S as a C string literal (NULL as NULL), in pieces of about LITERAL_WIDTH that
 * break after each newline, continued on lines indented by INDENT tabs.  Every byte that
 * is not printable ASCII is a three-digit octal escape, which no following character can
 * extend; a '?' after a '?' is escaped so that no trigraph is ever spelt. */
static void put_string(FILE *f, const char *s, int indent)
{
	size_t width = 0;

	if (!s) {
		fputs("NULL", f);
		return;
	}
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (width >= LITERAL_WIDTH) {
			fputs("\"\n", f);
			for (int i = 0; i < indent; i++)
				fputc('\t', f);
			fputc('"', f);
			width = 0;
		}
		if (*p == '"' || *p == '\\') {
			fprintf(f, "\\%c", *p);
			width += 2;
		} else if (*p == '?' && (const char *)p > s && p[-1] == '?') {
			fputs("\\?", f);
			width += 2;
		} else if (*p == '\n') {
			fputs("\\n", f);
			width = p[1] ? LITERAL_WIDTH : width + 2;
		} else if (*p == '\t') {
			fputs("\\t", f);
			width += 2;
		} else if (*p >= 0x20 && *p < 0x7f) {
			fputc(*p, f);
			width++;
		} else {
			fprintf(f, "\\%03o", *p);
			width += 4;
		}
	}
	fputc('"', f);
}

/* A member holding an int: "\t.NAME = N,", INT_MIN spelt so that it stays an int. */
static void put_int(FILE *f, int indent, const char *name, int n)
{
	for (int i = 0; i < indent; i++)
		fputc('\t', f);
	if (n == INT_MIN)
		out(f, ".%s = (-%d - 1),\n", name, INT_MAX);
	else
		out(f, ".%s = %d,\n", name, n);
}

/* A member holding a string: "\t.NAME = "...",". */
static void put_member(FILE *f, int indent, const char *name, const char *s)
{
	for (int i = 0; i < indent; i++)
		fputc('\t', f);
	out(f, ".%s = ", name);
	put_string(f, s, indent + 1);
	fputs(",\n", f);
}

static void put_pos(FILE *f, int indent, const char *name, const struct kb_pos *pos)
{
	for (int i = 0; i < indent; i++)
		fputc('\t', f);
	out(f, ".%s = { ", name);
	put_string(f, pos->file, indent + 1);
	out(f, ", %u, %u },\n", pos->line, pos->col);
}

/* An array member and its count, the array named PREFIX_NAME (NAME without a prefix):
 * ".NAME = PREFIX_NAME, .nNAME = N," with NULL for an empty array. */
static void put_array(FILE *f, int indent, const char *prefix, const char *name, size_t n)
{
	for (int i = 0; i < indent; i++)
		fputc('\t', f);
	if (!n)
		out(f, ".%s = NULL, .n%s = 0,\n", name, name);
	else if (prefix)
		out(f, ".%s = %s_%s, .n%s = %zu,\n", name, prefix, name, name, n);
	else
		out(f, ".%s = %s, .n%s = %zu,\n", name, name, name, n);
}

static void put_strings(FILE *f, const char *prefix, const char *name, const char *const *v,
			size_t n)
{
	if (!n)
		return;
	out(f, "static const char *const %s%s%s[] = {\n", prefix ? prefix : "", prefix ? "_" : "",
	    name);
	for (size_t i = 0; i < n; i++) {
		fputc('\t', f);
		put_string(f, v[i], 2);
		fputs(",\n", f);
	}
	fputs("};\n\n", f);
}

static void put_signatures(FILE *f, const char *p, const struct kb_playbook *pb)
{
	char sig[80];

	for (size_t i = 0; i < pb->nsignatures; i++) {
		const struct kb_signature *s = &pb->signatures[i];
		if (!s->nfacts)
			continue;
		out(f, "static const struct kb_fact %s_s%zu_facts[] = {\n", p, i);
		for (size_t j = 0; j < s->nfacts; j++) {
			fputs("\t{\n", f);
			put_member(f, 2, "name", s->facts[j].name);
			put_member(f, 2, "value", s->facts[j].value);
			fputs("\t},\n", f);
		}
		fputs("};\n\n", f);
	}
	out(f, "static const struct kb_signature %s_signatures[] = {\n", p);
	for (size_t i = 0; i < pb->nsignatures; i++) {
		const struct kb_signature *s = &pb->signatures[i];
		snprintf(sig, sizeof sig, "%s_s%zu", p, i);
		fputs("\t{\n", f);
		put_member(f, 2, "exception", s->exception);
		put_member(f, 2, "pattern", s->pattern);
		put_member(f, 2, "literal", s->literal);
		put_member(f, 2, "versions", s->versions);
		put_member(f, 2, "frame", s->frame);
		put_member(f, 2, "source", s->source);
		put_int(f, 2, "bare", s->bare);
		put_int(f, 2, "priority", s->priority);
		put_int(f, 2, "wrapper", s->wrapper);
		put_int(f, 2, "consequence", s->consequence);
		put_int(f, 2, "alone", s->alone);
		put_int(f, 2, "logged", s->logged);
		put_member(f, 2, "context", s->context);
		put_array(f, 2, sig, "facts", s->nfacts);
		put_pos(f, 2, "pos", &s->pos);
		put_pos(f, 2, "pattern_pos", &s->pattern_pos);
		fputs("\t},\n", f);
	}
	fputs("};\n\n", f);
}

static void put_derive(FILE *f, const char *p, const struct kb_playbook *pb)
{
	out(f, "static const struct kb_derive %s_derive[] = {\n", p);
	for (size_t i = 0; i < pb->nderive; i++) {
		const struct kb_derive *d = &pb->derive[i];
		fputs("\t{\n", f);
		put_member(f, 2, "fact", d->fact);
		put_member(f, 2, "from", d->from);
		put_member(f, 2, "pattern", d->pattern);
		put_member(f, 2, "value", d->value);
		put_member(f, 2, "because", d->because);
		put_pos(f, 2, "pos", &d->pos);
		fputs("\t},\n", f);
	}
	fputs("};\n\n", f);
}

/* The boosts of a cause named C (and their conditions) as the array C_boosts. */
static void put_boosts(FILE *f, const char *c, const struct kb_cause *cause)
{
	char boost[96];

	for (size_t i = 0; i < cause->nboosts; i++) {
		const struct kb_boost *b = &cause->boosts[i];
		if (!b->nwhen)
			continue;
		out(f, "static const struct kb_cond %s_b%zu_when[] = {\n", c, i);
		for (size_t j = 0; j < b->nwhen; j++) {
			fputs("\t{\n", f);
			put_member(f, 2, "fact", b->when[j].fact);
			put_member(f, 2, "pattern", b->when[j].pattern);
			put_int(f, 2, "negate", b->when[j].negate);
			put_pos(f, 2, "pos", &b->when[j].pos);
			fputs("\t},\n", f);
		}
		fputs("};\n\n", f);
	}
	out(f, "static const struct kb_boost %s_boosts[] = {\n", c);
	for (size_t i = 0; i < cause->nboosts; i++) {
		const struct kb_boost *b = &cause->boosts[i];
		snprintf(boost, sizeof boost, "%s_b%zu", c, i);
		fputs("\t{\n", f);
		put_array(f, 2, boost, "when", b->nwhen);
		put_int(f, 2, "add", b->add);
		put_member(f, 2, "because", b->because);
		put_pos(f, 2, "pos", &b->pos);
		fputs("\t},\n", f);
	}
	fputs("};\n\n", f);
}

static void put_causes(FILE *f, const char *p, const struct kb_playbook *pb)
{
	char cause[64];

	for (size_t i = 0; i < pb->ncauses; i++) {
		snprintf(cause, sizeof cause, "%s_c%zu", p, i);
		if (pb->causes[i].nboosts)
			put_boosts(f, cause, &pb->causes[i]);
	}
	out(f, "static const struct kb_cause %s_causes[] = {\n", p);
	for (size_t i = 0; i < pb->ncauses; i++) {
		const struct kb_cause *c = &pb->causes[i];
		snprintf(cause, sizeof cause, "%s_c%zu", p, i);
		fputs("\t{\n", f);
		put_member(f, 2, "id", c->id);
		put_member(f, 2, "title", c->title);
		put_int(f, 2, "prior", c->prior);
		put_array(f, 2, cause, "boosts", c->nboosts);
		put_member(f, 2, "fix", c->fix);
		put_pos(f, 2, "pos", &c->pos);
		fputs("\t},\n", f);
	}
	fputs("};\n\n", f);
}

static void put_questions(FILE *f, const char *p, const struct kb_playbook *pb)
{
	char question[80];

	for (size_t i = 0; i < pb->nquestions; i++) {
		const struct kb_question *q = &pb->questions[i];
		if (!q->nanswers)
			continue;
		out(f, "static const struct kb_answer %s_q%zu_answers[] = {\n", p, i);
		for (size_t j = 0; j < q->nanswers; j++) {
			fputs("\t{\n", f);
			put_member(f, 2, "name", q->answers[j].name);
			put_member(f, 2, "value", q->answers[j].value);
			put_member(f, 2, "label", q->answers[j].label);
			put_member(f, 2, "match", q->answers[j].match);
			put_member(f, 2, "next", q->answers[j].next);
			put_pos(f, 2, "pos", &q->answers[j].pos);
			fputs("\t},\n", f);
		}
		fputs("};\n\n", f);
	}
	out(f, "static const struct kb_question %s_questions[] = {\n", p);
	for (size_t i = 0; i < pb->nquestions; i++) {
		const struct kb_question *q = &pb->questions[i];
		snprintf(question, sizeof question, "%s_q%zu", p, i);
		fputs("\t{\n", f);
		put_member(f, 2, "id", q->id);
		put_member(f, 2, "ask", q->ask);
		put_member(f, 2, "why", q->why);
		put_member(f, 2, "fact", q->fact);
		put_array(f, 2, question, "answers", q->nanswers);
		put_pos(f, 2, "pos", &q->pos);
		fputs("\t},\n", f);
	}
	fputs("};\n\n", f);
}

static void put_verify(FILE *f, const char *p, const struct kb_playbook *pb)
{
	out(f, "static const struct kb_check %s_verify[] = {\n", p);
	for (size_t i = 0; i < pb->nverify; i++) {
		fputs("\t{\n", f);
		put_member(f, 2, "run", pb->verify[i].run);
		put_member(f, 2, "before", pb->verify[i].before);
		put_member(f, 2, "after", pb->verify[i].after);
		fputs("\t},\n", f);
	}
	fputs("};\n\n", f);
}

static void put_incident(FILE *f, const char *p, const struct kb_incident *inc)
{
	put_strings(f, p, "timeline", inc->timeline, inc->ntimeline);
	out(f, "static const struct kb_incident %s_incident = {\n", p);
	put_member(f, 1, "title", inc->title);
	put_array(f, 1, p, "timeline", inc->ntimeline);
	put_member(f, 1, "story", inc->story);
	put_member(f, 1, "root_cause", inc->root_cause);
	put_member(f, 1, "fix", inc->fix);
	put_member(f, 1, "lesson", inc->lesson);
	fputs("};\n\n", f);
}

static void put_faq(FILE *f, const char *p, const struct kb_playbook *pb)
{
	out(f, "static const struct kb_faq %s_faq[] = {\n", p);
	for (size_t i = 0; i < pb->nfaq; i++) {
		fputs("\t{\n", f);
		put_member(f, 2, "q", pb->faq[i].q);
		put_member(f, 2, "a", pb->faq[i].a);
		fputs("\t},\n", f);
	}
	fputs("};\n\n", f);
}

static void put_samples(FILE *f, const char *p, const char *name, const struct kb_sample *v,
			size_t n)
{
	if (!n)
		return;
	out(f, "static const struct kb_sample %s_%s[] = {\n", p, name);
	for (size_t i = 0; i < n; i++) {
		fputs("\t{\n", f);
		put_member(f, 2, "log", v[i].log);
		put_member(f, 2, "subject", v[i].subject);
		put_pos(f, 2, "pos", &v[i].pos);
		fputs("\t},\n", f);
	}
	fputs("};\n\n", f);
}

/* The arrays a playbook points to, each named P_member, then the playbook P. */
static void put_playbook(FILE *f, const char *p, const struct kb_playbook *pb)
{
	put_strings(f, p, "secondary_to", pb->secondary_to, pb->nsecondary_to);
	if (pb->nsignatures)
		put_signatures(f, p, pb);
	if (pb->nderive)
		put_derive(f, p, pb);
	if (pb->ncauses)
		put_causes(f, p, pb);
	if (pb->nquestions)
		put_questions(f, p, pb);
	put_strings(f, p, "first_ten_minutes", pb->first_ten_minutes, pb->nfirst_ten_minutes);
	put_strings(f, p, "where_to_look", pb->where_to_look, pb->nwhere_to_look);
	put_strings(f, p, "fix", pb->fix, pb->nfix);
	if (pb->nverify)
		put_verify(f, p, pb);
	put_strings(f, p, "worse", pb->worse, pb->nworse);
	if (pb->incident)
		put_incident(f, p, pb->incident);
	if (pb->nfaq)
		put_faq(f, p, pb);
	put_samples(f, p, "match_samples", pb->match_samples, pb->nmatch_samples);
	put_samples(f, p, "no_match_samples", pb->no_match_samples, pb->nno_match_samples);

	out(f, "static const struct kb_playbook %s = {\n", p);
	put_member(f, 1, "id", pb->id);
	put_member(f, 1, "title", pb->title);
	put_member(f, 1, "means", pb->means);
	put_array(f, 1, p, "secondary_to", pb->nsecondary_to);
	put_array(f, 1, p, "signatures", pb->nsignatures);
	put_array(f, 1, p, "derive", pb->nderive);
	put_array(f, 1, p, "causes", pb->ncauses);
	put_array(f, 1, p, "questions", pb->nquestions);
	put_array(f, 1, p, "first_ten_minutes", pb->nfirst_ten_minutes);
	put_array(f, 1, p, "where_to_look", pb->nwhere_to_look);
	put_array(f, 1, p, "fix", pb->nfix);
	put_array(f, 1, p, "verify", pb->nverify);
	put_array(f, 1, p, "worse", pb->nworse);
	if (pb->incident)
		out(f, "\t.incident = &%s_incident,\n", p);
	else
		fputs("\t.incident = NULL,\n", f);
	put_array(f, 1, p, "faq", pb->nfaq);
	put_array(f, 1, p, "match_samples", pb->nmatch_samples);
	put_array(f, 1, p, "no_match_samples", pb->nno_match_samples);
	put_member(f, 1, "source", pb->source);
	put_pos(f, 1, "pos", &pb->pos);
	fputs("};\n\n", f);
}

static void put_rules(FILE *f, const struct kb *kb)
{
	fputs("static const struct kb_rule rules[] = {\n", f);
	for (size_t i = 0; i < kb->nrules; i++) {
		const struct kb_rule *r = &kb->rules[i];
		fputs("\t{\n", f);
		put_member(f, 2, "fact", r->fact);
		put_member(f, 2, "from", r->from);
		put_member(f, 2, "pattern", r->pattern);
		put_member(f, 2, "value", r->value);
		put_member(f, 2, "because", r->because);
		put_member(f, 2, "collect", r->collect);
		put_pos(f, 2, "pos", &r->pos);
		fputs("\t},\n", f);
	}
	fputs("};\n\n", f);
}

int kb_emit_c(FILE *f, const struct kb *kb)
{
	char name[32];

	fputs("/*\n * The built-in knowledge base, generated by tools/kbc from the YAML files "
	      "named in\n * its positions.  Do not edit: edit the YAML.\n */\n"
	      "#include <stddef.h>\n\n#include \"kb.h\"\n\n", f);
	for (size_t i = 0; i < kb->nplaybooks; i++) {
		snprintf(name, sizeof name, "p%zu", i);
		put_playbook(f, name, kb->playbooks[i]);
	}
	if (kb->nplaybooks) {
		fputs("static const struct kb_playbook *const playbooks[] = {\n", f);
		for (size_t i = 0; i < kb->nplaybooks; i++)
			out(f, "\t&p%zu,\n", i);
		fputs("};\n\n", f);
	}
	if (kb->nrules)
		put_rules(f, kb);
	put_strings(f, NULL, "library_files", kb->library_files, kb->nlibrary_files);
	put_strings(f, NULL, "bootstrap_frames", kb->bootstrap_frames, kb->nbootstrap_frames);
	fputs("static const struct kb builtin = {\n", f);
	put_array(f, 1, NULL, "playbooks", kb->nplaybooks);
	put_array(f, 1, NULL, "rules", kb->nrules);
	put_array(f, 1, NULL, "library_files", kb->nlibrary_files);
	put_array(f, 1, NULL, "bootstrap_frames", kb->nbootstrap_frames);
	fputs("\t.owned = NULL,\n};\n\n"
	      "const struct kb *kb_builtin(void)\n{\n\treturn &builtin;\n}\n", f);
	return fflush(f) || ferror(f) ? -1 : 0;
}
