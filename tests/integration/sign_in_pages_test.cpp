/// @brief The pages' foundation over HTTP against the real server, PostgreSQL and SMTP server:
/// sign-in by magic link (account made at first sign-in, single use, expiry, no account
/// disclosure, rate limits), sessions stored hashed and ended by sign-out, CSRF on forms,
/// security headers, content-hashed static files and error pages in HTML.
#include "http_client.hpp"
#include "polling.hpp"
#include "process.hpp"
#include "smtp_sink.hpp"
#include "web_client.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace kb::test {
namespace {

class SignInPages : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(run_indexer(db_.url(), index_.path(), {fixture_kb_dir()}).exit_code, 0);
    }

    void start(std::vector<std::string> extra = {"--rate-limits", "false"}) {
        extra.insert(extra.end(), {"--smtp-url", sink_.url()});
        service_ = std::make_unique<ServiceProcess>(db_.url(), index_.path(), extra);
    }

    [[nodiscard]] int port() const { return service_->port(); }

    TestDatabase db_;
    TempDir index_;
    TempDir mail_;
    SmtpSink sink_{mail_.path()};
    std::unique_ptr<ServiceProcess> service_;
};

bool has_text(const HttpResponse& r, const std::string& text) {
    return r.body.find(text) != std::string::npos;
}

TEST_F(SignInPages, TheFirstSignInMakesAMemberAndOpensASessionStoredHashed) {
    start();
    WebClient browser(port());
    const HttpResponse done =
        browser.sign_in("Lea.Martin@Example.org", "Léa (ACI du Nord)", mail_.path());
    ASSERT_EQ(done.status, 303) << done.body << service_->log();
    EXPECT_EQ(done.header("location"), "/compte?bienvenue=1");
    const std::string set = done.header("set-cookie");
    EXPECT_NE(set.find("kb_session="), std::string::npos) << set;
    EXPECT_NE(set.find("HttpOnly"), std::string::npos) << set;
    EXPECT_NE(set.find("SameSite=Lax"), std::string::npos) << set;
    const std::string session = browser.cookie("kb_session");
    ASSERT_EQ(session.size(), 64u);
    // The account: the address lower-cased, the name asked, a member.
    EXPECT_EQ(db_.scalar("SELECT display_name || '/' || role FROM users WHERE email = "
                         "'lea.martin@example.org'"),
              "Léa (ACI du Nord)/member");
    // Only the hash of the cookie is stored.
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM web_sessions WHERE id_hash = '" + session + "'"),
              "0");
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM web_sessions WHERE id_hash = "
                         "encode(sha256(convert_to('" +
                         session + "', 'UTF8')), 'hex')"),
              "1");
    const HttpResponse home = browser.get("/");
    EXPECT_TRUE(has_text(home, "Léa (ACI du Nord)")) << home.body.substr(0, 3000);
    EXPECT_TRUE(has_text(home, "Se déconnecter"));
    // A second sign-in with the same address finds the account and comes back where asked.
    WebClient other(port());
    const HttpResponse again =
        other.sign_in("lea.martin@example.org", "", mail_.path(), "/recherche");
    EXPECT_EQ(again.status, 303) << again.body;
    EXPECT_EQ(again.header("location"), "/recherche");
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM users WHERE email = 'lea.martin@example.org'"), "1");
}

TEST_F(SignInPages, ALinkServesOnceAndNotAfterItsExpiry) {
    start();
    WebClient browser(port());
    browser.get("/connexion");
    ASSERT_EQ(browser.post_form("/connexion", {{"email", "once@example.org"}}).status, 200);
    const std::string link = mailed_sign_in_link(mail_.path(), "once@example.org");
    ASSERT_FALSE(link.empty());
    const HttpResponse page = browser.get(link);
    ASSERT_EQ(page.status, 200);
    const FormFields confirm = {{"jeton", hidden_field(page.body, "jeton")},
                                {"display_name", "Une fois"}};
    EXPECT_EQ(browser.post_form("/connexion/lien", confirm).status, 303);
    // Used: refused, on GET and POST, with the error page.
    const HttpResponse used = browser.get(link);
    EXPECT_EQ(used.status, 400);
    EXPECT_NE(used.header("content-type").find("text/html"), std::string::npos);
    EXPECT_TRUE(has_text(used, "Lien de connexion invalide")) << used.body.substr(0, 500);
    EXPECT_EQ(browser.post_form("/connexion/lien", confirm).status, 400);
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM web_sessions"), "1");

    // Expired: a fresh link whose time is up is refused too.
    WebClient late(port());
    late.get("/connexion");
    ASSERT_EQ(late.post_form("/connexion", {{"email", "late@example.org"}}).status, 200);
    std::string late_link;
    ASSERT_TRUE(poll_until([&] {
        late_link = mailed_sign_in_link(mail_.path(), "late@example.org");
        return !late_link.empty();
    }));
    (void)db_.scalar(
        "UPDATE magic_links SET expires_at = now() - interval '1 second' "
        "WHERE email = 'late@example.org' RETURNING 1");
    EXPECT_EQ(late.get(late_link).status, 400);
    const std::string token = late_link.substr(late_link.find("jeton=") + 6, 64);
    EXPECT_EQ(
        late.post_form("/connexion/lien", {{"jeton", token}, {"display_name", "Tard"}}).status,
        400);
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM users WHERE email = 'late@example.org'"), "0");
}

TEST_F(SignInPages, AFirstSignInWithoutANameKeepsTheLinkUsable) {
    start();
    WebClient browser(port());
    const HttpResponse nameless = browser.sign_in("sans.nom@example.org", "", mail_.path());
    EXPECT_EQ(nameless.status, 400);
    EXPECT_TRUE(has_text(nameless, "Indiquez le nom")) << nameless.body.substr(0, 500);
    const std::string token = hidden_field(nameless.body, "jeton");
    ASSERT_EQ(token.size(), 64u);
    EXPECT_EQ(
        browser.post_form("/connexion/lien", {{"jeton", token}, {"display_name", "Nommé"}}).status,
        303);
}

TEST_F(SignInPages, FormsPostedWithoutTheirTokenAreRefused) {
    start();
    WebClient browser(port());
    browser.get("/connexion");
    for (const FormFields& fields :
         {FormFields{{"email", "x@example.org"}},
          FormFields{{"email", "x@example.org"}, {"csrf", "0000"}},
          FormFields{{"email", "x@example.org"}, {"csrf", std::string(64, 'a')}}}) {
        const HttpResponse r = browser.post_form("/connexion", fields, false);
        EXPECT_EQ(r.status, 403) << r.body.substr(0, 300);
        EXPECT_TRUE(has_text(r, "Formulaire refusé"));
        EXPECT_NE(r.header("content-type").find("text/html"), std::string::npos);
    }
    // Another visitor's token does not fit this visitor.
    WebClient stranger(port());
    stranger.get("/connexion");
    const HttpResponse forged =
        browser.post_form("/connexion", {{"email", "x@example.org"}, {"csrf", stranger.csrf()}});
    EXPECT_EQ(forged.status, 403);
    EXPECT_EQ(browser.post_form("/deconnexion", {}, false).status, 403);
    EXPECT_TRUE(received_messages(mail_.path()).empty());
}

TEST_F(SignInPages, TheAnswerNeverTellsWhetherAnAddressHasAnAccount) {
    start();
    WebClient first(port());
    ASSERT_EQ(first.sign_in("known@example.org", "Connue", mail_.path()).status, 303);
    auto ask = [&](const std::string& email) {
        WebClient browser(port());
        browser.get("/connexion");
        HttpResponse r = browser.post_form("/connexion", {{"email", email}});
        return std::pair(
            r.status,
            std::regex_replace(r.body, std::regex(email + "|[0-9a-f]{64}|" + "[0-9a-f]{32}"), "X"));
    };
    EXPECT_EQ(ask("known@example.org"), ask("unknown@example.org"));
    // An address that is not one is said so, with the form again.
    WebClient browser(port());
    browser.get("/connexion");
    const HttpResponse bad = browser.post_form("/connexion", {{"email", "pas une adresse"}});
    EXPECT_EQ(bad.status, 400);
    EXPECT_TRUE(has_text(bad, "Adresse électronique invalide"));
}

TEST_F(SignInPages, LinkRequestsAreLimitedPerAddressAndPerMailbox) {
    start({"--rate-sign-in-per-hour", "2", "--rate-sign-in-address-per-hour", "4"});
    WebClient browser(port());
    browser.get("/connexion");
    auto ask = [&](const std::string& email) {
        return browser.post_form("/connexion", {{"email", email}});
    };
    EXPECT_EQ(ask("flood@example.org").status, 200);
    EXPECT_EQ(ask("flood@example.org").status, 200);
    const HttpResponse third = ask("flood@example.org");
    EXPECT_EQ(third.status, 429);
    EXPECT_FALSE(third.header("retry-after").empty());
    EXPECT_NE(third.header("content-type").find("text/html"), std::string::npos);
    // The address's own budget (4): one more mailbox, then refused whatever the mailbox.
    EXPECT_EQ(ask("other@example.org").status, 200);
    EXPECT_EQ(ask("third@example.org").status, 429);
    poll_until([&] { return received_messages(mail_.path()).size() >= 3; });
    EXPECT_EQ(received_messages(mail_.path()).size(), 3u);
}

TEST_F(SignInPages, SigningOutEndsTheSession) {
    start();
    WebClient browser(port());
    ASSERT_EQ(browser.sign_in("out@example.org", "Sortant", mail_.path()).status, 303);
    const std::string session = browser.cookie("kb_session");
    browser.get("/");
    const HttpResponse out = browser.post_form("/deconnexion", {});
    EXPECT_EQ(out.status, 303);
    EXPECT_NE(out.header("set-cookie").find("kb_session=; "), std::string::npos);
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM web_sessions"), "0");
    // The old cookie is anonymous now.
    browser.set_cookie("kb_session", session);
    EXPECT_TRUE(has_text(browser.get("/"), "Se connecter"));
    browser.set_cookie("kb_session", "nimportequoi");
    EXPECT_EQ(browser.get("/").status, 200);
}

TEST_F(SignInPages, SignInReturnsOnlyToPagesOfThisSite) {
    start();
    WebClient browser(port());
    browser.get("/connexion?retour=//evil.example/x");
    EXPECT_EQ(hidden_field(browser.get("/connexion?retour=//evil.example/x").body, "retour"), "/");
    EXPECT_EQ(hidden_field(browser.get("/connexion?retour=https://evil.example").body, "retour"),
              "/");
    const HttpResponse form = browser.get("/connexion?retour=/recherche");
    EXPECT_EQ(hidden_field(form.body, "retour"), "/recherche");
    EXPECT_EQ(form.body.find("fr-input-group--error"), std::string::npos);  // no error yet
    // A new member who signed in on the way to a page lands on that page.
    const HttpResponse done =
        browser.sign_in("nouvelle@example.org", "Nouvelle", mail_.path(), "/recherche");
    EXPECT_EQ(done.status, 303);
    EXPECT_EQ(done.header("location"), "/recherche");
}

TEST_F(SignInPages, PagesCarrySecurityHeadersAndStaticFilesAreCachedForever) {
    start();
    const HttpResponse home = http_request(port(), "GET", "/");
    ASSERT_EQ(home.status, 200);
    const std::string csp = home.header("content-security-policy");
    EXPECT_NE(csp.find("default-src 'self'"), std::string::npos);
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
    EXPECT_EQ(home.header("x-content-type-options"), "nosniff");
    EXPECT_FALSE(home.header("referrer-policy").empty());
    EXPECT_NE(home.body.find("<html lang=\"fr\""), std::string::npos);
    EXPECT_EQ(home.body.find("<script>"), std::string::npos);  // no inline script
    std::smatch css;
    ASSERT_TRUE(std::regex_search(
        home.body, css, std::regex(R"(href="(/static/dsfr-[0-9a-f]{12}/dsfr\.min\.css)\")")));
    const HttpResponse sheet = http_request(port(), "GET", css[1].str());
    EXPECT_EQ(sheet.status, 200);
    EXPECT_NE(sheet.header("content-type").find("text/css"), std::string::npos);
    EXPECT_NE(sheet.header("cache-control").find("immutable"), std::string::npos);
    EXPECT_GT(sheet.body.size(), 100000u);
    const HttpResponse again =
        http_request(port(), "GET", css[1].str(), "", {{"If-None-Match", sheet.header("etag")}});
    EXPECT_EQ(again.status, 304);
    // Another hash (a former version) is not served as this one.
    EXPECT_EQ(http_request(port(), "GET", "/static/dsfr-000000000000/dsfr.min.css").status, 404);
    EXPECT_EQ(http_request(port(), "GET", "/static/dsfr-000000000000/../../etc/passwd").status,
              404);
}

TEST_F(SignInPages, StaticTextIsSentGzippedToBrowsersThatAcceptGzip) {
    start();
    std::smatch css;
    const std::string home = http_request(port(), "GET", "/").body;
    ASSERT_TRUE(std::regex_search(
        home, css, std::regex(R"(href="(/static/dsfr-[0-9a-f]{12}/dsfr\.min\.css)\")")));
    const HttpResponse plain = http_request(port(), "GET", css[1].str());
    const HttpResponse packed =
        http_request(port(), "GET", css[1].str(), "", {{"Accept-Encoding", "gzip, deflate, br"}});
    ASSERT_EQ(packed.status, 200);
    EXPECT_EQ(packed.header("content-encoding"), "gzip");
    EXPECT_EQ(packed.header("vary"), "Accept-Encoding");
    EXPECT_EQ(plain.header("content-encoding"), "");
    EXPECT_EQ(plain.header("vary"), "Accept-Encoding");
    EXPECT_NE(packed.header("etag"), plain.header("etag"));
    EXPECT_LT(packed.body.size() * 4, plain.body.size());
    // The same stylesheet once uncompressed.
    TempDir dir;
    write_file(dir.path() / "sheet.css.gz", packed.body);
    const CommandResult unpacked =
        run_command("/usr/bin/gzip", {"-dc", (dir.path() / "sheet.css.gz").string()});
    ASSERT_EQ(unpacked.exit_code, 0) << unpacked.err;
    EXPECT_TRUE(unpacked.out == plain.body);
    // Each representation revalidates with its own tag; a zero weight refuses gzip.
    EXPECT_EQ(http_request(port(), "GET", css[1].str(), "",
                           {{"Accept-Encoding", "gzip"}, {"If-None-Match", packed.header("etag")}})
                  .status,
              304);
    EXPECT_EQ(
        http_request(port(), "GET", css[1].str(), "", {{"If-None-Match", packed.header("etag")}})
            .status,
        200);
    EXPECT_EQ(http_request(port(), "GET", css[1].str(), "", {{"Accept-Encoding", "gzip;q=0, br"}})
                  .header("content-encoding"),
              "");
    // The twin is not a file of its own.
    EXPECT_EQ(http_request(port(), "GET", css[1].str() + ".gz").status, 404);
}

TEST_F(SignInPages, ErrorsOnPagesArePagesAndTheApiKeepsProblemDetails) {
    start();
    struct Case {
        std::string target;
        int status;
    };
    for (const Case& c : {Case{"/nexiste-pas", 404}, Case{"/recherche?q=%FF", 400},
                          Case{"/recherche?q=a%01b", 400}, Case{"/recherche?kind=inconnu", 400},
                          Case{"/recherche?q=%zz", 400}, Case{"/connexion/lien?jeton=abc", 400}}) {
        const HttpResponse r = http_request(port(), "GET", c.target);
        EXPECT_EQ(r.status, c.status) << c.target;
        EXPECT_NE(r.header("content-type").find("text/html"), std::string::npos) << c.target;
        EXPECT_NE(r.body.find("<h1>"), std::string::npos) << c.target;
        EXPECT_FALSE(r.header("content-security-policy").empty()) << c.target;
    }
    const HttpResponse api = http_request(port(), "GET", "/api/v1/nexiste-pas");
    EXPECT_EQ(api.status, 404);
    EXPECT_EQ(api.header("content-type"), "application/problem+json");
    // A form body that is not a form, or not UTF-8, is a 4xx page too.
    WebClient browser(port());
    browser.get("/connexion");
    EXPECT_EQ(browser.post_raw("/connexion", "{\"email\":1}", "application/json").status, 415);
    EXPECT_EQ(browser
                  .post_raw("/connexion", "email=%FF&csrf=" + browser.csrf(),
                            "application/x-www-form-urlencoded")
                  .status,
              400);
}

}  // namespace
}  // namespace kb::test
