#!/bin/bash
# Whetstone's GPU check in one call on a lent, offline GPU machine with a CUDA PyTorch installed (issue #20):
#   1. the JNI bridge: .gpu/libdjl_torch.so from an earlier machine, else DJL's prebuilt one if this libtorch
#      has its symbols, else built here against this PyTorch (scripts/build-cuda-jni.sh);
#   2. the golden numerics on the GPU, float16 matrices, within float16's tolerances (GoldenOnDevice);
#   3. `whetstone starter --device cuda` (held-out exact match must rise to 1.0);
#   4. `whetstone bench --device cuda` for S and M against PyTorch eager on the same GPU, with one step of each
#      side profiled (bench/trace_top.py) and the memory of one step;
#   5. if time is left, the M step profiled with the casts of before decision 0022 (-Dwhetstone.halfCast=cumprod).
# Everything lands in $OUT; $OUT/report.md is the summary to paste into BENCHMARKS.md ("GPU").
# Prepare on the workstation: `mvn -B -DskipTests package`, then `bench/gpu/make-bundle.sh DJL_CHECKOUT`
# (fills .gpu/); the device call carries .gpu and runs `BUDGET=470 bash bench/gpu/run.sh`.
# LOCAL=1 runs the same mechanics here on the CPU libtorch (float16 forced for the golden step).
set -u
START=$(date +%s)
BUDGET=${BUDGET:-470}
OUT=${OUT:-/tmp/gpu-out}
mkdir -p "$OUT"
exec > >(tee -a "$OUT/log.txt") 2>&1
REPORT=$OUT/report.md
left() { echo $((BUDGET - ($(date +%s) - START))); }
step() { echo; echo "=== $(date +%T) [$(( $(date +%s) - START ))s] $*"; }
note() { echo "$*" >> "$REPORT"; }

step machine
nvidia-smi 2>&1 | head -15; nproc; free -g | head -2
W=/tmp/ws; rm -rf $W; mkdir -p $W; tar xJf .gpu/bundle.tar.xz -C $W
PY=$(command -v python3)
export DJL_CACHE_DIR=/tmp/djl WHETSTONE_HOME=/tmp/wh
if [ "${LOCAL:-0}" = 1 ]; then
  export PYTORCH_LIBRARY_PATH=$(ls -d ~/.djl.ai/pytorch/2.7.1-*-cpu-linux-x86_64) PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cpu
  DEV=cpu; PY=/usr/bin/python3; GOLDEN_ARGS="cpu float16"
else
  TORCHLIB=$($PY -c "import torch,os;print(os.path.join(os.path.dirname(torch.__file__),'lib'))")
  $PY -c "import torch;print('python torch', torch.__version__, 'cuda', torch.version.cuda, torch.cuda.get_device_name())"
  CUDART=$(find $($PY -c "import site;print(' '.join(site.getsitepackages()))") -name 'libcudart.so*' 2>/dev/null | head -1)
  echo "cudart: $CUDART"
  mkdir -p /tmp/cudart && ln -sf "$CUDART" /tmp/cudart/libcudart.so
  export PYTORCH_LIBRARY_PATH=$TORCHLIB PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cu128
  export LD_LIBRARY_PATH=/tmp/cudart:$TORCHLIB:${LD_LIBRARY_PATH:-}
  DEV=cuda; GOLDEN_ARGS="cuda"
fi
JVM="$W/jre/bin/java -Djna.library.path=/tmp/cudart"
JAVA="$JVM -cp $W/app/whetstone.jar dev.whetstone.app.cli.WhetstoneCommand"
{ echo "# GPU check, $(date -u +'%Y-%m-%d %H:%M') UTC, commit $(cat .gpu/commit 2>/dev/null || echo unknown)"; echo;
  echo '```'; nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1 | head -2
  $PY -c "import torch;print('torch', torch.__version__, 'cuda', torch.version.cuda)" 2>&1; echo '```'; } > "$REPORT"

doctor() {
  step "doctor ($PYTORCH_VERSION $PYTORCH_FLAVOR)"
  timeout 90 $JAVA doctor --device $DEV
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

use_bridge() {  # puts a libdjl_torch.so where DJL looks for it
  V=$($PY -c "import torch;print(torch.__version__.split('+')[0])")
  F=$($PY -c "import torch;print('cu'+torch.version.cuda.replace('.',''))")
  mkdir -p $DJL_CACHE_DIR/pytorch/$V-$F-linux-x86_64
  cp "$1" $DJL_CACHE_DIR/pytorch/$V-$F-linux-x86_64/0.36.0-libdjl_torch.so
  export PYTORCH_VERSION=$V PYTORCH_FLAVOR=$F
}

build_jni() {  # scripts/build-cuda-jni.sh against this machine's torch, from the bundle's DJL sources
  step "build the JNI library against python's torch"
  mkdir -p $W/jdk && cp -r $W/jre/* $W/jdk/ && cp -r .gpu/jnikit/jdk-include $W/jdk/include
  DJL_SOURCE=$PWD/.gpu/jnikit JAVA_HOME=$W/jdk PYTHON=$PY WORK=/tmp/cuda-jni LIB_DIR=$W/app/lib \
      bash scripts/build-cuda-jni.sh > $OUT/build-jni.txt 2>&1 || { tail -40 $OUT/build-jni.txt; return 1; }
  tail -8 $OUT/build-jni.txt
  V=$($PY -c "import torch;print(torch.__version__.split('+')[0])")
  F=$($PY -c "import torch;print('cu'+torch.version.cuda.replace('.',''))")
  cp $DJL_CACHE_DIR/pytorch/$V-$F-linux-x86_64/0.36.0-libdjl_torch.so $OUT/libdjl_torch.so
  export PYTORCH_VERSION=$V PYTORCH_FLAVOR=$F
}

if [ "$DEV" = cuda ]; then
  step "the JNI bridge"
  if [ -f .gpu/libdjl_torch.so ]; then
    use_bridge .gpu/libdjl_torch.so && doctor || exit 1
    note "- bridge: .gpu/libdjl_torch.so (built on an earlier machine)"
  elif jni_symbols_missing && doctor; then
    note "- bridge: DJL's prebuilt cu128 library"
  else
    build_jni && doctor || { echo "NO WORKING JNI"; note "- NO WORKING JNI BRIDGE (see log.txt)"; exit 1; }
    note "- bridge: built here (keep \$OUT/libdjl_torch.so as .gpu/libdjl_torch.so to skip the build next time)"
  fi
else
  doctor || exit 1
fi

step "golden numerics ($GOLDEN_ARGS)"
timeout 120 $JVM -cp "$W/app/whetstone.jar:$W/golden-check" dev.whetstone.engine.local.GoldenOnDevice \
    $W/golden-check/golden $GOLDEN_ARGS > $OUT/golden.txt 2>$OUT/golden-err.txt
echo "golden exit $?" >> $OUT/golden.txt
cat $OUT/golden.txt
{ echo; echo "## Golden numerics (PyTorch float64 reference; float16 matrices)"; echo; echo '```'; cat $OUT/golden.txt; echo '```'; } >> "$REPORT"

if [ "$(left)" -gt 330 ]; then
  step "starter on $DEV (held-out exact match must rise)"
  timeout 75 $JAVA starter --device $DEV --home /tmp/wh-$DEV > $OUT/starter-$DEV.txt 2>&1
  echo "starter exit $?"
  grep -v "INFO" $OUT/starter-$DEV.txt | grep -v "^step [0-9]" | tail -12
  { echo; echo "## whetstone starter --device $DEV"; echo; echo '```'
    grep -v "INFO" $OUT/starter-$DEV.txt | grep -v "^step [0-9]" | tail -12; echo '```'; } >> "$REPORT"
fi

nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -lms 250 > $OUT/gpumem.txt 2>/dev/null &
SMI=$!
mkdir -p $OUT/traces
for size in ${SIZES:-S M}; do
  need=60; [ "$size" = M ] && need=150
  if [ "$(left)" -lt $need ]; then echo "skipping $size: $(left)s left"; note "- bench $size skipped: out of time"; continue; fi
  step "bench $size"
  rounds=3; samples=2; [ "$size" = S ] && rounds=5 && samples=3
  timeout $(( $(left) - 15 )) $JAVA bench --size $size --device $DEV --python $PY --threads 8 --rounds $rounds \
      --steps-per-round 3 --sample-rounds $samples --report $OUT/BENCH-$size.md --work-dir /tmp/bench \
      --trace $OUT/traces > $OUT/bench-$size.txt
  echo "bench exit $?"
  cat $OUT/bench-$size.txt
  { echo; echo "## bench $size"; grep -v '^{' $OUT/bench-$size.txt | grep -v '^(appended'
    echo; echo "GPU memory used, most seen so far (both processes, nvidia-smi): $(sort -n $OUT/gpumem.txt 2>/dev/null | tail -1) MiB"
  } >> "$REPORT"
  for side in whetstone torch; do
    t=$OUT/traces/$size-$side-step.json
    [ -f "$t" ] && $PY bench/trace_top.py "$t" x 25 > $OUT/profile-$size-$side.txt 2>&1 \
      && { echo; echo "### one $size step of $side, self time per op"; echo '```'; head -27 $OUT/profile-$size-$side.txt; echo '```'; } >> "$REPORT"
  done
done
kill $SMI 2>/dev/null

if [ "$DEV" = cuda ] && [ "$(left)" -gt 80 ]; then
  step "M step with the casts of before decision 0022 (cumProd), profiled"
  timeout $(( $(left) - 10 )) $JVM -Dwhetstone.halfCast=cumprod -cp $W/app/whetstone.jar dev.whetstone.app.cli.WhetstoneCommand \
      bench --size M --device cuda --no-torch --threads 8 --rounds 1 --steps-per-round 2 --sample-rounds 0 --no-report \
      --work-dir /tmp/bench --trace $OUT/traces-cumprod > $OUT/bench-M-cumprod.txt 2>&1
  grep -E "train step median|held|GPU memory" $OUT/bench-M-cumprod.txt
  t=$OUT/traces-cumprod/M-whetstone-step.json
  { echo; echo "## M step with cumProd casts (before 0022), Whetstone alone"; echo
    grep -E "^\| (train step median|GPU memory)" $OUT/bench-M-cumprod.txt
    [ -f "$t" ] && { echo; echo '```'; $PY bench/trace_top.py "$t" x 25 | head -27; echo '```'; }; } >> "$REPORT"
fi
step done
note ""; note "Total $(( $(date +%s) - START )) s of the ${BUDGET} s budget."
