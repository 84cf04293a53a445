/// @brief Read access to stored articles (by slug, listings) for the service.
#pragma once

#include "pg_pool.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace kb {

struct ArticleListing {
    std::size_t total = 0;
    std::vector<nlohmann::json> items;
};

/// The article with its rendered HTML and metadata, or nullopt.
std::optional<nlohmann::json> find_article(PgPool& db, const std::string& slug);

ArticleListing list_articles(PgPool& db, const std::vector<std::string>& kinds,
                             const std::vector<std::string>& tags,
                             const std::vector<std::string>& steps,
                             const std::vector<std::string>& structure_types, int page,
                             int per_page);

}  // namespace kb
