/// @brief choices, the départements' list and file sizes.
#include "form_options.hpp"

#include "labels.hpp"

#include <algorithm>
#include <cstdio>

namespace kb::web {

namespace {

nlohmann::json choice(const std::string& value, const std::string& label,
                      const std::vector<std::string>& selected, const std::string& id) {
    return {{"value", value},
            {"label", label},
            {"selected", std::find(selected.begin(), selected.end(), value) != selected.end()},
            {"id", id}};
}

}  // namespace

nlohmann::json choices(const std::string& vocabulary, const std::vector<std::string>& values,
                       const std::vector<std::string>& selected, const std::string& id_prefix) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& value : values) {
        out.push_back(choice(value, label_of(vocabulary, value), selected,
                             id_prefix + std::to_string(out.size() + 1)));
    }
    return out;
}

nlohmann::json tag_choices(const std::vector<Tag>& tags, const std::vector<std::string>& selected,
                           const std::string& id_prefix) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& tag : tags)
        out.push_back(
            choice(tag.slug, tag.label, selected, id_prefix + std::to_string(out.size() + 1)));
    return out;
}

const std::vector<std::string>& departement_codes() {
    static const std::vector<std::string> codes = [] {
        std::vector<std::string> out;
        auto two = [](int n) { return (n < 10 ? "0" : "") + std::to_string(n); };
        for (int n = 1; n <= 19; ++n) out.push_back(two(n));
        out.insert(out.end(), {"2A", "2B"});
        for (int n = 21; n <= 95; ++n) out.push_back(two(n));
        for (int n = 971; n <= 974; ++n) out.push_back(std::to_string(n));
        out.push_back("976");
        return out;
    }();
    return codes;
}

nlohmann::json text_or_null(const std::string& text) {
    return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

std::string file_size_label(long long bytes) {
    if (bytes < 1024) return std::to_string(bytes) + " octets";
    const bool mega = bytes >= 1024 * 1024;
    const double value = static_cast<double>(bytes) / (mega ? 1024.0 * 1024.0 : 1024.0);
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", value);
    std::string out = text;
    std::replace(out.begin(), out.end(), '.', ',');
    return out + (mega ? " Mo" : " Ko");
}

}  // namespace kb::web
