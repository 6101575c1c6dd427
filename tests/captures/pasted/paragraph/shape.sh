#!/bin/sh
# Makes tests/corpus/pasted/paragraph/ from the real captures in raw/ (run.sh): each file is
# a part of a capture, cut and changed the way people paste it, between sentences of our
# own.  README.md says per file which capture and which change.
# Usage: tests/captures/pasted/paragraph/shape.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../../../corpus/pasted" && pwd)/paragraph
mkdir -p "$out"
raw=$here/raw

# The exception line of the last report in FILE whose type is TYPE, and its message: the
# indented and blank lines after it, trailing blank lines dropped.
exception_paragraph() { # file type
	awk -v t="$2" '
		index($0, t ":") == 1 { n = 0; keep = 1; lines[n++] = $0; next }
		keep && ($0 ~ /^[ \t]/ || $0 == "") { lines[n++] = $0; next }
		keep { keep = 0; last = n; for (i = 0; i < n; i++) saved[i] = lines[i] }
		END {
			if (keep) { last = n; for (i = 0; i < n; i++) saved[i] = lines[i] }
			while (last > 0 && saved[last - 1] ~ /^[ \t]*$/) last--
			for (i = 0; i < last; i++) print saved[i]
		}' "$1"
}

# The source line printed above that exception line (the frame's "raise ...").
raise_line() { # file type
	awk -v t="$2" 'index($0, t ":") == 1 { print prev } { prev = $0 }' "$1" | tail -n 1
}

# Standard input wrapped at WIDTH columns as a mail or a wiki comment wraps it: a longer line
# broken at its last blank before the margin, the blank left at the end of the first part.
wrap_at() { # width
	awk -v w="$1" '{
		line = $0
		while (length(line) > w) {
			cut = w
			while (cut > 1 && substr(line, cut, 1) != " ")
				cut--
			if (cut <= 1)
				break
			print substr(line, 1, cut)
			line = substr(line, cut + 1)
		}
		print line
	}'
}

# 1. The paragraph alone, as in an issue body: a sentence, the exception, a sentence.
{
	echo "Running the ingest script on my Windows laptop fails right away with this:"
	echo
	exception_paragraph "$raw/unguarded_start.py3.12.txt" RuntimeError
	echo
	echo "Same script works fine on the Linux server. Any idea?"
} >"$out/bootstrap-paragraph.py3.12.txt"

# 2. The paragraph indented two more blanks, as a list item or a quoted block renders it.
{
	echo "The worker never starts, the console shows:"
	echo
	exception_paragraph "$raw/unguarded_start.py3.8.txt" RuntimeError | sed 's/^/  /'
} >"$out/bootstrap-indented.py3.8.txt"

# 3. Copied from the middle of the last frame: its source line, then the exception.
{
	raise_line "$raw/unguarded_start.py3.8.txt" RuntimeError
	exception_paragraph "$raw/unguarded_start.py3.8.txt" RuntimeError
} >"$out/bootstrap-from-raise.py3.8.txt"

# The last line of FILE that starts with TYPE and a colon: an exception line.
exception_line() { # file type
	grep "^$2:" "$1" | tail -n 1
}

# 4. An issue title typed with a CJK input method: a full-width colon before the exception
#    line, curly quotes and full-width angle brackets inside it, a full-width comma after.
{
	printf '训练时报错：%s，求助\n' "$(exception_line "$raw/nested_worker.py3.12.txt" AttributeError |
		sed "s/'/’/g; s/</＜/g; s/>/＞/g")"
} >"$out/fullwidth-title.py3.12.txt"

# 5. The same exception line glued to a sentence by a full-width colon, quotes left ASCII.
{
	printf 'Pool.map 报错了：%s\n' "$(exception_line "$raw/nested_worker.py3.10.txt" AttributeError)"
	echo
	echo "Python 3.10, Ubuntu 22.04."
} >"$out/fullwidth-colon-glued.py3.10.txt"

# 6. The whole traceback as a web page's source shows it: < > " ' & as HTML references.
{
	echo "<p>Indexing the docs folder crashes:</p>"
	sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s/"/\&quot;/g; s/'"'"'/\&#39;/g' \
		"$raw/nested_worker.py3.12.txt"
	echo "<p>What am I missing?</p>"
} >"$out/html-entities.py3.12.txt"

# 7. A title retyped from the exception: the type glued to the first sentence of its
#    message, without the blank after the colon, the message's lines joined.
{
	exception_paragraph "$raw/unguarded_start.py3.8.txt" RuntimeError | awk '
		NR == 1 { sub(/: *$/, ":"); title = $0; next }
		/^[ \t]*$/ { exit }
		{ sub(/^[ \t]+/, ""); title = title (NR == 2 ? "" : " ") $0 }
		END { print title }'
} >"$out/glued-colon-title.py3.8.txt"

# 8. The child's traceback cut right after the first line of the exception's message.
{
	echo "Here is what the worker prints before it dies (the rest scrolled away):"
	echo
	awk '/^Traceback/ { on = 1 } on { print } on && prev ~ /^RuntimeError:/ { exit } { prev = $0 }' \
		"$raw/unguarded_start.py3.8.txt"
} >"$out/bootstrap-cut.py3.8.txt"

# 9. The traceback in a mail or a wiki comment wrapped at 72 columns: a long line broken at
#    its last blank before the margin, the blank left at the end of the first part.
{
	echo "Saving the checksum helper from the REPL session fails:"
	echo
	wrap_at 72 <"$raw/redefined_function.py3.11.txt"
} >"$out/wrapped-message.py3.11.txt"

# 10. The last frames and the exception flattened onto one line (a chat message or a
#     comment box joined the lines with blanks), quoted and in back-ticks.
{
	echo "Parallel scoring stopped with this ->"
	printf '> `%s`\n' "$(tail -n 5 "$raw/renamed_task.py3.8.txt" | sed 's/^ *//' | tr '\n' ' ' |
		sed 's/ $//')"
	echo "Is starmap not supported here?"
} >"$out/flattened-one-line.py3.8.txt"

# 11. The exception retyped as an issue title, the colon before "attribute lookup" lost.
{
	exception_line "$raw/renamed_task.py3.8.txt" _pickle.PicklingError | sed 's/>: attribute/> attribute/'
} >"$out/retyped-lost-colon.py3.8.txt"

# 12. The exception line inside a sentence in Chinese, the words before it glued to its type.
{
	printf '建索引的时候报错%s 有人遇到过吗\n' "$(exception_line "$raw/nested_worker.py3.10.txt" AttributeError)"
} >"$out/cjk-glued-prose.py3.10.txt"

# 13. The exception line retyped by hand in a sentence: lower case "can't", a blank typed
#     after the last dot of the qualified name.
{
	printf 'Hi, running the indexer gives %s, what should I change?\n' \
		"$(exception_line "$raw/nested_worker.py3.12.txt" AttributeError |
			sed "s/Can't/can't/; s/<locals>\\./<locals>. /")"
} >"$out/retyped-lowercase-spaced.py3.12.txt"

# 14. A thread's traceback through a Markdown renderer and back: lines shifted unevenly (the
#     first frame flush left, the others by three blanks, sources by five, the exception
#     line by one), and the dunders Markdown paired across lines half eaten
#     ("**bootstrap_inner", "__init**").
{
	echo "The pool hangs forever after this shows up:"
	awk '/^Exception in thread/ { on = 1 } on && NF == 0 { exit } on {
		if ($0 ~ /^  File /) { sub(/^ +/, frames++ ? "   " : "") }
		else if ($0 ~ /^    /) { sub(/^ +/, "     ") }
		else if ($0 ~ /^[A-Za-z]+Error:/) { $0 = " " $0 }
		sub(/in __bootstrap_inner/, "in **bootstrap_inner")
		sub(/__init__\(\)/, "__init**()")
		print
	}' "$raw/unrebuildable_error.py2.7.txt"
} >"$out/uneven-indent-markdown.py2.7.txt"

# 15. The message's paragraph without its exception line, in back-ticks after a sentence (an
#     inline code span opened on the first line, the paste cut before its end).
{
	echo "The notebook stops and prints this:"
	echo
	exception_paragraph "$raw/unguarded_start.py3.12.txt" RuntimeError | sed '1d' |
		sed '1s/^/`/' | head -n 9
} >"$out/bootstrap-no-type-backticks.py3.12.txt"

# 16. Only the last two lines of the message, then a progress bar: what was still on screen.
{
	exception_paragraph "$raw/unguarded_start.py3.8.txt" RuntimeError | tail -n 2
	printf ' 40%%|####      | 4/10 [00:02<00:03,  1.98it/s]\n'
} >"$out/bootstrap-tail-only.py3.8.txt"

# 17. A reply quoting the message with "> ", its first sentence replaced by our translation
#     into Chinese, the rest as printed.
{
	echo "> 你好，在 Windows 上运行会报错： 运行时错误：在当前进程完成引导阶段之前，尝试启动了新的进程。"
	echo ">"
	exception_paragraph "$raw/unguarded_start.py3.8.txt" RuntimeError | sed '1,4d' |
		sed 's/^        /    /; s/^\(.\)/> \1/; s/^$/>/'
	echo ">"
	echo "> 请问应该怎么改？"
} >"$out/bootstrap-translated-quoted.py3.8.txt"

# 18. The exception line alone in a mail wrapped at 60 columns, the blank left at the end of
#     the first part.
{
	echo "Hi all,"
	echo
	echo "since the upgrade the indexer fails at once with"
	echo
	exception_line "$raw/nested_worker.py3.10.txt" AttributeError | wrap_at 60
	echo
	echo "Thanks."
} >"$out/wrapped-lone-line.py3.10.txt"

# 19. The exception line quoted in an inline code span inside a sentence, cut before the
#     message's last word.
{
	printf '* Pickling a `Report` leads to `%s` error, even with protocol 4.\n' \
		"$(exception_line "$raw/open_file_task.py3.7.txt" TypeError | sed 's/ object$//')"
} >"$out/code-span-cut-word.py3.7.txt"

# 20. The exception line and its message with every line's indentation lost (a forum that
#     strips leading blanks), between sentences.
{
	echo "Got this when starting the script:"
	echo
	exception_paragraph "$raw/unguarded_start.py3.12.txt" RuntimeError | sed 's/^[ \t]*//'
	echo
	echo "No idea what freeze_support is."
} >"$out/bootstrap-flush-left.py3.12.txt"
