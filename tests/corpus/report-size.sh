#!/bin/sh
# How long the default text report is: over every capture labelled in a labels file, the
# lines each finding takes (from its heading to its last line, blank lines inside counted),
# printed as one line: "report size: median N, max M lines per finding over K findings".
# A measure, not a test: it fails only when the binary or a file cannot be run.
# Usage: tests/corpus/report-size.sh [PICKDOC] [LABELS.tsv]
#   default PICKDOC: ./pickdoc; default LABELS: tests/corpus/labels.tsv
set -u
here=$(cd "$(dirname "$0")" && pwd)
pickdoc=${1:-$here/../../pickdoc}
labels=${2:-$here/labels.tsv}
[ -x "$pickdoc" ] || { echo "report-size.sh: $pickdoc is not executable" >&2; exit 2; }
export LC_ALL=C NO_COLOR=1
unset PICKDOC_KB
base=$(cd "$(dirname "$labels")" && pwd)

awk -F'\t' '!/^#/ && NF >= 3 { print $1 }' "$labels" | while IFS= read -r f; do
	"$pickdoc" "$base/$f" 2>/dev/null
	[ $? -le 1 ] || echo "report-size.sh: $f: pickdoc failed" >&2
	echo "@@end"
done | awk '
	# A finding starts at its heading ("id — title") and ends before the next heading, the
	# undiagnosed list, the summary or the input'"'"'s end; trailing blank lines are not its.
	function close_block() { if (n) print len; n = 0 }
	/^[a-z0-9-]+ \xe2\x80\x94 / { close_block(); n = 1; len = 1; blank = 0; next }
	/^(@@end|Not diagnosed|[0-9]+ failures? diagnosed|More:)/ { close_block(); next }
	n && /^$/ { blank++; next }
	n { len += blank + 1; blank = 0 }
	END { close_block() }' | sort -n | awk '
	{ v[NR] = $1 }
	END {
		if (!NR) { print "report size: no findings"; exit }
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "report size: median %s, max %d lines per finding over %d findings\n", m, v[NR], NR
	}'
