/// @brief libcurl GET with a bounded body, error classification and in-call retries.
#include "forum_client.hpp"

#include <curl/curl.h>

#include <memory>
#include <thread>

namespace kb {

namespace {

constexpr std::size_t kMaxBodyBytes = 16 * 1024 * 1024;
// A Retry-After up to this long is waited in the call; a longer one goes back to the inbox.
constexpr std::chrono::seconds kMaxInlineWait{5};

struct Received {
    std::string body;
    std::chrono::seconds retry_after{0};
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* received = static_cast<Received*>(user);
    if (received->body.size() + size * count > kMaxBodyBytes) return 0;  // aborts the transfer
    received->body.append(data, size * count);
    return size * count;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* received = static_cast<Received*>(user);
    std::string line(data, size * count);
    constexpr std::string_view kName = "retry-after:";
    if (line.size() > kName.size()) {
        std::string head = line.substr(0, kName.size());
        for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (head == kName) {
            try {
                received->retry_after = std::chrono::seconds(std::stol(line.substr(kName.size())));
            } catch (const std::exception&) {
                // An HTTP date instead of seconds: keep the default backoff.
            }
        }
    }
    return size * count;
}

}  // namespace

ForumClient::ForumClient(const ForumSettings& settings, int attempts)
    : settings_(settings), attempts_(attempts) {}

nlohmann::json ForumClient::get_once(const std::string& url) {
    std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) throw ForumError("curl_easy_init failed", 0, true);
    Received received;
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, "Accept: application/json");
    if (!settings_.api_key.empty()) {
        headers = curl_slist_append(headers, ("Api-Key: " + settings_.api_key).c_str());
        headers = curl_slist_append(headers, ("Api-Username: " + settings_.api_username).c_str());
    }
    std::unique_ptr<curl_slist, void (*)(curl_slist*)> header_list(headers, curl_slist_free_all);
    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "passerelle-iae-forum/1");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM (threads)
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(std::min<long long>(3000, settings_.http_timeout.count())));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.http_timeout.count()));
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &received);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &received);
    const CURLcode code = curl_easy_perform(h);
    if (code != CURLE_OK) {
        throw ForumError(std::string("forum unreachable: ") + curl_easy_strerror(code), 0, true);
    }
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if (status == 429) {
        throw ForumError("forum rate limit (429)", status, true,
                         std::max(received.retry_after, std::chrono::seconds(1)));
    }
    if (status >= 500) {
        throw ForumError("forum answered " + std::to_string(status), status, true);
    }
    if (status != 200) {
        throw ForumError("forum answered " + std::to_string(status), status, false);
    }
    nlohmann::json body = nlohmann::json::parse(received.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
        throw ForumError("forum answered 200 without a JSON object", status, false);
    }
    return body;
}

nlohmann::json ForumClient::get_json(const std::string& path) {
    // Only paths on the configured forum: a listing's links never send us elsewhere.
    if (path.empty() || path[0] != '/' || path.rfind("//", 0) == 0) {
        throw ForumError("not a path on the forum: " + path.substr(0, 200), 0, false);
    }
    const std::string url = settings_.url + path;
    std::chrono::milliseconds delay(250);
    for (int attempt = 1;; ++attempt) {
        try {
            return get_once(url);
        } catch (const ForumError& e) {
            if (!e.transient() || attempt >= attempts_) throw;
            if (e.retry_after() > kMaxInlineWait) throw;
            std::this_thread::sleep_for(
                std::max<std::chrono::milliseconds>(delay, e.retry_after()));
            delay *= 4;
        }
    }
}

}  // namespace kb
