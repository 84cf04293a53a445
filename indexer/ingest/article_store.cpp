/// @brief SQL for the articles table, parameterised, next to its use.
#include "article_store.hpp"

#include "iso_time.hpp"
#include "pg_binary_copy.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>

namespace kb {

namespace {

void optional_text(BinaryCopy& copy, const std::string& s) {
    if (s.empty()) {
        copy.null();
    } else {
        copy.text(s);
    }
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
        "slug",        "kind",        "title",           "summary",    "body_html", "category",
        "tags",        "steps",       "structure_types", "territory",  "sources",   "illustrative",
        "source_root", "source_path", "content_hash",    "updated_at", "cites"};
    return columns;
}

template <typename Keep>
void copy_articles(pqxx::dbtransaction& tx, const std::string& table,
                   const std::vector<Article>& articles, Keep keep) {
    BinaryCopy copy(tx, table, article_columns());
    for (const auto& a : articles) {
        if (!keep(a)) continue;
        copy.row().text(a.slug).text(a.kind).text(a.title).text(a.summary).text(a.body_html);
        optional_text(copy, a.category);
        copy.text_array(a.tags).text_array(a.steps).text_array(a.structure_types);
        optional_text(copy, a.territory);
        copy.jsonb(nlohmann::json(a.sources).dump())
            .boolean(a.illustrative)
            .text(a.source_root)
            .text(a.source_path)
            .text(a.content_hash);
        if (a.updated_at.empty()) {
            copy.null();
        } else if (auto micros = parse_iso_micros(a.updated_at)) {
            copy.timestamptz(*micros);
        } else {  // read_article lets no such date through
            throw std::invalid_argument(a.source_path + ": invalid date '" + a.updated_at + "'");
        }
        copy.text_array(a.cites);
    }
    copy.complete();
}

}  // namespace

void upsert_articles(pqxx::dbtransaction& tx, const std::vector<Article>& articles,
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
                                     illustrative, source_root, source_path, content_hash, updated_at,
                                     cites)
               SELECT slug, kind, title, summary, body_html, category, tags,
                      steps, structure_types, territory, sources, illustrative, source_root, source_path,
                      content_hash, updated_at, cites
               FROM articles_staging
               ON CONFLICT (source_path) DO UPDATE SET
                 slug = EXCLUDED.slug, kind = EXCLUDED.kind, title = EXCLUDED.title,
                 summary = EXCLUDED.summary,
                 body_html = EXCLUDED.body_html,
                 category = EXCLUDED.category, tags = EXCLUDED.tags, steps = EXCLUDED.steps,
                 structure_types = EXCLUDED.structure_types, territory = EXCLUDED.territory,
                 sources = EXCLUDED.sources, illustrative = EXCLUDED.illustrative,
                 source_root = EXCLUDED.source_root, content_hash = EXCLUDED.content_hash,
                 updated_at = EXCLUDED.updated_at, cites = EXCLUDED.cites, indexed_at = now())");
}

void delete_article(pqxx::transaction_base& tx, const std::string& source_path) {
    tx.exec_params("DELETE FROM articles WHERE source_path = $1", source_path);
}

}  // namespace kb
