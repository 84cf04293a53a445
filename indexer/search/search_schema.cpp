/// @brief Building Xapian documents from articles with the shared French analysis.
#include "search_schema.hpp"

#include "french.hpp"
#include "iso_time.hpp"
#include "utf8.hpp"
#include "vocabulary.hpp"

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
    // `structure_types: []` means an article for every structure: it is listed under each type,
    // so a type filter keeps it and each type's facet counts what that filter would list.
    e.structure_types = a.structure_types.empty() ? known_structure_types() : a.structure_types;
    e.territory = a.territory;
    e.category = a.category;
    e.updated_at = a.updated_at;
    for (const auto& slug : a.cites) e.cites.push_back(article_entry_id(slug));
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

std::vector<std::string> title_start_terms(const std::vector<std::string>& stems) {
    std::vector<std::string> out;
    std::string joined = stems.empty() ? std::string() : stems.front();
    for (std::size_t i = 1; i < std::min<std::size_t>(stems.size(), 3); ++i) {
        joined += ' ' + stems[i];
        if (joined.size() < 200) out.push_back(kTitleStartPrefix + joined);
    }
    return out;
}

std::vector<std::string> title_pair_terms(const std::vector<std::string>& stems) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i + 1 < stems.size(); ++i) {
        std::string term = kTitlePairPrefix + stems[i] + ' ' + stems[i + 1];
        if (term.size() < 200) out.push_back(std::move(term));
    }
    return out;
}

Xapian::Document make_document(const IndexEntry& a, FrenchTermGenerator& generator) {
    Xapian::Document doc;
    const std::string title = normalize_french(a.title);
    const std::string summary = normalize_french(a.summary);
    const std::string body = normalize_french(a.body_text);
    // Only stemmed (Z) terms with positions: one analysis path for words and phrases, a smaller
    // index and faster indexing; queries are stemmed the same way.
    generator.start_document();
    generator.set_pair_prefix(kPairPrefix);
    generator.index_text(title, doc, kTitleWeight);
    generator.increase_termpos();
    generator.index_text(summary, doc, kSummaryWeight);
    generator.increase_termpos();
    generator.index_text(body, doc);
    generator.index_text(title, doc, 1, kTitlePrefix, false);

    // Completion terms: whole folded title words (2 to 30 bytes, not stopwords: two letters are
    // the EI and AI of the structures' guides), unstemmed. A word repeated in the title is one
    // boolean term.
    for_each_word(title, [&doc](std::string_view, std::string_view word) {
        if (word.size() < 2 || word.size() > 30 || is_french_stopword(word)) return;
        doc.add_boolean_term(kTitleWordPrefix + std::string(word));
    });
    // Title-start and title-pair terms: what the query side weighs (search_engine.cpp,
    // title_terms_boost) with a fixed weight per document.
    {
        thread_local const Xapian::Stem snowball("french");
        std::vector<std::string> stems;
        for (const auto& word : content_words(title))
            stems.push_back(stem_french_word(word, snowball));
        for (const auto& term : title_start_terms(stems)) doc.add_boolean_term(term);
        for (const auto& term : title_pair_terms(stems)) doc.add_boolean_term(term);
    }

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
    if (!a.cites.empty()) {
        std::string cites;
        for (const auto& id : a.cites) {
            if (!cites.empty()) cites += '\n';
            cites += id;
        }
        doc.add_value(kCitesSlot, cites);
    }
    return doc;
}

const Facet* facet_of_term(std::string_view term) {
    if (term.find(' ') != std::string_view::npos) return nullptr;
    for (const Facet& facet : kFacets) {
        if (term.size() > facet.prefix.size() &&
            term.substr(0, facet.prefix.size()) == facet.prefix)
            return &facet;
    }
    return nullptr;
}

}  // namespace kb::schema
