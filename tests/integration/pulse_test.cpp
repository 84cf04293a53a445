/// @brief The indicators over HTTP on a small data set whose figures were worked out by hand.
#include "http_client.hpp"
#include "indicator_definitions.hpp"
#include "process.hpp"
#include "pulse_data.hpp"
#include "test_env.hpp"

#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <nlohmann/json.hpp>

#include <ctime>

namespace kb::test {
namespace {

using Json = nlohmann::json;

std::string utc_today() {
    const std::time_t now = std::time(nullptr);
    char buffer[16];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d", std::gmtime(&now));
    return buffer;
}

class Pulse : public ::testing::Test {
  protected:
    void SetUp() override {
        const std::string asker = make_user(db_, "asker", "member");
        const std::string member = make_user(db_, "member", "member");
        const std::string e1 = make_user(db_, "expert.one", "expert", "75", "ACI");
        const std::string e2 = make_user(db_, "expert.two", "expert", "13", "EI");
        const std::string e3 = make_user(db_, "expert.three", "expert", "75", "ACI");
        // T1: answered after 2 h by e1, accepted.
        const std::string t1 = thread(db_, asker, "2026-01-05T10:00:00Z", "'75'", "'ACI'");
        const std::string a1 = answer(db_, t1, e1, "2026-01-05T12:00:00Z");
        (void)db_.scalar("UPDATE threads SET accepted_answer_id = " + a1 + " WHERE id = " + t1);
        // T2: answered after 54 h by e2.
        const std::string t2 = thread(db_, asker, "2026-01-06T00:00:00Z", "'13'", "'EI'");
        answer(db_, t2, e2, "2026-01-08T06:00:00Z");
        // T3: only the asker's own follow-up: unanswered.
        const std::string t3 = thread(db_, asker, "2026-01-07T00:00:00Z", "'75'", "'ACI'");
        (void)db_.scalar(
            "UPDATE threads SET tags = '{financement}', title = 'Aide & <poste>' "
            "WHERE id = " +
            t3);
        answer(db_, t3, asker, "2026-01-07T01:00:00Z");
        // T4: e3's answer after 10 h is hidden; the member's after 24 h counts.
        const std::string t4 = thread(db_, asker, "2026-01-12T00:00:00Z");
        answer(db_, t4, e3, "2026-01-12T10:00:00Z", true);
        answer(db_, t4, member, "2026-01-13T00:00:00Z");
        // Not counted: a hidden question, and one before the period.
        thread(db_, asker, "2026-01-14T00:00:00Z", "NULL", "NULL", true);
        answer(db_, thread(db_, asker, "2025-12-01T00:00:00Z"), e1, "2025-12-01T01:00:00Z");
        // Members seen: the member in the week of the 5th, asker and e1 in the week of the 12th.
        (void)db_.scalar("INSERT INTO member_activity (week, user_id) VALUES ('2026-01-05', " +
                         member + "), ('2026-01-12', " + asker + "), ('2026-01-12', " + e1 + ")");
        service_ = std::make_unique<ServiceProcess>(db_.url(), index_.path());
    }

    Json get(const std::string& target, int expected = 200) {
        HttpResponse r = http_request(service_->port(), "GET", target);
        EXPECT_EQ(r.status, expected) << target << " -> " << r.body << "\n" << service_->log();
        return Json::parse(r.body, nullptr, false);
    }
    static double value(const Json& doc, const std::string& key) {
        return doc["indicators"][key]["value"].get<double>();
    }

    TestDatabase db_;
    TempDir index_;
    std::unique_ptr<ServiceProcess> service_;
};

TEST_F(Pulse, FiguresOfAKnownPeriodAreTheOnesWorkedOutByHand) {
    Json doc = get("/api/v1/indicators?from=2026-01-05&to=2026-01-18");
    EXPECT_EQ(value(doc, "questions"), 4);
    EXPECT_DOUBLE_EQ(value(doc, "answered_share"), 0.75);
    EXPECT_DOUBLE_EQ(value(doc, "solved_share"), 0.25);
    EXPECT_DOUBLE_EQ(value(doc, "first_answer_median_hours"), 24.0);
    EXPECT_DOUBLE_EQ(value(doc, "first_answer_p90_hours"), 48.0);  // 24 + 0.8 × (54 − 24)
    EXPECT_DOUBLE_EQ(value(doc, "answered_within_48h_share"), 0.5);
    EXPECT_EQ(value(doc, "active_experts"), 2);  // e3's only answer is hidden
    EXPECT_EQ(value(doc, "weekly_active_members"), 2);
    EXPECT_EQ(value(doc, "published_resources"), 0);
    EXPECT_EQ(doc["indicators"]["answered_share"]["target"], 1.0);
    EXPECT_EQ(doc["indicators"]["solved_share"]["target"], 0.25);
    EXPECT_EQ(doc["indicators"]["active_experts"]["target"], 500.0);
    EXPECT_EQ(doc["indicators"]["weekly_active_members"]["target"], 5000.0);
    EXPECT_EQ(doc["indicators"]["published_resources"]["target"], 40.0);
    EXPECT_EQ(doc["unanswered"]["by_territory"], Json::parse(R"([{"territory":"75","count":1}])"));
    EXPECT_EQ(doc["unanswered"]["by_structure_type"],
              Json::parse(R"([{"structure_type":"ACI","count":1}])"));
}

TEST_F(Pulse, FiltersApplyToQuestionsAndToExpertProfiles) {
    Json doc = get("/api/v1/indicators?from=2026-01-05&to=2026-01-18&territory=75");
    EXPECT_EQ(value(doc, "questions"), 2);  // T1 and T3
    EXPECT_DOUBLE_EQ(value(doc, "answered_share"), 0.5);
    EXPECT_DOUBLE_EQ(value(doc, "solved_share"), 0.5);
    EXPECT_EQ(value(doc, "active_experts"), 1);  // e1 (e3's answer is hidden, e2 is in 13)
    doc = get("/api/v1/indicators?from=2026-01-05&to=2026-01-18&structure_type=EI");
    EXPECT_EQ(value(doc, "questions"), 1);
    EXPECT_DOUBLE_EQ(value(doc, "answered_within_48h_share"), 0.0);  // 54 h
}

TEST_F(Pulse, WeeklySeriesEndsWithTheWeekOfToAndLeavesEmptyWeeksWithoutShares) {
    Json doc = get("/api/v1/indicators?from=2026-01-05&to=2026-01-18");
    const Json& weeks = doc["weekly"];
    ASSERT_EQ(weeks.size(), 52u);
    EXPECT_EQ(weeks.back()["week"], "2026-01-12");
    EXPECT_EQ(weeks[50]["week"], "2026-01-05");
    EXPECT_EQ(weeks[50]["questions"], 3);
    EXPECT_DOUBLE_EQ(weeks[50]["answered_share"].get<double>(), 0.6667);
    EXPECT_EQ(weeks[51]["questions"], 1);
    EXPECT_DOUBLE_EQ(weeks[51]["answered_share"].get<double>(), 1.0);
    EXPECT_EQ(weeks[51]["active_experts"], 2);
    EXPECT_EQ(weeks[51]["weekly_active_members"], 2);
    EXPECT_EQ(weeks[50]["weekly_active_members"], 1);
    EXPECT_TRUE(weeks[10]["answered_share"].is_null());
    EXPECT_EQ(weeks[10]["questions"], 0);
}

TEST_F(Pulse, CsvExportsCarryTheSameFigures) {
    HttpResponse r = http_request(service_->port(), "GET",
                                  "/api/v1/indicators?from=2026-01-05&to=2026-01-18&format=csv");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.header("content-type"), "text/csv; charset=utf-8");
    EXPECT_NE(r.header("content-disposition").find("attachment"), std::string::npos);
    EXPECT_EQ(r.body.rfind("indicateur,libelle,valeur,cible\r\n", 0), 0u);
    EXPECT_NE(r.body.find("\r\nanswered_share,"), std::string::npos);
    EXPECT_NE(r.body.find(",0.75,1.0\r\n"), std::string::npos) << r.body;
    r = http_request(service_->port(), "GET",
                     "/api/v1/indicators?from=2026-01-05&to=2026-01-18&format=csv&series=weekly");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.body.rfind("semaine,questions,answered_share,", 0), 0u) << r.body;
    EXPECT_NE(r.body.find("\r\n2026-01-05,3,0.6667,"), std::string::npos) << r.body;
}

TEST_F(Pulse, PostsAndReadsThroughTheApiFeedTheFigures) {
    // The trigger keeps first answers, and an authenticated request counts its member as active.
    CommandResult token = run_command(
        service_binary(), {"admin", "create-token", "member", "--database-url", db_.url()});
    ASSERT_EQ(token.exit_code, 0) << token.err;
    const std::string bearer = "Bearer " + token.out.substr(0, token.out.find('\n'));
    CommandResult expert_token = run_command(
        service_binary(), {"admin", "create-token", "expert.two", "--database-url", db_.url()});
    ASSERT_EQ(expert_token.exit_code, 0);
    const std::string expert = "Bearer " + expert_token.out.substr(0, expert_token.out.find('\n'));
    // Today only, so that the set-up's questions of January stay out.
    const std::string today = "/api/v1/indicators?from=" + utc_today() + "&to=" + utc_today();
    Json before = get(today);
    EXPECT_EQ(value(before, "questions"), 0);
    HttpResponse posted =
        http_request(service_->port(), "POST", "/api/v1/threads",
                     Json{{"title", "Comment calculer l'aide au poste ?"},
                          {"body", "Je cherche le montant de l'aide au poste pour un ACI."}}
                         .dump(),
                     {{"Authorization", bearer}});
    ASSERT_EQ(posted.status, 201) << posted.body;
    const std::string id = std::to_string(Json::parse(posted.body)["id"].get<long long>());
    Json unanswered = get(today);
    EXPECT_EQ(value(unanswered, "questions"), 1);
    EXPECT_DOUBLE_EQ(value(unanswered, "answered_share"), 0.0);
    EXPECT_EQ(value(unanswered, "weekly_active_members"), 1);
    HttpResponse answered =
        http_request(service_->port(), "POST", "/api/v1/threads/" + id + "/answers",
                     Json{{"body", "Le montant est fixé chaque année par arrêté."}}.dump(),
                     {{"Authorization", expert}});
    ASSERT_EQ(answered.status, 201) << answered.body;
    Json after = get(today);
    EXPECT_DOUBLE_EQ(value(after, "answered_share"), 1.0);
    EXPECT_GE(value(after, "first_answer_median_hours"), 0.0);
    // No question of today is 48 h old yet: the share has no denominator.
    EXPECT_TRUE(after["indicators"]["answered_within_48h_share"]["value"].is_null());
    EXPECT_EQ(value(after, "weekly_active_members"), 2);
    EXPECT_EQ(value(after, "active_experts"), 1);
}

TEST_F(Pulse, BadPeriodsAndFiltersAreRefusedWithProblems) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"from=2026-02-30", "invalid_date"},
        {"to=2026-1-5", "invalid_date"},
        {"from=demain", "invalid_date"},
        {"from=2026-01-18&to=2026-01-05", "invalid_period"},
        {"from=2018-01-01&to=2026-01-05", "invalid_period"},
        {"territory=abc", "invalid_parameter"},
        {"structure_type=XYZ", "invalid_parameter"},
        {"format=xml", "invalid_parameter"},
        {"series=daily", "invalid_parameter"},
    };
    for (const auto& [query, code] : cases) {
        HttpResponse r = http_request(service_->port(), "GET", "/api/v1/indicators?" + query);
        EXPECT_EQ(r.status, 400) << query << " -> " << r.body;
        EXPECT_EQ(r.header("content-type"), "application/problem+json") << query;
        EXPECT_EQ(Json::parse(r.body, nullptr, false)["code"], code) << query << " -> " << r.body;
    }
}

// The entries' titles of an Atom document, after checking it parses as XML with the Atom
// namespace at its root.
std::vector<std::string> atom_titles(const std::string& xml) {
    std::vector<std::string> titles;
    xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "feed.xml", nullptr,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (doc == nullptr) {
        ADD_FAILURE() << "not well-formed XML:\n" << xml;
        return titles;
    }
    xmlNodePtr root = xmlDocGetRootElement(doc);
    EXPECT_STREQ(reinterpret_cast<const char*>(root->name), "feed");
    EXPECT_STREQ(reinterpret_cast<const char*>(root->ns->href), "http://www.w3.org/2005/Atom");
    for (xmlNodePtr e = root->children; e != nullptr; e = e->next) {
        if (e->type != XML_ELEMENT_NODE || xmlStrcmp(e->name, BAD_CAST "entry") != 0) continue;
        for (xmlNodePtr f = e->children; f != nullptr; f = f->next) {
            if (f->type == XML_ELEMENT_NODE && xmlStrcmp(f->name, BAD_CAST "title") == 0) {
                xmlChar* text = xmlNodeGetContent(f);
                titles.emplace_back(reinterpret_cast<const char*>(text));
                xmlFree(text);
            }
        }
    }
    xmlFreeDoc(doc);
    return titles;
}

TEST_F(Pulse, UnansweredFeedIsAtomWithTheUnansweredQuestionsOfItsFilter) {
    HttpResponse r = http_request(service_->port(), "GET", "/flux/questions-sans-reponse.atom");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("content-type"), "application/atom+xml; charset=utf-8");
    // T3 only: T1, T2 and T4 have an answer from someone else, T5 is hidden.
    EXPECT_EQ(atom_titles(r.body), std::vector<std::string>{"Aide & <poste>"});
    const std::vector<std::pair<std::string, std::size_t>> filters = {
        {"?tag=financement", 1}, {"?tag=autre", 0},          {"?territory=75", 1},
        {"?territory=13", 0},    {"?structure_type=ACI", 1}, {"?structure_type=EI", 0}};
    for (const auto& [query, expected] : filters) {
        r = http_request(service_->port(), "GET", "/flux/questions-sans-reponse.atom" + query);
        ASSERT_EQ(r.status, 200) << query;
        EXPECT_EQ(atom_titles(r.body).size(), expected) << query;
    }
    r = http_request(service_->port(), "GET", "/flux/questions-sans-reponse.atom?territory=abc");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.header("content-type"), "application/problem+json");
}

TEST(PulseDefinitions, EveryIndicatorIsDefinedInTheReadme) {
    const std::string readme = read_file(source_dir() / "README.md");
    for (const auto& d : indicator_definitions()) {
        EXPECT_NE(readme.find("`" + d.key + "`"), std::string::npos) << d.key;
    }
}

}  // namespace
}  // namespace kb::test
