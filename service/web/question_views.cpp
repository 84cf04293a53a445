/// @brief Status badges, tag links, select options and counts for the question pages.
#include "question_views.hpp"

#include "labels.hpp"
#include "vocabulary.hpp"
#include "web_urls.hpp"

#include <algorithm>

namespace kb::web {

nlohmann::json status_badge(const std::string& status) {
    return {{"status", status},
            {"label", label_of("status", status)},
            {"solved", status == kStatusSolved},
            {"unanswered", status == kStatusUnanswered}};
}

nlohmann::json tag_links(const std::vector<std::string>& tags, const TagLabels& labels) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& tag : tags) {
        out.push_back({{"slug", tag},
                       {"label", tag_label(labels, tag)},
                       {"url", with_query("/questions", {{"tag", tag}})}});
    }
    return out;
}

nlohmann::json select_options(const std::vector<std::pair<std::string, std::string>>& choices,
                              const std::string& selected, const std::string& empty_label) {
    nlohmann::json out = nlohmann::json::array();
    out.push_back({{"value", ""}, {"label", empty_label}, {"selected", selected.empty()}});
    for (const auto& [value, label] : choices) {
        out.push_back({{"value", value}, {"label", label}, {"selected", value == selected}});
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> vocabulary_choices(const std::string& name) {
    const auto& values = name == "step" ? known_steps() : known_structure_types();
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& v : values) out.emplace_back(v, label_of(name, v));
    return out;
}

std::vector<std::pair<std::string, std::string>> tag_choices(TagStore& tags) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& tag : tags.list())
        out.emplace_back(tag.slug, tag.label.empty() ? label_of("tag", tag.slug) : tag.label);
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
    return out;
}

std::string answers_label(long long count) {
    if (count == 0) return "Aucune réponse";
    return count == 1 ? "1 réponse" : std::to_string(count) + " réponses";
}

}  // namespace kb::web
