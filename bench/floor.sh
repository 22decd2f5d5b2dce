#!/usr/bin/env bash
# The portal against the stack's own floor: the calibration app (bench/calibration: the same Spring
# Boot, Security, Thymeleaf, JDBC/Flyway/H2 and AWS SDK with one small page) built, extracted, trained
# and started exactly as the portal, every figure taken beside it in the same run so that a noisy
# machine moves both sides together. Writes $BENCH_OUT/floor.md.
#
# 1. both apps of every JVM in JAVAS ("17 25") started side by side with the shipped flags and
#    archive: RSS 5 s after the first page and IDLE_SECONDS (600) later, untouched meanwhile;
# 2. meanwhile, on other ports, start: java to the first 200 of the page, portal and calibration
#    alternating, START_RUNS (10) pairs per way of starting (START_HOW, "fat extracted": the plain
#    `java -jar` and the extracted jar with its archive) and JVM (START_JAVAS, default JAVAS); the
#    ratio of each pair, then the median and range of the ratios;
# 3. form page vs calibration page: wrk -c50, ROUNDS (5) pairs of ROUND_SECONDS (10) s, alternating
#    which goes first, after a 10 s warm-up each; ratio per pair;
#    START_ONLY=1 stops after the start pairs.
# 4. wrk topped up until each has served REQUESTS (100,000) or TOPUP_MAX_SECONDS have passed; RSS
#    right after, 10 s later and live heap after a full GC.
# FLAG_SET=desktop runs both apps with the installed launcher's flags (bench/jvm-flags.txt and
# bench/jvm-flags-desktop.txt) instead of the container's and `java -jar`'s (bench/jvm-flags.txt).
#
# BEFORE=<commit> measures a change instead (issue 20: the vault must cost nothing unused): the jar of
# <commit> ("before", built in a temporary git worktree) against this tree's ("now"), each as a
# ratio to the calibration app of the same round, and nothing else (writes $BENCH_OUT/floor-before.md).
# BEFORE=without-vault takes the last commit with the vault's package and libraries removed
# (bench/without-vault.sh) as "before":
# - start: START_RUNS rounds of three starts (before, now, calibration; which goes first rotates), for
#   each JVM in START_JAVAS and way in START_HOW; per round before / calibration, now / calibration
#   and now / before, then the median and range of each; and now / before of the CPU time each JVM
#   used up to its first page (less moved by other load than the wall time);
# - idle RSS: the three side by side (meanwhile, on other ports), RSS 5 s after the first page and
#   IDLE_SECONDS later, each portal over the calibration app (before started first;
#   RSS_ORDER="portal before" starts now first).
cd "$(dirname "$0")/.." && source bench/lib.sh
JAVAS=${JAVAS:-17 25}
START_RUNS=${START_RUNS:-10}
IDLE_SECONDS=${IDLE_SECONDS:-600}
ROUNDS=${ROUNDS:-5}
ROUND_SECONDS=${ROUND_SECONDS:-10}
REQUESTS=${REQUESTS:-100000}
# a cap on the top-up per app, for a machine too busy to serve REQUESTS in time: the table says
# how many requests each app served
TOPUP_MAX_SECONDS=${TOPUP_MAX_SECONDS:-100000}
OUT=$BENCH_OUT/floor.md
DIR=$BENCH_OUT/floor
build
prepare_extracted
build_calibration
if [[ -n ${BEFORE:-} ]]; then
	# BEFORE=without-vault: the last commit with the vault taken out (bench/without-vault.sh), so
	# that "before" differs from "now" by the vault alone, however much else has come since
	EDIT= SKIP_TESTS=-DskipTests
	if [[ $BEFORE == without-vault ]]; then
		BEFORE_REV=$(git rev-parse HEAD) EDIT=bench/without-vault.sh SKIP_TESTS=-Dmaven.test.skip=true
	else
		BEFORE_REV=$(git rev-parse --verify "$BEFORE^{commit}")
	fi
	BEFORE_APP=$BENCH_OUT/app-before
	if [[ ! -f $BENCH_OUT/before/$BEFORE_REV${EDIT:+-without-vault} ]]; then
		log "building the jar of $BEFORE_REV${EDIT:+ without the vault} in a temporary worktree"
		tree=$(mktemp -d)/tree
		git worktree add --detach "$tree" "$BEFORE_REV" >/dev/null
		[[ -z $EDIT ]] || bash "$EDIT" "$tree"
		(cd "$tree" && ./mvnw -B -q ${BENCH_MVN_ARGS:-} package "$SKIP_TESTS")
		rm -rf "$BENCH_OUT/before" && mkdir -p "$BENCH_OUT/before"
		cp "$tree/$JAR" "$BENCH_OUT/before/" && touch "$BENCH_OUT/before/$BEFORE_REV${EDIT:+-without-vault}"
		git worktree remove --force "$tree"
	fi
	BEFORE_JAR=$BENCH_OUT/before/$(basename "$JAR")
	prepare_extracted_jar "$BEFORE_JAR" "$BEFORE_APP"
fi
mkdir -p "$DIR"
read -r -a FLAG_FILES <<<"$(flag_set_files)"
read -r -a SHIPPED <<<"$(flags_in "${FLAG_FILES[@]}")"
PIDS=()
START_PID=
trap 'stop "${PIDS[@]}" ${START_PID:-} ${EMULATOR_PID:-}' EXIT

# ---- start pairs ----------------------------------------------------------------------------------

# start_ms <portal|calibration> <java> <fat|extracted> <flags...>: ms from exec to the first 200 of /
start_ms() {
	local app=$1 java=$2 how=$3; shift 3
	local abs start end pid folder jar port
	abs=$(realpath "$DIR")
	rm -rf "$abs/data"
	if [[ $app == portal || $app == before ]]; then
		folder=$BENCH_OUT/app jar=mfa-portal-0.1.0-SNAPSHOT.jar port=$PORTAL_PORT
		[[ $app == before ]] && folder=$BEFORE_APP
		[[ $how == fat ]] && folder=. jar=$(realpath "$JAR")
		[[ $how == fat && $app == before ]] && jar=$(realpath "$BEFORE_JAR")
		set -- "$@" -jar "$jar" --portal.access.launch-token=false
	else
		folder=$BENCH_OUT/calibration jar=calibration-0.1.0.jar port=$CAL_PORT
		[[ $how == fat ]] && folder=. jar=$(realpath "$CAL_JAR")
		set -- "$@" -jar "$jar"
	fi
	# another process answering on the port would be timed instead of this start
	if probe "$port"; then
		log "port $port already answers: set PORTAL_PORT / CAL_PORT to free ports"
		return 1
	fi
	start=$(date +%s%N)
	(cd "$folder" && exec env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_PROFILE \
		AWS_SHARED_CREDENTIALS_FILE="$abs/credentials" AWS_CONFIG_FILE="$abs/config" MALLOC_ARENA_MAX="$MALLOC_ARENA_MAX" \
		"$java" "$@" --server.port="$port" --portal.data-dir="$abs/data") >"$DIR/start-$app.log" 2>&1 &
	pid=$! START_PID=$!
	until probe "$port"; do
		kill -0 "$pid" 2>/dev/null || { log "$app died:"; tail -20 "$DIR/start-$app.log" >&2; return 1; }
		sleep 0.01
	done
	end=$(date +%s%N)
	# the CPU the JVM used up to that answer (all its threads: JIT and GC too), in $DIR/cpu-<app>:
	# less moved by other load on the machine than the wall time
	cpu_seconds "$pid" | awk '{ printf "%d\n", $1 * 1000 }' >"$DIR/cpu-$app"
	stop "$pid"
	echo $(((end - start) / 1000000))
}

# "median min max" of the numbers on stdin
spread() { sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s %s %s\n", m, v[1], v[NR] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

# start_row <label> <java> <fat|extracted> <flags...>
start_row() {
	local label=$1 java=$2 how=$3; shift 3
	local i p c portal=() cal=() ratios=()
	start_ms portal "$java" "$how" "$@" >/dev/null; start_ms calibration "$java" "$how" "$@" >/dev/null # page cache
	for ((i = 0; i < START_RUNS; i++)); do
		if ((i % 2 == 0)); then
			p=$(start_ms portal "$java" "$how" "$@"); c=$(start_ms calibration "$java" "$how" "$@")
		else
			c=$(start_ms calibration "$java" "$how" "$@"); p=$(start_ms portal "$java" "$how" "$@")
		fi
		portal+=("$p") cal+=("$c") ratios+=("$(ratio "$p" "$c")")
	done
	read -r pm _ _ <<<"$(printf '%s\n' "${portal[@]}" | spread)"
	read -r cm _ _ <<<"$(printf '%s\n' "${cal[@]}" | spread)"
	read -r rm rlo rhi <<<"$(printf '%s\n' "${ratios[@]}" | spread)"
	log "start, $label: portal ${portal[*]}; calibration ${cal[*]}; ratios ${ratios[*]}"
	echo "| $label | $pm | $cm | **$rm** | $rlo – $rhi | $START_RUNS | \`$*\` |" >>"$OUT"
}

# ---- BEFORE: this tree against an earlier commit, each over the calibration app ------------------

# before_start_row <label> <java> <fat|extracted> <flags...>
before_start_row() {
	local label=$1 java=$2 how=$3; shift 3
	local i b n c app order=(before portal calibration) bs=() ns=() cs=() rb=() rn=() rnb=() rcpu=()
	declare -A ms cpu
	for app in "${order[@]}"; do start_ms "$app" "$java" "$how" "$@" >/dev/null; done # page cache
	for ((i = 0; i < START_RUNS; i++)); do
		for app in "${order[@]:i%3}" "${order[@]:0:i%3}"; do
			ms[$app]=$(start_ms "$app" "$java" "$how" "$@")
			cpu[$app]=$(cat "$DIR/cpu-$app")
		done
		b=${ms[before]} n=${ms[portal]} c=${ms[calibration]}
		# each round in the log as it ends: a run cut short on a busy machine still keeps them
		log "round $((i + 1)), $label: before $b, now $n, calibration $c ms; CPU ${cpu[before]}, ${cpu[portal]}, ${cpu[calibration]} ms"
		bs+=("$b") ns+=("$n") cs+=("$c")
		rb+=("$(ratio "$b" "$c")") rn+=("$(ratio "$n" "$c")") rnb+=("$(ratio "$n" "$b")")
		rcpu+=("$(ratio "${cpu[portal]}" "${cpu[before]}")")
	done
	log "start, $label: before ${bs[*]}; now ${ns[*]}; calibration ${cs[*]}"
	log "  before/cal ${rb[*]}; now/cal ${rn[*]}; now/before ${rnb[*]}; CPU now/before ${rcpu[*]}"
	local bm nm cm rbm rblo rbhi rnm rnlo rnhi rxm rxlo rxhi
	read -r bm _ _ <<<"$(printf '%s\n' "${bs[@]}" | spread)"
	read -r nm _ _ <<<"$(printf '%s\n' "${ns[@]}" | spread)"
	read -r cm _ _ <<<"$(printf '%s\n' "${cs[@]}" | spread)"
	read -r rbm rblo rbhi <<<"$(printf '%s\n' "${rb[@]}" | spread)"
	read -r rnm rnlo rnhi <<<"$(printf '%s\n' "${rn[@]}" | spread)"
	read -r rxm rxlo rxhi <<<"$(printf '%s\n' "${rnb[@]}" | spread)"
	local rcm rclo rchi
	read -r rcm rclo rchi <<<"$(printf '%s\n' "${rcpu[@]}" | spread)"
	echo "| $label | $bm / $nm / $cm | **$rbm** ($rblo – $rbhi) | **$rnm** ($rnlo – $rnhi) | $rxm ($rxlo – $rxhi) | $rcm ($rclo – $rchi) | $START_RUNS |" >>"$OUT"
}

if [[ -n ${BEFORE:-} ]]; then
	OUT=$BENCH_OUT/floor-before.md
	start_emulator 3 "$DIR" 0
	declare -A PID COOKIES PORT RSS_START RSS_IDLE
	port=$((PORTAL_PORT + 10))
	java=$JAVA17 archive=(-XX:SharedArchiveFile=app17.jsa)
	[[ ${JAVAS%% *} == 25 ]] && java=$JAVA25 archive=(-XX:AOTCache=app25.aot)
	# RSS_ORDER="portal before" starts now first: the portal started second idled a few MB higher
	# in by-hand runs, so compare runs of both orders
	for k in ${RSS_ORDER:-before portal}; do
		mkdir -p "$DIR/$k" && cp "$DIR/credentials" "$DIR/config" "$DIR/$k/"
		dir=$BENCH_OUT/app; [[ $k == before ]] && dir=$BEFORE_APP
		APP_DIR=$dir PORTAL_PORT=$port start_portal "$DIR/$k" "$java" "${SHIPPED[@]}" "${archive[@]}" --
		PID[$k]=$PORTAL_PID PORT[$k]=$port COOKIES[$k]=$(session_cookie); PIDS+=("$PORTAL_PID"); port=$((port + 1))
	done
	mkdir -p "$DIR/calibration"
	CAL_PORT=$port start_calibration "$DIR/calibration" "$java" "${SHIPPED[@]}" "${archive[@]}"
	PID[calibration]=$CAL_PID PORT[calibration]=$port; PIDS+=("$CAL_PID")
	COOKIES[calibration]=$(curl -s -o /dev/null -D - "http://127.0.0.1:$port/" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(CALIBRATION_SESSION=[^;]*\).*/\1/p')
	for k in before portal calibration; do
		code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: ${COOKIES[$k]}" "http://127.0.0.1:${PORT[$k]}/")
		[[ $code == 200 ]] || { log "$k: $code, not 200, with its session"; exit 1; }
	done
	sleep 5
	for k in before portal calibration; do RSS_START[$k]=$(rss_mb "${PID[$k]}"); done
	IDLE_FROM=$SECONDS
	{
		echo "## Before and after a change, each against the calibration app, same run"
		echo
		echo "- before: \`$BEFORE\` ($BEFORE_REV); now: this tree at $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ' with changes')"
		machine
		echo "- shipped flags (${FLAG_FILES[*]}): \`${SHIPPED[*]}\`"
		echo
		echo "### Start: java to the first 200 of the page, rounds of three starts, which goes first rotating"
		echo
		echo "| how it ran | median ms before / now / calibration | before / calibration (median, range) | now / calibration (median, range) | now / before (median, range) | CPU now / before (median, range) | rounds |"
		echo "|---|---|---|---|---|---|---|"
	} >"$OUT"
	for v in ${START_JAVAS:-$JAVAS}; do
		for how in ${START_HOW:-fat extracted}; do
			j=$JAVA17 a=(-XX:SharedArchiveFile=app17.jsa) name="Java 17"
			[[ $v == 25 ]] && j=$JAVA25 a=(-XX:AOTCache=app25.aot) name="Java 25"
			if [[ $how == fat ]]; then
				before_start_row "$name, \`java -jar\` fat jar" "$j" fat "${SHIPPED[@]}"
			else
				before_start_row "$name, extracted + archive" "$j" extracted "${SHIPPED[@]}" "${a[@]}"
			fi
		done
	done
	IDLE_LEFT=$((IDLE_SECONDS - (SECONDS - IDLE_FROM)))
	((IDLE_LEFT > 0)) && { log "idle for $IDLE_LEFT s more"; sleep "$IDLE_LEFT"; }
	IDLE_TOOK=$((SECONDS - IDLE_FROM))
	for k in before portal calibration; do RSS_IDLE[$k]=$(rss_mb "${PID[$k]}"); done
	{
		echo
		echo "### Resident memory (MB), the three side by side, $("$java" -version 2>&1 | sed -n 1p), shipped flags and archive"
		echo
		echo "| app | RSS 5 s after the first page | RSS idle ${IDLE_TOOK} s after that | idle, over the calibration app |"
		echo "|---|---|---|---|"
		for k in before portal calibration; do
			name=$k; [[ $k == portal ]] && name=now
			echo "| $name | ${RSS_START[$k]} | ${RSS_IDLE[$k]} | **$(ratio "${RSS_IDLE[$k]}" "${RSS_IDLE[calibration]}")** |"
		done
		echo
		echo "- load at the end: $(uptime | sed 's/.*load average/load average/')"
	} >>"$OUT"
	cat "$OUT"
	exit 0
fi

# ---- side by side ------------------------------------------------------------------------
start_emulator 3 "$DIR" 0
declare -A PID COOKIES PORT RSS_START RSS_IDLE RSS_AFTER RSS_LATER LIVE DONE
RPS=
port=$((PORTAL_PORT + 10))
for v in $JAVAS; do
	java=$JAVA17 archive=(-XX:SharedArchiveFile=app17.jsa)
	[[ $v == 25 ]] && java=$JAVA25 archive=(-XX:AOTCache=app25.aot)
	mkdir -p "$DIR/$v"
	cp "$DIR/credentials" "$DIR/config" "$DIR/$v/"
	PORTAL_PORT=$port start_portal "$DIR/$v" "$java" "${SHIPPED[@]}" "${archive[@]}" --
	PID[p$v]=$PORTAL_PID PORT[p$v]=$port; PIDS+=("$PORTAL_PID"); port=$((port + 1))
	COOKIES[p$v]=$(session_cookie)
	CAL_PORT=$port start_calibration "$DIR/$v" "$java" "${SHIPPED[@]}" "${archive[@]}"
	PID[c$v]=$CAL_PID PORT[c$v]=$port; PIDS+=("$CAL_PID")
	COOKIES[c$v]=$(curl -s -o /dev/null -D - "http://127.0.0.1:$port/" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(CALIBRATION_SESSION=[^;]*\).*/\1/p')
	port=$((port + 1))
done
page() { curl -s -o /dev/null -w '%{http_code}' -H "Cookie: ${COOKIES[$1]}" "http://127.0.0.1:${PORT[$1]}/"; }
for k in "${!PID[@]}"; do
	[[ $(page "$k") == 200 ]] || { log "$k: no 200 with its session"; exit 1; }
	DONE[$k]=0
done
sleep 5
for k in "${!PID[@]}"; do RSS_START[$k]=$(rss_mb "${PID[$k]}"); done
IDLE_FROM=$SECONDS
# The start pairs run while the side-by-side apps sit idle (other ports, nothing sent to them):
# a neighbour's CPU does not change what an idle JVM holds, and the wait costs no extra time.
{
	echo "## The portal against the calibration app (the stack's floor), same run"
	echo
	machine
	echo "- shipped flags (${FLAG_FILES[*]}): \`${SHIPPED[*]}\`"
	echo
	echo "### Start: java to the first 200 of the page, portal and calibration alternating"
	echo
	echo "| how it ran | portal median ms | calibration median ms | portal / calibration (median of pairs) | range of the pairs | pairs | JVM flags |"
	echo "|---|---|---|---|---|---|---|"
} >"$OUT"
if ((START_RUNS > 0)); then
	for v in ${START_JAVAS:-$JAVAS}; do
		for how in ${START_HOW:-fat extracted}; do
			if [[ $v == 17 && $how == fat ]]; then
				start_row "Java 17, \`java -jar\` fat jar, shipped flags" "$JAVA17" fat "${SHIPPED[@]}"
			elif [[ $v == 17 ]]; then
				start_row "Java 17, extracted + AppCDS, shipped flags" "$JAVA17" extracted "${SHIPPED[@]}" -XX:SharedArchiveFile=app17.jsa
			elif [[ $how == fat ]]; then
				start_row "Java 25, \`java -jar\` fat jar, shipped flags" "$JAVA25" fat "${SHIPPED[@]}"
			else
				start_row "Java 25, extracted + AOT cache, shipped flags" "$JAVA25" extracted "${SHIPPED[@]}" -XX:AOTCache=app25.aot
			fi
		done
	done
fi

if [[ ${START_ONLY:-0} == 1 ]]; then
	cat "$OUT"
	exit 0
fi
IDLE_LEFT=$((IDLE_SECONDS - (SECONDS - IDLE_FROM)))
if ((IDLE_LEFT > 0)); then
	log "idle for $IDLE_LEFT s more"
	sleep "$IDLE_LEFT"
fi
IDLE_TOOK=$((SECONDS - IDLE_FROM))
for k in "${!PID[@]}"; do RSS_IDLE[$k]=$(rss_mb "${PID[$k]}"); done

# load <key> <seconds> <out>: wrk -c50 on one app's page with its session; adds to DONE, sets RPS
load() {
	wrk -t2 -c50 -d"$2"s --latency -H "Cookie: ${COOKIES[$1]}" "http://127.0.0.1:${PORT[$1]}/" >"$3"
	local rps n bad
	read -r rps _ _ n bad <<<"$(wrk_summary "$3")"
	((bad == 0)) || log "$1: $bad non-2xx in $3"
	DONE[$1]=$((DONE[$1] + n)) RPS=$rps
}

{
	echo
	echo "### Page throughput: wrk -t2 -c50, $ROUNDS pairs of ${ROUND_SECONDS} s, form page and calibration page alternating"
	echo
	echo "| JVM | form page requests/s (median) | calibration requests/s (median) | form / calibration (median of pairs) | range of the pairs | form p50 / p99 ms (last round) | calibration p50 / p99 ms (last round) |"
	echo "|---|---|---|---|---|---|---|"
} >>"$OUT"
for v in $JAVAS; do
	load "p$v" 10 "$DIR/warm-p$v.txt"
	load "c$v" 10 "$DIR/warm-c$v.txt"
	prs=() crs=() ratios=()
	for ((i = 0; i < ROUNDS; i++)); do
		if ((i % 2 == 0)); then
			load "p$v" "$ROUND_SECONDS" "$DIR/wrk-p$v.txt"; p=$RPS
			load "c$v" "$ROUND_SECONDS" "$DIR/wrk-c$v.txt"; c=$RPS
		else
			load "c$v" "$ROUND_SECONDS" "$DIR/wrk-c$v.txt"; c=$RPS
			load "p$v" "$ROUND_SECONDS" "$DIR/wrk-p$v.txt"; p=$RPS
		fi
		prs+=("$p") crs+=("$c") ratios+=("$(ratio "$p" "$c")")
	done
	read -r pm _ _ <<<"$(printf '%s\n' "${prs[@]}" | spread)"
	read -r cm _ _ <<<"$(printf '%s\n' "${crs[@]}" | spread)"
	read -r rm rlo rhi <<<"$(printf '%s\n' "${ratios[@]}" | spread)"
	read -r _ pp50 pp99 _ _ <<<"$(wrk_summary "$DIR/wrk-p$v.txt")"
	read -r _ cp50 cp99 _ _ <<<"$(wrk_summary "$DIR/wrk-c$v.txt")"
	log "Java $v page: form ${prs[*]}; calibration ${crs[*]}; ratios ${ratios[*]}"
	echo "| $v | $pm | $cm | **$rm** | $rlo – $rhi | $pp50 / $pp99 | $cp50 / $cp99 |" >>"$OUT"
	for k in "p$v" "c$v"; do
		from=$SECONDS
		while ((DONE[$k] < REQUESTS && SECONDS - from < TOPUP_MAX_SECONDS)); do load "$k" 5 "$DIR/topup-$k.txt"; done
		RSS_AFTER[$k]=$(rss_mb "${PID[$k]}")
	done
done
sleep 10
for k in "${!PID[@]}"; do
	RSS_LATER[$k]=$(rss_mb "${PID[$k]}")
	java=$JAVA17; [[ $k == ?25 ]] && java=$JAVA25
	LIVE[$k]=$(live_heap_mb "${PID[$k]}" "$java")
done
{
	echo
	echo "### Resident memory (MB), shipped flags and archive, both apps side by side"
	echo
	echo "| JVM | app | RSS 5 s after start | RSS idle ${IDLE_TOOK} s after that | RSS right after the requests | RSS 10 s later | requests served | live heap after GC |"
	echo "|---|---|---|---|---|---|---|---|"
	for v in $JAVAS; do
		for k in "p$v" "c$v"; do
			name=portal; [[ $k == c* ]] && name=calibration
			echo "| $v | $name | ${RSS_START[$k]} | ${RSS_IDLE[$k]} | ${RSS_AFTER[$k]} | ${RSS_LATER[$k]} | ${DONE[$k]} | ${LIVE[$k]} |"
		done
		echo "| $v | **portal / calibration** | $(ratio "${RSS_START[p$v]}" "${RSS_START[c$v]}") | $(ratio "${RSS_IDLE[p$v]}" "${RSS_IDLE[c$v]}") | $(ratio "${RSS_AFTER[p$v]}" "${RSS_AFTER[c$v]}") | **$(ratio "${RSS_LATER[p$v]}" "${RSS_LATER[c$v]}")** | | $(ratio "${LIVE[p$v]}" "${LIVE[c$v]}") |"
	done
	echo
	echo "- load at the end: $(uptime | sed 's/.*load average/load average/')"
	echo
} >>"$OUT"
cat "$OUT"
