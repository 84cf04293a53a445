/// @brief Moderation over HTTP: members' flags (one open per member and item), the queue with
/// everything a moderator decides on, actions resolving its entries, and the log of every act.
#include "resource_fixture.hpp"

#include "api_assertions.hpp"

namespace kb::test {
namespace {

using Moderation = Resources;

Json flag(long long id, const std::string& kind, const std::string& reason) {
    return {{"item_kind", kind}, {"item_id", id}, {"reason", reason}};
}

TEST_F(Moderation, WhoMayFlagReadTheQueueAndTheLogAndDismiss) {
    const long long id = published("Ressource signalée");
    const std::string body = flag(id, "resource", "spam").dump();
    EXPECT_EQ(call("POST", "/api/v1/flags", "", body).status, 401);
    Json made = ok("POST", "/api/v1/flags", carol_, body, 201);
    const std::string dismiss = "/api/v1/flags/" + std::to_string(made.value("id", 0)) + "/dismiss";
    for (const std::string& target :
         {std::string("/api/v1/moderation/queue"), std::string("/api/v1/moderation/log")}) {
        EXPECT_EQ(call("GET", target, "").status, 401) << target;
        EXPECT_EQ(call("GET", target, alice_).status, 403) << target;
        EXPECT_EQ(call("GET", target, expert_).status, 403) << target;
        EXPECT_EQ(call("GET", target, moderator_).status, 200) << target;
    }
    EXPECT_EQ(call("POST", dismiss, "").status, 401);
    EXPECT_EQ(call("POST", dismiss, carol_).status, 403);
    EXPECT_EQ(call("POST", dismiss, expert_).status, 403);
    EXPECT_EQ(call("POST", dismiss, moderator_).status, 200);
    expect_problem(call("POST", dismiss, moderator_), 409, "flag_not_open");
}

TEST_F(Moderation, TheQueueHoldsWhatModeratorsDecideOnAndActionsResolveIt) {
    const long long pending =
        submit(alice_, "Annuaire des SIAE en attente", {{"link", "https://annuaire.example"}});
    const long long flagged = published("Guide obsolète");
    const long long broken = submit(alice_, "Rapport illisible");
    ASSERT_EQ(upload(broken, alice_, "rapport.pdf", "%PDF-1.4\nrien\n%%EOF\n").status, 200);
    ASSERT_EQ(wait_extraction(broken), "failed");
    Json thread =
        ok("POST", "/api/v1/threads", alice_,
           R"({"title":"Question signalée","body":"Un corps assez long pour la question."})", 201);
    ok("POST", "/api/v1/flags", carol_, flag(flagged, "resource", "obsolete").dump(), 201);
    ok("POST", "/api/v1/flags", expert_, flag(flagged, "resource", "errone").dump(), 201);
    expect_problem(call("POST", "/api/v1/flags", carol_, flag(flagged, "resource", "spam").dump()),
                   409, "flag_exists");
    Json on_thread =
        ok("POST", "/api/v1/flags", carol_, flag(thread["id"], "thread", "doublon").dump(), 201);
    // Only visible items can be flagged; "autre" needs a comment.
    expect_problem(call("POST", "/api/v1/flags", carol_, flag(pending, "resource", "spam").dump()),
                   404, "item_not_found");
    expect_problem(call("POST", "/api/v1/flags", carol_, flag(999999, "answer", "spam").dump()),
                   404, "item_not_found");
    expect_problem(call("POST", "/api/v1/flags", carol_, flag(flagged, "resource", "autre").dump()),
                   400, "missing_field");
    expect_problem(call("POST", "/api/v1/flags", carol_, flag(flagged, "post", "spam").dump()), 400,
                   "invalid_parameter");
    ASSERT_EQ(call("GET", "/api/v1/search?q=zzqqxxwvk", "").status, 200);  // a miss

    Json queue = ok("GET", "/api/v1/moderation/queue", moderator_);
    ASSERT_EQ(queue["pending_resources"].size(), 2u) << queue.dump();
    EXPECT_EQ(queue["pending_resources"][0]["id"], pending);
    EXPECT_EQ(queue["pending_resources"][0]["author"]["display_name"], "Alice");
    ASSERT_EQ(queue["flags"].size(), 2u);
    EXPECT_EQ(queue["flags"][0]["item_id"], flagged);  // most flagged first
    EXPECT_EQ(queue["flags"][0]["count"], 2);
    EXPECT_EQ(queue["flags"][0]["title"], "Guide obsolète");
    EXPECT_EQ(queue["flags"][0]["flags"][1]["reason"], "errone");
    ASSERT_EQ(queue["zero_result_searches"].size(), 1u);
    EXPECT_EQ(queue["zero_result_searches"][0]["query"], "zzqqxxwvk");
    ASSERT_EQ(queue["extraction_failures"].size(), 1u);
    EXPECT_EQ(queue["extraction_failures"][0]["id"], broken);
    EXPECT_FALSE(queue["extraction_failures"][0]["error"].get<std::string>().empty());

    // Acting resolves: approving leaves the pending list, hiding resolves the item's flags,
    // dismissing resolves one flag.
    ok("POST", url(pending, "/approve"), moderator_);
    ok("POST", url(flagged, "/hide"), moderator_, R"({"reason":"Remplacé par le guide 2026"})");
    ok("POST", "/api/v1/flags/" + std::to_string(on_thread["id"].get<long long>()) + "/dismiss",
       moderator_);
    queue = ok("GET", "/api/v1/moderation/queue", moderator_);
    EXPECT_EQ(queue["pending_resources"].size(), 1u);  // the unreadable report, still pending
    EXPECT_TRUE(queue["flags"].empty()) << queue.dump();

    Json log =
        ok("GET", "/api/v1/moderation/log?item_kind=resource&item_id=" + std::to_string(flagged),
           moderator_);
    ASSERT_EQ(log["total"], 2);  // approved (published()) then hidden, newest first
    EXPECT_EQ(log["entries"][0]["action"], "hide");
    EXPECT_EQ(log["entries"][0]["reason"], "Remplacé par le guide 2026");
    EXPECT_EQ(log["entries"][0]["actor"]["display_name"], "Mona");
    EXPECT_EQ(log["entries"][0]["before"]["hidden"], false);
    EXPECT_EQ(log["entries"][0]["after"]["hidden"], true);
    EXPECT_EQ(log["entries"][1]["action"], "approve");
    Json all = ok("GET", "/api/v1/moderation/log", moderator_);
    EXPECT_EQ(all["entries"][0]["action"], "flag_dismiss");
}

}  // namespace
}  // namespace kb::test
