#!/usr/bin/env bash
# Benchmark 6: an emulator that takes DELAY_MS (2000) per call; ISSUES (200) issuing requests at
# once, each with a fresh code of its own device, while wrk measures the form page (50 connections,
# session cookie) for the time they wait. Shipped flags on Java 17 and 25. Writes $BENCH_OUT/slow-sts.md.
cd "$(dirname "$0")/.." && source bench/lib.sh
ISSUES=${ISSUES:-200}
DELAY_MS=${DELAY_MS:-2000}
OUT=$BENCH_OUT/slow-sts.md
DIR=$BENCH_OUT/slow-sts
build
prepare_extracted
start_emulator "$ISSUES" "$DIR" "$DELAY_MS"
trap 'stop ${PORTAL_PID:-} ${DRIVER_PID:-} $EMULATOR_PID' EXIT
read -r -a SHIPPED <<<"$(shipped_flags)"
{
	echo "## 6. Slow STS: $ISSUES issues waiting ${DELAY_MS} ms each at STS; form page meanwhile"
	echo
	machine
	echo "- the AWS files hold $ISSUES profiles (one device each), so this form page lists $ISSUES sources: heavier than benchmark 2's"
	echo
	echo "| JVM | form p50 ms | form p99 ms | form requests/s | issues ok | issue median ms | issue max ms | JVM flags |"
	echo "|---|---|---|---|---|---|---|---|"
} >"$OUT"
for v in ${JAVAS:-17 25}; do
	java=$JAVA17 archive=(-XX:SharedArchiveFile=app17.jsa)
	[[ $v == 25 ]] && java=$JAVA25 archive=(-XX:AOTCache=app25.aot)
	stop "$EMULATOR_PID"
	start_emulator "$ISSUES" "$DIR" "$DELAY_MS"
	start_portal "$DIR" "$java" "${SHIPPED[@]}" "${archive[@]}" --
	COOKIE=$(session_cookie)
	wrk_form 5 50 "$DIR/warmup-$v.txt"
	"$JAVA17" -cp "$(driver_classpath)" bench/Issue.java slow "$DIR" "$LAUNCH_URL" "$ISSUES" >"$DIR/slow-$v.txt" &
	DRIVER_PID=$!
	wait_for_line "$DIR/slow-$v.txt" '^firing' 60
	# the issues wait DELAY_MS at least: measure the page over that time
	wrk_form $(((DELAY_MS + 999) / 1000)) 50 "$DIR/wrk-$v.txt"
	wait "$DRIVER_PID"; DRIVER_PID=
	read -r rps p50 p99 _ bad <<<"$(wrk_summary "$DIR/wrk-$v.txt")"
	s=$DIR/slow-$v.txt
	log "Java $v: form p99 $p99 ms while $ISSUES issues waited; $(sed -n 's/^slow_n=//p' "$s") issued"
	echo "| $v | $p50 | $p99 | $rps | $(sed -n 's/^slow_n=//p' "$s") / $ISSUES | $(sed -n 's/^slow_median_ms=//p' "$s") | $(sed -n 's/^slow_max_ms=//p' "$s") | \`${SHIPPED[*]} ${archive[*]}\` |" >>"$OUT"
	stop "$PORTAL_PID"; PORTAL_PID=
done
echo >>"$OUT"
cat "$OUT"
