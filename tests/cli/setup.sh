# Sourced by the CLI test scripts: a fixed locale, time zone and colour setting, a throw-away
# HOME and work directory (removed on exit), the paths every test uses, and the pass, fail
# and excerpt every suite reports with.
LC_ALL=C
TZ=UTC
NO_COLOR=1
export LC_ALL TZ NO_COLOR
unset PICKDOC_KB LANG LC_CTYPE

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CORPUS=$ROOT/tests/corpus
PICKDOC=${PICKDOC:-$ROOT/pickdoc}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/pickdoc-cli.XXXXXX") || exit 2
HOME=$WORK/home
mkdir -p "$HOME"
export HOME
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

# Every run of the binary is bounded, so a hang fails its test instead of the whole suite.
TIMEOUT=${PICKDOC_TEST_TIMEOUT:-20}
pickdoc() {
	timeout "$TIMEOUT" "$PICKDOC" "$@"
}

# The counts every suite ends with ("N passed, M failed").
passed=0
failed=0

pass() {
	passed=$((passed + 1))
}

# fail NAME [EXPLANATION...]: the explanation lines are indented under the name.
fail() {
	failed=$((failed + 1))
	printf 'FAIL %s\n' "$1"
	shift
	for fail_text in "$@"; do
		printf '%s\n' "$fail_text" | sed 's/^/    /'
	done
}

# excerpt FILE LABEL: the first lines of an output for a failure message (the last ones
# when EXCERPT_END=tail).
excerpt() {
	if [ -s "$1" ]; then
		printf '%s:\n' "$2"
		"${EXCERPT_END:-head}" -n 12 "$1" | cut -c1-200 | sed 's/^/  | /'
	else
		printf '%s: (empty)\n' "$2"
	fi
}
