/// @brief Markdown to safe HTML and to plain text, with cmark (raw HTML dropped).
#pragma once

#include <string>

namespace kb {

struct RenderedMarkdown {
    std::string html;  ///< safe HTML, as render_markdown_html
    std::string text;  ///< plain text, as markdown_plain_text
};

/// Both renderings from one parse.
RenderedMarkdown render_markdown(const std::string& markdown);

/// Safe HTML: raw HTML is omitted and dangerous link schemes emptied (cmark's default safe mode).
std::string render_markdown_html(const std::string& markdown);

/// Plain text for indexing and snippets: text and code literals, blocks separated by newlines.
std::string markdown_plain_text(const std::string& markdown);

}  // namespace kb
