/// @brief get_experts_page: the experts directory with its filters as a GET form.
#include "experts_page.hpp"

#include "input_checks.hpp"
#include "labels.hpp"
#include "page.hpp"
#include "request_params.hpp"
#include "vocabulary.hpp"
#include "web_urls.hpp"

namespace kb::web {

namespace {

nlohmann::json expert_json(const Expert& e, const TagLabels& labels) {
    nlohmann::json topics = nlohmann::json::array();
    for (const auto& topic : e.topics) {
        topics.push_back({{"label", tag_label(labels, topic)},
                          {"url", with_query("/recherche", {{"tag", topic}})}});
    }
    nlohmann::json out = {
        {"name", e.display_name}, {"topics", topics}, {"has_topics", !e.topics.empty()}};
    if (e.structure_name) out["structure_name"] = *e.structure_name;
    if (e.structure_type) out["structure_type"] = *e.structure_type;
    if (e.territory) out["territory"] = label_of("territory", *e.territory);
    if (e.contact_email) out["contact_email"] = *e.contact_email;
    return out;
}

}  // namespace

http::Response get_experts_page(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    // The same parameters and checks as GET /api/v1/experts (400 page on a bad value).
    ExpertQuery query;
    query.structure_types = upper_enum_params(request, "structure_type", known_structure_types());
    query.territories = checked_territories(request.params("territory"));
    nlohmann::json experts = nlohmann::json::array();
    const auto found = web.accounts.users.list_experts(query);
    const bool any_topic =
        std::any_of(found.begin(), found.end(), [](const Expert& e) { return !e.topics.empty(); });
    const TagLabels labels = any_topic ? web.tags.tags.labels() : TagLabels();
    for (const auto& e : found) experts.push_back(expert_json(e, labels));
    const std::string chosen_type = query.structure_types.empty() ? "" : query.structure_types[0];
    nlohmann::json types = nlohmann::json::array();
    for (const auto& type : known_structure_types()) {
        types.push_back({{"value", type}, {"selected", type == chosen_type}});
    }
    const std::size_t count = experts.size();
    nlohmann::json model = {
        {"experts", experts},
        {"has_experts", count > 0},
        {"count_label", count == 1 ? "1 expert" : std::to_string(count) + " experts"},
        {"structure_types", types},
        {"territory", query.territories.empty() ? "" : query.territories[0]},
        {"filtered", !query.structure_types.empty() || !query.territories.empty()}};
    return render_page(web, visitor, "experts", model,
                       {.title = "Annuaire des experts", .nav = "experts"});
}

}  // namespace kb::web
