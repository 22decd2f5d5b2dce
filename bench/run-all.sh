#!/usr/bin/env bash
# Every benchmark of docs/benchmarks.md in one go (about 10 minutes on 2 cores); results in
# $BENCH_OUT/results.md (default target/bench). Run it on a quiet machine: other load skews every
# number. Needs wrk, curl, the AWS CLI v2 ($AWS_CLI, default /usr/bin/aws), Java 17 (java on the
# PATH) and Java 25 ($JAVA25, default Temurin's Debian path).
cd "$(dirname "$0")/.." && source bench/lib.sh
build
prepare_extracted
for script in cold-start form-page issue memory slow-sts events; do
	rm -f "$BENCH_OUT/$script.md"
	log "running bench/$script.sh"
	# one failing benchmark must not cost the others: its table says so instead
	BENCH_SKIP_BUILD=1 "bench/$script.sh" >"$BENCH_OUT/$script.log" 2>&1 \
		|| printf '**bench/%s.sh failed**: see %s\n\n' "$script" "$BENCH_OUT/$script.log" >>"$BENCH_OUT/$script.md"
done
{
	echo "# MFA Portal benchmarks"
	echo
	echo "Shipped JVM flags (bench/jvm-flags.txt): \`$(shipped_flags)\`"
	echo
	for part in cold-start form-page issue memory slow-sts events; do cat "$BENCH_OUT/$part.md"; done
	echo "load at the end: $(uptime | sed 's/.*load average/load average/')"
} >"$BENCH_OUT/results.md"
cat "$BENCH_OUT/results.md"
