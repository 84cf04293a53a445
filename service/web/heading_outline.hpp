/// @brief A rendered article's table of contents: its h2 and h3 headings, each given an id
/// (kept when it has one) so the contents can link to it.
#pragma once

#include <string>
#include <vector>

namespace kb::web {

struct OutlineEntry {
    int level = 2;  ///< 2 or 3
    std::string id;
    std::string text;
};

struct OutlinedHtml {
    std::string html;  ///< the input with an id added to every h2 and h3 that had none
    std::vector<OutlineEntry> entries;
};

/// Parses html with an HTML5 parser (gumbo) and adds `id="…"` to the start tag of each h2/h3
/// without one: a slug of its text (accents folded), made unique within the page. The rest of
/// the text is kept byte for byte. Headings the parser made up (no start tag in the source) are
/// left out.
OutlinedHtml outline_headings(const std::string& html);

/// The slug of a heading's text: lower-case ASCII letters and digits joined by '-'.
std::string heading_slug(const std::string& text);

}  // namespace kb::web
