# Sourced by the CLI test scripts: a fixed locale, time zone and colour setting, a throw-away
# HOME and work directory (removed on exit), and the paths every test uses.
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

