#!/usr/bin/env bash
# without-vault.sh <tree>: takes the vault out of a checkout, for floor.sh's BEFORE=without-vault
# (issue 20: the vault must cost nothing when unused, however much else has changed since it came).
# Removes the vault's package and its two libraries (java-keyring, and with it D-Bus and JNA; Bouncy
# Castle); the portal then runs as before the vault, with no vault (CredentialSourceConfiguration
# falls back to none). Tests are not built: many name the vault.
set -euo pipefail
tree=$1
[[ -d $tree/src/main/java/dev/mfaportal/vault ]] || { echo "no vault package in $tree" >&2; exit 1; }
rm -r "$tree/src/main/java/dev/mfaportal/vault"
# each <dependency> element of the pom's project dependencies, dropped when it names either library
awk '
	/^    <dependency>/ { buf = $0 "\n"; inside = 1; next }
	inside { buf = buf $0 "\n"; if ($0 ~ /^    <\/dependency>/) { inside = 0; if (buf !~ /<artifactId>(java-keyring|bcprov-jdk18on)<\/artifactId>/) printf "%s", buf; else dropped++ } ; next }
	{ print }
	END { if (dropped != 2) { print "expected the vault'\''s 2 dependencies in pom.xml, found " dropped + 0 > "/dev/stderr"; exit 1 } }
' "$tree/pom.xml" >"$tree/pom.xml.new"
mv "$tree/pom.xml.new" "$tree/pom.xml"
