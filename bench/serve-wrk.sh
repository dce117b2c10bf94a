#!/usr/bin/env bash
# The service under load: `./mouthpiece serve` on a fresh data dir (default /tmp/mp-bench), then
#  1. create -> succeed of one 5 s shared clip on an idle server (and the job's own time split),
#  2. with 25 lip-sync tasks queued (one renders at a time), wrk on loopback: GET task (after a
#     10 s warm-up) at 32 and 8 connections, then task creation at 16 connections.
# Needs wrk (apt-get install wrk), curl, python3. Stops the server at the end.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-/tmp/mp-bench}"
port=18090
base=http://127.0.0.1:$port
rm -rf "$data"
cd "$root"
./mouthpiece serve --port $port --data-dir "$data" > "$data.keys" 2> "$data.log" &
server=$!
echo "server pid $server"
for i in $(seq 1 120); do curl -sf $base/health > /dev/null && break; sleep 0.5; done
key=$(python3 -c "import json,sys; print(json.load(open('$data.keys'))['api_key'])")
auth="Authorization: Bearer $key"
json="Content-Type: application/json"
video=$(curl -sf -H "$auth" -F file=@"$root"/../shared/media/video/retalking_face2.mp4 $base/v1/files | python3 -c "import json,sys; print(json.load(sys.stdin)['data']['file_id'])")
audio=$(curl -sf -H "$auth" -F file=@"$root"/../shared/media/audio/retalking_1.wav $base/v1/files | python3 -c "import json,sys; print(json.load(sys.stdin)['data']['file_id'])")
session=$(curl -sf -H "$auth" -H "$json" -d "{\"video_id\":\"$video\"}" $base/v1/videos/identify-face | python3 -c "import json,sys; print(json.load(sys.stdin)['data']['session_id'])")
body="{\"session_id\":\"$session\",\"face_choose\":[{\"face_id\":\"0\",\"audio_id\":\"$audio\",\"sound_start_time\":0,\"sound_end_time\":4000,\"sound_insert_time\":500}]}"
echo "$body" > "$data.body"

# 1. create -> succeed for one 5 s clip on an idle server, polled every 100 ms
t0=$(date +%s%N)
task=$(curl -sf -H "$auth" -H "$json" -d "$body" $base/v1/videos/advanced-lip-sync | python3 -c "import json,sys; print(json.load(sys.stdin)['data']['task_id'])")
seen_processing=""
while true; do
  status=$(curl -sf -H "$auth" $base/v1/videos/advanced-lip-sync/$task | python3 -c "import json,sys; print(json.load(sys.stdin)['data']['task_status'])")
  if [ "$status" = processing ] && [ -z "$seen_processing" ]; then seen_processing=$(( ($(date +%s%N) - t0) / 1000000 )); fi
  [ "$status" = succeed ] || [ "$status" = failed ] && break
  sleep 0.1
done
t1=$(date +%s%N)
echo "create->$status: $(( (t1 - t0) / 1000000 )) ms (processing seen after $seen_processing ms)"
grep "succeeded" "$data.log" | python3 -c "import json,sys; [print(json.loads(l)['formattedMessage']) for l in sys.stdin]"

# 2. keep the worker rendering: queue 8 more tasks, wait until one is processing
for i in $(seq 1 25); do curl -sf -H "$auth" -H "$json" -d "$body" $base/v1/videos/advanced-lip-sync > /dev/null; done
until curl -sf -H "$auth" "$base/v1/videos/advanced-lip-sync?pageSize=10" | grep -q '"processing"'; do sleep 0.2; done
task=$(curl -sf -H "$auth" "$base/v1/videos/advanced-lip-sync?pageSize=1" | python3 -c "import json,sys; print(json.load(sys.stdin)['data'][0]['task_id'])")
echo "== warm-up (JIT), not counted"
wrk -t2 -c32 -d10s -H "$auth" $base/v1/videos/advanced-lip-sync/$task > /dev/null
echo "== GET task while rendering"
curl -sf -H "$auth" "$base/v1/videos/advanced-lip-sync?pageSize=20" | grep -c '"processing"' || true
wrk -t2 -c32 -d20s --latency -H "$auth" $base/v1/videos/advanced-lip-sync/$task
wrk -t2 -c8 -d20s --latency -H "$auth" $base/v1/videos/advanced-lip-sync/$task
cat > "$data.lua" <<LUA
wrk.method = "POST"
wrk.body = io.open("$data.body"):read("a")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $key"
LUA
wrk -t2 -c16 -d5s -s "$data.lua" $base/v1/videos/advanced-lip-sync > /dev/null
echo "== create task while rendering"
curl -sf -H "$auth" "$base/v1/videos/advanced-lip-sync?pageSize=500" | grep -c '"processing"' || true
wrk -t2 -c16 -d15s --latency -s "$data.lua" $base/v1/videos/advanced-lip-sync
kill $server
wait $server || true
