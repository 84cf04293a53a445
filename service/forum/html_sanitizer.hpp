/// @brief The forum's `cooked` HTML is untrusted: an allow-list over gumbo's HTML5 parse tree.
#pragma once

#include <string>
#include <string_view>

namespace kb {

struct SanitizedHtml {
    std::string html;  ///< only allowed elements and attributes, links absolute to the forum
    std::string text;  ///< the visible text, blocks separated by newlines (for the index)
};

/// Keeps an allow-list of elements (paragraphs, lists, quotes, code, tables, links, images…) and
/// of their attributes; drops script, style, iframe, object, forms, SVG and the like with their
/// content; unwraps unknown elements; drops event attributes, `style` and `class`. URLs are made
/// absolute to base_url (the forum) and kept only for http, https (and mailto for links).
SanitizedHtml sanitize_forum_html(std::string_view html, std::string_view base_url);

/// An attribute URL made absolute to base_url, or empty when its scheme is not allowed.
std::string safe_forum_url(std::string_view url, std::string_view base_url, bool allow_mailto);

}  // namespace kb
