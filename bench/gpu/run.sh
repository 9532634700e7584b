#!/bin/bash
# Whetstone's CUDA check on a lent GPU machine (offline, PyTorch with CUDA installed): builds DJL's JNI bridge
# against that PyTorch when DJL's prebuilt one does not link, then doctor, a tiny bench, the starter run on
# the GPU and on the CPU, and the S and M benches against PyTorch eager on the same GPU. Reads .gpu/ (made by
# bench/gpu/make-bundle.sh); writes $OUT/log.txt, the benches' tables and the built libdjl_torch.so (put it
# in .gpu/ to skip the build next time). LOCAL=1 runs the mechanics here on the CPU libtorch.
# The results of 2026-11-26 are in BENCHMARKS.md, "GPU".
set -u
START=$(date +%s)
BUDGET=${BUDGET:-560}
OUT=${OUT:-/tmp/gpu-out}
mkdir -p "$OUT"
exec > >(tee -a "$OUT/log.txt") 2>&1
left() { echo $((BUDGET - ($(date +%s) - START))); }
step() { echo; echo "=== $(date +%T) [$(( $(date +%s) - START ))s] $*"; }

step machine
nvidia-smi 2>&1 | head -15; nproc; free -g | head -2
W=/tmp/ws; rm -rf $W; mkdir -p $W; tar xJf .gpu/bundle.tar.xz -C $W
PY=$(command -v python3)
export DJL_CACHE_DIR=/tmp/djl WHETSTONE_HOME=/tmp/wh
if [ "${LOCAL:-0}" = 1 ]; then
  export PYTORCH_LIBRARY_PATH=$(ls -d ~/.djl.ai/pytorch/2.7.1-*-cpu-linux-x86_64) PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cpu
  DEV=cpu; PY=/usr/bin/python3
else
  TORCHLIB=$($PY -c "import torch,os;print(os.path.join(os.path.dirname(torch.__file__),'lib'))")
  $PY -c "import torch;print('python torch', torch.__version__, 'cuda', torch.version.cuda, torch.cuda.get_device_name())"
  ls "$TORCHLIB"
  CUDART=$(find $($PY -c "import site;print(' '.join(site.getsitepackages()))") -name 'libcudart.so*' 2>/dev/null | head -1)
  echo "cudart: $CUDART"
  mkdir -p /tmp/cudart && ln -sf "$CUDART" /tmp/cudart/libcudart.so
  export PYTORCH_LIBRARY_PATH=$TORCHLIB PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cu128
  export LD_LIBRARY_PATH=/tmp/cudart:$TORCHLIB:${LD_LIBRARY_PATH:-}
  DEV=cuda
fi
JAVA="$W/jre/bin/java -Djna.library.path=/tmp/cudart -cp $W/app/whetstone.jar dev.whetstone.app.cli.WhetstoneCommand"

smoke() {  # doctor + a tiny bench against the reference: the JNI library loads and both sides agree
  step "doctor ($PYTORCH_VERSION $PYTORCH_FLAVOR)"
  timeout 90 $JAVA doctor --device $DEV || return 1
  step "bench tiny"
  timeout 150 $JAVA bench --size tiny --device $DEV --python $PY --threads 8 --rounds 2 --steps-per-round 3 \
      --sample-rounds 1 --no-report --work-dir /tmp/bench > $OUT/tiny.txt || { cat $OUT/tiny.txt; return 1; }
  cat $OUT/tiny.txt
}

jni_symbols_missing() {  # C++ symbols the prebuilt JNI library needs that this libtorch lacks
  command -v nm >/dev/null || { echo "no nm"; return 0; }
  $PY - "$TORCHLIB" <<'EOF'
import subprocess, sys, zipfile, glob, os
lib = sys.argv[1]
jar = glob.glob("/tmp/ws/app/lib/pytorch-jni-*.jar")[0]
with zipfile.ZipFile(jar) as z:
    open("/tmp/djl_cu128.so", "wb").write(z.read("jnilib/linux-x86_64/cu128/libdjl_torch.so"))
def syms(path, undefined):
    out = subprocess.run(["nm", "-D", "--undefined-only" if undefined else "--defined-only", path],
                         capture_output=True, text=True).stdout.split("\n")
    rows = [l.split() for l in out if l.strip()]
    return {r[-1].split("@")[0] for r in rows if not undefined or r[-2] == "U"}
need = {s for s in syms("/tmp/djl_cu128.so", True) if s.startswith("_Z")}
have = set()
for f in glob.glob(lib + "/*.so*"):
    have |= syms(f, False)
for f in ["/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6"]:
    if os.path.exists(f):
        have |= syms(f, False)
missing = sorted(need - have)
print(len(need), "C++ symbols needed,", len(missing), "missing")
for s in missing[:40]:
    print("  ", subprocess.run(["c++filt", s], capture_output=True, text=True).stdout.strip()[:200])
sys.exit(1 if missing else 0)
EOF
}

build_jni() {  # scripts/build-cuda-jni.sh against this machine's torch, from the bundle's DJL sources
  step "build the JNI library against python's torch"
  mkdir -p $W/jdk && cp -r $W/jre/* $W/jdk/ && cp -r .gpu/jnikit/jdk-include $W/jdk/include
  DJL_SOURCE=$PWD/.gpu/jnikit JAVA_HOME=$W/jdk PYTHON=$PY WORK=/tmp/cuda-jni \
      bash scripts/build-cuda-jni.sh > $OUT/build-jni.txt 2>&1 || { tail -40 $OUT/build-jni.txt; return 1; }
  tail -8 $OUT/build-jni.txt
  V=$($PY -c "import torch;print(torch.__version__.split('+')[0])")
  F=$($PY -c "import torch;print('cu'+torch.version.cuda.replace('.',''))")
  cp $DJL_CACHE_DIR/pytorch/$V-$F-linux-x86_64/0.36.0-libdjl_torch.so $OUT/libdjl_torch.so
  export PYTORCH_VERSION=$V PYTORCH_FLAVOR=$F
}

if [ "$DEV" = cuda ]; then
  if [ -f .gpu/libdjl_torch.so ]; then   # built on an earlier machine
    V=$($PY -c "import torch;print(torch.__version__.split('+')[0])")
    F=$($PY -c "import torch;print('cu'+torch.version.cuda.replace('.',''))")
    mkdir -p $DJL_CACHE_DIR/pytorch/$V-$F-linux-x86_64
    cp .gpu/libdjl_torch.so $DJL_CACHE_DIR/pytorch/$V-$F-linux-x86_64/0.36.0-libdjl_torch.so
    export PYTORCH_VERSION=$V PYTORCH_FLAVOR=$F
    smoke || exit 1
  else
    step "prebuilt cu128 JNI library vs this libtorch"
    if jni_symbols_missing && smoke; then
      echo "PREBUILT JNI WORKS"
    else
      build_jni && smoke || { echo "NO WORKING JNI"; exit 1; }
    fi
  fi
else
  smoke || exit 1
fi

for d in $DEV cpu; do   # the same run on the GPU and on this machine's CPU: the loss curves must agree
  [ "$d" = cpu ] && [ "$DEV" = cpu ] && continue
  if [ "$(left)" -gt 200 ]; then
    step "starter on $d (held-out exact match must rise)"
    timeout 75 $JAVA starter --device $d --home /tmp/wh-$d > $OUT/starter-$d.txt 2>&1
    grep -v "INFO" $OUT/starter-$d.txt | grep -v "^step [0-9]" ; grep "^step" $OUT/starter-$d.txt | awk 'NR%20==1'
  fi
done
nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -lms 250 > $OUT/gpumem.txt 2>/dev/null &
for size in ${SIZES:-S M}; do
  if [ "$(left)" -lt 100 ]; then echo "skipping $size: $(left)s left"; continue; fi
  step "bench $size"
  rounds=3; samples=2; [ "$size" = S ] && rounds=5 && samples=3
  timeout $(( $(left) - 10 )) $JAVA bench --size $size --device $DEV --python $PY --threads 8 --rounds $rounds \
      --steps-per-round 3 --sample-rounds $samples --report $OUT/BENCH-$size.md --work-dir /tmp/bench \
      > $OUT/bench-$size.txt
  cat $OUT/bench-$size.txt
  echo "GPU memory used, most seen so far: $(sort -n $OUT/gpumem.txt 2>/dev/null | tail -1) MiB"
done
step done
