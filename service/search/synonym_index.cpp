/// @brief Synonym groups keyed by their phrases' first word, matched against query words.
#include "synonym_index.hpp"

#include "french.hpp"
#include "search_schema.hpp"
#include "tag_index.hpp"

#include <nlohmann/json.hpp>

#include <set>

namespace kb {

namespace {

std::vector<std::vector<std::string>> to_phrases(const std::vector<std::string>& texts) {
    std::vector<std::vector<std::string>> out;
    std::set<std::vector<std::string>> seen;
    for (const auto& text : texts) {
        const std::string normalized = normalize_french(text);
        auto words = content_words(normalized);
        // An acronym that French also writes as a stopword ("AI", association intermédiaire,
        // beside "j'ai") stays a phrase: the query side tells the two apart
        // (spell_out_acronyms).
        if (auto all = split_words(normalized);
            words.empty() && all.size() == 1 && all.front().size() >= 2)
            words = std::move(all);
        if (!words.empty() && seen.insert(words).second) out.push_back(words);
    }
    return out;
}

std::vector<std::string> strings_of(const nlohmann::json& list) {
    std::vector<std::string> out;
    if (!list.is_array()) return out;
    for (const auto& item : list) {
        if (item.is_string()) out.push_back(item.get<std::string>());
    }
    return out;
}

}  // namespace

void SynonymIndex::add_group(const std::vector<std::string>& phrases) {
    const std::size_t before = groups_.size();
    add_rule(phrases, phrases);
    if (groups_.size() == before) return;
    // Its acronyms that French also writes as stopwords, and what each stands for
    // (spell_out_acronyms). A rule's are left out: see there.
    const Rule& group = groups_.back();
    for (const auto& phrase : group.from) {
        if (phrase.size() != 1 || !is_french_stopword(phrase.front())) continue;
        for (const auto& other : group.to) {
            if (other == phrase) continue;
            spelled_acronyms_.try_emplace(phrase.front(), other);
            break;
        }
    }
}

void SynonymIndex::add_rule(const std::vector<std::string>& from,
                            const std::vector<std::string>& to,
                            const std::vector<std::string>& terms) {
    Rule rule{to_phrases(from), to_phrases(to), terms};
    if (rule.from.empty() || rule.to.empty()) return;
    const std::size_t id = groups_.size();
    for (std::size_t p = 0; p < rule.from.size(); ++p) {
        by_first_word_.emplace(rule.from[p][0], std::make_pair(id, p));
        from_words_.insert(rule.from[p].begin(), rule.from[p].end());
    }
    groups_.push_back(std::move(rule));
}

SynonymIndex SynonymIndex::load(const Xapian::Database& db) {
    SynonymIndex index;
    auto add_json = [&index](const std::string& text) {
        if (text.empty()) return;
        auto rules = nlohmann::json::parse(text, nullptr, false);
        if (rules.is_discarded() || !rules.is_array()) return;
        for (const auto& rule : rules) {
            if (rule.is_array()) {
                index.add_group(strings_of(rule));
            } else if (rule.is_object()) {
                index.add_rule(strings_of(rule.value("from", nlohmann::json())),
                               strings_of(rule.value("to", nlohmann::json())),
                               strings_of(rule.value("terms", nlohmann::json())));
            }
        }
    };
    for (auto it = db.metadata_keys_begin(schema::kGlossaryMetaPrefix);
         it != db.metadata_keys_end(schema::kGlossaryMetaPrefix); ++it) {
        add_json(db.get_metadata(*it));
    }
    add_json(db.get_metadata(schema::kExtraSynonymsMeta));
    add_json(db.get_metadata(kTagSynonymsMeta));
    return index;
}

std::string SynonymIndex::spell_out_acronyms(const std::string& normalized) const {
    // Words after which such a stopword is the verb (j'ai, n'ai, l'ai, m'ai, t'ai, y ai, en ai,
    // vous ai…) or another function word.
    static const std::set<std::string, std::less<>> pronouns = {
        "j",  "n",    "l",    "m",   "t",    "s",  "y",    "en",
        "je", "vous", "nous", "lui", "leur", "il", "elle", "on"};
    std::string out;
    std::string_view previous;
    for_each_word(normalized, [&](std::string_view gap, std::string_view word) {
        out += gap;
        const auto acronym =
            pronouns.count(previous) == 0 ? spelled_acronyms_.find(word) : spelled_acronyms_.end();
        if (acronym == spelled_acronyms_.end()) {
            out += word;
        } else {
            for (std::size_t i = 0; i < acronym->second.size(); ++i)
                out += (i ? " " : "") + acronym->second[i];
        }
        if (!word.empty()) previous = word;
    });
    return out;
}

void SynonymIndex::match(const std::vector<std::string>& words, std::set<std::size_t>& matched,
                         std::set<Phrase>& present) const {
    for (std::size_t i = 0; i < words.size(); ++i) {
        auto range = by_first_word_.equal_range(words[i]);
        for (auto it = range.first; it != range.second; ++it) {
            const Phrase& phrase = groups_[it->second.first].from[it->second.second];
            if (i + phrase.size() > words.size()) continue;
            if (!std::equal(phrase.begin(), phrase.end(), words.begin() + static_cast<long>(i)))
                continue;
            matched.insert(it->second.first);
            present.insert(phrase);
        }
    }
}

std::vector<std::vector<std::string>> SynonymIndex::expansions(
    const std::vector<std::string>& words) const {
    std::set<std::size_t> matched;
    std::set<Phrase> present;
    match(words, matched, present);
    std::vector<Phrase> out;
    std::set<Phrase> added;
    for (std::size_t g : matched) {
        for (const auto& phrase : groups_[g].to) {
            if (!present.count(phrase) && added.insert(phrase).second) out.push_back(phrase);
        }
    }
    return out;
}

std::vector<std::string> SynonymIndex::expansion_terms(
    const std::vector<std::string>& words) const {
    std::set<std::size_t> matched;
    std::set<Phrase> present;
    match(words, matched, present);
    std::vector<std::string> out;
    std::set<std::string> added;
    for (std::size_t g : matched) {
        for (const auto& term : groups_[g].terms) {
            if (added.insert(term).second) out.push_back(term);
        }
    }
    return out;
}

}  // namespace kb
