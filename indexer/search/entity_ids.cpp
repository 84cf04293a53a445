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

std::string article_page(const std::string& slug) {
    return "/articles/" + percent_encode(slug);
}

std::string thread_page(long long id) {
    return "/questions/" + std::to_string(id);
}

std::string resource_page(long long id) {
    return "/ressources/" + std::to_string(id);
}

std::string page_of_entry(const std::string& entry_id) {
    const auto colon = entry_id.find(':');
    if (colon == std::string::npos) return "/";
    const std::string kind = entry_id.substr(0, colon);
    const std::string key = entry_id.substr(colon + 1);
    if (kind == "article") return article_page(key);
    if (kind == "thread") return "/questions/" + percent_encode(key);
    if (kind == "resource") return "/ressources/" + percent_encode(key);
    return "/";
}

}  // namespace kb
