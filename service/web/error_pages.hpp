/// @brief Errors on pages answered as pages: the API's problem details turned into the error page
/// of the same design, with the same status and headers (Retry-After, Allow).
#pragma once

#include "message.hpp"
#include "web_context.hpp"

namespace kb::web {

/// True for the paths people open in a browser; the API (/api/), static files, embeds, feeds,
/// probes and metrics keep their own formats.
bool is_page_path(const std::string& path);

/// When response is a problem+json answer to a page path, replaces its body by the error page.
void present_error_page(WebContext& web, const http::Request& request, http::Response& response);

}  // namespace kb::web
