/// @brief cmark rendering in safe mode and a tree walk that extracts plain text.
#include "markdown.hpp"

#include <cmark.h>

#include <cstdlib>
#include <memory>

namespace kb {

namespace {

constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SMART;

struct NodeDeleter {
    void operator()(cmark_node* node) const { cmark_node_free(node); }
};
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;

NodePtr parse(const std::string& markdown) {
    return NodePtr(cmark_parse_document(markdown.data(), markdown.size(), kOptions));
}

bool is_block(cmark_node_type type) {
    return type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_ITEM ||
           type == CMARK_NODE_BLOCK_QUOTE;
}

std::string html_of(cmark_node* doc) {
    // No CMARK_OPT_UNSAFE: raw HTML becomes a comment, javascript: links are emptied.
    char* html = cmark_render_html(doc, kOptions);
    std::string out(html);
    std::free(html);
    return out;
}

std::string text_of(cmark_node* doc) {
    std::string out;
    cmark_iter* iter = cmark_iter_new(doc);
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node* node = cmark_iter_get_node(iter);
        cmark_node_type type = cmark_node_get_type(node);
        if (event == CMARK_EVENT_ENTER) {
            if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE ||
                type == CMARK_NODE_CODE_BLOCK) {
                const char* literal = cmark_node_get_literal(node);
                if (literal != nullptr) out += literal;
            } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
                out += ' ';
            }
        }
        // Leaf blocks (code blocks, breaks) only have an ENTER event.
        const bool leaf_block = type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_THEMATIC_BREAK;
        if ((event == CMARK_EVENT_EXIT && is_block(type)) ||
            (event == CMARK_EVENT_ENTER && leaf_block)) {
            if (!out.empty() && out.back() != '\n') out += '\n';
        }
    }
    cmark_iter_free(iter);
    return out;
}

}  // namespace

RenderedMarkdown render_markdown(const std::string& markdown) {
    NodePtr doc = parse(markdown);
    return {html_of(doc.get()), text_of(doc.get())};
}

std::string render_markdown_html(const std::string& markdown) {
    return html_of(parse(markdown).get());
}

std::string markdown_plain_text(const std::string& markdown) {
    return text_of(parse(markdown).get());
}

}  // namespace kb
