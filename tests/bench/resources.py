"""@brief Times one resource from upload to search: a ~5 MB PDF is uploaded, its text extracted in
the background, the resource approved, then searched by a phrase found only on the PDF's first
page (the service indexes the first 4 MiB of a file's text, less than a 5 MB PDF of text holds).
Usage: resources.py PORT MEMBER_TOKEN MODERATOR_TOKEN [MEGABYTES=5]"""
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

PHRASE = "capybara fluorescent du dialogue de gestion"


def make_pdf(megabytes):
    """A valid PDF of about `megabytes` MB: the phrase on the first page, then pages of filler."""
    line = "Ligne de remplissage du tableau financier numero %d pour le conventionnement IAE"
    pages, n = ["BT /F1 12 Tf 72 720 Td (%s) Tj ET" % PHRASE], 0
    while sum(len(p) for p in pages) < megabytes * 1024 * 1024:
        ops = ["BT /F1 9 Tf 40 800 Td 11 TL"]
        for _ in range(70):
            n += 1
            ops.append("(%s) '" % (line % n))
        ops.append("ET")
        pages.append("\n".join(ops))
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", None,
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for content in pages:
        page_id = len(objects) + 1
        kids.append("%d 0 R" % page_id)
        objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       "/Resources << /Font << /F1 3 0 R >> >> >>" % (page_id + 1))
        objects.append("<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    objects[1] = "<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join(kids), len(kids))
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects):
        offsets.append(len(out))
        out += ("%d 0 obj\n%s\nendobj\n" % (i + 1, body)).encode("latin-1")
    xref = len(out)
    out += ("xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)).encode()
    for offset in offsets:
        out += ("%010d 00000 n \n" % offset).encode()
    out += ("trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, xref)).encode()
    return out


def call(port, method, path, token, body=b"", content_type="application/json"):
    request = urllib.request.Request("http://127.0.0.1:%d%s" % (port, path), data=body or None,
                                     method=method)
    request.add_header("Authorization", "Bearer " + token)
    if body:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def wait(what, condition, timeout=120):
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if condition():
            return time.monotonic() - start
        time.sleep(0.02)
    sys.exit("timed out waiting for " + what)


def main():
    port, member, moderator = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    megabytes = float(sys.argv[4]) if len(sys.argv) > 4 else 5
    pdf = make_pdf(megabytes)
    status, created = call(port, "POST", "/api/v1/resources", member,
                           json.dumps({"title": "Matrice d'analyse financière",
                                       "type": "simulateur-tableur"}).encode())
    assert status == 201, created
    rid = created["id"]
    boundary = "----kbbench"
    body = (("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"matrice.pdf\"\r\n"
             "Content-Type: application/pdf\r\n\r\n" % boundary).encode() + pdf +
            ("\r\n--%s--\r\n" % boundary).encode())
    start = time.monotonic()
    status, answer = call(port, "POST", "/api/v1/resources/%d/file" % rid, member, body,
                          "multipart/form-data; boundary=" + boundary)
    upload = time.monotonic() - start
    assert status == 200, answer

    def extracted():
        return call(port, "GET", "/api/v1/resources/%d" % rid, moderator)[1][
            "extraction_status"] != "pending"
    extraction = wait("the extraction", extracted)
    final = call(port, "GET", "/api/v1/resources/%d" % rid, moderator)[1]
    assert final["extraction_status"] == "done", final.get("extraction_error")
    start = time.monotonic()
    status, answer = call(port, "POST", "/api/v1/resources/%d/approve" % rid, moderator)
    assert status == 200, answer
    query = urllib.parse.quote(PHRASE)

    def found():
        status, answer = call(port, "GET", "/api/v1/search?kind=resource&q=" + query, member)
        return status == 200 and any(h["id"] == "resource:%d" % rid for h in answer["results"])
    searchable = time.monotonic() - start + wait("the search", found)
    print("pdf %.1f MB, %d bytes: upload %.0f ms, extraction %.0f ms (after the upload), "
          "searchable %.0f ms after approval" % (len(pdf) / 1048576, len(pdf), upload * 1000,
                                                extraction * 1000, searchable * 1000))


if __name__ == "__main__":
    main()
