#!/usr/bin/env bash
# Start-up time, memory after start and after a 100,000-record NDJSON file, for the README's JVM / native table.
# usage (from an empty directory; the app watches ./data/inbox):
#   measure.sh JVM java -Dquarkus.http.port=18181 -Dclevertap.emulator.retain-records=false \
#       -Dflows.file.samples=false -jar .../quarkus-app/quarkus-run.jar
#   measure.sh native .../camel-clevertap-quarkus-example-0.1.0-SNAPSHOT-runner -Dquarkus.http.port=18181 \
#       -Dclevertap.emulator.retain-records=false -Dflows.file.samples=false
set -u
label=$1; shift
rm -rf data; mkdir -p data/inbox
seq 1 100000 | awk '{printf "{\"type\":\"profile\",\"identity\":\"u%d\",\"profileData\":{\"Name\":\"User %d\",\"Email\":\"u%d@example.com\"}}\n",$1,$1,$1}' > big.ndjson.part
start=$(date +%s.%N)
# JVM options go before -jar: the command is given as "java <jvm opts> -jar <jar>" or "<native executable>"
"$@" > app.log 2>&1 &
pid=$!
for _ in $(seq 1 1200); do curl -sf -o /dev/null localhost:18181/q/health/ready && break; sleep 0.05; done
ready=$(date +%s.%N)
sleep 2
rss_start=$(awk '/VmRSS/{print $2}' /proc/$pid/status)
mv big.ndjson.part data/inbox/big.ndjson
t0=$(date +%s.%N)
for _ in $(seq 1 3000); do [ -f data/inbox/.done/big.ndjson ] || [ -f data/inbox/.error/big.ndjson ] && break; sleep 0.1; done
t1=$(date +%s.%N)
sleep 1
rss_after=$(awk '/VmRSS/{print $2}' /proc/$pid/status)
hwm=$(awk '/VmHWM/{print $2}' /proc/$pid/status)
kill $pid; wait $pid 2>/dev/null
echo "$label: ready in $(echo "$ready - $start" | bc) s (Quarkus: $(grep -o 'started in [0-9.]*s\. Listening' app.log | cut -d' ' -f3)); RSS after start $((rss_start/1024)) MiB; 100,000-record file in $(echo "$t1 - $t0" | bc) s ($(ls data/inbox/.done/ 2>/dev/null | tr '\n' ' ')); RSS after $((rss_after/1024)) MiB, peak $((hwm/1024)) MiB"
