/// @brief Building Xapian documents from articles with the shared French analysis.
#include "search_schema.hpp"

#include "french.hpp"
#include "iso_time.hpp"
#include "utf8.hpp"

#include <algorithm>

namespace kb::schema {

std::string article_id(const std::string& slug) {
    return kIdPrefix + article_entry_id(slug);
}

std::string thread_id(long long id) {
    return kIdPrefix + thread_entry_id(id);
}

std::string resource_id(long long id) {
    return kIdPrefix + resource_entry_id(id);
}

IndexEntry entry_for_article(const Article& a) {
    IndexEntry e;
    e.id = article_entry_id(a.slug);
    e.kind = a.kind;
    e.slug = a.slug;
    e.title = a.title;
    e.summary = a.summary;
    e.body_text = a.body_text;
    e.url = article_url(a.slug);
    e.tags = a.tags;
    e.steps = a.steps;
    e.structure_types = a.structure_types;
    e.territory = a.territory;
    e.category = a.category;
    e.updated_at = a.updated_at;
    return e;
}

std::optional<double> parse_iso_seconds(const std::string& text) {
    const auto micros = parse_iso_micros(text);
    if (!micros) return std::nullopt;
    return static_cast<double>(*micros) / 1e6;
}

std::string hit_data(const Xapian::Document& doc) {
    std::string data = doc.get_value(kDataSlot);
    return data.empty() ? doc.get_data() : data;
}

Xapian::Document make_document(const IndexEntry& a, FrenchTermGenerator& generator) {
    Xapian::Document doc;
    const std::string title = normalize_french(a.title);
    const std::string summary = normalize_french(a.summary);
    const std::string body = normalize_french(a.body_text);
    // Only stemmed (Z) terms with positions: one analysis path for words and phrases, a smaller
    // index and faster indexing; queries are stemmed the same way.
    generator.start_document();
    generator.index_text(title, doc, kTitleWeight);
    generator.increase_termpos();
    generator.index_text(summary, doc, kSummaryWeight);
    generator.increase_termpos();
    generator.index_text(body, doc);
    generator.index_text(title, doc, 1, kTitlePrefix, false);

    // Completion terms: whole folded title words (3 to 30 bytes, not stopwords), unstemmed. A
    // word repeated in the title is one boolean term.
    for_each_word(title, [&doc](std::string_view, std::string_view word) {
        if (word.size() < 3 || word.size() > 30 || is_french_stopword(word)) return;
        doc.add_boolean_term(kTitleWordPrefix + std::string(word));
    });

    doc.add_boolean_term(kIdPrefix + a.id);
    doc.add_boolean_term(kKindPrefix + a.kind);
    for (const auto& tag : a.tags) doc.add_boolean_term(kTagPrefix + tag);
    for (const auto& step : a.steps) doc.add_boolean_term(kStepPrefix + step);
    for (const auto& type : a.structure_types) doc.add_boolean_term(kStructurePrefix + type);
    if (!a.territory.empty()) doc.add_boolean_term(kTerritoryPrefix + a.territory);
    if (!a.category.empty()) doc.add_boolean_term(kCategoryPrefix + a.category);
    if (!a.status.empty()) doc.add_boolean_term(kStatusPrefix + a.status);
    doc.add_boolean_term(kSourcePrefix + a.source);
    if (!a.resource_type.empty()) doc.add_boolean_term(kResourceTypePrefix + a.resource_type);
    if (!a.licence.empty()) doc.add_boolean_term(kLicencePrefix + a.licence);
    for (const auto& audience : a.audiences) doc.add_boolean_term(kAudiencePrefix + audience);

    doc.add_value(kUpdatedSlot,
                  Xapian::sortable_serialise(parse_iso_seconds(a.updated_at).value_or(0)));
    // One slot for all facets: counting them over a whole result set then reads one value a
    // document.
    std::string facets = "kind\t" + a.kind;
    for (const auto& tag : a.tags) facets += "\ntag\t" + tag;
    for (const auto& step : a.steps) facets += "\nstep\t" + step;
    for (const auto& type : a.structure_types) facets += "\nstructure_type\t" + type;
    facets += "\nsource\t" + a.source;
    if (!a.resource_type.empty()) facets += "\ntype\t" + a.resource_type;
    if (!a.licence.empty()) facets += "\nlicence\t" + a.licence;
    for (const auto& audience : a.audiences) facets += "\naudience\t" + audience;
    doc.add_value(kFacetsSlot, facets);

    const std::string text = utf8_prefix(a.body_text, kSnippetTextLimit);
    // The API's one timestamp form, or null for an article without a date.
    const auto updated = rfc3339_utc(a.updated_at);
    nlohmann::json data = {
        {"id", a.id},           {"kind", a.kind},
        {"slug", a.slug},       {"title", a.title},
        {"summary", a.summary}, {"url", a.url},
        {"tags", a.tags},       {"updated_at", updated ? nlohmann::json(*updated) : nullptr}};
    if (!a.status.empty()) data["status"] = a.status;
    data["source"] = a.source;
    if (!a.resource_type.empty()) {
        data["type"] = a.resource_type;
        data["licence"] = a.licence;
        data["audiences"] = a.audiences;
    }
    doc.add_value(kDataSlot, data.dump());
    // Apart from the JSON: a search reads it for its ten hits only, and parses no JSON for it.
    doc.add_value(kSnippetSlot, text);
    return doc;
}

}  // namespace kb::schema
