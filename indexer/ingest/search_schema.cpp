/// @brief Building Xapian documents from articles with the shared French analysis.
#include "search_schema.hpp"

#include "french.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <ctime>

namespace kb::schema {

namespace {

std::string join_lines(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : "\n") + item;
    return out;
}

bool is_word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

std::string percent_encode(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
    }
    return out;
}

}  // namespace

std::string article_id(const std::string& slug) { return kIdPrefix + "article:" + slug; }

std::string thread_id(long long id) { return kIdPrefix + "thread:" + std::to_string(id); }

IndexEntry entry_for_article(const Article& a) {
    IndexEntry e;
    e.id = "article:" + a.slug;
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

std::string article_url(const std::string& slug) { return "/api/v1/articles/" + percent_encode(slug); }

double parse_iso_seconds(const std::string& text) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    int n = std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s);
    if (n < 3) n = std::sscanf(text.c_str(), "%4d-%2d-%2d %2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s);
    if (n < 3 || mo < 1 || mo > 12 || d < 1 || d > 31) return -1;
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    return static_cast<double>(timegm(&tm));
}

Xapian::TermGenerator make_term_generator() {
    Xapian::TermGenerator generator;
    generator.set_stemmer(make_french_stem());
    generator.set_stopper(make_french_stopper());
    // Only stemmed (Z) terms with positions: one analysis path for words and phrases, a smaller
    // index and faster indexing; queries are stemmed the same way.
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
    generator.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
    return generator;
}

void collect_spelling_words(const std::string& text, std::map<std::string, unsigned>& out) {
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && !is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
        std::size_t start = i;
        while (i < text.size() && is_word_byte(static_cast<unsigned char>(text[i]))) ++i;
        if (i - start >= 3 && i - start <= 30) {
            std::string word = text.substr(start, i - start);
            if (!is_french_stopword(word)) ++out[word];
        }
    }
}

Xapian::Document make_document(const IndexEntry& a, Xapian::TermGenerator& generator,
                               std::map<std::string, unsigned>& spelling) {
    Xapian::Document doc;
    generator.set_document(doc);
    const std::string title = normalize_french(a.title);
    const std::string summary = normalize_french(a.summary);
    const std::string body = normalize_french(a.body_text);
    generator.index_text(title, kTitleWeight);
    generator.increase_termpos();
    generator.index_text(summary, kSummaryWeight);
    generator.increase_termpos();
    generator.index_text(body);
    // Drop the generator's handle on doc: Xapian's reference counts are not atomic, and the
    // document is handed to the writer thread while this generator stays with its worker.
    generator.set_document(Xapian::Document());
    collect_spelling_words(title, spelling);
    collect_spelling_words(summary, spelling);
    collect_spelling_words(body, spelling);

    // Completion terms: whole folded title words, unstemmed.
    std::map<std::string, unsigned> title_words;
    collect_spelling_words(title, title_words);
    for (const auto& [word, count] : title_words) doc.add_boolean_term(kTitleWordPrefix + word);

    doc.add_boolean_term(kIdPrefix + a.id);
    doc.add_boolean_term(kKindPrefix + a.kind);
    for (const auto& tag : a.tags) doc.add_boolean_term(kTagPrefix + tag);
    for (const auto& step : a.steps) doc.add_boolean_term(kStepPrefix + step);
    for (const auto& type : a.structure_types) doc.add_boolean_term(kStructurePrefix + type);
    if (!a.territory.empty()) doc.add_boolean_term(kTerritoryPrefix + a.territory);
    if (!a.category.empty()) doc.add_boolean_term(kCategoryPrefix + a.category);
    if (!a.status.empty()) doc.add_boolean_term(kStatusPrefix + a.status);

    double updated = parse_iso_seconds(a.updated_at);
    doc.add_value(kUpdatedSlot, Xapian::sortable_serialise(updated < 0 ? 0 : updated));
    doc.add_value(kKindSlot, a.kind);
    doc.add_value(kTagsSlot, join_lines(a.tags));
    doc.add_value(kStepsSlot, join_lines(a.steps));
    doc.add_value(kStructureSlot, join_lines(a.structure_types));
    doc.add_value(kTerritorySlot, a.territory);

    const std::string text = utf8_prefix(a.body_text, kSnippetTextLimit);
    nlohmann::json data = {{"id", a.id},       {"kind", a.kind},       {"slug", a.slug},
                           {"title", a.title}, {"summary", a.summary}, {"url", a.url},
                           {"tags", a.tags},   {"updated_at", a.updated_at}, {"text", text}};
    if (!a.status.empty()) data["status"] = a.status;
    doc.set_data(data.dump());
    return doc;
}

}  // namespace kb::schema
