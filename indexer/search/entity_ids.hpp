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

}  // namespace kb
