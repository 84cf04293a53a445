/// @brief Allow-list HTML sanitiser on gumbo's parse tree (what a browser would build).
#include "html_sanitizer.hpp"

#include "html_escape.hpp"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <set>

namespace kb {

namespace {

using http::html_escape;

// Elements kept as they are (with their allowed attributes only).
const std::set<GumboTag> kAllowed = {
    GUMBO_TAG_P,      GUMBO_TAG_BR,  GUMBO_TAG_HR,   GUMBO_TAG_H1,    GUMBO_TAG_H2,
    GUMBO_TAG_H3,     GUMBO_TAG_H4,  GUMBO_TAG_H5,   GUMBO_TAG_H6,    GUMBO_TAG_STRONG,
    GUMBO_TAG_B,      GUMBO_TAG_EM,  GUMBO_TAG_I,    GUMBO_TAG_U,     GUMBO_TAG_S,
    GUMBO_TAG_DEL,    GUMBO_TAG_INS, GUMBO_TAG_CODE, GUMBO_TAG_PRE,   GUMBO_TAG_BLOCKQUOTE,
    GUMBO_TAG_UL,     GUMBO_TAG_OL,  GUMBO_TAG_LI,   GUMBO_TAG_DL,    GUMBO_TAG_DT,
    GUMBO_TAG_DD,     GUMBO_TAG_A,   GUMBO_TAG_IMG,  GUMBO_TAG_TABLE, GUMBO_TAG_THEAD,
    GUMBO_TAG_TBODY,  GUMBO_TAG_TR,  GUMBO_TAG_TH,   GUMBO_TAG_TD,    GUMBO_TAG_SUP,
    GUMBO_TAG_SUB,    GUMBO_TAG_KBD, GUMBO_TAG_MARK, GUMBO_TAG_ASIDE, GUMBO_TAG_DETAILS,
    GUMBO_TAG_SUMMARY};

// Elements dropped with everything inside them: active content, styles, embedded documents,
// forms, foreign content (SVG and MathML can carry scripts of their own).
const std::set<GumboTag> kDropped = {
    GUMBO_TAG_SCRIPT,   GUMBO_TAG_STYLE,    GUMBO_TAG_IFRAME,   GUMBO_TAG_OBJECT,
    GUMBO_TAG_EMBED,    GUMBO_TAG_APPLET,   GUMBO_TAG_FRAME,    GUMBO_TAG_FRAMESET,
    GUMBO_TAG_NOFRAMES, GUMBO_TAG_NOSCRIPT, GUMBO_TAG_TEMPLATE, GUMBO_TAG_FORM,
    GUMBO_TAG_INPUT,    GUMBO_TAG_BUTTON,   GUMBO_TAG_TEXTAREA, GUMBO_TAG_SELECT,
    GUMBO_TAG_OPTION,   GUMBO_TAG_SVG,      GUMBO_TAG_MATH,     GUMBO_TAG_LINK,
    GUMBO_TAG_META,     GUMBO_TAG_BASE,     GUMBO_TAG_TITLE,    GUMBO_TAG_HEAD,
    GUMBO_TAG_AUDIO,    GUMBO_TAG_VIDEO,    GUMBO_TAG_SOURCE,   GUMBO_TAG_TRACK,
    GUMBO_TAG_CANVAS,   GUMBO_TAG_XMP,      GUMBO_TAG_PLAINTEXT};

const std::set<GumboTag> kVoid = {GUMBO_TAG_BR, GUMBO_TAG_HR, GUMBO_TAG_IMG};

// Elements whose end separates lines of text.
const std::set<GumboTag> kBlock = {
    GUMBO_TAG_P,   GUMBO_TAG_BR,    GUMBO_TAG_HR,         GUMBO_TAG_H1,  GUMBO_TAG_H2, GUMBO_TAG_H3,
    GUMBO_TAG_H4,  GUMBO_TAG_H5,    GUMBO_TAG_H6,         GUMBO_TAG_PRE, GUMBO_TAG_LI, GUMBO_TAG_TR,
    GUMBO_TAG_DIV, GUMBO_TAG_ASIDE, GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_DT,  GUMBO_TAG_DD};

bool allowed_attribute(GumboTag tag, std::string_view name) {
    if (name == "title") return true;
    switch (tag) {
        case GUMBO_TAG_A:
            return name == "href";
        case GUMBO_TAG_IMG:
            return name == "src" || name == "alt" || name == "width" || name == "height";
        case GUMBO_TAG_TD:
        case GUMBO_TAG_TH:
            return name == "colspan" || name == "rowspan";
        case GUMBO_TAG_OL:
            return name == "start";
        default:
            return false;
    }
}

bool is_url_attribute(std::string_view name) {
    return name == "href" || name == "src";
}

// Numbers only: width, height, colspan, rowspan, start.
bool is_numeric_attribute(std::string_view name) {
    return name == "width" || name == "height" || name == "colspan" || name == "rowspan" ||
           name == "start";
}

bool all_digits(std::string_view value) {
    return !value.empty() && value.size() <= 6 &&
           std::all_of(value.begin(), value.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

class Writer {
  public:
    explicit Writer(std::string_view base) : base_(base) {}

    void node(const GumboNode* n, bool in_pre) {
        switch (n->type) {
            case GUMBO_NODE_TEXT:
            case GUMBO_NODE_WHITESPACE:
            case GUMBO_NODE_CDATA:
                out_.html += html_escape(n->v.text.text);
                out_.text += n->v.text.text;
                return;
            case GUMBO_NODE_ELEMENT:
            case GUMBO_NODE_TEMPLATE:
                element(n, in_pre);
                return;
            default:  // comments and the document node carry nothing to show
                return;
        }
    }

    void children(const GumboNode* n, bool in_pre) {
        const GumboVector& list = n->v.element.children;
        for (unsigned i = 0; i < list.length; ++i) {
            node(static_cast<const GumboNode*>(list.data[i]), in_pre);
        }
    }

    SanitizedHtml take() { return std::move(out_); }

  private:
    void element(const GumboNode* n, bool in_pre) {
        const GumboTag tag = n->v.element.tag;
        if (kDropped.count(tag) != 0 || n->type == GUMBO_NODE_TEMPLATE) return;
        if (kAllowed.count(tag) == 0) {  // unknown or presentational: keep only its content
            children(n, in_pre);
            if (kBlock.count(tag) != 0) out_.text += '\n';
            return;
        }
        const std::string name = gumbo_normalized_tagname(tag);
        out_.html += "<" + name;
        attributes(n, tag);
        if (tag == GUMBO_TAG_A) out_.html += " rel=\"nofollow noopener ugc\"";
        out_.html += ">";
        if (kVoid.count(tag) != 0) {
            if (tag == GUMBO_TAG_IMG) out_.text += alt_text(n);
            if (kBlock.count(tag) != 0) out_.text += '\n';
            return;
        }
        children(n, in_pre || tag == GUMBO_TAG_PRE);
        out_.html += "</" + name + ">";
        if (kBlock.count(tag) != 0) out_.text += '\n';
    }

    void attributes(const GumboNode* n, GumboTag tag) {
        const GumboVector& list = n->v.element.attributes;
        for (unsigned i = 0; i < list.length; ++i) {
            const auto* attr = static_cast<const GumboAttribute*>(list.data[i]);
            const std::string_view name = attr->name;
            if (!allowed_attribute(tag, name)) continue;
            std::string value = attr->value;
            if (is_url_attribute(name)) {
                value = safe_forum_url(value, base_, tag == GUMBO_TAG_A);
                if (value.empty()) continue;
            } else if (is_numeric_attribute(name) && !all_digits(value)) {
                continue;
            }
            out_.html += " " + std::string(name) + "=\"" + html_escape(value) + "\"";
        }
    }

    static std::string alt_text(const GumboNode* n) {
        const GumboAttribute* alt = gumbo_get_attribute(&n->v.element.attributes, "alt");
        return alt != nullptr ? std::string(alt->value) : std::string();
    }

    std::string_view base_;
    SanitizedHtml out_;
};

const GumboNode* find_body(const GumboNode* n) {
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_DOCUMENT) return nullptr;
    if (n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == GUMBO_TAG_BODY) return n;
    const GumboVector& list =
        n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
    for (unsigned i = 0; i < list.length; ++i) {
        if (const GumboNode* body = find_body(static_cast<const GumboNode*>(list.data[i])))
            return body;
    }
    return nullptr;
}

// Collapses runs of blank lines and trims, so the text reads as paragraphs.
std::string tidy_text(const std::string& text) {
    std::string out;
    int newlines = 0;
    for (char c : text) {
        if (c == '\n') {
            ++newlines;
            continue;
        }
        if (newlines > 0 && !out.empty()) out += newlines > 1 ? "\n\n" : "\n";
        newlines = 0;
        out += c;
    }
    return out;
}

}  // namespace

std::string safe_forum_url(std::string_view raw, std::string_view base, bool allow_mailto) {
    // Browsers ignore ASCII tabs and newlines anywhere in a URL and spaces or controls around
    // it ("java\tscript:" is javascript:), so the scheme is judged after the same clean-up.
    std::string url;
    for (char c : raw) {
        if (c == '\t' || c == '\n' || c == '\r') continue;
        url += c;
    }
    std::size_t first = 0;
    while (first < url.size() && static_cast<unsigned char>(url[first]) <= 0x20) ++first;
    url.erase(0, first);
    while (!url.empty() && static_cast<unsigned char>(url.back()) <= 0x20) url.pop_back();
    if (url.empty()) return {};
    if (url.rfind("//", 0) == 0) return "https:" + url;
    // A scheme is letters, digits, '+', '-', '.' before the first ':' (and before any '/?#').
    const auto colon = url.find(':');
    const auto stop = url.find_first_of("/?#");
    if (colon != std::string::npos && (stop == std::string::npos || colon < stop)) {
        std::string scheme = url.substr(0, colon);
        for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (scheme == "http" || scheme == "https") return url;
        if (scheme == "mailto" && allow_mailto) return url;
        return {};
    }
    std::string root(base);
    while (!root.empty() && root.back() == '/') root.pop_back();
    if (url[0] == '/') return root + url;
    if (url[0] == '#' || url[0] == '?') return root + "/" + url;
    return root + "/" + url;
}

SanitizedHtml sanitize_forum_html(std::string_view html, std::string_view base_url) {
    std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> parsed(
        gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()),
        [](GumboOutput* out) { gumbo_destroy_output(&kGumboDefaultOptions, out); });
    Writer writer(base_url);
    if (const GumboNode* body = find_body(parsed->root)) writer.children(body, false);
    SanitizedHtml out = writer.take();
    out.text = tidy_text(out.text);
    return out;
}

}  // namespace kb
