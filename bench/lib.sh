# Shared by the bench/*.sh scripts: build, start and stop the portal and the emulator, record the
# machine. Source it; it expects to run from the repository root (the scripts cd there).
set -euo pipefail

BENCH_OUT=${BENCH_OUT:-target/bench}
JAVA17=${JAVA17:-$(command -v java)}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAVA=${JAVA:-$JAVA17}
AWS_CLI=${AWS_CLI:-/usr/bin/aws}
PORTAL_PORT=${PORTAL_PORT:-18080}
EMULATOR_PORT=${EMULATOR_PORT:-18443}
JAR=target/mfa-portal-0.1.0-SNAPSHOT.jar
# glibc's malloc otherwise keeps an arena per core and thread burst: part of the shipped environment
MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
mkdir -p "$BENCH_OUT"

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# flags_in <file...>: the JVM flags of flags files, comments and blank lines left out.
flags_in() { awk '!/^[[:space:]]*(#|$)/' "$@" | tr '\n' ' '; }
# The JVM flags the portal ships with: the container's and `java -jar`'s.
shipped_flags() { flags_in bench/jvm-flags.txt; }
# The files of the flag set a script measures: the shipped flags, or with FLAG_SET=desktop the
# installed launcher's, which adds bench/jvm-flags-desktop.txt to them.
flag_set_files() {
	if [[ ${FLAG_SET:-} == desktop ]]; then echo bench/jvm-flags.txt bench/jvm-flags-desktop.txt; else echo bench/jvm-flags.txt; fi
}

# Builds the jar (tests skipped: ./mvnw verify runs them) and the class path the Java drivers use.
build() {
	if [[ ${BENCH_SKIP_BUILD:-} != 1 || ! -f $JAR ]]; then
		log "building $JAR"
		./mvnw -B -q ${BENCH_MVN_ARGS:-} package -DskipTests
	fi
	if [[ ! -f $BENCH_OUT/classpath.txt || pom.xml -nt $BENCH_OUT/classpath.txt ]]; then
		./mvnw -B -q ${BENCH_MVN_ARGS:-} dependency:build-classpath -Dmdep.outputFile="$BENCH_OUT/classpath.txt" -Dmdep.includeScope=runtime
	fi
}

# The calibration app (bench/calibration): the portal's stack with one small page, the floor that
# bench/floor.sh measures the portal against. Built with the project's wrapper, extracted and
# trained exactly as the portal is.
CAL_JAR=bench/calibration/target/calibration-0.1.0.jar
CAL_PORT=${CAL_PORT:-18081}
build_calibration() {
	if [[ ${BENCH_SKIP_BUILD:-} != 1 || ! -f $CAL_JAR ]]; then
		log "building $CAL_JAR"
		./mvnw -B -q ${BENCH_MVN_ARGS:-} -f bench/calibration/pom.xml package
	fi
	prepare_extracted_jar "$CAL_JAR" "$BENCH_OUT/calibration"
}

# start_calibration <dir> <java> <flags...>: runs the calibration app from its extracted folder on
# $CAL_PORT with its database under <dir>; CAL_PID is set.
start_calibration() {
	local dir=$1 java=$2 abs; shift 2
	abs=$(realpath "$dir")
	rm -rf "$abs/cal-data"
	# emptied here, not by the background start's redirection: the wait below must not read the
	# last run's line before that start has begun
	: >"$dir/calibration.log"
	(cd "$BENCH_OUT/calibration" && exec env MALLOC_ARENA_MAX="$MALLOC_ARENA_MAX" "$java" "$@" \
		-jar calibration-0.1.0.jar --server.port="$CAL_PORT" --portal.data-dir="$abs/cal-data") \
		>"$dir/calibration.log" 2>&1 &
	CAL_PID=$!
	wait_for_line "$dir/calibration.log" 'Started CalibrationApplication' 90
}

# Class path for bench/*.java: the portal's classes (the emulator lives there), the test classes
# (TestEmulator, the emulator's controls such as the response delay, which main does not expose;
# package -DskipTests still compiles them) and its runtime jars.
driver_classpath() { echo "target/classes:target/test-classes:$(cat "$BENCH_OUT/classpath.txt")"; }

# The layout the container and the README's fast start use: the extracted jar, plus an AppCDS
# archive (Java 17) and an AOT cache (Java 25) each trained with the shipped flags by starting the
# context once and exiting at refresh. An archive is used only with the flags and class path it was
# trained with, so every run below starts from $BENCH_OUT/app with a relative jar path.
prepare_extracted() { prepare_extracted_jar "$JAR" "$BENCH_OUT/app"; }

# prepare_extracted_jar <jar> <folder>: the same for any Boot jar (bench/floor.sh's calibration app).
prepare_extracted_jar() {
	local jar=$1 dir=$2 flags
	if [[ ! -f $dir/.extracted || $jar -nt $dir/.extracted || bench/jvm-flags.txt -nt $dir/.extracted ]]; then
		rm -rf "$dir"
		"$JAVA17" -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null
		touch "$dir/.extracted"
	fi
	read -r -a flags <<<"$(shipped_flags)"
	# TRAIN_JAVAS="17" spares a run that measures Java 17 only a start per app to train Java 25
	[[ " ${TRAIN_JAVAS:-17 25} " == *" 17 "* ]] &&
		train "$dir" "$(basename "$jar")" "$JAVA17" "${flags[@]}" -XX:ArchiveClassesAtExit=app17.jsa
	[[ " ${TRAIN_JAVAS:-17 25} " == *" 25 "* ]] &&
		train "$dir" "$(basename "$jar")" "$JAVA25" "${flags[@]}" -XX:AOTCacheOutput=app25.aot
	return 0
}

# train <folder> <jar name> <java> <flags...> <archive flag>: writes the archive once per extracted jar.
train() {
	local dir=$1 jarname=$2 java=$3 archive data
	shift 3
	archive=${*: -1}
	archive=${archive#*=}
	if [[ ! -f $dir/$archive ]]; then
		log "training $dir/$archive"
		data=$(realpath "$BENCH_OUT")/train-data
		rm -rf "$data"
		(cd "$dir" && "$java" "$@" -Dspring.context.exit=onRefresh -Dportal.data-dir="$data" \
			-jar "$jarname" >"train-$archive.log" 2>&1) || true
	fi
}

# Writes AWS files with $1 profiles bench001.. (keys and devices the emulator knows) under $2.
# Starts the emulator (delay $3 ms) in the background on Java 25, whose virtual threads keep it from
# being the bottleneck when many requests wait in its delay; EMULATOR_PID is set.
start_emulator() {
	local users=$1 dir=$2 delay=${3:-0}
	mkdir -p "$dir"
	rm -f "$dir/used-steps.txt" # a new emulator has seen no code
	"$JAVA25" -cp "$(driver_classpath)" bench/Emulator.java "$EMULATOR_PORT" "$users" "$delay" "$dir" \
		>"$dir/emulator.log" 2>&1 &
	EMULATOR_PID=$!
	wait_for_line "$dir/emulator.log" '^endpoint=' 30
}

# start_portal <dir> <java> <flags...> -- <args...>: runs the jar from $BENCH_OUT/app (the extracted
# layout; APP_DIR names another, such as floor.sh's earlier build) with the AWS files of
# start_emulator; PORTAL_PID and LAUNCH_URL are set.
start_portal() {
	local dir=$1 java=$2; shift 2
	local flags=() args=()
	while [[ $# -gt 0 && $1 != -- ]]; do flags+=("$1"); shift; done
	[[ $# -gt 0 ]] && shift
	args=("$@")
	local abs
	abs=$(realpath "$dir")
	rm -rf "$abs/data"
	: >"$dir/portal.log" # as in start_calibration: the wait below must not find the last run's link
	# Run from the extracted folder with a relative jar path: the CDS archive / AOT cache only
	# applies when the class path is the training run's.
	(cd "${APP_DIR:-$BENCH_OUT/app}" && exec env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_SESSION_TOKEN -u AWS_PROFILE \
		AWS_SHARED_CREDENTIALS_FILE="$abs/credentials" AWS_CONFIG_FILE="$abs/config" MALLOC_ARENA_MAX="$MALLOC_ARENA_MAX" \
		"$java" "${flags[@]}" -jar mfa-portal-0.1.0-SNAPSHOT.jar --server.port="$PORTAL_PORT" \
		--portal.data-dir="$abs/data" --portal.sts.endpoint="http://127.0.0.1:$EMULATOR_PORT" --portal.iam.endpoint="http://127.0.0.1:$EMULATOR_PORT" \
		--portal.sts.region=us-east-1 "${args[@]}") >"$dir/portal.log" 2>&1 &
	PORTAL_PID=$!
	wait_for_line "$dir/portal.log" 'http://127.0.0.1:[0-9]*/' 90
	LAUNCH_URL=$(grep -o 'http://127.0.0.1:[0-9]*/[^ ]*' "$dir/portal.log" | head -1)
}

# Exchanges the launch link for a session cookie, as a browser does; prints the cookie header value.
session_cookie() {
	curl -s -o /dev/null -D - "$LAUNCH_URL" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(MFAPORTAL_SESSION=[^;]*\).*/\1/p'
}

wait_for_line() {
	local file=$1 pattern=$2 timeout=$3 i
	for ((i = 0; i < timeout * 20; i++)); do
		grep -q "$pattern" "$file" 2>/dev/null && return 0
		sleep 0.05
	done
	log "timed out waiting for '$pattern' in $file:"; tail -30 "$file" >&2; return 1
}

stop() {
	local pid
	for pid in "$@"; do
		[[ -n $pid ]] || continue
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
}

rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# The JVM's live heap: a full GC, then the used bytes of every generation (any collector).
live_heap_mb() {
	local jcmd jstat
	jcmd=$(dirname "$(readlink -f "$2")")/jcmd; jstat=$(dirname "$(readlink -f "$2")")/jstat
	"$jcmd" "$1" GC.run >/dev/null
	"$jstat" -gc "$1" | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
		NR == 2 { printf "%.0f", ($(col["S0U"]) + $(col["S1U"]) + $(col["EU"]) + $(col["OU"])) / 1024 }'
}

# One markdown header block for a results file: machine, JVMs, load, date.
machine() {
	echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -m | awk '/Mem:/ {print $2}') MB RAM, $(uname -sr)"
	echo "- JVMs: $("$JAVA17" -version 2>&1 | sed -n 2p); $("$JAVA25" -version 2>&1 | sed -n 2p)"
	echo "- load at start: $(uptime | sed 's/.*load average/load average/')"
}

# median and p99 of the numbers on stdin, one a line
percentiles() {
	sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "n/a n/a"; exit }
		m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		p = int(NR * 0.99 + 0.999999); if (p > NR) p = NR; printf "%s %s\n", m, v[p] }'
}

# "requests/s p50_ms p99_ms requests non-2xx" from a `wrk --latency` output file
wrk_summary() {
	awk 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000; return v * 1000 }
		$1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
		/requests in/ { n = $1 } /Non-2xx/ { bad = $NF } /Requests\/sec/ { rps = $2 }
		END { printf "%.0f %.2f %.2f %d %d\n", rps, p50, p99, n, bad }' "$1"
}

# wrk against the form page with the session cookie a browser holds: wrk_form <seconds> <connections> <out>
wrk_form() {
	wrk -t2 -c"$2" -d"$1"s --latency -H "Cookie: $COOKIE" "http://127.0.0.1:$PORTAL_PORT/" >"$3"
}

# CPU seconds (user + system) the process has used so far
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }

# probe [port]: one HTTP/1.1 GET / through bash's /dev/tcp (default $PORTAL_PORT), true on a 200: no
# process per probe to compete with a starting JVM.
probe() {
	{ exec 3<>"/dev/tcp/127.0.0.1/${1:-$PORTAL_PORT}"; } 2>/dev/null || return 1
	printf 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
	local status=""
	read -r -t 10 status <&3 || true
	exec 3>&-
	[[ $status == *" 200 "* ]]
}
