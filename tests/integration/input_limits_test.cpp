/// @brief Input limits over HTTP: bounded lists and query words, the search deadline, and control
/// characters refused in every text input (query, path, JSON at any depth).
#include "abuse_support.hpp"

#include <chrono>

namespace kb::test {
namespace {

using Ms = std::chrono::milliseconds;

// Territory filters take real département codes: 20 of them, and a 21st.
const std::string kTwentyDepartements =
    "01,02,03,04,05,06,07,08,09,10,11,12,13,14,15,16,17,18,19,21";
const std::string kTwentyOneDepartements = kTwentyDepartements + ",22";

class InputLimits : public AbuseServer {
  protected:
    void SetUp() override {
        AbuseServer::SetUp();
        moderator_ = token("mona", "moderator");
        start({"--rate-limits", "false"});  // many requests from one address
    }
    std::string moderator_;
};

TEST_F(InputLimits, SixtyThousandTagsAreRefusedAtOnceNotSearched) {
    Json body = {{"q", "cdiae"}, {"tag", Json::array()}};
    for (int i = 0; i < 60000; ++i) body["tag"].push_back("t" + std::to_string(i));
    const auto started = std::chrono::steady_clock::now();
    HttpResponse r = call("POST", "/api/v1/search", "", body.dump());
    const auto took = std::chrono::steady_clock::now() - started;
    expect_problem(r, 400, "too_many_values", "POST /search with 60,000 tags");
    EXPECT_NE(Json::parse(r.body).value("detail", "").find("20"), std::string::npos) << r.body;
    EXPECT_LT(took, Ms(2000));

    expect_problem(call("GET", "/api/v1/search?q=cdiae&tag=" + numbered("t", 3000, ",")), 400,
                   "too_many_values", "GET /search with 3,000 tags");
}

TEST_F(InputLimits, EveryListParameterHoldsAtMostTwentyValues) {
    const std::string twenty = numbered("t", 20, ","), many = numbered("t", 21, ",");
    for (const std::string route : {"/api/v1/search?q=cdiae&tag=", "/api/v1/threads?tag=",
                                    "/api/v1/articles?tag=", "/api/v1/experts?topic="}) {
        EXPECT_EQ(call("GET", route + twenty).status, 200) << route;
        expect_problem(call("GET", route + many), 400, "too_many_values", route + "21 values");
    }
    EXPECT_EQ(call("GET", "/api/v1/experts?territory=" + kTwentyDepartements).status, 200);
    expect_problem(call("GET", "/api/v1/experts?territory=" + kTwentyOneDepartements), 400,
                   "too_many_values", "experts, 21 territories");
    Json search = {{"q", "cdiae"}, {"territory", Json::array()}};
    for (int i = 0; i < 21; ++i) search["territory"].push_back(std::to_string(10 + i));
    expect_problem(call("POST", "/api/v1/search", "", search.dump()), 400, "too_many_values",
                   "POST /search with 21 territories");
    Json thread = {{"title", "Une question"},
                   {"body", "Un texte de question assez long."},
                   {"tags", Json::array()}};
    for (int i = 0; i < 21; ++i) thread["tags"].push_back("t" + std::to_string(i));
    expect_problem(call("POST", "/api/v1/threads", moderator_, thread.dump()), 400,
                   "too_many_values", "POST /threads with 21 tags");
}

TEST_F(InputLimits, FiltersAndQueryWordsAreBoundedInTotal) {
    // 20 tags + 20 territories + 1 status: each filter within its bound, 41 in all.
    const std::string filters =
        "&tag=" + numbered("t", 20, ",") + "&territory=" + kTwentyDepartements + "&status=solved";
    expect_problem(call("GET", "/api/v1/search?q=cdiae" + filters), 400, "too_many_values",
                   "41 filter values");
    const std::string words32 = numbered("mot", 32, "%20"), words33 = numbered("mot", 33, "%20");
    EXPECT_EQ(call("GET", "/api/v1/search?q=" + words32).status, 200);
    expect_problem(call("GET", "/api/v1/search?q=" + words33), 400, "too_many_words", "33 words");
    expect_problem(call("GET", "/api/v1/suggest?q=" + words33), 400, "too_many_words",
                   "suggest, 33 words");
}

TEST_F(InputLimits, ASearchPastItsDeadlineAnswersAtOnceWithWhatItHas) {
    Json normal = ok("GET", "/api/v1/search?q=conventionnement");
    EXPECT_EQ(normal["partial"], false);
    EXPECT_GT(normal["total"].get<int>(), 0);

    start({"--rate-limits", "false", "--search-deadline-ms", "0"});
    for (int i = 0; i < 2; ++i) {
        const auto started = std::chrono::steady_clock::now();
        HttpResponse r = call("GET", "/api/v1/search?q=conventionnement");
        EXPECT_LT(std::chrono::steady_clock::now() - started, Ms(2000));
        ASSERT_EQ(r.status, 200) << r.body;
        const Json a = Json::parse(r.body);
        EXPECT_EQ(a["partial"], true) << r.body;
        EXPECT_EQ(a["total_exact"], false) << r.body;
        // A partial answer depends on the moment, not only on the index: never served cached.
        EXPECT_EQ(r.header("x-search-cache"), "miss");
    }
}

TEST_F(InputLimits, ControlCharactersInQueryAndPathAreRefused) {
    for (const std::string target :
         {"/api/v1/threads?tag=a%00b", "/api/v1/articles?tag=a%00b", "/api/v1/experts?topic=%00",
          "/api/v1/experts?territory=5%009", "/api/v1/search?q=a%01b", "/api/v1/search?q=a%7Fb",
          "/api/v1/search?q=a%C2%85b", "/api/v1/articles/a%00b", "/api/v1/threads/1%00"}) {
        expect_problem(call("GET", target), 400, "invalid_text", target);
    }
    // Tab and newline are text.
    EXPECT_EQ(call("GET", "/api/v1/search?q=pass%09iae%0Aconventionnement").status, 200);
}

TEST_F(InputLimits, ControlCharactersInJsonAreRefusedAtAnyDepthAndNothingIsStored) {
    const std::string member = token("alice", "member");
    expect_problem(call("POST", "/api/v1/threads", member,
                        R"({"title": "Une question", "body": "body \u0000 nul"})"),
                   400, "invalid_text", "NUL in a thread body");
    expect_problem(call("PUT", "/api/v1/me/profile", member, R"({"display_name": "x\u0000y"})"),
                   400, "invalid_text", "NUL in a display name");
    expect_problem(call("POST", "/api/v1/search", "", R"({"q": "a", "tag": ["ok", "a\u0001"]})"),
                   400, "invalid_text", "control character in a list item");
    expect_problem(
        call("POST", "/api/v1/search", "", R"({"q": "a", "x\u0002": {"y": ["\u001b"]}})"), 400,
        "invalid_text", "control characters in a key and deep inside");
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM threads"), "0");
    EXPECT_EQ(db_.scalar("SELECT display_name FROM users WHERE login = 'alice'"), "alice");

    Json made = ok("POST", "/api/v1/threads", member,
                   Json{{"title", "Une question"}, {"body", "ligne\tun\r\nligne deux"}}.dump());
    EXPECT_EQ(db_.scalar("SELECT body_markdown FROM threads"), "ligne\tun\r\nligne deux");
}

}  // namespace
}  // namespace kb::test
