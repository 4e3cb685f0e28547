#!/usr/bin/env bash
# The emulator's throughput: wrk (one thread, 64 keep-alive connections) replays one
# V3-signed HotLiveRtcStream call against `hotlive emulate --qps 0 --allow-replay`.
#
# A fair measure of the full path: every request is parsed, its parameters decoded, its
# signature verified (SHA-256 of the body and of the canonical request, HMAC-SHA256), the
# account's QPS window consulted, the call's attempt counted, its parameters validated and a
# JSON answer with a fresh RequestId written. wrk cannot sign each request afresh, so
# --allow-replay (benchmarks only) accepts the replayed nonce; every answer is then a 200, which
# the script checks (wrk prints any non-2xx count). With --rejected, the emulator runs without
# --allow-replay and every answer after the first is SignatureNonceUsed, verified as far as that.
#
# Usage: tests/bench/emulator_wrk.sh [--rejected] [HOTLIVE_EXE [SECONDS [CONNECTIONS]]]
# Prints: "emulator: N requests/s (...)" as its last line.
set -euo pipefail
cd "$(dirname "$0")/../.."

replay=(--allow-replay)
if [[ ${1:-} == --rejected ]]; then
  replay=()
  shift
fi
exe=${1:-build/release/src/hotlive}
seconds=${2:-10}
connections=${3:-64}
command -v wrk >/dev/null || { echo "emulator_wrk: wrk is not installed (scripts/bootstrap installs it)" >&2; exit 2; }
[[ -x $exe ]] || { echo "emulator_wrk: no hotlive executable at $exe" >&2; exit 2; }

work=$(mktemp -d)
emulator_pid=
cleanup() {
  [[ -n $emulator_pid ]] && kill "$emulator_pid" 2>/dev/null && wait "$emulator_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$exe" emulate --listen 127.0.0.1:0 --qps 0 "${replay[@]}" >"$work/out" 2>"$work/err" &
emulator_pid=$!
for _ in $(seq 100); do
  [[ -s $work/out ]] && break
  sleep 0.05
done
url=$(head -1 "$work/out" | awk '{print $NF}')
[[ $url == http://127.0.0.1:* ]] || { echo "emulator_wrk: emulator did not start: $(cat "$work/err")" >&2; exit 1; }
host=${url#http://}

# The signed request, as a wrk script; checked once before the run.
python3 - "$host" "$work/request.lua" <<'PY'
import datetime, hashlib, hmac, http.client, sys, urllib.parse, uuid

host, lua = sys.argv[1], sys.argv[2]
key_id, secret = "hotlive-demo-id", "hotlive-demo-secret"
params = {"DomainName": "rts.example.com", "AppName": "live", "StreamName": "bench", "RegionCode": "ZHJ",
          "AudioMsid": "rts audio", "VideoMsid": "rts video"}
enc = lambda s: urllib.parse.quote(s, safe="-_.~")
query = "&".join(f"{enc(k)}={enc(v)}" for k, v in sorted(params.items()))
payload = hashlib.sha256(b"").hexdigest()
headers = {"host": host, "x-acs-action": "HotLiveRtcStream", "x-acs-content-sha256": payload,
           "x-acs-date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
           "x-acs-signature-nonce": uuid.uuid4().hex, "x-acs-version": "2016-11-01"}
signed = ";".join(sorted(headers))
canonical = "\n".join(["POST", "/", query] + [f"{k}:{headers[k]}" for k in sorted(headers)] + ["", signed, payload])
to_sign = "ACS3-HMAC-SHA256\n" + hashlib.sha256(canonical.encode()).hexdigest()
signature = hmac.new(secret.encode(), to_sign.encode(), hashlib.sha256).hexdigest()
headers["authorization"] = f"ACS3-HMAC-SHA256 Credential={key_id},SignedHeaders={signed},Signature={signature}"

connection = http.client.HTTPConnection(host)
connection.request("POST", "/?" + query, headers={k: v for k, v in headers.items() if k != "host"})
answer = connection.getresponse()
body = answer.read().decode()
if answer.status != 200:
    sys.exit(f"emulator_wrk: the signed request was refused: {answer.status} {body}")
with open(lua, "w") as out:
    out.write('wrk.method = "POST"\n')
    out.write(f'wrk.path = "/?{query}"\n')
    for k, v in headers.items():
        if k != "host":
            out.write(f'wrk.headers["{k}"] = "{v}"\n')
PY

wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$work/request.lua" "$url" | tee "$work/wrk"
rate=$(awk '/^Requests\/sec:/ {printf "%d", $2}' "$work/wrk")
if grep -q "Non-2xx" "$work/wrk" && ((${#replay[@]})); then
  echo "emulator_wrk: some answers were not 200" >&2
  exit 1
fi
mode=$([[ ${#replay[@]} -gt 0 ]] && echo "200 success, --allow-replay" || echo "SignatureNonceUsed")
echo "emulator: $rate requests/s (wrk -t1 -c$connections -d${seconds}s, V3 verified, keep-alive, $mode)"
