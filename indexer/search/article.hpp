/// @brief The article model shared by the indexer and the service.
#pragma once

#include "vocabulary.hpp"

#include <string>
#include <vector>

namespace kb {

struct GlossaryEntry {
    std::string acronym;
    std::string expansion;
    /// Other writings people use for the same thing ("…, ou structure d'insertion" in the
    /// heading): each finds what the acronym and the expansion find.
    std::vector<std::string> also;
};

struct Article {
    std::string slug;
    std::string kind;  ///< guide | experience | fiche
    std::string title;
    std::string summary;
    std::string body_html;
    std::string body_text;
    std::string category;  ///< la-communauté folder, or our content folder
    std::vector<std::string> tags;
    std::vector<std::string> steps;
    std::vector<std::string> structure_types;
    std::string territory;
    std::vector<std::string> sources;
    bool illustrative = false;
    std::string updated_at;  ///< ISO 8601 date or timestamp, may be empty
    std::string source_root;
    std::string source_path;
    std::string content_hash;
    std::vector<GlossaryEntry> glossary;
    /// Slugs of the other articles this one cites (its legal bases, the guides it relies on):
    /// a search ranks a cited article higher when the articles citing it match, and the other
    /// way round (CitationGraph).
    std::vector<std::string> cites;
};

}  // namespace kb
