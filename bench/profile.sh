#!/usr/bin/env bash
# Where a warm form page's CPU goes: the portal (or, with APP=calibration, the calibration app) with
# the shipped flags and archive and a JFR recording, WARMUP (20) s of wrk -c50, then SECONDS_ (30) s
# recorded; prints the share of samples by layer (inclusive) and the hottest top frames, for the
# start-up (JVM start to ready, 10 ms sampling) and the warm page (1 ms sampling).
# bench/profile.sh [java]; the recording stays in $BENCH_OUT/profile/.
cd "$(dirname "$0")/.." && source bench/lib.sh
java=${1:-$JAVA17}
DIR=$BENCH_OUT/profile
BENCH_SKIP_BUILD=${BENCH_SKIP_BUILD:-1} build
prepare_extracted
mkdir -p "$DIR"
read -r -a SHIPPED <<<"$(shipped_flags)"
archive=-XX:SharedArchiveFile=app17.jsa
[[ $java == "$JAVA25" ]] && archive=-XX:AOTCache=app25.aot
JFR=(-XX:StartFlightRecording=name=startup,settings=profile,filename=$(realpath "$DIR")/startup.jfr)
if [[ ${APP:-portal} == calibration ]]; then
	build_calibration
	start_calibration "$DIR" "$java" "${SHIPPED[@]}" "$archive" "${JFR[@]}"
	PID=$CAL_PID URL=http://127.0.0.1:$CAL_PORT/
	COOKIE=$(curl -s -o /dev/null -D - "$URL" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([A-Z_]*SESSION=[^;]*\).*/\1/p')
else
	start_emulator 3 "$DIR" 0
	start_portal "$DIR" "$java" "${SHIPPED[@]}" "$archive" "${JFR[@]}" --
	PID=$PORTAL_PID URL=http://127.0.0.1:$PORTAL_PORT/
	COOKIE=$(session_cookie)
fi
trap 'stop $PID ${EMULATOR_PID:-}' EXIT
jcmd=$(dirname "$(readlink -f "$java")")/jcmd
jfr=$(dirname "$(readlink -f "$java")")/jfr
# start-up: from the JVM's start to the line the scripts wait for (launch link, "Started")
"$jcmd" "$PID" JFR.stop name=startup >/dev/null
"$jfr" print --events jdk.ExecutionSample --stack-depth 200 "$DIR/startup.jfr" >"$DIR/startup-samples.txt"
echo "== start-up (JVM start to ready)"
python3 bench/profile-summary.py "$DIR/startup-samples.txt" startup 15
# the JDK's profile settings, sampling every 1 ms instead of 10: enough samples on a busy machine
sed 's|<setting name="period" control="method-sampling-java-interval">[^<]*<|<setting name="period" control="method-sampling-java-interval">1 ms<|' \
	"$(dirname "$(dirname "$(readlink -f "$java")")")/lib/jfr/profile.jfc" >"$DIR/profile-1ms.jfc"
wrk -t2 -c50 -d"${WARMUP:-20}"s -H "Cookie: $COOKIE" "$URL" >/dev/null
"$jcmd" "$PID" JFR.start settings="$(realpath "$DIR")/profile-1ms.jfc" name=page filename="$(realpath "$DIR")/page.jfr" >/dev/null
wrk -t2 -c50 -d"${SECONDS_:-30}"s -H "Cookie: $COOKIE" "$URL" | grep -E 'Requests/sec|requests in'
"$jcmd" "$PID" JFR.stop name=page >/dev/null
"$jfr" print --events jdk.ExecutionSample --stack-depth 200 "$DIR/page.jfr" >"$DIR/samples.txt"
echo "== warm page"
python3 bench/profile-summary.py "$DIR/samples.txt" page 25
