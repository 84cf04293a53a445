/// @brief The search snippet as a page shows it: its line breaks made visible on one line.
#include "snippet_text.hpp"

namespace kb::web {

namespace {

constexpr std::string_view kDot = " \u00B7 ";

// Whether text (before `end`) ends with punctuation that already separates what follows.
bool ends_a_sentence(const std::string& text, std::size_t end) {
    if (end == 0) return true;
    if (std::string_view(".:;!?,)").find(text[end - 1]) != std::string_view::npos) return true;
    for (const std::string_view mark :
         {std::string_view("\u2026"), std::string_view("\u00BB"), std::string_view("\u00B7")}) {
        if (end >= mark.size() &&
            std::string_view(text).substr(end - mark.size(), mark.size()) == mark)
            return true;
    }
    return false;
}

}  // namespace

std::string snippet_for_page(std::string_view snippet) {
    std::string out;
    out.reserve(snippet.size() + 16);
    for (const char c : snippet) {
        if (c != '\n') {
            out += c;
            continue;
        }
        // The last character of the text, past spaces and closing tags ("</mark>").
        std::size_t end = out.size();
        while (end > 0) {
            if (out[end - 1] == ' ') {
                --end;
            } else if (out[end - 1] == '>') {
                const std::size_t open = out.rfind('<', end - 1);
                if (open == std::string::npos) break;
                end = open;
            } else {
                break;
            }
        }
        out += ends_a_sentence(out, end) ? std::string_view(" ") : kDot;
    }
    return out;
}

}  // namespace kb::web
