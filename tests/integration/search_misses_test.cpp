/// @brief The zero-result list over HTTP: only unfiltered text searches count, moderators dismiss
/// entries (back only when searched again), and one address adds at most 20 an hour.
#include "abuse_support.hpp"

namespace kb::test {
namespace {

class SearchMisses : public AbuseServer {
  protected:
    void SetUp() override {
        AbuseServer::SetUp();
        moderator_ = token("mona", "moderator");
        member_ = token("alice", "member");
        start({"--rate-limits", "false"});  // the miss cap is tested, not the search budget
    }
    Json misses() { return ok("GET", "/api/v1/search/misses", moderator_)["misses"]; }
    void search(const std::string& params) {
        ASSERT_EQ(call("GET", "/api/v1/search?" + params).status, 200) << params;
    }
    std::string moderator_, member_;
};

TEST_F(SearchMisses, OnlyUnfilteredTextSearchesAreListed) {
    search("q=recyclerie&kind=thread");
    search("q=recyclerie&tag=zzz");
    EXPECT_EQ(misses().size(), 0u) << misses();
    search("q=recyclerie");
    const Json list = misses();
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0]["query"], "recyclerie");
    EXPECT_EQ(list[0]["count"], 1);
    EXPECT_TRUE(list[0]["id"].is_number_integer());
}

TEST_F(SearchMisses, ADismissedEntryComesBackOnlyWhenSearchedAgain) {
    search("q=recyclerie");
    search("q=recyclerie");
    search("q=ressourcerie");
    Json list = misses();
    ASSERT_EQ(list.size(), 2u);
    const long long id = list[0]["id"];  // recyclerie, twice
    ASSERT_EQ(list[0]["query"], "recyclerie");
    const std::string target = "/api/v1/search/misses/" + std::to_string(id);

    expect_problem(call("DELETE", target), 401, "unauthenticated", "anonymous dismiss");
    expect_problem(call("DELETE", target, member_), 403, "forbidden", "member dismiss");
    expect_problem(call("DELETE", "/api/v1/search/misses/999999", moderator_), 404,
                   "miss_not_found", "unknown entry");
    EXPECT_EQ(call("DELETE", target, moderator_).status, 204);
    list = misses();
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0]["query"], "ressourcerie");

    search("q=Recyclerie");
    list = misses();
    ASSERT_EQ(list.size(), 2u);
    const auto back = std::find_if(list.begin(), list.end(),
                                   [](const Json& m) { return m["query"] == "recyclerie"; });
    ASSERT_NE(back, list.end());
    EXPECT_EQ((*back)["count"], 1);  // counted afresh since its dismissal
    EXPECT_EQ((*back)["id"], id);
}

TEST_F(SearchMisses, OneAddressAddsAtMostTwentyAnHour) {
    for (int i = 0; i < 25; ++i) search("q=zzjunk" + std::to_string(i) + "qq");
    EXPECT_EQ(misses().size(), 20u);
    EXPECT_EQ(db_.scalar("SELECT sum(miss_count) FROM search_misses"), "20");
}

}  // namespace
}  // namespace kb::test
