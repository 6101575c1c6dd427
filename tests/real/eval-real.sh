#!/bin/sh
# Accuracy of pickdoc on real pastes (text people posted in public issue threads, kept in
# ../shared/real-pastes, not in this repository).  For serialization/ it prints the score
# line, a table per family (the label's playbook) and a table per shape word; for adjacent/
# only its false positives (a finding of a playbook its label does not allow).
# Labels: file family subject python_version source shape.  `a|b`: either playbook is right;
# `none`: right when there is no primary finding; `none|x`: no finding or a finding of x.
# serialization/ was labelled before the kills had a playbook of their own: a `broken-pool`
# row answered `oom-killed` with a kill as printed (SIGKILL, -9, 137, Killed, oom) is a
# miss, as the labels say, and the count of such misses is printed beside the score.
# A subject is right when either string contains the other once spaces and surrounding
# quotes are dropped; it is scored on the positives whose playbook is right and whose label
# names a subject ("-" names none).
# adjacent/ is scored per id too: a row whose ids are none of `pickdoc --list`'s is "not yet"
# (counted and listed, not failed).  There a broken-pool finding on a positive row is a miss,
# not a false positive (broken-pool is the playbook of a death whose cause is not read); on a
# `none` row it is a false positive unless the label allows it.
# Usage: tests/real/eval-real.sh [-v] [PICKDOC] [REAL-PASTES-DIR] [FLOOR-FILE]
#   -v lists every miss.  Exits 1 when a score falls below the floor file's figures
#   (lines "playbook N", "subject N", "false_positives N" over both folders,
#   "adjacent_false_positives N", "adjacent_playbook N": percent right over all of adjacent/),
#   0 when the pastes are absent.
set -u
verbose=0
if [ "${1:-}" = -v ]; then verbose=1; shift; fi
here=$(cd "$(dirname "$0")" && pwd)
pickdoc=${1:-$here/../../pickdoc}
real=${2:-$here/../../../shared/real-pastes}
floor=${3:-$here/floor}
[ -x "$pickdoc" ] || { echo "eval-real.sh: $pickdoc is not executable" >&2; exit 2; }
if [ ! -f "$real/serialization/labels.tsv" ]; then
	echo "eval-real: no real pastes at $real (nothing to score)"
	exit 0
fi
command -v jq >/dev/null 2>&1 || { echo "eval-real.sh: jq is needed" >&2; exit 2; }
export LC_ALL=C NO_COLOR=1
unset PICKDOC_KB
work=$(mktemp -d "${TMPDIR:-/tmp}/pickdoc-eval-real.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
US=$(printf '\037')
RS=$(printf '\036')

# score DIR: one TSV row per labelled file in $work/DIR.results:
# file family right-playbook subject-scored right-subject got got-subject want-subject shape
score() {
	dir=$real/$1
	awk -F'\t' -v OFS="$US" 'NR > 1 && NF >= 3 { print $1, $2, $3, $6 }' "$dir/labels.tsv" >"$work/rows"
	while IFS=$US read -r file family subject shape; do
		printf '%s%s\n' "$RS" "$file$US$family$US$subject$US$shape"
		(ulimit -t 20 && exec "$pickdoc" -f json "$dir/$file") 2>/dev/null
	done <"$work/rows" >"$work/stream"
	jq -R -r -s --arg folder "$1" '
		def bare: gsub("\\s"; "") | ltrimstr("\"") | rtrimstr("\"") | ltrimstr("'"'"'") | rtrimstr("'"'"'") | ltrimstr("`") | rtrimstr("`");
		split("\u001e")[1:][] | split("\n") as $lines
		| ($lines[0] | split("\u001f")) as [$file, $family, $subject, $shape]
		| (try ($lines[1:] | join("\n") | fromjson) catch null) as $doc
		| (if $doc == null then null else [$doc.findings[]? | select(.secondary != true)][0] end) as $p
		| (if $doc == null then "(no-JSON)" elif $p == null then "none" else $p.playbook end) as $got
		| (if $p == null or $p.subject == null then "-" else ($p.subject | tostring) end) as $gots
		| (($family | split("|")) | index([$got]) != null) as $right
		| (($right | not) and ($family | split("|") | index(["broken-pool"]) != null)
			and $got == "oom-killed" and ($gots | test("SIGKILL|-9|137|Killed|oom"; "i"))) as $split
		| ($family | startswith("none") | not) as $positive
		| ($positive and $right and $subject != "-") as $scored
		| ($scored and ($gots | bare) as $g | ($subject | bare) as $w
			| ($g != "" and ($g | contains($w)) or ($w | contains($g)) and $g != "")) as $rights
		| [$file, $family, (if $right then 1 else 0 end), (if $scored then 1 else 0 end),
		   (if $rights then 1 else 0 end), $got, $gots, $subject, $shape,
		   (if $split then 1 else 0 end)] | @tsv' \
		"$work/stream" >"$work/$1.results"
}

# table KEY TITLE: positives, right playbook, subjects scored and right, false positives,
# per value of KEY: "family" (the label's first playbook) or "shape" (each word of it).
table() {
	awk -F'\t' -v key="$1" -v title="$2" '
	# Words that say nothing of a shape on their own.
	BEGIN { c = split(" and then with after before of in on the a to by no not plus only two", w, " ")
		for (i = 1; i <= c; i++) stop[w[i]] = 1 }
	function add(k) { n[k] += pos; p[k] += pos && $3; ss[k] += $4; s[k] += $5
		neg[k] += !pos; fp[k] += !pos && !$3 }
	{ pos = ($2 !~ /^none/)
	  if (key == "family") { split($2, f, "|"); add(f[1]) }
	  else { c = split($9, w, "-"); delete seen
		for (i = 1; i <= c; i++) if (!(w[i] in stop) && !(w[i] in seen)) { seen[w[i]] = 1; add(w[i]) } } }
	END {
		printf "  %-22s %9s %15s %15s %15s\n", title, "positives", "right playbook", "right subject", "false +"
		m = 0; for (k in n) order[++m] = k
		for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++)
			if (order[j] < order[i]) { t = order[i]; order[i] = order[j]; order[j] = t }
		for (i = 1; i <= m; i++) { k = order[i]
			printf "  %-22s %9d %9d %5s %9s %5s %9s %5s\n", k, n[k], p[k], pct(p[k], n[k]),
				s[k] "/" ss[k], pct(s[k], ss[k]), fp[k] "/" neg[k], "" }
	}
	function pct(a, b) { return b ? sprintf("%.0f%%", 100 * a / b) : "-" }' "$work/serialization.results"
}

score serialization
awk -F'\t' '
	{ pos = ($2 !~ /^none/); n += pos; p += pos && $3; ss += $4; s += $5; neg += !pos; fp += !pos && !$3 }
	END { printf "%d %d %d %d %d %d\n", n, p, ss, s, neg, fp }' "$work/serialization.results" >"$work/totals"
read -r n p ss s neg fp <"$work/totals"
# Misses that are a printed kill labelled broken-pool before ../playbooks.md filed kills
# under oom-killed: counted as misses (the labels as given), and said.
split_kills=$(awk -F'\t' '$10 == 1' "$work/serialization.results" | wc -l)
echo "real pastes, serialization/ ($(basename "$pickdoc")):"
table family family
echo
table shape "shape word"
echo
if [ -f "$real/adjacent/labels.tsv" ]; then
	score adjacent
	"$pickdoc" --list | awk '{ print $1 }' >"$work/ids"
	# file family right got got-subject want-subject, then "known" (1 when one of the
	# label's ids is in the knowledge base) and "fp" (a finding the label does not allow)
	awk -F'\t' -v OFS='\t' 'NR == FNR { known[$1] = 1; next }
		{ k = 0; c = split($2, f, "|"); for (i = 1; i <= c; i++) if (f[i] in known || f[i] == "none") k = 1
		  pos = ($2 !~ /^none/)
		  fp = !$3 && $6 != "none" && !(pos && $6 == "broken-pool")
		  print $1, $2, $3, $6, $7, $8, k, fp, $4, $5 }' "$work/ids" "$work/adjacent.results" >"$work/adj"
	echo "real pastes, adjacent/ (right playbook per id; \"not yet\": no id of the label in the knowledge base):"
	awk -F'\t' '
	{ split($2, f, "|"); id = f[1]; n[id]++; ids[id] = 1
	  if (!$7) ny[id]++; else { p[id] += $3; ss[id] += $9; s[id] += $10 }; fp[id] += $8 }
	END {
		printf "  %-22s %5s %7s %15s %15s %8s\n", "id", "rows", "not yet", "right playbook", "right subject", "false +"
		m = 0; for (k in ids) order[++m] = k
		for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++)
			if (order[j] < order[i]) { t = order[i]; order[i] = order[j]; order[j] = t }
		for (i = 1; i <= m; i++) { k = order[i]; sc = n[k] - ny[k]
			printf "  %-22s %5d %7d %9s %5s %9s %5s %8d\n", k, n[k], ny[k],
				sc ? p[k] + 0 "/" sc : "-", pct(p[k], sc), s[k] + 0 "/" ss[k] + 0, pct(s[k], ss[k]), fp[k] }
	}
	function pct(a, b) { return b ? sprintf("%.0f%%", 100 * a / b) : "-" }' "$work/adj"
	afp=$(awk -F'\t' '$8 { c++ } END { print c + 0 }' "$work/adj")
	an=$(wc -l <"$work/adj")
	# right playbook over every row, those whose id is not in the knowledge base as misses
	ap=$(awk -F'\t' '$7 && $3 { c++ } END { print NR ? int(100 * c / NR) : 100 }' "$work/adj")
	awk -F'\t' '$7 { n++; p += $3 } !$7 { ny++; if (!(($2 " ") in seen)) { seen[$2 " "] = 1; l = l " " $2 } }
		END { printf "adjacent/: right playbook %d/%d (%s) where the label'"'"'s id is known; not yet %d:%s\n",
			p, n, n ? sprintf("%.0f%%", 100 * p / n) : "-", ny, l }' "$work/adj"
	echo "adjacent/: $afp false positives of $an (a finding its label does not allow)"
	[ "$verbose" -eq 1 ] && awk -F'\t' '$8 { printf "  false + %s: want %s, got %s %s\n", $1, $2, $4, $5 }
		$7 && !$8 && !$3 { printf "  miss %s: want %s %s, got %s %s\n", $1, $2, $6, $4, $5 }' "$work/adj"
else
	afp=0 ap=100
fi
if [ "$verbose" -eq 1 ]; then
	awk -F'\t' '!$3 || ($4 && !$5) { printf "  miss %s: want %s %s, got %s %s\n", $1, $2, $8, $6, $7 }' \
		"$work/serialization.results"
fi
pp=$((100 * p / n)); sp=$((ss ? 100 * s / ss : 100)); allfp=$((fp + afp))
echo "real pastes: playbook $p/$n ($pp%), subject $s/$ss ($sp%), false positives $allfp ($fp/$neg + adjacent $afp)"
[ "$split_kills" -gt 0 ] && echo "  of the playbook misses, $split_kills are printed kills labelled broken-pool, now oom-killed by ../playbooks.md"
status=0
if [ -f "$floor" ]; then
	while read -r what min; do
		case $what in
		playbook) [ "$pp" -ge "$min" ] || { echo "eval-real: playbook $pp% is below the floor $min%"; status=1; } ;;
		subject) [ "$sp" -ge "$min" ] || { echo "eval-real: subject $sp% is below the floor $min%"; status=1; } ;;
		false_positives) [ "$allfp" -le "$min" ] || { echo "eval-real: $allfp false positives, the ceiling is $min"; status=1; } ;;
		adjacent_false_positives) [ "$afp" -le "$min" ] || { echo "eval-real: $afp false positives on adjacent/, the ceiling is $min"; status=1; } ;;
		adjacent_playbook) [ "$ap" -ge "$min" ] || { echo "eval-real: adjacent/ right playbook $ap% is below the floor $min%"; status=1; } ;;
		esac
	done <"$floor"
fi
exit $status
