# The guided session (pickdoc -i) at a real terminal; format in README.md.  Most cases use
# the test playbook in kb/ (pty-frob) and the logs in data/, so that they do not change
# when knowledge/ does.

case answering by number and by name reaches the conclusion and its plan
run -i --kb tests/pty/kb tests/pty/data/round.log
expect pty-frob
expect What the log already settles
expect What shape is the widget? → round
expect shape = round
expect log line 5: FrobError: cannot frob 'round-one'
expect Question 1: Where did the widget come from?
expect 1) from the cache [cache]
expect 2) freshly made [fresh]
expect answer> 
send 2\r
expect Question 2: Is the frobber older than version 2?
expect answer> 
send NEW\r
expect Conclusion\n  A round widget was pushed through a square hole
expect First steps
expect Look at the widget round-one.
expect Fix
expect Use the round hole.
expect Verify
expect $ frob --check round-one
expect before: FrobError: cannot frob
expect after:  frobbed
expect Type full for the whole report
expect pickdoc> 
send full\r
expect What it means
expect Evidence
expect First ten minutes
expect pickdoc> 
send quit\r
exit 0
sane

case a log that settles the whole tree concludes without a question
run -i --kb tests/pty/kb tests/pty/data/plain.log --answer shape=square
expect What shape is the widget? → square (answered by you)
expect Conclusion\n  A square widget was pushed through a round hole
expect pickdoc> 
send \x04
exit 0
absent Question 1
sane

case why names the question's reason and the causes each answer leaves
run -i --kb tests/pty/kb tests/pty/data/round.log
expect answer> 
send why\r
expect Why this question: a widget from the cache may be stale
expect 1) from the cache → stale-cache: The widget came stale from the cache
expect 2) freshly made → still possible: round-hole, old-frobber
expect answer> 
send \x04
exit 0
sane

case how shows the log lines, the facts, the answers and the ranking
run -i --kb tests/pty/kb tests/pty/data/round.log
expect answer> 
send 2\r
expect answer> 
send how\r
expect How the ranking was reached
expect line 5: FrobError: cannot frob 'round-one'
expect shape = round (
expect the widget's name starts
expect Your answers:
expect source = fresh (answered by you)
expect 40  round-hole: A round widget
expect because the widget is round
expect square-peg (ruled out by the tree)
expect answer> 
send \x04
exit 0

case why-not gives the boost that failed and the answer that rules the cause out
run -i --kb tests/pty/kb tests/pty/data/round.log
expect answer> 
send why-not square-peg\r
expect Why not square-peg: A square widget
expect did not apply +30, the widget is square: fails on shape ~ ^square$
expect 'round')
expect The decision tree rules it out: "What shape is the widget?" was answered "round"
expect by the log; it is reached only through "square".
expect answer> 
send why-not old-frobber\r
expect did not apply +50, an old frobber cannot frob round widgets
expect (frobber is not known)
expect The decision tree still allows it
expect answer> 
send why-not nothing-like-it\r
expect 'nothing-like-it' is not a cause here; why-not takes an id or a rank: 1 round-hole
expect answer> 
send \x04
exit 0

case back undoes the last answer and asks again
run -i --kb tests/pty/kb tests/pty/data/round.log
expect Question 1: Where did the widget come from?
expect answer> 
send fresh\r
expect Question 2: Is the frobber older than version 2?
expect answer> 
send back\r
expect Undone: Where did the widget come from?
expect Question 1: Where did the widget come from?
expect answer> 
send cache\r
expect Conclusion\n  The widget came stale from the cache
expect pickdoc> 
send back\r
expect Question 1: Where did the widget come from?
expect answer> 
send back\r
expect Nothing to undo.
expect answer> 
send \x04
exit 0

case skip goes on with the causes still possible, ranked
run -i --kb tests/pty/kb tests/pty/data/plain.log
expect Question 1: What shape is the widget?
expect answer> 
send skip\r
expect Question 2: Where did the widget come from?
expect answer> 
send ?\r
expect Question 3: Is the frobber older than version 2?
expect answer> 
send old\r
expect No single cause is left; those still possible, ranked:
expect 10  square-peg
expect 5  stale-cache
expect 3  old-frobber
expect pickdoc> 
send why\r
expect The causes, each its prior plus the evidence
expect pickdoc> 
send \x04
exit 0

case invalid input re-asks with the valid choices
run -i --kb tests/pty/kb tests/pty/data/round.log
expect answer> 
send bogus\r
expect 'bogus' is not an answer: type 1-2 (cache, fresh)
expect answer> 
send 7\r
expect '7' is not an answer: type 1-2 (cache, fresh)
expect answer> 
send 1\r
expect Conclusion\n  The widget came stale from the cache
expect pickdoc> 
send cache\r
expect 'cache' is not a command here
expect pickdoc> 
send \x04
exit 0

case Ctrl-D at a question ends cleanly
run -i --kb tests/pty/kb tests/pty/data/round.log
expect answer> 
send \x04
exit 0
sane

case Ctrl-C abandons the line being typed, not the session or the terminal
run -i --kb tests/pty/kb tests/pty/data/round.log
expect answer> 
send fres\x03
expect line abandoned
expect answer> 
send fresh\r
expect Question 2: Is the frobber older than version 2?
expect answer> 
send quit\r
exit 0
sane

case Tab completes answers, commands and cause ids
run -i --kb tests/pty/kb tests/pty/data/round.log
expect answer> 
send fr\t\r
expect Question 2: Is the frobber older than version 2?
expect answer> 
send why-not squ\t\r
expect Why not square-peg
expect answer> 
send he\t\r
expect why-not CAUSE
expect answer> 
send \x04
exit 0

case the log on stdin: questions on /dev/tty, log lines shown from memory
stdin tests/pty/data/round.log
run -i --kb tests/pty/kb
expect <stdin>:2: FrobError: cannot frob 'round-one'
expect log line 5: FrobError: cannot frob 'round-one'
expect answer> 
send 1\r
expect Conclusion\n  The widget came stale from the cache
expect pickdoc> 
send \x04
exit 0
sane

case a log on stdin in a log container is unwrapped as a file would be
stdin tests/pty/data/round.docker.log
run -i --kb tests/pty/kb
expect <stdin>:2: FrobError: cannot frob 'round-one'
expect answer> 
send 1\r
expect Conclusion\n  The widget came stale from the cache
expect pickdoc> 
send \x04
exit 0
sane

case stdout not the terminal: the conversation on /dev/tty, the report on stdout
stdin tests/pty/data/round.log
stdout $TMP/report.json
run -i -f json --kb tests/pty/kb
expect answer> 
send 2\r
expect answer> 
send 2\r
expect pickdoc> 
send quit\r
exit 0
sh jq -e '.findings[0] | .conclusion == "round-hole" and ([.questions[] | [.id, .answered_by]] == [["shape","log"],["source","you"],["frobber","you"]])' $TMP/report.json >/dev/null

case a pasted traceback, ended by an empty line
run -i --kb tests/pty/kb
expect Paste the traceback
sendfile tests/pty/data/round.log
send \r
expect <pasted>:2: FrobError
expect Question 1: Where did the widget come from?
expect answer> 
send \x04
exit 0
sane

case a pasted traceback in a log container, ended by an empty line
run -i --kb tests/pty/kb
expect Paste the traceback
sendfile tests/pty/data/round.docker.log
send \r
expect <pasted>:2: FrobError
expect Question 1: Where did the widget come from?
expect answer> 
send \x04
exit 0
sane

case a long paste with empty lines, the traceback last
sh awk 'BEGIN { for (i = 0; i < 2000; i++) printf "INFO worker %d: fetched a page of the catalogue\\n\\n", i }' >$TMP/chatter.log && cat tests/pty/data/round.log >>$TMP/chatter.log
run -i --kb tests/pty/kb
expect Paste the traceback
sendfile $TMP/chatter.log
send \r
expect FrobError
expect Question 1: Where did the widget come from?
expect answer> 
send \x04
exit 0
sane

case a pasted traceback, ended by Ctrl-D
run -i --kb tests/pty/kb
expect Paste the traceback
sendfile tests/pty/data/plain.log
send \x04
expect Question 1: What shape is the widget?
expect answer> 
send \x04
exit 0

case several failures: listed, the first by default, back returns to the list
run -i --kb tests/pty/kb tests/pty/data/two.log
expect 2 failures in the log:
expect 1) pty-frob: round-one (line 1, x1)
expect 2) pty-frob: square-two (line 5, x1)
expect failure [1]> 
send \r
expect Question 1: Where did the widget come from?
expect answer> 
send back\r
expect failure [1]> 
send 3\r
expect Type a number from 1 to 2
expect failure [1]> 
send 2\r
expect Conclusion\n  A square widget was pushed through a round hole
expect pickdoc> 
send \x04
exit 0

case nothing diagnosed
run -i --kb tests/pty/kb tests/pty/data/nothing.log
expect No failure that pickdoc knows was found.
expect not diagnosed: line 1: KeyError
exit 1
sane

case the transcript holds the questions, answers, evidence and conclusion
run -i --kb tests/pty/kb --transcript $TMP/session.md tests/pty/data/round.log
expect answer> 
send why\r
expect answer> 
send 1\r
expect pickdoc> 
send quit\r
exit 0
file $TMP/session.md # pickdoc guided session
file $TMP/session.md ## pty-frob
file $TMP/session.md ### What the log settled
file $TMP/session.md What shape is the widget? → round
file $TMP/session.md > why
file $TMP/session.md Why this question: a widget from the cache may be stale
file $TMP/session.md ### Question 1\n\nWhere did the widget come from?\n\nAnswer: **from the cache** (`cache`)
file $TMP/session.md ### Conclusion\n\n**The widget came stale from the cache** (`stale-cache`)
file $TMP/session.md # pickdoc report
file $TMP/session.md - [ ]
file $TMP/session.md *(answered by you)*

case history is kept across sessions, in XDG_STATE_HOME
env XDG_STATE_HOME=$TMP/state
run -i --kb tests/pty/kb tests/pty/data/round.log
expect answer> 
send why\r
expect answer> 
send quit\r
exit 0
file $TMP/state/pickdoc/history why
run -i --kb tests/pty/kb tests/pty/data/round.log
expect answer> 
send \x10\x10\r
expect Why this question: a widget from the cache may be stale
expect answer> 
send \x04
exit 0

case history in ~/.local/state by default; failing to save it is not an error
run -i --kb tests/pty/kb tests/pty/data/round.log
expect answer> 
send how\r
expect answer> 
send \x04
exit 0
file $TMP/home/.local/state/pickdoc/history how
env XDG_STATE_HOME=/proc/self/no-such-dir
run -i --kb tests/pty/kb tests/pty/data/round.log
expect answer> 
send \x04
exit 0

case the built-in knowledge base: a capture the log settles whole
run -i examples/scraper-pool.log
expect local-object
expect What the log already settles
expect pickdoc> 
send \x04
exit 0
sane

case change reopens a question the log answered, and the report says what the log said
run -i --kb tests/pty/kb tests/pty/data/round.log
expect The log can be wrong: change QUESTION answers one again (shape).
expect Question 1: Where did the widget come from?
expect answer> 
send change nosuch\r
expect 'nosuch' is not a question here; change takes a question's id: shape, source, frobber
expect answer> 
send change shape\r
expect What shape is the widget?
expect answer> 
send SQUARE\r
expect Conclusion\n  A square widget was pushed through a round hole
expect What shape is the widget? → square (answered by you; the log said round)
expect pickdoc> 
send back\r
expect Where did the widget come from?
expect answer> 
send change shape skip\r
expect Where did the widget come from?
expect answer> 
send cache\r
expect No single cause is left; those still possible, ranked:
expect stale-cache
expect square-peg
expect pickdoc> 
send \x04
exit 0

case a typed session and a replay of the same answers end alike, skips included
stdout $TMP/typed.json
run -i -f json --kb tests/pty/kb tests/pty/data/plain.log
expect answer> 
send skip\r
expect answer> 
send Skip\r
expect answer> 
send new\r
expect pickdoc> 
send quit\r
exit 0
sh $ROOT/pickdoc -f json --kb tests/pty/kb --answer shape=skip --answer source=SKIP --answer frobber=New tests/pty/data/plain.log > $TMP/replayed.json
sh jq -e -n --slurpfile t $TMP/typed.json --slurpfile r $TMP/replayed.json '[$t[0], $r[0]] | map(.findings[0] | [.conclusion, .next_question, [.causes[].id], [.questions[] | [.id, .answer]]]) | .[0] == .[1]' >/dev/null
