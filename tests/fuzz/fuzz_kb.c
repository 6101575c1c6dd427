/*
 * fuzz_kb.c: the knowledge-base loader (YAML to playbooks, kb_load_text) on any bytes.  A
 * file either fails with at least one diagnostic and adds nothing, or loads; what loads is
 * linted (patterns compiled, samples run through the pipeline) and rendered in every
 * format, since a user's knowledge base is untrusted input too.
 */
#include <string.h>

#include "fuzz.h"
#include "kb.h"
#include "kb_lint.h"
#include "msg.h"
#include "report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum report_format formats[] = { REPORT_TEXT, REPORT_JSON, REPORT_MARKDOWN };
	FILE *null = fuzz_null_stream();
	struct kb *kb = kb_new(NULL);

	msg_reset();
	int errors = kb_load_text(kb, "fuzz.yaml", (const char *)data, size);
	FUZZ_ASSERT(errors >= 0);
	/* every failure says something (at most MAX_ERRORS lines per file, kb_schema.c) */
	FUZZ_ASSERT(!errors || msg_count(MSG_ERROR) > 0);
	if (errors) {
		FUZZ_ASSERT(kb->nplaybooks == 0 && kb->nrules == 0 && kb->nlibrary_files == 0);
	} else if (!kb_lint(kb)) {
		for (size_t i = 0; i < kb->nplaybooks; i++) {
			const struct kb_playbook *pb = kb->playbooks[i];
			FUZZ_ASSERT(kb_find(kb, pb->id) == pb);
			for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
				struct report_opts ro = { .format = formats[f] };
				FUZZ_ASSERT(report_playbook(null, pb, &ro) == 0);
			}
		}
	}
	kb_free(kb);
	return 0;
}
