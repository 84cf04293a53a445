"""@brief Drives concurrent Q&A writes and measures 201 -> visible-in-search latency."""
import http.client
import json
import statistics
import sys
import threading
import time
import urllib.parse

port, writers, posts = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
tokens = sys.argv[4:]
latencies, failures, lock = [], [], threading.Lock()


def request(conn, method, path, token=None, body=None):
    headers = {"Connection": "keep-alive"}
    if token:
        headers["Authorization"] = "Bearer " + token
    if body is not None:
        headers["Content-Type"] = "application/json"
        body = json.dumps(body)
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    return response.status, json.loads(response.read() or b"null")


def writer(index):
    conn = http.client.HTTPConnection("127.0.0.1", port)
    token = tokens[index % len(tokens)]
    status, thread = request(conn, "POST", "/api/v1/threads", token,
                             {"title": f"Question du banc {index}",
                              "body": "Question posée par le banc de mesure ?"})
    assert status == 201, thread
    thread_id = thread["id"]
    for n in range(posts):
        word = f"banc{index}x{n}mot"
        # Alternate new answers and new questions, as a forum would see them.
        if n % 2:
            status, body = request(conn, "POST", f"/api/v1/threads/{thread_id}/answers", token,
                                   {"body": f"Réponse {word}"})
        else:
            status, body = request(conn, "POST", "/api/v1/threads", token,
                                   {"title": f"Question {word}",
                                    "body": "Détail de la question du banc."})
        acknowledged = time.perf_counter()
        if status != 201:
            with lock:
                failures.append(status)
            continue
        query = "/api/v1/search?kind=thread&per_page=1&q=" + urllib.parse.quote(word)
        while True:
            _, found = request(conn, "GET", query)
            if found["total"] > 0:
                break
            if time.perf_counter() - acknowledged > 10:
                with lock:
                    failures.append("not found after 10 s")
                break
            time.sleep(0.002)
        with lock:
            latencies.append((time.perf_counter() - acknowledged) * 1000)


started = time.perf_counter()
threads = [threading.Thread(target=writer, args=(i,)) for i in range(writers)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.perf_counter() - started
latencies.sort()
p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
print(f"posts: {len(latencies)} by {writers} concurrent writers in {elapsed:.1f} s "
      f"({len(latencies) / elapsed:.0f} posts/s), failures: {len(failures)}")
print("201 -> searchable (ms): p50 %.1f  p90 %.1f  p99 %.1f  max %.1f  mean %.1f"
      % (p(0.5), p(0.9), p(0.99), latencies[-1], statistics.mean(latencies)))
print("goal p99 <= 1000 ms:", "met" if p(0.99) <= 1000 and not failures else "NOT met")
