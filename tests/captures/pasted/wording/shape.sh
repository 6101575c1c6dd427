#!/bin/sh
# Puts captures of tests/corpus/pasted/wording/ in the shapes real text arrives in, with our
# own surrounding words: a sentence around the bare exception line, the last frames only,
# '> ' quoting, a logger's line before the traceback, docker-compose prefixes, elided
# frames.  The traceback text itself is only cut, quoted or prefixed, never retyped.
# Usage: tests/captures/pasted/wording/shape.sh (after run.sh)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
c=$(cd "$here/../../../corpus/pasted" && pwd)/wording

# The bare exception line inside a sentence.
{
	printf 'Pickling the settings object of our service stopped working; all I get is\n\n'
	tail -n 1 "$c/attr_dict.py3.10.txt"
	printf '\nand nothing else. Any idea?\n'
} >"$c/attr_dict-sentence.txt"

# The last frame and the exception line only (the rest was not copied).
{
	printf 'Loading the saved spans back fails:\n\n'
	tail -n 3 "$c/span_new.py3.7.txt"
} >"$c/span_new-last-frame.txt"
{
	printf 'After upgrading, the round trip of our client error breaks:\n'
	tail -n 4 "$c/login_error.py3.13.txt"
} >"$c/login_error-last-frame.txt"

# Quoted in a reply with '> '.
{
	printf 'You wrote:\n\n'
	sed 's/^/> /' "$c/type_registry.py3.12.txt"
	printf '\nThat one is expected: the registry holds the types themselves.\n'
} >"$c/type_registry-quoted.txt"

# A logger's line, then the traceback it printed.
{
	printf '2026-11-30 04:12:09,551 ERROR telemetry.loader: could not restore reading batch 17\n'
	cat "$c/reading_state.py3.8.txt"
	printf '2026-11-30 04:12:09,560 INFO telemetry.loader: skipping batch 17\n'
} >"$c/reading_state-logged.txt"

# docker-compose's service prefix on every line.
sed 's/^/records_1  | /' "$c/record_fields.py3.12.txt" >"$c/record_fields-compose.txt"

# The frames inside the standard library elided by hand.
{
	head -n 3 "$c/sandbox_builtin.py3.11.txt"
	printf '  ...\n'
	tail -n 3 "$c/sandbox_builtin.py3.11.txt"
} >"$c/sandbox_builtin-elided.txt"

# A title on a web page that ate the repr in angle brackets as an HTML tag.
{
	printf 'Saving the handlers fails: '
	tail -n 1 "$c/registry_removed.py3.12.txt" | sed 's/<[^>]*>//'
	printf '\nThe handlers are all registered at import time.\n'
} >"$c/registry_removed-title-eaten.txt"

# What an API returns for the task: the stored result, JSON on one line.
{
	printf 'The status endpoint of our photo service returns this for the job:\n\n'
	tail -n 1 "$c/celery_lost.py3.11.txt"
} >"$c/celery_lost-result-json.txt"

# Only the worker's log line that names the error, with its repr.
{
	printf 'Every few hours the worker logs\n'
	grep -F 'Task handler raised error' "$c/celery_lost.py3.11.txt"
	printf 'and the job is gone.\n'
} >"$c/celery_lost-log-line.txt"

# The bare exception line under a sentence that speaks of unpickling.
{
	printf 'Sending the error back from a worker breaks. Unpickling it by hand gives the same:\n\n'
	tail -n 1 "$c/login_error.py3.13.txt"
} >"$c/login_error-unpickling-sentence.txt"

# The exception line as a comment under the line of code that raised it.
{
	printf 'Minimal reproducer:\n\n'
	grep -F 'pickle.loads(pickle.dumps(err))' "$c/login_error.py3.13.txt" | sed 's/^ *//'
	tail -n 1 "$c/login_error.py3.13.txt" | sed 's/^/# /'
} >"$c/login_error-comment.txt"

# The exception line in back-ticks inside a sentence about the load.
{
	printf 'Unpickling a span (`restored = pickle.loads(data)`) fails with `'
	tail -n 1 "$c/span_new.py3.7.txt" | tr -d '\n'
	printf '`.\n'
} >"$c/span_new-backticks.txt"

# Look-alikes: the same kind of TypeError from a constructor called by hand, after a load
# and after words about pickling.
{
	printf 'I load the block with `pickle.load(f)` and cast it with `Block(...)`, but get `'
	tail -n 1 "$c/block_cast.py3.9.txt" | tr -d '\n'
	printf '`.\n'
} >"$c/block_cast-sentence.txt"
{
	printf 'We pickle the dashboard settings every night. Today the service would not start:\n\n'
	tail -n 1 "$c/widget_args.py3.9.txt"
} >"$c/widget_args-sentence.txt"

# The interactive session as a terminal shows it: the typed lines echoed after their
# prompts (the capture's input was a pipe, so it shows the prompts alone).
{
	printf 'Checked by hand in the interpreter:\n'
	cat <<'TYPED'
>>> import pickle
>>> class AutoDict(dict):
...     def __getattr__(self, name):
...         if name not in self:
...             self[name] = AutoDict()
...         return self[name]
...
TYPED
	sed '1s/^\(>>> \|\.\.\. \)*/>>> pickle.dumps(AutoDict({'"'"'a'"'"': 3}))\n/' "$c/auto_dict_stdin.py3.6.txt"
} >"$c/auto_dict_stdin-repl.txt"

# Cython's refusal named in a sentence, without its exception line (cython/run.sh).
{
	printf 'Since we moved the spool to a cdef class the pool dies at once with '
	tail -n 1 "$c/cython_spool.py3.11.txt" | sed 's/^TypeError: //' | tr -d '\n'
	printf ' -- is there a way around it?\n'
} >"$c/cython_spool-sentence.txt"
