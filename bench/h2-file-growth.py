#!/usr/bin/env python3
"""How the embedded H2's file grows under steady ingestion (docs/benchmarks.md, section 30).

Posts RATE API calls a second (batches of RATE/5, ~10 % errors) over CONNECTIONS connections for SECONDS seconds to a
running application, and prints the size of its H2 file every 10 s. Start the application on H2 first, for example
(from a directory of its own, so that ./data is new):

    APP_DEMO_ENABLED=false APP_BOOTSTRAP_API_KEY=key-main-1234567890 java -Xmx512m -jar app.jar --server.port=8311 &
    bench/h2-file-growth.py http://127.0.0.1:8311 key-main-1234567890 200 300 2000 ./data/connection-health.mv.db

The connections' ids are kept in conns.json in the current directory, so that a second run posts to the same ones.
"""
import json, os, random, sys, time, urllib.request

base, key = sys.argv[1], sys.argv[2]
rate, seconds, connection_count, db_file = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
headers = {"Authorization": "Bearer " + key, "Content-Type": "application/json"}


def post(path, body):
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"null")


def mib():
    return os.path.getsize(db_file) // 1048576


if os.path.exists("conns.json"):
    connections = json.load(open("conns.json"))
else:
    connections = [post("/api/v1/connections", {"integration_type": random.choice(["hubspot", "salesforce", "zendesk", "jira"]),
                                                "external_xref": "c-%d" % i})["id"] for i in range(connection_count)]
    json.dump(connections, open("conns.json", "w"))
batch = max(1, rate // 5)
start, sent, last = time.time(), 0, 0
while time.time() - start < seconds:
    calls = [{"connection_id": random.choice(connections), "method": "GET", "path": "/crm/contacts",
              "status": 200 if random.random() > 0.1 else random.choice([401, 403, 429, 500, 503]), "duration_ms": 120}
             for _ in range(batch)]
    post("/api/v1/apicalls", calls)
    sent += batch
    elapsed = time.time() - start
    if elapsed - last >= 10:
        last = elapsed
        print("%5.0f s  %7d calls posted  file %6d MiB" % (elapsed, sent, mib()), flush=True)
    if sent / rate > elapsed:
        time.sleep(sent / rate - elapsed)
print("done: %d calls in %.0f s; file %d MiB" % (sent, time.time() - start, mib()), flush=True)
