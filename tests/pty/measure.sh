#!/bin/sh
# How many questions the guided session asks before it reaches one cause, over the labelled
# real captures: for each capture whose primary finding is its labelled playbook, the log
# alone either settles the decision tree (0 questions) or leaves a question; then every
# answer of every open question is replayed (--no-input --answer PLAYBOOK/QUESTION=VALUE,
# the JSON's next_question and conclusion) down to the causes.  Prints, per playbook and in
# all: captures, settled by the log, the mean number of questions when each answer is
# equally likely, and the most any path needs.  Not a test: make check does not run it.
# Usage: tests/pty/measure.sh [PICKDOC] [DIRECTORY-PREFIX]   (default ./pickdoc reference/)
set -u
[ -n "${MEASURE_TRACE:-}" ] && set -x
here=$(cd "$(dirname "$0")" && pwd)
pickdoc=${1:-$here/../../pickdoc}
prefix=${2:-reference/}
labels=$here/../corpus/labels.tsv
corpus=$here/../corpus
command -v jq >/dev/null 2>&1 || { echo "measure.sh: jq is needed" >&2; exit 2; }
[ -x "$pickdoc" ] || { echo "measure.sh: $pickdoc is not executable" >&2; exit 2; }
export LC_ALL=C NO_COLOR=1
unset PICKDOC_KB
work=$(mktemp -d "${TMPDIR:-/tmp}/pickdoc-measure.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
# A copy: a rebuild while this runs must not change the binary under measurement.
cp "$pickdoc" "$work/pickdoc" || exit 2
pickdoc=$work/pickdoc

# The primary finding after ANSWERS (words): "playbook conclusion next" ("-" for none).
state() { # file answers...
	f=$1
	shift
	got=$("$pickdoc" -f json --no-input "$@" "$f" 2>/dev/null | jq -r '
		[.findings[] | select(.secondary != true)][0]
		| if . == null then "- - -" else
		  "\(.playbook) \(.conclusion // "-") \(.next_question // "-")" end' 2>/dev/null)
	echo "${got:-- - -}"
}

# The answer values of question Q of playbook P, one per line (cached per playbook).
values() { # playbook question
	[ -f "$work/pb.$1" ] || "$pickdoc" --show "$1" -f json >"$work/pb.$1"
	jq -r --arg q "$2" '.questions[] | select(.id == $q) | .answers[].value' "$work/pb.$1"
}

: >"$work/results"
awk -F'\t' -v p="$prefix" '!/^#/ && NF >= 3 && index($1, p) == 1 && $2 != "-" && $2 != "~" {
	split($2, ids, "|"); print $1, ids[1] }' "$labels" |
while read -r file truth; do
	set -- $(state "$corpus/$file")
	[ "$1" = "$truth" ] || continue
	playbook=$1
	# A queue of open paths: "depth weight answer-options...".
	printf '0 1\n' >"$work/queue"
	: >"$work/leaves"
	while [ -s "$work/queue" ]; do
		IFS= read -r path <"$work/queue"
		sed -i 1d "$work/queue"
		set -- $path
		depth=$1 weight=$2
		shift 2
		answers=$*
		# shellcheck disable=SC2086 # one --answer option per word
		set -- $(state "$corpus/$file" $answers)
		if [ "$2" != "-" ] || [ "$3" = "-" ]; then
			printf '%s %s\n' "$depth" "$weight" >>"$work/leaves"
			continue
		fi
		question=$3
		n=$(values "$playbook" "$question" | wc -l)
		values "$playbook" "$question" | while IFS= read -r v; do
			printf '%s %s %s --answer=%s/%s=%s\n' $((depth + 1)) \
				"$(awk -v w="$weight" -v n="$n" 'BEGIN { printf "%.6f", w / n }')" \
				"$answers" "$playbook" "$question" "$v" >>"$work/queue"
		done
	done
	awk -v f="$file" -v p="$playbook" '{ e += $1 * $2; if ($1 > m) m = $1 }
		END { printf "%s %s %.4f %d\n", f, p, e, m }' "$work/leaves" >>"$work/results"
done

awk '{ n[$2]++; e[$2] += $3; if ($4 == 0) s[$2]++; if ($4 > m[$2]) m[$2] = $4
       N++; E += $3; if ($4 == 0) S++; if ($4 > M) M = $4; if ($4 > 0) { A++; EA += $3 } }
	END {
		printf "%-20s %8s %18s %15s %9s\n", "playbook", "captures", "settled by the log",
			"mean questions", "at most"
		for (p in n)
			printf "%-20s %8d %18d %15.2f %9d\n", p, n[p], s[p], e[p] / n[p], m[p]
		printf "%-20s %8d %18d %15.2f %9d\n", "all", N, S, N ? E / N : 0, M
		if (A)
			printf "mean over the %d captures that need a question: %.2f\n", A, EA / A
	}' "$work/results"
