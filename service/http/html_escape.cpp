/// @brief HTML escaping.
#include "html_escape.hpp"

namespace kb::http {

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    // Runs without a character to escape are appended whole: one character at a time, each
    // append checked the capacity again (a search's snippets spent 2 % of its time here).
    std::size_t run = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char* entity = nullptr;
        switch (text[i]) {
            case '&':
                entity = "&amp;";
                break;
            case '<':
                entity = "&lt;";
                break;
            case '>':
                entity = "&gt;";
                break;
            case '"':
                entity = "&quot;";
                break;
            default:
                continue;
        }
        out.append(text, run, i - run);
        out += entity;
        run = i + 1;
    }
    out.append(text, run, text.size() - run);
    return out;
}

}  // namespace kb::http
