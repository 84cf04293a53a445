/// @brief SQL for reading articles, parameterised, next to its use.
#include "article_queries.hpp"

#include "pg_arrays.hpp"
#include "pg_fields.hpp"

#include <nlohmann/json.hpp>

namespace kb {

namespace {

// The listing's filters, shared by the page query and the past-the-end count. Empty filter
// arrays mean "any"; non-empty ones must overlap the article's values.
constexpr const char* kListingFilter = R"(
    WHERE (cardinality($1::text[]) = 0 OR kind = ANY($1::text[]))
      AND (cardinality($2::text[]) = 0 OR tags && $2::text[])
      AND (cardinality($3::text[]) = 0 OR steps && $3::text[])
      AND (cardinality($4::text[]) = 0 OR structure_types && $4::text[]))";

// The columns slug, kind, title, summary, tags, steps, structure_types, updated_at of a row.
void read_summary(const pqxx::row& r, ArticleSummary& a) {
    a.slug = r[0].as<std::string>();
    a.kind = r[1].as<std::string>();
    a.title = r[2].as<std::string>();
    a.summary = r[3].as<std::string>();
    a.tags = from_pg_array(r[4]);
    a.steps = from_pg_array(r[5]);
    a.structure_types = from_pg_array(r[6]);
    a.updated_at = optional_timestamp(r[7]);
}

// Sources are stored as a JSON list of strings.
std::vector<std::string> sources_of(const pqxx::field& field) {
    std::vector<std::string> sources;
    const auto list = nlohmann::json::parse(field.as<std::string>(), nullptr, false);
    if (!list.is_array()) return sources;
    for (const auto& source : list) {
        if (source.is_string()) sources.push_back(source.get<std::string>());
    }
    return sources;
}

}  // namespace

std::optional<ArticleView> find_article(PgPool& pool, const std::string& slug) {
    return pool.with_connection([&](pqxx::connection& c) -> std::optional<ArticleView> {
        pqxx::read_transaction tx(c);
        auto rows = tx.exec_params(
            R"(SELECT slug, kind, title, summary, tags, steps, structure_types, updated_at,
                      body_html, category, territory, sources::text, illustrative
               FROM articles WHERE slug = $1)",
            slug);
        if (rows.empty()) return std::nullopt;
        const auto& r = rows[0];
        ArticleView article;
        read_summary(r, article);
        article.html = r[8].as<std::string>();
        article.category = optional_text(r[9]).value_or("");
        article.territory = optional_text(r[10]);
        article.sources = sources_of(r[11]);
        article.illustrative = r[12].as<bool>();
        return article;
    });
}

ArticleListing list_articles(PgPool& pool, const std::vector<std::string>& kinds,
                             const std::vector<std::string>& tags,
                             const std::vector<std::string>& steps,
                             const std::vector<std::string>& structure_types, int page,
                             int per_page) {
    return pool.with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        auto rows = tx.exec_params(
            R"(SELECT slug, kind, title, summary, tags, steps, structure_types, updated_at,
                      count(*) OVER ()
               FROM articles )" +
                std::string(kListingFilter) + R"(
               ORDER BY updated_at DESC NULLS LAST, slug
               LIMIT $5 OFFSET $6)",
            to_pg_array(kinds), to_pg_array(tags), to_pg_array(steps), to_pg_array(structure_types),
            per_page, static_cast<long long>(page - 1) * per_page);
        ArticleListing listing;
        if (!rows.empty()) listing.total = rows[0][8].as<std::size_t>();
        if (rows.empty() && page > 1) {
            // Past the end: still report the true total.
            auto count = tx.exec_params(
                "SELECT count(*) FROM articles " + std::string(kListingFilter), to_pg_array(kinds),
                to_pg_array(tags), to_pg_array(steps), to_pg_array(structure_types));
            listing.total = count[0][0].as<std::size_t>();
        }
        for (const auto& r : rows) {
            ArticleSummary item;
            read_summary(r, item);
            listing.items.push_back(std::move(item));
        }
        return listing;
    });
}

}  // namespace kb
