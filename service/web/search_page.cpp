/// @brief get_search_page: the API's search (same parameters, same engine) presented as HTML.
#include "search_page.hpp"

#include "entity_ids.hpp"
#include "french_dates.hpp"
#include "labels.hpp"
#include "page.hpp"
#include "pagination.hpp"
#include "snippet_text.hpp"
#include "utf8.hpp"
#include "web_urls.hpp"

#include <algorithm>

namespace kb::web {

namespace {

// The filter parameters of the page, in the order the facets are shown.
const char* const kFacetOrder[] = {"kind", "status", "step",     "structure_type", "territory",
                                   "tag",  "type",   "audience", "licence",        "source"};

QueryParams filters_of(const http::Request& request) {
    QueryParams out;
    for (const auto& [name, value] : request.query) {
        if (value.empty()) continue;
        for (const char* facet : kFacetOrder) {
            if (name == facet) out.emplace_back(name, value);
        }
    }
    return out;
}

std::string search_url(const std::string& q, const QueryParams& filters, int page) {
    QueryParams params = {{"q", q}};
    params.insert(params.end(), filters.begin(), filters.end());
    if (page > 1) params.emplace_back("page", std::to_string(page));
    return with_query("/recherche", params);
}

nlohmann::json result_json(const SearchHit& hit) {
    const nlohmann::json& d = hit.data();
    const std::string kind = d.value("kind", "");
    nlohmann::json item = {{"title", d.value("title", "")},
                           {"url", page_of_entry(d.value("id", ""))},
                           {"kind", kind},
                           {"kind_label", label_of("kind", kind)},
                           {"snippet", snippet_for_page(hit.snippet)},
                           {"summary", d.value("summary", "")}};
    if (d.contains("status") && d["status"].is_string()) {
        item["status_label"] = label_of("status", d["status"].get<std::string>());
        item["solved"] = d["status"] == "solved";
    }
    if (d.value("source", "") == "forum") item["from_forum"] = true;
    if (d.contains("updated_at") && d["updated_at"].is_string())
        item["date"] = french_date(d["updated_at"].get<std::string>());
    return item;
}

nlohmann::json facets_json(const SearchResponse& found, const QueryParams& active,
                           const TagLabels& tags) {
    nlohmann::json groups = nlohmann::json::array();
    int counter = 0;
    for (const char* facet : kFacetOrder) {
        auto it = found.facets.find(facet);
        if (it == found.facets.end() || it->second.empty()) continue;
        nlohmann::json values = nlohmann::json::array();
        bool any_checked = false;
        for (const auto& v : it->second) {
            const bool checked =
                std::find(active.begin(), active.end(),
                          std::make_pair(std::string(facet), v.value)) != active.end();
            any_checked = any_checked || checked;
            values.push_back(
                {{"name", facet},
                 {"value", v.value},
                 {"label", std::string_view(facet) == "tag" ? tag_label(tags, v.value)
                                                            : label_of(facet, v.value)},
                 {"count", v.count},
                 {"checked", checked},
                 {"id", "filtre-" + std::to_string(++counter)}});
        }
        groups.push_back({{"name", facet},
                          {"label", facet_label(facet)},
                          {"values", values},
                          {"open", any_checked}});
    }
    return groups;
}

}  // namespace

http::Response get_search_page(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    SearchRequest search = search_request_from_query(request, false);
    search.per_page = 10;
    const QueryParams filters = filters_of(request);
    nlohmann::json model = {{"q", search.q}, {"searched", false}};
    if (!search.q.empty() || !search.filters.empty()) {
        const SearchOutcome outcome = run_search(web.search, search, request.client_address);
        const SearchResponse& found = *outcome.response;
        model["searched"] = true;
        // The cached answer's HTML is shared by every request that hits it, as its JSON is.
        model["results_html"] = found.page_results->get([&] {
            nlohmann::json results = nlohmann::json::array();
            for (const auto& hit : found.hits) results.push_back(result_json(hit));
            return web.templates.render("search_results", {{"results", results}});
        });
        model["has_results"] = !found.hits.empty();
        model["total"] = found.total;
        model["total_label"] =
            found.total == 1 ? "1 résultat" : std::to_string(found.total) + " résultats";
        model["estimated"] = !found.exact;
        model["partial"] = found.partial;
        const std::string& facets_html = found.page_facets->get([&] {
            const auto tag_facet = found.facets.find("tag");
            const TagLabels tags = tag_facet == found.facets.end() || tag_facet->second.empty()
                                       ? TagLabels()
                                       : web.tags.tags.labels();
            return web.templates.render("search_facets",
                                        {{"facets", facets_json(found, filters, tags)}});
        });
        model["facets_html"] = facets_html;
        model["has_facets"] = facets_html.find_first_not_of(" \n") != std::string::npos;
        model["filters"] = nlohmann::json::array();
        for (const auto& [name, value] : filters) {
            model["filters"].push_back({{"name", name}, {"value", value}});
        }
        model["pagination"] =
            pagination_json(search.page, search.per_page, found.total,
                            [&](int p) { return search_url(search.q, filters, p); });
        model["has_pagination"] = !model["pagination"].empty();
        if (found.corrected_query) {
            model["corrected"] = {{"text", *found.corrected_query},
                                  {"url", search_url(*found.corrected_query, filters, 1)}};
        }
        model["ask_url"] = with_query("/questions/nouvelle", {{"titre", search.q}});
    }
    const std::string title =
        search.q.empty()
            ? "Rechercher"
            : "Recherche : " +
                  (search.q.size() > 80 ? kb::utf8_prefix(search.q, 80) + "…" : search.q);
    return render_page(web, visitor, "search", model,
                       {.title = title, .nav = "search", .query = search.q});
}

}  // namespace kb::web
