/// @brief Reads one Markdown file (our format or a la-communauté fiche) into a validated Article.
#pragma once

#include "article.hpp"
#include "front_matter.hpp"

#include <filesystem>
#include <string>

namespace kb {

/// FNV-1a 64-bit hash of the bytes, as 16 hex digits: detects changed files between runs.
std::string content_hash(const std::string& bytes);

/// Parses and validates text read from file (under root). Throws SourceError with a line number.
Article read_article(const std::string& text, const std::filesystem::path& file,
                     const std::filesystem::path& root);

/// Glossary entries: `### SIGLE — forme développée` headings of the body.
std::vector<GlossaryEntry> parse_glossary(const std::string& body);

}  // namespace kb
