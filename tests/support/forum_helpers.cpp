/// @brief Forum test helpers.
#include "forum_helpers.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace kb::test {

std::string discourse_signature(const std::string& secret, const std::string& body) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char*>(body.data()), body.size(), digest, &length);
    std::string out = "sha256=";
    char hex[3];
    for (unsigned int i = 0; i < length; ++i) {
        std::snprintf(hex, sizeof hex, "%02x", digest[i]);
        out += hex;
    }
    return out;
}

HttpResponse post_delivery(int port, const std::string& secret, const std::string& event,
                           const std::string& event_id, const std::string& body,
                           const std::map<std::string, std::string>& extra) {
    std::map<std::string, std::string> headers = {
        {"Content-Type", "application/json"},
        {"X-Discourse-Event", event},
        {"X-Discourse-Event-Type", event.substr(0, event.find('_'))},
        {"X-Discourse-Event-Signature", discourse_signature(secret, body)}};
    if (!event_id.empty()) headers["X-Discourse-Event-Id"] = event_id;
    for (const auto& [name, value] : extra) headers[name] = value;
    return http_request(port, "POST", "/api/v1/forum/webhooks", body, headers);
}

std::vector<std::string> forum_options(const std::string& url, const std::string& secret) {
    return {"--forum-url",
            url,
            "--forum-webhook-secret",
            secret,
            "--forum-api-key",
            "test-api-key",
            "--forum-api-username",
            "system",
            "--forum-timeout-ms",
            "700",
            "--forum-retry-ms",
            "200"};
}

nlohmann::json hit_with_url(const nlohmann::json& answer, const std::string& url) {
    if (!answer.is_object() || !answer.contains("results")) return nullptr;
    for (const auto& hit : answer["results"]) {
        if (hit.value("url", "") == url) return hit;
    }
    return nullptr;
}

}  // namespace kb::test

namespace kb::test {

nlohmann::json discourse_post(long long id, long long topic_id, int post_number,
                              const std::string& cooked, int version, const std::string& updated_at,
                              const std::string& name) {
    return {{"id", id},
            {"topic_id", topic_id},
            {"post_number", post_number},
            {"name", !name.empty()      ? name
                     : post_number == 1 ? "Claire Dubois"
                                        : "Marc Lefèvre"},
            {"username", post_number == 1 ? "claire" : "marc"},
            {"cooked", cooked},
            {"created_at", "2024-03-01T09:00:00.000Z"},
            {"updated_at", updated_at},
            {"version", version},
            {"deleted_at", nullptr},
            {"hidden", false}};
}

nlohmann::json discourse_topic(long long id, const std::string& title, const std::string& slug,
                               const std::vector<nlohmann::json>& posts,
                               const nlohmann::json& tags) {
    nlohmann::json stream = nlohmann::json::array();
    for (const auto& p : posts) stream.push_back(p["id"]);
    return {{"id", id},
            {"title", title},
            {"fancy_title", title},
            {"slug", slug},
            {"tags", tags},
            {"category_id", 4},
            {"created_at", "2024-03-01T09:00:00.000Z"},
            {"deleted_at", nullptr},
            {"details",
             {{"created_by", {{"id", 7}, {"username", "claire"}, {"name", "Claire Dubois"}}}}},
            {"post_stream", {{"posts", posts}, {"stream", stream}}}};
}

}  // namespace kb::test
