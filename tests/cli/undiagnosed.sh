#!/bin/sh
# Tracebacks no playbook matches: an ordinary exception a task raised in a worker and the
# pool carried back (a RemoteTraceback) is given its frame in the user's code and one line
# saying it is the task's own error, in text, Markdown and JSON; an undiagnosed traceback
# raised where it was printed gets no such line.
# Usage: PICKDOC=path/to/pickdoc tests/cli/undiagnosed.sh   (POSIX sh, jq)
. "$(dirname "$0")/setup.sh"

for f in "$CORPUS"/worker-error/*.txt; do
	name=${f#"$ROOT"/}
	pickdoc "$f" >"$WORK/text" 2>/dev/null
	pickdoc -f markdown "$f" >"$WORK/md" 2>/dev/null
	pickdoc -f json "$f" >"$WORK/json" 2>/dev/null
	if jq -e '.findings == [] and (.unmatched | length) == 1 and (.unmatched[0] |
		  .in_worker and (.user_frame | endswith("/worker_error.py:11 in ratio")) and
		  .user_source == "return total / count")' "$WORK/json" >/dev/null; then pass; else
		fail "$name (json)" "expected one undiagnosed traceback, in_worker, its user frame" \
			"the task's line" "$(jq -c .unmatched "$WORK/json")"
	fi
	if grep -q '^      raised by the task at .*/worker_error.py:11 in ratio$' "$WORK/text" &&
		grep -q '^        return total / count$' "$WORK/text" &&
		grep -q "the task's own error, raised in a worker and carried back, not a$" "$WORK/text"; then
		pass
	else
		fail "$name (text)" "expected the user frame, its source and the task's-own-error line" \
			"$(excerpt "$WORK/text" stdout)"
	fi
	if grep -q "raised by the task at \`.*/worker_error.py:11 in ratio\`.*the task's own error" "$WORK/md"; then
		pass
	else
		fail "$name (markdown)" "expected the user frame and the task's-own-error line" \
			"$(excerpt "$WORK/md" stdout)"
	fi
done

# Raised where it was printed, in no worker: no such line.
f=$CORPUS/reference/protocol-too-high.py3.12.txt
pickdoc "$f" >"$WORK/text" 2>/dev/null
pickdoc -f json "$f" >"$WORK/json" 2>/dev/null
if ! grep -q "task's own error" "$WORK/text" &&
	jq -e '.unmatched[0].in_worker == false' "$WORK/json" >/dev/null; then pass; else
	fail "protocol-too-high.py3.12.txt" "an exception raised in the printing process is no task's own error" \
		"$(excerpt "$WORK/text" stdout)"
fi

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
