/// @brief Helpers of the forum tests: signed webhook deliveries, the service's forum options,
/// search hits by URL, Discourse's JSON.
#pragma once

#include "http_client.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace kb::test {

/// "sha256=" + hex HMAC-SHA256 of body under secret, computed here with libcrypto.
std::string discourse_signature(const std::string& secret, const std::string& body);

/// POSTs a delivery to /api/v1/forum/webhooks signed with secret (headers as Discourse sends
/// them; event_id empty: no X-Discourse-Event-Id header).
HttpResponse post_delivery(int port, const std::string& secret, const std::string& event,
                           const std::string& event_id, const std::string& body,
                           const std::map<std::string, std::string>& extra = {});

/// The service options that link it to a forum at url (short timeouts and retries for tests).
std::vector<std::string> forum_options(const std::string& url, const std::string& secret);

/// The hit of a search whose url is url, or null.
nlohmann::json hit_with_url(const nlohmann::json& answer, const std::string& url);

}  // namespace kb::test

namespace kb::test {

/// A post as /t/{id}.json or a webhook carries it (cooked, version, dates). Without a name, the
/// first post is Claire's (the topic's author) and replies are Marc's.
nlohmann::json discourse_post(long long id, long long topic_id, int post_number,
                              const std::string& cooked, int version = 1,
                              const std::string& updated_at = "2024-03-01T10:00:00.000Z",
                              const std::string& name = "");
/// A /t/{id}.json response with these posts (their ids make the stream).
nlohmann::json discourse_topic(long long id, const std::string& title, const std::string& slug,
                               const std::vector<nlohmann::json>& posts,
                               const nlohmann::json& tags = nlohmann::json::array());

}  // namespace kb::test
