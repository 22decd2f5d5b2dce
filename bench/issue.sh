#!/usr/bin/env bash
# Benchmarks 3 and 4, against the emulator with no artificial delay, shipped flags on Java 17 and 25:
#  3. the portal's issuing POST read to the end of the rendered result, and the same GetSessionToken
#     made directly with the SDK (one client, keys per call as the portal does), interleaved, N (100)
#     of each after a warm-up (one portal issue per profile, WARMUP SDK calls); the difference of
#     the medians is the portal's overhead. Parsing the AWS files, which the portal does per issue
#     for the signing secret, is timed on its own: this benchmark's USERS profiles cost more than a
#     person's few;
#  4. the portal's issuing request and `aws sts get-session-token --endpoint-url` (AWS CLI v2 from
#     Debian, $AWS_CLI), interleaved in the same run, CLI_N (20) of each; the ratio of the medians.
# Every call types a fresh code of its own device (bench/Emulator.java, USERS devices).
# Writes $BENCH_OUT/issue.md.
cd "$(dirname "$0")/.." && source bench/lib.sh
N=${N:-100}
WARMUP=${WARMUP:-30}
CLI_N=${CLI_N:-20}
USERS=${USERS:-120}
OUT=$BENCH_OUT/issue.md
DIR=$BENCH_OUT/issue
build
prepare_extracted
start_emulator "$USERS" "$DIR" 0
trap 'stop ${PORTAL_PID:-} $EMULATOR_PID' EXIT
read -r -a SHIPPED <<<"$(shipped_flags)"
ENDPOINT=http://127.0.0.1:$EMULATOR_PORT
{
	echo "## 3 and 4. Issuing against the emulator (no delay)"
	echo
	machine
	echo "- AWS CLI: $("$AWS_CLI" --version 2>&1)"
	echo "- $USERS devices (one AWS profile each); every call types a fresh code; times in ms"
	echo
	echo "| JVM | portal median | portal p99 | SDK direct median | SDK direct p99 | overhead (median) | of which parsing $USERS profiles | portal median (vs CLI) | AWS CLI median | CLI / portal |"
	echo "|---|---|---|---|---|---|---|---|---|---|"
} >"$OUT"
value() { sed -n "s/^$1=//p" "$2"; }
for v in ${JAVAS:-17 25}; do
	java=$JAVA17 archive=(-XX:SharedArchiveFile=app17.jsa)
	[[ $v == 25 ]] && java=$JAVA25 archive=(-XX:AOTCache=app25.aot)
	stop "$EMULATOR_PID"
	start_emulator "$USERS" "$DIR" 0 # fresh: no code used yet
	start_portal "$DIR" "$java" "${SHIPPED[@]}" "${archive[@]}" --
	"$JAVA17" -cp "$(driver_classpath)" bench/Issue.java overhead "$DIR" "$LAUNCH_URL" "$ENDPOINT" "$WARMUP" "$N" \
		>"$DIR/overhead-$v.txt"
	"$JAVA17" -cp "$(driver_classpath)" bench/Issue.java cli "$DIR" "$LAUNCH_URL" "$ENDPOINT" "$CLI_N" "$AWS_CLI" \
		>"$DIR/cli-$v.txt"
	o=$DIR/overhead-$v.txt c=$DIR/cli-$v.txt
	overhead=$(awk -v a="$(value portal_median_ms "$o")" -v b="$(value sdk_median_ms "$o")" 'BEGIN { printf "%.2f", a - b }')
	ratio=$(awk -v a="$(value cli_median_ms "$c")" -v b="$(value portal_median_ms "$c")" 'BEGIN { printf "%.1f", a / b }')
	log "Java $v: overhead $overhead ms; CLI/portal $ratio"
	echo "| $v | $(value portal_median_ms "$o") | $(value portal_p99_ms "$o") | $(value sdk_median_ms "$o") | $(value sdk_p99_ms "$o") | $overhead | $(value parse_median_ms "$o") | $(value portal_median_ms "$c") | $(value cli_median_ms "$c") | $ratio |" >>"$OUT"
	stop "$PORTAL_PID"; PORTAL_PID=
done
echo >>"$OUT"
cat "$OUT"
