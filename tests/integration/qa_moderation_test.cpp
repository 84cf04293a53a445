/// @brief Q&A moderation acts over HTTP go to the moderation log like resource acts: hiding and
/// restoring threads and answers (a hide resolves the item's open flags and leaves the queue),
/// moderators changing someone else's acceptance, role changes.
#include "resource_fixture.hpp"

#include "api_assertions.hpp"

namespace kb::test {
namespace {

using QaModeration = Resources;

class QaModerationActs : public QaModeration {
  protected:
    long long ask(const std::string& title) {
        Json body = {{"title", title},
                     {"body", "Une question assez longue pour être posée ici même."}};
        return ok("POST", "/api/v1/threads", alice_, body.dump(), 201).value("id", 0LL);
    }
    long long answer(long long thread, const std::string& token, const std::string& text) {
        Json body = {{"body", text}};
        return ok("POST", "/api/v1/threads/" + std::to_string(thread) + "/answers", token,
                  body.dump(), 201)
            .value("id", 0LL);
    }
    long long flag(const std::string& kind, long long id, const std::string& token) {
        Json body = {{"item_kind", kind}, {"item_id", id}, {"reason", "spam"}};
        return ok("POST", "/api/v1/flags", token, body.dump(), 201).value("id", 0LL);
    }
    Json log_of(const std::string& kind, long long id) {
        return ok("GET",
                  "/api/v1/moderation/log?item_kind=" + kind + "&item_id=" + std::to_string(id),
                  moderator_);
    }
    bool queued(const std::string& kind, long long id) {
        const Json queue = ok("GET", "/api/v1/moderation/queue", moderator_);
        for (const auto& entry : queue["flags"])
            if (entry["item_kind"] == kind && entry["item_id"] == id) return true;
        return false;
    }
    std::string flag_status(long long flag_id) {
        return db_.scalar("SELECT status FROM flags WHERE id = " + std::to_string(flag_id));
    }
    long long user_id(const std::string& token) { return ok("GET", "/api/v1/me", token)["id"]; }
};

TEST_F(QaModerationActs, HidingAFlaggedAnswerResolvesItsFlagsAndIsLogged) {
    const long long thread = ask("Comment présenter le bilan d'activité ?");
    const long long spam = answer(thread, carol_, "Achetez nos formations miracles !");
    const long long first = flag("answer", spam, expert_);
    const long long second = flag("answer", spam, alice_);
    ASSERT_TRUE(queued("answer", spam));

    const std::string hide = "/api/v1/answers/" + std::to_string(spam) + "/hide";
    expect_problem(
        call("POST", hide, moderator_, Json({{"reason", std::string(1001, 'x')}}).dump()), 400,
        "reason_too_long");
    ok("POST", hide, moderator_, R"({"reason":"Publicité"})");
    EXPECT_EQ(flag_status(first), "resolved");
    EXPECT_EQ(flag_status(second), "resolved");
    EXPECT_FALSE(queued("answer", spam));

    Json log = log_of("answer", spam);
    ASSERT_EQ(log["total"], 1) << log.dump();
    const Json& entry = log["entries"][0];
    EXPECT_EQ(entry["action"], "hide");
    EXPECT_EQ(entry["actor"]["display_name"], "Mona");
    EXPECT_EQ(entry["reason"], "Publicité");
    EXPECT_EQ(entry["before"], Json({{"hidden", false}}));
    EXPECT_EQ(entry["after"]["hidden"], true);
    EXPECT_EQ(entry["after"]["resolved_flags"], Json::array({first, second}));
    EXPECT_FALSE(entry["created_at"].get<std::string>().empty());

    // Hiding it again changes nothing and logs nothing; restoring is logged.
    ok("POST", hide, moderator_);
    EXPECT_EQ(log_of("answer", spam)["total"], 1);
    ok("POST", "/api/v1/answers/" + std::to_string(spam) + "/restore", moderator_);
    log = log_of("answer", spam);
    ASSERT_EQ(log["total"], 2);
    EXPECT_EQ(log["entries"][0]["action"], "restore");
    EXPECT_EQ(log["entries"][0]["reason"], nullptr);
    EXPECT_EQ(log["entries"][0]["before"], Json({{"hidden", true}}));
    EXPECT_EQ(log["entries"][0]["after"], Json({{"hidden", false}}));
}

TEST_F(QaModerationActs, HidingAThreadResolvesItsFlagsAndThoseOnItsAnswers) {
    const long long thread = ask("Question hors sujet sur les voitures");
    const long long reply = answer(thread, carol_, "Réponse tout aussi hors sujet");
    const long long on_thread = flag("thread", thread, expert_);
    const long long on_answer = flag("answer", reply, expert_);
    const long long elsewhere = flag("thread", ask("Une autre question signalée ici"), expert_);
    ok("POST", "/api/v1/threads/" + std::to_string(thread) + "/hide", moderator_,
       R"({"reason":"Hors sujet"})");
    EXPECT_EQ(flag_status(on_thread), "resolved");
    EXPECT_EQ(flag_status(on_answer), "resolved");
    EXPECT_EQ(flag_status(elsewhere), "open");
    EXPECT_FALSE(queued("thread", thread));
    EXPECT_FALSE(queued("answer", reply));
    Json log = log_of("thread", thread);
    ASSERT_EQ(log["total"], 1);
    EXPECT_EQ(log["entries"][0]["action"], "hide");
    EXPECT_EQ(log["entries"][0]["reason"], "Hors sujet");
    EXPECT_EQ(log["entries"][0]["after"]["resolved_flags"], Json::array({on_thread, on_answer}));
    ok("POST", "/api/v1/threads/" + std::to_string(thread) + "/restore", moderator_);
    EXPECT_EQ(log_of("thread", thread)["entries"][0]["action"], "restore");
}

TEST_F(QaModerationActs, AModeratorChangingSomeoneElsesAcceptanceIsLoggedTheAskersOwnIsNot) {
    const long long thread = ask("Quel délai pour l'avis du CDIAE ?");
    const long long one = answer(thread, carol_, "Deux mois en général.");
    const long long two = answer(thread, expert_, "Cela dépend du département.");
    const std::string accept = "/api/v1/threads/" + std::to_string(thread) + "/accept";
    ok("POST", accept, alice_, Json({{"answer_id", one}}).dump());  // the asker's own choice
    EXPECT_EQ(log_of("thread", thread)["total"], 0);
    ok("POST", accept, moderator_, Json({{"answer_id", two}}).dump());
    ok("DELETE", accept, moderator_);
    Json log = log_of("thread", thread);
    ASSERT_EQ(log["total"], 2) << log.dump();
    EXPECT_EQ(log["entries"][1]["action"], "accept");
    EXPECT_EQ(log["entries"][1]["actor"]["display_name"], "Mona");
    EXPECT_EQ(log["entries"][1]["before"], Json({{"accepted_answer_id", one}}));
    EXPECT_EQ(log["entries"][1]["after"], Json({{"accepted_answer_id", two}}));
    EXPECT_EQ(log["entries"][0]["action"], "unaccept");
    EXPECT_EQ(log["entries"][0]["before"], Json({{"accepted_answer_id", two}}));
    EXPECT_EQ(log["entries"][0]["after"], Json({{"accepted_answer_id", nullptr}}));
}

TEST_F(QaModerationActs, RoleChangesAreLogged) {
    const long long carol = user_id(carol_);
    const std::string role = "/api/v1/users/" + std::to_string(carol) + "/role";
    ok("PUT", role, moderator_, R"({"role":"expert"})");
    ok("PUT", role, moderator_, R"({"role":"expert"})");  // no change: nothing to log
    Json log = log_of("user", carol);
    ASSERT_EQ(log["total"], 1) << log.dump();
    EXPECT_EQ(log["entries"][0]["action"], "role_change");
    EXPECT_EQ(log["entries"][0]["actor"]["id"], user_id(moderator_));
    EXPECT_EQ(log["entries"][0]["before"], Json({{"role", "member"}}));
    EXPECT_EQ(log["entries"][0]["after"], Json({{"role", "expert"}}));

    // The operator's console changes roles too: logged, with no acting account.
    auto grant = [&](const std::string& to) {
        return run_command(service_binary(),
                           {"admin", "grant", "carol", to, "--database-url", db_.url()})
            .exit_code;
    };
    ASSERT_EQ(grant("moderator"), 0);
    ASSERT_EQ(grant("moderator"), 0);  // no change: nothing to log
    log = log_of("user", carol);
    ASSERT_EQ(log["total"], 2) << log.dump();
    EXPECT_TRUE(log["entries"][0]["actor"].is_null());
    EXPECT_EQ(log["entries"][0]["action"], "role_change");
    EXPECT_EQ(log["entries"][0]["before"], Json({{"role", "expert"}}));
    EXPECT_EQ(log["entries"][0]["after"], Json({{"role", "moderator"}}));
}

}  // namespace
}  // namespace kb::test
