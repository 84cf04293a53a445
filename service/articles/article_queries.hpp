/// @brief Read access to stored articles (by slug, listings) for the service, as plain values.
#pragma once

#include "iso_time.hpp"
#include "pg_pool.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kb {

/// An article as listings show it.
struct ArticleSummary {
    std::string slug;
    std::string kind;  ///< article_kinds()
    std::string title;
    std::string summary;
    std::vector<std::string> tags;
    std::vector<std::string> steps;
    std::vector<std::string> structure_types;
    std::optional<Timestamp> updated_at;  ///< a bare date in the source is its midnight UTC
};

/// An article with its page: rendered HTML and the rest of its metadata.
struct ArticleView : ArticleSummary {
    std::string html;
    std::string category;  ///< empty when none
    std::optional<std::string> territory;
    std::vector<std::string> sources;
    bool illustrative = false;
};

struct ArticleListing {
    std::size_t total = 0;
    std::vector<ArticleSummary> items;
};

/// The article with its rendered HTML and metadata, or nullopt.
std::optional<ArticleView> find_article(PgPool& db, const std::string& slug);

/// Newest first, then by slug.
ArticleListing list_articles(PgPool& db, const std::vector<std::string>& kinds,
                             const std::vector<std::string>& tags,
                             const std::vector<std::string>& steps,
                             const std::vector<std::string>& structure_types, int page,
                             int per_page);

}  // namespace kb
