/// @brief The reading and account pages over HTTP (real server, PostgreSQL, index): the article
/// page and its usefulness vote (one per visitor), the experts directory, /compte (profile and
/// API tokens), the indicators page; CSRF, sign-in and bad input on every route.
#include "http_client.hpp"
#include "indicator_definitions.hpp"
#include "process.hpp"
#include "smtp_sink.hpp"
#include "test_env.hpp"
#include "web_client.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <memory>

namespace kb::test {
namespace {

constexpr const char* kArticle = "/articles/securite-sur-les-chantiers";

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

// An error page: HTML in the site's design, never the API's problem+json.
void expect_error_page(const HttpResponse& r, int status, const std::string& what) {
    EXPECT_EQ(r.status, status) << what << "\n" << r.body.substr(0, 300);
    EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8") << what;
    EXPECT_TRUE(contains(r.body, "<h1")) << what;
}

class ReadPages : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(run_indexer(db_.url(), index_.path(), {fixture_kb_dir()}).exit_code, 0);
        service_ = std::make_unique<ServiceProcess>(
            db_.url(), index_.path(),
            std::vector<std::string>{"--rate-limits", "false", "--smtp-url", sink_.url()});
    }
    int port() const { return service_->port(); }

    // A signed-in member (account created by the first sign-in), with a role.
    std::unique_ptr<WebClient> member(const std::string& email, const std::string& name,
                                      const std::string& role = "member") {
        auto session = std::make_unique<WebClient>(port());
        if (session->sign_in(email, name, mail_.path()).status != 303)
            throw std::runtime_error("sign-in failed for " + email);
        if (role != "member") {
            (void)db_.scalar("UPDATE users SET role = '" + role + "' WHERE email = '" + email +
                             "' RETURNING id");
        }
        return session;
    }
    std::string votes(const std::string& filter = "true") const {
        return db_.scalar(
            "SELECT count(*) FILTER (WHERE useful) || '/' || count(*) FILTER (WHERE NOT useful) "
            "FROM article_votes WHERE " +
            filter);
    }

    TestDatabase db_;
    TempDir index_;
    TempDir mail_;
    SmtpSink sink_{mail_.path()};
    std::unique_ptr<ServiceProcess> service_;
};

TEST_F(ReadPages, ArticlePageHasContentsSourcesFiltersBreadcrumbAndRelatedArticles) {
    WebClient visitor(port());
    HttpResponse r = visitor.get(kArticle);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(occurrences(r.body, "<h1"), 1u);
    // The heading got an id from its text, and the contents link to it.
    EXPECT_TRUE(contains(r.body, "<h2 id=\"prevenir\">Prévenir</h2>")) << r.body;
    EXPECT_TRUE(contains(r.body, "href=\"#prevenir\""));
    EXPECT_TRUE(contains(r.body, "<li>Fixture de test</li>"));
    EXPECT_TRUE(contains(r.body, "href=\"/recherche?tag=securite\""));
    EXPECT_TRUE(contains(r.body, "href=\"/recherche?structure_type=ACI\""));
    EXPECT_TRUE(contains(r.body, "href=\"/recherche?step=projet-insertion\""));
    EXPECT_TRUE(contains(r.body, "href=\"/recherche?kind=guide\">Guides</a>"));
    EXPECT_TRUE(contains(r.body, "Mis à jour le 15 janvier 2026"));
    // Related articles are the API's `related`, linked to their pages.
    const std::string related = r.body.substr(r.body.find("id=\"articles-lies\""));
    EXPECT_TRUE(contains(related, "href=\"/articles/")) << related.substr(0, 600);

    // Two headings with the same text get distinct ids.
    r = visitor.get("/articles/glossaire-test");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(occurrences(r.body, "class=\"fr-summary__link\""), 2u) << r.body;

    expect_error_page(visitor.get("/articles/pas-un-article"), 404, "unknown slug");
}

TEST_F(ReadPages, ASearchSnippetSetsAHeadingApartFromItsParagraph) {
    WebClient visitor(port());
    const HttpResponse r = visitor.get("/recherche?q=accueil+securite");
    ASSERT_EQ(r.status, 200) << r.body;
    // The API's snippet has a line break after the heading; the page showed "Prévenir La
    // sécurité", the heading run into its first sentence.
    EXPECT_TRUE(contains(r.body, "Prévenir \u00B7 La <mark>sécurité</mark>")) << r.body;
}

TEST_F(ReadPages, UsefulnessVoteIsOnePerVisitorTheSecondReplacingTheFirst) {
    WebClient first(port());
    first.get(kArticle);
    HttpResponse r = first.post_form(std::string(kArticle) + "/avis", {{"utile", "oui"}});
    ASSERT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(r.header("location"), std::string(kArticle) + "#avis");
    EXPECT_EQ(votes(), "1/0");
    r = first.post_form(std::string(kArticle) + "/avis", {{"utile", "non"}});
    ASSERT_EQ(r.status, 303);
    EXPECT_EQ(votes(), "0/1");  // replaced, not added
    EXPECT_TRUE(contains(first.get(kArticle).body, "vous avez répondu « non »"));

    WebClient second(port());
    second.get(kArticle);
    ASSERT_EQ(second.post_form(std::string(kArticle) + "/avis", {{"utile", "oui"}}).status, 303);
    EXPECT_EQ(votes(), "1/1");
    // Only a hash of the visitor's id is stored.
    EXPECT_EQ(votes("voter_hash = '" + first.cookie("kb_visitor") + "'"), "0/0");
    EXPECT_EQ(
        votes("voter_hash = encode(sha256('" + first.cookie("kb_visitor") + "'::bytea), 'hex')"),
        "0/1");

    // Counted for moderators only.
    EXPECT_FALSE(contains(second.get(kArticle).body, "Pour les modérateurs"));
    auto moderator = member("mod@example.org", "Modératrice", "moderator");
    EXPECT_TRUE(
        contains(moderator->get(kArticle).body, "Pour les modérateurs : 1 « oui », 1 « non »."));

    // Bad answers and unknown articles: error pages, nothing stored.
    expect_error_page(second.post_form(std::string(kArticle) + "/avis", {{"utile", "bof"}}), 400,
                      "bad answer");
    expect_error_page(second.post_form("/articles/pas-un-article/avis", {{"utile", "oui"}}), 404,
                      "unknown article");
    EXPECT_EQ(votes(), "1/1");

    // The community's indicators count them (today's votes fall in the default period).
    const HttpResponse indicators = http_request(port(), "GET", "/api/v1/indicators");
    ASSERT_EQ(indicators.status, 200) << indicators.body;
    const auto voted = nlohmann::json::parse(indicators.body)["article_votes"];
    ASSERT_EQ(voted.size(), 1u) << voted;
    EXPECT_EQ(std::string("/articles/") + voted[0]["slug"].get<std::string>(), kArticle);
    EXPECT_EQ(voted[0]["useful"], 1);
    EXPECT_EQ(voted[0]["not_useful"], 1);
    EXPECT_TRUE(contains(second.get("/indicateurs").body, "Utilité des articles"));
}

TEST_F(ReadPages, EveryFormRouteRefusesAPostWithoutItsCsrfToken) {
    auto alice = member("alice@example.org", "Alice");
    alice->get("/compte");
    const HttpResponse created =
        alice->post_form("/compte/jetons", {{"label", "Tableur"}, {"days", "30"}});
    ASSERT_EQ(created.status, 200);
    const std::string token_id = db_.scalar("SELECT max(id) FROM api_tokens");
    const std::vector<std::pair<std::string, FormFields>> routes = {
        {std::string(kArticle) + "/avis", {{"utile", "oui"}}},
        {"/compte/profil", {{"display_name", "Pirate"}}},
        {"/compte/jetons", {{"label", "Pirate"}, {"days", "30"}}},
        {"/compte/jetons/" + token_id + "/revoquer", {}},
    };
    for (const auto& [route, fields] : routes) {
        expect_error_page(alice->post_form(route, fields, false), 403, route + " without token");
        FormFields forged = fields;
        forged.emplace_back("csrf", std::string(64, 'a'));
        expect_error_page(alice->post_form(route, forged, false), 403, route + " forged token");
    }
    EXPECT_EQ(votes(), "0/0");
    EXPECT_EQ(db_.scalar("SELECT display_name FROM users WHERE email = 'alice@example.org'"),
              "Alice");
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL"), "1");
}

TEST_F(ReadPages, AccountPagesNeedASignedInMember) {
    WebClient anonymous(port());
    HttpResponse r = anonymous.get("/compte");
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.header("location"), "/connexion?retour=%2Fcompte");
    anonymous.get(kArticle);  // its vote form's CSRF token: what is refused is the session
    for (const std::string route :
         {"/compte/profil", "/compte/jetons", "/compte/jetons/1/revoquer"}) {
        r = anonymous.post_form(route, {{"display_name", "X"}, {"label", "X"}, {"days", "30"}});
        EXPECT_EQ(r.status, 303) << route;
        EXPECT_EQ(r.header("location"), "/connexion?retour=%2Fcompte") << route;
    }
    // A new member lands on the account page, welcomed.
    WebClient newcomer(port());
    r = newcomer.sign_in("nouveau@example.org", "Nouveau Membre", mail_.path());
    EXPECT_EQ(r.header("location"), "/compte?bienvenue=1");
    r = newcomer.get("/compte?bienvenue=1");
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(contains(r.body, "Bienvenue sur Passerelle IAE"));
    EXPECT_TRUE(contains(r.body, "value=\"Nouveau Membre\""));
    EXPECT_FALSE(contains(newcomer.get("/compte").body, "Bienvenue sur Passerelle IAE"));
}

TEST_F(ReadPages, TokenIsShownOnceWorksForTheApiAndOnlyItsOwnerRevokesIt) {
    auto alice = member("alice@example.org", "Alice");
    auto bob = member("bob@example.org", "Bob");
    alice->get("/compte");
    HttpResponse r = alice->post_form("/compte/jetons", {{"label", "Mon tableur"}, {"days", "90"}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("cache-control"), "no-store");
    const std::size_t at = r.body.find("id=\"secret-jeton\">");
    ASSERT_NE(at, std::string::npos) << r.body;
    const std::string secret = r.body.substr(at + 18, r.body.find('<', at + 18) - at - 18);
    ASSERT_EQ(secret.rfind("kb_", 0), 0u) << secret;
    auto me = [&] {
        return http_request(port(), "GET", "/api/v1/me", "",
                            {{"Authorization", "Bearer " + secret}});
    };
    EXPECT_EQ(me().status, 200);
    EXPECT_TRUE(contains(me().body, "\"display_name\":\"Alice\""));

    r = alice->get("/compte");
    EXPECT_FALSE(contains(r.body, secret));  // shown once
    EXPECT_TRUE(contains(r.body, "Mon tableur"));
    const std::string id = db_.scalar("SELECT id FROM api_tokens WHERE label = 'Mon tableur'");

    bob->get("/compte");
    expect_error_page(bob->post_form("/compte/jetons/" + id + "/revoquer", {}), 404,
                      "another member's token");
    EXPECT_EQ(me().status, 200);

    r = alice->post_form("/compte/jetons/" + id + "/revoquer", {});
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(me().status, 401);
    EXPECT_FALSE(contains(alice->get("/compte").body, "Mon tableur"));
    expect_error_page(alice->post_form("/compte/jetons/" + id + "/revoquer", {}), 404,
                      "already revoked");

    // Bad input: no label, a validity not offered, a label too long.
    expect_error_page(alice->post_form("/compte/jetons", {{"label", ""}, {"days", "90"}}), 400,
                      "no label");
    expect_error_page(alice->post_form("/compte/jetons", {{"label", "x"}, {"days", "5000"}}), 400,
                      "days");
    expect_error_page(
        alice->post_form("/compte/jetons", {{"label", std::string(81, 'x')}, {"days", "90"}}), 400,
        "long label");
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM api_tokens"), "1");
}

TEST_F(ReadPages, ProfileFormUsesTheApiChecksAndFeedsTheExpertsDirectory) {
    auto expert = member("experte@example.org", "Experte Lille", "expert");
    expert->get("/compte");
    HttpResponse r = expert->post_form("/compte/profil", {{"display_name", "Experte Lille"},
                                                          {"structure_type", "ACI"},
                                                          {"territory", "20"},
                                                          {"contact_email", "pas une adresse"},
                                                          {"notify_mode", "daily"}});
    expect_error_page(r, 400, "bad territory and e-mail");
    EXPECT_TRUE(contains(r.body, "id=\"erreur-territory\""));
    EXPECT_TRUE(contains(r.body, "id=\"erreur-contact_email\""));
    EXPECT_FALSE(contains(r.body, "id=\"erreur-structure_type\""));
    EXPECT_TRUE(contains(r.body, "value=\"pas une adresse\""));  // what was typed is kept
    EXPECT_EQ(db_.scalar("SELECT coalesce(structure_type, '-') FROM users WHERE email = "
                         "'experte@example.org'"),
              "-");

    r = expert->post_form("/compte/profil", {{"display_name", "Experte Lille"},
                                             {"structure_name", "Chantier du Nord"},
                                             {"structure_type", "aci"},
                                             {"territory", "59"},
                                             {"topics", "aide-au-poste, pass-iae"},
                                             {"contact_opt_in", "oui"},
                                             {"contact_email", "contact@chantier.fr"},
                                             {"notify_mode", "daily"}});
    ASSERT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(r.header("location"), "/compte?enregistre=1");
    EXPECT_EQ(db_.scalar("SELECT structure_type || ' ' || territory || ' ' || topics::text || ' ' "
                         "|| notify_mode FROM users WHERE email = 'experte@example.org'"),
              "ACI 59 {aide-au-poste,pass-iae} daily");

    WebClient visitor(port());
    r = visitor.get("/experts?structure_type=ACI&territory=59");
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(contains(r.body, "Experte Lille"));
    EXPECT_TRUE(contains(r.body, "mailto:contact@chantier.fr"));
    EXPECT_FALSE(contains(visitor.get("/experts?structure_type=EI").body, "Experte Lille"));
    EXPECT_TRUE(contains(visitor.get("/experts?structure_type=&territory=").body, "Experte Lille"));

    // Clearing a field with an empty input, as the API's "" does.
    r = expert->post_form("/compte/profil", {{"display_name", "Experte Lille"},
                                             {"structure_type", ""},
                                             {"territory", "59"},
                                             {"notify_mode", "none"}});
    ASSERT_EQ(r.status, 303);
    EXPECT_EQ(db_.scalar("SELECT coalesce(structure_type, '-') || contact_opt_in::text FROM users "
                         "WHERE email = 'experte@example.org'"),
              "-false");
    expect_error_page(expert->post_form("/compte/profil", {{"display_name", ""}}), 400,
                      "empty display name");
    expect_error_page(expert->post_form("/compte/profil", {{"display_name", "A\x01"}}), 400,
                      "control character");
}

TEST_F(ReadPages, BadInputOnEveryReadingRouteIsAnErrorPage) {
    WebClient visitor(port());
    expect_error_page(visitor.get("/articles/%FF"), 400, "invalid UTF-8 slug");
    expect_error_page(visitor.get("/experts?structure_type=XYZ"), 400, "unknown type");
    expect_error_page(visitor.get("/experts?territory=20"), 400, "unknown département");
    expect_error_page(visitor.get("/experts?territory=%01"), 400, "control character");
    expect_error_page(visitor.get("/indicateurs?from=2026-13-01"), 400, "bad date");
    expect_error_page(visitor.get("/indicateurs?from=2026-02-01&to=2026-01-01"), 400,
                      "reversed period");
    expect_error_page(visitor.get("/indicateurs?from=2010-01-01&to=2026-01-01"), 400,
                      "period too long");
    visitor.get("/");
    auto alice = member("alice@example.org", "Alice");
    alice->get("/compte");
    expect_error_page(alice->post_form("/compte/jetons/abc/revoquer", {}), 400, "bad id");
    expect_error_page(alice->post_form("/compte/jetons/99999999999999999999/revoquer", {}), 400,
                      "id too large");
}

TEST_F(ReadPages, IndicatorsPageShowsEachFigureWithItsTargetAndAnAccessibleChart) {
    WebClient visitor(port());
    const HttpResponse r = visitor.get("/indicateurs?from=2026-01-01&to=2026-03-31");
    ASSERT_EQ(r.status, 200) << r.body;
    for (const auto& d : indicator_definitions()) {
        EXPECT_TRUE(contains(r.body, "id=\"indicateur-" + d.key + "\"")) << d.key;
    }
    EXPECT_TRUE(contains(r.body, "Cible : 25,0 %"));
    EXPECT_TRUE(contains(r.body, "Cible : 5\u202f000"));
    // A chart for each weekly series, named for assistive technologies, with its table.
    EXPECT_EQ(occurrences(r.body, "<svg "), 8u);
    EXPECT_TRUE(
        contains(r.body,
                 "role=\"img\" focusable=\"false\" aria-labelledby=\"graphique-solved_share-"
                 "titre graphique-solved_share-desc\""));
    EXPECT_TRUE(contains(r.body, "<title id=\"graphique-solved_share-titre\">"));
    // Eight series and the unanswered questions by département, structure type and step (no
    // zero-result search yet: no table for them).
    EXPECT_EQ(occurrences(r.body, "<caption>"), 8u + 3u);
    // The CSP allows no inline style: the charts use presentation attributes only.
    EXPECT_FALSE(contains(r.body, "style="));
    EXPECT_FALSE(contains(r.body, "<style"));
}

TEST(ReadPagesDefinitions, EachIndicatorsFrenchDefinitionIsTheReadmes) {
    const std::string readme = read_file(source_dir() / "README.md");
    for (const auto& d : indicator_definitions()) {
        EXPECT_TRUE(contains(readme, "| `" + d.key + "` | " + d.definition + " |")) << d.key;
    }
}

}  // namespace
}  // namespace kb::test
