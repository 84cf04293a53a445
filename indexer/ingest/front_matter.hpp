/// @brief A strict parser for the YAML subset used in article headers (scalars and string lists).
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace kb {

/// A header problem at a given 1-based line of the file.
class SourceError : public std::runtime_error {
  public:
    SourceError(int line, const std::string& message) : std::runtime_error(message), line_(line) {}
    [[nodiscard]] int line() const { return line_; }

  private:
    int line_;
};

struct FrontMatterValue {
    bool is_list = false;
    std::string scalar;
    std::vector<std::string> list;
    int line = 0;
};

struct FrontMatter {
    std::map<std::string, FrontMatterValue> fields;
    std::string body;

    [[nodiscard]] bool has(const std::string& key) const { return fields.count(key) > 0; }
};

/// Splits "---\nheader\n---\nbody". Throws SourceError when the header is missing or malformed.
FrontMatter parse_front_matter(const std::string& text);

}  // namespace kb
