/// @brief Ids and URLs of what the API serves, each made by one function: search entry ids
/// ("article:<slug>", "thread:<id>", "resource:<id>") and resource paths.
#pragma once

#include <string>

namespace kb {

/// The id of an article in search results and article answers: "article:<slug>".
std::string article_entry_id(const std::string& slug);
/// The id of a Q&A thread in search results: "thread:<id>".
std::string thread_entry_id(long long id);
/// The id of a library resource in search results: "resource:<id>".
std::string resource_entry_id(long long id);

/// Path under which the service serves an article (the slug percent-encoded).
std::string article_url(const std::string& slug);
/// Path under which the service serves a thread: /api/v1/threads/<id>.
std::string thread_url(long long id);
/// Path under which the service serves a resource: /api/v1/resources/<id>.
std::string resource_url(long long id);

/// The pages people read them on: /articles/<slug>, /questions/<id>, /ressources/<id>.
std::string article_page(const std::string& slug);
std::string thread_page(long long id);
std::string resource_page(long long id);
/// The page of a search entry id ("thread:12" gives /questions/12); "/" for an unknown kind.
std::string page_of_entry(const std::string& entry_id);

}  // namespace kb
