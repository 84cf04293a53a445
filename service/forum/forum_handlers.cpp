/// @brief The webhook route (signature first, then the inbox) and the read-only guard.
#include "forum_handlers.hpp"

#include "api_error.hpp"
#include "forum_inbox.hpp"
#include "forum_processor.hpp"
#include "utf8.hpp"
#include "webhook_signature.hpp"

#include <iostream>

namespace kb {

namespace {

using http::ApiError;

constexpr std::size_t kMaxEventIdBytes = 100;

void log_rejected(const http::Request& request, const std::string& reason) {
    // Never the body: it is unauthenticated input.
    nlohmann::json line = {{"level", "warn"},
                           {"event", "forum_webhook_rejected"},
                           {"reason", reason},
                           {"event_id", request.header("x-discourse-event-id").value_or("")},
                           {"body_bytes", request.body.size()}};
    std::cerr << http::dump_json(line) + "\n" << std::flush;
}

ApiError not_configured() {
    return {503, "forum_not_configured", "Forum non configuré",
            "Le lien avec le forum n'est pas configuré sur ce service (KB_FORUM_URL, "
            "KB_FORUM_WEBHOOK_SECRET)."};
}

}  // namespace

http::Response post_forum_webhook(ForumContext& app, const http::Request& request) {
    if (!app.settings.webhooks_configured()) throw not_configured();
    const auto signature = request.header("x-discourse-event-signature");
    if (!signature) {
        log_rejected(request, "missing_signature");
        throw ApiError(401, "invalid_signature", "Signature invalide",
                       "L'en-tête X-Discourse-Event-Signature est absent.");
    }
    if (!signature_matches(app.settings.webhook_secret, request.body, *signature)) {
        log_rejected(request, "wrong_signature");
        throw ApiError(401, "invalid_signature", "Signature invalide",
                       "La signature X-Discourse-Event-Signature ne correspond pas au corps reçu.");
    }
    // Authenticated from here on.
    const std::string event = request.header("x-discourse-event").value_or("");
    if (event.empty() || event.size() > 100) {
        throw ApiError::bad_request("missing_event_header",
                                    "L'en-tête X-Discourse-Event est absent ou trop long.");
    }
    if (!is_valid_utf8(request.body)) {
        throw ApiError::bad_request("invalid_utf8", "Le corps contient de l'UTF-8 invalide.");
    }
    const nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
        throw ApiError::bad_request("malformed_json", "Le corps n'est pas un objet JSON valide.");
    }
    InboxDelivery delivery;
    // Without an event id, the same signed body is the same delivery.
    delivery.event_id = request.header("x-discourse-event-id")
                            .value_or("body:" + hmac_sha256_hex("", request.body));
    if (delivery.event_id.empty() || delivery.event_id.size() > kMaxEventIdBytes ||
        !is_valid_utf8(delivery.event_id)) {
        throw ApiError::bad_request("invalid_event_id",
                                    "L'en-tête X-Discourse-Event-Id est invalide.");
    }
    delivery.event = event;
    delivery.instance = request.header("x-discourse-instance").value_or("");
    delivery.headers = nlohmann::json::object();
    for (const auto& [name, value] : request.headers) {
        if (name.rfind("x-discourse-", 0) == 0 && is_valid_utf8(value))
            delivery.headers[name] = value;
    }
    delivery.body = request.body;
    delivery.known_event = is_known_forum_event(event);
    if (!store_delivery(app.db, delivery)) {
        return http::Response::json(200,
                                    {{"status", "duplicate"}, {"event_id", delivery.event_id}});
    }
    if (!delivery.known_event) {
        return http::Response::json(202, {{"status", "ignored"}, {"event_id", delivery.event_id}});
    }
    app.worker.notify();
    return http::Response::json(202, {{"status", "queued"}, {"event_id", delivery.event_id}});
}

http::Handler refuse_forum_threads(ForumContext& app, PostKind kind, http::Handler next) {
    return [&app, kind, next = std::move(next)](const http::Request& request) {
        const std::string& raw = request.path_param("id");
        long long id = 0;
        try {
            std::size_t used = 0;
            id = std::stoll(raw, &used);
            if (used != raw.size()) id = 0;
        } catch (const std::exception&) {
            id = 0;
        }
        if (id > 0) {
            auto url = kind == PostKind::thread ? app.store.forum_url_of_thread(id)
                                                : app.store.forum_url_of_answer(id);
            if (url) {
                throw ApiError::conflict(
                    "forum_thread_read_only",
                    "Ce sujet vient du forum : il se lit ici mais s'écrit sur le forum (" + *url +
                        ").");
            }
        }
        return next(request);  // invalid ids get the route's own 400
    };
}

}  // namespace kb
