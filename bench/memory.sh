#!/usr/bin/env bash
# Benchmark 5: resident set size after start (first 200 + 5 s idle), right after REQUESTS (100,000)
# form-page requests with wrk (50 connections, session cookie) and 10 s later; live heap after a full GC.
# Shipped flags on Java 17 and 25. Writes $BENCH_OUT/memory.md.
cd "$(dirname "$0")/.." && source bench/lib.sh
REQUESTS=${REQUESTS:-100000}
OUT=$BENCH_OUT/memory.md
DIR=$BENCH_OUT/memory
build
prepare_extracted
start_emulator 3 "$DIR" 0
trap 'stop ${PORTAL_PID:-} $EMULATOR_PID' EXIT
read -r -a SHIPPED <<<"$(shipped_flags)"
{
	echo "## 5. Memory: RSS after start and after $REQUESTS form-page requests; live heap after GC"
	echo
	machine
	echo
	echo "| JVM | RSS after start MB | RSS right after the requests MB | RSS 10 s later MB | requests | live heap after GC MB | JVM flags |"
	echo "|---|---|---|---|---|---|---|"
} >"$OUT"
for v in ${JAVAS:-17 25}; do
	java=$JAVA17 archive=(-XX:SharedArchiveFile=app17.jsa)
	[[ $v == 25 ]] && java=$JAVA25 archive=(-XX:AOTCache=app25.aot)
	start_portal "$DIR" "$java" "${SHIPPED[@]}" "${archive[@]}" --
	COOKIE=$(session_cookie)
	curl -s -o /dev/null -H "Cookie: $COOKIE" "http://127.0.0.1:$PORTAL_PORT/"
	sleep 5
	started=$(rss_mb "$PORTAL_PID")
	# wrk has no request count: 5 s rounds until REQUESTS are done
	n=0
	while ((n < REQUESTS)); do
		wrk_form 5 50 "$DIR/wrk-$v.txt"
		read -r _ _ _ done_ _ <<<"$(wrk_summary "$DIR/wrk-$v.txt")"
		n=$((n + done_))
	done
	after=$(rss_mb "$PORTAL_PID")
	sleep 10
	idle=$(rss_mb "$PORTAL_PID")
	live=$(live_heap_mb "$PORTAL_PID" "$java")
	log "Java $v: RSS $started MB after start, $after MB after $n requests, $idle MB 10 s later; live heap $live MB"
	echo "| $v | $started | $after | $idle | $n | $live | \`${SHIPPED[*]} ${archive[*]}\` |" >>"$OUT"
	stop "$PORTAL_PID"; PORTAL_PID=
done
echo >>"$OUT"
cat "$OUT"
