# Sourced by bin/hirmtl before Java starts (docs/engine.md, "Memory"). It picks the native memory allocator and the
# Java garbage collector; both decide how much resident memory ND4J's off-heap arrays cost.
#
# HIRMTL_ALLOCATOR=auto (default): preload jemalloc when it is installed (Debian/Ubuntu: apt-get install libjemalloc2;
#                  Fedora: dnf install jemalloc), otherwise glibc's malloc, silently.
# HIRMTL_ALLOCATOR=glibc: never preload.   HIRMTL_ALLOCATOR=/path/to/libX.so: preload that library.
# `hirmtl --version` prints the allocator that runs.
hirmtl_preload=""
case "${HIRMTL_ALLOCATOR:-auto}" in
  glibc|system|none) ;;
  auto|jemalloc)
    for hirmtl_lib in /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/lib/aarch64-linux-gnu/libjemalloc.so.2 \
        /usr/lib64/libjemalloc.so.2 /usr/lib/libjemalloc.so.2 /usr/local/lib/libjemalloc.so.2 \
        /opt/homebrew/lib/libjemalloc.2.dylib; do
      if [ -r "$hirmtl_lib" ]; then
        hirmtl_preload="$hirmtl_lib"
        break
      fi
    done
    ;;
  *)
    if [ -r "$HIRMTL_ALLOCATOR" ]; then
      hirmtl_preload="$HIRMTL_ALLOCATOR"
    else
      echo "hirmtl: warning: HIRMTL_ALLOCATOR=$HIRMTL_ALLOCATOR is not a readable library; using the default malloc" >&2
    fi
    ;;
esac
if [ -n "$hirmtl_preload" ] && [ "`uname`" = Linux ]; then
  case ":${LD_PRELOAD:-}:" in
    *":$hirmtl_preload:"*) ;;
    *) LD_PRELOAD="$hirmtl_preload${LD_PRELOAD:+:$LD_PRELOAD}"; export LD_PRELOAD ;;
  esac
fi
# With glibc's malloc: blocks of 1 MiB and more straight from mmap, so that memory freed after the first training step
# (DL4J's workspaces allocate everything separately in their first cycle) goes back to the system instead of staying
# resident (measured: peak 1.66 -> 1.13 GiB on the quick start, same speed; docs/engine.md).
if [ -z "$hirmtl_preload" ] && [ -z "${MALLOC_MMAP_THRESHOLD_:-}" ]; then
  MALLOC_MMAP_THRESHOLD_=1048576
  export MALLOC_MMAP_THRESHOLD_
fi
unset hirmtl_lib hirmtl_preload

# JavaCPP's limits on native memory (ND4J's arrays), unless JAVA_OPTS sets them: allocations tracked by JavaCPP up to
# 3/4 of the machine's memory, and no check of the resident memory on each of JavaCPP's allocations
# (maxphysicalbytes=0): that check reads /proc on every native pointer ND4J makes, 10 % of a training step (measured;
# docs/engine.md). The toolkit checks the resident memory itself, every 20 ms at most, against -Dhirmtl.maxResident
# (default: the machine's memory less 1 GiB), so that a model too big for the machine stops with one clear error
# instead of meeting the kernel's OOM killer.
case " ${JAVA_OPTS:-} " in
  *"javacpp.maxphysicalbytes"*) ;;
  *)
    JAVA_OPTS="${JAVA_OPTS:-} -Dorg.bytedeco.javacpp.maxphysicalbytes=0"
    hirmtl_mem_kib="$(awk '/^MemTotal:/ {print $2}' /proc/meminfo 2>/dev/null || true)"
    if [ -n "$hirmtl_mem_kib" ] && [ "$hirmtl_mem_kib" -gt 3145728 ]; then
      JAVA_OPTS="$JAVA_OPTS -Dorg.bytedeco.javacpp.maxbytes=$(( hirmtl_mem_kib * 3 / 4 / 1024 ))M"
    fi
    unset hirmtl_mem_kib
    ;;
esac

# The serial collector, unless JAVA_OPTS chooses one: ND4J frees an array's native memory only when the Java
# collector has collected the array, and a small, often-collected heap keeps that memory low (measured: peak resident
# memory 1.5 GiB instead of 1.9 GiB with G1); it also runs no concurrent GC threads next to ND4J's on small machines.
case " ${JAVA_OPTS:-} " in
  *" -XX:+Use"*"GC "*) ;;
  *) JAVA_OPTS="${JAVA_OPTS:-} -XX:+UseSerialGC -Xms64m" ;;
esac

# OpenMP threads (ND4J's) wait passively for work unless OMP_WAIT_POLICY is set: on an idle 2-core machine 1.5-5 %
# slower training, but beside one busy process 1.6-1.9x faster (measured 2026-12-06, hirmtl bench: 5.01/4.06 against
# 4.74/4.00 images/s idle, 1.94/1.34 against 3.15/2.56 with a busy loop beside it; docs/engine.md).
if [ -z "${OMP_WAIT_POLICY:-}" ]; then
  OMP_WAIT_POLICY=PASSIVE
  export OMP_WAIT_POLICY
fi
