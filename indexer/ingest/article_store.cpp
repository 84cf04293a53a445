/// @brief SQL for the articles table, parameterised, next to its use.
#include "article_store.hpp"

#include "pg_arrays.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace kb {

namespace {

std::optional<std::string> null_if_empty(const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

}  // namespace

std::vector<StoredArticle> load_stored_articles(pqxx::transaction_base& tx) {
    std::vector<StoredArticle> out;
    for (const auto& row : tx.exec("SELECT source_path, slug, content_hash FROM articles")) {
        out.push_back(
            {row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>()});
    }
    return out;
}

namespace {

const std::vector<std::string>& article_columns() {
    static const std::vector<std::string> columns = {
        "slug",        "kind",        "title",           "summary",   "body_html", "category",
        "tags",        "steps",       "structure_types", "territory", "sources",   "illustrative",
        "source_root", "source_path", "content_hash",    "updated_at"};
    return columns;
}

template <typename Keep>
void copy_articles(pqxx::transaction_base& tx, const std::string& table,
                   const std::vector<Article>& articles, Keep keep) {
    pqxx::stream_to stream(tx, table, article_columns());
    for (const auto& a : articles) {
        if (!keep(a)) continue;
        // References, not copies: a rebuild streams ~90k rows of HTML from the thread that
        // finishes last.
        stream << std::forward_as_tuple(
            a.slug, a.kind, a.title, a.summary, a.body_html, null_if_empty(a.category),
            to_pg_array(a.tags), to_pg_array(a.steps), to_pg_array(a.structure_types),
            null_if_empty(a.territory), nlohmann::json(a.sources).dump(),
            std::string(a.illustrative ? "true" : "false"), a.source_root, a.source_path,
            a.content_hash, null_if_empty(a.updated_at));
    }
    stream.complete();
}

}  // namespace

void upsert_articles(pqxx::transaction_base& tx, const std::vector<Article>& articles,
                     const std::function<bool(const Article&)>& stored) {
    if (articles.empty()) return;
    // One row at a time costs a round trip each; COPY streams them all. New rows go straight
    // into the table, rows already there through a staging table and one upsert.
    copy_articles(tx, "articles", articles, [&](const Article& a) { return !stored(a); });
    if (std::none_of(articles.begin(), articles.end(), stored)) return;
    tx.exec(R"(CREATE TEMP TABLE articles_staging
               (LIKE articles INCLUDING DEFAULTS EXCLUDING CONSTRAINTS) ON COMMIT DROP)");
    copy_articles(tx, "articles_staging", articles, stored);
    tx.exec(
        R"(INSERT INTO articles (slug, kind, title, summary, body_html,
                                     category, tags, steps, structure_types, territory, sources,
                                     illustrative, source_root, source_path, content_hash, updated_at)
               SELECT slug, kind, title, summary, body_html, category, tags,
                      steps, structure_types, territory, sources, illustrative, source_root, source_path,
                      content_hash, updated_at
               FROM articles_staging
               ON CONFLICT (source_path) DO UPDATE SET
                 slug = EXCLUDED.slug, kind = EXCLUDED.kind, title = EXCLUDED.title,
                 summary = EXCLUDED.summary,
                 body_html = EXCLUDED.body_html,
                 category = EXCLUDED.category, tags = EXCLUDED.tags, steps = EXCLUDED.steps,
                 structure_types = EXCLUDED.structure_types, territory = EXCLUDED.territory,
                 sources = EXCLUDED.sources, illustrative = EXCLUDED.illustrative,
                 source_root = EXCLUDED.source_root, content_hash = EXCLUDED.content_hash,
                 updated_at = EXCLUDED.updated_at, indexed_at = now())");
}

void delete_article(pqxx::transaction_base& tx, const std::string& source_path) {
    tx.exec_params("DELETE FROM articles WHERE source_path = $1", source_path);
}

}  // namespace kb
