#!/usr/bin/env bash
# Checks the built application image (after `mvn -B -Pdist package -DskipTests`): its launcher runs the CLI and
# the window on the built-in model, from a folder outside the checkout, with no java on the PATH (a `java` that
# fails is put first on it, so a launcher that fell back to the PATH's java would be caught).
# Usage: jlink/check-image.sh [IMAGE_DIR] (default target/dist/eap-explorer). Needs xvfb-run for the window part.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
image="$(cd "${1:-$root/target/dist/eap-explorer}" && pwd)"
launcher="$image/bin/eap-explorer"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

pass() {
    echo "ok: $*"
}

[[ -x "$launcher" ]] || { echo "FAIL: no launcher $launcher: build with mvn -B -Pdist package -DskipTests" >&2; exit 1; }

mkdir -p "$work/nojava" "$work/home" "$work/run"
cat > "$work/nojava/java" <<EOF
#!/bin/sh
echo "java from the PATH was called" > "$work/java-called"
exit 99
EOF
chmod +x "$work/nojava/java"
cd "$work/run"

# The runtime: JavaFX inside as modules, nothing a user does not need.
modules=$("$image/lib/runtime/bin/java" --list-modules)
for m in javafx.controls javafx.graphics javafx.swing java.desktop; do
    grep -q "^$m@" <<< "$modules" && pass "runtime has $m" || fail "runtime lacks $m"
done
for m in jdk.compiler jdk.jlink jdk.jdeps; do
    grep -q "^$m@" <<< "$modules" && fail "runtime holds the tool module $m" || true
done
[[ -d "$image/lib/runtime/jmods" || -d "$image/lib/runtime/include" || -d "$image/lib/runtime/man" ]] \
    && fail "runtime holds jmods, header files or man pages" || pass "runtime has no jmods, headers or man pages"

# The CLI, with a bare environment: only the failing java on the PATH.
bare=(env -i "PATH=$work/nojava" "HOME=$work/home" LANG=C.UTF-8)
"${bare[@]}" "$launcher" --version > version.txt 2>&1 && pass "--version: $(head -1 version.txt)" || fail "--version: $(cat version.txt)"
"${bare[@]}" "$launcher" score --help > help.txt 2>&1 && grep -q -- "--model" help.txt \
    && pass "score --help" || fail "score --help: $(head -5 help.txt)"
model="$image/lib/app/assets/models/induction-2l"
prompts="$image/lib/app/sample-prompts/induction.jsonl"
if "${bare[@]}" "$launcher" score --model "$model" --prompts "$prompts" --out scores.json > score.log 2>&1; then
    # The built-in model's figures (README, "Scoring methods"): 99 pairs, logit difference clean 14.2774.
    if grep -q '"pairs": 99' scores.json && grep -q '"metric_clean": 14.2774' scores.json \
        && grep -q '"input->a0.h0<q>"' scores.json; then
        pass "score on the built-in model: 99 pairs, metric_clean 14.2774, edges named"
    else
        fail "score wrote unexpected output: $(head -c 400 scores.json)"
    fi
else
    fail "score: $(tail -5 score.log)"
fi

# The window: no arguments but --screenshot/--save-session, so it must find the built-in model from its app dir.
if command -v xvfb-run > /dev/null; then
    if PATH="$work/nojava:$PATH" HOME="$work/home" timeout 300 xvfb-run -a -s "-screen 0 1280x800x24" \
        "$launcher" ui --screenshot window.png --save-session session.json > ui.log 2>&1; then
        [[ "$(file -b window.png)" == "PNG image data, 1280 x 800"* ]] \
            && pass "window screenshot 1280×800" || fail "screenshot: $(file -b window.png 2>&1)"
        grep -q "induction-2l" session.json && grep -q "induction.jsonl" session.json \
            && pass "the window ran the built-in model on its sample prompts" \
            || fail "the window's session does not name the built-in model: $(head -c 400 session.json)"
    else
        fail "ui --screenshot: $(tail -5 ui.log)"
    fi
else
    fail "xvfb-run not found: the window was not checked (apt-get install -y xvfb)"
fi

# The .deb, where the build made one beside the image: the launcher under /opt, and maintainer scripts that
# link it into /usr/bin and remove the link again, run here into a scratch root (DPKG_ROOT, as dpkg --root sets it).
deb=$(find "$image/.." -maxdepth 1 -name '*.deb' | head -1)
if [[ -n "$deb" ]] && command -v dpkg-deb > /dev/null; then
    # Listed into a variable first: grep -q stops reading early, and under pipefail dpkg-deb's broken pipe would fail the check.
    contents=$(dpkg-deb -c "$deb")
    grep -q ' \./opt/eap-explorer/bin/eap-explorer$' <<< "$contents" \
        && pass ".deb holds /opt/eap-explorer/bin/eap-explorer" || fail ".deb lacks /opt/eap-explorer/bin/eap-explorer"
    mkdir -p "$work/deb/root"
    dpkg-deb -e "$deb" "$work/deb/control"
    if DPKG_ROOT="$work/deb/root" sh "$work/deb/control/postinst" configure > "$work/deb/postinst.log" 2>&1 \
        && [[ "$(readlink "$work/deb/root/usr/bin/eap-explorer")" == /opt/eap-explorer/bin/eap-explorer ]]; then
        pass ".deb postinst links /usr/bin/eap-explorer → /opt/eap-explorer/bin/eap-explorer"
    else
        fail ".deb postinst made no /usr/bin/eap-explorer link: $(cat "$work/deb/postinst.log")"
    fi
    grep -q "xdg-desktop-menu install" "$work/deb/control/postinst" \
        && pass ".deb postinst still installs the menu entry" || fail ".deb postinst lost jpackage's menu-entry commands"
    if DPKG_ROOT="$work/deb/root" sh "$work/deb/control/prerm" remove > "$work/deb/prerm.log" 2>&1 \
        && [[ ! -e "$work/deb/root/usr/bin/eap-explorer" && ! -L "$work/deb/root/usr/bin/eap-explorer" ]]; then
        pass ".deb prerm removes the link"
    else
        fail ".deb prerm left /usr/bin/eap-explorer: $(cat "$work/deb/prerm.log")"
    fi
else
    echo "no .deb beside the image (or no dpkg-deb): the package checks were skipped"
fi

[[ -e "$work/java-called" ]] && fail "the launcher called java from the PATH" || pass "no java from the PATH was used"
echo "image size: $(du -sh "$image" | cut -f1) (runtime $(du -sh "$image/lib/runtime" | cut -f1))"
if ((failures > 0)); then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "all checks passed"
