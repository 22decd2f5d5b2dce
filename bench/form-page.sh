#!/usr/bin/env bash
# Benchmark 2: the form page, wrk with 50 connections for 30 s (DURATION) after a 10 s warm-up, with
# the session cookie of the launch link, as a browser has it. Three profiles with MFA devices in the
# AWS files, as a person has them. Shipped flags on Java 17 and 25 (JAVAS="17 25").
# Writes $BENCH_OUT/form-page.md.
cd "$(dirname "$0")/.." && source bench/lib.sh
DURATION=${DURATION:-30}
OUT=$BENCH_OUT/form-page.md
DIR=$BENCH_OUT/form-page
build
prepare_extracted
start_emulator 3 "$DIR" 0
trap 'stop ${PORTAL_PID:-} $EMULATOR_PID' EXIT
read -r -a SHIPPED <<<"$(shipped_flags)"
{
	echo "## 2. Form page: wrk -t2 -c50 -d${DURATION}s --latency, session cookie"
	echo
	machine
	echo
	echo "| JVM | requests/s | p50 ms | p99 ms | requests | non-2xx | JVM flags |"
	echo "|---|---|---|---|---|---|---|"
} >"$OUT"
for v in ${JAVAS:-17 25}; do
	java=$JAVA17 archive=(-XX:SharedArchiveFile=app17.jsa)
	[[ $v == 25 ]] && java=$JAVA25 archive=(-XX:AOTCache=app25.aot)
	start_portal "$DIR" "$java" "${SHIPPED[@]}" "${archive[@]}" --
	COOKIE=$(session_cookie)
	wrk_form 10 50 "$DIR/warmup-$v.txt"
	wrk_form "$DURATION" 50 "$DIR/wrk-$v.txt"
	read -r rps p50 p99 n bad <<<"$(wrk_summary "$DIR/wrk-$v.txt")"
	log "Java $v: $rps requests/s, p50 $p50 ms, p99 $p99 ms, $bad non-2xx"
	echo "| $v | $rps | $p50 | $p99 | $n | $bad | \`${SHIPPED[*]} ${archive[*]}\` |" >>"$OUT"
	stop "$PORTAL_PID"; PORTAL_PID=
done
echo >>"$OUT"
cat "$OUT"
