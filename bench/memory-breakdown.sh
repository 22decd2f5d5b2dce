#!/usr/bin/env bash
# Where the portal's resident memory goes, beside the calibration app's: both started side by side
# with the shipped flags and archive plus -XX:NativeMemoryTracking=summary, IDLE_SECONDS (60) untouched,
# then wrk -c50 on each page for LOAD_SECONDS (30) and 10 s of rest. At each point the RSS and the
# JVM's own account (jcmd VM.native_memory summary: committed MB per category), so that a difference
# in RSS is split into heap, class metadata, code, threads, GC, compiler and the rest.
# JAVA_VERSION (17 or 25); FLAG_SET=desktop adds bench/jvm-flags-desktop.txt, as bench/floor.sh does.
# NMT itself costs a few MB on both sides. Writes $BENCH_OUT/memory-breakdown.md.
cd "$(dirname "$0")/.." && source bench/lib.sh
JAVA_VERSION=${JAVA_VERSION:-17}
IDLE_SECONDS=${IDLE_SECONDS:-60}
LOAD_SECONDS=${LOAD_SECONDS:-30}
CAL_PORT=${CAL_PORT:-18081}
OUT=$BENCH_OUT/memory-breakdown.md
DIR=$BENCH_OUT/memory-breakdown
build
prepare_extracted
build_calibration
mkdir -p "$DIR"
read -r -a FLAG_FILES <<<"$(flag_set_files)"
read -r -a FLAGS <<<"$(flags_in "${FLAG_FILES[@]}")"
java=$JAVA17 archive=-XX:SharedArchiveFile=app17.jsa
[[ $JAVA_VERSION == 25 ]] && java=$JAVA25 archive=-XX:AOTCache=app25.aot
jcmd=$(dirname "$(readlink -f "$java")")/jcmd
jstat=$(dirname "$(readlink -f "$java")")/jstat
trap 'stop ${PORTAL_PID:-} ${CAL_PID:-} ${EMULATOR_PID:-}' EXIT
printf '[default]\naws_access_key_id = AKIAEXAMPLEEXAMPLE01\naws_secret_access_key = example/secret/only/for/the/benchmark/01\n' >"$DIR/credentials"
printf '[default]\nregion = us-east-1\n' >"$DIR/config"

start_emulator 1 "$DIR" 0
start_portal "$DIR" "$java" "${FLAGS[@]}" "$archive" -XX:NativeMemoryTracking=summary --
PORTAL_COOKIE=$(session_cookie)
start_calibration "$DIR" "$java" "${FLAGS[@]}" "$archive" -XX:NativeMemoryTracking=summary
page() { curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $2" "http://127.0.0.1:$1/"; }
[[ $(page "$PORTAL_PORT" "$PORTAL_COOKIE") == 200 && $(page "$CAL_PORT" "") == 200 ]] || { log "no 200"; exit 1; }

# snapshot <name>: RSS and NMT's committed MB per category of both apps, in $DIR/<name>-<app>.txt
snapshot() {
	local app pid
	for app in portal calibration; do
		pid=$PORTAL_PID; [[ $app == calibration ]] && pid=$CAL_PID
		{
			echo "RSS $(rss_mb "$pid")"
			"$jcmd" "$pid" VM.native_memory summary scale=KB |
				sed -n -e 's/^Total: reserved=[0-9]*KB, committed=\([0-9]*\)KB.*/Total \1/p' \
					-e 's/^-  *\([A-Za-z][A-Za-z ]*\) (reserved=[0-9]*KB, committed=\([0-9]*\)KB.*/\1 \2/p' |
				awk '{ kb = $NF; $NF = ""; sub(/ $/, ""); printf "%s %.1f\n", $0, kb / 1024 }' | tr ' ' '_' | sed 's/_\([0-9.]*\)$/ \1/'
			# of the committed heap, what holds objects (live or not yet collected), and the classes
			"$jstat" -gc "$pid" | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
				NR == 2 { printf "Java_Heap_in_use %.1f\n", ($(col["S0U"]) + $(col["S1U"]) + $(col["EU"]) + $(col["OU"])) / 1024 }'
			"$jstat" -class "$pid" | awk 'NR == 2 { print "Classes_loaded_(count)", $1 }'
		} >"$DIR/$1-$app.txt"
	done
}
sleep "$IDLE_SECONDS"
snapshot idle
wrk -t2 -c50 -d"$LOAD_SECONDS"s -H "Cookie: $PORTAL_COOKIE" "http://127.0.0.1:$PORTAL_PORT/" >"$DIR/wrk-portal.txt"
wrk -t2 -c50 -d"$LOAD_SECONDS"s "http://127.0.0.1:$CAL_PORT/" >"$DIR/wrk-calibration.txt"
sleep 10
snapshot load

{
	echo "## Where the resident memory goes: portal and calibration app, NMT"
	echo
	machine
	echo "- Java $JAVA_VERSION, flags \`${FLAGS[*]} $archive -XX:NativeMemoryTracking=summary\`; idle ${IDLE_SECONDS} s, then wrk -c50 for ${LOAD_SECONDS} s on each page and 10 s of rest"
	echo "- requests served: portal $(wrk_summary "$DIR/wrk-portal.txt" | cut -d' ' -f4), calibration $(wrk_summary "$DIR/wrk-calibration.txt" | cut -d' ' -f4)"
	echo
	echo "| MB | portal idle | calibration idle | difference | portal after load | calibration after load | difference |"
	echo "|---|---|---|---|---|---|---|"
	for key in $(cut -d' ' -f1 "$DIR/idle-portal.txt"); do
		pi=$(awk -v k="$key" '$1 == k { print $2 }' "$DIR/idle-portal.txt")
		ci=$(awk -v k="$key" '$1 == k { print $2 }' "$DIR/idle-calibration.txt")
		pl=$(awk -v k="$key" '$1 == k { print $2 }' "$DIR/load-portal.txt")
		cl=$(awk -v k="$key" '$1 == k { print $2 }' "$DIR/load-calibration.txt")
		case $key in
		RSS) label="**RSS**" ;;
		Java_Heap_in_use | Classes_loaded_*) label=${key//_/ } ;;
		*) label="NMT committed: ${key//_/ }" ;;
		esac
		echo "| $label | $pi | ${ci:-0} | $(awk -v a="$pi" -v b="${ci:-0}" 'BEGIN { printf "%+.1f", a - b }') | $pl | ${cl:-0} | $(awk -v a="$pl" -v b="${cl:-0}" 'BEGIN { printf "%+.1f", a - b }') |"
	done
	echo
} >"$OUT"
cat "$OUT"
