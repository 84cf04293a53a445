/// @brief The moderation queue and the audit log, read from the moderation store the API uses.
#include "moderation_pages.hpp"

#include "entity_ids.hpp"
#include "form_options.hpp"
#include "french_dates.hpp"
#include "input_checks.hpp"
#include "json_values.hpp"
#include "labels.hpp"
#include "page.hpp"
#include "page_access.hpp"
#include "request_params.hpp"
#include "web_urls.hpp"

#include <map>

namespace kb::web {

namespace {

constexpr int kLogPerPage = 30;

std::string label_in(const std::map<std::string, std::string>& table, const std::string& code) {
    auto it = table.find(code);
    return it == table.end() ? code : it->second;
}

const std::map<std::string, std::string> kFlagReasons = {
    {"spam", "Spam"},       {"obsolete", "Obsolète"},       {"errone", "Erroné"},
    {"doublon", "Doublon"}, {"inapproprie", "Inapproprié"}, {"autre", "Autre"}};

const std::map<std::string, std::string> kItemKinds = {
    {"resource", "Ressource"}, {"thread", "Question"},  {"answer", "Réponse"},
    {"tag", "Thème"},          {"flag", "Signalement"}, {"user", "Compte"}};

// The page of a flagged item: an answer's is its thread's, at the answer.
std::string item_page(const FlaggedItem& item) {
    if (!item.place) return "";
    if (item.place->kind == "resource") return resource_page(item.place->id);
    std::string page = thread_page(item.place->id);
    if (item.item_kind == "answer") page += "#reponse-" + std::to_string(item.item_id);
    return page;
}

nlohmann::json pending_json(const ModerationQueue& queue) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : queue.pending_resources) {
        out.push_back({{"id", r.id},
                       {"title", r.title},
                       {"url", resource_page(r.id)},
                       {"type_label", label_of("type", r.type)},
                       {"summary", text_or_null(r.summary)},
                       {"link", http::nullable(r.link)},
                       {"file_name", http::nullable(r.file_name)},
                       {"author", r.author.display_name},
                       {"date", french_date(r.created_at)}});
    }
    return out;
}

nlohmann::json flags_json(const ModerationQueue& queue) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : queue.flags) {
        nlohmann::json flags = nlohmann::json::array();
        for (const auto& f : item.flags) {
            flags.push_back({{"id", f.id},
                             {"reason", label_in(kFlagReasons, f.reason)},
                             {"comment", text_or_null(f.comment)},
                             {"date", french_date(f.created_at)}});
        }
        const std::string page = item_page(item);
        const bool resource = item.item_kind == "resource";
        out.push_back({{"kind_label", label_in(kItemKinds, item.item_kind)},
                       {"item_id", item.item_id},
                       {"title", item.place ? item.place->title : "(contenu déjà masqué)"},
                       {"url", page},
                       {"count", item.flags.size()},
                       {"flags", flags},
                       // Resources are hidden from here; threads and answers on their page.
                       {"hide_resource", resource && !page.empty()},
                       {"hide_on_page", !resource && !page.empty()}});
    }
    return out;
}

nlohmann::json misses_json(const ModerationQueue& queue) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& m : queue.zero_result_searches) {
        out.push_back({{"id", m.id},
                       {"query", m.query},
                       {"count", m.count},
                       {"url", with_query("/recherche", {{"q", m.query}})},
                       {"date", french_date(m.last_seen)}});
    }
    return out;
}

nlohmann::json failures_json(const ModerationQueue& queue) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& f : queue.extraction_failures) {
        out.push_back({{"title", f.title},
                       {"url", resource_page(f.id)},
                       {"file_name", http::nullable(f.file_name)},
                       {"error", f.error}});
    }
    return out;
}

std::string notice_of(const std::string& done) {
    if (done == "ressource") return "Votre décision est enregistrée.";
    if (done == "signalement") return "Le signalement est classé.";
    if (done == "recherche") return "La recherche est retirée de la liste.";
    return "";
}

nlohmann::json log_entry_json(const LogEntry& e) {
    std::string url;
    if (e.item_kind == "resource") url = resource_page(std::stoll(e.item_id));
    if (e.item_kind == "thread") url = thread_page(std::stoll(e.item_id));
    if (e.item_kind == "tag") url = "/moderation/etiquettes";
    nlohmann::json out = {{"actor", e.actor ? e.actor->display_name : "Console (kb-service admin)"},
                          {"action", e.action},
                          {"kind_label", label_in(kItemKinds, e.item_kind)},
                          {"item", e.item_id},
                          {"url", url},
                          {"reason", http::nullable(e.reason)},
                          {"date", french_date(e.created_at)},
                          {"time", e.created_at}};
    if (!e.before.is_null()) out["before"] = e.before.dump(1);
    if (!e.after.is_null()) out["after"] = e.after.dump(1);
    return out;
}

}  // namespace

http::Response get_moderation_page(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    if (!visitor.user) return sign_in_first(visitor, request);
    require_moderator_page(visitor);
    const ModerationQueue queue = web.moderation.moderation.queue();
    nlohmann::json model = {{"pending", pending_json(queue)},
                            {"flags", flags_json(queue)},
                            {"misses", misses_json(queue)},
                            {"failures", failures_json(queue)},
                            {"notice", notice_of(request.param("fait").value_or(""))}};
    for (const char* list : {"pending", "flags", "misses", "failures"})
        model[std::string("has_") + list] = !model[list].empty();
    return render_page(web, visitor, "moderation", model,
                       {.title = "Modération", .nav = "moderation"});
}

http::Response post_dismiss_flag_page(WebContext& web, const http::Request& request) {
    const long long id = parse_id(request.path_param("id"));
    auto [visitor, form, redirect] = moderator_form(web, request, "/moderation");
    if (redirect) return *redirect;
    web.moderation.moderation.dismiss_flag(*visitor.user, id);
    return see_other(visitor, "/moderation?fait=signalement");
}

http::Response post_dismiss_miss_page(WebContext& web, const http::Request& request) {
    const long long id = parse_id(request.path_param("id"));
    auto [visitor, form, redirect] = moderator_form(web, request, "/moderation");
    if (redirect) return *redirect;
    dismiss_search_miss(web.search, id);
    return see_other(visitor, "/moderation?fait=recherche");
}

http::Response get_moderation_log_page(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    if (!visitor.user) return sign_in_first(visitor, request);
    require_moderator_page(visitor);
    LogQuery query;
    query.page = int_param(request, "page", 1, 1, 100000);
    query.per_page = kLogPerPage;
    const LogPage log = web.moderation.moderation.log(query);
    nlohmann::json entries = nlohmann::json::array();
    for (const auto& e : log.entries) entries.push_back(log_entry_json(e));
    const long long total = log.total;
    const long long pages = (total + kLogPerPage - 1) / kLogPerPage;
    nlohmann::json model = {{"entries", entries},
                            {"has_entries", !entries.empty()},
                            {"page", query.page},
                            {"pages", std::max<long long>(pages, 1)}};
    if (query.page > 1)
        model["previous"] =
            with_query("/moderation/journal", {{"page", std::to_string(query.page - 1)}});
    if (query.page < pages)
        model["next"] =
            with_query("/moderation/journal", {{"page", std::to_string(query.page + 1)}});
    return render_page(web, visitor, "moderation_log", model,
                       {.title = "Journal de modération", .nav = "moderation"});
}

}  // namespace kb::web
