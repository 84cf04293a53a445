/// @brief The indicators' tables kept by triggers (schema/0017) follow later writes made through
/// the API (hidden answers and questions, restored ones, a question moved to another département,
/// an expert's new profile) and combined filters, with figures worked out by hand.
#include "accounts.hpp"
#include "api_assertions.hpp"
#include "http_client.hpp"
#include "process.hpp"
#include "pulse_data.hpp"
#include "test_env.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace kb::test {
namespace {

using Json = nlohmann::json;

// One week, Monday 5 to Sunday 11 January 2026.
const std::string kWeek = "/api/v1/indicators?from=2026-01-05&to=2026-01-11";

class PulseFacts : public ::testing::Test {
  protected:
    void SetUp() override {
        asker_token_ = create_user_with_token(db_.url(), "asker", "Asker", "member");
        e2_token_ = create_user_with_token(db_.url(), "expert.two", "Expert Two", "expert");
        moderator_ = create_user_with_token(db_.url(), "moderator", "Moderator", "moderator");
        const std::string asker = db_.scalar("SELECT id FROM users WHERE login = 'asker'");
        e1_ = make_user(db_, "expert.one", "expert", "75", "ACI");
        e2_ = db_.scalar(
            "UPDATE users SET territory = '13', structure_type = 'EI' WHERE login = 'expert.two' "
            "RETURNING id");
        // T1 (75, ACI): e1 answers after 2 h, accepted.
        t1_ = thread(db_, asker, "2026-01-05T10:00:00Z", "'75'", "'ACI'");
        a1_ = answer(db_, t1_, e1_, "2026-01-05T12:00:00Z");
        (void)db_.scalar("UPDATE threads SET accepted_answer_id = " + a1_ + " WHERE id = " + t1_ +
                         " RETURNING id");
        // T2 (75, EI): e2 answers after 24 h.
        t2_ = thread(db_, asker, "2026-01-06T00:00:00Z", "'75'", "'EI'");
        answer(db_, t2_, e2_, "2026-01-07T00:00:00Z");
        // T3 (13, ACI): unanswered.
        t3_ = thread(db_, asker, "2026-01-07T00:00:00Z", "'13'", "'ACI'");
        service_ = std::make_unique<ServiceProcess>(db_.url(), index_.path());
    }

    Json get(const std::string& target) {
        return expect_json(http_request(service_->port(), "GET", target), 200, target);
    }
    void call(const std::string& method, const std::string& target, const std::string& token,
              const Json& body = Json::object()) {
        expect_json(http_request(service_->port(), method, target, body.dump(),
                                 {{"Authorization", "Bearer " + token}}),
                    200, method + " " + target);
    }
    static Json value(const Json& doc, const std::string& key) {
        return doc["indicators"][key]["value"];
    }
    static Json week_value(const Json& doc, const std::string& week, const std::string& key) {
        for (const auto& w : doc["weekly"]) {
            if (w["week"] == week) return w[key];
        }
        return "no such week: " + week;
    }

    TestDatabase db_;
    TempDir index_;
    std::unique_ptr<ServiceProcess> service_;
    std::string asker_token_, e2_token_, moderator_;
    std::string e1_, e2_, t1_, a1_, t2_, t3_;
};

TEST_F(PulseFacts, BothFiltersTogetherKeepOnlyTheirQuestionsAndExperts) {
    Json doc = get(kWeek + "&territory=75&structure_type=ACI");
    EXPECT_EQ(value(doc, "questions"), 1);  // T1
    EXPECT_EQ(value(doc, "answered_share"), 1.0);
    EXPECT_EQ(value(doc, "solved_share"), 1.0);
    EXPECT_EQ(value(doc, "first_answer_median_hours"), 2.0);
    EXPECT_EQ(value(doc, "active_experts"), 1);  // e1
    EXPECT_EQ(week_value(doc, "2026-01-05", "questions"), 1);
    EXPECT_EQ(week_value(doc, "2026-01-05", "active_experts"), 1);

    doc = get(kWeek + "&territory=75&structure_type=EI");
    EXPECT_EQ(value(doc, "questions"), 1);  // T2
    EXPECT_EQ(value(doc, "solved_share"), 0.0);
    EXPECT_EQ(value(doc, "first_answer_median_hours"), 24.0);
    EXPECT_EQ(value(doc, "answered_within_48h_share"), 1.0);
    EXPECT_EQ(value(doc, "active_experts"), 0);  // e2 is in 13

    doc = get(kWeek + "&territory=13&structure_type=ACI");
    EXPECT_EQ(value(doc, "questions"), 1);  // T3
    EXPECT_EQ(value(doc, "answered_share"), 0.0);
    EXPECT_TRUE(value(doc, "first_answer_median_hours").is_null());
    EXPECT_EQ(doc["unanswered"]["by_territory"], Json::parse(R"([{"territory":"13","count":1}])"));
}

TEST_F(PulseFacts, LaterWritesThroughTheApiMoveTheFigures) {
    Json doc = get(kWeek);
    EXPECT_EQ(value(doc, "questions"), 3);
    EXPECT_EQ(value(doc, "answered_share"), 0.6667);
    EXPECT_EQ(value(doc, "solved_share"), 0.3333);
    EXPECT_EQ(value(doc, "first_answer_median_hours"), 13.0);  // (2 + 24) / 2
    EXPECT_EQ(value(doc, "first_answer_p90_hours"), 21.8);     // 2 + 0.9 × 22
    EXPECT_EQ(value(doc, "active_experts"), 2);
    EXPECT_EQ(week_value(doc, "2026-01-05", "active_experts"), 2);

    // The accepted answer hidden: T1 is neither answered nor solved, e1 no longer active.
    call("POST", "/api/v1/answers/" + a1_ + "/hide", moderator_);
    doc = get(kWeek);
    EXPECT_EQ(value(doc, "answered_share"), 0.3333);
    EXPECT_EQ(value(doc, "solved_share"), 0.0);
    EXPECT_EQ(value(doc, "first_answer_median_hours"), 24.0);
    EXPECT_EQ(value(doc, "active_experts"), 1);
    EXPECT_EQ(week_value(doc, "2026-01-05", "active_experts"), 1);
    EXPECT_EQ(doc["unanswered"]["by_territory"],
              Json::parse(R"([{"territory":"13","count":1},{"territory":"75","count":1}])"));

    // T3 moved to Paris by its asker.
    call("PATCH", "/api/v1/threads/" + t3_, asker_token_, {{"territory", "75"}});
    doc = get(kWeek + "&territory=75");
    EXPECT_EQ(value(doc, "questions"), 3);
    EXPECT_EQ(doc["unanswered"]["by_territory"], Json::parse(R"([{"territory":"75","count":2}])"));

    // T2 hidden: two questions left, neither answered.
    call("POST", "/api/v1/threads/" + t2_ + "/hide", moderator_);
    doc = get(kWeek);
    EXPECT_EQ(value(doc, "questions"), 2);
    EXPECT_EQ(value(doc, "answered_share"), 0.0);
    EXPECT_TRUE(value(doc, "first_answer_median_hours").is_null());

    // The answer restored: T1 answered and solved again, e1 active again.
    call("POST", "/api/v1/answers/" + a1_ + "/restore", moderator_);
    doc = get(kWeek);
    EXPECT_EQ(value(doc, "answered_share"), 0.5);
    EXPECT_EQ(value(doc, "solved_share"), 0.5);
    EXPECT_EQ(value(doc, "first_answer_median_hours"), 2.0);
    EXPECT_EQ(week_value(doc, "2026-01-05", "active_experts"), 2);
}

TEST_F(PulseFacts, ExpertsSeriesFollowsRunsOfActiveWeeksAndTheCurrentProfile) {
    // e2 also answered on Monday 2 June and Monday 6 October 2025: active from each of those
    // weeks through the 12 weeks after it.
    const std::string old = thread(db_, e1_, "2025-06-01T00:00:00Z");
    answer(db_, old, e2_, "2025-06-02T09:00:00Z");
    answer(db_, old, e2_, "2025-10-06T09:00:00Z");
    Json doc = get(kWeek + "&territory=13");
    EXPECT_EQ(week_value(doc, "2025-05-26", "active_experts"), 0);
    EXPECT_EQ(week_value(doc, "2025-06-02", "active_experts"), 1);
    EXPECT_EQ(week_value(doc, "2025-08-25", "active_experts"), 1);  // 12 weeks after
    EXPECT_EQ(week_value(doc, "2025-09-01", "active_experts"), 0);
    EXPECT_EQ(week_value(doc, "2025-09-29", "active_experts"), 0);
    EXPECT_EQ(week_value(doc, "2025-10-06", "active_experts"), 1);
    EXPECT_EQ(week_value(doc, "2026-01-05", "active_experts"), 1);  // and January's answer

    // An answer on 1 September fills the gap: one run from June on.
    answer(db_, old, e2_, "2025-09-01T09:00:00Z");
    doc = get(kWeek + "&territory=13");
    EXPECT_EQ(week_value(doc, "2025-09-01", "active_experts"), 1);
    EXPECT_EQ(week_value(doc, "2025-09-29", "active_experts"), 1);

    // e2 moves to Paris: the series follows the profile as it is now.
    call("PUT", "/api/v1/me/profile", e2_token_, {{"territory", "75"}});
    doc = get(kWeek + "&territory=13");
    EXPECT_EQ(week_value(doc, "2025-09-01", "active_experts"), 0);
    doc = get(kWeek + "&territory=75");
    EXPECT_EQ(week_value(doc, "2025-09-01", "active_experts"), 1);
    EXPECT_EQ(week_value(doc, "2026-01-05", "active_experts"), 2);  // e1 and e2
}

}  // namespace
}  // namespace kb::test
