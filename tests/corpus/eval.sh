#!/bin/sh
# Accuracy of pickdoc on a labelled corpus: runs the binary on every labelled file and prints,
# per playbook, how many captures there are, how many got the right primary playbook and how
# many also the right subject. A label's first playbook is the truth here (alternatives after
# "|" count as right too, as in the CLI suite); subject alternatives all count. Rows labelled "~" are
# left out; "-" rows count as right when pickdoc reports no finding.
# Usage: tests/corpus/eval.sh [-v] [PICKDOC] [LABELS.tsv...]
#   default PICKDOC: ./pickdoc; default LABELS: tests/corpus/labels.tsv
#   -v also lists every miss.   Example: make eval; tests/corpus/eval.sh ./pickdoc tests/corpus/holdout/labels.tsv
set -u
verbose=0
if [ "${1:-}" = -v ]; then verbose=1; shift; fi
here=$(cd "$(dirname "$0")" && pwd)
pickdoc=${1:-$here/../../pickdoc}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- "$here/labels.tsv"
[ -x "$pickdoc" ] || { echo "eval.sh: $pickdoc is not executable" >&2; exit 2; }
command -v jq >/dev/null 2>&1 || { echo "eval.sh: jq is needed" >&2; exit 2; }
export LC_ALL=C NO_COLOR=1
unset PICKDOC_KB
status=0
work=$(mktemp -d "${TMPDIR:-/tmp}/pickdoc-eval.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
US=$(printf '\037')
RS=$(printf '\036')

for labels in "$@"; do
	base=$(cd "$(dirname "$labels")" && pwd)
	awk -F'\t' -v OFS="$US" '!/^#/ && NF >= 3 && $2 != "~" { print $1, $2, $3 }' "$labels" >"$work/rows"
	# One jq for all rows: per row an RS byte, the row's fields separated by US, a newline and
	# pickdoc's JSON (which cannot contain RS).
	while IFS=$US read -r file playbook subject; do
		printf '%s%s\n' "$RS" "$file$US$playbook$US$subject"
		(ulimit -t 20 && exec "$pickdoc" -f json "$base/$file") 2>/dev/null
	done <"$work/rows" >"$work/stream"
	jq -R -r -s '
		split("\u001e")[1:][] | split("\n") as $lines | ($lines[0] | split("\u001f")) as [$file, $playbook, $subject]
		| (try ($lines[1:] | join("\n") | fromjson) catch null) as $doc
		| ($playbook | split("|")[0]) as $truth
		| (if $doc == null then null else [$doc.findings[]? | select(.secondary != true)][0] end) as $p
		| (if $doc == null then "(no JSON)" elif $p == null then "-" else $p.playbook end) as $got
		| (if $p == null or $p.subject == null then "-" else ($p.subject | tostring) end) as $gots
		| ((($playbook | split("|")) | index([$got])) != null) as $right
		| ($right and ($truth == "-" or $subject == "*" or
			(($subject | split("|")) | index([$gots])) != null)) as $rights
		| ($file | capture("\\.py(?<v>[0-9]+\\.[0-9]+)") // {v: "other"}).v as $version
		| [$file, $truth, (if $right then 1 else 0 end), (if $rights then 1 else 0 end),
		   $got, $gots, $subject, $version] | @tsv' "$work/stream" >"$work/results"

	# table KEY-COLUMN TITLE: captures, right playbook, right subject per key; false
	# positives (findings of a playbook on captures that are not its own) per playbook.
	table() {
		awk -F'\t' -v key="$1" -v title="$2" '
		# Versions in numeric order (3.6 before 3.10), anything else by its text.
		function before(a, b,   x, y) {
			if (a ~ /^[0-9]+\.[0-9]+$/ && b ~ /^[0-9]+\.[0-9]+$/) {
				split(a, x, "."); split(b, y, ".")
				return x[1] + 0 < y[1] + 0 || (x[1] == y[1] && x[2] + 0 < y[2] + 0)
			}
			return a < b
		}
		{ k = $key; n[k]++; p[k] += $3; s[k] += $4; N++; P += $3; S += $4
		  if (!$3 && $5 != "-" && $5 != "(no JSON)") { fp[$5]++; FP++ } }
		END {
			printf "  %-20s %8s %16s %16s %8s\n", title, "captures", "right playbook",
				"right subject", (key == 2 ? "false +" : "")
			for (k in n) order[++m] = k
			for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++)
				if (before(order[j], order[i])) { t = order[i]; order[i] = order[j]; order[j] = t }
			for (i = 1; i <= m; i++) {
				k = order[i]
				printf "  %-20s %8d %9d %5.1f%% %9d %5.1f%%", (k == "-" ? "- (no finding)" : k),
					n[k], p[k], 100 * p[k] / n[k], s[k], 100 * s[k] / n[k]
				if (key == 2) printf " %8d", fp[k]
				printf "\n"
			}
			if (N) printf "  %-20s %8d %9d %5.1f%% %9d %5.1f%% %8s\n", "all", N, P, 100 * P / N,
				S, 100 * S / N, (key == 2 ? FP + 0 : "")
		}' "$work/results"
	}
	printf '%s (%s)\n' "$labels" "$(basename "$pickdoc")"
	table 2 playbook
	printf '\n'
	table 8 "python version"
	awk -F'\t' '!$4 { bad = 1 } END { exit bad }' "$work/results" || status=1
	if [ "$verbose" -eq 1 ]; then
		awk -F'\t' '$4 == 0 { printf "  miss %s: want %s %s, got %s %s\n", $1, $2, $7, $5, $6 }' "$work/results"
	fi
	cat "$work/results" >>"$work/all-results"
done
# The closing line: a capture passes with the right playbook and the right subject.
awk -F'\t' '{ if ($4) p++; else f++ } END { printf "%d passed, %d failed\n", p, f }' "$work/all-results"
exit $status
