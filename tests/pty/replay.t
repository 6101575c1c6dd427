# Answers without a person (--answer, --answers, --no-input), and -i where there is no
# terminal: run with no controlling terminal and stdin on /dev/null; stdout and stderr go
# to $TMP/stdout and $TMP/stderr.  Format in README.md.

case --no-input stops at the ranked causes; the JSON path says who answered and by which rule
notty
run -f json --no-input --kb tests/pty/kb tests/pty/data/round.log
exit 0
sh jq -e '.findings[0] | .conclusion == null and .next_question == "source" and .questions == [{"id":"shape","ask":"What shape is the widget?","why":"round and square widgets fail for different reasons","fact":"shape","answer":"round","answered_by":"log","because":"tests/pty/kb/pty-frob.yaml:15: the widget'"'"'s name starts with round","log_answer":null},{"id":"source","ask":"Where did the widget come from?","why":"a widget from the cache may be stale","fact":"source","answer":null,"answered_by":null,"because":null,"log_answer":null}]' $TMP/stdout >/dev/null

case --answer replays the tree to its conclusion, with or without -i
notty
run -f json --kb tests/pty/kb --answer source=fresh --answer frobber=new tests/pty/data/round.log
exit 0
sh jq -e '.findings[0] | .conclusion == "round-hole" and .next_question == null and ([.questions[] | [.id, .answer, .answered_by]] == [["shape","round","log"],["source","fresh","you"],["frobber","new","you"]])' $TMP/stdout >/dev/null
sh jq -e '.findings[0].evidence[] | select(.fact == "source") | .source == "answered by you (--answer)" and .line == null' $TMP/stdout >/dev/null
run -i -f json --kb tests/pty/kb --answer source=fresh --answer frobber=new tests/pty/data/round.log
exit 0
sh jq -e '.findings[0].conclusion == "round-hole"' $TMP/stdout >/dev/null

case an answer replaces what the log said; a later one replaces an earlier
notty
run -f json --kb tests/pty/kb --answer shape=round --answer shape=square tests/pty/data/round.log
exit 0
sh jq -e '.findings[0] | .conclusion == "square-peg" and .questions[0].answered_by == "you" and .facts.shape == "square" and .causes[0].id == "square-peg"' $TMP/stdout >/dev/null

case --answers reads a YAML map, PLAYBOOK/QUESTION keys too; --answer wins over it
sh printf 'source: fresh\npty-frob/frobber: "old"\n' > $TMP/runbook.yaml
notty
run -f json --kb tests/pty/kb --answers $TMP/runbook.yaml tests/pty/data/round.log
exit 0
sh jq -e '.findings[0] | .conclusion == "old-frobber" and (.evidence[] | select(.fact == "frobber") | .source | endswith("runbook.yaml:2)"))' $TMP/stdout >/dev/null
run -f json --kb tests/pty/kb --answers $TMP/runbook.yaml --answer frobber=new tests/pty/data/round.log
exit 0
sh jq -e '.findings[0].conclusion == "round-hole"' $TMP/stdout >/dev/null

case text and Markdown mark the answers a person gave
notty
run --kb tests/pty/kb --answer source=cache tests/pty/data/round.log
exit 0
expect Conclusion
expect Where did the widget come from? → from the cache (answered by you)
run -f markdown --kb tests/pty/kb --answer source=cache tests/pty/data/round.log
exit 0
expect from the cache *(answered by you)*
run --kb tests/pty/kb --no-input tests/pty/data/plain.log
exit 0
expect Still to find out
absent Answered so far

case the answers so far are listed when the tree is not concluded
notty
run --kb tests/pty/kb --answer source=fresh tests/pty/data/round.log
exit 0
expect Answered so far
expect What shape is the widget? → round
expect Where did the widget come from? → freshly made (answered by you)
expect Still to find out
expect Is the frobber older than version 2?

case an answer to a question no playbook asks is a usage error
notty
run --kb tests/pty/kb --answer no-such-question=yes tests/pty/data/round.log
exit 2
expect pickdoc: --answer no-such-question=yes: no question 'no-such-question' in the knowledge base
run --kb tests/pty/kb --answer no-playbook/source=cache tests/pty/data/round.log
exit 2
expect no playbook 'no-playbook'
run --kb tests/pty/kb --answer source tests/pty/data/round.log
exit 2
expect expected QUESTION=ANSWER

case an answer that is not one of the question's is a usage error naming the valid ones
notty
run --kb tests/pty/kb --answer source=attic tests/pty/data/round.log
exit 2
expect 'attic' is not an answer to 'source' (cache, fresh, or skip)
sh printf 'shape: round\nsource: attic\n' > $TMP/bad.yaml
run --kb tests/pty/kb --answers $TMP/bad.yaml tests/pty/data/round.log
exit 2
expect bad.yaml:2:9: error: 'attic' is not an answer to 'source' (cache, fresh, or skip)

case a broken answers file is reported at its line and column
sh printf 'source: cache\nsource: fresh\n' > $TMP/twice.yaml
sh printf 'source: [cache]\n' > $TMP/list.yaml
sh printf -- '- source\n' > $TMP/seq.yaml
sh printf 'source: cache\n  oops: : x\n' > $TMP/syntax.yaml
notty
run --kb tests/pty/kb --answers $TMP/twice.yaml tests/pty/data/round.log
exit 2
expect twice.yaml:2:1: error: question 'source' is answered twice (first at line 1)
run --kb tests/pty/kb --answers $TMP/list.yaml tests/pty/data/round.log
exit 2
expect list.yaml:1:9: error: an answer must be a plain value
run --kb tests/pty/kb --answers $TMP/seq.yaml tests/pty/data/round.log
exit 2
expect seq.yaml:1:1: error: expected a map of question: answer
run --kb tests/pty/kb --answers $TMP/syntax.yaml tests/pty/data/round.log
exit 2
expect syntax.yaml:2:
run --kb tests/pty/kb --answers $TMP/no-such-file.yaml tests/pty/data/round.log
exit 2
expect no-such-file.yaml: error: cannot read

case an empty answers file answers nothing
sh : > $TMP/empty.yaml
notty
run -f json --kb tests/pty/kb --answers $TMP/empty.yaml tests/pty/data/round.log
exit 0
sh jq -e '.findings[0].next_question == "source"' $TMP/stdout >/dev/null

case -i without a terminal and without answers exits 2 at once
notty
run -i --kb tests/pty/kb tests/pty/data/round.log
exit 2
expect pickdoc: -i needs a terminal to ask on
run -i --kb tests/pty/kb --no-input tests/pty/data/round.log
exit 0
expect Still to find out

case nothing diagnosed, and an unreadable input, keep their exit statuses
notty
run --no-input --kb tests/pty/kb --answer source=cache tests/pty/data/nothing.log
exit 1
run --no-input --kb tests/pty/kb --answer source=cache $TMP/no-such.log
exit 3

case the session's options go with a diagnosis only
notty
run -i --list
exit 2
expect cannot be combined with another action
run --answer source=cache --show pty-frob
exit 2
run --transcript $TMP/t.md tests/pty/data/round.log
exit 2
expect --transcript records a guided session: use it with -i
run -i --no-input --transcript $TMP/t.md tests/pty/data/round.log
exit 2
run --answers
exit 2
expect option '--answers' needs a value

case a whole concurrent.futures log answers how the worker died: the message never says
notty
run -f json tests/corpus/pool-death/cf-worker-segfault.py3.13.txt
exit 0
sh jq -e '.findings[0] | .next_question == "child-output" and ([.questions[] | [.id, .answer, .answered_by]] | .[0:2] == [["what-broke","worker-died","log"],["how-died","unknown","log"]])' $TMP/stdout >/dev/null
run -f json --answer how-died=CRASHED tests/corpus/pool-death/cf-worker-exit.py3.8.txt
exit 0
sh jq -e '.findings[0].questions[1] | .answer == "crashed" and .answered_by == "you" and .log_answer == "unknown"' $TMP/stdout >/dev/null

case the dead worker's faulthandler dump above the pool's error answers what it printed
notty
run -f json tests/corpus/pool-death/cf-worker-segfault-faulthandler.py3.13.txt
exit 0
sh jq -e '.findings[0] | .conclusion == "native-crash" and ([.questions[] | [.id, .answer, .answered_by]] == [["what-broke","worker-died","log"],["how-died","unknown","log"],["child-output","fatal","log"]])' $TMP/stdout >/dev/null
run -f json tests/corpus/pool-death/cf-worker-segfault-faulthandler.py3.8.txt
exit 0
sh jq -e '.findings[0].conclusion == "native-crash"' $TMP/stdout >/dev/null
