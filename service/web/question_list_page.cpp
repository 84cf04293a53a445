/// @brief get_questions: the Q&A store's listing (same parameters as GET /api/v1/threads)
/// presented as HTML.
#include "question_list_page.hpp"

#include "api_error.hpp"
#include "entity_ids.hpp"
#include "french_dates.hpp"
#include "input_checks.hpp"
#include "labels.hpp"
#include "page.hpp"
#include "pagination.hpp"
#include "qa_actions.hpp"
#include "question_views.hpp"
#include "web_urls.hpp"

namespace kb::web {

namespace {

// The filters a listing keeps from one link to the next (tabs and pages), in the form's order.
const char* const kFilters[] = {"tag", "step", "structure_type", "territory"};

QueryParams filters_of(const http::Request& request) {
    QueryParams out;
    for (const char* name : kFilters) {
        for (const auto& value : request.params(name)) out.emplace_back(name, value);
    }
    return out;
}

std::string listing_url(const std::string& tab, const QueryParams& filters, int page) {
    QueryParams params;
    if (tab == "for_me") {
        params.emplace_back("for_me", "true");
    } else if (!tab.empty()) {
        params.emplace_back("status", tab);
    }
    params.insert(params.end(), filters.begin(), filters.end());
    if (page > 1) params.emplace_back("page", std::to_string(page));
    return with_query("/questions", params);
}

nlohmann::json tabs_json(const std::string& current, const QueryParams& filters,
                         const Visitor& visitor) {
    std::vector<std::pair<std::string, std::string>> tabs = {{"", "Toutes"},
                                                             {kStatusUnanswered, "Sans réponse"},
                                                             {kStatusAnswered, "Répondues"},
                                                             {kStatusSolved, "Résolues"}};
    if (visitor.user && visitor.user->is_expert()) tabs.emplace_back("for_me", "Pour moi");
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [tab, label] : tabs) {
        // "Pour moi" lists by the expert's profile, not by the filters of the other tabs.
        out.push_back({{"label", label},
                       {"url", listing_url(tab, tab == "for_me" ? QueryParams{} : filters, 1)},
                       {"current", tab == current}});
    }
    return out;
}

nlohmann::json item_json(const ThreadSummary& t, const TagLabels& labels) {
    nlohmann::json item = {{"title", t.title},
                           {"url", thread_page(t.id)},
                           {"badge", status_badge(t.status)},
                           {"answers", answers_label(t.answer_count)},
                           {"tags", tag_links(t.tags, labels)},
                           {"has_tags", !t.tags.empty()},
                           {"author", t.author.display_name},
                           {"date", french_date(t.created_at)},
                           {"from_forum", t.source == "forum"}};
    if (t.structure_type) item["structure_type"] = *t.structure_type;
    if (t.territory) item["territory"] = label_of("territory", *t.territory);
    return item;
}

std::string first_value(const http::Request& request, const std::string& name) {
    auto values = request.params(name);
    return values.empty() ? "" : values.front();
}

}  // namespace

http::Response get_questions(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    // A mistyped département is shown next to its field; the other filters are lists to choose
    // from, so a bad value there is a bad link (400).
    http::Request checked = request;
    std::string territory_error;
    try {
        checked_territories(request.params("territory"));
    } catch (const http::ApiError& e) {
        territory_error = e.detail();
        std::erase_if(checked.query, [](const auto& kv) { return kv.first == "territory"; });
    }
    ThreadQuery query = thread_query_of(checked);
    if (query.for_me) {
        if (!visitor.user) return sign_in_first(visitor, request);
        restrict_to_me(query, *visitor.user);
    }
    const ThreadPage found = web.qa.qa.list_threads(query, visitor.user);
    const QueryParams filters = query.for_me ? QueryParams{} : filters_of(checked);
    const std::string tab = query.for_me ? "for_me" : query.status.value_or("");

    nlohmann::json items = nlohmann::json::array();
    const bool any_tag = std::any_of(found.results.begin(), found.results.end(),
                                     [](const ThreadSummary& t) { return !t.tags.empty(); });
    const TagLabels labels = any_tag ? web.tags.tags.labels() : TagLabels();
    for (const auto& t : found.results) items.push_back(item_json(t, labels));
    nlohmann::json model = {
        {"tabs", tabs_json(tab, filters, visitor)},
        {"for_me", query.for_me},
        {"items", items},
        {"has_items", !items.empty()},
        {"total_label", found.total <= 1 ? std::to_string(found.total) + " question"
                                         : std::to_string(found.total) + " questions"},
        {"tag_options", select_options(tag_choices(web.tags.tags), first_value(checked, "tag"),
                                       "Tous les thèmes")},
        {"step_options", select_options(vocabulary_choices("step"), first_value(checked, "step"),
                                        "Toutes les étapes")},
        {"structure_type_options",
         select_options(vocabulary_choices("structure_type"),
                        query.structure_types.empty() ? "" : query.structure_types.front(),
                        "Tous les types")},
        {"territory", territory_error.empty() ? first_value(checked, "territory")
                                              : first_value(request, "territory")},
        {"pagination", pagination_json(query.page, query.per_page, found.total,
                                       [&](int p) { return listing_url(tab, filters, p); })}};
    model["has_pagination"] = !model["pagination"].empty();
    // Mustache shows a section for any string, even empty: absent keys hide them.
    if (query.status && !query.for_me) model["status"] = *query.status;
    if (!territory_error.empty()) model["territory_error"] = territory_error;
    const std::string title = query.for_me ? "Questions pour moi" : "Questions de la communauté";
    return render_page(
        web, visitor, "questions", model,
        {.title = title, .nav = "questions", .status = territory_error.empty() ? 200 : 400});
}

}  // namespace kb::web
