#!/bin/sh
# The valgrind run: a representative subset of what the CLI suite does (real captures of
# different playbooks through every output format, the small cases of the bad-input matrix,
# hostile knowledge bases, --lint, --show) and the unit tests given as arguments, each under
# memcheck with leak checking.  Knows the public interface and the test data, nothing of how
# pickdoc works inside.  Prints each failure with valgrind's report, then "N passed, M failed".
# Usage: PICKDOC=path/to/pickdoc VALGRIND_PRELOAD=path/to/nojit.so \
#        tests/valgrind/run.sh [UNIT-TEST-BINARY...]   (make valgrind does this)
. "$(dirname "$0")/../cli/setup.sh"

# memcheck is 20 to 50 times slower than the plain binary: a longer bound than the CLI suite's.
VG_TIMEOUT=${PICKDOC_VALGRIND_TIMEOUT:-300}
# A valgrind error gets its own exit status: pickdoc's own 1 means "nothing diagnosed".
VG_ERROR=99
# VALGRIND_PRELOAD (make valgrind sets it) is nojit.so: without it PCRE2's JIT code shows
# up as invalid reads.
VG="timeout $VG_TIMEOUT env LD_PRELOAD=${VALGRIND_PRELOAD:-} valgrind -q --leak-check=full
 --errors-for-leak-kinds=definite,indirect --error-exitcode=$VG_ERROR --log-file=$WORK/vg.log"
KB_CASES=$ROOT/tests/cli/cases
LOCK=$CORPUS/reference/lock.py3.12.txt

passed=0
failed=0

command -v valgrind >/dev/null 2>&1 || { echo "run.sh: valgrind is needed (make valgrind installs it)" >&2; exit 2; }
if [ ! -x "$PICKDOC" ]; then
	echo "run.sh: $PICKDOC is not an executable file (build it with make, or set PICKDOC)" >&2
	exit 2
fi

# check NAME STATUS COMMAND: COMMAND (a shell command, with $VG in front of the program it
# runs) must exit with STATUS and valgrind must report nothing.
check() {
	name=$1 want=$2
	: >"$WORK/vg.log"
	(cd "$ROOT" && eval "$3") >"$WORK/out" 2>"$WORK/err"
	rc=$?
	if [ "$rc" -eq "$want" ] && [ ! -s "$WORK/vg.log" ]; then
		passed=$((passed + 1))
		return
	fi
	failed=$((failed + 1))
	printf 'FAIL %s\n    $ %s\n    exit %s, expected %s%s\n' "$name" "$3" "$rc" "$want" \
		"$([ "$rc" -eq 124 ] && echo " (timed out after ${VG_TIMEOUT}s)")"
	[ -s "$WORK/vg.log" ] && head -n 40 "$WORK/vg.log" | sed 's/^/  | /'
	[ -s "$WORK/err" ] && head -n 5 "$WORK/err" | cut -c1-200 | sed 's/^/  ! /'
}

# Real captures: one per playbook, every format, and logs as systems write them.
check "local-object, text" 0 '$VG "$PICKDOC" "$CORPUS/reference/ipython-cell.py3.11.txt"'
check "lambda, markdown" 0 '$VG "$PICKDOC" -f markdown "$CORPUS/reference/cf-lambda.py3.10.txt"'
check "main-lookup, json" 0 '$VG "$PICKDOC" -f json "$CORPUS/reference/mp-spawn-guarded-function.py3.10.txt"'
check "unpicklable-object, brief" 0 '$VG "$PICKDOC" -b "$CORPUS/reference/cloudpickle-lock-closure.py3.12.txt"'
check "missing-main-guard, secondary, colour" 0 \
	'$VG "$PICKDOC" --color=always "$CORPUS/reference/cf-spawn-no-main-guard.py3.10.txt"'
check "bad-reduce, py2.7, json" 0 '$VG "$PICKDOC" -f json "$CORPUS/reference/reduce-bad-return.py2.7-cPickle.txt"'
check "not-same-object, markdown" 0 '$VG "$PICKDOC" -f markdown "$CORPUS/reference/class-redefined.py2.7-cPickle.txt"'
check "result-unpicklable, text" 0 '$VG "$PICKDOC" "$CORPUS/reference/cf-exception-unpicklable.py3.11.txt"'
check "child-eof, json" 0 '$VG "$PICKDOC" -f json "$CORPUS/extra/spawn-child-eof.py3.12.txt"'
check "recursion, repeated frames" 0 '$VG "$PICKDOC" "$CORPUS/extra/getattr-proxy-load.py3.12.txt"'
check "unpickle-missing, markdown" 0 \
	'$VG "$PICKDOC" -f markdown "$CORPUS/reference/unpickle-missing-class.py2.7-cPickle.txt"'
check "broken-pool, text" 0 '$VG "$PICKDOC" "$CORPUS/reference/billiard-worker-lost.py3.12.txt"'
check "sixty workers, grouped" 0 '$VG "$PICKDOC" -f json "$CORPUS/messy/sixty-workers.py3.11.log"'
check "log prefixes" 0 '$VG "$PICKDOC" "$CORPUS/messy/log-prefix.mp-pool-local-function.py3.12.log"'
check "two failures, CRLF, several files" 0 \
	'$VG "$PICKDOC" -f json "$CORPUS/messy/two-failures.py3.9.log" "$CORPUS/messy/crlf.cf-lambda.py3.11.log"'
check "hostile log, markdown" 0 '$VG "$PICKDOC" -f markdown "$KB_CASES/hostile/hostile.log"'
check "gzip on stdin" 0 'gzip -c "$LOCK" | $VG "$PICKDOC" -f json'
check "--dump=records" 0 '$VG "$PICKDOC" --dump=records "$LOCK"'

# The bad-input matrix's small cases.
printf 'chatter\000with\000NULs\n\377\376 worker\n' | cat - "$LOCK" >"$WORK/nul-utf8"
head -c 150 "$LOCK" >"$WORK/cut"
awk 'BEGIN { print "Traceback (most recent call last):"
	for (i = 0; i < 300; i++) printf "  File \"/srv/app/m%d.py\", line %d, in f%d\n    f%d()\n", i, i + 1, i, i + 1
	print "TypeError: cannot pickle '\''_thread.lock'\'' object" }' >"$WORK/deep"
check "empty" 1 '$VG "$PICKDOC" /dev/null'
check "NUL bytes and invalid UTF-8, json" 0 '$VG "$PICKDOC" -f json "$WORK/nul-utf8"'
check "NUL bytes and invalid UTF-8, text" 0 '$VG "$PICKDOC" "$WORK/nul-utf8"'
check "cut mid-line" 1 '$VG "$PICKDOC" -f json "$WORK/cut"'
check "truncated traceback" 0 '$VG "$PICKDOC" "$WORK/deep"'
check "a directory among files" 3 '$VG "$PICKDOC" "$CORPUS/reference" "$LOCK"'
check "no such file" 3 '$VG "$PICKDOC" "$WORK/no/such.log"'
check "stdin closed" 3 '$VG "$PICKDOC" <&-'
check "report to /dev/full" 2 '$VG "$PICKDOC" "$LOCK" >/dev/full'
check "report into head -1" 0 '{ $VG "$PICKDOC" -f markdown "$CORPUS"/reference/lock.py3.*.txt; } | head -n 1'
check "usage error" 2 '$VG "$PICKDOC" --no-such-option'

# Knowledge bases: hostile and broken ones, --lint, --show, --list.
for kb in kb-malformed kb-bad-pattern kb-escape-pattern kb-unknown-key kb-billion-laughs \
	kb-duplicate-key kb-duplicate-id kb-slow-pattern kb-hostile; do
	check "--lint $kb" 2 '$VG "$PICKDOC" --lint "$KB_CASES/'"$kb"'"'
done
check "knowledge base that does not exist" 2 '$VG "$PICKDOC" -k "$WORK/no-kb" "$LOCK"'
check "-k kb-bad-pattern" 2 '$VG "$PICKDOC" -k "$KB_CASES/kb-bad-pattern" "$LOCK"'
check "-k kb-good" 0 '$VG "$PICKDOC" -k "$KB_CASES/kb-good" "$CORPUS/reference/tb-from-none.py3.12.txt"'
check "--lint" 0 '$VG "$PICKDOC" --lint'
check "--show local-object, markdown" 0 '$VG "$PICKDOC" --show local-object -f markdown'
check "--list with an escaped title" 0 '$VG "$PICKDOC" -k "$KB_CASES/kb-escape-title" --list'

# The unit tests.
for t in "$@"; do
	check "unit ${t##*/}" 0 '$VG "'"$t"'"'
done

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
