#!/bin/sh
# The pickle-messages catalogue as a checklist: feeds every row of catalogue/messages.tsv
# (one wording of /work/shared/reference/pickle-messages.md per row, see catalogue/README.md)
# to pickdoc -f json and checks the primary finding's playbook and subject. Prints a FAIL line
# per miss and "N passed, N failed" alone on the last line; exits 1 when a row failed.
# Usage: tests/corpus/catalogue.sh [PICKDOC]   (default ./pickdoc)
set -u
here=$(cd "$(dirname "$0")" && pwd)
pickdoc=${1:-$here/../../pickdoc}
rows=$here/catalogue/messages.tsv
[ -x "$pickdoc" ] || { echo "catalogue.sh: $pickdoc is not executable" >&2; exit 2; }
command -v jq >/dev/null 2>&1 || { echo "catalogue.sh: jq is needed" >&2; exit 2; }
export LC_ALL=C NO_COLOR=1
unset PICKDOC_KB
work=$(mktemp -d "${TMPDIR:-/tmp}/pickdoc-catalogue.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
TAB=$(printf '\t')
passed=0
failed=0
# The message column is the exception line itself, or file:NAME.txt for a row that needs its
# context lines (notes, a carrier, the frames that show a load).
while IFS=$TAB read -r section message playbook subject; do
	case $section in '#'* | '') continue ;; esac
	case $message in
	file:*) input=$here/catalogue/${message#file:} ;;
	*) input=$work/row.txt; printf '%s\n' "$message" >"$input" ;;
	esac
	got=$( (ulimit -t 20 && exec "$pickdoc" -f json "$input") 2>/dev/null |
		jq -r '[.findings[]? | select(.secondary != true)][0] as $p
			| if $p == null then "-\t-" else "\($p.playbook)\t\($p.subject // "-")" end' 2>/dev/null)
	[ -n "$got" ] || got="(no JSON)$TAB-"
	got_playbook=${got%%"$TAB"*}
	got_subject=${got#*"$TAB"}
	ok=no
	case "|$playbook|" in *"|$got_playbook|"*) ok=yes ;; esac
	if [ $ok = yes ] && [ "$got_playbook" != - ] && [ "$subject" != '*' ]; then
		case "|$subject|" in *"|$got_subject|"*) ;; *) ok=no ;; esac
	fi
	if [ $ok = yes ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		printf 'FAIL %s: %s\n     want %s %s, got %s %s\n' "$section" "$message" \
			"$playbook" "$subject" "$got_playbook" "$got_subject"
	fi
done <"$rows"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
