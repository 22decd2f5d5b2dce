#!/usr/bin/env bash
# Benchmark 1: cold start, from `java` to the first 200 on the form page, median of RUNS (10) for the
# shipped flags on Java 17 and 25, and VARIANT_RUNS (5) for each tuning step on its own.
# Writes $BENCH_OUT/cold-start.md. The launch link is turned off so that the very first GET / can
# answer 200; the page is otherwise the same.
cd "$(dirname "$0")/.." && source bench/lib.sh
RUNS=${RUNS:-10}
VARIANT_RUNS=${VARIANT_RUNS:-5}
OUT=$BENCH_OUT/cold-start.md
DIR=$BENCH_OUT/cold-start

# once <java> <jar path relative to the run folder> <run folder> <flags...>: prints "ms rss_mb"
once() {
	local java=$1 jar=$2 folder=$3; shift 3
	local abs start end pid rss
	abs=$(realpath "$DIR")
	rm -rf "$abs/data"
	start=$(date +%s%N)
	(cd "$folder" && exec env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_PROFILE \
		AWS_SHARED_CREDENTIALS_FILE="$abs/credentials" AWS_CONFIG_FILE="$abs/config" MALLOC_ARENA_MAX="$MALLOC_ARENA_MAX" \
		"$java" "$@" -jar "$jar" --server.port="$PORTAL_PORT" --portal.data-dir="$abs/data" \
		--portal.access.launch-token=false) >"$DIR/portal.log" 2>&1 &
	pid=$!
	until probe; do
		kill -0 "$pid" 2>/dev/null || { log "portal died:"; tail -20 "$DIR/portal.log" >&2; return 1; }
		sleep 0.01
	done
	end=$(date +%s%N)
	rss=$(rss_mb "$pid")
	stop "$pid"
	echo "$(((end - start) / 1000000)) $rss"
}

# variant <label> <runs> <java> <jar> <folder> <flags...>: one table row
variant() {
	local label=$1 runs=$2; shift 2
	local i times=() rsses=() line
	once "$@" >/dev/null # the first start after a build also warms the page cache
	for ((i = 0; i < runs; i++)); do
		line=$(once "$@")
		times+=("${line% *}")
		rsses+=("${line#* }")
	done
	local median rss
	median=$(printf '%s\n' "${times[@]}" | percentiles | cut -d' ' -f1)
	rss=$(printf '%s\n' "${rsses[@]}" | percentiles | cut -d' ' -f1)
	log "$label: median ${median} ms (${times[*]})"
	printf '| %s | %s | %s | %s | `%s` |\n' "$label" "$median" "$runs" "$rss" "${*:4}" >>"$OUT"
}

build
prepare_extracted
mkdir -p "$DIR"
printf '[default]\naws_access_key_id = AKIAEXAMPLEEXAMPLE01\naws_secret_access_key = example/secret/only/for/the/benchmark/01\n' >"$DIR/credentials"
printf '[default]\nregion = us-east-1\nmfa_serial = arn:aws:iam::123456789012:mfa/bench\n' >"$DIR/config"
APP=$BENCH_OUT/app
JARNAME=mfa-portal-0.1.0-SNAPSHOT.jar
FLAGS=$(shipped_flags)
read -r -a SHIPPED <<<"$FLAGS"

{
	echo "## 1. Cold start: java to the first 200 on the form page"
	echo
	machine
	echo "- shipped flags (bench/jvm-flags.txt): \`$FLAGS\`"
	echo
	echo "| how it ran | median ms | runs | RSS at first 200, MB | JVM flags |"
	echo "|---|---|---|---|---|"
} >"$OUT"

variant "Java 17, shipped flags, extracted + AppCDS" "$RUNS" "$JAVA17" "$JARNAME" "$APP" "${SHIPPED[@]}" -XX:SharedArchiveFile=app17.jsa
variant "Java 25, shipped flags, extracted + AOT cache" "$RUNS" "$JAVA25" "$JARNAME" "$APP" "${SHIPPED[@]}" -XX:AOTCache=app25.aot
if [[ ${VARIANTS:-1} == 1 ]]; then
	# each tuning step on its own, in the order they were applied
	variant "Java 17, fat jar, no flags" "$VARIANT_RUNS" "$JAVA17" "$(realpath "$JAR")" .
	variant "Java 17, extracted, no flags" "$VARIANT_RUNS" "$JAVA17" "$JARNAME" "$APP"
	variant "Java 17, extracted, shipped flags" "$VARIANT_RUNS" "$JAVA17" "$JARNAME" "$APP" "${SHIPPED[@]}"
	variant "Java 17, + AppCDS + C1 only" "$VARIANT_RUNS" "$JAVA17" "$JARNAME" "$APP" "${SHIPPED[@]}" -XX:SharedArchiveFile=app17.jsa -XX:TieredStopAtLevel=1
	variant "Java 17, + AppCDS + lazy init" "$VARIANT_RUNS" "$JAVA17" "$JARNAME" "$APP" "${SHIPPED[@]}" -XX:SharedArchiveFile=app17.jsa -Dspring.main.lazy-initialization=true
	variant "Java 25, extracted, no flags" "$VARIANT_RUNS" "$JAVA25" "$JARNAME" "$APP"
	variant "Java 25, extracted, shipped flags" "$VARIANT_RUNS" "$JAVA25" "$JARNAME" "$APP" "${SHIPPED[@]}"
	variant "Java 25, + AOT cache + C1 only" "$VARIANT_RUNS" "$JAVA25" "$JARNAME" "$APP" "${SHIPPED[@]}" -XX:AOTCache=app25.aot -XX:TieredStopAtLevel=1
	variant "Java 25, + AOT cache + lazy init" "$VARIANT_RUNS" "$JAVA25" "$JARNAME" "$APP" "${SHIPPED[@]}" -XX:AOTCache=app25.aot -Dspring.main.lazy-initialization=true
fi
echo >>"$OUT"
cat "$OUT"
