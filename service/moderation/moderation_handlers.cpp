/// @brief Moderation handlers: authenticate, validate, call the store.
#include "moderation_handlers.hpp"

#include "api_error.hpp"
#include "auth.hpp"
#include "input_checks.hpp"
#include "json_body.hpp"
#include "moderation_json.hpp"
#include "request_params.hpp"

namespace kb {

namespace {

const std::vector<std::string> kItemKinds = {"thread", "answer", "resource"};
const std::vector<std::string> kReasons = {"spam",    "obsolete",    "errone",
                                           "doublon", "inapproprie", "autre"};

User moderator(ModerationContext& app, const http::Request& request) {
    User user = require_user(app.db, request);
    require_moderator(user);
    return user;
}

}  // namespace

http::Response post_flag(ModerationContext& app, const http::Request& request) {
    User user = require_user(app.db, request);
    nlohmann::json body = http::parse_json_object(request);
    FlagInput flag;
    flag.item_kind = http::require_string(body, "item_kind");
    check_allowed("item_kind", {flag.item_kind}, kItemKinds);
    flag.item_id = http::require_integer(body, "item_id");
    if (flag.item_id <= 0)
        throw http::ApiError::bad_request("invalid_id", "« item_id » est un entier positif.");
    flag.reason = http::require_string(body, "reason");
    check_allowed("reason", {flag.reason}, kReasons);
    flag.comment = http::optional_string(body, "comment").value_or("");
    if (utf8_length(flag.comment) > 1000)
        throw http::ApiError::bad_request("comment_too_long",
                                          "Le commentaire dépasse 1 000 caractères.");
    if (flag.reason == "autre" && flag.comment.find_first_not_of(" \t\r\n") == std::string::npos) {
        throw http::ApiError::bad_request("missing_field",
                                          "Le motif « autre » demande un commentaire.");
    }
    return http::Response::json(201, flag_json(app.moderation.create_flag(user, flag)));
}

http::Response dismiss_flag(ModerationContext& app, const http::Request& request) {
    User user = moderator(app, request);
    const long long id = parse_id(request.path_param("id"));
    return http::Response::json(200, flag_json(app.moderation.dismiss_flag(user, id)));
}

http::Response get_moderation_queue(ModerationContext& app, const http::Request& request) {
    moderator(app, request);
    return http::Response::json(200, queue_json(app.moderation.queue()));
}

http::Response get_moderation_log(ModerationContext& app, const http::Request& request) {
    moderator(app, request);
    LogQuery q;
    auto kinds =
        enum_params(request, "item_kind", {"resource", "thread", "answer", "tag", "flag", "user"});
    if (kinds.size() > 1)
        throw http::ApiError::bad_request("invalid_parameter", "Un seul « item_kind » à la fois.");
    if (!kinds.empty()) q.item_kind = kinds.front();
    q.item_id = request.param("item_id");
    if (q.item_id && (q.item_id->empty() || q.item_id->size() > 64)) {
        throw http::ApiError::bad_request("invalid_parameter",
                                          "« item_id » compte de 1 à 64 caractères.");
    }
    q.page = int_param(request, "page", 1, 1, 100000);
    q.per_page = per_page_param(request);
    return http::Response::json(200, log_json(app.moderation.log(q)));
}

}  // namespace kb
