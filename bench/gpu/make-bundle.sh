#!/usr/bin/env bash
# Packs what the GPU check (bench/gpu/run.sh) needs on a lent, offline GPU machine into .gpu/ (git-ignored):
# a jlinked Java 17, the app's jars without the CPU libtorch and JavaFX, the golden check (engine/local's
# test classes with the PyTorch golden fixtures: GoldenOnDevice), and DJL's JNI sources with the generated
# header, so the bridge can be built there against that machine's PyTorch. The whole folder stays under the
# device tool's 64 MiB. Run after `mvn -B -DskipTests package`:
#   bench/gpu/make-bundle.sh DJL_CHECKOUT     (a git clone of deepjavalibrary/djl, any commit holding tag v0.36.0)
set -euo pipefail
DJL_VERSION=0.36.0
DJL=${1:?usage: bench/gpu/make-bundle.sh DJL_CHECKOUT}
ROOT=$PWD
LIB=$ROOT/app/target/lib
[ -f "$ROOT/app/target/whetstone.jar" ] || { echo "run mvn -B -DskipTests package first" >&2; exit 2; }
[ -f "$ROOT/engine/local/target/test-classes/dev/whetstone/engine/local/GoldenOnDevice.class" ] \
  || { echo "engine/local's test classes are missing: run mvn -B -DskipTests package (it compiles them)" >&2; exit 2; }
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT

jlink --add-modules java.base,java.sql,java.desktop,java.logging,java.management,jdk.unsupported,java.naming,java.xml,jdk.zipfs \
      --strip-debug --no-header-files --no-man-pages --compress=0 --output "$STAGE/jre"
strip --strip-unneeded "$STAGE/jre/lib/server/libjvm.so"
mkdir -p "$STAGE/app/lib" "$STAGE/tok"
cp -r "$ROOT/engine/local/target/test-classes" "$STAGE/golden-check"
cp "$ROOT/app/target/whetstone.jar" "$STAGE/app/"
for jar in "$LIB"/*.jar; do
  case $(basename "$jar") in
    pytorch-native-*|javafx-*|atlantafx-*|tokenizers-*) ;;
    *) cp "$jar" "$STAGE/app/lib/" ;;
  esac
done
# the tokenizer jar without its macOS, Windows and ARM libraries (14 of its 18 MB)
(cd "$STAGE/tok" && unzip -q "$LIB"/tokenizers-*.jar && rm -rf native/lib/linux-aarch64 native/lib/win-* native/lib/osx-* \
  && zip -q -r "$STAGE/app/lib/$(basename "$LIB"/tokenizers-*.jar)" .)
rm -rf "$ROOT/.gpu" && mkdir -p "$ROOT/.gpu/jnikit"
tar cJf "$ROOT/.gpu/bundle.tar.xz" -C "$STAGE" jre app golden-check
git -C "$ROOT" describe --always --dirty > "$ROOT/.gpu/commit"

# DJL's JNI sources of the same version, with the header javac generates from its Java side
git -C "$DJL" archive "v$DJL_VERSION" engines/pytorch/pytorch-native engines/pytorch/pytorch-engine/src/main/java \
    api/src/main/native | tar x -C "$ROOT/.gpu/jnikit"
NATIVE=$ROOT/.gpu/jnikit/engines/pytorch/pytorch-native
javac -nowarn -cp "$LIB/api-$DJL_VERSION.jar:$(ls "$LIB"/slf4j-api-*.jar | head -1)" \
      -sourcepath "$ROOT/.gpu/jnikit/engines/pytorch/pytorch-engine/src/main/java" -h "$NATIVE/build/include" \
      -d "$STAGE/classes" "$ROOT/.gpu/jnikit/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java"
rm -rf "$ROOT/.gpu/jnikit/engines/pytorch/pytorch-engine"
cp -r "$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")/include" "$ROOT/.gpu/jnikit/jdk-include"
du -sh "$ROOT/.gpu"
echo "now: the device tool's run with carry [\".gpu\"], timeout_s 540 and command 'BUDGET=470 bash bench/gpu/run.sh'"
