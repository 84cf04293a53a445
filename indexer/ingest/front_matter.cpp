/// @brief Front matter parsing: `key: value`, `key: [a, b]`, `key:` followed by `- item` lines.
#include "front_matter.hpp"

#include "text_lists.hpp"

#include <sstream>

namespace kb {

namespace {

// Removes matching quotes; handles \" and \\ inside double quotes.
std::string unquote(const std::string& raw, int line) {
    std::string s = trim(raw);
    if (s.size() >= 1 && (s.front() == '"' || s.front() == '\'')) {
        char q = s.front();
        if (s.size() < 2 || s.back() != q) throw SourceError(line, "unterminated quoted value");
        std::string inner = s.substr(1, s.size() - 2);
        if (q == '\'') return inner;
        std::string out;
        for (std::size_t i = 0; i < inner.size(); ++i) {
            if (inner[i] == '\\' && i + 1 < inner.size()) {
                char n = inner[++i];
                out += n == 'n' ? '\n' : n;
            } else {
                out += inner[i];
            }
        }
        return out;
    }
    return s;
}

std::vector<std::string> parse_flow_list(const std::string& raw, int line) {
    std::string s = trim(raw);
    if (s.size() < 2 || s.back() != ']') throw SourceError(line, "unterminated list, expected ']'");
    std::string inner = s.substr(1, s.size() - 2);
    std::vector<std::string> items;
    std::string current;
    char quote = 0;
    for (char c : inner) {
        if (quote) {
            current += c;
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
            current += c;
        } else if (c == ',') {
            items.push_back(unquote(current, line));
            current.clear();
        } else {
            current += c;
        }
    }
    if (quote) throw SourceError(line, "unterminated quoted list item");
    if (!trim(current).empty() || !items.empty()) items.push_back(unquote(current, line));
    for (const auto& item : items) {
        if (item.empty()) throw SourceError(line, "empty list item");
    }
    return items;
}

// True when a value starting with '"' has its closing, unescaped quote at its end.
bool closes_double_quote(const std::string& value) {
    if (value.size() < 2 || value.back() != '"') return false;
    std::size_t backslashes = 0;
    for (std::size_t i = value.size() - 1; i-- > 1 && value[i] == '\\';) ++backslashes;
    return backslashes % 2 == 0;
}

}  // namespace

FrontMatter parse_front_matter(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    int number = 0;
    if (!std::getline(in, line) || trim(line) != "---") {
        throw SourceError(1, "missing front matter: the file must start with a '---' line");
    }
    ++number;
    FrontMatter fm;
    std::string open_list_key;
    // A block-list item may be a small mapping ("- name: X" then "  slug: x"): its fields are
    // gathered here and the item is represented by its slug, else its name, else its first value.
    std::vector<std::pair<std::string, std::string>> item_map;
    auto flush_item_map = [&] {
        if (item_map.empty()) return;
        std::string chosen = item_map.front().second;
        for (const auto& [k, v] : item_map) {
            if (k == "name") chosen = v;
        }
        for (const auto& [k, v] : item_map) {
            if (k == "slug") chosen = v;
        }
        if (!chosen.empty()) fm.fields[open_list_key].list.push_back(chosen);
        item_map.clear();
    };
    auto split_key_value = [](const std::string& text, std::string& key, std::string& value) {
        auto colon = text.find(": ");
        if (colon == std::string::npos && !text.empty() && text.back() == ':')
            colon = text.size() - 1;
        if (colon == std::string::npos || colon == 0) return false;
        key = trim(text.substr(0, colon));
        for (char c : key) {
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'))
                return false;
        }
        value = trim(text.substr(colon + 1));
        return true;
    };
    bool closed = false;
    while (std::getline(in, line)) {
        ++number;
        if (trim(line) == "---") {
            closed = true;
            break;
        }
        if (trim(line).empty() || trim(line)[0] == '#') continue;
        std::string stripped = trim(line);
        if (stripped.rfind("- ", 0) == 0 || stripped == "-") {
            if (open_list_key.empty()) throw SourceError(number, "list item outside of a list");
            flush_item_map();
            std::string item_text = trim(stripped.substr(1));
            std::string k, v;
            if (item_text[0] != '"' && item_text[0] != '\'' && split_key_value(item_text, k, v)) {
                item_map.emplace_back(k, unquote(v, number));
                continue;
            }
            std::string item = unquote(item_text, number);
            if (item.empty()) throw SourceError(number, "empty list item");
            fm.fields[open_list_key].list.push_back(item);
            continue;
        }
        if (line[0] == ' ' || line[0] == '\t') {
            std::string k, v;
            if (!item_map.empty() && split_key_value(stripped, k, v)) {
                item_map.emplace_back(k, unquote(v, number));
                continue;
            }
            throw SourceError(number, "unexpected indentation");
        }
        flush_item_map();
        auto colon = line.find(':');
        if (colon == std::string::npos || colon == 0) {
            throw SourceError(number, "expected 'key: value'");
        }
        std::string key = trim(line.substr(0, colon));
        for (char c : key) {
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) {
                throw SourceError(number, "invalid key '" + key + "'");
            }
        }
        if (fm.fields.count(key)) throw SourceError(number, "duplicate key '" + key + "'");
        std::string rest = trim(line.substr(colon + 1));
        FrontMatterValue value;
        value.line = number;
        open_list_key.clear();
        if (rest.empty()) {
            // Either an empty scalar (la-communauté `tags:`) or the start of a block list.
            value.is_list = true;
            open_list_key = key;
        } else if (rest[0] == '[') {
            value.is_list = true;
            value.list = parse_flow_list(rest, number);
        } else {
            // A double-quoted value may run over several lines (YAML folds them with spaces).
            while (rest[0] == '"' && !closes_double_quote(rest)) {
                std::string next;
                if (!std::getline(in, next) || trim(next) == "---") {
                    throw SourceError(value.line, "unterminated quoted value");
                }
                ++number;
                const std::string continued = trim(next);
                if (continued.empty()) {
                    rest.push_back('\n');
                } else {
                    rest.push_back(' ');
                    rest.append(continued);
                }
            }
            value.scalar = unquote(rest, number);
        }
        fm.fields[key] = value;
    }
    flush_item_map();
    if (!closed) throw SourceError(number, "front matter is not closed by a '---' line");
    std::ostringstream body;
    body << in.rdbuf();
    fm.body = body.str();
    return fm;
}

}  // namespace kb
