#!/usr/bin/env bash
# Runs bench/BatchNormProbe.java (issue 21's batch-norm lever, probed): JavaCPP's oneDNN preset next to ND4J's
# natives, oneDNN's training-mode batch norm checked against a double-precision reference, and timed against the ND4J
# ops DL4J's batch-norm helper runs. Needs the built distribution (mvn -B -DskipTests -pl hirmtl-cli -am package) and
# Maven Central for org.bytedeco:dnnl:2.5.2-1.5.7 (the preset built on JavaCPP 1.5.7, ND4J M2.1's) and its opencl
# dependency. Not part of the toolkit; run it on an idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
lib=hirmtl-cli/target/hirmtl/lib
[[ -d $lib ]] || { echo "build the distribution first: mvn -B -DskipTests -pl hirmtl-cli -am package" >&2; exit 2; }
m2=${MAVEN_REPO:-$HOME/.m2/repository}/org/bytedeco
cp="$lib/*"
for art in dnnl:2.5.2-1.5.7 opencl:3.0-1.5.7; do
  name=${art%%:*}; version=${art#*:}
  for classifier in "" linux-x86_64; do
    jar="$m2/$name/$version/$name-$version${classifier:+-$classifier}.jar"
    if [[ ! -f $jar ]]; then
      mvn -q -B dependency:get -Dartifact="org.bytedeco:$name:$version${classifier:+:jar:$classifier}" >&2
    fi
    cp="$cp:$jar"
  done
done
exec java -cp "$cp" bench/BatchNormProbe.java "$@"
