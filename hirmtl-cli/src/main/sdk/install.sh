#!/bin/sh
# Puts the toolkit's plugin SDK (hirmtl-api with sources and Javadoc, hirmtl-core, hirmtl-testkit and their POMs) into
# the local Maven repository, so that a plugin project (examples/plugin-template, 'hirmtl plugins new') builds
# against this distribution offline. Target: $MAVEN_REPO, else ~/.m2/repository.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
repo="${MAVEN_REPO:-$HOME/.m2/repository}"
mkdir -p "$repo"
cp -R "$here/repository/." "$repo/"
echo "installed the HirMTL plugin SDK into $repo:"
(cd "$here/repository" && find . -name '*.jar' -o -name '*.pom') | sed 's|^\./|  |' | sort
