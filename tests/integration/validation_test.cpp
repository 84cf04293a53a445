/// @brief Value formats and validation through the real server: structure types in any case,
/// page sizes, ids too large, the admin command's DAYS, NFC/NFD slugs, the official list of
/// départements, e-mail addresses, clearing profile fields, minimum lengths of posts, and a
/// question's step, structure type and département corrected after posting.
#include "accounts.hpp"
#include "api_assertions.hpp"
#include "http_client.hpp"
#include "polling.hpp"
#include "process.hpp"
#include "search_helpers.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace kb::test {
namespace {

using Json = nlohmann::json;

// "réglementation-à-jour" composed (NFC) and decomposed (NFD: e + U+0301, a + U+0300).
const std::string kSlugNfc = "r\xC3\xA9glementation-\xC3\xA0-jour";
const std::string kSlugNfd = "re\xCC\x81glementation-a\xCC\x80-jour";

class Validation : public ::testing::Test {
  protected:
    void SetUp() override {
        write_file(fiches_.path() / "le-coin-du-reglementaire" / (kSlugNfc + ".md"),
                   "---\nname: \"Réglementation à jour\"\ndescription: \"Ce qui change.\"\n"
                   "timestamp: 2025-01-15T10:00:00+00:00\n---\nLes règles de l'année.\n");
        auto r = run_indexer(db_.url(), index_.path(), {fixture_kb_dir(), fiches_.path()});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        alice_ = create_user_with_token(db_.url(), "alice", "alice", "member");
        bruno_ = create_user_with_token(db_.url(), "bruno", "bruno", "expert");
        // Many writes from one address: the request budgets are not what these tests are about.
        service_ = std::make_unique<ServiceProcess>(
            db_.url(), index_.path(), std::vector<std::string>{"--rate-limits", "false"});
    }
    int port() const { return service_->port(); }
    HttpResponse call(const std::string& method, const std::string& target,
                      const std::string& token = "", const std::string& body = "") {
        std::map<std::string, std::string> headers;
        if (!token.empty()) headers["Authorization"] = "Bearer " + token;
        return http_request(port(), method, target, body, headers);
    }
    Json ok(const std::string& method, const std::string& target, const std::string& token = "",
            const std::string& body = "", int expected = 200) {
        return expect_json(call(method, target, token, body), expected,
                           method + " " + target + " " + body);
    }
    void expect(const std::string& method, const std::string& target, const std::string& token,
                const std::string& body, int status, const std::string& code) {
        expect_problem(call(method, target, token, body), status, code,
                       method + " " + target + " " + body);
    }
    long long new_thread(const Json& fields = Json::object()) {
        Json body = {{"title", "Question posée pour le test"},
                     {"body", "Un corps de question assez long pour passer."}};
        body.update(fields);
        return ok("POST", "/api/v1/threads", alice_, body.dump(), 201)["id"].get<long long>();
    }

    TestDatabase db_;
    TempDir index_;
    TempDir fiches_;
    std::string alice_, bruno_;
    std::unique_ptr<ServiceProcess> service_;
};

TEST_F(Validation, StructureTypesAreAcceptedInAnyCaseEverywhere) {
    const Json upper = ok("GET", "/api/v1/search?structure_type=AI");
    ASSERT_GT(upper["total"].get<int>(), 0);
    EXPECT_EQ(ok("GET", "/api/v1/search?structure_type=ai")["total"], upper["total"]);
    EXPECT_EQ(ok("POST", "/api/v1/search", "", R"({"structure_type":["Ai"]})")["total"],
              upper["total"]);
    EXPECT_EQ(ok("GET", "/api/v1/articles?structure_type=ai")["total"],
              ok("GET", "/api/v1/articles?structure_type=AI")["total"]);

    const long long id = new_thread({{"structure_type", "etti"}});
    EXPECT_EQ(ok("GET", "/api/v1/threads/" + std::to_string(id))["structure_type"], "ETTI");
    const Json listed = ok("GET", "/api/v1/threads?structure_type=etti");
    ASSERT_EQ(listed["results"].size(), 1u) << listed.dump();
    EXPECT_EQ(listed["results"][0]["id"], id);

    EXPECT_EQ(
        ok("PUT", "/api/v1/me/profile", bruno_, R"({"structure_type":"aci"})")["structure_type"],
        "ACI");
    EXPECT_EQ(ok("GET", "/api/v1/experts?structure_type=aci")["experts"].size(), 1u);
    // The community's indicators and feed too.
    const Json indicators = ok("GET", "/api/v1/indicators?structure_type=etti");
    EXPECT_EQ(indicators["period"]["structure_type"], "ETTI");
    EXPECT_EQ(indicators["unanswered"],
              ok("GET", "/api/v1/indicators?structure_type=ETTI")["unanswered"]);
    HttpResponse feed = call("GET", "/flux/questions-sans-reponse.atom?structure_type=etti");
    EXPECT_EQ(feed.status, 200) << feed.body;
    EXPECT_NE(feed.body.find("Question posée pour le test"), std::string::npos) << feed.body;
    expect("GET", "/api/v1/search?structure_type=acx", "", "", 400, "invalid_parameter");
}

TEST_F(Validation, EveryListingHasTheSameDocumentedPageSizes) {
    for (int i = 0; i < 3; ++i) new_thread();
    EXPECT_EQ(ok("GET", "/api/v1/search?q=conventionnement")["per_page"], 20);
    EXPECT_EQ(ok("POST", "/api/v1/search", "", R"({"q":"conventionnement"})")["per_page"], 20);
    EXPECT_EQ(ok("GET", "/api/v1/articles")["per_page"], 20);
    EXPECT_EQ(ok("GET", "/api/v1/threads")["per_page"], 20);
    for (const std::string path :
         {"/api/v1/search?q=etp&", "/api/v1/articles?", "/api/v1/threads?"}) {
        EXPECT_EQ(ok("GET", path + "per_page=50")["per_page"], 50) << path;
        expect("GET", path + "per_page=51", "", "", 400, "invalid_parameter");
    }
}

TEST_F(Validation, AnIdBeyondTheBigintRangeIsTooLarge) {
    for (const std::string id : {"9223372036854775808", "99999999999999999999999"}) {
        HttpResponse r = call("GET", "/api/v1/threads/" + id);
        EXPECT_EQ(r.status, 400) << r.body;
        const Json body = Json::parse(r.body, nullptr, false);
        EXPECT_EQ(body.value("code", ""), "invalid_id");
        EXPECT_NE(body.value("detail", "").find("trop grand"), std::string::npos) << r.body;
    }
    // The largest bigint is a possible id: it is simply not found.
    expect("GET", "/api/v1/threads/9223372036854775807", "", "", 404, "thread_not_found");
    // Not a number at all keeps its own message.
    HttpResponse word = call("GET", "/api/v1/threads/abc");
    EXPECT_NE(word.body.find("entier positif"), std::string::npos) << word.body;
}

TEST_F(Validation, CreateTokenExplainsABadNumberOfDays) {
    CommandResult r = run_command(
        service_binary(), {"admin", "create-token", "alice", "abc", "--database-url", db_.url()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("DAYS must be a whole number of days"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("'abc'"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("stoi"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << "no token may be printed: " << r.out;
    EXPECT_EQ(run_command(service_binary(),
                          {"admin", "create-token", "alice", "7d", "--database-url", db_.url()})
                  .exit_code,
              2);
    EXPECT_EQ(run_command(service_binary(),
                          {"admin", "create-token", "alice", "30", "--database-url", db_.url()})
                  .exit_code,
              0);
}

TEST_F(Validation, AWordListThatCannotBeReadStopsTheStartWithItsPath) {
    // Given explicitly, a missing word list is an error (only the default may be missing).
    CommandResult r = run_command(service_binary(), {"serve", "--port", "0", "--database-url",
                                                     db_.url(), "--lexicon", "/nonexistent/words"});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("--lexicon"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("/nonexistent/words"), std::string::npos) << r.err;
}

TEST_F(Validation, AnAccentedSlugAnswersInNfcAndNfdForms) {
    const Json composed = ok("GET", "/api/v1/articles/" + url_encode(kSlugNfc));
    EXPECT_EQ(composed["slug"], kSlugNfc);
    const Json decomposed = ok("GET", "/api/v1/articles/" + url_encode(kSlugNfd));
    EXPECT_EQ(decomposed["slug"], kSlugNfc);
    EXPECT_EQ(decomposed["title"], composed["title"]);
}

TEST_F(Validation, OnlyOfficialDepartementsAreAccepted) {
    // The search filter answers 400 like every other route that reads a territory.
    for (const std::string bad : {"abc", "20", "00", "96", "975", "2C", "1"}) {
        expect("GET", "/api/v1/search?territory=" + bad, "", "", 400, "invalid_parameter");
        expect("POST", "/api/v1/search", "", Json{{"territory", {bad}}}.dump(), 400,
               "invalid_parameter");
        expect("GET", "/api/v1/experts?territory=" + bad, "", "", 400, "invalid_parameter");
        expect("POST", "/api/v1/threads", alice_,
               Json{{"title", "Question posée pour le test"},
                    {"body", "Un corps de question assez long pour passer."},
                    {"territory", bad}}
                   .dump(),
               400, "invalid_parameter");
        expect("PUT", "/api/v1/me/profile", bruno_, Json{{"territory", bad}}.dump(), 400,
               "invalid_parameter");
    }
    EXPECT_EQ(ok("GET", "/api/v1/search?territory=59")["total"], 2);
    for (const std::string good : {"01", "19", "21", "95", "971", "974", "976"}) {
        EXPECT_EQ(
            ok("PUT", "/api/v1/me/profile", bruno_, Json{{"territory", good}}.dump())["territory"],
            good);
    }
    // Corsica in any case, stored upper-cased.
    EXPECT_EQ(ok("PUT", "/api/v1/me/profile", bruno_, R"({"territory":"2a"})")["territory"], "2A");
    EXPECT_EQ(ok("GET", "/api/v1/experts?territory=2a")["experts"].size(), 1u);
    const long long id = new_thread({{"territory", "2B"}});
    EXPECT_EQ(ok("GET", "/api/v1/threads/" + std::to_string(id))["territory"], "2B");
}

TEST_F(Validation, ContactEmailMustBeAPlausibleAddress) {
    for (const std::string bad :
         {"<script>@x.fr", "alice", "alice@", "@x.fr", "alice@x", "a b@x.fr", "alice@x..fr",
          "alice@-x.fr", ".alice@x.fr", "\"alice\"@x.fr", "alice@x.fr<img>"}) {
        expect("PUT", "/api/v1/me/profile", bruno_, Json{{"contact_email", bad}}.dump(), 400,
               "invalid_email");
    }
    ok("PUT", "/api/v1/me/profile", bruno_,
       R"({"contact_email":"bruno.martin+iae@jardins-du-nord.fr","contact_opt_in":true})");
    const Json experts = ok("GET", "/api/v1/experts");
    ASSERT_EQ(experts["experts"].size(), 1u);
    EXPECT_EQ(experts["experts"][0]["contact_email"], "bruno.martin+iae@jardins-du-nord.fr");
}

TEST_F(Validation, ProfileFieldsCanBeClearedWithNullOrAnEmptyString) {
    ok("PUT", "/api/v1/me/profile", bruno_,
       R"({"structure_name":"Jardins du Nord","structure_type":"ACI","territory":"59",
           "topics":["maraichage"],"contact_email":"bruno@example.org"})");
    const Json cleared = ok("PUT", "/api/v1/me/profile", bruno_,
                            R"({"structure_name":null,"structure_type":"","territory":null,
                                "topics":null,"contact_email":"  "})");
    EXPECT_TRUE(cleared["structure_name"].is_null()) << cleared.dump();
    EXPECT_TRUE(cleared["structure_type"].is_null()) << cleared.dump();
    EXPECT_TRUE(cleared["territory"].is_null()) << cleared.dump();
    EXPECT_EQ(cleared["topics"], Json::array());
    EXPECT_TRUE(cleared["contact_email"].is_null()) << cleared.dump();
    EXPECT_EQ(cleared["display_name"], "bruno");
    // A field left out keeps its value.
    ok("PUT", "/api/v1/me/profile", bruno_, R"({"territory":"13"})");
    EXPECT_EQ(
        ok("PUT", "/api/v1/me/profile", bruno_, R"({"structure_name":"Atelier"})")["territory"],
        "13");
    // The display name is required: it cannot be cleared.
    expect("PUT", "/api/v1/me/profile", bruno_, R"({"display_name":null})", 400, "empty_field");
    expect("PUT", "/api/v1/me/profile", bruno_, R"({"display_name":""})", 400, "empty_field");
    EXPECT_EQ(ok("GET", "/api/v1/me", bruno_)["display_name"], "bruno");
}

TEST_F(Validation, PostsHaveMinimumLengths) {
    const std::string ten = "Dix lettre";               // 10 characters
    const std::string twenty = "Vingt caractères ici";  // 20 characters
    expect("POST", "/api/v1/threads", alice_, R"({"title":"a","body":"b"})", 400,
           "title_too_short");
    expect("POST", "/api/v1/threads", alice_, Json{{"title", "Neuf lett"}, {"body", twenty}}.dump(),
           400, "title_too_short");
    expect("POST", "/api/v1/threads", alice_,
           Json{{"title", ten}, {"body", "Dix-neuf caractères"}}.dump(), 400, "body_too_short");
    // Surrounding spaces do not count.
    expect("POST", "/api/v1/threads", alice_,
           Json{{"title", "   Neuf lett   "}, {"body", twenty}}.dump(), 400, "title_too_short");
    const Json thread =
        ok("POST", "/api/v1/threads", alice_, Json{{"title", ten}, {"body", twenty}}.dump(), 201);
    const std::string t = "/api/v1/threads/" + thread["id"].dump();
    expect("PATCH", t, alice_, R"({"title":"Court"})", 400, "title_too_short");
    expect("PATCH", t, alice_, R"({"body":"Trop court"})", 400, "body_too_short");

    expect("POST", t + "/answers", bruno_, R"({"body":"a"})", 400, "body_too_short");
    const Json answer = ok("POST", t + "/answers", bruno_, R"({"body":"Oui"})", 201);
    expect("PATCH", "/api/v1/answers/" + answer["id"].dump(), bruno_, R"({"body":" x "})", 400,
           "body_too_short");
    // The messages are French and say the minimum.
    HttpResponse r = call("POST", "/api/v1/threads", alice_, R"({"title":"a","body":"b"})");
    EXPECT_NE(r.body.find("au moins 10 caract"), std::string::npos) << r.body;
}

TEST_F(Validation, AQuestionsStepStructureTypeAndTerritoryCanBeCorrected) {
    const long long id =
        new_thread({{"step", "moyens"}, {"structure_type", "ACI"}, {"territory", "59"}});
    const std::string t = "/api/v1/threads/" + std::to_string(id);
    const Json corrected =
        ok("PATCH", t, alice_, R"({"step":"avis-cdiae","structure_type":"ei","territory":"2A"})");
    EXPECT_EQ(corrected["step"], "avis-cdiae");
    EXPECT_EQ(corrected["structure_type"], "EI");
    EXPECT_EQ(corrected["territory"], "2A");
    EXPECT_EQ(corrected["title"], "Question posée pour le test");  // untouched
    // The search index follows: the question is now found under its new département.
    EXPECT_TRUE(poll_until([&] {
        return search_finds(port(), "kind=thread&territory=2A", "thread:" + std::to_string(id));
    }));

    const Json cleared = ok("PATCH", t, alice_, R"({"step":null,"territory":""})");
    EXPECT_TRUE(cleared["step"].is_null()) << cleared.dump();
    EXPECT_TRUE(cleared["territory"].is_null()) << cleared.dump();
    EXPECT_EQ(cleared["structure_type"], "EI");

    expect("PATCH", t, alice_, R"({"territory":"20"})", 400, "invalid_parameter");
    expect("PATCH", t, alice_, R"({"step":"inconnue"})", 400, "invalid_parameter");
    expect("PATCH", t, bruno_, R"({"territory":"13"})", 403, "forbidden");
    expect("PATCH", t, alice_, R"({})", 400, "empty_patch");
}

}  // namespace
}  // namespace kb::test
