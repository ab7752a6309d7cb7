#!/usr/bin/env bash
# Builds the Debian package, installs it with dpkg -i, and checks the installed result:
# the programs run, the scenario validates, the desktop entry and AppStream metainfo
# validate, the man pages agree with --help, the unit verifies, the icons are there.
#
#   packaging/check-package.sh [BUILD_DIR]        (as root; BUILD_DIR defaults to build)
#
# Needs the Debian packages dpkg-dev (dpkg-shlibdeps), appstream (appstreamcli) and
# desktop-file-utils (desktop-file-validate), besides the build's own (tools/setup).
# The package stays installed afterwards; it is left in BUILD_DIR/packages/.
set -euo pipefail
cd "$(dirname "$0")/.."
source_dir=$(pwd)
build=$(realpath -m "${1:-build}")
app_id=io.portolan.Portolan
icon_sizes="16 22 24 32 48 64 128 256"

passed=0
failed=0
pass() { echo "ok    $*"; passed=$((passed + 1)); }
fail() { echo "FAIL  $*" >&2; failed=$((failed + 1)); }
check() { # check DESCRIPTION COMMAND...: runs the command, passes if it exits 0
    local what=$1
    shift
    local output
    if output=$("$@" 2>&1); then
        pass "$what"
    else
        fail "$what"
        printf '%s\n' "$output" | sed 's/^/      /' >&2
    fi
}
die() { echo "check-package: $*" >&2; exit 2; }

[ "$(id -u)" -eq 0 ] || die "run as root: the package is installed with dpkg -i"
for tool in cmake cpack dpkg-deb dpkg-shlibdeps appstreamcli desktop-file-validate gzip; do
    command -v "$tool" >/dev/null || die "missing $tool (packages: cmake dpkg-dev appstream desktop-file-utils)"
done

# ---- build the package ----------------------------------------------------------------
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$source_dir" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$build" --target portolan portolan-node portolan_package_files
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
[ -n "$version" ] || die "no project version in $build/CMakeCache.txt"
rm -rf "$build/packages"
(cd "$build" && cpack -G DEB -B "$build/packages") || die "cpack failed"
deb="$build/packages/portolan_${version}_amd64.deb"
[ -f "$deb" ] || die "cpack made no $deb"
pass "cpack -G DEB made $(basename "$deb")"

# ---- what is in it --------------------------------------------------------------------
contents=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|')
expected=(
    /usr/bin/portolan /usr/bin/portolan-node
    /usr/libexec/portolan/portolan-node-router /usr/libexec/portolan/portolan-node-entity
    /usr/share/portolan/scenarios/pirate-pugs-1.yaml /usr/share/portolan/maps/harbour.svg
    "/usr/share/applications/$app_id.desktop" "/usr/share/metainfo/$app_id.metainfo.xml"
    "/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
    /usr/share/man/man1/portolan.1.gz /usr/share/man/man1/portolan-node.1.gz
    /usr/lib/systemd/system/portolan-node@.service
    /usr/share/doc/portolan/install.md /usr/share/doc/portolan/copyright
    /usr/share/doc/portolan/examples/interior-router.json
)
for size in $icon_sizes; do
    expected+=("/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png")
done
missing=()
for path in "${expected[@]}"; do
    grep -qxF "$path" <<<"$contents" || missing+=("$path")
done
if [ ${#missing[@]} -eq 0 ]; then pass "the package holds all ${#expected[@]} expected files"; else fail "missing from the package: ${missing[*]}"; fi
depends=$(dpkg-deb -f "$deb" Depends)
if grep -q libqt6core6 <<<"$depends" && grep -q libqt6sql6-sqlite <<<"$depends"; then
    pass "Depends: $depends"
else
    fail "Depends lacks the Qt libraries or the SQLite driver: '$depends'"
fi

# ---- install it -----------------------------------------------------------------------
check "dpkg -i $(basename "$deb")" dpkg -i "$deb"
for program in /usr/bin/portolan /usr/bin/portolan-node /usr/libexec/portolan/portolan-node-router \
    /usr/libexec/portolan/portolan-node-entity; do
    check "$program finds every shared library" \
        bash -c "! ldd $program | grep -q 'not found'"
done

# Run as a user would, away from the source tree and without a display.
cd /tmp
run() { env -u DISPLAY -u WAYLAND_DISPLAY -u PORTOLAN_NODE_BINARY "$@"; }
if version_line=$(run /usr/bin/portolan --version 2>&1) && grep -qxF "portolan $version" <<<"$version_line"; then
    pass "portolan --version prints 'portolan $version'"
else
    fail "portolan --version printed '$version_line', expected 'portolan $version'"
fi
if node_version=$(run /usr/bin/portolan-node --version 2>&1) && grep -qxF "portolan-node $version" <<<"$node_version"; then
    pass "portolan-node --version prints 'portolan-node $version'"
else
    fail "portolan-node --version printed '$node_version', expected 'portolan-node $version'"
fi
# portolan-node execs the installed executable for each kind of node.
first_line() { # runs a command until its first line of output (10 s at most) and prints that line
    local fifo line=""
    fifo=$(mktemp -u)
    mkfifo "$fifo"
    "$@" >"$fifo" 2>/dev/null &
    local pid=$!
    read -r -t 10 line <"$fifo" || true
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -f "$fifo"
    echo "$line"
}
quiet=(env -u DISPLAY -u WAYLAND_DISPLAY -u PORTOLAN_NODE_BINARY)
"${quiet[@]}" /usr/bin/portolan-node --id r1 --role interior --link-port 17950 >/dev/null 2>&1 &
router_pid=$!
router_ready=$(first_line "${quiet[@]}" /usr/bin/portolan-node --id r2 --role interior --link-port 17951)
entity_ready=$(first_line "${quiet[@]}" /usr/bin/portolan-node --id w --role worker --dial r1@127.0.0.1:17950 \
    --data-dir /tmp --param address=/jobs)
kill "$router_pid" 2>/dev/null || true
wait "$router_pid" 2>/dev/null || true
if [[ $router_ready == READY* && $entity_ready == READY* ]]; then
    pass "the installed portolan-node starts a router and an entity (READY)"
else
    fail "the installed portolan-node did not start both kinds: router '$router_ready', entity '$entity_ready'"
fi
check "portolan --validate /usr/share/portolan/scenarios/pirate-pugs-1.yaml" \
    run /usr/bin/portolan --validate /usr/share/portolan/scenarios/pirate-pugs-1.yaml

# ---- desktop integration --------------------------------------------------------------
check "appstreamcli validate $app_id.metainfo.xml" \
    appstreamcli validate --no-net --strict "/usr/share/metainfo/$app_id.metainfo.xml"
check "desktop-file-validate $app_id.desktop" \
    bash -c "out=\$(desktop-file-validate /usr/share/applications/$app_id.desktop 2>&1) && [ -z \"\$out\" ] || { echo \"\$out\"; false; }"
newest_release=$(grep -o '<release version="[^"]*"' "/usr/share/metainfo/$app_id.metainfo.xml" | head -n 1 | cut -d'"' -f2)
if [ "$newest_release" = "$version" ]; then pass "metainfo's newest release is $version"; else fail "metainfo's newest release is '$newest_release', the package is $version"; fi

png_size() { # width x height from a PNG's IHDR chunk
    local bytes
    read -r -a bytes < <(od -An -tu1 -j16 -N8 "$1")
    echo "$(((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]))x$(((bytes[4] << 24) | (bytes[5] << 16) | (bytes[6] << 8) | bytes[7]))"
}
bad_icons=()
for size in $icon_sizes; do
    png="/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
    if [ ! -f "$png" ] || [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" != "89504e470d0a1a0a" ] \
        || [ "$(png_size "$png")" != "${size}x${size}" ]; then
        bad_icons+=("$size")
    fi
done
if [ ${#bad_icons[@]} -eq 0 ]; then pass "PNG icons at $icon_sizes px"; else fail "icons missing or of the wrong size: ${bad_icons[*]}"; fi

# ---- man pages against --help ---------------------------------------------------------
help_options() { # long options of a Qt --help: option lines are indented by exactly two spaces
    run "/usr/bin/$1" --help 2>/dev/null | grep -E '^  -' | sed -E 's/^  //; s/  .*//' \
        | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u
}
man_options() { # long options named in the tag lines (after .TP) of the OPTIONS section
    zcat "/usr/share/man/man1/$1.1.gz" \
        | awk '/^\.SH / { in_options = ($2 == "OPTIONS") } in_options && previous == ".TP" { print } { previous = $1 }' \
        | sed 's/\\-/-/g' | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u
}
for program in portolan portolan-node; do
    help_list=$(help_options "$program")
    man_list=$(man_options "$program")
    if [ -z "$help_list" ]; then
        fail "$program --help lists no long option"
    elif [ "$help_list" = "$man_list" ]; then
        pass "man $program and $program --help agree on $(wc -l <<<"$help_list") long options"
    else
        only_help=$(comm -23 <(echo "$help_list") <(echo "$man_list") | tr '\n' ' ')
        only_man=$(comm -13 <(echo "$help_list") <(echo "$man_list") | tr '\n' ' ')
        fail "man $program and --help differ: only in --help: ${only_help:-none}; only in the man page: ${only_man:-none}"
    fi
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "/usr/share/man/man1/$program.1.gz" 2>&1 >/dev/null || true)
    if [ -z "$warnings" ]; then pass "man $program renders without warnings"; else fail "man $program: $warnings"; fi
    th_version=$(zcat "/usr/share/man/man1/$program.1.gz" | sed -n 's/^\.TH .*"Portolan \([^"]*\)".*/\1/p')
    if [ "$th_version" = "$version" ]; then pass "man $program is for version $version"; else fail "man $program says version '$th_version', the package is $version"; fi
done

# ---- the systemd unit -----------------------------------------------------------------
if command -v systemd-analyze >/dev/null; then
    check "systemd-analyze verify portolan-node@.service" \
        systemd-analyze verify /usr/lib/systemd/system/portolan-node@.service
else
    echo "skip  systemd-analyze verify: systemd-analyze is not installed"
fi

echo "check-package: $passed checks ok, $failed failing ($(basename "$deb"))"
[ "$failed" -eq 0 ]
