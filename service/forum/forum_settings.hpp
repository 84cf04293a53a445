/// @brief What the forum capability is told about the Discourse forum it is linked to.
#pragma once

#include <chrono>
#include <string>

namespace kb {

/// Parsed once with the service's configuration. The secrets are never logged or printed.
struct ForumSettings {
    std::string url;  ///< the forum's base URL, without a trailing slash
    std::string webhook_secret;
    std::string api_key;
    std::string api_username;
    std::chrono::milliseconds http_timeout{10000};  ///< one request to the forum's API
    std::chrono::milliseconds retry_base{30000};    ///< first delay before an inbox row is retried

    /// Webhooks need the URL (links, fetches) and the secret (signatures).
    [[nodiscard]] bool webhooks_configured() const {
        return !url.empty() && !webhook_secret.empty();
    }
    /// The embed routes need the forum's origin.
    [[nodiscard]] bool url_configured() const { return !url.empty(); }
    /// "https://forum.example.org" from the URL (scheme, host and port only).
    [[nodiscard]] std::string origin() const;
};

}  // namespace kb
