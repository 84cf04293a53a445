/// @brief PostgreSQL writes of the indexer: what is stored, upserts and deletions of articles.
#pragma once

#include "article.hpp"

#include <pqxx/pqxx>

#include <functional>
#include <string>
#include <vector>

namespace kb {

struct StoredArticle {
    std::string source_path;
    std::string slug;
    std::string content_hash;
};

std::vector<StoredArticle> load_stored_articles(pqxx::transaction_base& tx);
/// Inserts or updates many articles at once: COPY for the new ones (stored() false), COPY into a
/// staging table then one upsert for the others.
void upsert_articles(pqxx::dbtransaction& tx, const std::vector<Article>& articles,
                     const std::function<bool(const Article&)>& stored);
void delete_article(pqxx::transaction_base& tx, const std::string& source_path);

}  // namespace kb
