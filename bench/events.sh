#!/usr/bin/env bash
# The outbox keeps up (issue 23), shipped flags on Java 17, against the emulator (no delay) and a
# local receiver (bench/Issue.java receiver: checks each signature and that the body's id is the
# header's, counts distinct events):
#  a. events per second to the receiver: the receiver holds its posts while K forms the portal
#     refuses before STS are sent (each a history row, so an event, all of one actor: the strictest
#     order), then lets go; the time until all K have arrived. Median of ROUNDS rounds;
#  b. the added latency of an issue with events on: two portals at once on one emulator, one with a
#     webhook to the receiver and one without, issues interleaved ABBA, N of each after WARMUP of
#     each, ROUNDS rounds; the ratio of the medians (on / off) must be at most 1.05.
# The machine is shared: the load average is recorded before each round.
# Writes $BENCH_OUT/events.md.
cd "$(dirname "$0")/.." && source bench/lib.sh
N=${N:-100}
WARMUP=${WARMUP:-30}
K=${K:-500}
ROUNDS=${ROUNDS:-3}
USERS=${USERS:-120}
RECEIVER_PORT=${RECEIVER_PORT:-18445}
OFF_PORT=${OFF_PORT:-18082}
SECRET=bench-events-secret
OUT=$BENCH_OUT/events.md
DIR=$BENCH_OUT/events
build
prepare_extracted
mkdir -p "$DIR/on" "$DIR/off"
start_emulator "$USERS" "$DIR" 0
"$JAVA17" -cp "$(driver_classpath)" bench/Issue.java receiver "$RECEIVER_PORT" "$SECRET" >"$DIR/receiver.log" 2>&1 &
RECEIVER_PID=$!
wait_for_line "$DIR/receiver.log" '^receiver=' 60
ON_PID= OFF_PID=
trap 'stop $ON_PID $OFF_PID $RECEIVER_PID $EMULATOR_PID' EXIT
read -r -a SHIPPED <<<"$(shipped_flags)"
ARCHIVE=(-XX:SharedArchiveFile=app17.jsa)
WEBHOOK=(--portal.events.webhook-url="http://127.0.0.1:$RECEIVER_PORT/hook" --portal.events.webhook-secret="$SECRET"
	--portal.events.request-timeout=120s)
# Both portals read the same AWS files (the emulator's profiles)
cp "$DIR/credentials" "$DIR/config" "$DIR/on/"; cp "$DIR/credentials" "$DIR/config" "$DIR/off/"
cp "$DIR/users.tsv" "$DIR/on/"
{
	echo "## The outbox: events per second, and an issue with events on against off"
	echo
	machine
	echo "- $K refused forms per drain round (one actor); $N issues of each per latency round after $WARMUP of each; times in ms"
	echo
	echo "| round | load (1 min) | events/s to the receiver | s for $K | issue, events off (median ms) | issue, events on (median ms) | on / off | bad posts |"
	echo "|---|---|---|---|---|---|---|---|"
} >"$OUT"
PORTAL_PORT=$OFF_PORT start_portal "$DIR/off" "$JAVA17" "${SHIPPED[@]}" "${ARCHIVE[@]}" --
OFF_PID=$PORTAL_PID OFF_URL=$LAUNCH_URL
start_portal "$DIR/on" "$JAVA17" "${SHIPPED[@]}" "${ARCHIVE[@]}" -- "${WEBHOOK[@]}"
ON_PID=$PORTAL_PID
# its log names the webhook's URL too: the launch link is the one with a token
wait_for_line "$DIR/on/portal.log" '/launch?token=' 90
ON_URL=$(grep -o "http://127.0.0.1:$PORTAL_PORT/launch?token=[^ ]*" "$DIR/on/portal.log" | head -1)
# one driver for every round: a launch link admits one browser, once
"$JAVA17" -cp "$(driver_classpath)" bench/Issue.java events "$DIR" "$OFF_URL" "$ON_URL" "http://127.0.0.1:$RECEIVER_PORT/" \
	"$K" "$WARMUP" "$N" "$ROUNDS" | tee -a "$OUT" >&2
echo >>"$OUT"
echo "- load at the end: $(uptime | sed 's/.*load average/load average/')" >>"$OUT"
echo >>"$OUT"
cat "$OUT"
