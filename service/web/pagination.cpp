/// @brief pagination_json: three page links either side of the current one.
#include "pagination.hpp"

#include <algorithm>

namespace kb::web {

nlohmann::json pagination_json(int page, int per_page, std::size_t total,
                               const std::function<std::string(int)>& url_of_page, int max_pages) {
    const int pages = static_cast<int>(std::min<std::size_t>(
        (total + static_cast<std::size_t>(per_page) - 1) / per_page, max_pages));
    nlohmann::json out = nlohmann::json::object();
    if (pages <= 1) return out;
    nlohmann::json links = nlohmann::json::array();
    for (int p = std::max(1, page - 3); p <= std::min(pages, page + 3); ++p) {
        links.push_back({{"number", p}, {"url", url_of_page(p)}, {"current", p == page}});
    }
    out["links"] = links;
    if (page > 1) out["previous"] = url_of_page(page - 1);
    if (page < pages) out["next"] = url_of_page(page + 1);
    return out;
}

}  // namespace kb::web
