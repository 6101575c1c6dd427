#!/bin/sh
# make install and make uninstall into a scratch DESTDIR: the program, the man page, and the
# knowledge base's YAML and README under PREFIX/share/pickdoc/knowledge/, from which an
# installed user copies a playbook, changes it and loads it with -k; uninstall leaves
# nothing behind.  Prints "N passed, M failed".
# Usage: MAKE=make tests/cli/install.sh   (run by make cli)
. "$(dirname "$0")/setup.sh"

DEST=$WORK/dest
PREFIX=/usr/local
KB=$DEST$PREFIX/share/pickdoc/knowledge
make=${MAKE:-make}

if ! $make --no-print-directory -s -C "$ROOT" install DESTDIR="$DEST" PREFIX="$PREFIX" \
	>"$WORK/out" 2>&1; then
	fail "make install" "$(excerpt "$WORK/out" output)"
fi
installed=$DEST$PREFIX/bin/pickdoc
: >"$WORK/problems"
for f in "$installed" "$DEST$PREFIX/share/man/man1/pickdoc.1" "$KB/README.md"; do
	[ -f "$f" ] || echo "not installed: ${f#"$DEST"}" >>"$WORK/problems"
done
for f in "$ROOT"/knowledge/*.yaml; do
	cmp -s "$f" "$KB/$(basename "$f")" ||
		echo "not installed as it is: knowledge/$(basename "$f")" >>"$WORK/problems"
done
if [ ! -s "$WORK/problems" ]; then pass; else
	fail "make install DESTDIR=... installs the program, its man page and its knowledge base" \
		"$(cat "$WORK/problems")"
fi

# The installed program prints a built-in playbook as the installed file holds it.
if "$installed" --show lambda --format=yaml >"$WORK/out" 2>"$WORK/err" &&
	cmp -s "$WORK/out" "$KB/lambda.yaml"; then pass; else
	fail "--show lambda --format=yaml is the installed lambda.yaml" "$(excerpt "$WORK/err" stderr)"
fi

# A copy of an installed playbook, changed, overrides the built-in one with -k.
mkdir "$WORK/mine"
sed 's/^title: .*/title: My own lambda playbook/' "$KB/lambda.yaml" >"$WORK/mine/lambda.yaml"
if "$installed" -k "$WORK/mine" --list >"$WORK/out" 2>"$WORK/err" &&
	grep -q 'My own lambda playbook' "$WORK/out" &&
	"$installed" -k "$WORK/mine" -b "$ROOT/tests/corpus/reference/lambda.py3.12.txt" \
		>"$WORK/out" 2>>"$WORK/err" && grep -q 'My own lambda playbook' "$WORK/out"; then
	pass
else
	fail "an installed playbook copied, changed and loaded with -k" \
		"$(excerpt "$WORK/out" stdout)" "$(excerpt "$WORK/err" stderr)"
fi

if ! $make --no-print-directory -s -C "$ROOT" uninstall DESTDIR="$DEST" PREFIX="$PREFIX" \
	>"$WORK/out" 2>&1; then
	fail "make uninstall" "$(excerpt "$WORK/out" output)"
elif [ -n "$(find "$DEST" -type f)" ] || [ -d "$DEST$PREFIX/share/pickdoc" ]; then
	fail "make uninstall removes what make install installed" "left: $(find "$DEST" -type f -o -type d -name pickdoc)"
else
	pass
fi

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
