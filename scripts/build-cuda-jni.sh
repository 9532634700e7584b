#!/usr/bin/env bash
# Builds DJL's PyTorch JNI library (the bridge between Whetstone's engine and libtorch) against the CUDA
# PyTorch installed in your Python, for machines where DJL's own CUDA download does not fit (no internet
# for the app, or a CUDA driver/PyTorch newer than DJL's cu128 build). Run it from the checkout after
# `mvn -B -DskipTests package`; it prints the environment Whetstone then needs.
#
# These are the steps that ran on an NVIDIA H100 with PyTorch 2.11.0+cu130 (BENCHMARKS.md, "GPU");
# bench/gpu/run.sh calls this script there. Needs: python3 with a CUDA torch, a JDK 17 (javac and its
# include/ folder), cmake, a C++ compiler, curl, and the CUDA toolkit torch's CMake files look for.
# Offline: DJL_SOURCE=DIR names DJL's sources instead of downloading them; a JNI header already in
# DIR/engines/pytorch/pytorch-native/build/include spares javac (bench/gpu/make-bundle.sh makes both).
set -euo pipefail

DJL_VERSION=0.36.0
PYTHON=${PYTHON:-python3}
WORK=${WORK:-$HOME/.whetstone/cuda-jni}
LIB_DIR=${LIB_DIR:-$PWD/app/target/lib}

die() { echo "build-cuda-jni: $*" >&2; exit 2; }

for tool in cmake make; do
  command -v "$tool" >/dev/null || die "'$tool' is not installed"
done
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac || command -v java)")")")}
[ -f "$JAVA_HOME/include/jni.h" ] || die "no jni.h under $JAVA_HOME/include: set JAVA_HOME to a JDK 17"

read -r TORCH_LIB TORCH_VERSION CUDA_VERSION CMAKE_PREFIX < <("$PYTHON" - <<'EOF'
import os, torch
print(os.path.join(os.path.dirname(torch.__file__), "lib"), torch.__version__.split("+")[0],
      torch.version.cuda or "none", torch.utils.cmake_prefix_path)
EOF
) || die "$PYTHON cannot import torch: install a CUDA build of PyTorch, or set PYTHON"
[ "$CUDA_VERSION" != none ] || die "the torch in $PYTHON ($TORCH_VERSION) is a CPU build: install a CUDA build"
FLAVOR=cu${CUDA_VERSION//./}
echo "building DJL $DJL_VERSION's JNI for torch $TORCH_VERSION ($FLAVOR) in $WORK"

mkdir -p "$WORK"
if [ -z "${DJL_SOURCE:-}" ]; then
  command -v curl >/dev/null || die "'curl' is not installed (or set DJL_SOURCE to DJL's sources)"
  DJL_SOURCE=$WORK/djl-$DJL_VERSION
  [ -d "$DJL_SOURCE" ] || curl -fsSL "https://github.com/deepjavalibrary/djl/archive/refs/tags/v$DJL_VERSION.tar.gz" \
      | tar xz -C "$WORK"
fi
NATIVE=$DJL_SOURCE/engines/pytorch/pytorch-native
[ -f "$NATIVE/CMakeLists.txt" ] || die "no $NATIVE/CMakeLists.txt: DJL_SOURCE must hold DJL $DJL_VERSION's sources"
HEADER=$NATIVE/build/include/ai_djl_pytorch_jni_PyTorchLibrary.h
if [ ! -f "$HEADER" ]; then   # the JNI header comes from the Java side of the same DJL version
  [ -f "$LIB_DIR/api-$DJL_VERSION.jar" ] || die "$LIB_DIR/api-$DJL_VERSION.jar is missing: run this from the checkout after 'mvn -B -DskipTests package'"
  command -v javac >/dev/null || die "'javac' is not installed"
  javac -nowarn -cp "$LIB_DIR/api-$DJL_VERSION.jar:$(ls "$LIB_DIR"/slf4j-api-*.jar | head -1)" \
      -sourcepath "$DJL_SOURCE/engines/pytorch/pytorch-engine/src/main/java" -h "$(dirname "$HEADER")" \
      -d "$WORK/classes" "$DJL_SOURCE/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java"
fi

BUILD=$WORK/build-$TORCH_VERSION-$FLAVOR
rm -rf "$BUILD" && mkdir -p "$BUILD"
export PATH=/usr/local/cuda/bin:$PATH
cmake -S "$NATIVE" -B "$BUILD" -DCMAKE_PREFIX_PATH="$CMAKE_PREFIX" -DUSE_CUDA=1 -DCMAKE_BUILD_TYPE=Release \
    -DJAVA_HOME="$JAVA_HOME" -DJAVA_INCLUDE_PATH="$JAVA_HOME/include" \
    -DJAVA_INCLUDE_PATH2="$JAVA_HOME/include/linux" \
    -DJAVA_JVM_LIBRARY="$(find "$JAVA_HOME" -name libjvm.so | head -1)" > "$BUILD/cmake.log" 2>&1 \
    || { tail -30 "$BUILD/cmake.log"; die "cmake failed (whole log: $BUILD/cmake.log)"; }
make -C "$BUILD" -j"$(nproc)" > "$BUILD/make.log" 2>&1 \
    || { grep -m 20 -A5 error "$BUILD/make.log"; die "the build failed (whole log: $BUILD/make.log)"; }

CACHE=${DJL_CACHE_DIR:-$HOME/.djl.ai}/pytorch/$TORCH_VERSION-$FLAVOR-linux-x86_64
mkdir -p "$CACHE"
cp "$BUILD/libdjl_torch.so" "$CACHE/$DJL_VERSION-libdjl_torch.so"
# DJL counts GPUs through libcudart.so; pip's CUDA runtime ships it only with a version suffix
CUDART=$(find "$("$PYTHON" -c 'import site; print(site.getsitepackages()[0])')" "$TORCH_LIB" -name 'libcudart.so*' 2>/dev/null | head -1)
[ -n "$CUDART" ] || die "no libcudart.so* next to torch: install the CUDA runtime PyTorch was built with"
mkdir -p "$WORK/cudart"
ln -sf "$CUDART" "$WORK/cudart/libcudart.so"

cat <<EOF

Installed $CACHE/$DJL_VERSION-libdjl_torch.so
Before starting Whetstone (then \`java -jar app/target/whetstone.jar doctor --device cuda\` says cuda:0):

export PYTORCH_LIBRARY_PATH=$TORCH_LIB PYTORCH_VERSION=$TORCH_VERSION PYTORCH_FLAVOR=$FLAVOR
export LD_LIBRARY_PATH=$WORK/cudart:$TORCH_LIB\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}
export JAVA_TOOL_OPTIONS=-Djna.library.path=$WORK/cudart
EOF
