"""@brief Forum webhook benchmark: a fixture forum API, and the driver that measures deliveries
accepted per second (signature + inbox insert) and delivery -> searchable latency."""
import hashlib
import hmac
import http.client
import http.server
import json
import statistics
import sys
import threading
import time
import urllib.parse

TOPIC_BASE = 90000


def topic(topic_id):
    post = {"id": topic_id * 10, "topic_id": topic_id, "post_number": 1, "name": "Banc",
            "username": "banc", "cooked": f"<p>Sujet du banc {topic_id}</p>",
            "created_at": "2024-01-01T00:00:00.000Z", "updated_at": "2024-01-01T00:00:00.000Z",
            "version": 1, "deleted_at": None}
    return {"id": topic_id, "title": f"Sujet du banc {topic_id}", "slug": f"banc-{topic_id}",
            "tags": [], "category_id": 1, "created_at": "2024-01-01T00:00:00.000Z",
            "deleted_at": None, "details": {"created_by": {"username": "banc", "name": "Banc"}},
            "post_stream": {"posts": [post], "stream": [post["id"]]}}


class Forum(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        path = self.path.split("?")[0]
        if path.startswith("/t/") and path.endswith(".json"):
            body = json.dumps(topic(int(path[3:-5]))).encode()
            self.send_response(200)
        else:
            body = b'{"errors":["not found"]}'
            self.send_response(404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def serve_forum(port_file):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Forum)
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    import os
    os.rename(port_file + ".tmp", port_file)
    server.timeout = 1
    deadline = time.time() + 3600  # bounded even if never stopped
    while time.time() < deadline:
        server.handle_request()


def drive(port, secret, senders, per_sender):
    counter = [0]
    lock = threading.Lock()

    def deliver(conn, event, body):
        raw = json.dumps(body).encode()
        with lock:
            counter[0] += 1
            event_id = str(counter[0])
        headers = {"Content-Type": "application/json", "Connection": "keep-alive",
                   "X-Discourse-Event": event, "X-Discourse-Event-Id": event_id,
                   "X-Discourse-Event-Type": event.split("_")[0],
                   "X-Discourse-Event-Signature":
                       "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()}
        conn.request("POST", "/api/v1/forum/webhooks", body=raw, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status

    def searchable(conn, word, timeout=10):
        query = "/api/v1/search?source=forum&per_page=1&q=" + urllib.parse.quote(word)
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            conn.request("GET", query, headers={"Connection": "keep-alive",
                                                "Cache-Control": "no-cache"})
            response = conn.getresponse()
            if json.loads(response.read())["total"] > 0:
                return True
            time.sleep(0.005)
        return False

    def post(topic_id, number, word):
        return {"post": {"id": topic_id * 1000 + number, "topic_id": topic_id,
                         "post_number": number + 2, "name": "Banc", "username": "banc",
                         "cooked": f"<p>Réponse {word}</p>", "version": 1,
                         "created_at": "2024-01-02T00:00:00.000Z",
                         "updated_at": "2024-01-02T00:00:00.000Z"}}

    # Set-up: one topic per sender, fetched from the fixture forum.
    setup = http.client.HTTPConnection("127.0.0.1", port)
    for i in range(senders):
        assert deliver(setup, "topic_created", {"topic": {"id": TOPIC_BASE + i}}) == 202
    for i in range(senders):
        assert searchable(setup, f"banc {TOPIC_BASE + i}", 30), "topic not indexed"

    # Phase 1: accepted deliveries per second (each sender sends without waiting for search).
    statuses = []

    def flood(i):
        conn = http.client.HTTPConnection("127.0.0.1", port)
        for n in range(per_sender):
            s = deliver(conn, "post_created", post(TOPIC_BASE + i, n, f"flot{i}x{n}mot"))
            with lock:
                statuses.append(s)

    started = time.perf_counter()
    threads = [threading.Thread(target=flood, args=(i,)) for i in range(senders)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    accepted = sum(1 for s in statuses if s == 202)
    print(f"accepted: {accepted}/{len(statuses)} deliveries from {senders} senders in "
          f"{elapsed:.2f} s ({accepted / elapsed:.0f} deliveries/s)")

    # The backlog: until every sender's last post is searchable (processing and indexing rate).
    for i in range(senders):
        searchable(setup, f"flot{i}x{per_sender - 1}mot", 120)
    drained = time.perf_counter() - started
    print(f"processed and searchable: {len(statuses)} deliveries in {drained:.2f} s "
          f"({len(statuses) / drained:.0f} deliveries/s)")

    # Phase 2: delivery -> searchable (backlog drained), each sender waiting for its post before the next.
    latencies, failures = [], []

    def timed(i):
        conn = http.client.HTTPConnection("127.0.0.1", port)
        for n in range(per_sender // 5 or 1):
            word = f"mesure{i}x{n}mot"
            sent = time.perf_counter()
            if deliver(conn, "post_created", post(TOPIC_BASE + i, 10000 + n, word)) != 202:
                failures.append("refused")
                continue
            if searchable(conn, word):
                with lock:
                    latencies.append((time.perf_counter() - sent) * 1000)
            else:
                failures.append("not searchable after 10 s")

    threads = [threading.Thread(target=timed, args=(i,)) for i in range(senders)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
    print("delivery -> searchable (ms): p50 %.1f  p90 %.1f  p99 %.1f  max %.1f  mean %.1f  "
          "(%d posts, %d failures)" % (p(0.5), p(0.9), p(0.99), latencies[-1],
                                       statistics.mean(latencies), len(latencies), len(failures)))
    print("goal p99 <= 2000 ms:", "met" if p(0.99) <= 2000 and not failures else "NOT met")


if __name__ == "__main__":
    if sys.argv[1] == "forum":
        serve_forum(sys.argv[2])
    else:
        drive(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
