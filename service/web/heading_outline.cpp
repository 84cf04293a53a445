/// @brief outline_headings: gumbo's parse tree locates each heading's start tag in the source,
/// where its id is inserted (no serialisation of the tree, so nothing else changes).
#include "heading_outline.hpp"

#include "french.hpp"
#include "html_escape.hpp"

#include <gumbo.h>

#include <memory>
#include <set>

namespace kb::web {

namespace {

void append_text(const GumboNode* node, std::string& out) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
        node->type == GUMBO_NODE_CDATA) {
        out += node->v.text.text;
        return;
    }
    if (node->type != GUMBO_NODE_ELEMENT) return;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
        append_text(static_cast<const GumboNode*>(children.data[i]), out);
    }
}

// Runs of white space become one space; none at either end.
std::string collapsed(const std::string& text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

struct Insertion {
    std::size_t offset;  ///< before this byte of the source (the start tag's '>')
    std::string text;
};

class Outliner {
  public:
    explicit Outliner(const std::string& source) : source_(source) {}

    void visit(const GumboNode* node) {
        if (node->type != GUMBO_NODE_ELEMENT) return;
        const GumboElement& element = node->v.element;
        if (element.tag == GUMBO_TAG_H2 || element.tag == GUMBO_TAG_H3) {
            heading(element);
            return;  // headings do not nest
        }
        for (unsigned i = 0; i < element.children.length; ++i) {
            visit(static_cast<const GumboNode*>(element.children.data[i]));
        }
    }

    OutlinedHtml result() const {
        OutlinedHtml out;
        std::size_t done = 0;
        for (const auto& insertion : insertions_) {
            out.html.append(source_, done, insertion.offset - done);
            out.html += insertion.text;
            done = insertion.offset;
        }
        out.html.append(source_, done, std::string::npos);
        out.entries = entries_;
        return out;
    }

  private:
    void heading(const GumboElement& element) {
        std::string raw;
        for (unsigned i = 0; i < element.children.length; ++i) {
            append_text(static_cast<const GumboNode*>(element.children.data[i]), raw);
        }
        const std::string text = collapsed(raw);
        if (text.empty()) return;
        const int level = element.tag == GUMBO_TAG_H2 ? 2 : 3;
        if (const GumboAttribute* id = gumbo_get_attribute(&element.attributes, "id")) {
            used_.insert(id->value);
            entries_.push_back({level, id->value, text});
            return;
        }
        // The start tag as written: "<h2>" or "<h2 class=…>"; its '>' is where the id goes.
        const GumboStringPiece& tag = element.original_tag;
        if (tag.length < 2 || tag.data == nullptr) return;
        const std::size_t end =
            static_cast<std::size_t>(tag.data - source_.data()) + tag.length - 1;
        if (end >= source_.size() || source_[end] != '>') return;
        const std::size_t offset = source_[end - 1] == '/' ? end - 1 : end;
        const std::string id = unique_id(heading_slug(text));
        insertions_.push_back({offset, " id=\"" + http::html_escape(id) + "\""});
        entries_.push_back({level, id, text});
    }

    std::string unique_id(const std::string& slug) {
        const std::string base = slug.empty() ? "section" : slug;
        std::string id = base;
        for (int n = 2; used_.count(id) != 0; ++n) id = base + "-" + std::to_string(n);
        used_.insert(id);
        return id;
    }

    const std::string& source_;
    std::vector<Insertion> insertions_;
    std::vector<OutlineEntry> entries_;
    std::set<std::string> used_;
};

}  // namespace

std::string heading_slug(const std::string& text) {
    std::string slug;
    for (char c : normalize_french(text)) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (keep) {
            slug += c;
        } else if (!slug.empty() && slug.back() != '-') {
            slug += '-';
        }
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug;
}

OutlinedHtml outline_headings(const std::string& html) {
    std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> output(
        gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()),
        [](GumboOutput* out) { gumbo_destroy_output(&kGumboDefaultOptions, out); });
    Outliner outliner(html);
    outliner.visit(output->root);
    return outliner.result();
}

}  // namespace kb::web
