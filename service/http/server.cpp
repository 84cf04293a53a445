/// @brief Pistache glue: request conversion, size/UTF-8 checks, guarded dispatch, CORS, our own
/// response framing (keep-alive, HEAD), access log, drain.
#include "server.hpp"

#include "api_error.hpp"
#include "cors.hpp"
#include "input_limits.hpp"
#include "problem.hpp"
#include "utf8.hpp"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/peer.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <thread>

namespace kb::http {

namespace {

using namespace Pistache;

struct Shared {
    const Router* router = nullptr;
    ServerSettings settings;
    CorsPolicy cors;
    std::atomic<int> in_flight{0};
    std::atomic<bool> draining{false};
    std::mutex sending;   ///< a held response's send against the endpoint's teardown
    bool closed = false;  ///< the endpoint is gone: held responses are dropped, guarded by sending
};

/// One connection's state beside Pistache's: whether a held response has yet to leave (a
/// pipelined request's answer waits for it, so answers leave in request order), and whether
/// the client left (a late release then sends nothing: its descriptor may serve another client).
struct Connection {
    std::mutex mutex;
    std::condition_variable released;
    std::atomic<bool> holding{false};  // written under mutex; read first without it
    bool gone = false;
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

Request convert(const Http::Request& in, const Router& router, std::size_t default_max_body) {
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
    // A route may take larger bodies than the default (file uploads).
    const std::size_t max_body = router.body_limit(out.method, out.segments, default_max_body);
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
    for (const auto& [name, raw] : in.headers().rawList()) {
        std::string lower = name;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out.headers.emplace_back(std::move(lower), raw.value());
    }
    if (auto etag = in.headers().tryGetRaw("If-None-Match")) out.if_none_match = etag->value();
    if (auto cache = in.headers().tryGet<Http::Header::CacheControl>()) {
        for (const auto& directive : cache->directives()) {
            if (directive.directive() == Http::CacheDirective::NoCache) out.no_cache = true;
        }
    } else if (auto raw_cache = in.headers().tryGetRaw("Cache-Control")) {
        out.no_cache = raw_cache->value().find("no-cache") != std::string::npos;
    }
    if (auto preflight = in.headers().tryGetRaw("Access-Control-Request-Method"))
        out.preflight_method = preflight->value();
    return out;
}

std::string raw_header(const Http::Request& in, const std::string& name) {
    auto raw = in.headers().tryGetRaw(name);
    return raw ? raw->value() : std::string();
}

// HTTP/1.1 keeps the connection unless the client says close; HTTP/1.0 closes unless the client
// asks for keep-alive (RFC 9112 §9.3). Pistache 0.0.5 would answer "Connection: Close" to
// anything without "Connection: keep-alive", though it kept the socket open.
bool wants_keep_alive(const Http::Request& in) {
    auto connection = in.headers().tryGet<Http::Header::Connection>();
    if (connection && connection->control() == Http::ConnectionControl::Close) return false;
    if (in.version() == Http::Version::Http10)
        return connection && connection->control() == Http::ConnectionControl::KeepAlive;
    return true;
}

// The bytes of a response. We frame responses ourselves because Pistache's writer always sends
// Content-Length equal to the body it is given, so a HEAD answer said 0 instead of the GET's
// length, and it can only send headers it knows the type of.
std::string frame(const Response& response, bool head, bool keep_alive) {
    const auto code = static_cast<Http::Code>(response.status);
    std::string out =
        "HTTP/1.1 " + std::to_string(response.status) + " " + Http::codeString(code) + "\r\n";
    for (const auto& [name, value] : response.headers) {
        if (name == "Connection") continue;  // decided below, once
        out += name + ": " + value + "\r\n";
    }
    if (!response.content_type.empty()) out += "Content-Type: " + response.content_type + "\r\n";
    out += keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    // RFC 9110 §8.6: no Content-Length on a 204; a HEAD answer gives the GET's length.
    if (response.status != 204 && response.status != 304)
        out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
    out += "\r\n";
    if (!head) out += response.body;
    return out;
}

// The methods Pistache's request-line parser knows; anything else it refuses with a plain-text
// 400 before our handler runs.
bool pistache_knows(const std::string& method) {
    static const char* const known[] = {"OPTIONS", "GET",    "POST",  "HEAD",   "PUT",
                                        "PATCH",   "DELETE", "TRACE", "CONNECT"};
    return std::any_of(std::begin(known), std::end(known),
                       [&](const char* m) { return method == m; });
}

bool is_token(const std::string& text) {
    static const std::string extra = "!#$%&'*+-.^_`|~";
    return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) {
        return std::isalnum(c) || extra.find(static_cast<char>(c)) != std::string::npos;
    });
}

// A request parser whose first step notices a well-formed but unknown method (FOO) and ends the
// request there, so that our handler answers it with problem+json instead of Pistache's text.
// There is one per connection, so it also carries the connection's state.
class KbParser : public Http::RequestParser {
  public:
    explicit KbParser(std::size_t max_size) : Http::RequestParser(max_size) {
        allSteps[0] = std::make_unique<MethodGuardStep>(this);
    }
    void reset() override {
        Http::RequestParser::reset();
        unknown_method.clear();
    }
    std::string unknown_method;  ///< set when the request line named a method nobody knows
    const std::shared_ptr<Connection> connection = std::make_shared<Connection>();

  private:
    class MethodGuardStep : public Http::Private::RequestLineStep {
      public:
        explicit MethodGuardStep(KbParser* parser)
            : RequestLineStep(&parser->request), parser_(parser) {}
        Http::Private::State apply(StreamCursor& cursor) override {
            {
                StreamCursor::Revert peek(cursor);  // rewinds when this scope ends
                StreamCursor::Token token(cursor);
                if (!match_until(' ', cursor)) return Http::Private::State::Again;
                const std::string method = token.text();
                if (is_token(method) && !pistache_knows(method)) {
                    parser_->unknown_method = method;
                    return Http::Private::State::Done;
                }
            }
            return RequestLineStep::apply(cursor);
        }

      private:
        KbParser* parser_;
    };
};

void log_access(const std::string& method, const std::string& path, int status, double ms) {
    nlohmann::json line = {{"level", "info"},
                           {"method", method},
                           {"path", path.substr(0, 300)},
                           {"status", status},
                           {"duration_ms", std::round(ms * 1000.0) / 1000.0}};
    std::cerr << dump_json(line) + "\n";
}

class KbHandler : public Http::Handler {
  public:
    HTTP_PROTOTYPE(KbHandler)

    explicit KbHandler(std::shared_ptr<Shared> shared) : shared_(std::move(shared)) {}

    // Replaces Http::Handler's parser by ours (the base stores its own under the same key).
    void onConnection(const std::shared_ptr<Tcp::Peer>& peer) override {
        std::shared_ptr<Http::RequestParser> parser =
            std::make_shared<KbParser>(getMaxRequestSize());
        peer->putData(ParserData, parser);
    }

    void onDisconnection(const std::shared_ptr<Tcp::Peer>& peer) override {
        auto parser = std::static_pointer_cast<KbParser>(peer->tryGetData(ParserData));
        if (!parser) return;
        std::lock_guard lock(parser->connection->mutex);
        parser->connection->gone = true;
    }

    void onRequest(const Http::Request& request, Http::ResponseWriter writer) override {
        const auto started = std::chrono::steady_clock::now();
        shared_->in_flight.fetch_add(1);
        Exchange exchange{started, "?", "unmatched", {}};
        Response response;
        try {
            auto peer = writer.peer();
            auto parser = std::static_pointer_cast<KbParser>(getParser(peer));
            const auto& connection = parser->connection;
            if (connection->holding.load()) {
                // Only a client that pipelines waits here, behind its own held answer.
                std::unique_lock lock(connection->mutex);
                connection->released.wait(lock, [&] { return !connection->holding.load(); });
            }
            const bool draining = shared_->draining.load();
            bool keep_alive = wants_keep_alive(request) && !draining;
            if (!parser->unknown_method.empty()) {
                exchange.method = parser->unknown_method.substr(0, 20);
                // The rest of that request was not parsed: the connection cannot be reused.
                keep_alive = false;
                response = problem(501, "method_not_implemented", "Méthode non prise en charge",
                                   "La méthode « " + exchange.method +
                                       " » n'est pas prise en charge par ce service.");
            } else {
                exchange.method = Http::methodString(request.method());
                response = answer(request, draining, exchange.route);
            }
            const bool head = exchange.method == "HEAD";
            if (response.hold) {
                exchange.path = request.resource();
                hold(std::move(response), peer, connection, head, keep_alive, std::move(exchange));
                return;  // still in flight until released
            }
            send(peer, response, head, keep_alive);
        } catch (...) {
            // Last resort: sending itself failed (peer gone); nothing else can be done.
            response.status = 500;
        }
        finish(*shared_, exchange, request.resource(), response.status);
    }

  private:
    /// What the access log and the metrics say of a request, once its answer has left.
    struct Exchange {
        std::chrono::steady_clock::time_point started;
        std::string method;
        std::string route;  // "unmatched" until the router recognises the path
        std::string path;   // kept only for a held answer (the request is gone by then)
    };

    static void finish(Shared& shared, const Exchange& exchange, const std::string& path,
                       int status) {
        const double ms = std::chrono::duration<double, std::milli>(
                              std::chrono::steady_clock::now() - exchange.started)
                              .count();
        if (shared.settings.access_log) log_access(exchange.method, path, status, ms);
        if (shared.settings.metrics != nullptr)
            shared.settings.metrics->record(exchange.route, exchange.method, status, ms / 1000.0);
        shared.in_flight.fetch_sub(1);
    }

    /// Hands the response's Release to its hold; the first call sends it (unless the client or
    /// the endpoint is gone), lets the connection's next answer go, and ends the exchange.
    void hold(Response response, const std::shared_ptr<Tcp::Peer>& peer,
              const std::shared_ptr<Connection>& connection, bool head, bool keep_alive,
              Exchange exchange) {
        struct Held {
            Response response;
            Exchange exchange;
            std::atomic<bool> released{false};
        };
        auto held = std::make_shared<Held>();
        auto holder = std::move(response.hold);
        held->response = std::move(response);
        held->exchange = std::move(exchange);
        {
            std::lock_guard lock(connection->mutex);
            connection->holding = true;
        }
        Release release = [shared = shared_, held, peer, connection, head,
                           keep_alive](const std::function<void(Response&)>& amend) {
            if (held->released.exchange(true)) return;
            try {
                if (amend) amend(held->response);
                std::lock_guard sending(shared->sending);
                std::lock_guard lock(connection->mutex);
                if (!shared->closed && !connection->gone)
                    send(peer, held->response, head, keep_alive);
            } catch (...) {
                held->response.status = 500;  // as above: the peer went away while sending
            }
            {
                std::lock_guard lock(connection->mutex);
                connection->holding = false;
            }
            connection->released.notify_all();
            finish(*shared, held->exchange, held->exchange.path, held->response.status);
        };
        try {
            holder(release);
        } catch (...) {
            release({});  // a hold that could not be set up lets the answer go at once
        }
    }

    Response answer(const Http::Request& request, bool draining, std::string& route) const {
        Request req;
        req.method = Http::methodString(request.method());
        req.origin = raw_header(request, "Origin");
        req.raw_path = request.resource();  // known even when the request is refused below
        Response response;
        if (draining) {
            response = problem(503, "shutting_down", "Service en cours d'arrêt",
                               "Le service s'arrête ; réessayez dans un instant.");
        } else {
            response = run_guarded([&] {
                req = convert(request, *shared_->router, shared_->settings.max_body_bytes);
                req.origin = raw_header(request, "Origin");
                return shared_->router->dispatch(req);
            });
        }
        if (!req.route.empty()) route = req.route;
        if (shared_->settings.present_error && response.content_type == "application/problem+json")
            shared_->settings.present_error(req, response);
        // Errors too: a page must be able to read why its call failed.
        apply_cors(shared_->cors, req, response);
        return response;
    }

    static void send(const std::shared_ptr<Tcp::Peer>& peer, const Response& response, bool head,
                     bool keep_alive) {
        std::string bytes = frame(response, head, keep_alive);
        const std::size_t size = bytes.size();
        peer->setIdle(true);  // as Pistache's writer does: the peer may now time out as idle
        auto sent = peer->send(RawBuffer(std::move(bytes), size));
        if (keep_alive) return;
        // Pistache never closes a connection itself; end ours once the answer is written.
        std::weak_ptr<Tcp::Peer> weak = peer;
        sent.then(
            [weak](ssize_t) {
                if (auto p = weak.lock()) ::shutdown(p->fd(), SHUT_WR);
            },
            Async::IgnoreException);
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
    state_->shared->cors.origins = settings.cors_origins;
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
    const std::size_t transport_limit =
        std::max(s.max_body_bytes * 4,
                 state_->shared->router->largest_body_limit(s.max_body_bytes) * 2) +
        64 * 1024;
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
    {
        std::lock_guard sending(state_->shared->sending);
        state_->shared->closed = true;
    }
    state_->endpoint->shutdown();
    state_->endpoint.reset();
}

}  // namespace kb::http
