#!/usr/bin/env bash
# Builds the installable program from a packaged jar (run by `mvn -Pdist package`, see jlink/README.md):
#   1. a jlink runtime of the JDK modules jdeps finds the program needs, plus the JavaFX modules;
#   2. a jpackage application image target/dist/eap-explorer/ with that runtime, the program's jar and the
#      other jars on the class path (they are automatic modules, so they cannot go into the runtime);
#   3. a .deb of that image, where dpkg-deb and fakeroot exist (Debian/Ubuntu).
# Usage: build-image.sh JAVA_HOME BASEDIR VERSION
set -euo pipefail

java_home=$1
basedir=$2
version=$3
target="$basedir/target"
bin="$java_home/bin"
for tool in jdeps jlink jpackage; do
    if [[ ! -x "$bin/$tool" ]]; then
        echo "error: $bin/$tool not found: the dist profile needs a full JDK 17+ (with jlink and jpackage) to run Maven" >&2
        exit 1
    fi
done
if [[ ! -f "$target/eap-explorer.jar" || ! -d "$target/lib" ]]; then
    echo "error: $target/eap-explorer.jar or $target/lib/ missing: run through 'mvn -Pdist package'" >&2
    exit 1
fi

input="$target/dist-input"
runtime="$target/dist-runtime"
dist="$target/dist"
fxmods="$target/dist-javafx"
rm -rf "$input" "$runtime" "$dist" "$fxmods"
mkdir -p "$input/lib" "$fxmods" "$dist"

# The JavaFX jars go into the runtime as real modules (the platform jars, "-linux"); the empty
# classifier-less jars and the JavaFX jars themselves are kept off the class path, where they would be loaded twice.
cp "$target"/lib/javafx-*-linux.jar "$fxmods/"
for jar in "$target"/lib/*.jar; do
    case "$(basename "$jar")" in
        javafx-*) ;;
        *) cp "$jar" "$input/lib/" ;;
    esac
done
cp "$target/eap-explorer.jar" "$input/"
# jpackage copies the input folder to lib/app/, beside the program's jar, where InstallLocations looks for the
# built-in model and the sample prompts (the folder holding the jar is one of its roots).
mkdir -p "$input/assets"
cp -r "$basedir/assets/models" "$basedir/assets/tokenizers" "$basedir/assets/groundtruth" "$input/assets/"
cp -r "$basedir/sample-prompts" "$input/"

# The JDK modules the program's classes and the library classes they reach use (jdeps follows the class path);
# JavaFX's own needs are added by jlink's resolution. The library jars are not given as roots: the modular ones
# (commons-compress) would be resolved as modules and fail on their optional requires.
jdk_modules=$("$bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps \
    --class-path "$input/lib/*" "$input/eap-explorer.jar")
# Used only at run time, which jdeps cannot see: zip file systems and TLS's elliptic curves (services; the
# explicit downloads), the extra charsets and locale data, and sun.misc.Unsafe, which Gson looks up reflectively.
extra_modules=jdk.zipfs,jdk.crypto.ec,jdk.charsets,jdk.localedata,jdk.unsupported
modules="$jdk_modules,$extra_modules,javafx.controls,javafx.swing"
echo "jlink modules: $modules"
"$bin/jlink" --module-path "$fxmods" --add-modules "$modules" \
    --strip-debug --no-header-files --no-man-pages --compress=2 \
    --include-locales=en --output "$runtime"

icon="$basedir/assets/icon/eap-explorer.png"
app_version=${version%%-*}
"$bin/jpackage" --type app-image --name eap-explorer --dest "$dist" \
    --input "$input" --main-jar eap-explorer.jar --main-class org.eapexplorer.Launcher \
    --runtime-image "$runtime" --app-version "$app_version" --icon "$icon" \
    --vendor "EAP Explorer" --description "Edge Attribution Patching for transformer language models, offline"
echo "app image: $dist/eap-explorer ($(du -sh "$dist/eap-explorer" | cut -f1), ${SECONDS} s)"

if command -v dpkg-deb > /dev/null && command -v fakeroot > /dev/null; then
    # jpackage finds the packages of the runtime's own native libraries (dpkg -S), but not JavaFX's: the JavaFX
    # jars carry theirs inside and unpack them at start (~/.openjfx/cache), so their needs are named here, as the
    # README's set-up lists them: GTK 3 for the window (libgtk-3-0t64 from Debian 13 / Ubuntu 24.04 on), OpenGL
    # for the hardware pipeline.
    # No --linux-shortcut: jpackage's menu entry is installed by xdg-desktop-menu in postinst and prerm under set -e,
    # which fails (and leaves the package half-installed, and then unremovable) where there is no menu folder, on a
    # server or in a container (issue 26). The package is repacked below to install the menu entry as Debian packages
    # do: plain files that dpkg installs and removes.
    "$bin/jpackage" --type deb --app-image "$dist/eap-explorer" --name eap-explorer --dest "$dist" \
        --app-version "$app_version" --icon "$icon" --vendor "EAP Explorer" \
        --description "Edge Attribution Patching for transformer language models, offline" \
        --linux-package-name eap-explorer --linux-deb-maintainer "eap-explorer@localhost" \
        --linux-app-category science \
        --linux-package-deps "libgtk-3-0 | libgtk-3-0t64, libgl1, libxxf86vm1"
    "$basedir/jlink/deb/repack.sh" "$dist"/eap-explorer_*.deb "$basedir/jlink/deb" "$icon" "$target/dist-deb"
    for deb in "$dist"/*.deb; do
        echo "deb: $deb ($(du -sh "$deb" | cut -f1), ${SECONDS} s since the start)"
    done
else
    echo "no .deb: dpkg-deb or fakeroot not found (the app image is complete without it)"
fi
