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
        auto words = content_words(normalize_french(text));
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
    add_rule(phrases, phrases);
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
