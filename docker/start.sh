#!/bin/sh
# The portal's start command in the image (docker/Dockerfile), run from the folder that holds the
# extracted layers: app.jar, lib/ and, once trained, app.aot. DockerStartCommandIT runs this same
# file against the same layers on a development machine.
#
#   start.sh [--spring.args ...]   start the portal
#   start.sh --train               build app.aot (done once, at image build): starts the context
#                                  without a database or secrets of the real deployment, then exits
#
# JAVA_OPTS: JVM options for the deployment (memory...). The image sets a default; see README,
# "Run with Docker". The AOT cache is used only when the class path matches the training run,
# which is why the jar is always started as "app.jar" from this folder.
set -eu
cd "$(dirname "$0")"

if [ "${1:-}" = "--train" ]; then
	shift
	# Team profile, as the image runs, but on an in-memory H2 and a throwaway key: the training
	# must not need PostgreSQL, and the key is never used for anything.
	exec java -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh ${JAVA_OPTS:-} -jar app.jar \
		--spring.profiles.active=team \
		--spring.datasource.url=jdbc:h2:mem:aot-training \
		--spring.datasource.username=sa --spring.datasource.password= \
		--portal.team.require-postgresql=false \
		--portal.encryption.key="$(head -c 32 /dev/urandom | base64)" \
		--logging.level.root=WARN "$@"
fi

aot=""
if [ -f app.aot ]; then
	aot="-XX:AOTCache=app.aot"
fi
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java $aot ${JAVA_OPTS:-} -jar app.jar "$@"
