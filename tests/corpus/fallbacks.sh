#!/bin/sh
# How many findings show a placeholder where a fact was missing: runs the binary on every
# labelled capture (rows labelled "~" left out) and prints one line, the findings whose
# JSON lists "placeholders" over all findings. With -m MARKER it counts instead the findings
# whose report holds MARKER anywhere, which measures a binary that has no "placeholders"
# field: give it (-k DIR) copies of the playbooks whose every fallback is MARKER.
# Usage: tests/corpus/fallbacks.sh [-k DIR] [-m MARKER] [PICKDOC] [LABELS.tsv...]
#   default PICKDOC: ./pickdoc; default LABELS: tests/corpus/labels.tsv
set -u
kb= marker=
while getopts k:m: o; do
	case $o in
	k) kb=$OPTARG ;;
	m) marker=$OPTARG ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
here=$(cd "$(dirname "$0")" && pwd)
pickdoc=${1:-$here/../../pickdoc}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- "$here/labels.tsv"
[ -x "$pickdoc" ] || { echo "fallbacks.sh: $pickdoc is not executable" >&2; exit 2; }
command -v jq >/dev/null 2>&1 || { echo "fallbacks.sh: jq is needed" >&2; exit 2; }
export LC_ALL=C NO_COLOR=1
unset PICKDOC_KB

for labels in "$@"; do
	base=$(cd "$(dirname "$labels")" && pwd)
	awk -F'\t' '!/^#/ && NF >= 3 && $2 != "~" { print $1 }' "$labels" |
	while IFS= read -r file; do
		(ulimit -t 20 && exec "$pickdoc" ${kb:+--kb "$kb"} -f json "$base/$file") 2>/dev/null
	done
done | jq -r -n --arg marker "$marker" '
	[inputs | .findings[]?
	 | if $marker == "" then (.placeholders // [] | length > 0)
	   else ([.. | strings | select(contains($marker))] | length > 0) end]
	| "placeholders: \(map(select(.)) | length) of \(length) findings show one (\(if $marker == "" then "\"placeholders\"" else "marker \($marker)" end))"'
