/// @brief The questions' pages over HTTP against the real server: who may post each form
/// (anonymous → sign-in, member, asker, moderator), CSRF refused on every form route, the ask and
/// answer forms' checks and preview, listing filters and "Pour moi", forum threads read-only, and
/// bad input answered by 4xx HTML pages, never 500.
#include "accounts.hpp"
#include "api_assertions.hpp"
#include "http_client.hpp"
#include "process.hpp"
#include "smtp_sink.hpp"
#include "web_client.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace kb::test {
namespace {

using Json = nlohmann::json;

class QaPages : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(run_indexer(db_.url(), index_.path(), {fixture_kb_dir()}).exit_code, 0);
        api_user_ = create_user_with_token(db_.url(), "api-expert", "Experte API", "expert");
        service_ = std::make_unique<ServiceProcess>(
            db_.url(), index_.path(),
            std::vector<std::string>{"--smtp-url", sink_.url(), "--rate-limits", "false"});
    }

    // A browser signed in as email, with the role given by SQL (member by default).
    std::unique_ptr<WebClient> member(const std::string& email, const std::string& name,
                                      const std::string& role = "member") {
        auto client = std::make_unique<WebClient>(service_->port());
        const auto signed_in = client->sign_in(email, name, mail_.path());
        EXPECT_EQ(signed_in.status, 303) << signed_in.body;
        if (role != "member") {
            EXPECT_FALSE(db_.scalar("UPDATE users SET role = '" + role + "' WHERE email = '" +
                                    email + "' RETURNING id")
                             .empty());
        }
        return client;
    }
    // A browser that opened a page (its visitor cookie and CSRF token), not signed in.
    WebClient anonymous() {
        WebClient client(service_->port());
        client.get("/connexion");  // a page with a form: its CSRF token
        return client;
    }

    // A question asked through the API by the expert of the set-up; returns its id.
    long long api_question(const std::string& title, const Json& extra = Json::object()) {
        Json body = {{"title", title}, {"body", "Une question assez longue pour être publiée."}};
        body.update(extra);
        const auto r = http_request(service_->port(), "POST", "/api/v1/threads", body.dump(),
                                    {{"Authorization", "Bearer " + api_user_}});
        return expect_json(r, 201, "ask")["id"].get<long long>();
    }
    Json api_thread(long long id) {
        return expect_json(http_request(service_->port(), "GET", thread_path(id)), 200, "thread");
    }
    static std::string thread_path(long long id) { return "/api/v1/threads/" + std::to_string(id); }
    static std::string page_of(long long id) { return "/questions/" + std::to_string(id); }

    // The id of the first answer of thread id.
    long long first_answer(long long id) {
        return api_thread(id)["answers"].at(0)["id"].get<long long>();
    }

    TestDatabase db_;
    TempDir index_, mail_;
    SmtpSink sink_{mail_.path()};
    std::string api_user_;
    std::unique_ptr<ServiceProcess> service_;
};

// An answer that is an HTML page with status, never problem+json nor a 500.
void expect_page(const HttpResponse& r, int status, const std::string& what) {
    EXPECT_EQ(r.status, status) << what << "\n" << r.body.substr(0, 2000);
    EXPECT_EQ(r.header("content-type").rfind("text/html", 0), 0u) << what;
}

void expect_sign_in_redirect(const HttpResponse& r, const std::string& back_to,
                             const std::string& what) {
    EXPECT_EQ(r.status, 303) << what;
    EXPECT_EQ(r.header("location"), "/connexion?retour=" + url_encode(back_to)) << what;
}

TEST_F(QaPages, AnonymousVisitorsAreSentToSignInByEveryWrite) {
    const long long thread = api_question("Une question pour les visiteurs anonymes");
    WebClient visitor = anonymous();
    expect_sign_in_redirect(visitor.get("/questions/nouvelle"), "/questions/nouvelle",
                            "GET ask form");
    expect_sign_in_redirect(visitor.get("/questions?for_me=true"), "/questions", "for me");
    expect_sign_in_redirect(
        visitor.post_form("/questions/nouvelle", {{"title", "Une question anonyme ?"}}),
        "/questions/nouvelle", "POST ask");
    for (const std::string action :
         {"reponses", "accepter", "retirer-acceptation", "masquer", "retablir"}) {
        expect_sign_in_redirect(
            visitor.post_form(page_of(thread) + "/" + action, {{"body", "Oui"}, {"reponse", "1"}}),
            page_of(thread), action);
    }
    const auto answered = http_request(service_->port(), "POST", thread_path(thread) + "/answers",
                                       R"({"body":"Une réponse de l'API."})",
                                       {{"Authorization", "Bearer " + api_user_}});
    ASSERT_EQ(answered.status, 201);
    const long long answer = first_answer(thread);
    for (const std::string action : {"vote", "retirer-vote", "masquer", "retablir"}) {
        expect_sign_in_redirect(
            visitor.post_form("/reponses/" + std::to_string(answer) + "/" + action,
                              {{"question", std::to_string(thread)}}),
            page_of(thread), action);
    }
    const Json after = api_thread(thread);
    EXPECT_EQ(after["answer_count"], 1);
    EXPECT_EQ(after["answers"][0]["votes"], 0);
    EXPECT_EQ(after["accepted_answer_id"], nullptr);
    EXPECT_FALSE(after["answers"][0].contains("hidden") && after["answers"][0]["hidden"]);
}

TEST_F(QaPages, EveryFormRouteRefusesAPostWithoutItsToken) {
    const long long thread = api_question("Une question pour le jeton des formulaires");
    http_request(service_->port(), "POST", thread_path(thread) + "/answers",
                 R"({"body":"Une réponse de l'API."})", {{"Authorization", "Bearer " + api_user_}});
    const std::string answer = std::to_string(first_answer(thread));
    auto moderator = member("mod@example.org", "Modératrice", "moderator");
    const std::vector<std::pair<std::string, FormFields>> routes = {
        {"/questions/nouvelle",
         {{"title", "Une question sans jeton valable"},
          {"body", "Un texte assez long pour passer les contrôles."}}},
        {page_of(thread) + "/reponses", {{"body", "Une réponse sans jeton."}}},
        {page_of(thread) + "/accepter", {{"reponse", answer}}},
        {page_of(thread) + "/retirer-acceptation", {}},
        {page_of(thread) + "/masquer", {}},
        {page_of(thread) + "/retablir", {}},
        {"/reponses/" + answer + "/vote", {{"question", std::to_string(thread)}}},
        {"/reponses/" + answer + "/retirer-vote", {{"question", std::to_string(thread)}}},
        {"/reponses/" + answer + "/masquer", {{"question", std::to_string(thread)}}},
        {"/reponses/" + answer + "/retablir", {{"question", std::to_string(thread)}}},
    };
    for (const auto& [route, fields] : routes) {
        const auto missing = moderator->post_form(route, fields, false);
        expect_page(missing, 403, route + " without token");
        EXPECT_NE(missing.body.find("Formulaire refusé"), std::string::npos) << route;
        FormFields forged = {{"csrf", std::string(64, 'a')}};
        forged.insert(forged.end(), fields.begin(), fields.end());
        expect_page(moderator->post_form(route, forged, false), 403,
                    route + " with a forged token");
    }
    // Another browser's token is not this one's.
    WebClient other = anonymous();
    FormFields foreign = {{"csrf", other.csrf()}, {"body", "Une réponse au jeton étranger."}};
    expect_page(moderator->post_form(page_of(thread) + "/reponses", foreign, false), 403,
                "foreign");
    const Json after = api_thread(thread);
    EXPECT_EQ(after["answer_count"], 1);
    EXPECT_EQ(after["accepted_answer_id"], nullptr);
    EXPECT_EQ(after["answers"][0]["votes"], 0);
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM threads"), "1");
}

TEST_F(QaPages, MembersAskAnswerVoteAndOnlyTheAskerOrAModeratorAccepts) {
    auto asker = member("asker@example.org", "Porteuse");
    const auto asked = asker->post_form(
        "/questions/nouvelle", {{"title", "Quel délai pour l'avis du CDIAE en Gironde ?"},
                                {"body", "Notre dossier est complet depuis mars, que faire ?"},
                                {"tag", "cdiae"},
                                {"step", "avis-cdiae"},
                                {"structure_type", "aci"},
                                {"territory", "33"},
                                {"action", "publier"}});
    ASSERT_EQ(asked.status, 303) << asked.body;
    const std::string location = asked.header("location");
    ASSERT_EQ(location.rfind("/questions/", 0), 0u) << location;
    const long long thread = std::stoll(location.substr(11));
    const Json created = api_thread(thread);
    EXPECT_EQ(created["title"], "Quel délai pour l'avis du CDIAE en Gironde ?");
    EXPECT_EQ(created["tags"], Json::array({"cdiae"}));
    EXPECT_EQ(created["step"], "avis-cdiae");
    EXPECT_EQ(created["structure_type"], "ACI");
    EXPECT_EQ(created["territory"], "33");
    EXPECT_EQ(created["author"]["display_name"], "Porteuse");

    auto expert = member("expert@example.org", "Expert ACI", "expert");
    const auto answered =
        expert->post_form(page_of(thread) + "/reponses",
                          {{"body", "Relancez la **DDETS** par écrit."}, {"action", "publier"}});
    ASSERT_EQ(answered.status, 303) << answered.body;
    const long long answer = first_answer(thread);
    EXPECT_EQ(answered.header("location"), page_of(thread) + "#reponse-" + std::to_string(answer));
    const std::string answer_path = "/reponses/" + std::to_string(answer);
    const FormFields back = {{"question", std::to_string(thread)}};

    // Nobody votes for their own answer; another member may, once.
    expect_page(expert->post_form(answer_path + "/vote", back), 403, "own vote");
    ASSERT_EQ(asker->post_form(answer_path + "/vote", back).status, 303);
    ASSERT_EQ(asker->post_form(answer_path + "/vote", back).status, 303);
    EXPECT_EQ(api_thread(thread)["answers"][0]["votes"], 1);
    const auto page = asker->get(page_of(thread));
    EXPECT_NE(page.body.find("Retirer mon vote"), std::string::npos);
    // The tag shows by its vocabulary label (the glossary's acronym), here and in the list (both
    // showed the slug, "cdiae").
    EXPECT_NE(page.body.find("\">CDIAE</a>"), std::string::npos) << page.body;
    EXPECT_NE(asker->get("/questions").body.find("\">CDIAE</a>"), std::string::npos);
    EXPECT_EQ(page.body.find("Voter pour cette réponse"), std::string::npos);
    ASSERT_EQ(asker->post_form(answer_path + "/retirer-vote", back).status, 303);
    EXPECT_EQ(api_thread(thread)["answers"][0]["votes"], 0);

    // Accepting is the asker's (or a moderator's); hiding is a moderator's.
    auto other = member("autre@example.org", "Autre membre");
    const FormFields accept = {{"reponse", std::to_string(answer)}};
    expect_page(other->post_form(page_of(thread) + "/accepter", accept), 403, "other accepts");
    expect_page(expert->post_form(page_of(thread) + "/accepter", accept), 403, "answerer accepts");
    expect_page(other->post_form(page_of(thread) + "/masquer", {}), 403, "member hides thread");
    expect_page(asker->post_form(answer_path + "/masquer", back), 403, "asker hides answer");
    expect_page(expert->post_form(answer_path + "/retablir", back), 403, "expert restores");
    EXPECT_EQ(api_thread(thread)["status"], "answered");
    EXPECT_EQ(asker->get(page_of(thread)).body.find("Masquer la réponse"), std::string::npos);

    const auto accepted = asker->post_form(page_of(thread) + "/accepter", accept);
    ASSERT_EQ(accepted.status, 303);
    EXPECT_EQ(accepted.header("location"), page_of(thread) + "#reponse-" + std::to_string(answer));
    EXPECT_EQ(api_thread(thread)["status"], "solved");
    const auto solved = other->get(page_of(thread));
    EXPECT_NE(solved.body.find("Réponse acceptée"), std::string::npos);
    EXPECT_EQ(solved.body.find("Accepter cette réponse"), std::string::npos);
    expect_page(other->post_form(page_of(thread) + "/retirer-acceptation", {}), 403,
                "other unaccepts");
    ASSERT_EQ(asker->post_form(page_of(thread) + "/retirer-acceptation", {}).status, 303);
    EXPECT_EQ(api_thread(thread)["status"], "answered");

    auto moderator = member("moderation@example.org", "Modération", "moderator");
    ASSERT_EQ(moderator->post_form(page_of(thread) + "/accepter", accept).status, 303);
    EXPECT_EQ(api_thread(thread)["status"], "solved");
}

TEST_F(QaPages, ModeratorsHideAndRestoreThreadsAndAnswers) {
    const long long thread = api_question("Une question que la modération masque");
    http_request(service_->port(), "POST", thread_path(thread) + "/answers",
                 R"({"body":"Une réponse hors sujet à masquer."})",
                 {{"Authorization", "Bearer " + api_user_}});
    const std::string answer = std::to_string(first_answer(thread));
    auto moderator = member("mod@example.org", "Modératrice", "moderator");
    WebClient visitor = anonymous();

    ASSERT_EQ(
        moderator
            ->post_form("/reponses/" + answer + "/masquer", {{"question", std::to_string(thread)}})
            .header("location"),
        page_of(thread) + "#reponse-" + answer);
    EXPECT_EQ(visitor.get(page_of(thread)).body.find("hors sujet"), std::string::npos);
    const auto seen = moderator->get(page_of(thread));
    EXPECT_NE(seen.body.find("hors sujet"), std::string::npos);
    EXPECT_NE(seen.body.find("Réponse masquée"), std::string::npos);
    EXPECT_NE(seen.body.find("Rétablir la réponse"), std::string::npos);
    ASSERT_EQ(
        moderator
            ->post_form("/reponses/" + answer + "/retablir", {{"question", std::to_string(thread)}})
            .status,
        303);
    EXPECT_NE(visitor.get(page_of(thread)).body.find("hors sujet"), std::string::npos);

    ASSERT_EQ(moderator->post_form(page_of(thread) + "/masquer", {}).status, 303);
    expect_page(visitor.get(page_of(thread)), 404, "hidden thread, anonymous");
    EXPECT_EQ(visitor.get("/questions").body.find("la modération masque"), std::string::npos);
    const auto hidden = moderator->get(page_of(thread));
    expect_page(hidden, 200, "hidden thread, moderator");
    EXPECT_NE(hidden.body.find("Rétablir la question"), std::string::npos);
    ASSERT_EQ(moderator->post_form(page_of(thread) + "/retablir", {}).status, 303);
    expect_page(visitor.get(page_of(thread)), 200, "restored thread");
    // The same act as the API's: each change is in the moderation log, by this moderator.
    EXPECT_EQ(db_.scalar("SELECT string_agg(l.item_kind || ':' || l.action, ',' ORDER BY l.id) "
                         "FROM moderation_log l JOIN users u ON u.id = l.actor_id "
                         "WHERE u.email = 'mod@example.org'"),
              "answer:hide,answer:restore,thread:hide,thread:restore");
}

TEST_F(QaPages, TheAskFormShowsEachRefusalNextToItsFieldAndSimilarQuestions) {
    api_question("Comment financer le démarrage d'un chantier d'insertion ?");
    auto asker = member("asker@example.org", "Porteuse");
    const auto refused = asker->post_form("/questions/nouvelle", {{"title", "Court ?"},
                                                                  {"body", "Trop court"},
                                                                  {"tag", "pas-un-theme"},
                                                                  {"territory", "20"},
                                                                  {"action", "publier"}});
    expect_page(refused, 400, "refused question");
    for (const std::string id : {"question-titre-erreur", "question-texte-erreur",
                                 "question-theme-erreur", "question-territoire-erreur"}) {
        EXPECT_NE(refused.body.find("id=\"" + id + "\""), std::string::npos) << id;
    }
    EXPECT_NE(refused.body.find("au moins 10 caractères"), std::string::npos);
    EXPECT_NE(refused.body.find("value=\"Court ?\""), std::string::npos);  // kept for correction
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM threads"), "1");

    const auto similar =
        asker->post_form("/questions/nouvelle",
                         {{"title", "Financer un chantier d'insertion"}, {"action", "similaires"}});
    expect_page(similar, 200, "similar questions");
    EXPECT_NE(similar.body.find(">Comment financer le démarrage d'un chantier d'insertion ?</a>"),
              std::string::npos)
        << similar.body;
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM threads"), "1");

    const auto prefilled = asker->get("/questions/nouvelle?titre=Aide%20au%20poste%20ACI");
    expect_page(prefilled, 200, "prefilled");
    EXPECT_NE(prefilled.body.find("value=\"Aide au poste ACI\""), std::string::npos);
}

TEST_F(QaPages, TheAnswerPreviewRendersMarkdownAsTheApiWithoutPosting) {
    const long long thread = api_question("Une question pour prévisualiser une réponse");
    auto member_client = member("membre@example.org", "Membre");
    const auto preview = member_client->post_form(
        page_of(thread) + "/reponses",
        {{"body", "Un mot en **gras** et <script>x</script>"}, {"action", "apercu"}});
    expect_page(preview, 200, "preview");
    EXPECT_NE(preview.body.find("<strong>gras</strong>"), std::string::npos);
    EXPECT_EQ(preview.body.find("<script>x</script>"), std::string::npos);
    EXPECT_NE(preview.body.find("Aperçu"), std::string::npos);
    EXPECT_EQ(api_thread(thread)["answer_count"], 0);
    const auto empty = member_client->post_form(page_of(thread) + "/reponses",
                                                {{"body", " "}, {"action", "publier"}});
    expect_page(empty, 400, "empty answer");
    EXPECT_NE(empty.body.find("reponse-texte-erreur"), std::string::npos);
    EXPECT_EQ(api_thread(thread)["answer_count"], 0);
}

TEST_F(QaPages, TheListingFiltersAndShowsExpertsTheirQuestions) {
    const long long gironde = api_question("Une question posée depuis la Gironde",
                                           {{"territory", "33"}, {"structure_type", "EI"}});
    const long long corse =
        api_question("Une question posée depuis la Corse", {{"territory", "2A"}});
    const auto filtered = anonymous().get("/questions?territory=33");
    expect_page(filtered, 200, "territory filter");
    EXPECT_NE(filtered.body.find(page_of(gironde) + "\""), std::string::npos);
    EXPECT_EQ(filtered.body.find(page_of(corse) + "\""), std::string::npos);
    const auto by_type = anonymous().get("/questions?structure_type=ei&status=unanswered");
    EXPECT_NE(by_type.body.find(page_of(gironde) + "\""), std::string::npos);
    EXPECT_EQ(by_type.body.find(page_of(corse) + "\""), std::string::npos);
    const auto mistyped = anonymous().get("/questions?territory=20");
    expect_page(mistyped, 400, "mistyped territory");
    EXPECT_NE(mistyped.body.find("filtre-territoire-erreur"), std::string::npos);

    auto expert = member("expert@example.org", "Expert EI", "expert");
    EXPECT_FALSE(db_.scalar("UPDATE users SET structure_type = 'EI' "
                            "WHERE email = 'expert@example.org' RETURNING id")
                     .empty());
    const auto for_me = expert->get("/questions?for_me=true");
    expect_page(for_me, 200, "for me");
    EXPECT_NE(for_me.body.find(page_of(gironde) + "\""), std::string::npos);
    EXPECT_EQ(for_me.body.find(page_of(corse) + "\""), std::string::npos);
    EXPECT_NE(expert->get("/questions").body.find("Pour moi"), std::string::npos);
    auto plain = member("membre@example.org", "Membre");
    EXPECT_EQ(plain->get("/questions").body.find("Pour moi"), std::string::npos);
    expect_page(plain->get("/questions?for_me=true"), 403, "member for me");
}

TEST_F(QaPages, ForumThreadsLinkToTheForumAndTakeNoLocalWrite) {
    const std::string id = db_.scalar(
        "INSERT INTO threads (author_id, title, body_markdown, body_html, source, "
        "forum_topic_id, forum_url) SELECT id, 'Un sujet venu du forum de l''inclusion', 'x', "
        "'<p>Texte du forum</p>', 'forum', 42, 'https://forum.example.org/t/sujet/42' "
        "FROM users WHERE login = 'discourse-forum' RETURNING id");
    ASSERT_FALSE(id.empty());
    const std::string page = "/questions/" + id;
    auto member_client = member("membre@example.org", "Membre");
    const auto shown = member_client->get(page);
    expect_page(shown, 200, "forum thread");
    EXPECT_NE(shown.body.find("href=\"https://forum.example.org/t/sujet/42\""), std::string::npos);
    EXPECT_EQ(shown.body.find("action=\"" + page + "/reponses\""), std::string::npos);
    const auto listed = member_client->get("/questions");
    EXPECT_NE(listed.body.find("fr-badge--info\">Forum"), std::string::npos);
    EXPECT_NE(listed.body.find("href=\"" + page + "\""), std::string::npos);
    const auto refused =
        member_client->post_form(page + "/reponses", {{"body", "Une réponse ici."}});
    expect_page(refused, 409, "answer on a forum thread");
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM answers"), "0");
}

TEST_F(QaPages, BadInputGetsAnHtmlErrorPageNeverA500) {
    const long long thread = api_question("Une question pour les entrées invalides");
    auto member_client = member("membre@example.org", "Membre");
    const std::vector<std::pair<std::string, int>> reads = {
        {"/questions/abc", 400},
        {"/questions/0", 400},
        {"/questions/99999999999999999999", 400},
        {"/questions/424242", 404},
        {"/questions?status=ouvertes", 400},
        {"/questions?step=inconnue", 400},
        {"/questions?page=0", 400},
        {"/questions?tag=%FF", 400},
        {"/questions?territory=%01", 400},
        {"/questions/nouvelle?titre=%C3%28", 400},
        {"/questions/nouvelle?titre=a%00b", 400},
    };
    for (const auto& [target, status] : reads)
        expect_page(member_client->get(target), status, target);

    const std::string answers = page_of(thread) + "/reponses";
    const std::vector<std::pair<std::string, std::string>> bodies = {
        {"body=%FF%FE", "invalid UTF-8"},
        {"body=un%01deux", "control character"},
        {"body=%ZZ", "bad percent escape"},
    };
    for (const auto& [raw, what] : bodies) {
        expect_page(member_client->post_raw(answers, "csrf=" + member_client->csrf() + "&" + raw,
                                            "application/x-www-form-urlencoded"),
                    400, what);
    }
    expect_page(member_client->post_form("/reponses/abc/vote", {}), 400, "bad answer id");
    expect_page(member_client->post_form("/reponses/424242/vote", {{"question", "1"}}), 404,
                "unknown answer");
    expect_page(member_client->post_form("/questions/424242/reponses", {{"body", "Bonjour !"}}),
                404, "unknown thread");
    expect_page(member_client->post_form(page_of(thread) + "/accepter", {{"reponse", "abc"}}), 400,
                "bad accepted id");
    expect_page(member_client->post_form(page_of(thread) + "/accepter", {{"reponse", "424242"}}),
                403, "not the asker");
    EXPECT_EQ(api_thread(thread)["answer_count"], 0);
}

}  // namespace
}  // namespace kb::test
