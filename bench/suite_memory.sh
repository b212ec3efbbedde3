#!/usr/bin/env bash
# Measures the memory of a build: runs a command (default: README's test command, `mvn -B verify`) and prints the peak
# resident memory (VmHWM, read from /proc every second) of every JVM it starts — Maven itself, each surefire fork, each
# JVM a test starts — named by its working folder (the module) and main class, then the largest of them.
# With --limit-gib N and root on a cgroup-v1 or v2 memory hierarchy, the command runs inside a new memory cgroup of
# N GiB (resident memory + page cache, no swap), so a build that needs more is killed: the proof that it fits.
#
#   bench/suite_memory.sh                               # mvn -B verify, peaks only
#   bench/suite_memory.sh --limit-gib 6                 # ... inside a 6 GiB cgroup
#   bench/suite_memory.sh --limit-gib 6 -- mvn -B -pl hirmtl-core verify
#
# Output ends with lines a script can read:
#   peak rss (MiB) 3120 hirmtl-core org.apache.maven.surefire.booter.ForkedBooter
#   cgroup peak (MiB) 5400 of 6144                      (with --limit-gib; page cache included)
#   exit 0
set -uo pipefail
cd "$(dirname "$0")/.."
limit=""
if [[ "${1:-}" == "--limit-gib" ]]; then limit="$2"; shift 2; fi
[[ "${1:-}" == "--" ]] && shift
cmd=("$@")
[[ ${#cmd[@]} -eq 0 ]] && cmd=(mvn -B verify)

peaks=$(mktemp)
cg=""
if [[ -n "$limit" ]]; then
    if [[ -f /sys/fs/cgroup/cgroup.controllers ]]; then           # cgroup v2
        cg=/sys/fs/cgroup/hirmtl-suite-$$
        mkdir "$cg" && echo $((limit * 1024 * 1024 * 1024)) > "$cg/memory.max" && echo 0 > "$cg/memory.swap.max" \
            || { echo "cannot create a cgroup-v2 memory group (root needed)" >&2; exit 3; }
        peakfile="$cg/memory.peak"
    elif [[ -d /sys/fs/cgroup/memory ]]; then                      # cgroup v1
        cg=/sys/fs/cgroup/memory/hirmtl-suite-$$
        mkdir "$cg" && echo $((limit * 1024 * 1024 * 1024)) > "$cg/memory.limit_in_bytes" \
            || { echo "cannot create a cgroup-v1 memory group (root needed)" >&2; exit 3; }
        echo $((limit * 1024 * 1024 * 1024)) > "$cg/memory.memsw.limit_in_bytes" 2>/dev/null || true
        peakfile="$cg/memory.max_usage_in_bytes"
    else
        echo "no cgroup memory controller here" >&2; exit 3
    fi
fi

# The command runs in a child shell that first moves itself into the cgroup, so every process it starts is inside.
if [[ -n "$cg" ]]; then
    bash -c 'echo $$ > "$0/cgroup.procs" && exec "${@}"' "$cg" "${cmd[@]}" &
else
    "${cmd[@]}" &
fi
main=$!

sample() {
    for status in /proc/[0-9]*/status; do
        pid=${status#/proc/}; pid=${pid%/status}
        grep -q '^Name:.*java' "$status" 2>/dev/null || continue
        hwm=$(awk '/^VmHWM:/ {print int($2 / 1024)}' "$status" 2>/dev/null) || continue
        [[ -n "$hwm" ]] || continue
        cwd=$(readlink "/proc/$pid/cwd" 2>/dev/null) || continue
        cls=$(tr '\0' '\n' < "/proc/$pid/cmdline" 2>/dev/null | grep -E '^(org|com)\.[A-Za-z0-9_.]+$' | tail -1)
        echo "$pid $hwm ${cwd#"$PWD"/} ${cls:-java}" >> "$peaks"
    done
}
while kill -0 "$main" 2>/dev/null; do sample; sleep 1; done
wait "$main"; rc=$?

echo "peak resident memory per JVM (MiB, VmHWM sampled each second):"
sort -k1,1n -k2,2n "$peaks" | awk '{last[$1] = $0} END {for (p in last) print last[p]}' | sort -k2,2n \
    | awk '{printf "  %6d  %-28s %s (pid %s)\n", $2, $3, $4, $1}'
sort -k2,2n "$peaks" | tail -1 | awk '{printf "peak rss (MiB) %d %s %s\n", $2, $3, $4}'
if [[ -n "$cg" ]]; then
    echo "cgroup peak (MiB) $(( $(cat "$peakfile") / 1024 / 1024 )) of $((limit * 1024))"
    echo "cgroup OOM kills: $(grep -s oom_kill "$cg/memory.oom_control" "$cg/memory.events" | awk '{print $NF}' | tail -1)"
    rmdir "$cg" 2>/dev/null || true
fi
rm -f "$peaks"
echo "exit $rc"
exit "$rc"
