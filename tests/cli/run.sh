#!/bin/sh
# The CLI suite: runs the real binary ($PICKDOC, default ./pickdoc) over the labelled corpus
# and the cases in tests/cli/, and checks exit statuses, stderr, and the JSON, text and
# Markdown reports. Knows the public interface (options, exit codes, JSON fields, playbook
# ids), nothing of how pickdoc works inside. Prints each failure with what was expected and
# what came out, ends with "N passed, M failed", and exits 1 when M > 0.
# Usage: PICKDOC=path/to/pickdoc tests/cli/run.sh   (POSIX sh, jq, timeout)
. "$(dirname "$0")/setup.sh"

skipped=0
US=$(printf '\037')

finish() {
	if [ "$skipped" -gt 0 ]; then
		# shellcheck disable=SC2086 # one id per word
		printf 'skipped %d golden checks: their playbooks are not in the knowledge base yet (%s)\n' \
			"$skipped" "$(printf '%s\n' $skipped_ids | sort -u | tr '\n' ' ' | sed 's/ $//')"
	fi
	printf '%d passed, %d failed\n' "$passed" "$failed"
	[ "$failed" -eq 0 ]
	exit
}

if [ ! -x "$PICKDOC" ]; then
	fail "binary" "$PICKDOC is not an executable file (build it with make, or set PICKDOC)"
	finish
fi
command -v jq >/dev/null 2>&1 || { echo "run.sh: jq is needed" >&2; exit 2; }

# ---------------------------------------------------------------------------------------------
# 1. The exit-status transcript (exitcodes.t).

check_transcript_case() { # name command expectations-file
	tc_name=$1 tc_cmd=$2 tc_expect=$3
	(cd "$ROOT" && eval "$tc_cmd") >"$WORK/out" 2>"$WORK/err"
	rc=$?
	: >"$WORK/problems"
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		echo "timed out after ${TIMEOUT}s" >>"$WORK/problems"
	fi
	while IFS= read -r exp; do
		arg=${exp#* }
		case $exp in
		'?! '*) [ "$rc" -ne "$arg" ] || echo "exit status $rc, expected anything but $arg" ;;
		'? '*) [ "$rc" -eq "$arg" ] || echo "exit status $rc, expected $arg" ;;
		'!! '*) n=$(wc -l <"$WORK/err" | tr -d ' ')
			[ "$n" -eq "$arg" ] || echo "stderr has $n lines, expected $arg" ;;
		'! '*) grep -Eq -- "$arg" "$WORK/err" || echo "no stderr line matches /$arg/" ;;
		'>> '*) n=$(wc -l <"$WORK/out" | tr -d ' ')
			[ "$n" -eq "$arg" ] || echo "stdout has $n lines, expected $arg" ;;
		'> '*) grep -Eq -- "$arg" "$WORK/out" || echo "no stdout line matches /$arg/" ;;
		*) echo "exitcodes.t: cannot read the expectation '$exp'" ;;
		esac
	done <"$tc_expect" >>"$WORK/problems"
	if [ ! -s "$WORK/problems" ]; then
		pass
	else
		fail "$tc_name" "\$ $tc_cmd" "$(cat "$WORK/problems")" \
			"$(excerpt "$WORK/out" stdout)" "$(excerpt "$WORK/err" stderr)"
	fi
}

run_transcript() { # file
	t_cmd=
	: >"$WORK/expect"
	while IFS= read -r t_line || [ -n "$t_line" ]; do
		case $t_line in
		'#'* | '') ;;
		'$ '*)
			[ -n "$t_cmd" ] && check_transcript_case "exitcodes.t: $t_cmd" "$t_cmd" "$WORK/expect"
			t_cmd=${t_line#\$ }
			: >"$WORK/expect"
			;;
		*) printf '%s\n' "$t_line" >>"$WORK/expect" ;;
		esac
	done <"$1"
	[ -n "$t_cmd" ] && check_transcript_case "exitcodes.t: $t_cmd" "$t_cmd" "$WORK/expect"
}

run_transcript "$ROOT/tests/cli/exitcodes.t"

# ---------------------------------------------------------------------------------------------
# 2. Golden JSON checks for every labelled capture of tests/corpus/labels.tsv (reference/ and
# messy/; the holdout set is only measured, by eval.sh). Rows whose playbook the knowledge
# base does not have yet are skipped and counted.

KB_IDS=" $(pickdoc --list | awk '{ printf "%s ", $1 }')"
skipped_ids=

# All rows are run first; one jq then checks every output (a jq per row costs seconds in total).
# The stream it reads holds, per row, an RS byte, the row's fields and pickdoc's exit status
# separated by US, a newline, and the raw stdout of pickdoc -f json (JSON escapes control
# bytes, so RS cannot occur inside).
GOLDEN_JQ='
def alts($s): $s | split("|");
def primary: [.findings[] | select(.secondary != true)][0];
def subj($v): if $v == null then "-" else ($v | tostring) end;
def check($playbook; $subject; $occurrences; $first_line):
if (.pickdoc | type) != "string" then "\"pickdoc\" is not a string: \(.pickdoc)" else empty end,
if (.findings | type) != "array" then "\"findings\" is not an array" else empty end,
if (.unmatched | type) != "array" then "\"unmatched\" is not an array" else empty end,
if $playbook == "-" then
	(if (.findings | length) > 0 then "expected no finding, got \([.findings[].playbook])" else empty end),
	(if (.unmatched | length) == 0 then "expected the traceback under \"unmatched\", which is empty" else empty end)
elif $playbook == "~" then empty
elif (.findings | length) == 0 then
	"expected a finding (\($playbook)), got none; unmatched: \([.unmatched[]?.exception])"
elif primary == null then "every finding is secondary: \([.findings[].playbook])"
else primary as $p |
	(if (alts($playbook) | index([$p.playbook])) == null
	 then "primary playbook \($p.playbook | tojson), expected \($playbook)" else empty end),
	(if $subject == "*" or (alts($subject) | index([subj($p.subject)])) != null then empty
	 else "primary subject \($p.subject | tojson), expected \($subject)" end),
	(if $occurrences == "." or ($p.occurrences | tostring) == $occurrences then empty
	 else "occurrences \($p.occurrences | tojson), expected \($occurrences)" end),
	(if $first_line == "." or ($p.first_line | tostring) == $first_line then empty
	 else "first_line \($p.first_line | tojson), expected \($first_line)" end)
end;
split("\u001e")[1:][] | split("\n") as $lines | $lines[0] as $head | ($lines[1:] | join("\n")) as $body
| ($head | split("\u001f")) as [$file, $playbook, $subject, $occurrences, $first_line, $err, $rc]
| [ (if $playbook == "-" then (if $rc == "1" then empty else "exit status \($rc), expected 1 (nothing diagnosed)" end)
     elif $playbook == "~" then (if $rc == "0" or $rc == "1" then empty else "exit status \($rc), expected 0 or 1" end)
     elif $rc == "0" then empty else "exit status \($rc), expected 0 (a failure diagnosed)" end),
    (try ($body | fromjson | check($playbook; $subject; $occurrences; $first_line))
     catch "stdout is not exactly one JSON document") ]
| [$file, $err] + . | join("\u001f")
'

# Labels with empty fields turned into "." and fields separated by US, so that `read` keeps them.
awk -F'\t' -v OFS="$US" '!/^#/ && NF >= 3 {
	for (i = 1; i <= 6; i++) if ($i == "") $i = "."
	print $1, $2, $3, $5, $6
}' "$CORPUS/labels.tsv" >"$WORK/labels"

RS=$(printf '\036')
mkdir -p "$WORK/golden"
n=0
while IFS=$US read -r file playbook subject occurrences first_line; do
	truth=${playbook%%|*}
	case $truth in
	-|'~') ;;
	*)
		case $KB_IDS in
		*" $truth "*) ;;
		*) skipped=$((skipped + 1)); skipped_ids="$skipped_ids $truth"; continue ;;
		esac
		;;
	esac
	n=$((n + 1))
	printf '%s\n' "$file$US$playbook$US$subject$US$occurrences$US$first_line$US$WORK/golden/$n.err"
	printf '%s %s\n' "$n" "$file" >>"$WORK/golden.todo"
done <"$WORK/labels" >"$WORK/golden.rows"

# The runs, JOBS at a time (they dominate the suite's time, most of all under ASan), each
# bounded by a CPU-time limit; then the outputs in row order, each after its row and status.
if [ "$n" -gt 0 ]; then
	jobs=${PICKDOC_TEST_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}
	export PICKDOC CORPUS WORK TIMEOUT
	FORMATS=${PICKDOC_TEST_FORMATS:-all}
	export PICKDOC CORPUS WORK TIMEOUT FORMATS
	xargs -n 2 -P "$jobs" sh -c 'ulimit -t "$TIMEOUT"
		"$PICKDOC" -f json "$CORPUS/$2" >"$WORK/golden/$1.out" 2>"$WORK/golden/$1.err"
		echo $? >"$WORK/golden/$1.rc"
		if [ "$FORMATS" = all ]; then
			"$PICKDOC" -f text "$CORPUS/$2" >"$WORK/golden/$1.text" 2>/dev/null
			"$PICKDOC" -f markdown "$CORPUS/$2" >"$WORK/golden/$1.md" 2>/dev/null
		fi' sh <"$WORK/golden.todo"
	awk -v dir="$WORK/golden" -v rs="$RS" -v us="$US" '{
		rc = "(killed)"
		getline rc <(dir "/" NR ".rc")
		close(dir "/" NR ".rc")
		printf "%s%s%s%s\n", rs, $0, us, rc
		while ((getline line <(dir "/" NR ".out")) > 0)
			print line
		close(dir "/" NR ".out")
	}' "$WORK/golden.rows" >"$WORK/golden.stream"
fi

if [ "$n" -gt 0 ]; then
	jq -R -r -s "$GOLDEN_JQ" "$WORK/golden.stream" >"$WORK/golden.results" 2>"$WORK/golden.jqerr" ||
		fail "golden checks" "jq could not run the checks" "$(cat "$WORK/golden.jqerr")"
	while IFS=$US read -r file err problems; do
		if [ -z "$problems" ]; then
			pass
		else
			fail "golden $file" "$(printf '%s\n' "$problems" | tr "$US" '\n')" "$(excerpt "$err" stderr)"
		fi
	done <"$WORK/golden.results"
fi

# any_in FILE ALTERNATIVES: one of the "|"-separated strings occurs in FILE.
any_in() {
	printf '%s\n' "$2" | tr '|' '\n' | while IFS= read -r alt; do
		grep -Fq -- "$alt" "$1" && echo yes && break
	done | grep -q yes
}

# The same rows in the text and Markdown reports (skipped with PICKDOC_TEST_FORMATS=json, as
# the ASan run does to save time): the primary playbook's id and its subject are both shown.
if [ "$n" -gt 0 ] && [ "${PICKDOC_TEST_FORMATS:-all}" = all ]; then
	k=0
	while IFS=$US read -r file playbook subject occurrences first_line err; do
		k=$((k + 1))
		case $playbook in -|'~') continue ;; esac
		for fmt in text md; do
			out=$WORK/golden/$k.$fmt
			# Ambiguous rows list alternatives ("a|b"): any one of each will do.
			if any_in "$out" "$playbook" && { [ "$subject" = '*' ] || case "|$subject|" in
				*'|-|'*) true ;; *) any_in "$out" "$subject" ;; esac; }; then
				pass
			else
				fail "golden $file ($fmt)" "expected '$playbook' and the subject '$subject' in the report" \
					"$(excerpt "$out" stdout)"
			fi
		done
	done <"$WORK/golden.rows"
fi

# ---------------------------------------------------------------------------------------------
# 3. Output formats.  Each report of the examples and of one capture per playbook is pinned
# whole by the golden files (tests/golden/, make golden); here only what they cannot show.

# Colour only when asked for: never on a pipe by default, always with --color=always.
pickdoc --color=always "$ROOT/examples/scraper-pool.log" >"$WORK/out" 2>&1
if grep -q "$(printf '\033')\[" "$WORK/out"; then pass; else
	fail "--color=always" "expected ANSI escape sequences in the text report" "$(excerpt "$WORK/out" stdout)"
fi
pickdoc --color=never "$ROOT/examples/scraper-pool.log" >"$WORK/out" 2>&1
if ! grep -q "$(printf '\033')" "$WORK/out"; then pass; else
	fail "--color=never" "expected no escape sequences" "$(excerpt "$WORK/out" stdout)"
fi

# --brief: one line per failure.
brief_check() { # file lines ERE
	pickdoc -b "$1" >"$WORK/out" 2>"$WORK/err"
	n=$(wc -l <"$WORK/out" | tr -d ' ')
	if [ "$n" -eq "$2" ] && grep -Eq -- "$3" "$WORK/out"; then pass; else
		fail "--brief ${1#"$ROOT"/}" "expected $2 line(s) matching /$3/, got $n" "$(excerpt "$WORK/out" stdout)"
	fi
}
brief_check "$ROOT/examples/scraper-pool.log" 1 'local-object'
brief_check "$CORPUS/messy/two-failures.py3.9.log" 2 'unpicklable-object'
brief_check "$CORPUS/messy/sixty-workers.py3.11.log" 1 'local-object'

# ---------------------------------------------------------------------------------------------
# 4. More than one failure, and the order and grouping of findings.

# json_expect NAME FILE JQ-EXPRESSION EXPLANATION [ARG...]: runs pickdoc -f json ARG... FILE; the
# expression must be true of its output.
json_expect() {
	name=$1 file=$2 expr=$3 why=$4
	shift 4
	pickdoc -f json "$@" "$file" >"$WORK/out" 2>"$WORK/err"
	if jq -e "$expr" "$WORK/out" >/dev/null 2>&1; then pass; else
		fail "$name" "$why" "jq: $expr" "$(excerpt "$WORK/out" stdout)" "$(excerpt "$WORK/err" stderr)"
	fi
}

json_expect "two failures in order" "$CORPUS/messy/two-failures.py3.9.log" \
	'[.findings[] | select(.secondary != true) | .playbook] == ["local-object", "unpicklable-object"]' \
	"two primaries: local-object (line 2), then unpicklable-object (line 20)"
json_expect "two failures, second subject" "$CORPUS/messy/two-failures.py3.9.log" \
	'[.findings[] | select(.secondary != true)][1] | .subject == "_io.TextIOWrapper" and .first_line == 20' \
	"the second finding is the open file, first seen on line 20"
json_expect "sixty workers, one finding" "$CORPUS/messy/sixty-workers.py3.11.log" \
	'(.findings | length) == 1 and .findings[0].occurrences == 60' \
	"60 copies of one traceback are one finding with occurrences 60"
json_expect "worker exception then a lock" "$CORPUS/messy/concat.mp-pool-worker-exception+lock.py3.12.log" \
	'(.findings | length) == 1 and (.unmatched | length) >= 1 and (.unmatched[0].exception | test("ZeroDivisionError"))' \
	"the ZeroDivisionError is unmatched, the lock is the one finding"
json_expect "secondary broken pool" "$CORPUS/reference/cf-spawn-no-main-guard.py3.12.txt" \
	'[.findings[] | select(.secondary != true) | .playbook] == ["missing-main-guard"]' \
	"the bootstrapping RuntimeError is the only primary (BrokenProcessPool is its consequence)"
# A pool's workers failing at once under their own prefixes, lines round-robin: one finding
# with its user frame for as many writers as real pools have; past 512, a warning.
for n in 5 8 60 300; do
	awk -v n=$n '{ l[NR] = $0 } END { for (i = 1; i <= NR; i++) for (k = 1; k <= n; k++)
		printf "[ForkPoolWorker-%d] %s\n", k, l[i] }' \
		"$CORPUS/reference/mp-pool-local-function.py3.12.txt" >"$WORK/interleaved.log"
	json_expect "$n writers interleaved" "$WORK/interleaved.log" \
		"(.findings | length) == 1 and .findings[0].occurrences == $n and (.unmatched | length) == 0
		 and .findings[0].facts.user_file == \"/home/user/app/mp-pool-local-function.py\"" \
		"one failure of $n workers, one finding that keeps its user frame"
done
awk '{ l[NR] = $0 } END { for (i = 1; i <= NR; i++) for (k = 1; k <= 600; k++)
	printf "[ForkPoolWorker-%d] %s\n", k, l[i] }' \
	"$CORPUS/reference/mp-pool-local-function.py3.12.txt" >"$WORK/interleaved.log"
pickdoc -b "$WORK/interleaved.log" >"$WORK/out" 2>"$WORK/err"
if grep -q "interleaved.log:513: warning: more than 512 tracebacks written at once" "$WORK/err"; then
	pass
else
	fail "600 writers interleaved" "a warning where the oldest record is ended" \
		"$(excerpt "$WORK/err" stderr)"
fi
# A respawn storm: the children of a spawn Pool fail alike and print at once, their
# tracebacks interleaved line by line on one stderr.
for f in "$CORPUS"/storm/*.txt; do
	json_expect "respawn storm, one finding: ${f##*/}" "$f" \
		'(.findings | length) == 1 and (.unmatched | length) == 0 and .findings[0].occurrences > 1' \
		"one failure, one finding with its count: the interleaved pieces fold into it, and no fragment is left undiagnosed"
done
for f in "$CORPUS"/storm/stdin.*.txt; do
	json_expect "spawn's bootstrap frame is not the user's: ${f##*/}" "$f" \
		'[.findings[].facts.user_file] | all(. == null)' \
		"<string> line 1 calling spawn_main is multiprocessing's, and nothing else is the user's"
	json_expect "a main read from stdin names no task function: ${f##*/}" "$f" \
		'.findings[0] | .subject == null and .conclusion == "interactive-definition" and ([.fix[], .verify[].run] | all(test("<stdin>") | not))' \
		"the file name <stdin> in the FileNotFoundError is not the missing function's name: the fix says <task function>"
done
json_expect "broken pool under a start-up failure" "$CORPUS/reference/cf-spawn-no-main-guard.py3.12.txt" \
	'.findings[1] | .secondary and .facts.layered_under == "missing-main-guard" and .causes[0].id == "child-startup-failed" and (.fix[0] | test("worker.s own traceback"))' \
	"the broken pool layered under a missing main guard leads with the worker that could not start, not the OOM killer"
json_expect "broken pool of another run" "$CORPUS/layering/apart.py3.12.log" \
	'[.findings[] | [.playbook, .secondary]] == [["unpicklable-object", false], ["broken-pool", false]]' \
	"a pool that broke two hours after another program's failure (by the log's times) is a primary of its own"
# Two programs' logs in one input, without times: the scripts their tracebacks start from
# differ, so the pool that broke in the second is not the first one's consequence.
cat "$CORPUS/reference/lock.py3.12.txt" "$CORPUS/reference/cf-broken-pool.py3.12.txt" >"$WORK/two-programs.log"
json_expect "broken pool of another program, no times" "$WORK/two-programs.log" \
	'[.findings[] | [.playbook, .secondary]] == [["unpicklable-object", false], ["broken-pool", false]]' \
	"a pool that broke in another script than the earlier failure's is a primary of its own"
# What follows a death (a pipe or Manager connection whose other end died, the resource
# tracker's leaked-object warning) is secondary to it, whatever the death's playbook; alone,
# or after another program's failure, it is no finding and the traceback is undiagnosed.
json_expect "a pipe's EOFError after a kill is secondary" "$CORPUS/consequences/torch-spawn-rank-lost.py3.11.txt" \
	'[.findings[] | [.playbook, .secondary, .exception]] == [["oom-killed", false, "torch.multiprocessing.spawn.ProcessExitedException"], ["broken-pool", true, "EOFError"]] and .findings[1].facts.layered_under == "oom-killed"' \
	"rank 0's EOFError on the pipe from the killed rank 1 is a consequence of the SIGKILL"
json_expect "a leaked-semaphore warning after a kill is secondary" "$CORPUS/consequences/torch-spawn-killed-lock.py3.11.txt" \
	'[.findings[] | [.playbook, .secondary]] == [["oom-killed", false], ["broken-pool", true]] and (.findings[1].message | test("leaked semaphore objects"))' \
	"the resource tracker's warning after the ProcessExitedException is the killed rank's semaphore"
cat "$CORPUS/limits/pool-in-pool-worker.py3.8.txt" "$CORPUS/consequences/pool-parent-killed.py3.8.txt" >"$WORK/daemonic-then-pipe.log"
json_expect "a pipe error is secondary to any failure of the run" "$WORK/daemonic-then-pipe.log" \
	'[.findings[] | [.playbook, .secondary]] == [["daemonic-children", false], ["broken-pool", true]] and (.unmatched | length) == 0' \
	"the workers' BrokenPipeError follows a daemonic-children failure, which broken-pool's secondary_to does not list"
cat "$CORPUS/reference/lock.py3.12.txt" "$CORPUS/consequences/manager-killed-mid-call.py3.12.txt" >"$WORK/lock-then-manager.log"
json_expect "a pipe error after another program's failure" "$WORK/lock-then-manager.log" \
	'[.findings[] | [.playbook, .secondary]] == [["unpicklable-object", false]] and [.unmatched[].exception] == ["EOFError"]' \
	"the Manager's EOFError starts from another script than the lock's failure: undiagnosed, not secondary"
for f in "$CORPUS"/consequences/*.txt; do
	json_expect "a consequence is never a serialization finding: ${f##*/}" "$f" \
		'[.findings[].playbook] | all(. == "broken-pool" or . == "oom-killed")' \
		"pipe errors, Manager errors and leaked-object warnings are no child-eof, unpickle-corrupt or other serialization failure"
done
for f in "$CORPUS"/pasted/lookalikes/*.txt; do
	json_expect "a look-alike of a death gets no finding: ${f##*/}" "$f" \
		'(.findings | length) == 0' \
		"GPU memory in the process and an ordinary timeout are neither a kill nor a broken pool"
done
json_expect "two files, findings in order" "$CORPUS/reference/lock.py3.12.txt" \
	'[.findings[].playbook] == ["lambda", "unpicklable-object"] and (.findings[1].origin | test("lock\\.py3\\.12"))' \
	"one finding per file, in the order the files were given, each naming its file" \
	"$CORPUS/reference/lambda.py3.12.txt"

# ---------------------------------------------------------------------------------------------
# 5. Facts the log shows.

json_expect "facts: scraper user frame" "$ROOT/examples/scraper-pool.log" \
	'.findings[0].facts | (.user_file == "/srv/scraper/scraper-pool.py") and ((.user_line | tostring) == "32") and (.user_func == "scrape_page") and (.user_source | test("pool\\.map\\(parse, urls\\)"))' \
	"the user frame is scrape_page, line 32 of /srv/scraper/scraper-pool.py"
json_expect "facts: python version" "$ROOT/examples/scraper-pool.log" \
	'.findings[0].facts.python_version | tostring | startswith("3.12")' \
	"the stdlib paths say Python 3.12"
json_expect "facts: python 2.7" "$CORPUS/reference/lock.py2.7.txt" \
	'.findings[0].facts.python_version | tostring | startswith("2.7")' \
	"the stdlib paths say Python 2.7"
json_expect "facts: spawn start method" "$CORPUS/reference/mp-spawn-lambda-target.py3.12.txt" \
	'.findings[0].facts.start_method == "spawn"' "popen_spawn_posix.py is in the frames"
json_expect "facts: forkserver start method" "$CORPUS/reference/mp-forkserver-lambda-target.py3.12.txt" \
	'.findings[0].facts.start_method == "forkserver"' "popen_forkserver.py is in the frames"
# How a process died, decoded for every playbook by evidence.yaml.
json_expect "facts: death decoded for broken-pool" "$CORPUS/extra/torch-spawn-segfault.py3.11.txt" \
	'.findings[0] | .playbook == "broken-pool" and .facts.death_signal == "SIGSEGV" and .facts.exit_status == "terminated with signal SIGSEGV"' \
	"mp.spawn's 'terminated with signal SIGSEGV' is decoded as death_signal SIGSEGV"
json_expect "facts: exit code decoded" "$CORPUS/extra/billiard-exit.py3.11.txt" \
	'.findings[0].facts | .exit_status == "exitcode 3" and (has("death_signal") | not)' \
	"billiard's 'exitcode 3' is an exit status and no signal"
json_expect "facts: kill decoded" "$CORPUS/reference/joblib-worker-killed.py3.12.txt" \
	'.findings[0].facts | .death_signal == "SIGKILL" and .exit_status == "SIGKILL(-9)"' \
	"loky's {SIGKILL(-9)} is decoded as death_signal SIGKILL"
# A kill: the memory killer's line answers the tree's first questions; SIGKILL alone asks.
json_expect "oom-killed: the kernel's kill answers" "$CORPUS/pasted/oom/kernel-then-broken-pool.txt" \
	'.findings[0].playbook == "oom-killed" and .findings[0].next_question == "which-process" and ([.findings[0].questions[] | select(.answered_by == "log") | .id] == ["memory-shown", "limit-where"]) and .findings[1].playbook == "broken-pool" and .findings[1].secondary == true' \
	"the kernel's Out of memory line says memory and the host: the tree asks which process grew; the BrokenProcessPool is secondary"
json_expect "facts: a memory killer's words decoded" "$CORPUS/pasted/oom/kernel-then-broken-pool.txt" \
	'.findings[0].facts | .exit_status == "Killed process 48213 (python3.13)" and .memory_kill == "kernel" and .mem_used == "8012345kB" and .death_signal == "SIGKILL"' \
	"the kernel's Out of memory line gives how the process died, who killed it and its anon-rss"
json_expect "oom-killed: SIGKILL alone asks" "$CORPUS/reference/billiard-worker-lost.py3.12.txt" \
	'.findings[0] | .playbook == "oom-killed" and .next_question == "memory-shown" and ([.causes[].id] | index("time-limit")) != null and ([.causes[] | select(.id == "time-limit") | .score] | first) > ([.causes[] | select(.id == "manual-kill") | .score] | first)' \
	"without a memory line the kill may be a time limit (ranked, Celery's) or a manual kill, and the tree asks"
# cuda-fork: who forked the child decides the leading cause; the driver's answer counts only
# beside a forked child.
json_expect "cuda-fork: a DataLoader worker" "$CORPUS/extra/cuda-fork-dataloader-cuda-item.py3.11.txt" \
	'[.findings[] | select(.playbook == "cuda-fork")][0] | .facts.forker == "dataloader" and .causes[0].id == "dataloader-workers-use-cuda" and .next_question == null' \
	"the worker's frames in torch/utils/data/ say a DataLoader forked it: the dataset's CUDA call in the workers leads"
json_expect "cuda-fork: the program's own Process" "$CORPUS/extra/cuda-fork-process-model-cuda.py3.11.txt" \
	'.findings[0] | .playbook == "cuda-fork" and .occurrences == 2 and .facts.forker == "own" and .next_question == "parent-cuda"' \
	"two forked Processes are one finding; the tree asks what the parent did with CUDA"
json_expect "cuda-fork: vLLM's workers" "$CORPUS/pasted/cuda-fork/vllm-two-workers.txt" \
	'(.findings | length) == 1 and .findings[0].facts.forker == "framework" and .findings[0].causes[0].id == "framework-forks-workers" and (.unmatched | length) == 0' \
	"vLLM's interleaved worker lines are one finding, led by the framework's fork"
json_expect "cuda-fork: Lightning's check" "$CORPUS/pasted/cuda-fork/lightning-notebook.txt" \
	'.findings[0] | .playbook == "cuda-fork" and .facts.forker == "framework" and .causes[0].id == "framework-forks-workers"' \
	"Lightning refuses to fork after CUDA was initialised: its fork-based strategy leads"
json_expect "cuda-fork: pycuda alone asks" "$CORPUS/pasted/cuda-fork/pycuda-quoted.txt" \
	'.findings[0] | .playbook == "cuda-fork" and .next_question == "forked" and .causes[0].id == "cuda-at-import"' \
	"cuInit failed says no fork: the tree asks first; pycuda.autoinit at import ranks first"
json_expect "cuda-fork: initialization error alone" "$CORPUS/pasted/cuda-fork/init-error-single-process.txt" \
	'(.findings | length) == 0' \
	"the driver's initialization error without a forked child is not this failure"
json_expect "windows-pagefile: the DLL" "$CORPUS/pasted/windows-pagefile/curly-quotes-no-type.txt" \
	'.findings[0] | .playbook == "windows-pagefile" and .subject == "1455" and .facts.dll == "cudnn_adv_infer64_8.dll" and .facts.cuda_dll == "yes"' \
	"the DLL in curly quotes is read, and it is PyTorch's CUDA build"
json_expect "windows-pagefile: no workers shown" "$CORPUS/pasted/windows-pagefile/pytest-e-chinese.txt" \
	'.findings[0] | .causes[0].id == "pagefile-too-small" and .causes[0].score > .causes[1].score and .next_question == "several-processes"' \
	"a lone 1455 line shows no worker processes: the commit limit leads, and the tree asks about workers"
json_expect "windows-pagefile: WinError 5 after it" "$CORPUS/pasted/windows-pagefile/then-winerror5.txt" \
	'[.findings[].playbook] == ["windows-pagefile"]' \
	"the spawn child's PermissionError [WinError 5] is no finding of its own"
json_expect "windows-pagefile: WinError 5 alone" "$CORPUS/pasted/windows-pagefile/winerror5-alone.txt" \
	'(.findings | length) == 0' \
	"a PermissionError [WinError 5] without the 1455 before it is no finding"
# The descriptor limit: what ran out of descriptors leads the causes and answers the tree.
json_expect "fd-exhausted: a Process per job leads with leaked pools" "$CORPUS/fd-limit/process-per-job.py3.9.txt" \
	'.findings[0] | .playbook == "fd-exhausted" and .subject == "[Errno 24]" and .causes[0].id == "leaked-pools" and .next_question == "pools-closed"' \
	"errno 24 at os.pipe() in popen_fork.py, frames without source lines: pools or processes that are never closed, and the tree asks whether they are"
json_expect "fd-exhausted: the cleanup's chained error is not a finding" "$CORPUS/fd-limit/process-per-job-cancel.py3.8.txt" \
	'(.findings | length) == 1 and .findings[0].playbook == "fd-exhausted" and (.unmatched | length) == 0' \
	"the AttributeError in terminate() chained after errno 24 is part of the one failure, not a finding or an unmatched traceback"
json_expect "fd-exhausted: ancdata is fd sharing, not an unpickling failure" "$CORPUS/fd-limit/queue-keep-tensors-1024.py3.11.txt" \
	'(.findings | length) == 1 and (.findings[0] | .playbook == "fd-exhausted" and .subject == null and .causes[0].id == "sharing-strategy" and .next_question == "kept")' \
	"received 0 items of ancdata under rebuild_storage_fd is one finding, torch's file_descriptor strategy first"
json_expect "fd-exhausted: a shared memory object at the limit" "$CORPUS/fd-limit/loader-dataset-open-leak.py3.11.txt" \
	'.findings[0] | .playbook == "fd-exhausted" and .subject == "Too many open files" and .causes[0].id == "leaked-files" and .next_question == "shm-holder"' \
	"unable to open shared memory object ... Too many open files (24): objects shared by name hold no descriptor, so the program's own descriptors lead"
json_expect "fd-exhausted: another errno than the limit" "$CORPUS/pasted/fd/shm-object-enoent.txt" \
	'.findings[0] | .playbook == "fd-exhausted" and .facts.at_limit == "no" and .causes[0].id == "shm-object-gone"' \
	"unable to open shared memory object ... No such file or directory (2) is not the descriptor limit: the object was gone"
json_expect "fd-exhausted: a command to fill in is not runnable" "$CORPUS/fd-limit/loader-keep-batches.py3.11.txt" \
	'[.findings[0].verify[] | select(.runnable) | .run | test("<[a-z]")] | any | not' \
	"a verify command with a process id to fill in is printed as a template, not as a command to run"
json_expect "fd-exhausted: a worker's own open() leads with leaked files" "$CORPUS/fd-limit/pool-worker-open-leak.py3.12.txt" \
	'(.findings | length) == 1 and (.findings[0] | .playbook == "fd-exhausted" and .facts.fd_use == "files" and .causes[0].id == "leaked-files")' \
	"errno 24 naming a file in a pool worker: the program's own files, not process creation, though pool.py frames are on the way"
json_expect "fd-exhausted: a program's own open() is not it" "$CORPUS/fd-limit/open-per-record.py3.12.txt" \
	'(.findings | length) == 0 and (.unmatched | length) == 1' \
	"errno 24 from open() in a loop, with no multiprocessing in the frames, gets no finding"
# NCCL's watchdog: every rank's line and what NCCL prints after it are one finding.
json_expect "collective-timeout: the ranks' lines are one finding" "$CORPUS/pasted/collective/torch2x-ranks-interleaved.txt" \
	'(.findings | length) == 1 and (.findings[0] | .playbook == "collective-timeout" and .occurrences == 3 and .subject == "Timeout(ms)=600000" and .facts.op_type == "ALLGATHER" and .facts.seq_num == "4410")' \
	"3 ranks' watchdog lines and their 'detected by watchdog' and 'Timeout at NCCL work' lines: one finding with its count"
json_expect "collective-timeout: the first step names what the ranks waited in" "$CORPUS/pasted/collective/torch2x-ranks-interleaved.txt" \
	'.findings[0].first_ten_minutes[0] | contains("waiting in the collective ALLGATHER, sequence number 4410)")' \
	"NCCL's line names the collective and its sequence number"
json_expect "collective-timeout: the store's timeout is no collective" "$CORPUS/pasted/collective/store-based-barrier.txt" \
	'.findings[0].first_ten_minutes[0] | contains("waiting in the c10d store")' \
	"the store based barrier is met before any collective"
# A rank's death and the collective that timed out waiting for it: the one written first is
# the cause.
json_expect "collective-timeout: a rank stopped by the timeout is secondary" "$CORPUS/pasted/collective/torch1x-watchdog-abort.txt" \
	'(.findings | length) == 2 and .findings[0].playbook == "collective-timeout" and (.findings[1] | .playbook == "broken-pool" and .secondary == true and .primary.playbook == "collective-timeout" and .conclusion == "collective-timeout-abort")' \
	"torchrun's exitcode -6 after the watchdog's timeout is the timeout's consequence, not a crash of its own"
json_expect "collective-timeout: secondary to a rank's crash before it" "$CORPUS/pasted/collective/rank-crashed-then-timeout.txt" \
	'(.findings | length) == 2 and .findings[0].playbook == "broken-pool" and (.findings[1] | .playbook == "collective-timeout" and .secondary == true and .primary.playbook == "broken-pool" and .conclusion == "rank-died-first")' \
	"a rank that crashed before the others' timeout is its cause"
json_expect "collective-timeout: secondary to a kill, the abort folded" "$CORPUS/pasted/collective/rank-killed-then-abort.txt" \
	'(.findings | length) == 2 and .findings[0].playbook == "oom-killed" and (.findings[1] | .playbook == "collective-timeout" and .secondary == true and .primary.playbook == "oom-killed" and .conclusion == "rank-died-first")' \
	"the watchdog's timeout and NCCL's 'communicator was aborted' are one finding, secondary to the kill"
json_expect "facts: fields of a finding" "$CORPUS/reference/local-object.py3.12.txt" \
	'.findings[0] | (.title | type) == "string" and (.exception | type) == "string" and (.message | type) == "string" and (.causes | type) == "array" and (.causes | length) > 0 and (.first_ten_minutes | length) > 0 and (.fix | length) > 0 and (.verify | length) > 0 and (.verify[0] | has("run") and has("before") and has("after")) and (.secondary == false) and (.primary == null)' \
	"a finding carries title, exception, message, causes, first_ten_minutes, fix and verify"

# The importable name of the user's file and the task handed to the pool fill the commands
# of playbooks whose texts read them (the lint warns of a placeholder nothing sets).
json_expect "facts: broken-pool's module and task" "$CORPUS/extra/cf-segfault.py3.12.txt" \
	'[.findings[] | select(.playbook == "broken-pool")][0].verify | any(.run | contains("import cf_segfault as m; m.parse(<one task"))' \
	"the verify command imports the user's module cf_segfault and calls its task parse"
json_expect "facts: result-unpicklable's module" "$CORPUS/extra/pool-result-local.py3.8.txt" \
	'.findings[0].verify[0].run | contains("import pickle, pool_result_local as m;")' \
	"the verify command imports the user's module pool_result_local"

# Issue 11: what the text does not show is not settled (captures: tests/captures/settled/).
json_expect "facts: a nested function its own frame hands over is not a factory" \
	"$CORPUS/settled/build_report.py3.12.txt" \
	'.findings[0] | .conclusion == "nested-function" and .causes[0].id == "nested-function" and .facts.factory_call == "no" and ([.questions[] | select(.fact == "factory_call")][0] | .answered_by == "log" and (.because | test("enclosing function itself")))' \
	"build_report() defines scale and calls pool.map(scale, rows) itself: its name is no answer"
json_expect "facts: the nested function's fix binds its own name, not the demo's" \
	"$CORPUS/settled/build_report.py3.12.txt" \
	'.findings[0].fix | length == 1 and (.[0] | contains("functools.partial(scale, ") and (test("\\bparse\\b") | not))' \
	"build_report.<locals>.scale: functools.partial(scale, ...), and no parse, which the log does not have"
json_expect "facts: a factory-like name answers no tree question" \
	"$CORPUS/reference/local-object.py3.12.txt" \
	'.findings[0] | .facts.decorator_wrapper == null and .facts.wrapper_name == null and .conclusion == null and .next_question != null' \
	"make_adder.<locals>.add: whether it is a decorator's wrapper is the person's to say"
json_expect "facts: a capitalised local name ranks the class first but does not answer" \
	"$CORPUS/reference/local-class.py3.12.txt" \
	'.findings[0] | .facts.kind == null and .facts.kind_by_name == "class" and .next_question == "kind-of-object" and .causes[0].id == "local-class"' \
	"factory.<locals>.Point: the case of a name is a convention; the text shows no class"
json_expect "facts: a test-like file name is a hint, not the answer 'in a test'" \
	"$CORPUS/pasted/notebook/pytest-workers-short.py3.11.txt" \
	'.findings[0] | .facts.in_test == null and .facts.test_name == "yes" and ([.causes[] | select(.id == "test-local")][0].because | test("a hint only"))' \
	"test_workers.py: pytest's short traceback shows no runner frame; the name only moves scores"
json_expect "facts: top-level code of the program answers 'not in a test'" "$ROOT/examples/scraper-pool.log" \
	'.findings[0] | .facts.in_test == "no" and ([.questions[] | select(.fact == "in_test")][0].because | test("top-level code"))' \
	"the traceback starts at the script's <module>, so no test runner called it"
json_expect "facts: a result class named like an exception is a hint, the question stays" \
	"$CORPUS/extra/pool-exception-lock.py2.7.txt" \
	'.findings[0] | .facts.raised == null and .facts.returned_exception_name == "yes" and .next_question == "raised-or-returned" and .causes[0].id == "exception-payload"' \
	"SyncFailed(...) sent back by 2.7's pool: no ExceptionWithTraceback shows that the task raised"
json_expect "facts: an argument named like a resource is a hint, not 'passed directly'" \
	"$CORPUS/reference/file-handle.py3.12.txt" \
	'.findings[0] | .facts.passed_directly == null and .facts.arg_named_like_resource == "yes" and .next_question == "holder"' \
	"pickle.dumps(fh): the name fh does not show that the file itself was passed"
json_expect "facts: pool.map(obj.method) is a method or attribute, not a plain function" \
	"$CORPUS/settled/obj_method.py3.12.txt" \
	'.findings[0] | .facts.bound_method == "method-or-attribute" and .next_question == "callable" and .causes[0].id == "bound-method-self" and ([.causes[] | select(.id == "bound-method-self")][0].because | test("NAME.attr"))' \
	"resizer.resize may be a bound method dragging its lock along: not ruled out, and the person is asked"
json_expect "facts: 2.7 names the bound method itself" "$CORPUS/settled/obj_method.py2.7.txt" \
	'.findings[0] | .facts.bound_method == "yes" and .conclusion == "bound-method-self"' \
	"Can't pickle instancemethod shows a bound method"
json_expect "facts: future.result() is where the result was collected" \
	"$CORPUS/settled/cf_result.py3.12.txt" \
	'.findings[0] | .facts.user_line_role == "collect" and ([.first_ten_minutes[] | select(test("it collected the result; the task was handed over earlier, at its submit, map or apply_async call"))] | length) == 1 and ([.first_ten_minutes[] | select(test("check every callable and argument on that line"))] | length) == 0' \
	"the task was handed over at submit(), not on the .result() line the traceback shows"
for f in "$CORPUS"/settled/cf_result.*.txt "$CORPUS"/settled/cf_map_iter.*.txt; do
	json_expect "facts: the lambda's fix does not place it on the line that collected: ${f##*/}" "$f" \
		'.findings[0] | .facts.user_source as $src | .facts.user_line_role == "collect" and (.fix | length) == 1 and (.fix[0] | contains($src) | not) and (.fix[0] | contains("<the line that hands it over>"))' \
		"the lambda was handed over at submit() or map(), not on the .result() or for line the traceback shows"
done
json_expect "a lambda is named <lambda> where the log shows it" "$CORPUS/settled/cf_result.py3.12.txt" \
	'.findings[0] | .facts.local_object == "<lambda>" and (.first_ten_minutes | map(select(contains("the object to move (<lambda>)"))) | length) == 1 and (.first_ten_minutes | tostring | contains("<local object>") | not)' \
	"the qualname main.<locals>.<lambda> names the object; no placeholder stands for it in the steps"
json_expect "facts: AsyncResult.get() collects" "$CORPUS/settled/async_get.py3.6.txt" \
	'.findings[0].facts.user_line_role == "collect"' "pending.get(timeout=30) collected a task handed over by apply_async"
json_expect "facts: iterating executor.map results collects" "$CORPUS/settled/cf_map_iter.py3.13.txt" \
	'.findings[0].facts.user_line_role == "collect"' "for value in results: collected what executor.map handed over"
json_expect "facts: pool.map hands the task over" "$CORPUS/settled/build_report.py3.9.txt" \
	'.findings[0] | .facts.user_line_role == "handoff" and ([.first_ten_minutes[] | select(test("handed the task over: check every callable"))] | length) == 1' \
	"return pool.map(scale, rows) is the hand-over itself"
json_expect "facts: a feeder-thread failure says the item was dropped" "$CORPUS/settled/feeder_put.py3.12.txt" \
	'.findings[0] | .facts.item_dropped == "yes" and (.first_ten_minutes[0] | test("put\\(\\)` had returned normally: the item was silently dropped.*waits forever")) and ([.verify[] | select(.before | test("get\\(\\) raises queue.Empty"))] | length) == 1' \
	"q.put(lambda: 1): put() returned, the feeder thread printed the traceback, get() never gets the item"
json_expect "facts: the same on 2.7 (lambda) and for a lock (unpicklable-object)" "$CORPUS/settled/feeder_put.py2.7.txt" \
	'[.findings[] | .facts.item_dropped == "yes" and (.first_ten_minutes[0] | test("silently dropped"))] | length == 2 and all' \
	"the feeder frames, whatever the playbook" "$CORPUS/reference/mp-queue-put-unpicklable.py3.12.txt"
json_expect "facts: a feeder error that reached .result() was not dropped silently" "$CORPUS/settled/cf_result.py3.12.txt" \
	'.findings[0] | .facts.item_dropped == "no" and ([.first_ten_minutes[] | select(test("silently dropped"))] | length) == 0 and ([.verify[] | select(.before | test("queue.Empty"))] | length) == 0' \
	"the executor set the error on the future, and the user's .result() raised it"
json_expect "facts: load key 'v' is a hint, the first bytes are asked" \
	"$CORPUS/settled/yaml_load_key.py3.12.txt" \
	'.findings[0] | .conclusion == null and .next_question == "file-kind" and .facts.file_kind == null and .facts.first_byte == "git-lfs" and .causes[0].id == "git-lfs-pointer" and ([.causes[].id] | index("saved-web-page")) < 3' \
	"a YAML file starting 'version:' prints the same 'v' as a Git LFS pointer"
json_expect "facts: other load keys are hints too" "$CORPUS/extra/gzip-pickle.py3.11.txt" \
	'.findings[0] | .conclusion == null and .next_question == "file-kind" and .causes[0].id == "compressed-file"' \
	"'\\x1f' is the first byte of gzip and of other data: the question stays open"

# Facts that feed commands are true or absent: the enclosing function of a lambda made in a
# comprehension (3.6-3.11 print main.<locals>.<listcomp>.<lambda>) is main, never the
# comprehension, and Python 2, which prints no qualname, leaves it a placeholder; a lambda
# has no name a command could import; a script named deep-tree.py is no module to import.
for f in "$CORPUS"/placeholders/*-lambda.py3.*.txt; do
	json_expect "facts: enclosing function of $(basename "$f")" "$f" \
		'.findings[0] | .facts.outer == "main" and .facts.local_name == null and (.placeholders | index("outer") == null) and ([.verify[].run | select(test("\\.<lambda>"))] | length == 0)' \
		"outer is main, no local_name, no command naming .<lambda>"
done
json_expect "facts: no qualname on 2.7" "$CORPUS/placeholders/listcomp-lambda.py2.7.txt" \
	'.findings[0] | .facts.outer == null and (.placeholders | index("outer") != null) and ([.fix[] | select(test("<enclosing function>"))] | length > 0)' \
	"no enclosing function is read; the fix shows <enclosing function>"
for f in "$CORPUS"/placeholders/deep-tree.py3.*.txt "$ROOT/examples/scraper-pool.log"; do
	json_expect "facts: no module from $(basename "$f")" "$f" \
		'.findings[0] | .facts.user_module == null and (.placeholders | index("user_module") != null) and ([.verify[] | select(.run | test("<your module>")) | .runnable] | length > 0 and all(. == false))' \
		"a file name with a hyphen gives no user_module; the commands that import it are templates"
done

for f in "$CORPUS"/placeholders/method-result.py3.*.txt; do
	json_expect "facts: no task function from a bound method in $(basename "$f")" "$f" \
		'.findings[0] | .facts.user_module == "method_result" and .facts.task_func == null and (.placeholders | index("task_func") != null) and ([.verify[].run | select(test("m\\.run\\b"))] | length == 0)' \
		"pool.map(w.run, ...) names no function of the module: no m.run in a command"
done

# A check is a command to run only when all of it came from the log; otherwise a template.
json_expect "verify: runnable only without placeholders" "$ROOT/examples/scraper-pool.log" \
	'[.findings[].verify[]] | all(.runnable | type == "boolean") and (map(select(.runnable)) | all(.run | test("<[a-z][^>]* [^>]*>") | not)) and (map(select(.runnable | not)) | length > 0)' \
	"a runnable command holds no <...>; the others are templates"
pickdoc "$ROOT/examples/scraper-pool.log" >"$WORK/text" 2>&1
pickdoc -f markdown "$ROOT/examples/scraper-pool.log" >"$WORK/md" 2>&1
if grep -q '^  template: python -c "import pickle, <your module>;' "$WORK/text" &&
	! grep -q '^  \$ .*<your ' "$WORK/text" &&
	grep -Fq -- '- [ ] template: `python -c "import pickle, <your module>;' "$WORK/md"; then
	pass
else
	fail "verify: templates in text and Markdown" "expected 'template: ' before the commands with <your module>, '\$ ' before none" \
		"$(excerpt "$WORK/text" stdout)"
fi
pickdoc -f json "$ROOT/examples/scraper-pool.log" >"$WORK/report.json" 2>/dev/null
json_expect "verify: --merge keeps templates and placeholders" "$WORK/report.json" \
	'.findings[0] | (.placeholders | index("user_module") != null) and ([.verify[].runnable] | length > 0 and all(type == "boolean")) and ([.verify[] | select(.runnable)] | all(.run | test("<your module>") | not))' \
	"a merged report still says which facts were placeholders and which checks are templates" --merge

# ---------------------------------------------------------------------------------------------
# 6. Bad input. Every run is bounded by the timeout in setup.sh.

# Binary data: NUL bytes and every other byte value, then a real traceback.
{
	dd if=/dev/zero bs=1024 count=64 2>/dev/null
	i=1
	# shellcheck disable=SC2059 # the format is the octal escape of byte i
	while [ $i -lt 256 ]; do printf "\\$(printf '%03o' $i)"; i=$((i + 1)); done
	printf '\nchatter\000with\000NULs\n'
} >"$WORK/binary"
cat "$WORK/binary" "$CORPUS/reference/lock.py3.12.txt" >"$WORK/binary-then-traceback"
pickdoc -f json "$WORK/binary" >"$WORK/out" 2>"$WORK/err"
rc=$?
if [ "$rc" -eq 1 ] && jq -e '(.findings | length) == 0' "$WORK/out" >/dev/null 2>&1; then pass; else
	fail "binary input" "exit $rc, expected 1 with valid JSON and no finding" "$(excerpt "$WORK/err" stderr)"
fi
json_expect "binary input, then a traceback" "$WORK/binary-then-traceback" \
	'.findings[0].playbook == "unpicklable-object" and .findings[0].subject == "_thread.lock"' \
	"the traceback after the binary data is still found"

# Invalid UTF-8 (0xFF 0xFE) in the source line of a real traceback and in a chatter line.
bad=$(printf '\377\376')
sed "3s/\$/  # $bad/" "$CORPUS/reference/local-object.py3.12.txt" >"$WORK/bad-utf8"
printf 'worker %s started\n' "$bad" | cat - "$WORK/bad-utf8" >"$WORK/bad-utf8-chatter"
json_expect "invalid UTF-8 in a source line" "$WORK/bad-utf8" \
	'.findings[0].playbook == "local-object" and .findings[0].subject == "make_adder.<locals>.add"' \
	"JSON stays valid and the finding is still found"
json_expect "invalid UTF-8 in chatter" "$WORK/bad-utf8-chatter" \
	'.findings[0].playbook == "local-object" and .findings[0].first_line == 2' \
	"JSON stays valid, the finding starts on line 2"

# A traceback cut after its frames: no exception line, nothing to diagnose, no crash.
head -n 3 "$CORPUS/reference/lock.py3.12.txt" >"$WORK/cut"
pickdoc -f json "$WORK/cut" >"$WORK/out" 2>"$WORK/err"
rc=$?
if [ "$rc" -eq 1 ] && jq -e '(.findings | length) == 0' "$WORK/out" >/dev/null 2>&1; then pass; else
	fail "truncated traceback" "exit $rc, expected 1 with valid JSON and no finding" "$(excerpt "$WORK/out" stdout)"
fi

# No final newline after the exception line.
printf '%s' "$(cat "$CORPUS/reference/lock.py3.12.txt")" >"$WORK/no-newline"
json_expect "no final newline" "$WORK/no-newline" '.findings[0].subject == "_thread.lock"' \
	"the last line counts even without a newline"

# A 50 MB line: nothing to find (a hang is caught by the timeout, which exits 124).
head -c 50000000 /dev/zero | tr '\0' 'x' >"$WORK/long-line"
pickdoc "$WORK/long-line" >"$WORK/out" 2>"$WORK/err"
rc=$?
if [ "$rc" -eq 1 ]; then pass; else
	fail "50 MB single line" "exit $rc, expected 1 (124: no end within ${TIMEOUT}s)" "$(excerpt "$WORK/err" stderr)"
fi
# The same line in front of a real traceback: the traceback is still found.
cat "$WORK/long-line" "$CORPUS/reference/lock.py3.12.txt" >"$WORK/long-then-traceback"
rm -f "$WORK/long-line"
json_expect "50 MB line, then a traceback" "$WORK/long-then-traceback" \
	'.findings[0].playbook == "unpicklable-object"' "a huge line does not hide what follows it"
rm -f "$WORK/long-then-traceback"

# 100 MB of NUL bytes on a pipe, as "head -c 100M /dev/zero | pickdoc": one line far longer
# than pickdoc keeps, read to its end in bounded memory, cut, and said so; nothing to find.
# (No --max-bytes option: memory does not grow with the input, and "head -c" already
# bounds the time for a source that never ends.)
head -c 100000000 /dev/zero | timeout "$TIMEOUT" "$PICKDOC" >"$WORK/out" 2>"$WORK/err"
rc=$?
if [ "$rc" -eq 1 ] && [ "$(wc -l <"$WORK/err")" -eq 1 ] &&
	grep -q '^pickdoc: <stdin>: warning: 1 lines\{0,1\} longer than' "$WORK/err"; then pass; else
	fail "100 MB of /dev/zero on stdin" "exit $rc, expected 1 and one warning about the long line" \
		"(124: no end within ${TIMEOUT}s)" "$(excerpt "$WORK/err" stderr)"
fi

# A traceback of a million frames: the real capture lock.py3.12.txt with its one frame (the
# "File" line and the source line) repeated, as a runaway recursion would print it.  It must
# end, hold only what it keeps (checked with a 64 MB address-space limit, less than the 88 MB
# input, except under sanitizers, which reserve terabytes of address space up front), and
# still report the finding, marked truncated.
awk 'NR == 1 { print; next }
	NR == 2 { frame = $0; next }
	NR == 3 { for (i = 0; i < 1000000; i++) print frame "\n" $0; next }
	{ print }' "$CORPUS/reference/lock.py3.12.txt" >"$WORK/million"
if LC_ALL=C grep -aq -e __asan_init -e __ubsan_handle "$PICKDOC"; then
	limit=unlimited
else
	limit=65536
fi
(ulimit -v "$limit" && timeout "$TIMEOUT" "$PICKDOC" -f json "$WORK/million") >"$WORK/out" 2>"$WORK/err"
rc=$?
if [ "$rc" -eq 0 ] && jq -e '.findings[0] | .playbook == "unpicklable-object" and
	.subject == "_thread.lock" and .truncated == true and .dropped.frames == 999872' \
	"$WORK/out" >/dev/null 2>&1; then pass; else
	fail "a million frames" "exit $rc (address space: $limit KB); expected 0, the lock, truncated," \
		"999872 frames dropped (the first 64 and the last 64 kept)" \
		"$(excerpt "$WORK/out" stdout)" "$(excerpt "$WORK/err" stderr)"
fi
rm -f "$WORK/million"

# Frames Python folded into "[Previous line repeated N more times]" (real captures): a
# recursion while unpickling is diagnosed; a plain recursion has nothing to diagnose.
json_expect "recursion-repeated frames" "$CORPUS/extra/getattr-proxy-load.py3.12.txt" \
	'.findings[0].playbook == "recursion" and .findings[0].first_line == 1' \
	"the RecursionError of pickle.loads, with 745 repeats folded, is the recursion playbook"
pickdoc -f json "$CORPUS/reference/tb-recursion.py3.12.txt" >"$WORK/out" 2>"$WORK/err"
rc=$?
if [ "$rc" -eq 1 ] && jq -e '(.findings | length) == 0 and .unmatched[0].exception == "RecursionError"' \
	"$WORK/out" >/dev/null 2>&1; then pass; else
	fail "recursion-repeated frames, no pickling" "exit $rc, expected 1 and the RecursionError unmatched" \
		"$(excerpt "$WORK/out" stdout)"
fi

# Cut mid-line, as a log is when the process is killed while writing: inside the first line,
# inside a source line, inside the exception's message.  Nothing to diagnose, no crash; a
# cut message keeps its exception type.
for cut in 20:- 100:- 150:TypeError; do
	head -c "${cut%%:*}" "$CORPUS/reference/lock.py3.12.txt" >"$WORK/cut-mid-line"
	pickdoc -f json "$WORK/cut-mid-line" >"$WORK/out" 2>"$WORK/err"
	rc=$?
	if [ "${cut#*:}" = - ]; then
		expect='(.findings | length) == 0'
	else
		expect="(.findings | length) == 0 and .unmatched[0].exception == \"${cut#*:}\""
	fi
	if [ "$rc" -eq 1 ] && jq -e "$expect" "$WORK/out" >/dev/null 2>&1; then pass; else
		fail "cut after ${cut%%:*} bytes" "exit $rc, expected 1 and $expect" \
			"$(excerpt "$WORK/out" stdout)" "$(excerpt "$WORK/err" stderr)"
	fi
done

# A FIFO given by name is read like a file: a writer sends a real capture and closes.  (A
# FIFO nobody writes to blocks pickdoc in open(2), as it blocks cat: opening what the user
# named is the contract, and a shell glob that picks up a FIFO is the user's to avoid.)
mkfifo "$WORK/fifo"
timeout "$TIMEOUT" sh -c 'cat "$1" >"$2"' sh "$CORPUS/reference/lock.py3.12.txt" "$WORK/fifo" &
writer=$!
json_expect "a FIFO" "$WORK/fifo" '.findings[0].subject == "_thread.lock"' \
	"what the writer sent is diagnosed"
wait "$writer"

# An unreadable file among readable ones: one error naming it, exit 3, and the other file
# still diagnosed.  chmod 000 does not stop root, so as root pickdoc runs as nobody.
mkdir "$WORK/perm"
cp "$CORPUS/reference/lock.py3.12.txt" "$WORK/perm/unreadable.log"
cp "$CORPUS/reference/lambda.py3.12.txt" "$WORK/perm/readable.log"
chmod 000 "$WORK/perm/unreadable.log"
chmod 755 "$WORK" "$WORK/perm"
as_user=
skip_why=
if [ "$(id -u)" -ne 0 ]; then
	as_user=" "
elif ! command -v setpriv >/dev/null 2>&1; then
	skip_why="running as root and setpriv is not installed"
elif ! setpriv --reuid=nobody --regid=nogroup --clear-groups test -x "$PICKDOC" 2>/dev/null; then
	skip_why="running as root and nobody cannot run $PICKDOC"
else
	as_user="setpriv --reuid=nobody --regid=nogroup --clear-groups"
fi
if [ -n "$as_user" ]; then
	# shellcheck disable=SC2086 # the command prefix is several words, or none
	timeout "$TIMEOUT" $as_user "$PICKDOC" -f json "$WORK/perm/unreadable.log" \
		"$WORK/perm/readable.log" >"$WORK/out" 2>"$WORK/err"
	rc=$?
	if [ "$rc" -eq 3 ] && [ "$(wc -l <"$WORK/err")" -eq 1 ] &&
		grep -q '^pickdoc: .*unreadable\.log: error: .*Permission denied' "$WORK/err" &&
		jq -e '[.findings[].playbook] == ["lambda"]' "$WORK/out" >/dev/null 2>&1; then pass; else
		fail "an unreadable file among others" \
			"exit $rc; expected 3, one error naming unreadable.log, the lambda still found" \
			"$(excerpt "$WORK/err" stderr)" "$(excerpt "$WORK/out" stdout)"
	fi
else
	echo "skipped the unreadable-file check: $skip_why"
fi
chmod 700 "$WORK"

# A report cut short by its reader ("pickdoc big.log | head -1") ends quietly: no message,
# nothing after the line the reader took.  The big log is every reference capture one after
# another, as a CI job's stderr collects them.
cat "$CORPUS"/reference/*.txt >"$WORK/big.log"
for fmt in text markdown json; do
	{ pickdoc -f "$fmt" "$WORK/big.log" 2>"$WORK/err"; echo $? >"$WORK/rc"; } | head -n 1 >"$WORK/out"
	rc=$(cat "$WORK/rc")
	if [ ! -s "$WORK/err" ] && [ "$(wc -l <"$WORK/out")" -eq 1 ] && [ "$rc" -ne 124 ]; then pass; else
		fail "big log into head -1, $fmt" "exit $rc; expected one line on stdout and nothing on stderr" \
			"$(excerpt "$WORK/err" stderr)" "$(excerpt "$WORK/out" stdout)"
	fi
done
rm -f "$WORK/big.log"

# Hostile knowledge bases that are generated rather than kept in cases/: nesting 10000 deep
# (flow and block style) and a 100 MB scalar.  Each is refused with its position (the huge
# file with its name: it is refused before it is parsed) and no stack or memory blow-up.
mkdir "$WORK/kb-deep" "$WORK/kb-huge"
awk 'BEGIN { printf "id: "; for (i = 0; i < 10000; i++) printf "["
	for (i = 0; i < 10000; i++) printf "]"; print "" }' >"$WORK/kb-deep/flow.yaml"
awk 'BEGIN { printf "id: x\ncauses:\n  "; for (i = 0; i < 10000; i++) printf "- "; print "x" }' \
	>"$WORK/kb-deep/block.yaml"
{
	printf 'id: huge\ntitle: "'
	head -c 100000000 /dev/zero | tr '\0' a
	printf '"\n'
} >"$WORK/kb-huge/huge.yaml"
for kb_case in "kb-deep/flow.yaml:1:36: error: nesting is deeper" \
	"kb-deep/block.yaml:3:65: error: nesting is deeper" \
	"kb-huge/huge.yaml: error: file is larger than"; do
	kb_dir=${kb_case%%/*}
	for action in --lint "-k $WORK/$kb_dir $CORPUS/reference/lock.py3.12.txt"; do
		case $action in --lint) action="--lint $WORK/$kb_dir" ;; esac
		# shellcheck disable=SC2086 # the action is several words
		pickdoc $action >"$WORK/out" 2>"$WORK/err"
		rc=$?
		if [ "$rc" -eq 2 ] && grep -Fq -- "$kb_case" "$WORK/err"; then pass; else
			fail "hostile knowledge base ${kb_case%%:*}, ${action%% *}" \
				"exit $rc, expected 2 and '$kb_case'" "$(excerpt "$WORK/err" stderr)"
		fi
	done
done
rm -rf "$WORK/kb-deep" "$WORK/kb-huge"

# ---------------------------------------------------------------------------------------------
# 7. The playbooks.

pickdoc --list >"$WORK/out" 2>"$WORK/err"
missing=
for id in local-object lambda main-lookup unpicklable-object missing-main-guard bad-reduce \
	daemonic-children start-method-conflict payload-too-large cuda-fork windows-pagefile fd-exhausted \
	shm-exhausted collective-timeout; do
	grep -Eq "(^|[^a-z-])$id([^a-z-]|\$)" "$WORK/out" || missing="$missing $id"
done
if [ -z "$missing" ]; then pass; else
	fail "--list" "missing ids:$missing" "$(excerpt "$WORK/out" stdout)"
fi
# --show=ID -f yaml prints each built-in playbook as its file in knowledge/ holds it.
for f in "$ROOT"/knowledge/*.yaml; do
	id=$(sed -n 's/^id: *//p' "$f")
	[ -n "$id" ] || continue
	if pickdoc --show="$id" -f yaml 2>"$WORK/err" | cmp -s - "$f"; then pass; else
		fail "--show=$id -f yaml" "expected knowledge/$(basename "$f") byte for byte" \
			"$(excerpt "$WORK/err" stderr)"
	fi
done

# --lint DIR speaks only of DIR: its one playbook counted, its own patterns timed, nothing of
# the built-in knowledge base it is checked against.
pickdoc --lint "$ROOT/tests/cli/cases/kb-good" >"$WORK/out" 2>"$WORK/err"
rc=$?
if [ "$rc" -eq 0 ] && grep -qx 'knowledge base ok: 1 playbook, 0 evidence rules' "$WORK/out" &&
	grep -q 'cases/kb-good/' "$WORK/err" && ! grep -v 'cases/kb-good/' "$WORK/err" | grep -q .; then
	pass
else
	fail "--lint DIR" "exit $rc; expected 0, 'knowledge base ok: 1 playbook, 0 evidence rules'" \
		"and notes on kb-good's patterns only" "$(excerpt "$WORK/out" stdout)" \
		"$(excerpt "$WORK/err" stderr)"
fi
pickdoc --show local-object >"$WORK/out" 2>"$WORK/err"
if [ "$(wc -l <"$WORK/out")" -gt 5 ] && grep -q 'local-object' "$WORK/out"; then pass; else
	fail "--show local-object" "expected the playbook in full" "$(excerpt "$WORK/out" stdout)"
fi

# knowledge/README.md's table of the facts evidence.yaml provides stays in step with the file:
# a row per fact it sets, every value it writes in its fact's row (values made from the
# text, with a '$', are described in words instead), no row for a fact it does not set.
awk '/^  - fact:/ { fact = $3 }
	/^    value:/ { v = $0; sub(/^    value: */, "", v)
		if (v ~ /^".*"$/ || v ~ /^\047.*\047$/) v = substr(v, 2, length(v) - 2)
		if (v !~ /\$/) print fact "\t" v }
	/^  - fact:/ { print $3 "\t" }' "$ROOT/knowledge/evidence.yaml" | sort -u >"$WORK/ev-facts"
awk '/^### Facts evidence.yaml provides/ { on = 1; next } /^##/ { on = 0 }
	on && /^\| `/' "$ROOT/knowledge/README.md" >"$WORK/readme-facts"
: >"$WORK/problems"
while IFS='	' read -r fact value; do
	row=$(grep -F "| \`$fact\` |" "$WORK/readme-facts")
	if [ -z "$row" ]; then
		echo "evidence.yaml sets '$fact', which has no row"
	elif [ -n "$value" ] && ! printf '%s\n' "$row" | grep -Fq -- "\`$value\`"; then
		echo "evidence.yaml writes '$value' to '$fact', which its row does not list"
	fi
done <"$WORK/ev-facts" >>"$WORK/problems"
sed 's/^| `\([^`]*\)`.*/\1/' "$WORK/readme-facts" | while IFS= read -r fact; do
	grep -q "^$fact	" "$WORK/ev-facts" || echo "the row '$fact' names a fact evidence.yaml does not set"
done >>"$WORK/problems"
if [ -s "$WORK/ev-facts" ] && [ ! -s "$WORK/problems" ]; then pass; else
	fail "knowledge/README.md lists evidence.yaml's facts" "$(sort -u "$WORK/problems")"
fi

# knowledge/ stands alone: no path outside the repository.
if ! grep -n -e '\.\./shared' -e '/work/' -e 'shared/' "$ROOT"/knowledge/*.md >"$WORK/out"; then pass; else
	fail "knowledge/*.md cites a path outside the repository" "$(cat "$WORK/out")"
fi

# ---------------------------------------------------------------------------------------------
# 8. Every long option of --help is documented in the man page.

pickdoc --help >"$WORK/help" 2>&1
if [ ! -f "$ROOT/pickdoc.1" ]; then
	fail "man page" "$ROOT/pickdoc.1 does not exist"
else
	if command -v mandoc >/dev/null 2>&1; then
		mandoc -T ascii "$ROOT/pickdoc.1" | sed "s/.$(printf '\b')//g" >"$WORK/man"
	else
		sed 's/\\-/-/g; s/Fl -/--/g; s/Fl \([a-z]\)/--\1/g' "$ROOT/pickdoc.1" >"$WORK/man"
	fi
	options=$(grep -Eo -- '--[a-z][a-z-]*' "$WORK/help" | sort -u)
	if [ -z "$options" ]; then
		fail "man page" "no long option found in pickdoc --help" "$(excerpt "$WORK/help" help)"
	fi
	for opt in $options; do
		if grep -Eq -- "$opt([^a-z-]|\$)" "$WORK/man"; then pass; else
			fail "man page documents $opt" "$opt is in pickdoc --help but not in pickdoc.1"
		fi
	done
fi

# ---------------------------------------------------------------------------------------------
# 9. Hostile input: escapes, Markdown break-outs, quadratic lines, runaway patterns.

. "$ROOT/tests/cli/hostile.sh"

finish
