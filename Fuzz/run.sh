#!/usr/bin/env bash
# Builds one fuzz target with libFuzzer (-sanitize=fuzzer) and runs it.
#
#   Fuzz/run.sh TARGET SECONDS [extra libFuzzer options...]
#   Fuzz/run.sh list
#
# The registry's code is compiled with coverage instrumentation in a build
# folder of its own (Fuzz/.build), never touching the main package's .build.
# The corpus grows in Fuzz/.build/corpus/TARGET, seeded from Fuzz/Corpus/TARGET;
# a crashing input is written to Fuzz/.build/artifacts/TARGET/ and the script
# exits 1. Runs at lower priority (nice 10): the machine is shared.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
targets=$(ls "$here/Sources" | grep -v '^FuzzSupport$')

if [[ "${1:-}" == "list" || $# -lt 2 ]]; then
    echo "usage: Fuzz/run.sh TARGET SECONDS [libFuzzer options]"
    echo "targets:" $targets
    [[ "${1:-}" == "list" ]] && exit 0 || exit 64
fi
target="$1"; seconds="$2"; shift 2
if ! grep -qx "$target" <<<"$targets"; then
    echo "unknown target '$target'; targets:" $targets >&2
    exit 64
fi

build="$here/.build"
nice -n 10 swift build --package-path "$here" -c release --target "$target" \
    -Xswiftc -sanitize=fuzzer -Xswiftc -enable-testing 2>&1 | grep -Ev '^\[[0-9]+/[0-9]+\]' || true
objects="$build/release"
[[ -d "$objects/$target.build" ]] || { echo "build failed" >&2; exit 70; }
binary="$build/fuzz-$target"
# libFuzzer brings main(); the target's LLVMFuzzerTestOneInput is called for each input.
nice -n 10 swiftc -sanitize=fuzzer -o "$binary" \
    "$objects/$target.build/"*.o "$objects/FuzzSupport.build/"*.o \
    "$objects/Registry.build/"*.o "$objects/Database.build/"*.o \
    -L/usr/lib/x86_64-linux-gnu -lsqlite3

corpus="$build/corpus/$target"
artifacts="$build/artifacts/$target"
mkdir -p "$corpus" "$artifacts"
seeds=()
[[ -d "$here/Corpus/$target" ]] && seeds=("$here/Corpus/$target")
dictionary=()
[[ -f "$here/Dictionaries/$target.dict" ]] && dictionary=("-dict=$here/Dictionaries/$target.dict")

# Short inputs run faster and still cross every buffer boundary (the targets
# pick a buffer of 16-80 bytes); dates are short by nature.
case "$target" in
    Dates) max_len=256 ;;
    *) max_len=8192 ;;
esac

echo "fuzzing $target for $seconds s (corpus $corpus)"
# Swift's own backtracer would race libFuzzer's crash handler.
status=0
SWIFT_BACKTRACE=enable=no nice -n 10 "$binary" "$corpus" "${seeds[@]}" "${dictionary[@]}" \
    -max_total_time="$seconds" -artifact_prefix="$artifacts/" -print_final_stats=1 \
    -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" "$@" || status=$?
if ls "$artifacts"/* >/dev/null 2>&1; then
    echo "findings in $artifacts:"; ls -l "$artifacts"
fi
exit $status
