/// @brief Synonym groups keyed by their phrases' first word, matched against query words.
#include "synonym_index.hpp"

#include "french.hpp"
#include "search_schema.hpp"

#include <nlohmann/json.hpp>

#include <set>

namespace kb {

void SynonymIndex::add_group(const std::vector<std::string>& phrases) {
    std::vector<std::vector<std::string>> group;
    std::set<std::vector<std::string>> seen;
    for (const auto& phrase : phrases) {
        auto words = content_words(normalize_french(phrase));
        if (!words.empty() && seen.insert(words).second) group.push_back(words);
    }
    if (group.size() < 2) return;
    const std::size_t id = groups_.size();
    for (std::size_t p = 0; p < group.size(); ++p) by_first_word_.emplace(group[p][0], std::make_pair(id, p));
    groups_.push_back(std::move(group));
}

SynonymIndex SynonymIndex::load(const Xapian::Database& db) {
    SynonymIndex index;
    auto add_json = [&index](const std::string& text) {
        if (text.empty()) return;
        auto groups = nlohmann::json::parse(text, nullptr, false);
        if (groups.is_discarded() || !groups.is_array()) return;
        for (const auto& group : groups) {
            if (!group.is_array()) continue;
            std::vector<std::string> phrases;
            for (const auto& p : group) {
                if (p.is_string()) phrases.push_back(p.get<std::string>());
            }
            index.add_group(phrases);
        }
    };
    for (auto it = db.metadata_keys_begin(schema::kGlossaryMetaPrefix);
         it != db.metadata_keys_end(schema::kGlossaryMetaPrefix); ++it) {
        add_json(db.get_metadata(*it));
    }
    add_json(db.get_metadata(schema::kExtraSynonymsMeta));
    return index;
}

std::vector<std::vector<std::string>> SynonymIndex::expansions(
    const std::vector<std::string>& words) const {
    std::vector<std::vector<std::string>> out;
    std::set<std::size_t> matched_groups;
    std::set<std::pair<std::size_t, std::size_t>> present;
    for (std::size_t i = 0; i < words.size(); ++i) {
        auto range = by_first_word_.equal_range(words[i]);
        for (auto it = range.first; it != range.second; ++it) {
            const auto& phrase = groups_[it->second.first][it->second.second];
            if (i + phrase.size() > words.size()) continue;
            if (!std::equal(phrase.begin(), phrase.end(), words.begin() + static_cast<long>(i))) continue;
            matched_groups.insert(it->second.first);
            present.insert(it->second);
        }
    }
    for (std::size_t g : matched_groups) {
        for (std::size_t p = 0; p < groups_[g].size(); ++p) {
            if (!present.count({g, p})) out.push_back(groups_[g][p]);
        }
    }
    return out;
}

}  // namespace kb
