#!/usr/bin/env bash
# On a CUDA machine: runs doctor, then score, patch and acdc on the built-in model on the GPU and on the CPU,
# and compares every number of the outputs (relative difference <= 1e-4, absolute floor 1e-6; strings such as
# the device description and timings are not compared). Exit 0 when all agree, 1 when a number differs,
# 2 when the GPU is not used.
#
#   tools/gpu-check.sh [--libtorch DIR]      (or EAP_LIBTORCH=DIR; see the README's "GPU set-up")
#
# Needs target/eap-explorer.jar (mvn -B -o package -DskipTests) or EAP_CMD (e.g. the jlink launcher), and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
EAP=${EAP_CMD:-"java -jar target/eap-explorer.jar"}
MODEL=${GPU_CHECK_MODEL:-assets/models/induction-2l}
PROMPTS=${GPU_CHECK_PROMPTS:-sample-prompts/induction.jsonl}
EDGE=${GPU_CHECK_EDGE:-input->m0}
OUT=${GPU_CHECK_OUT:-$(mktemp -d /tmp/gpu-check.XXXXXX)}
EXTRA=("$@")

echo "== doctor"
$EAP doctor "${EXTRA[@]}" | tee "$OUT/doctor.txt"
if ! grep -q '^CUDA devices: *[1-9]' "$OUT/doctor.txt"; then
  echo "gpu-check: PyTorch sees no CUDA device (see doctor above); nothing to compare" >&2
  exit 2
fi

for device in gpu cpu; do
  echo "== $device"
  $EAP score --model "$MODEL" --prompts "$PROMPTS" --device "$device" "${EXTRA[@]}" --out "$OUT/score-$device.json"
  $EAP patch --model "$MODEL" --prompts "$PROMPTS" --device "$device" "${EXTRA[@]}" --edges "$EDGE" --out "$OUT/patch-$device.json"
  $EAP acdc --model "$MODEL" --prompts "$PROMPTS" --device "$device" "${EXTRA[@]}" --tau 0.01 --out "$OUT/acdc-$device.json"
done
grep -q '"device" *: *"GPU' "$OUT/score-gpu.json" || { echo "gpu-check: score-gpu.json does not name a GPU device" >&2; exit 2; }

python3 - "$OUT" <<'PY'
import json, math, sys
out = sys.argv[1]
worst, bad = 0.0, []
def walk(a, b, path):
    global worst
    if isinstance(a, bool) or isinstance(b, bool):
        if a != b: bad.append(f"{path}: {a} vs {b}")
    elif isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if any(k in path.lower() for k in ("second", "millis", "time", "nanos", "_ms", "elapsed")):
            return
        d = abs(a - b) / max(abs(a), abs(b), 1e-6) if not (math.isnan(a) and math.isnan(b)) else 0.0
        worst = max(worst, d)
        if d > 1e-4: bad.append(f"{path}: gpu {a} cpu {b} (rel {d:.2e})")
    elif isinstance(a, dict) and isinstance(b, dict):
        for k in a.keys() & b.keys(): walk(a[k], b[k], f"{path}.{k}")
        for k in a.keys() ^ b.keys(): bad.append(f"{path}.{k}: only in one file")
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b): bad.append(f"{path}: {len(a)} vs {len(b)} elements")
        for i, (x, y) in enumerate(zip(a, b)): walk(x, y, f"{path}[{i}]")
for name in ("score", "patch", "acdc"):
    with open(f"{out}/{name}-gpu.json") as g, open(f"{out}/{name}-cpu.json") as c:
        walk(json.load(g), json.load(c), name)
print(f"largest relative difference GPU vs CPU: {worst:.2e}")
for line in bad[:40]: print("DIFFERS", line)
sys.exit(1 if bad else 0)
PY
echo "gpu-check: GPU and CPU agree within 1e-4 (outputs in $OUT)"
