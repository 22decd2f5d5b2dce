#!/usr/bin/env bash
# CPU milliseconds the portal spends per form-page request (user + system time of its process over
# a wrk run, divided by the requests): unlike requests/s it barely moves when other processes
# share the cores, so it is how the tuning steps were compared on a busy machine.
# bench/cpu-per-request.sh <java> [JVM flags...] [-- portal arguments...]; WARMUP (15) and SECONDS_ (15).
cd "$(dirname "$0")/.." && source bench/lib.sh
java=$1; shift
DIR=$BENCH_OUT/cpu
BENCH_SKIP_BUILD=${BENCH_SKIP_BUILD:-1} build
prepare_extracted
start_emulator "${USERS:-3}" "$DIR" 0
trap 'stop ${PORTAL_PID:-} $EMULATOR_PID' EXIT
start_portal "$DIR" "$java" "$@"
COOKIE=$(session_cookie)
wrk -t1 -c4 -d"${WARMUP:-15}"s -H "Cookie: $COOKIE" "http://127.0.0.1:$PORTAL_PORT/" >/dev/null
before=$(cpu_seconds "$PORTAL_PID")
wrk -t1 -c4 -d"${SECONDS_:-15}"s --latency -H "Cookie: $COOKIE" "http://127.0.0.1:$PORTAL_PORT/" >"$DIR/wrk.txt"
after=$(cpu_seconds "$PORTAL_PID")
read -r rps p50 p99 n bad <<<"$(wrk_summary "$DIR/wrk.txt")"
awk -v a="$after" -v b="$before" -v n="$n" -v rps="$rps" -v bad="$bad" -v rss="$(rss_mb "$PORTAL_PID")" -v args="$*" \
	'BEGIN { printf "cpu_ms_per_request=%.3f requests=%d non2xx=%d requests_per_s=%s rss_mb=%s args=%s\n", (a - b) * 1000 / n, n, bad, rps, rss, args }'
