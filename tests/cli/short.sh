#!/bin/sh
# The report's forms: the short text report by default (about a screen per concluded finding,
# its sections in order, one closing line saying how to get the rest), the whole one with
# --full, and in every format one fix, no step twice, and the causes the decision tree ruled
# out marked. Runs the examples and the first labelled capture of each playbook.
# Usage: PICKDOC=path/to/pickdoc tests/cli/short.sh   (POSIX sh, jq, awk)
. "$(dirname "$0")/setup.sh"

SHORT_MAX=40

# The inputs: the examples, then one capture per playbook (the first row naming it alone).
{
	ls "$ROOT"/examples/*.log
	awk -F'\t' '!/^#/ && $2 ~ /^[a-z][a-z0-9-]*$/ && !seen[$2]++ { print "'"$CORPUS"'/" $1 }' \
		"$CORPUS/labels.tsv"
} >"$WORK/inputs"

# blocks FILE: each finding of a text report as "N LINES CONCLUDED", N its number.
blocks() {
	awk '/^[a-z0-9-]+ \xe2\x80\x94 / { if (n) print n, len, c; n++; len = 0; c = 0; blank = 0 }
	     n && /^$/ { blank++; next }
	     n && /^[0-9]+ failures? diagnosed/ { print n, len, c; n = 0; next }
	     n { len += blank + 1; blank = 0 }
	     n && /^Conclusion$/ { c = 1 }
	     END { if (n) print n, len, c }' "$1"
}

# headings FILE: the section headings of a text report, in order, one line.
headings() {
	grep -E '^[A-Z][a-z]+( [a-z]+)*$' "$1" | tr '\n' '|'
}

while IFS= read -r f; do
	name=${f#"$ROOT"/}
	pickdoc "$f" >"$WORK/short" 2>/dev/null
	pickdoc --full "$f" >"$WORK/full" 2>/dev/null
	pickdoc -f json "$f" >"$WORK/json" 2>/dev/null
	pickdoc -f markdown "$f" >"$WORK/md" 2>/dev/null
	nfind=$(jq '.findings | length' "$WORK/json")
	[ "$nfind" -gt 0 ] || { fail "$name" "expected a finding"; continue; }

	# A concluded finding fits on a screen.
	blocks "$WORK/short" >"$WORK/blocks"
	long=$(awk -v max=$SHORT_MAX '$3 && $2 > max { print "finding " $1 ": " $2 " lines" }' \
		"$WORK/blocks")
	if [ -z "$long" ]; then pass; else
		fail "short form of $name" "a concluded finding takes at most $SHORT_MAX lines" \
			"$long" "$(excerpt "$WORK/short" stdout)"
	fi

	# The short form's sections, in order, and none of the rest.
	h=$(headings "$WORK/short")
	if printf '%s\n' "$h" | grep -Eq '^((Conclusion|Likely causes|Answered so far|Still to find out|Your line|First steps|Fix|Verify)\|)+$' &&
		printf '%s\n' "$h" | tr '|' '\n' | awk '
			{ r = /^(Conclusion|Likely causes|Answered so far|Still to find out)$/ ? 1 :
			      $0 == "Your line" ? 2 : $0 == "First steps" ? 3 : $0 == "Fix" ? 4 : 5 }
			/^(Conclusion|Likely causes)$/ { last = 0 }
			r < last { bad = 1 } { last = r } END { exit bad }'; then pass; else
		fail "sections of the short form of $name" \
			"expected the answer, your line, first steps, fix, verify, in order" "got: $h"
	fi

	# One closing line per run, naming --full and --show.
	n=$(grep -c '^More: pickdoc --full' "$WORK/short")
	if [ "$n" -eq 1 ] && grep -q -- '--show=' "$WORK/short" &&
		! grep -q '^More:' "$WORK/full"; then pass; else
		fail "closing line of $name" "expected one 'More: pickdoc --full' line in the short form" \
			"and none with --full; got $n"
	fi

	# --full has every section, in order, for each finding.
	h=$(headings "$WORK/full")
	if printf '%s\n' "$h" | grep -Eq 'What it means\|Evidence\|Likely causes\|(Conclusion|Answered so far\|Still to find out|Still to find out)\|First ten minutes\|Where to look\|Fix\|Verify\|What makes it worse'; then
		pass
	else
		fail "sections of --full for $name" "expected every section in order" "got: $h"
	fi

	# One fix per finding, the leading cause's, in every format; no step twice.
	if jq -e '[.findings[] | (.fix | length == 1) and
		  ([.fix, .first_ten_minutes, .where_to_look, [.verify[].run], .worse][] |
		   length == (unique | length))] | all' "$WORK/json" >/dev/null; then pass; else
		fail "fix and steps of $name (json)" "expected one fix per finding and no item twice" \
			"$(jq -c '[.findings[] | .fix | length]' "$WORK/json")"
	fi
	for form in short full md; do
		counts=$(awk '/^(### )?Fix$/ { on = 1; n = 0; next }
			on && /^(  )?- / { n++ } on && /^(### |[A-Z])/ && !/^(### )?Fix$/ { print n; on = 0 }
			END { if (on) print n }' "$WORK/$form" | sort -u | tr '\n' ' ')
		dups=$(grep -E '^(  )?(- |[0-9]+\. )' "$WORK/$form" | sort | uniq -d | head -3)
		if [ "$counts" = "1 " ] && [ -z "$dups" ]; then pass; else
			fail "fix and steps of $name ($form)" \
				"expected one fix item under each Fix and no item twice" \
				"fix items per finding: $counts" "repeated: $dups"
		fi
	done

	# The causes the tree ruled out are marked wherever causes are listed, and the short
	# form lists none of them.
	out=$(jq '[.findings[].causes[] | select(.ruled_out)] | length' "$WORK/json")
	nfull=$(grep -c "ruled out by the decision tree's answers" "$WORK/full")
	nmd=$(grep -c "ruled out by the decision tree's answers" "$WORK/md")
	nshort=$(grep -c "ruled out by the decision tree's answers" "$WORK/short")
	if [ "$out" -eq "$nfull" ] && [ "$out" -eq "$nmd" ] && [ "$nshort" -eq 0 ]; then pass; else
		fail "ruled-out causes of $name" \
			"json has $out, --full marks $nfull, markdown $nmd, the short form lists $nshort"
	fi
done <"$WORK/inputs"

# The scraper example's tree concludes nested-function: every other cause it can reach is
# ruled out, in JSON, and the short form's fix is nested-function's own.
pickdoc -f json "$ROOT/examples/scraper-pool.log" >"$WORK/json"
pickdoc -f json --show=local-object >"$WORK/pb"
if jq -e '.findings[0] | .conclusion == "nested-function" and
	  ([.causes[] | select(.id != "nested-function") | .ruled_out] | all) and
	  ([.causes[] | select(.id == "nested-function") | .ruled_out] == [false])' \
	"$WORK/json" >/dev/null &&
	jq -e --slurpfile pb "$WORK/pb" '.findings[0].fix[0] | startswith(($pb[0].causes[] |
	  select(.id == "nested-function") | .fix | split("{{")[0]))' "$WORK/json" >/dev/null; then
	pass
else
	fail "scraper-pool: ruled out and the conclusion's fix" "$(jq -c '.findings[0] | [.conclusion, .fix]' "$WORK/json")"
fi

# --follow writes each finding in the short form and the closing line once, at the end;
# --brief has none.
pickdoc --follow <"$ROOT/examples/spawn-no-guard.log" >"$WORK/follow" 2>/dev/null
pickdoc --brief "$ROOT/examples/spawn-no-guard.log" >"$WORK/brief" 2>/dev/null
if [ "$(grep -c '^More: pickdoc --full' "$WORK/follow")" -eq 1 ] &&
	tail -n 2 "$WORK/follow" | grep -q '^More: pickdoc --full' &&
	grep -q '^First steps$' "$WORK/follow" && ! grep -q '^What it means$' "$WORK/follow" &&
	! grep -q '^More:' "$WORK/brief"; then pass; else
	fail "--follow and --brief" "expected the short form and one closing line at the end with" \
		"--follow, none with --brief" "$(EXCERPT_END=tail excerpt "$WORK/follow" stdout)"
fi

# The README's example is the binary's output, whole (regenerate it from the binary when a
# change to the report or the knowledge base moves it).
(cd "$ROOT" && pickdoc examples/scraper-pool.log && echo && echo '$ ./pickdoc --brief examples/*.log' &&
	pickdoc --brief examples/*.log) >"$WORK/want" 2>/dev/null
awk '$0 == "$ ./pickdoc examples/scraper-pool.log" { on = 1; next } on && /^```$/ { exit } on' \
	"$ROOT/README.md" >"$WORK/readme"
if diff -u "$WORK/readme" "$WORK/want" >"$WORK/diff"; then pass; else
	fail "README's example" "differs from the binary's output (README first):" "$(head -40 "$WORK/diff")"
fi

# The README's list of playbooks is the binary's.
pickdoc --list >"$WORK/want" 2>/dev/null
awk '$0 == "$ ./pickdoc --list" { on = 1; next } on && /^```$/ { exit } on' \
	"$ROOT/README.md" >"$WORK/readme"
if [ -s "$WORK/want" ] && diff -u "$WORK/readme" "$WORK/want" >"$WORK/diff"; then pass; else
	fail "README's playbooks" "differ from pickdoc --list (README first):" "$(head -40 "$WORK/diff")"
fi

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
