# Exit-status transcript, run by run.sh from the top of the repository with `pickdoc` bound to
# the binary under test (bounded by a timeout). Each `$ ` line is a shell command; the lines
# after it say what it must do:
#   ? N      exit status N
#   ! ERE    some line of stderr matches ERE      !! N   stderr has exactly N lines
#   > ERE    some line of stdout matches ERE      >> N   stdout has exactly N lines
# 0: at least one failure diagnosed.
$ pickdoc tests/corpus/reference/lock.py3.12.txt
? 0
!! 0
$ pickdoc < tests/corpus/reference/lock.py3.12.txt
? 0
$ pickdoc - < tests/corpus/reference/local-object.py3.12.txt
? 0
$ pickdoc tests/corpus/reference/tb-basic.py3.12.txt tests/corpus/reference/lock.py3.12.txt
? 0
# 1: nothing diagnosed.
$ pickdoc tests/corpus/reference/tb-basic.py3.12.txt
? 1
!! 0
$ pickdoc /dev/null
? 1
$ printf '' | pickdoc
? 1
$ printf 'all good\nno tracebacks here\n' | pickdoc -f json
? 1
# 2: usage errors, one line on stderr.
$ pickdoc --no-such-option tests/corpus/reference/lock.py3.12.txt
? 2
!! 1
! ^pickdoc: .*no-such-option
$ pickdoc -Z
? 2
!! 1
! ^pickdoc: 
$ pickdoc --quiet-period=100 tests/corpus/reference/lock.py3.12.txt
? 2
!! 1
! ^pickdoc: --quiet-period goes with --follow
$ pickdoc --follow tests/corpus/reference/lock.py3.12.txt tests/corpus/reference/lock.py3.12.txt
? 2
!! 1
! ^pickdoc: --follow reads one input
$ pickdoc -f yaml tests/corpus/reference/lock.py3.12.txt
? 2
!! 1
! ^pickdoc: .*yaml
$ pickdoc --color=sometimes tests/corpus/reference/lock.py3.12.txt
? 2
!! 1
! ^pickdoc: .*sometimes
$ pickdoc --dump=everything tests/corpus/reference/lock.py3.12.txt
? 2
!! 1
! ^pickdoc: 
$ pickdoc -f
? 2
!! 1
! ^pickdoc: 
$ pickdoc --show nope
? 2
!! 1
! ^pickdoc: .*nope
# 2: a knowledge base that cannot be used.
$ pickdoc -k /nonexistent/pickdoc-kb tests/corpus/reference/lock.py3.12.txt
? 2
! ^pickdoc: .*/nonexistent/pickdoc-kb
$ pickdoc -k tests/corpus/reference/lock.py3.12.txt tests/corpus/reference/lock.py3.12.txt
? 2
! ^pickdoc: .*lock\.py3\.12\.txt
$ pickdoc -k tests/cli/cases/kb-malformed tests/corpus/reference/lock.py3.12.txt
? 2
! ^pickdoc: .*kb-malformed/cli-missing-setting\.yaml:[0-9]+:[0-9]+: 
$ pickdoc -k tests/cli/cases/kb-unknown-key tests/corpus/reference/lock.py3.12.txt
? 2
! ^pickdoc: .*kb-unknown-key/cli-missing-setting\.yaml:27:1: .*'sampels'
$ pickdoc -k tests/cli/cases/kb-bad-pattern tests/corpus/reference/lock.py3.12.txt
? 2
! ^pickdoc: .*kb-bad-pattern/cli-missing-setting\.yaml:10:[0-9]+: 
! ^ *\^ *$
$ pickdoc --lint tests/cli/cases/kb-unknown-key
? 2
! kb-unknown-key/cli-missing-setting\.yaml:27:1: .*'sampels'
$ pickdoc --lint tests/cli/cases/kb-logged-alone
? 2
! kb-logged-alone/cli-missing-setting\.yaml:8:5: error: a signature with 'logged' needs 'alone' or 'context'
# Hostile knowledge bases: refused at the first alias, the second key, the second id.
$ pickdoc -k tests/cli/cases/kb-billion-laughs tests/corpus/reference/lock.py3.12.txt
? 2
!! 1
! ^pickdoc: .*kb-billion-laughs/laughs\.yaml:4:4: error: anchor 'a' is not supported
$ pickdoc --lint tests/cli/cases/kb-billion-laughs
? 2
! kb-billion-laughs/laughs\.yaml:4:4: error: anchor
$ pickdoc -k tests/cli/cases/kb-duplicate-key tests/corpus/reference/lock.py3.12.txt
? 2
!! 1
! ^pickdoc: .*kb-duplicate-key/cli-missing-setting\.yaml:23:1: error: duplicate key 'fix'
$ pickdoc -k tests/cli/cases/kb-duplicate-id tests/corpus/reference/lock.py3.12.txt
? 2
! ^pickdoc: .*kb-duplicate-id/b\.yaml:3:1: error: duplicate playbook id 'cli-missing-setting'
! ^pickdoc: .*kb-duplicate-id/a\.yaml:3:1: note: 'cli-missing-setting' first defined here
# -i with no terminal to ask on (a new session without one): a usage error at once.
$ timeout "$TIMEOUT" setsid -w "$PICKDOC" -i tests/corpus/reference/lock.py3.12.txt </dev/null
? 2
!! 1
! ^pickdoc: -i needs a terminal
# 3: an input that cannot be read, one line on stderr naming it.
$ pickdoc tests/no/such/file.log
? 3
!! 1
! ^pickdoc: .*tests/no/such/file\.log
$ pickdoc tests/corpus/reference
? 3
!! 1
! ^pickdoc: .*tests/corpus/reference
# Nothing lost: the inputs that can be read are still diagnosed.
$ pickdoc tests/corpus/reference/lock.py3.12.txt tests/no/such/file.log
? 3
!! 1
! ^pickdoc: .*tests/no/such/file\.log
> unpicklable-object
$ pickdoc -b tests/corpus/reference tests/corpus/reference/lambda.py3.12.txt
? 3
!! 1
! ^pickdoc: tests/corpus/reference: error: .*[Dd]irectory
> lambda\.py3\.12\.txt:1: lambda
# Stdin closed: an input that cannot be read (not an empty one: the caller wired it wrong).
$ pickdoc <&-
? 3
!! 1
! ^pickdoc: <stdin>.*: error: .*Bad file descriptor
# Other actions.
$ pickdoc --help
? 0
> usage: pickdoc
$ pickdoc -h
? 0
$ pickdoc --version
? 0
> [0-9]+\.[0-9]+
$ pickdoc --lint
? 0
$ pickdoc --lint tests/cli/cases/kb-good
? 0
!! 3
# A playbook's YAML source: with --show only.
$ pickdoc --show=lambda -f yaml
? 0
> ^id: lambda$
$ pickdoc -f yaml examples/scraper-pool.log
? 2
!! 1
! ^pickdoc: format 'yaml' prints a playbook's source: use it with --show$
# Fact names nothing sets, in a condition and in placeholders: a warning where each is read.
$ pickdoc --lint tests/cli/cases/kb-unknown-fact
? 0
! ^pickdoc: .*kb-unknown-fact/cli-missing-setting\.yaml:4:1: warning: .* 'subjet' read in 'first_ten_minutes' item 1 of 'cli-missing-setting'$
! ^pickdoc: .*kb-unknown-fact/cli-missing-setting\.yaml:4:1: warning: .* 'user_fiel' read in the 'run' of 'verify' item 1 of
! ^pickdoc: .*kb-unknown-fact/cli-missing-setting\.yaml:17:16: warning: .* 'user_fucn' read in a condition of cause 'setting-not-defined'
$ pickdoc -k tests/cli/cases/kb-good tests/corpus/reference/tb-from-none.py3.12.txt
? 0
> cli-missing-setting
$ pickdoc -k tests/cli/cases/kb-good --list
? 0
> cli-missing-setting
> local-object
$ pickdoc --show local-object
? 0
> local-object
$ pickdoc -s lambda
? 0
> lambda
# A report that cannot be written is an error, not a success.
$ pickdoc tests/corpus/reference/lock.py3.12.txt > /dev/full
?! 0
! ^pickdoc: 
