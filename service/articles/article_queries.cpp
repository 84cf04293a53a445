/// @brief SQL for reading articles, parameterised, next to its use.
#include "article_queries.hpp"

#include "pg_arrays.hpp"
#include "pg_json.hpp"
#include "search_schema.hpp"

namespace kb {

namespace {

// The listing's filters, shared by the page query and the past-the-end count. Empty filter
// arrays mean "any"; non-empty ones must overlap the article's values.
constexpr const char* kListingFilter = R"(
    WHERE (cardinality($1::text[]) = 0 OR kind = ANY($1::text[]))
      AND (cardinality($2::text[]) = 0 OR tags && $2::text[])
      AND (cardinality($3::text[]) = 0 OR steps && $3::text[])
      AND (cardinality($4::text[]) = 0 OR structure_types && $4::text[]))";

std::string text_or_empty(const pqxx::field& f) {
    return f.is_null() ? "" : f.as<std::string>();
}

}  // namespace

std::optional<nlohmann::json> find_article(PgPool& pool, const std::string& slug) {
    return pool.with_connection([&](pqxx::connection& c) -> std::optional<nlohmann::json> {
        pqxx::read_transaction tx(c);
        auto rows = tx.exec_params(
            R"(SELECT slug, kind, title, summary, body_html, category, tags, steps, structure_types,
                      territory, sources::text, illustrative,
                      to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
               FROM articles WHERE slug = $1)",
            slug);
        if (rows.empty()) return std::nullopt;
        const auto& r = rows[0];
        nlohmann::json article = {
            {"id", "article:" + r[0].as<std::string>()},
            {"slug", r[0].as<std::string>()},
            {"kind", r[1].as<std::string>()},
            {"title", r[2].as<std::string>()},
            {"summary", r[3].as<std::string>()},
            {"html", r[4].as<std::string>()},
            {"category", text_or_empty(r[5])},
            {"tags", from_pg_array(r[6])},
            {"steps", from_pg_array(r[7])},
            {"structure_types", from_pg_array(r[8])},
            {"territory", text_or_null(r[9])},
            {"sources", nlohmann::json::parse(r[10].as<std::string>(), nullptr, false)},
            {"illustrative", r[11].as<bool>()},
            {"updated_at", text_or_null(r[12])},
            {"url", schema::article_url(r[0].as<std::string>())}};
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
            R"(SELECT slug, kind, title, summary, tags, steps, structure_types,
                      to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
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
            listing.items.push_back({{"id", "article:" + r[0].as<std::string>()},
                                     {"slug", r[0].as<std::string>()},
                                     {"kind", r[1].as<std::string>()},
                                     {"title", r[2].as<std::string>()},
                                     {"summary", r[3].as<std::string>()},
                                     {"tags", from_pg_array(r[4])},
                                     {"steps", from_pg_array(r[5])},
                                     {"structure_types", from_pg_array(r[6])},
                                     {"updated_at", text_or_null(r[7])},
                                     {"url", schema::article_url(r[0].as<std::string>())}});
        }
        return listing;
    });
}

}  // namespace kb
