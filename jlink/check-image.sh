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

# The .deb, where the build made one beside the image: the launcher under /opt, the command, menu entry and icon as
# files of the package.
deb=$(find "$image/.." -maxdepth 1 -name '*.deb' | head -1)
if [[ -n "$deb" ]] && command -v dpkg-deb > /dev/null; then
    # Listed into a variable first: grep -q stops reading early, and under pipefail dpkg-deb's broken pipe would fail the check.
    contents=$(dpkg-deb -c "$deb")
    grep -q ' \./opt/eap-explorer/bin/eap-explorer$' <<< "$contents" \
        && pass ".deb holds /opt/eap-explorer/bin/eap-explorer" || fail ".deb lacks /opt/eap-explorer/bin/eap-explorer"
    # The menu entry, icon and command are files of the package (jlink/deb/repack.sh), and no maintainer script
    # is left to fail where there is no desktop menu system (issue 26: xdg-desktop-menu under set -e).
    grep -q ' \./usr/bin/eap-explorer -> /opt/eap-explorer/bin/eap-explorer$' <<< "$contents" \
        && pass ".deb holds the link /usr/bin/eap-explorer → /opt/eap-explorer/bin/eap-explorer" || fail ".deb lacks the /usr/bin/eap-explorer link"
    grep -q ' \./usr/share/applications/eap-explorer\.desktop$' <<< "$contents" \
        && pass ".deb holds /usr/share/applications/eap-explorer.desktop" || fail ".deb lacks /usr/share/applications/eap-explorer.desktop"
    grep -q ' \./usr/share/icons/hicolor/256x256/apps/eap-explorer\.png$' <<< "$contents" \
        && pass ".deb holds the hicolor icon" || fail ".deb lacks /usr/share/icons/hicolor/256x256/apps/eap-explorer.png"
    mkdir -p "$work/deb"
    dpkg-deb -e "$deb" "$work/deb/control"
    scripts=$(cd "$work/deb/control" && ls | grep -E '^(preinst|postinst|prerm|postrm)$' || true)
    [[ -z "$scripts" ]] && pass ".deb has no maintainer scripts" || fail ".deb has maintainer scripts: $(tr '\n' ' ' <<< "$scripts")"
    grep -q 'xdg-utils' "$work/deb/control/control" && fail ".deb still depends on xdg-utils" || true
    if command -v desktop-file-validate > /dev/null; then
        dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/share/applications/eap-explorer.desktop > "$work/deb/entry.desktop"
        desktop-file-validate "$work/deb/entry.desktop" > "$work/deb/validate.log" 2>&1 \
            && pass "desktop-file-validate accepts the menu entry" || fail "desktop-file-validate: $(cat "$work/deb/validate.log")"
    fi
else
    echo "no .deb beside the image (or no dpkg-deb): the package checks were skipped"
fi

# The .deb, installed, run and purged for real on this machine, where that can be done (dpkg, and root or sudo
# without a password): a maintainer script that fails where there is no desktop menu system, or a file left behind
# after the purge, shows only this way (issue 26). The package must not be installed already: the check removes it.
if [[ -n "$deb" ]] && command -v dpkg > /dev/null; then
    sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        if command -v sudo > /dev/null && sudo -n true 2> /dev/null; then sudo=(sudo -n); else sudo=(none); fi
    fi
    if [[ "${sudo[*]}" == none ]]; then
        echo "SKIPPED: the .deb was not installed: not root, and no sudo without a password"
    elif dpkg-query -W -f '${Status}' eap-explorer 2> /dev/null | grep -q 'installed\|half\|unpacked\|config-files'; then
        fail "eap-explorer is installed here already ($(dpkg-query -W -f '${Status}' eap-explorer)): remove it (apt-get purge eap-explorer) and rerun; the check installs and purges its own"
    else
        deb_abs="$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")"
        export DEBIAN_FRONTEND=noninteractive
        if command -v apt-get > /dev/null; then
            install=(apt-get install -y -q --no-install-recommends "$deb_abs"); purge=(apt-get purge -y -q eap-explorer)
        else
            install=(dpkg -i "$deb_abs"); purge=(dpkg --purge eap-explorer)
        fi
        if "${sudo[@]}" "${install[@]}" > "$work/deb/install.log" 2>&1; then
            pass "installed: ${install[*]}"
            "${bare[@]}" /usr/bin/eap-explorer --help > installed-help.txt 2>&1 && grep -q "Usage: eap-explorer" installed-help.txt \
                && pass "installed /usr/bin/eap-explorer --help" || fail "installed eap-explorer --help: $(head -5 installed-help.txt)"
            "${bare[@]}" /usr/bin/eap-explorer doctor > installed-doctor.txt 2>&1 \
                && pass "installed doctor: $(grep -m1 '^libtorch:' installed-doctor.txt | tr -s ' ')" \
                || fail "installed doctor: $(tail -5 installed-doctor.txt)"
            "${bare[@]}" /usr/bin/eap-explorer list > installed-list.txt 2>&1 \
                && grep -q "induction-2l  */opt/eap-explorer/lib/app/assets/models/induction-2l$" installed-list.txt \
                && pass "installed list names the shipped model under /opt/eap-explorer" \
                || fail "installed list: $(head -5 installed-list.txt)"
            if "${bare[@]}" /usr/bin/eap-explorer score --model induction-2l --prompts induction.jsonl --out installed-scores.json \
                > installed-score.log 2>&1 && grep -q '"metric_clean": 14.2774' installed-scores.json; then
                pass "installed score --model induction-2l --prompts induction.jsonl (shipped names): metric_clean 14.2774"
            else
                fail "installed score by shipped names: $(tail -3 installed-score.log)"
            fi
            [[ -f /usr/share/applications/eap-explorer.desktop ]] \
                && pass "menu entry /usr/share/applications/eap-explorer.desktop" || fail "no /usr/share/applications/eap-explorer.desktop"
            [[ -n "$(find /usr/share/icons/hicolor -name 'eap-explorer.png' 2> /dev/null)" ]] \
                && pass "icon in the hicolor theme" || fail "no eap-explorer.png under /usr/share/icons/hicolor"
        else
            fail "${install[*]} exited non-zero: $(tail -5 "$work/deb/install.log")"
        fi
        if "${sudo[@]}" "${purge[@]}" > "$work/deb/purge.log" 2>&1; then
            pass "purged: ${purge[*]}"
        else
            fail "${purge[*]} exited non-zero: $(tail -5 "$work/deb/purge.log")"
        fi
        left=$(dpkg-query -W -f '${Status}' eap-explorer 2> /dev/null || true)
        [[ -z "$left" || "$left" == "unknown ok not-installed" ]] || fail "after the purge dpkg still knows eap-explorer: $left"
        left=$( { ls -d /opt/eap-explorer /usr/bin/eap-explorer 2> /dev/null
                  find /usr/share/applications /usr/share/icons /usr/share/pixmaps -name 'eap-explorer*' 2> /dev/null; } || true)
        [[ -z "$left" ]] && pass "nothing left after the purge (/opt/eap-explorer, /usr/bin, menu entries, icons)" \
            || fail "left after the purge: $(tr '\n' ' ' <<< "$left")"
    fi
else
    echo "SKIPPED: the .deb was not installed: no .deb beside the image, or no dpkg"
fi

[[ -e "$work/java-called" ]] && fail "the launcher called java from the PATH" || pass "no java from the PATH was used"
echo "image size: $(du -sh "$image" | cut -f1) (runtime $(du -sh "$image/lib/runtime" | cut -f1))"
if ((failures > 0)); then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "all checks passed"
