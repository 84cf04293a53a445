/// @brief GET and POST /api/v1/search, /api/v1/search/misses and /api/v1/suggest.
#pragma once

#include "message.hpp"
#include "pg_pool.hpp"
#include "rate_limiter.hpp"
#include "search_engine.hpp"

namespace kb {

/// What the search routes need.
struct SearchContext {
    PgPool& db;
    SearchEngine& search;
    http::RateLimiter& miss_cap;  ///< per client address: how many misses it may log
};

/// The search a query string asks for (GET /api/v1/search and the search page alike): every
/// parameter validated, 400 on bad values. query_required: 400 `missing_query` without q nor
/// filter.
SearchRequest search_request_from_query(const http::Request& request, bool query_required);
/// Runs a search and records it in the to-write list when it found nothing.
SearchOutcome run_search(SearchContext& app, const SearchRequest& search,
                         const std::string& client_address);

/// Dismisses an entry of the to-write list (API and moderation page); 404 `miss_not_found`.
void dismiss_search_miss(SearchContext& app, long long id);

http::Response get_search(SearchContext& app, const http::Request& request);
http::Response post_search(SearchContext& app, const http::Request& request);
http::Response get_search_misses(SearchContext& app, const http::Request& request);
http::Response delete_search_miss(SearchContext& app, const http::Request& request);
http::Response get_suggest(SearchContext& app, const http::Request& request);

}  // namespace kb
