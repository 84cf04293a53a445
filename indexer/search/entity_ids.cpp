/// @brief Entry ids and resource paths.
#include "entity_ids.hpp"

#include "utf8.hpp"
#include "vocabulary.hpp"

namespace kb {

std::string article_entry_id(const std::string& slug) {
    return std::string("article:") + slug;
}

std::string thread_entry_id(long long id) {
    return std::string(kKindThread) + ":" + std::to_string(id);
}

std::string resource_entry_id(long long id) {
    return std::string(kKindResource) + ":" + std::to_string(id);
}

std::string article_url(const std::string& slug) {
    return "/api/v1/articles/" + percent_encode(slug);
}

std::string thread_url(long long id) {
    return "/api/v1/threads/" + std::to_string(id);
}

std::string resource_url(long long id) {
    return "/api/v1/resources/" + std::to_string(id);
}

}  // namespace kb
