#!/usr/bin/env bash
# Installed launcher vs plain `java -jar`: process start to the first 200 on the form page, for the
# same build, alternating one by one in the same run (RUNS each, default 10), medians and the ratio.
# The launcher is the .deb made by src/dist/BuildPackage.java (what `./mvnw -Pdist package` runs),
# unpacked with dpkg-deb -x and its postinst run with DPKG_ROOT, as dpkg --root would (the app image
# where dpkg-deb is missing), packaged with DIST_JAVA (default Java 25, whose AOT cache is made at
# build time; on Java 17 the postinst makes the AppCDS archive where the package is unpacked).
# WITHOUT_ARCHIVE=1 adds a third column: the same launcher pointed at a missing archive, which is how
# it starts when the archive is refused or missing (no class-data sharing at all).
# `java -jar` is the README's plain start: $JAVA (Java 17), the fat jar, no flags.
# Writes $BENCH_OUT/installed-start.md. As in bench/cold-start.sh the launch link is off so that the
# very first GET / answers 200; BROWSER=true makes the launcher's browser start cost a process.
cd "$(dirname "$0")/.." && source bench/lib.sh
RUNS=${RUNS:-10}
DIST_JAVA=${DIST_JAVA:-$JAVA25}
OUT=$BENCH_OUT/installed-start.md
DIR=$BENCH_OUT/installed-start

# once <command...>: starts it with the portal's arguments, prints the ms to the first 200
once() {
	local abs start end pid
	abs=$(realpath "$DIR")
	rm -rf "$abs/data"
	start=$(date +%s%N)
	env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_PROFILE -u JAVA_TOOL_OPTIONS -u DISPLAY -u WAYLAND_DISPLAY \
		BROWSER=true AWS_SHARED_CREDENTIALS_FILE="$abs/credentials" AWS_CONFIG_FILE="$abs/config" \
		"$@" --server.port="$PORTAL_PORT" --portal.data-dir="$abs/data" --portal.access.launch-token=false \
		>"$DIR/portal.log" 2>&1 &
	pid=$!
	until probe; do
		kill -0 "$pid" 2>/dev/null || { log "portal died:"; tail -20 "$DIR/portal.log" >&2; return 1; }
		sleep 0.01
	done
	end=$(date +%s%N)
	stop "$pid"
	echo $(((end - start) / 1000000))
}

build
mkdir -p "$DIR"
if [[ ${BENCH_SKIP_BUILD:-} != 1 || ! -d $BENCH_OUT/installed ]]; then
	log "packaging with $DIST_JAVA"
	installer=none
	command -v dpkg-deb >/dev/null && installer=deb
	# gzip -1: the .deb is unpacked at once here; xz would take minutes on 2 cores
	DPKG_DEB_COMPRESSOR_TYPE=gzip DPKG_DEB_COMPRESSOR_LEVEL=1 "$DIST_JAVA" src/dist/BuildPackage.java --jar "$JAR" \
		--dest "$BENCH_OUT/dist" --version 0.1.0 --flags "$(sed -n 's:.*<argument>\(bench/jvm-flags[^<]*\)</argument>.*:\1:p' pom.xml)" --installer "$installer" \
		--modules "$(sed -n 's:.*<dist.modules>\(.*\)</dist.modules>.*:\1:p' pom.xml)" >"$DIR/package.log" 2>&1
	rm -rf "$BENCH_OUT/installed"
	if [[ $installer == deb ]]; then
		dpkg-deb -x "$BENCH_OUT"/dist/*.deb "$BENCH_OUT/installed"
		rm -rf "$DIR/DEBIAN" && dpkg-deb -e "$BENCH_OUT"/dist/*.deb "$DIR/DEBIAN"
		DPKG_ROOT=$(realpath "$BENCH_OUT/installed") "$DIR/DEBIAN/postinst" configure >>"$DIR/package.log" 2>&1
	else
		mkdir -p "$BENCH_OUT/installed/opt" && cp -a "$BENCH_OUT/dist/mfa-portal" "$BENCH_OUT/installed/opt/"
	fi
fi
LAUNCHER=$BENCH_OUT/installed/opt/mfa-portal/bin/mfa-portal
printf '[default]\naws_access_key_id = AKIAEXAMPLEEXAMPLE01\naws_secret_access_key = example/secret/only/for/the/benchmark/01\n' >"$DIR/credentials"
printf '[default]\nregion = us-east-1\nmfa_serial = arn:aws:iam::123456789012:mfa/bench\n' >"$DIR/config"

once "$LAUNCHER" >/dev/null # the first start after packaging also warms the page cache
once "$JAVA" -jar "$JAR" >/dev/null
# read after the launcher's own options: its archive option now names a file that is not there
option=-XX:SharedArchiveFile
grep -q AOTCache "$BENCH_OUT/installed/opt/mfa-portal/lib/app/mfa-portal.cfg" && option=-XX:AOTCache
NO_ARCHIVE=(env "_JAVA_OPTIONS=$option=$(realpath "$DIR")/missing" "$LAUNCHER")
launcher=() plain=() bare=()
for ((i = 0; i < RUNS; i++)); do
	launcher+=("$(once "$LAUNCHER")")
	plain+=("$(once "$JAVA" -jar "$JAR")")
	if [[ ${WITHOUT_ARCHIVE:-} == 1 ]]; then
		bare+=("$(once "${NO_ARCHIVE[@]}")")
	fi
done
l=$(printf '%s\n' "${launcher[@]}" | percentiles | cut -d' ' -f1)
p=$(printf '%s\n' "${plain[@]}" | percentiles | cut -d' ' -f1)
log "launcher ${launcher[*]}; java -jar ${plain[*]}; launcher without archive ${bare[*]}"
{
	echo "## Installed launcher vs plain java -jar: start to the first 200 on the form page"
	echo
	machine
	echo "- packaged with: $("$DIST_JAVA" -version 2>&1 | sed -n 2p); launcher options: \`$(sed -n 's/^java-options=//p' "$BENCH_OUT/installed/opt/mfa-portal/lib/app/mfa-portal.cfg" | tr '\n' ' ')\`"
	echo "- $RUNS runs each, alternating; every start in ms: launcher ${launcher[*]}; java -jar ${plain[*]}${bare:+; launcher without archive ${bare[*]}}"
	echo
	echo "| how it ran | median ms | ratio to java -jar |"
	echo "|---|---|---|"
	echo "| installed launcher (\`/opt/mfa-portal/bin/mfa-portal\`) | $l | $(awk -v a="$l" -v b="$p" 'BEGIN { printf "%.2f", a / b }') |"
	echo "| \`java -jar target/mfa-portal-0.1.0-SNAPSHOT.jar\` ($("$JAVA" -version 2>&1 | sed -n 2p | sed 's/.*(build \(.*\))/\1/')) | $p | 1.00 |"
	if [[ ${#bare[@]} -gt 0 ]]; then
		b=$(printf '%s\n' "${bare[@]}" | percentiles | cut -d' ' -f1)
		echo "| installed launcher, archive missing | $b | $(awk -v a="$b" -v b="$p" 'BEGIN { printf "%.2f", a / b }') |"
		echo
		echo "With the archive: $(awk -v a="$l" -v b="$b" 'BEGIN { printf "%.2f", a / b }') × the start without it."
	fi
	echo
} >"$OUT"
cat "$OUT"
