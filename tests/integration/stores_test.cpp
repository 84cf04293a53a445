/// @brief QaStore and UserStore called in-process on a real PostgreSQL database made for each
/// test (template0, migrated): typed views, derived status, acceptance, profiles, roles.
#include "accounts.hpp"
#include "api_error.hpp"
#include "process.hpp"
#include "qa_store.hpp"
#include "user_store.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace kb::test {
namespace {

class Stores : public ::testing::Test {
  protected:
    void SetUp() override {
        pqxx::connection conn(db_.url());
        asker_ = create_user(conn, "alice", "Alice", kRoleMember);
        helper_ = create_user(conn, "carol", "Carol", kRoleMember);
        expert_ = create_user(conn, "bruno", "Bruno", kRoleExpert);
        moderator_ = create_user(conn, "mona", "Mona", kRoleModerator);
    }

    long long thread(const std::string& title, const std::optional<std::string>& step = {}) {
        ThreadInput in;
        in.title = title;
        in.body = "Texte de *" + title + "*";
        in.tags = {"essai"};
        in.step = step;
        in.structure_type = "ACI";
        return qa_.create_thread(asker_, in);
    }
    ThreadView view(long long id, const std::optional<User>& viewer = std::nullopt) {
        auto v = qa_.thread_view(id, viewer);
        if (!v) throw std::runtime_error("thread " + std::to_string(id) + " not visible");
        return *v;
    }
    std::vector<long long> listed(const std::string& status) {
        ThreadQuery q;
        q.status = status;
        std::vector<long long> ids;
        for (const auto& t : qa_.list_threads(q, std::nullopt).results) ids.push_back(t.id);
        return ids;
    }

    TestDatabase db_;
    PgPool pool_{db_.url(), 2};
    QaStore qa_{pool_};
    UserStore users_{pool_};
    User asker_, helper_, expert_, moderator_;
};

TEST_F(Stores, ThreadViewIsATypedValueWithItsAnswersInOrder) {
    const auto before = std::chrono::system_clock::now() - std::chrono::seconds(5);
    const long long id = thread("Une question typée", "moyens");
    const long long first = qa_.create_answer(id, helper_, "Première réponse");
    const long long second = qa_.create_answer(id, expert_, "Deuxième **réponse**");
    EXPECT_EQ(qa_.vote(second, helper_, true), 1);
    qa_.accept(id, asker_, first);

    const ThreadView t = view(id);
    EXPECT_EQ(t.id, id);
    EXPECT_EQ(t.title, "Une question typée");
    EXPECT_EQ(t.html, "<p>Texte de <em>Une question typée</em></p>\n");
    EXPECT_EQ(t.tags, std::vector<std::string>{"essai"});
    EXPECT_EQ(t.step, "moyens");
    EXPECT_EQ(t.structure_type, "ACI");
    EXPECT_EQ(t.territory, std::nullopt);
    EXPECT_EQ(t.status, kStatusSolved);
    EXPECT_EQ(t.accepted_answer_id, first);
    EXPECT_EQ(t.author.id, asker_.id);
    EXPECT_EQ(t.author.display_name, "Alice");
    EXPECT_GT(t.created_at, before);
    EXPECT_LE(t.created_at, t.updated_at);
    ASSERT_EQ(t.answers.size(), 2u);
    EXPECT_EQ(t.answers[0].id, first);  // accepted first, though the other has a vote
    EXPECT_TRUE(t.answers[0].accepted);
    EXPECT_EQ(t.answers[1].id, second);
    EXPECT_EQ(t.answers[1].votes, 1);
    EXPECT_EQ(t.answers[1].html, "<p>Deuxième <strong>réponse</strong></p>\n");
    EXPECT_EQ(t.answers[1].author.role, kRoleExpert);
    EXPECT_EQ(t.answers[1].thread_id, id);

    ThreadQuery q;
    q.steps = {"moyens"};
    const ThreadPage page = qa_.list_threads(q, std::nullopt);
    EXPECT_EQ(page.total, 1);
    ASSERT_EQ(page.results.size(), 1u);
    EXPECT_EQ(page.results[0].id, id);
    EXPECT_EQ(page.results[0].answer_count, 2);
    EXPECT_EQ(page.results[0].status, kStatusSolved);
    EXPECT_EQ(page.results[0].created_at, t.created_at);
}

TEST_F(Stores, OnlyAnswersBySomeoneElseThanTheAskerAnswerTheQuestion) {
    const long long id = thread("L'asker se répond");
    qa_.create_answer(id, asker_, "Précision de l'auteur");
    EXPECT_EQ(view(id).status, kStatusUnanswered);
    EXPECT_EQ(listed(kStatusUnanswered), std::vector<long long>{id});
    EXPECT_TRUE(listed(kStatusAnswered).empty());
    qa_.create_answer(id, helper_, "Une vraie réponse");
    EXPECT_EQ(view(id).status, kStatusAnswered);
    EXPECT_EQ(listed(kStatusAnswered), std::vector<long long>{id});
}

TEST_F(Stores, AHiddenAcceptedAnswerStopsCountingAndCountsAgainOnceRestored) {
    const long long id = thread("Acceptation masquée");
    const long long answer = qa_.create_answer(id, helper_, "La solution");
    qa_.accept(id, asker_, answer);
    qa_.set_answer_hidden(answer, moderator_, true);
    ThreadView hidden = view(id, moderator_);
    EXPECT_EQ(hidden.status, kStatusUnanswered);
    EXPECT_EQ(hidden.accepted_answer_id, std::nullopt);
    ASSERT_EQ(hidden.answers.size(), 1u);
    EXPECT_TRUE(hidden.answers[0].hidden);
    EXPECT_FALSE(hidden.answers[0].accepted);
    EXPECT_TRUE(view(id).answers.empty());
    EXPECT_EQ(listed(kStatusUnanswered), std::vector<long long>{id});

    qa_.set_answer_hidden(answer, moderator_, false);
    const ThreadView restored = view(id);
    EXPECT_EQ(restored.status, kStatusSolved);
    EXPECT_EQ(restored.accepted_answer_id, answer);
    ASSERT_EQ(restored.answers.size(), 1u);
    EXPECT_TRUE(restored.answers[0].accepted);
}

TEST_F(Stores, HiddenThreadsAreForModeratorsOnly) {
    const long long id = thread("Masquée");
    qa_.set_thread_hidden(id, moderator_, true);
    EXPECT_EQ(qa_.thread_view(id, std::nullopt), std::nullopt);
    EXPECT_EQ(qa_.thread_view(id, asker_), std::nullopt);
    EXPECT_TRUE(view(id, moderator_).hidden);
    EXPECT_EQ(qa_.list_threads({}, std::nullopt).total, 0);
    EXPECT_EQ(qa_.list_threads({}, moderator_).total, 1);
}

TEST_F(Stores, ProfilesAndTheExpertsDirectory) {
    ProfileInput in;
    in.structure_name = "Jardins du Nord";
    in.structure_type = "ACI";
    in.territory = "59";
    in.topics = std::vector<std::string>{"maraichage"};
    in.contact_email = "bruno@example.org";
    users_.update_profile(expert_, in);
    const auto profile = users_.profile(expert_.id);
    ASSERT_TRUE(profile);
    EXPECT_EQ(profile->login, "bruno");
    EXPECT_EQ(profile->role, kRoleExpert);
    EXPECT_EQ(profile->structure_name, "Jardins du Nord");
    EXPECT_EQ(profile->topics, std::vector<std::string>{"maraichage"});
    EXPECT_FALSE(profile->contact_opt_in);
    EXPECT_EQ(profile->contact_email, "bruno@example.org");
    EXPECT_EQ(users_.profile(999999), std::nullopt);

    ExpertQuery q;
    q.territories = {"59"};
    auto experts = users_.list_experts(q);
    ASSERT_EQ(experts.size(), 1u);
    EXPECT_EQ(experts[0].id, expert_.id);
    EXPECT_EQ(experts[0].contact_email, std::nullopt);  // not opted in
    ProfileInput opt_in;
    opt_in.contact_opt_in = true;
    users_.update_profile(expert_, opt_in);
    EXPECT_EQ(users_.list_experts(q).at(0).contact_email, "bruno@example.org");
    q.territories = {"13"};
    EXPECT_TRUE(users_.list_experts(q).empty());
}

TEST_F(Stores, RolesChangeButTheLastModeratorStays) {
    users_.set_role(moderator_, helper_.id, kRoleExpert);
    EXPECT_EQ(users_.profile(helper_.id)->role, kRoleExpert);
    try {
        users_.set_role(moderator_, moderator_.id, kRoleMember);
        ADD_FAILURE() << "the last moderator was demoted";
    } catch (const http::ApiError& e) {
        EXPECT_EQ(e.status(), 409);
        EXPECT_EQ(e.code(), "last_moderator");
    }
    EXPECT_EQ(users_.profile(moderator_.id)->role, kRoleModerator);
    try {
        users_.set_role(moderator_, 999999, kRoleMember);
        ADD_FAILURE() << "an unknown user got a role";
    } catch (const http::ApiError& e) {
        EXPECT_EQ(e.code(), "user_not_found");
    }
    // With a second moderator, either may step down, but not both.
    users_.set_role(moderator_, helper_.id, kRoleModerator);
    users_.set_role(moderator_, moderator_.id, kRoleMember);
    EXPECT_THROW(users_.set_role(moderator_, helper_.id, kRoleExpert), http::ApiError);
    EXPECT_EQ(users_.profile(helper_.id)->role, kRoleModerator);
}

}  // namespace
}  // namespace kb::test
