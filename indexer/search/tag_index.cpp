/// @brief Tag synonym rules into index metadata; an article document's tags replaced in place.
#include "tag_index.hpp"

#include "pg_arrays.hpp"
#include "search_schema.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>

namespace kb {

namespace {

// A slug read as words ("droit-du-travail" -> "droit du travail"), as a query would type it.
std::string slug_words(std::string slug) {
    std::replace(slug.begin(), slug.end(), '-', ' ');
    return slug;
}

// The document's tags become `tags`, everywhere make_document put them: the filter terms, the
// facet lines and the hit's JSON.
void retag_document(Xapian::Document& doc, const std::vector<std::string>& tags) {
    std::vector<std::string> old_terms;
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        if ((*it).rfind(schema::kTagPrefix, 0) == 0) old_terms.push_back(*it);
    }
    for (const auto& term : old_terms) doc.remove_term(term);
    for (const auto& tag : tags) doc.add_boolean_term(schema::kTagPrefix + tag);

    const std::string facets = doc.get_value(schema::kFacetsSlot);
    std::string kept;
    std::size_t start = 0;
    while (start < facets.size()) {
        const std::size_t end = std::min(facets.find('\n', start), facets.size());
        const std::string line = facets.substr(start, end - start);
        if (line.rfind("tag\t", 0) != 0) kept += (kept.empty() ? "" : "\n") + line;
        start = end + 1;
    }
    for (const auto& tag : tags) kept += (kept.empty() ? "" : "\n") + ("tag\t" + tag);
    doc.add_value(schema::kFacetsSlot, kept);

    auto data = nlohmann::json::parse(schema::hit_data(doc), nullptr, false);
    if (!data.is_discarded() && data.is_object()) {
        data["tags"] = tags;
        doc.add_value(schema::kDataSlot, data.dump());
    }
}

}  // namespace

void write_tag_synonyms(Xapian::WritableDatabase& db, pqxx::transaction_base& tx) {
    nlohmann::json rules = nlohmann::json::array();
    for (const auto& row : tx.exec(R"(
            SELECT t.slug, t.label, t.synonyms,
                   coalesce((SELECT array_agg(a.alias ORDER BY a.alias) FROM tag_aliases a
                             WHERE a.slug = t.slug), '{}')
            FROM tags t
            WHERE cardinality(t.synonyms) > 0
               OR EXISTS (SELECT 1 FROM tag_aliases a WHERE a.slug = t.slug)
            ORDER BY t.slug)")) {
        const std::string slug = row[0].as<std::string>();
        nlohmann::json from = from_pg_array(row[2]);
        for (const auto& alias : from_pg_array(row[3])) from.push_back(slug_words(alias));
        rules.push_back({{"from", from},
                         {"to", {row[1].as<std::string>(), slug_words(slug)}},
                         {"terms", {schema::kTagPrefix + slug}}});
    }
    db.set_metadata(kTagSynonymsMeta, rules.dump());
    // Readers reload their synonyms when this changes (SearchEngine::synonyms_for).
    db.set_metadata(schema::kSynonymsVersionMeta,
                    std::to_string(std::chrono::system_clock::now().time_since_epoch().count()));
}

void apply_tag_vocabulary(Xapian::WritableDatabase& db, pqxx::transaction_base& tx, long long) {
    write_tag_synonyms(db, tx);
}

void apply_article_tags(Xapian::WritableDatabase& db, pqxx::transaction_base& tx, long long id) {
    auto rows = tx.exec_params("SELECT slug, tags FROM articles WHERE id = $1", id);
    // Gone since: kb-indexer removed its document along with the row.
    if (rows.empty()) return;
    const std::string term = schema::article_id(rows[0][0].as<std::string>());
    Xapian::PostingIterator posting = db.postlist_begin(term);
    if (posting == db.postlist_end(term)) return;  // not indexed (yet): kb-indexer writes it whole
    const Xapian::docid docid = *posting;
    Xapian::Document doc = db.get_document(docid);
    retag_document(doc, from_pg_array(rows[0][1]));
    db.replace_document(docid, doc);
}

TagAliases load_tag_aliases(pqxx::transaction_base& tx) {
    TagAliases out;
    for (const auto& row : tx.exec("SELECT alias, slug FROM tag_aliases"))
        out.emplace(row[0].as<std::string>(), row[1].as<std::string>());
    return out;
}

std::vector<std::string> resolve_tag_aliases(const std::vector<std::string>& tags,
                                             const TagAliases& aliases) {
    std::vector<std::string> out;
    for (const auto& tag : tags) {
        auto alias = aliases.find(tag);
        const std::string& slug = alias == aliases.end() ? tag : alias->second;
        if (std::find(out.begin(), out.end(), slug) == out.end()) out.push_back(slug);
    }
    return out;
}

}  // namespace kb
