#!/bin/sh
# tools/bench.sh PICKDOC: speed and memory on a generated service log (make bench).
# The log is worker chatter with real captured tracebacks from tests/corpus repeated through
# it; sizes via BENCH_MB (default 256).  Reports pickdoc's full triage against grep -c (and
# rg -c when installed) counting the same tracebacks, throughput, peak RSS, and start-up on
# one small log.
set -eu
pickdoc=$1
top=$(cd "$(dirname "$0")/.." && pwd)
mb=${BENCH_MB:-256}
tools/deps.sh install /usr/bin/time:time gawk:gawk >/dev/null
dir=${BENCH_DIR:-$top/build/bench}
mkdir -p "$dir"
log=$dir/service-$mb.log

if [ ! -s "$log" ]; then
	echo "generating $log ($mb MiB)..."
	ls "$top"/tests/corpus/reference/*.txt | head -n 200 | xargs cat >"$dir/tracebacks.txt"
	gawk -v limit=$((mb * 1048576)) -v tb="$dir/tracebacks.txt" '
	BEGIN {
		while ((getline l < tb) > 0) t[nt++] = l
		srand(42); size = 0; i = 0
		while (size < limit) {
			w = int(rand() * 60) + 1
			line = sprintf("2024-05-01 12:%02d:%02d,%03d INFO [ForkPoolWorker-%d] processed item %d in %d ms", (i / 60000) % 60, (i / 1000) % 60, i % 1000, w, i, int(rand() * 500))
			print line; size += length(line) + 1; i++
			if (i % 2000 == 0) {
				start = int(rand() * (nt - 40)); n = 40
				for (k = start; k < start + n; k++) { print t[k]; size += length(t[k]) + 1 }
			}
		}
	}' >"$log"
fi

bytes=$(wc -c <"$log")
measure() { # label command...
	label=$1; shift
	/usr/bin/time -f "%e %M" -o "$dir/time" "$@" >/dev/null 2>"$dir/err" || true
	read -r secs kb <"$dir/time"
	printf '%-34s %8.2f s %8.1f MB/s %8d KiB peak RSS\n' "$label" "$secs" \
		"$(echo "$bytes $secs" | awk '{ print ($2 > 0 ? $1 / 1048576 / $2 : 0) }')" "$kb"
	echo "$secs" >"$dir/last"
}

echo "input: $log, $bytes bytes"
measure "grep -c Traceback" grep -c 'Traceback (most recent call last)' "$log"
best=$(cat "$dir/last")
if command -v rg >/dev/null 2>&1; then
	measure "rg -c Traceback" rg -c 'Traceback \(most recent call last\)' "$log"
	best=$(awk -v a="$best" -v b="$(cat "$dir/last")" 'BEGIN { print (b < a ? b : a) }')
fi
measure "pickdoc --format json FILE" "$pickdoc" --format json "$log"
ours=$(cat "$dir/last")
/usr/bin/time -f "%e %M" -o "$dir/time" sh -c "\"$pickdoc\" --format json <\"$log\" >/dev/null" || true
read -r secs kb <"$dir/time"
printf '%-34s %8.2f s %8s      %8d KiB peak RSS\n' "pickdoc --format json <FILE" "$secs" "" "$kb"
awk -v a="$ours" -v b="$best" 'BEGIN { printf "ratio pickdoc / fastest counter: %.2f\n", (b > 0 ? a / b : 0) }'

small=$top/examples/scraper-pool.log
start=$(date +%s%N)
i=0; while [ $i -lt 20 ]; do "$pickdoc" "$small" >/dev/null || true; i=$((i + 1)); done
end=$(date +%s%N)
echo "start-up, one small log: $(( (end - start) / 20000 )) us per run (mean of 20)"
