/// @brief PostgreSQL writes of the indexer: what is stored, upserts and deletions of articles.
#pragma once

#include "article.hpp"

#include <pqxx/pqxx>

#include <string>
#include <vector>

namespace kb {

struct StoredArticle {
    std::string source_path;
    std::string slug;
    std::string content_hash;
};

std::vector<StoredArticle> load_stored_articles(pqxx::transaction_base& tx);
void upsert_article(pqxx::transaction_base& tx, const Article& article);
void delete_article(pqxx::transaction_base& tx, const std::string& source_path);

}  // namespace kb
