#!/usr/bin/env python3
"""@brief Adds N published resources to a running kb-service through its API (a member submits, a
moderator approves), with varied text drawn at run time from the sector's sheets
(shared/corpus/la-communaute-fiches, AGPL-3.0: read here, never copied into the repository),
then waits until search finds all of them. With --hide IDS_FILE, hides the resources listed
there instead (to give a kept scale build back its plain corpus).
Usage: add_resources.py PORT MEMBER_TOKEN MODERATOR_TOKEN COUNT FICHES_DIR IDS_FILE
       add_resources.py --hide PORT MODERATOR_TOKEN IDS_FILE
Standard library only; every request targets 127.0.0.1 and is bounded in time."""
import concurrent.futures
import json
import os
import random
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

# One word no document of the corpora holds: every added resource has it, so one search counts them.
MARKER = "ressourcebenchmark"
TYPES = ["modele-document", "simulateur-tableur", "guide-methode", "outil-en-ligne", "annuaire",
         "formation-webinaire", "autre"]
TYPE_WORDS = ["Modèle", "Simulateur", "Guide", "Outil en ligne", "Annuaire", "Webinaire", "Fiche"]
AUDIENCES = ["porteur-projet", "siae", "prescripteur", "accompagnateur", "financeur"]
LICENCES = ["etalab-2.0", "cc-by-sa-4.0", "cc-by-nc-sa-4.0", "tous-droits-reserves"]
WORKERS = 4


def call(port, method, path, token, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request("http://127.0.0.1:%d%s" % (port, path), data=data,
                                     method=method)
    request.add_header("Authorization", "Bearer " + token)
    if data:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def read_fiches(root):
    """(name, description, paragraphs) of each sheet: front matter fields and body paragraphs."""
    fiches = []
    for folder, _, files in os.walk(root):
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                text = f.read()
            parts = text.split("---", 2)
            front, body = (parts[1], parts[2]) if len(parts) == 3 else ("", text)
            title = re.search(r'^name:\s*"?(.*?)"?\s*$', front, re.M)
            summary = re.search(r'^description:\s*"?(.*?)"?\s*$', front, re.M)
            paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body)
                          if len(p.strip()) > 80 and "<" not in p]
            if title and paragraphs:
                fiches.append((title.group(1), summary.group(1) if summary else "", paragraphs))
    if not fiches:
        sys.exit("no sheet with a name and text under " + root)
    return fiches


def make_resource(i, fiches, tags, rng):
    """Title, summary and description mixed from two sheets, and random facets."""
    a, b = rng.sample(fiches, 2)
    kind = rng.randrange(len(TYPES))
    title = ("%s : %s (%d)" % (TYPE_WORDS[kind], a[0], i))[:200]
    paragraphs = rng.sample(a[2], min(len(a[2]), 2)) + rng.sample(b[2], min(len(b[2]), 1))
    description = "\n\n".join(paragraphs)[:6000] + "\n\n" + MARKER
    body = {"title": title if len(title) >= 10 else title + " — ressource",
            "type": TYPES[kind],
            "summary": (a[1] or b[1])[:500],
            "description": description,
            "link": "https://ressources.example.org/outil/%d" % i,
            "licence": rng.choice(LICENCES),
            "audiences": rng.sample(AUDIENCES, rng.randint(1, 3)),
            "territory": "national"}
    if tags:
        body["tags"] = rng.sample(tags, min(len(tags), rng.randint(0, 2)))
    return body


def add(port, member, moderator, body):
    status, created = call(port, "POST", "/api/v1/resources", member, body)
    if status != 201:
        raise RuntimeError("submit answered %d: %s" % (status, created))
    status, approved = call(port, "POST", "/api/v1/resources/%d/approve" % created["id"], moderator)
    if status != 200:
        raise RuntimeError("approve answered %d: %s" % (status, approved))
    return created["id"]


def count_found(port, token):
    status, answer = call(port, "GET", "/api/v1/search?" + urllib.parse.urlencode(
        {"q": MARKER, "kind": "resource", "per_page": 1}), token)
    return answer.get("total", 0) if status == 200 else 0


def resource_backlog(port):
    """kb_outbox_backlog{kind="resource"} of /metrics (None when unreadable)."""
    try:
        with urllib.request.urlopen("http://127.0.0.1:%d/metrics" % port, timeout=10) as response:
            text = response.read().decode()
    except (urllib.error.URLError, OSError):
        return None
    m = re.search(r'^kb_outbox_backlog\{kind="resource"\} (\d+)', text, re.M)
    return int(m.group(1)) if m else 0


def hide(port, moderator, ids_file):
    with open(ids_file) as f:
        ids = [int(line) for line in f if line.strip()]
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        statuses = list(pool.map(
            lambda rid: call(port, "POST", "/api/v1/resources/%d/hide" % rid, moderator)[0], ids))
    print("hid %d resources in %.1f s (%d not 200)" % (len(ids), time.monotonic() - start,
                                                       sum(1 for s in statuses if s != 200)))


def main():
    if sys.argv[1] == "--hide":
        hide(int(sys.argv[2]), sys.argv[3], sys.argv[4])
        return
    port, member, moderator = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    count, fiches_dir, ids_file = int(sys.argv[4]), sys.argv[5], sys.argv[6]
    rng = random.Random(14)
    fiches = read_fiches(fiches_dir)
    status, listing = call(port, "GET", "/api/v1/tags", member)
    tags = [t["slug"] for t in listing.get("tags", [])][:60] if status == 200 else []
    already = count_found(port, member)
    bodies = [make_resource(i, fiches, tags, rng) for i in range(1, count + 1)]
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        ids = list(pool.map(lambda body: add(port, member, moderator, body), bodies))
    added = time.monotonic() - start
    with open(ids_file, "w") as f:
        f.write("".join("%d\n" % rid for rid in ids))
    # Searchable once the index writer has applied every resource row: the outbox backlog of
    # /metrics is exact, where a search's `total` is an estimate beyond --facet-exact-limit.
    deadline = time.monotonic() + 120
    while resource_backlog(port) != 0 or count_found(port, member) <= already:
        if time.monotonic() > deadline:
            sys.exit("the added resources were not all searchable after 120 s")
        time.sleep(0.2)
    print("added %d published resources (%d sheets mixed) in %.1f s (%.0f/s, submit + approve), "
          "all searchable %.1f s later" % (count, len(fiches), added, count / added,
                                            time.monotonic() - start - added))


if __name__ == "__main__":
    main()
