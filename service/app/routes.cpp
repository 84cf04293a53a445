/// @brief The route table: every method and path the service answers, and the handler behind it.
#include "routes.hpp"

#include "account_pages.hpp"
#include "article_page.hpp"
#include "ask_page.hpp"
#include "experts_page.hpp"
#include "home_page.hpp"
#include "indicators_page.hpp"
#include "moderation_admin_pages.hpp"
#include "moderation_pages.hpp"
#include "question_list_page.hpp"
#include "resource_form_page.hpp"
#include "resource_pages.hpp"
#include "search_page.hpp"
#include "sign_in_pages.hpp"
#include "thread_actions.hpp"
#include "thread_page.hpp"

namespace kb {

http::Router build_routes(AppContext& app) {
    http::Router r;
    // Each handler is bound to its own capability's context.
    auto bind = [](auto& context, http::Response (*fn)(decltype(context), const http::Request&)) {
        return [&context, fn](const http::Request& req) { return fn(context, req); };
    };
    // Budgets: searches and writes per caller; a new question also waits for the previous one.
    auto search = [&](http::Handler h) { return app.throttles.search.wrap(std::move(h)); };
    auto write = [&](http::Handler h) { return app.throttles.write.wrap(std::move(h)); };
    auto ask = [&](http::Handler h) { return write(app.throttles.thread.wrap(std::move(h))); };
    r.add("GET", "/healthz", bind(app.health, get_healthz));
    r.add("GET", "/readyz", bind(app.health, get_readyz));
    r.add("GET", "/metrics", bind(app.metrics, get_metrics));
    r.add("GET", "/api/v1/search", search(bind(app.search, get_search)));
    r.add("POST", "/api/v1/search", search(bind(app.search, post_search)));  // with a JSON body
    r.add("GET", "/api/v1/search/misses", bind(app.search, get_search_misses));
    r.add("DELETE", "/api/v1/search/misses/:id", write(bind(app.search, delete_search_miss)));
    r.add("GET", "/api/v1/suggest", bind(app.search, get_suggest));
    r.add("GET", "/api/v1/articles", bind(app.articles, list_articles_handler));
    r.add("GET", "/api/v1/articles/:slug", bind(app.articles, get_article));

    r.add("POST", "/api/v1/threads", ask(bind(app.qa, post_thread)));
    r.add("GET", "/api/v1/threads", bind(app.qa, list_threads));
    r.add("GET", "/api/v1/threads/similar", search(bind(app.qa, get_similar_threads)));
    r.add("GET", "/api/v1/threads/:id", bind(app.qa, get_thread));
    // Threads from the forum are read-only here: 409 on every write (see forum_handlers.hpp).
    auto thread_write = [&](auto fn) {
        return refuse_forum_threads(app.forum, PostKind::thread, write(bind(app.qa, fn)));
    };
    auto answer_write = [&](auto fn) {
        return refuse_forum_threads(app.forum, PostKind::answer, write(bind(app.qa, fn)));
    };
    r.add("PATCH", "/api/v1/threads/:id", thread_write(patch_thread));
    r.add("POST", "/api/v1/threads/:id/answers", thread_write(post_answer));
    r.add("POST", "/api/v1/threads/:id/accept", thread_write(post_accept));
    r.add("DELETE", "/api/v1/threads/:id/accept", thread_write(delete_accept));
    r.add("POST", "/api/v1/threads/:id/hide", thread_write(hide_thread));
    r.add("POST", "/api/v1/threads/:id/restore", thread_write(restore_thread));
    r.add("PATCH", "/api/v1/answers/:id", answer_write(patch_answer));
    r.add("PUT", "/api/v1/answers/:id/vote", answer_write(put_vote));
    r.add("DELETE", "/api/v1/answers/:id/vote", answer_write(delete_vote));
    r.add("POST", "/api/v1/answers/:id/hide", answer_write(hide_answer));
    r.add("POST", "/api/v1/answers/:id/restore", answer_write(restore_answer));

    r.add("GET", "/api/v1/me", bind(app.accounts, get_me));
    r.add("PUT", "/api/v1/me/profile", write(bind(app.accounts, put_my_profile)));
    r.add("PUT", "/api/v1/users/:id/role", write(bind(app.accounts, put_user_role)));
    r.add("GET", "/api/v1/experts", bind(app.accounts, list_experts));

    r.add("POST", "/api/v1/forum/webhooks", bind(app.forum, post_forum_webhook));
    r.add("GET", "/api/v1/related", search(bind(app.forum, get_related)));
    r.add("GET", "/embed/related", search(bind(app.forum, get_embed_related)));
    r.add("GET", "/embed/related.js", bind(app.forum, get_embed_script));

    r.add("GET", "/api/v1/openapi.json", get_openapi);  // this table's contract
    r.add("GET", "/api/v1/indicators", bind(app.pulse, get_indicators));
    r.add("GET", "/flux/questions-sans-reponse.atom", bind(app.pulse, get_unanswered_feed));

    r.add("POST", "/api/v1/resources", write(bind(app.resources, post_resource)));
    r.add("GET", "/api/v1/resources", bind(app.resources, list_resources));
    r.add("GET", "/api/v1/resources/:id", bind(app.resources, get_resource));
    r.add("PATCH", "/api/v1/resources/:id", write(bind(app.resources, patch_resource)));
    r.add("POST", "/api/v1/resources/:id/file", write(bind(app.resources, post_resource_file)),
          upload_body_limit(app.resources.settings));
    r.add("GET", "/api/v1/resources/:id/file", bind(app.resources, get_resource_file));
    r.add("POST", "/api/v1/resources/:id/approve", write(bind(app.resources, approve_resource)));
    r.add("POST", "/api/v1/resources/:id/reject", write(bind(app.resources, reject_resource)));
    r.add("POST", "/api/v1/resources/:id/hide", write(bind(app.resources, hide_resource)));
    r.add("POST", "/api/v1/resources/:id/restore", write(bind(app.resources, restore_resource)));
    r.add("GET", "/api/v1/resources/:id/versions", bind(app.resources, list_resource_versions));
    r.add("POST", "/api/v1/resources/:id/versions/:version/restore",
          write(bind(app.resources, restore_resource_version)));

    r.add("GET", "/api/v1/tags", bind(app.tags, list_tags));
    r.add("POST", "/api/v1/tags", write(bind(app.tags, post_tag)));
    r.add("GET", "/api/v1/tags/:slug", bind(app.tags, get_tag));
    r.add("PATCH", "/api/v1/tags/:slug", write(bind(app.tags, patch_tag)));
    r.add("DELETE", "/api/v1/tags/:slug", write(bind(app.tags, delete_tag)));
    r.add("POST", "/api/v1/tags/:slug/merge", write(bind(app.tags, merge_tag)));

    r.add("POST", "/api/v1/flags", write(bind(app.moderation, post_flag)));
    r.add("POST", "/api/v1/flags/:id/dismiss", write(bind(app.moderation, dismiss_flag)));
    r.add("GET", "/api/v1/moderation/queue", bind(app.moderation, get_moderation_queue));
    r.add("GET", "/api/v1/moderation/log", bind(app.moderation, get_moderation_log));

    // The pages (HTML, French addresses); their errors are pages too (see error_pages.hpp).
    using namespace web;
    auto page = [&](http::Response (*fn)(WebContext&, const http::Request&)) {
        return bind(app.web, fn);
    };
    r.add("GET", "/static/*path",
          [&app](const http::Request& req) { return app.web.assets.serve(req); });
    r.add("GET", "/", page(get_home));
    r.add("GET", "/recherche", search(page(get_search_page)));
    r.add("GET", "/connexion", page(get_sign_in));
    r.add("POST", "/connexion", page(post_sign_in));
    r.add("GET", "/connexion/lien", page(get_sign_in_link));
    r.add("POST", "/connexion/lien", write(page(post_sign_in_link)));
    r.add("POST", "/deconnexion", page(post_sign_out));
    // Reading and one's account: articles, experts, indicators, /compte.
    r.add("GET", "/articles/:slug", page(get_article_page));
    r.add("POST", "/articles/:slug/avis", write(page(post_article_vote)));
    r.add("GET", "/experts", page(get_experts_page));
    r.add("GET", "/indicateurs", page(get_indicators_page));
    r.add("GET", "/compte", page(get_account_page));
    r.add("POST", "/compte/profil", write(page(post_account_profile)));
    r.add("POST", "/compte/jetons", write(page(post_account_token)));
    r.add("POST", "/compte/jetons/:id/revoquer", write(page(post_account_token_revoke)));

    // The questions' pages; their writes refuse forum threads as the API's do (409).
    auto thread_form = [&](auto fn) {
        return refuse_forum_threads(app.forum, PostKind::thread, write(page(fn)));
    };
    auto answer_form = [&](auto fn) {
        return refuse_forum_threads(app.forum, PostKind::answer, write(page(fn)));
    };
    r.add("GET", "/questions", page(get_questions));
    r.add("GET", "/questions/nouvelle", page(get_ask_page));
    r.add("POST", "/questions/nouvelle", write(page(post_ask_page)));
    r.add("GET", "/questions/:id", page(get_thread_page));
    r.add("POST", "/questions/:id/reponses", thread_form(post_answer_page));
    r.add("POST", "/questions/:id/accepter", thread_form(post_accept_page));
    r.add("POST", "/questions/:id/retirer-acceptation", thread_form(post_unaccept_page));
    r.add("POST", "/questions/:id/masquer", thread_form(post_hide_thread_page));
    r.add("POST", "/questions/:id/retablir", thread_form(post_restore_thread_page));
    r.add("POST", "/reponses/:id/vote", answer_form(post_vote_page));
    r.add("POST", "/reponses/:id/retirer-vote", answer_form(post_unvote_page));
    r.add("POST", "/reponses/:id/masquer", answer_form(post_hide_answer_page));
    r.add("POST", "/reponses/:id/retablir", answer_form(post_restore_answer_page));

    // Resource library and moderation pages.
    r.add("GET", "/ressources", page(get_resources_page));
    r.add("GET", "/ressources/nouvelle", page(get_new_resource_page));
    r.add("POST", "/ressources/nouvelle", write(page(post_new_resource_page)),
          upload_body_limit(app.resources.settings));
    r.add("GET", "/ressources/:id", page(get_resource_page));
    r.add("GET", "/ressources/:id/fichier", page(get_resource_page_file));
    r.add("POST", "/ressources/:id/approuver", write(page(post_approve_resource_page)));
    r.add("POST", "/ressources/:id/rejeter", write(page(post_reject_resource_page)));
    r.add("POST", "/ressources/:id/masquer", write(page(post_hide_resource_page)));
    r.add("POST", "/ressources/:id/retablir", write(page(post_restore_resource_page)));
    r.add("GET", "/moderation", page(get_moderation_page));
    r.add("POST", "/moderation/signalements/:id/classer", write(page(post_dismiss_flag_page)));
    r.add("POST", "/moderation/recherches/:id/classer", write(page(post_dismiss_miss_page)));
    r.add("GET", "/moderation/journal", page(get_moderation_log_page));
    r.add("GET", "/moderation/roles", page(get_roles_page));
    r.add("POST", "/moderation/roles/:id", write(page(post_role_page)));
    r.add("GET", "/moderation/etiquettes", page(get_tags_page));
    r.add("POST", "/moderation/etiquettes", write(page(post_new_tag_page)));
    r.add("POST", "/moderation/etiquettes/renommer", write(page(post_rename_tag_page)));
    r.add("POST", "/moderation/etiquettes/fusionner", write(page(post_merge_tag_page)));
    r.add("POST", "/moderation/etiquettes/:slug/supprimer", write(page(post_delete_tag_page)));
    return r;
}

}  // namespace kb
