#!/bin/sh
# tools/bench.sh PICKDOC: speed and memory (make bench), one table, the targets beside it.
# On a generated service log (tools/bench_log.sh; BENCH_MB MiB, default 1024) it times
# pickdoc's full triage against rg -c and grep -c counting the tracebacks, measures peak RSS
# with the log on stdin, start-up on one small traceback against python3 -S -c pass, and the
# same triage on 128 and 512 MiB to show the cost is linear.  Each log is generated once and
# kept in build/bench (BENCH_DIR); the page cache is warmed before timing, and the big runs
# are the median of BENCH_RUNS (3).  Last, --merge on generated reports, repeated
# tracebacks and many files named at once, to show them linear.
set -eu
pickdoc=$1
top=$(cd "$(dirname "$0")/.." && pwd)
mb=${BENCH_MB:-1024}
runs=${BENCH_RUNS:-3}
small_runs=${BENCH_SMALL_RUNS:-50}
"$top"/tools/deps.sh install /usr/bin/time:time gawk:gawk rg:ripgrep >/dev/null
dir=${BENCH_DIR:-$top/build/bench}
mkdir -p "$dir"
export LC_ALL=C

# The log of MIB MiB, generated on first use.
log_of() {
	f=$dir/service-$1.log
	if [ ! -s "$f" ]; then
		echo "generating $f ($1 MiB, once)..." >&2
		"$top"/tools/bench_log.sh "$1" "$f.tmp"
		mv "$f.tmp" "$f"
	fi
	echo "$f"
}

now_ns() { date +%s%N; }

# Wall seconds, peak RSS (KiB) and CPU seconds (user + system) of one run of "$@" into
# $secs $kib $cpu.  The output goes to a file: GNU grep stops at the first match when its
# output is /dev/null.
# A nonzero exit of pickdoc (1: findings) is what it is meant to do; a crash is not.
run_once() {
	t0=$(now_ns)
	/usr/bin/time -f '%M %U %S' -o "$dir/rss" "$@" >"$dir/out" 2>"$dir/err" || {
		rc=$?
		if [ $rc -gt 2 ]; then
			echo "bench: '$*' failed with status $rc:" >&2
			cat "$dir/err" >&2
			exit 1
		fi
	}
	t1=$(now_ns)
	secs=$(awk -v d=$((t1 - t0)) 'BEGIN { printf "%.3f", d / 1e9 }')
	set -- $(tail -n 1 "$dir/rss")
	kib=$1 cpu=$(awk -v u="$2" -v s="$3" 'BEGIN { printf "%.2f", u + s }')
}

median() { echo "$@" | tr ' ' '\n' | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'; }

# Median wall and CPU time of RUNS runs into $secs and $cpu, the largest peak RSS into $kib.
run_median() {
	times="" cpus="" top_kib=0
	k=0
	while [ $k -lt "$runs" ]; do
		run_once "$@"
		times="$times $secs" cpus="$cpus $cpu"
		[ "$kib" -gt "$top_kib" ] && top_kib=$kib
		k=$((k + 1))
	done
	secs=$(median $times) cpu=$(median $cpus) kib=$top_kib
}

mbs() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? b / 1e6 / s : 0) }'; }
warm() { cat "$1" >/dev/null; }

row() { # what seconds CPU-seconds MB/s rss target
	printf '%-34s %8s %8s %8s %12s   %s\n' "$1" "$2" "$3" "$4" "$5" "$6"
}

log=$(log_of "$mb")
bytes=$(wc -c <"$log")
tracebacks=$(grep -c 'Traceback (most recent call last)' "$log")
warm "$log"

echo "$("$pickdoc" --version 2>/dev/null | head -n 1 || true), $(nproc) cores"
echo "input: $log: $bytes bytes, $(wc -l <"$log") lines, $tracebacks tracebacks"
echo "times: wall seconds (CPU s: user + system), median of $runs runs, page cache warm"
echo
row "" "seconds" "CPU s" "MB/s" "peak RSS" "target"
run_median grep -c 'Traceback (most recent call last)' "$log"
grep_s=$secs
row "grep -c" "$secs" "$cpu" "$(mbs "$bytes" "$secs")" "${kib} KiB" ""
run_median rg -c 'Traceback \(most recent call last\)' "$log"
rg_s=$secs
row "rg -c" "$secs" "$cpu" "$(mbs "$bytes" "$secs")" "${kib} KiB" ""
best=$(awk -v a="$grep_s" -v b="$rg_s" 'BEGIN { print (b < a ? b : a) }')
run_median "$pickdoc" --format json "$log"
ours_big=$secs big_cpu=$cpu big_kib=$kib
row "pickdoc --format json FILE" "$secs" "$cpu" "$(mbs "$bytes" "$secs")" "${kib} KiB" ""
run_median sh -c 'exec "$1" --format json <"$2"' sh "$pickdoc" "$log"
stdin_kib=$kib
row "pickdoc --format json <FILE" "$secs" "$cpu" "$(mbs "$bytes" "$secs")" "${kib} KiB" \
	"RSS <= 32768 KiB: $([ "$stdin_kib" -le 32768 ] && echo met || echo MISSED)"
ratio=$(awk -v a="$ours_big" -v b="$best" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
row "ratio pickdoc / faster counter" "$ratio" "" "" "" \
	"<= 3: $(awk -v r="$ratio" 'BEGIN { print (r <= 3 ? "met" : "MISSED") }')"

# Start-up: one small traceback, start to finish, against an interpreter doing nothing.
small=$top/tests/corpus/reference/cf-lambda.py3.12.txt
mean_of() { # mean seconds of $small_runs runs of "$@" into $secs
	t0=$(now_ns)
	k=0
	while [ $k -lt "$small_runs" ]; do
		"$@" >/dev/null 2>&1 || true
		k=$((k + 1))
	done
	t1=$(now_ns)
	secs=$(awk -v d=$((t1 - t0)) -v n="$small_runs" 'BEGIN { printf "%.4f", d / 1e9 / n }')
}
"$pickdoc" "$small" >/dev/null 2>&1 || true
/usr/bin/python3 -S -c pass
mean_of "$pickdoc" "$small"
ours=$secs
mean_of /usr/bin/python3 -S -c pass
py=$secs
echo
row "start-up (mean of $small_runs)" "seconds" "" "" "" "target"
row "pickdoc $(basename "$small")" "$ours" "" "" "" ""
row "/usr/bin/python3 -S -c pass" "$py" "" "" "" ""
ratio=$(awk -v a="$ours" -v b="$py" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
row "ratio pickdoc / python" "$ratio" "" "" "" \
	"<= 0.25: $(awk -v r="$ratio" 'BEGIN { print (r <= 0.25 ? "met" : "MISSED") }')"

# The size series: the same triage on smaller logs of the same kind.
echo
row "size series (pickdoc FILE)" "seconds" "CPU s" "MB/s" "peak RSS" "target"
for size in 128 512 "$mb"; do
	[ "$size" -le "$mb" ] || continue
	if [ "$size" = "$mb" ]; then
		secs=$ours_big cpu=$big_cpu kib=$big_kib
	else
		f=$(log_of "$size")
		warm "$f"
		run_median "$pickdoc" --format json "$f"
	fi
	row "$size MiB" "$secs" "$cpu" "$(mbs "$(wc -c <"$(log_of "$size")")" "$secs")" "${kib} KiB" \
		"linear: MB/s about the same"
	[ "$size" = "$mb" ] && break
done

# --merge: reading reports back stays linear in what they hold (a stream of N findings and
# its summary; one finding seen on N hosts), generated here in the report's own schema.
merge_stream() { # N findings of a --format ndjson run, then its summary, into $1
	awk -v n="$2" 'BEGIN {
		for (i = 0; i < n; i++)
			printf "{\"event\":\"finding\",\"playbook\":\"lambda\",\"fingerprint\":\"%016x\",\"exception\":\"PicklingError\",\"message\":\"m\",\"occurrences\":1}\n", i
		printf "{\"event\":\"summary\",\"pickdoc\":\"0\",\"counts\":["
		for (i = 0; i < n; i++)
			printf "%s{\"fingerprint\":\"%016x\",\"occurrences\":2}", (i ? "," : ""), i
		print "]}"
	}' >"$1"
}
merge_hosts() { # one finding a merged report says N hosts saw, into $1
	awk -v n="$2" 'BEGIN {
		printf "{\"pickdoc\":\"0\",\"findings\":[{\"playbook\":\"lambda\",\"fingerprint\":\"0\",\"exception\":\"PicklingError\",\"message\":\"m\",\"occurrences\":1,\"first_host\":\"h0\",\"hosts\":["
		for (i = 0; i < n; i++)
			printf "%s\"h%d\"", (i ? "," : ""), i
		print "]}]}"
	}' >"$1"
}
echo
row "--merge (median of $runs)" "seconds" "CPU s" "" "peak RSS" "target"
for kind in stream hosts; do
	for n in 10000 40000; do
		f=$dir/merge-$kind-$n.json
		[ -s "$f" ] || "merge_$kind" "$f" "$n"
		run_median "$pickdoc" --merge "$f" "$f"
		[ "$n" = 10000 ] && small_s=$secs
		row "$kind of $n" "$secs" "$cpu" "" "${kib} KiB" \
			"$([ "$n" = 10000 ] && echo "" || awk -v a="$secs" -v b="$small_s" \
			'BEGIN { r = (b > 0 ? a / b : 0); printf "linear: x4 input, x%.1f time (<= 6: %s)", r, (r <= 6 ? "met" : "MISSED") }')"
	done
done

# Repeats: many workers printing the same traceback cost a key and a lookup each, whether
# something diagnosed it or not: 4096 tracebacks with 64 KiB messages, and 800,000 short
# ones nothing diagnoses against as many a playbook does.
repeats() { # N copies of a traceback ending in LAST, into $1
	awk -v n="$2" -v last="$3" 'BEGIN {
		for (i = 0; i < n; i++)
			printf "Traceback (most recent call last):\n  File \"/srv/app.py\", line 3, in <module>\n    run()\n%s\n", last
	}' >"$1"
}
long=$(awk 'BEGIN { m = sprintf("%65536s", ""); gsub(/ /, "x", m); print m }')
echo
row "repeated tracebacks (median of $runs)" "seconds" "CPU s" "MB/s" "peak RSS" "target"
for kind in long short-undiagnosed short-diagnosed; do
	f=$dir/repeats-$kind.log
	case $kind in
	long) [ -s "$f" ] || repeats "$f" 4096 "ValueError: $long" ;;
	short-undiagnosed) [ -s "$f" ] || repeats "$f" 800000 "ValueError: cannot parse '_thread.lock' object" ;;
	short-diagnosed) [ -s "$f" ] || repeats "$f" 800000 "TypeError: cannot pickle '_thread.lock' object" ;;
	esac
	run_median "$pickdoc" --format json "$f"
	target=
	[ "$kind" = short-undiagnosed ] && undiagnosed_s=$secs
	[ "$kind" = short-diagnosed ] && target=$(awk -v a="$undiagnosed_s" -v b="$secs" \
		'BEGIN { r = (b > 0 ? a / b : 0); printf "undiagnosed / diagnosed x%.1f (<= 1.5: %s)", r, (r <= 1.5 ? "met" : "MISSED") }')
	row "$kind" "$secs" "$cpu" "$(mbs "$(wc -c <"$f")" "$secs")" "${kib} KiB" "$target"
done

# Many files named at once: telling a log's rotations apart costs a look-up a name.
echo
row "files named (median of $runs)" "seconds" "CPU s" "" "peak RSS" "target"
for n in 10000 40000; do
	d=$dir/files-$n
	if [ ! -d "$d" ]; then
		mkdir -p "$d.tmp"
		(cd "$d.tmp" && awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) print "job-" i ".log" }' |
			xargs touch)
		mv "$d.tmp" "$d"
	fi
	run_median sh -c 'cd "$1" && exec "$2" -b job-*.log' sh "$d" "$pickdoc"
	[ "$n" = 10000 ] && small_s=$secs
	row "$n files" "$secs" "$cpu" "" "${kib} KiB" \
		"$([ "$n" = 10000 ] && echo "" || awk -v a="$secs" -v b="$small_s" \
		'BEGIN { r = (b > 0 ? a / b : 0); printf "linear: x4 files, x%.1f time (<= 6: %s)", r, (r <= 6 ? "met" : "MISSED") }')"
done
