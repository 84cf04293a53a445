/// @brief Pistache glue: request conversion, size/UTF-8 checks, guarded dispatch, access log,
/// drain.
#include "server.hpp"

#include "api_error.hpp"
#include "input_limits.hpp"
#include "problem.hpp"
#include "utf8.hpp"

#include <pistache/endpoint.h>
#include <pistache/http.h>

#include <atomic>
#include <iostream>
#include <thread>

namespace kb::http {

namespace {

using namespace Pistache;

struct Shared {
    const Router* router = nullptr;
    ServerSettings settings;
    std::atomic<int> in_flight{0};
    std::atomic<bool> draining{false};
};

std::string decode_component(const std::string& raw, bool plus_as_space) {
    auto decoded = percent_decode(raw, plus_as_space);
    if (!decoded) {
        throw ApiError::bad_request("invalid_percent_encoding",
                                    "L'adresse contient un encodage %XX invalide.");
    }
    if (!is_valid_utf8(*decoded)) {
        throw ApiError::bad_request("invalid_utf8", "L'adresse contient de l'UTF-8 invalide.");
    }
    check_text(*decoded, "L'adresse");
    return *decoded;
}

Request convert(const Http::Request& in, std::size_t max_body) {
    Request out;
    out.method = Http::methodString(in.method());
    out.raw_path = in.resource();
    out.client_address = in.address().host();
    for (const auto& part : split_path(out.raw_path)) {
        out.segments.push_back(decode_component(part, false));
    }
    for (auto it = in.query().parameters_begin(); it != in.query().parameters_end(); ++it) {
        out.query.emplace_back(decode_component(it->first, true),
                               decode_component(it->second, true));
    }
    if (in.body().size() > max_body) {
        throw ApiError(413, "payload_too_large", "Corps de requête trop volumineux",
                       "Le corps dépasse la limite de " + std::to_string(max_body) + " octets.");
    }
    out.body = in.body();
    // Pistache parses well-known headers into typed ones; unknown ones stay raw.
    if (auto ct = in.headers().tryGet<Http::Header::ContentType>()) {
        out.content_type = ct->mime().toString();
    } else if (auto raw_ct = in.headers().tryGetRaw("Content-Type")) {
        out.content_type = raw_ct->value();
    }
    if (auto auth = in.headers().tryGet<Http::Header::Authorization>()) {
        out.authorization = auth->value();
    } else if (auto raw_auth = in.headers().tryGetRaw("Authorization")) {
        out.authorization = raw_auth->value();
    }
    if (auto cache = in.headers().tryGet<Http::Header::CacheControl>()) {
        for (const auto& directive : cache->directives()) {
            if (directive.directive() == Http::CacheDirective::NoCache) out.no_cache = true;
        }
    } else if (auto raw_cache = in.headers().tryGetRaw("Cache-Control")) {
        out.no_cache = raw_cache->value().find("no-cache") != std::string::npos;
    }
    return out;
}

void log_access(const std::string& method, const std::string& path, int status, double ms) {
    nlohmann::json line = {{"level", "info"},
                           {"method", method},
                           {"path", path.substr(0, 300)},
                           {"status", status},
                           {"duration_ms", std::round(ms * 1000.0) / 1000.0}};
    std::cerr << dump_json(line) + "\n";
}

// Pistache only serialises typed headers; raw ones added to a response are silently dropped.
class NamedHeader : public Http::Header::Header {
  public:
    NamedHeader(std::string name, std::string value)
        : name_(std::move(name)), value_(std::move(value)) {}
    const char* name() const override { return name_.c_str(); }
    void parseRaw(const char* str, size_t len) override { value_.assign(str, len); }
    void write(std::ostream& os) const override { os << value_; }
#ifdef SAFE_HEADER_CAST
    uint64_t hash() const override {
        return std::hash<std::string>{}(name_);
    }
#endif

  private:
    std::string name_;
    std::string value_;
};

class KbHandler : public Http::Handler {
  public:
    HTTP_PROTOTYPE(KbHandler)

    explicit KbHandler(std::shared_ptr<Shared> shared) : shared_(std::move(shared)) {}

    void onRequest(const Http::Request& request, Http::ResponseWriter writer) override {
        const auto started = std::chrono::steady_clock::now();
        shared_->in_flight.fetch_add(1);
        std::string method = "?";
        Response response;
        try {
            method = Http::methodString(request.method());
            if (shared_->draining.load()) {
                response = problem(503, "shutting_down", "Service en cours d'arrêt",
                                   "Le service s'arrête ; réessayez dans un instant.");
                response.headers.emplace_back("Connection", "close");
            } else {
                response = run_guarded([&] {
                    Request req = convert(request, shared_->settings.max_body_bytes);
                    return shared_->router->dispatch(req);
                });
            }
            send(writer, response, method == "HEAD");
        } catch (...) {
            // Last resort: sending itself failed (peer gone); nothing else can be done.
            response.status = 500;
        }
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                .count();
        if (shared_->settings.access_log)
            log_access(method, request.resource(), response.status, ms);
        shared_->in_flight.fetch_sub(1);
    }

  private:
    static void send(Http::ResponseWriter& writer, const Response& response, bool head) {
        for (const auto& [name, value] : response.headers) {
            if (name == "Connection") {
                writer.headers().add<Http::Header::Connection>(Http::ConnectionControl::Close);
            } else {
                writer.headers().add(std::make_shared<NamedHeader>(name, value));
            }
        }
        const std::string body = head ? std::string() : response.body;
        if (response.content_type.empty()) {
            writer.send(static_cast<Http::Code>(response.status), body);
        } else {
            writer.send(static_cast<Http::Code>(response.status), body,
                        Http::Mime::MediaType::fromString(response.content_type));
        }
    }

    std::shared_ptr<Shared> shared_;
};

}  // namespace

struct Server::State {
    std::shared_ptr<Shared> shared = std::make_shared<Shared>();
    std::unique_ptr<Http::Endpoint> endpoint;
};

Server::Server(const Router& router, ServerSettings settings) : state_(std::make_unique<State>()) {
    state_->shared->router = &router;
    state_->shared->settings = std::move(settings);
}

Server::~Server() {
    if (state_->endpoint) shutdown();
}

void Server::start() {
    const ServerSettings& s = state_->shared->settings;
    Address address(s.address, Port(s.port));
    state_->endpoint = std::make_unique<Http::Endpoint>(address);
    // Pistache rejects larger requests itself with a plain-text 413; keep its limit well above
    // ours so that oversized bodies normally get our problem+json 413.
    const std::size_t transport_limit = s.max_body_bytes * 4 + 64 * 1024;
    auto options = Http::Endpoint::options()
                       .threads(s.threads)
                       .flags(Tcp::Options::ReuseAddr | Tcp::Options::NoDelay)
                       .maxRequestSize(transport_limit)
                       .maxResponseSize(64 * 1024 * 1024);
    state_->endpoint->init(options);
    state_->endpoint->setHandler(Http::make_handler<KbHandler>(state_->shared));
    state_->endpoint->serveThreaded();
}

std::uint16_t Server::port() const {
    return static_cast<std::uint16_t>(state_->endpoint->getPort());
}

void Server::begin_drain() {
    state_->shared->draining.store(true);
}

bool Server::wait_idle(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (state_->shared->in_flight.load() > 0) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

void Server::shutdown() {
    if (!state_->endpoint) return;
    state_->endpoint->shutdown();
    state_->endpoint.reset();
}

}  // namespace kb::http
