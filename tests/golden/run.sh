#!/bin/sh
# The golden files: every report of the inputs listed in tests/golden/inputs, in every mode
# below, pinned whole (as mandoc's regress/ pins its output) and compared with diff -u, the
# diff shown on failure.  Knows the command line and the file layout, nothing of the reports.
# A golden file that no (input, mode) produces is stale and fails too.
# Usage: PICKDOC=path/to/pickdoc tests/golden/run.sh [--regen]
#   --regen   rewrites every golden file from the binary (read the diff before committing)
. "$(dirname "$0")/../cli/setup.sh"

GOLDEN=$ROOT/tests/golden
# A log without timestamps is dated by the clock; this fixed time stands for it.
SOURCE_DATE_EPOCH=1767225600
export SOURCE_DATE_EPOCH
regen=no
[ "${1:-}" = --regen ] && regen=yes

# The modes: the golden file's suffix, then pickdoc's options.  Runs happen from the root with
# the input's relative path, so no report holds a path of this machine.
MODES='text	-f text --color=never
full	-f text --full --color=never
md	-f markdown
json	-f json
records	--dump=records'

if [ ! -x "$PICKDOC" ]; then
	fail "binary" "$PICKDOC is not an executable file (build it with make, or set PICKDOC)"
	printf '%d passed, %d failed\n' "$passed" "$failed"
	exit 1
fi

: >"$WORK/expected"
cd "$ROOT" || exit 2
sed -e 's/[[:space:]]*#.*//' -e '/^$/d' "$GOLDEN/inputs" >"$WORK/inputs"
while IFS= read -r input; do
	if [ ! -f "$input" ]; then
		fail "golden $input" "the input listed in tests/golden/inputs does not exist"
		continue
	fi
	name=$(basename "$input")
	name=${name%.*}
	while IFS='	' read -r mode options; do
		golden=$name.out_$mode
		echo "$golden" >>"$WORK/expected"
		# shellcheck disable=SC2086 # the options are several words
		pickdoc $options "$input" >"$WORK/out" 2>"$WORK/err"
		rc=$?
		if [ "$rc" -gt 1 ]; then
			fail "golden $golden" "pickdoc $options $input: exit status $rc" \
				"$(excerpt "$WORK/err" stderr)"
		elif [ "$regen" = yes ]; then
			cp "$WORK/out" "$GOLDEN/$golden"
			pass
		elif [ ! -f "$GOLDEN/$golden" ]; then
			fail "golden $golden" "no golden file: run make regen and read what it wrote"
		elif diff -u -L "tests/golden/$golden" -L "(new output)" "$GOLDEN/$golden" \
			"$WORK/out" >"$WORK/diff"; then
			pass
		else
			fail "golden $golden" "pickdoc $options $input differs from tests/golden/$golden:" \
				"$(cat "$WORK/diff")"
		fi
	done <<MODES
$MODES
MODES
done <"$WORK/inputs"

for file in "$GOLDEN"/*.out_*; do
	[ -e "$file" ] || continue
	golden=$(basename "$file")
	grep -Fqx -- "$golden" "$WORK/expected" && continue
	if [ "$regen" = yes ]; then
		rm -f "$file"
	else
		fail "golden $golden" "stale: no input and mode of tests/golden/inputs produces it"
	fi
done

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
