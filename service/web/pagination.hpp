/// @brief The pagination block of listing pages (DSFR fr-pagination): page links around the
/// current one, previous and next.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <functional>
#include <string>

namespace kb::web {

/// {links: [{number, url, current}], previous?, next?} for page of ceil(total / per_page) pages
/// (at most max_pages); an empty object when everything fits on one page.
nlohmann::json pagination_json(int page, int per_page, std::size_t total,
                               const std::function<std::string(int)>& url_of_page,
                               int max_pages = 100);

}  // namespace kb::web
