#!/bin/sh
# Fails (exit 1) when a translation file has entries that are unfinished, obsolete or
# vanished, and names each one, so CI catches a string added to the source without its
# German and French. Run lupdate first (cmake --build <dir> --target update_translations)
# to bring the .ts files up to date with the sources.
# Usage: translations/check-translations.sh [file.ts ...]   (default: every .ts here)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
if [ "$#" -eq 0 ]; then
    set -- "$here"/*.ts
fi

status=0
for ts in "$@"; do
    if [ ! -f "$ts" ]; then
        echo "check-translations: $ts: no such file" >&2
        status=1
        continue
    fi
    # One line per bad entry: the .ts file, the line of its <translation>, the kind and
    # the source text it belongs to.
    problems=$(awk -v file="$ts" '
        /<source>/ {
            source = $0
            sub(/.*<source>/, "", source)
            sub(/<\/source>.*/, "", source)
        }
        /<translation[^>]*type="(unfinished|obsolete|vanished)"/ {
            kind = $0
            sub(/.*type="/, "", kind)
            sub(/".*/, "", kind)
            printf "%s:%d: %s: %s\n", file, NR, kind, source
        }
    ' "$ts")
    if [ -n "$problems" ]; then
        echo "$problems"
        count=$(printf '%s\n' "$problems" | wc -l)
        echo "check-translations: $ts: $count entr$( [ "$count" -eq 1 ] && echo y || echo ies) not finished" >&2
        status=1
    else
        echo "check-translations: $ts: complete"
    fi
done
exit $status
