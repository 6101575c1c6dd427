#!/bin/sh
# Makes the damaged-input fixtures of tests/corpus/messy/ from real captures in
# tests/corpus/reference/ by the transformations documented in tests/corpus/messy/README.md.
# Deterministic: running it again rewrites the same bytes. Usage: tests/captures/make-messy.sh
set -eu
corpus=$(cd "$(dirname "$0")/../corpus" && pwd)
ref=$corpus/reference
out=$corpus/messy
mkdir -p "$out"
export LC_ALL=C

# A logging framework that prefixes every line with a timestamp, a level and the worker.
sed 's/^/2024-05-01 12:00:01,234 ERROR [ForkPoolWorker-3] /' \
	"$ref/mp-pool-local-function.py3.12.txt" >"$out/log-prefix.mp-pool-local-function.py3.12.log"

# docker-compose output: the service name, padding and a bar before every line.
sed 's/^/worker_1  | /' \
	"$ref/mp-pool-unpicklable-arg.py3.11.txt" >"$out/docker-compose.mp-pool-unpicklable-arg.py3.11.log"

# A Markdown quote, as pasted into an issue or a chat: "> " before every line.
sed 's/^/> /' \
	"$ref/mp-spawn-lambda-target.py3.10.txt" >"$out/markdown-quote.mp-spawn-lambda-target.py3.10.log"

# Windows line endings: CR LF after every line.
sed 's/$/\r/' \
	"$ref/cf-lambda.py3.11.txt" >"$out/crlf.cf-lambda.py3.11.log"

# A paste that starts in the middle of the traceback: the first 9 lines are lost.
tail -n +10 "$ref/mp-pool-lambda.py3.11.txt" >"$out/truncated-head.mp-pool-lambda.py3.11.log"

# A paste cut in the middle of the exception message: the file ends after
# "AttributeError: Can't pickle local object 'factory.<loc" with no newline.
head -c "$(grep -b -o "factory.<loc" "$ref/local-class.py3.12.txt" | cut -d: -f1 | awk '{print $1 + 12}')" \
	"$ref/local-class.py3.12.txt" >"$out/truncated-tail.local-class.py3.12.log"

# Two captures pasted one after the other: a worker exception, then a pickling failure.
cat "$ref/mp-pool-worker-exception.py3.12.txt" "$ref/lock.py3.12.txt" \
	>"$out/concat.mp-pool-worker-exception+lock.py3.12.log"

# A paste that went through Markdown unfenced and was copied back as Markdown (a rich
# editor, a chat export): indentation lost, dunders turned into bold ("__main__" shown as
# "**main**"), the other underscores and '<' backslash-escaped.
sed -e 's/^[[:blank:]]*//' -e 's/__\([a-z][a-z0-9_]*\)__/**\1**/g' -e 's/_/\\_/g' -e 's/</\\</g' \
	"$ref/class-redefined.py3.12.txt" >"$out/markdown-bold.class-redefined.py3.12.log"
# The same round trip where every underscore was escaped, dunders included.
sed -e 's/^[[:blank:]]*//' -e 's/_/\\_/g' -e 's/</\\</g' -e 's/\*/\\*/g' \
	"$ref/mp-pool-local-function.py3.13.txt" >"$out/markdown-escaped.mp-pool-local-function.py3.13.log"
