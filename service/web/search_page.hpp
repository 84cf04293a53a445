/// @brief The search page (/recherche): results with snippets and kind badges, facets as
/// filters that keep the query, the correction, pagination, and an empty state that offers to ask.
#pragma once

#include "message.hpp"
#include "web_context.hpp"

namespace kb::web {

http::Response get_search_page(WebContext& web, const http::Request& request);

}  // namespace kb::web
