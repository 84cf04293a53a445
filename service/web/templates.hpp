/// @brief HTML templates (mustache, escaping by default) loaded once from the templates folder.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <string>

namespace kb::web {

/// Every `*.mustache` file of a folder, compiled at start-up (a syntax error stops the start).
/// A page is rendered in two steps: its own template, then `layout` around it (`{{{content}}}`),
/// so no partial is parsed per request.
class Templates {
  public:
    explicit Templates(const std::filesystem::path& dir);
    Templates(const Templates&) = delete;
    Templates& operator=(const Templates&) = delete;
    ~Templates();

    /// Renders template `name` with data (objects, arrays, strings, numbers, booleans; null and
    /// false hide a section). Values are HTML-escaped unless written `{{{triple}}}`.
    [[nodiscard]] std::string render(const std::string& name, const nlohmann::json& data) const;
    [[nodiscard]] bool has(const std::string& name) const;

  private:
    struct Compiled;
    std::map<std::string, std::unique_ptr<Compiled>> templates_;
};

}  // namespace kb::web
