/// @brief Search handlers: parse and validate parameters, call the engine, serialise.
#include "search_handlers.hpp"

#include "api_error.hpp"
#include "auth.hpp"
#include "french.hpp"
#include "input_checks.hpp"
#include "json_body.hpp"
#include "json_values.hpp"
#include "miss_log.hpp"
#include "request_params.hpp"
#include "vocabulary.hpp"

#include <chrono>
#include <cmath>
#include <iostream>

namespace kb {

namespace {

constexpr std::size_t kMaxQueryChars = 500;
// Every word adds terms, synonyms and pairs to the query: 32 is more than any real question.
constexpr std::size_t kMaxQueryWords = 32;
// Filter values of all filters together (each filter holds at most kMaxListValues).
constexpr std::size_t kMaxFilterValues = 40;

const std::vector<std::string> kSources = {"local", "forum"};
constexpr int kMaxPage = 100000;

std::string checked_query_text(const std::string& q, bool required) {
    if (utf8_length(q) > kMaxQueryChars) {
        throw http::ApiError::bad_request("query_too_long", "La recherche dépasse 500 caractères.");
    }
    if (split_words(normalize_french(q)).size() > kMaxQueryWords) {
        throw http::ApiError::bad_request(
            "too_many_words",
            "La recherche compte plus de " + std::to_string(kMaxQueryWords) + " mots.");
    }
    if (required && q.find_first_not_of(" \t\r\n") == std::string::npos) {
        throw http::ApiError::bad_request(
            "missing_query", "Le paramètre « q » est obligatoire (ou au moins un filtre).");
    }
    return q;
}

void check_filter_count(const SearchFilters& f) {
    const std::size_t count = f.kinds.size() + f.tags.size() + f.steps.size() +
                              f.structure_types.size() + f.territories.size() + f.statuses.size() +
                              f.types.size() + f.licences.size() + f.audiences.size();
    if (count > kMaxFilterValues) {
        throw http::ApiError::bad_request(
            "too_many_values", "Les filtres comptent au plus " + std::to_string(kMaxFilterValues) +
                                   " valeurs en tout (" + std::to_string(count) + " reçues).");
    }
}

bool checked_sort(const std::string& sort) {
    if (sort != "relevance" && sort != "recent") {
        throw http::ApiError::bad_request("invalid_parameter",
                                          "Le paramètre « sort » vaut relevance ou recent.");
    }
    return sort == "recent";
}

nlohmann::json facets_json(const std::map<std::string, std::vector<FacetValue>>& facets) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [name, values] : facets) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& v : values) list.push_back({{"value", v.value}, {"count", v.count}});
        out[name] = list;
    }
    return out;
}

// Everything in the answer but the echoed query and took_ms: the same for every request that
// shares a cache entry, so a cached response is serialised once.
std::string render_found(const SearchResponse& found, const SearchRequest& search) {
    nlohmann::json body = {{"corrected_query", http::nullable(found.corrected_query)},
                           {"total", found.total},
                           {"total_exact", found.exact},
                           {"facets_exact", found.facets_exact},
                           {"partial", found.partial},
                           {"page", search.page},
                           {"per_page", search.per_page},
                           {"facets", facets_json(found.facets)}};
    // Each result is its document's data, serialised once when the document was read, with its
    // snippet and score after: building and copying a JSON tree per hit was most of the
    // allocations of a search.
    std::string results = "[";
    for (const auto& hit : found.hits) {
        static const std::string kNoData = "{}";
        const std::string& data = hit.shown->json.size() < 2 ? kNoData : hit.shown->json;
        if (results.size() > 1) results += ',';
        results.append(data, 0, data.size() - 1);  // without its closing brace
        if (data.size() > 2) results += ',';
        results += "\"snippet\":" + http::dump_json(hit.snippet) +
                   ",\"score\":" + nlohmann::json(std::round(hit.score * 1000.0) / 1000.0).dump() +
                   '}';
    }
    results += ']';
    // body is a JSON object: the results go in front of its own members.
    return "{\"results\":" + results + "," + http::dump_json(body).substr(1);
}

// The to-write list wants what people look for in vain: a text search without filters (a filter
// alone can explain finding nothing), searched to the end, within its address's hourly cap.
void log_miss(SearchContext& app, const SearchRequest& search, const SearchResponse& found,
              const std::string& client_address) {
    if (found.total != 0 || found.partial || !search.filters.empty()) return;
    const std::string key = miss_key(normalize_french(search.q));
    if (key.empty() || app.miss_cap.acquire(client_address)) return;
    try {
        record_miss(app.db, key, search.q);
    } catch (const std::exception&) {
        // Searching must keep working while PostgreSQL is away; the miss is only lost.
        std::cerr << R"({"level":"warn","event":"miss_not_recorded"})"
                     "\n";
    }
}

http::Response execute_search(SearchContext& app, const SearchRequest& search,
                              const http::Request& request) {
    const auto started = std::chrono::steady_clock::now();
    const SearchOutcome outcome = run_search(app, search, request.client_address);
    const SearchResponse& found = *outcome.response;
    const std::string& rendered = found.rendering->get([&] { return render_found(found, search); });
    const double took =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    // rendered is a JSON object: the two request-specific members go in front of its own.
    http::Response response;
    response.status = 200;
    response.body = "{\"query\":" + http::dump_json(search.q) +
                    ",\"took_ms\":" + nlohmann::json(std::round(took * 1000.0) / 1000.0).dump() +
                    "," + rendered.substr(1);
    response.headers.emplace_back("X-Search-Cache", outcome.refreshed    ? "refreshed"
                                                    : outcome.from_cache ? "hit"
                                                    : outcome.shared     ? "shared"
                                                                         : "miss");
    return response;
}

}  // namespace

SearchRequest search_request_from_query(const http::Request& request, bool query_required) {
    SearchRequest search;
    search.filters.kinds = enum_params(request, "kind", known_kinds());
    search.filters.tags = enum_params(request, "tag", {});
    search.filters.steps = enum_params(request, "step", known_steps());
    search.filters.structure_types =
        upper_enum_params(request, "structure_type", known_structure_types());
    search.filters.territories = checked_territories(request.params("territory"));
    search.filters.statuses = enum_params(request, "status", thread_statuses());
    search.filters.sources = enum_params(request, "source", kSources);
    search.filters.types = enum_params(request, "type", known_resource_types());
    search.filters.licences = enum_params(request, "licence", known_licences());
    search.filters.audiences = enum_params(request, "audience", known_audiences());
    search.q = checked_query_text(request.param("q").value_or(""),
                                  query_required && search.filters.empty());
    search.sort_recent = checked_sort(request.param("sort").value_or("relevance"));
    search.page = int_param(request, "page", 1, 1, kMaxPage);
    search.per_page = per_page_param(request);
    search.use_cache = !request.no_cache;
    check_filter_count(search.filters);
    return search;
}

SearchOutcome run_search(SearchContext& app, const SearchRequest& search,
                         const std::string& client_address) {
    check_filter_count(search.filters);
    SearchOutcome outcome = app.search.search(search);
    log_miss(app, search, *outcome.response, client_address);
    return outcome;
}

http::Response get_search(SearchContext& app, const http::Request& request) {
    return execute_search(app, search_request_from_query(request, true), request);
}

http::Response post_search(SearchContext& app, const http::Request& request) {
    const nlohmann::json body = http::parse_json_object(request);
    SearchRequest search;
    auto list = [&](const char* name, const std::vector<std::string>& allowed) {
        auto values = http::optional_string_list(body, name);
        check_allowed(name, values, allowed);
        return values;
    };
    search.filters.kinds = list("kind", known_kinds());
    search.filters.tags = list("tag", {});
    search.filters.steps = list("step", known_steps());
    search.filters.structure_types =
        checked_upper("structure_type", http::optional_string_list(body, "structure_type"),
                      known_structure_types());
    search.filters.territories = checked_territories(http::optional_string_list(body, "territory"));
    search.filters.statuses = list("status", thread_statuses());
    search.filters.sources = list("source", kSources);
    search.filters.types = list("type", known_resource_types());
    search.filters.licences = list("licence", known_licences());
    search.filters.audiences = list("audience", known_audiences());
    search.q =
        checked_query_text(http::optional_string(body, "q").value_or(""), search.filters.empty());
    search.sort_recent = checked_sort(http::optional_string(body, "sort").value_or("relevance"));
    auto bounded = [&](const char* name, int fallback, int min, int max) {
        if (!body.contains(name) || body[name].is_null()) return fallback;
        long long v = http::require_integer(body, name);
        if (v < min || v > max) {
            throw http::ApiError::bad_request(
                "invalid_parameter", std::string("Le champ « ") + name +
                                         " » est hors limites (entre " + std::to_string(min) +
                                         " et " + std::to_string(max) + ").");
        }
        return static_cast<int>(v);
    };
    search.page = bounded("page", 1, 1, kMaxPage);
    search.per_page = bounded("per_page", kDefaultPerPage, 1, kMaxPerPage);
    search.use_cache = !request.no_cache;
    return execute_search(app, search, request);
}

http::Response get_search_misses(SearchContext& app, const http::Request& request) {
    // The to-write list is the moderators' tool.
    require_moderator(require_user(app.db, request));
    const int limit = int_param(request, "limit", 50, 1, 500);
    nlohmann::json items = top_misses(app.db, limit);
    return http::Response::json(200, {{"misses", items}});
}

http::Response delete_search_miss(SearchContext& app, const http::Request& request) {
    require_moderator(require_user(app.db, request));
    dismiss_search_miss(app, parse_id(request.path_param("id")));
    return http::Response::no_content();
}

void dismiss_search_miss(SearchContext& app, long long id) {
    if (!dismiss_miss(app.db, id)) {
        throw http::ApiError::not_found(
            "miss_not_found",
            "Aucune recherche sans résultat n'a l'identifiant " + std::to_string(id) + ".");
    }
}

http::Response get_suggest(SearchContext& app, const http::Request& request) {
    const std::string q = checked_query_text(request.param("q").value_or(""), true);
    const int limit = int_param(request, "limit", 8, 1, 8);
    nlohmann::json items = app.search.suggest(q, static_cast<std::size_t>(limit));
    return http::Response::json(200, {{"query", q}, {"suggestions", items}});
}

}  // namespace kb
