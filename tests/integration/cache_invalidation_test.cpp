/// @brief Through HTTP on a real index: a write drops exactly the cached searches it can change
/// (per term and filter), the pages of a ranked search follow each other, estimated facet counts
/// are flagged, and clients asking one question at once share its computation.
#include "accounts.hpp"
#include "api_assertions.hpp"
#include "http_client.hpp"
#include "process.hpp"
#include "search_helpers.hpp"
#include "test_env.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <barrier>
#include <map>
#include <set>
#include <thread>
#include <vector>

namespace kb::test {
namespace {

using Json = nlohmann::json;

class CacheInvalidation : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(run_indexer(db_.url(), index_.path(), {fixture_kb_dir()}).exit_code, 0);
        member_ = create_user_with_token(db_.url(), "alice", "Alice", "member");
        moderator_ = create_user_with_token(db_.url(), "mona", "Mona", "moderator");
        service_ = std::make_unique<ServiceProcess>(
            db_.url(), index_.path(), std::vector<std::string>{"--rate-limits", "false"});
    }
    // A write that must succeed once its change is committed to the index.
    Json write(const std::string& method, const std::string& target, const std::string& token,
               const Json& body = nullptr, int status = 201) {
        HttpResponse r =
            http_request(service_->port(), method, target, body.is_null() ? "" : body.dump(),
                         {{"Authorization", "Bearer " + token}});
        EXPECT_EQ(r.header("x-search-indexed"), "true") << method << " " << target;
        return expect_json(r, status, method + " " + target);
    }
    long long post_thread(const std::string& title, const std::string& body) {
        return write("POST", "/api/v1/threads", member_, {{"title", title}, {"body", body}})["id"]
            .get<long long>();
    }
    // Three threads that weigh much on "salamandre": a page of two shows two of them.
    void post_salamander_threads() {
        for (int i = 0; i < 3; ++i) {
            post_thread("La salamandre, la salamandre " + std::to_string(i),
                        "Salamandre au chantier : la salamandre, encore la salamandre.");
        }
    }
    HttpResponse get(const std::string& params) {
        return http_request(service_->port(), "GET", "/api/v1/search?" + params);
    }
    // Searched once so that it is cached: the second answer must come from the cache.
    void cache(const std::string& params) {
        ASSERT_EQ(get(params).status, 200) << params;
        ASSERT_EQ(get(params).header("x-search-cache"), "hit") << params;
    }
    // The same search computed afresh, past the cache.
    Json uncached(const std::string& params) {
        return json_body(http_request(service_->port(), "GET", "/api/v1/search?" + params, "",
                                      {{"Cache-Control", "no-cache"}}));
    }
    std::string get_metrics() { return http_request(service_->port(), "GET", "/metrics").body; }
    // A counter of /metrics; -1 when it is not there.
    long metric(const std::string& name) {
        const std::string metrics = get_metrics();
        const std::size_t at = metrics.find("\n" + name + " ");
        if (at == std::string::npos) return -1;
        return std::stol(metrics.substr(at + name.size() + 2));
    }
    std::string cache_state(const std::string& params) {
        return get(params).header("x-search-cache");
    }

    TestDatabase db_;
    TempDir index_;
    std::string member_, moderator_;
    std::unique_ptr<ServiceProcess> service_;
};

TEST_F(CacheInvalidation, ANewPostDropsTheSearchesItMatchesAndNoOther) {
    const std::string matched = "q=ornithorynque";
    const std::string unrelated = "q=" + url_encode("financement du conventionnement");
    const std::string threads = "kind=thread";   // a filter alone: every thread matches it
    const std::string articles = "kind=guide";   // no thread can match it
    const std::string unknown = "q=zzqxwvkjtr";  // a word no dictionary knows: any write counts
    for (const auto& params : {matched, unrelated, threads, articles, unknown}) cache(params);
    EXPECT_EQ(json_body(get(matched))["total"], 0);

    const long long thread =
        post_thread("Un ornithorynque au chantier", "Comment accueillir un ornithorynque ?");
    // Recomputed, with the new post.
    HttpResponse after = get(matched);
    EXPECT_EQ(after.header("x-search-cache"), "miss");
    EXPECT_EQ(result_ids(json_body(after)),
              std::vector<std::string>{"thread:" + std::to_string(thread)});
    EXPECT_EQ(cache_state(threads), "miss");
    EXPECT_EQ(cache_state(unknown), "miss");
    // Kept: the post has none of their terms.
    EXPECT_EQ(cache_state(unrelated), "hit");
    EXPECT_EQ(cache_state(articles), "hit");

    // An answer changes its thread's document: searches for the answer's words are recomputed.
    const std::string answer_word = "q=tamanoir";
    cache(answer_word);
    cache(matched);
    write("POST", "/api/v1/threads/" + std::to_string(thread) + "/answers", member_,
          {{"body", "Un tamanoir aussi, parfois."}});
    after = get(answer_word);
    EXPECT_EQ(after.header("x-search-cache"), "miss");
    EXPECT_EQ(json_body(after)["total"], 1);
    // The thread's old terms count too: a search that found it before is recomputed.
    EXPECT_EQ(cache_state(matched), "miss");
    EXPECT_EQ(cache_state(unrelated), "hit");
}

TEST_F(CacheInvalidation, AnAnswerKeepsTheSearchesThatNeitherShowItsThreadNorHaveItsWords) {
    const long long first = post_thread("Le basilic, le basilic et encore le basilic",
                                        "Tout sur le basilic : semis de basilic, basilic en pot.");
    const long long second =
        post_thread("Arrosage au chantier", "Faut-il arroser le potager et le basilic le soir ?");
    const std::string top = "q=basilic&per_page=1";  // shows the first thread only
    const std::string both = "q=basilic&per_page=2";
    cache(top);
    cache(both);
    ASSERT_EQ(result_ids(json_body(get(top))),
              std::vector<std::string>{"thread:" + std::to_string(first)});
    // An answer to the second thread without the word: the first page of one stays cached (its
    // matches, counts and hits are what they were), the page showing the thread is recomputed.
    write("POST", "/api/v1/threads/" + std::to_string(second) + "/answers", member_,
          {{"body", "Plutôt le matin, avant la chaleur du jour."}});
    EXPECT_EQ(cache_state(top), "hit");
    const HttpResponse recomputed = get(both);
    EXPECT_EQ(recomputed.header("x-search-cache"), "miss");
    const Json page = json_body(recomputed);
    EXPECT_EQ(page["total"], 2);
    // The thread as it is now: its answer is in the text the snippet is cut from.
    EXPECT_NE(page["results"][1]["snippet"].get<std::string>().find("Plutôt le matin"),
              std::string::npos)
        << page.dump();
}

TEST_F(CacheInvalidation, ASearchWithATypoIsDroppedOnlyByAWriteAddingAWord) {
    const long long thread =
        post_thread("Question ornithorynque", "Comment accueillir un ornithorynque au chantier ?");
    const std::string typo = "q=zzqxwvkjtr";  // corrected (or not) by the dictionary's words
    cache(typo);
    // Every word of this answer is in the dictionary already: the correction cannot change.
    write("POST", "/api/v1/threads/" + std::to_string(thread) + "/answers", member_,
          {{"body", "Un ornithorynque au chantier : comment accueillir un ornithorynque ?"}});
    EXPECT_EQ(cache_state(typo), "hit");
    // A new word may be the correction now.
    write("POST", "/api/v1/threads/" + std::to_string(thread) + "/answers", member_,
          {{"body", "Un zzqxwvkjtr au chantier, comment l'accueillir ?"}});
    const HttpResponse after = get(typo);
    EXPECT_EQ(after.header("x-search-cache"), "miss");
    EXPECT_EQ(json_body(after)["total"], 1);
}

TEST_F(CacheInvalidation, AHiddenPostLeavesTheCachedSearchesThatFoundIt) {
    const long long thread = post_thread("Question basilic", "Le basilic pousse-t-il à l'ombre ?");
    const std::string params = "q=basilic";
    cache(params);
    ASSERT_EQ(json_body(get(params))["total"], 1);
    write("POST", "/api/v1/threads/" + std::to_string(thread) + "/hide", moderator_, nullptr, 200);
    HttpResponse after = get(params);
    EXPECT_EQ(after.header("x-search-cache"), "miss");
    EXPECT_EQ(json_body(after)["total"], 0) << after.body;
}

TEST_F(CacheInvalidation, ANewMatchBelowACachedFirstPageRefreshesItsCountsAndKeepsItsPage) {
    post_salamander_threads();
    const std::string params = "q=salamandre&per_page=2";
    cache(params);
    const Json before = json_body(get(params));
    ASSERT_EQ(before["total"], 3);
    // The word once in a long text: found, but weighs less than the page's last thread.
    post_thread("Arrosage du potager",
                "Faut-il arroser le potager le soir ou le matin, et combien de fois par semaine "
                "quand il fait chaud ? Une salamandre passe parfois près des tomates du jardin.");
    HttpResponse after = get(params);
    EXPECT_EQ(after.header("x-search-cache"), "refreshed");
    const Json refreshed = json_body(after);
    EXPECT_EQ(result_ids(refreshed), result_ids(before));
    EXPECT_EQ(refreshed["total"], 4);
    EXPECT_EQ(refreshed["facets"]["kind"][0]["count"], 4) << refreshed.dump();
    // What a computation from scratch gives, and kept as it is now.
    const Json fresh = uncached(params);
    EXPECT_EQ(result_ids(fresh), result_ids(refreshed));
    EXPECT_EQ(fresh["total"], refreshed["total"]);
    EXPECT_EQ(fresh["facets"], refreshed["facets"]);
    EXPECT_EQ(cache_state(params), "hit");

    // A post that weighs more than the page's last: the page is computed again and shows it.
    const long long strong = post_thread("Salamandre, salamandre, salamandre",
                                         "La salamandre, la salamandre, la salamandre !");
    after = get(params);
    EXPECT_EQ(after.header("x-search-cache"), "miss");
    const Json recomputed = json_body(after);
    EXPECT_EQ(recomputed["results"][0]["id"], "thread:" + std::to_string(strong))
        << recomputed.dump();
    EXPECT_EQ(recomputed["total"], 5);

    // With room left on the page, any new match is computed again.
    const std::string roomy = "q=salamandre&per_page=10";
    cache(roomy);
    post_thread("Mare pédagogique", "Une salamandre dans la mare du jardin d'insertion.");
    EXPECT_EQ(cache_state(roomy), "miss");
}

TEST_F(CacheInvalidation, ARefreshWeighsOnlyThePageAndTheNewPostWhenNoOtherCanRiseIntoIt) {
    const auto thread_id = [](long long id) { return "thread:" + std::to_string(id); };
    const long long strong =
        post_thread("La salamandre du chantier", "Salamandre, salamandre : la salamandre encore.");
    const long long medium = post_thread("Observation au jardin",
                                         "Une salamandre, puis une "
                                         "autre salamandre.");
    post_thread("Arrosage du potager",
                "Faut-il arroser le potager le soir ou le matin, et combien de fois par semaine "
                "quand il fait chaud ? Une salamandre passe parfois près des tomates du jardin.");
    const std::string params = "q=salamandre&per_page=2";
    cache(params);
    ASSERT_EQ(result_ids(json_body(get(params))),
              (std::vector<std::string>{thread_id(strong), thread_id(medium)}));
    ASSERT_EQ(metric("kb_search_cache_refreshed_within_window_total"), 0);
    // Another long text that says the word once: the page's two threads outweigh by far the
    // thread left out, so only they and the new post are weighed again.
    post_thread("Paillage des tomates",
                "Pailler les tomates garde la terre humide plus longtemps quand il fait chaud, "
                "et une salamandre aime s'y cacher le jour.");
    const HttpResponse after = get(params);
    EXPECT_EQ(after.header("x-search-cache"), "refreshed");
    EXPECT_EQ(metric("kb_search_cache_refreshed_within_window_total"), 1);
    const Json refreshed = json_body(after);
    const Json fresh = uncached(params);
    EXPECT_EQ(result_ids(refreshed), result_ids(fresh));
    EXPECT_EQ(refreshed["total"], 4);
    EXPECT_EQ(fresh["total"], 4);
    for (std::size_t i = 0; i < 2; ++i)
        EXPECT_EQ(refreshed["results"][i]["score"], fresh["results"][i]["score"]) << i;
    // A post that outweighs the page: weighed among the candidates, it changes the page, which
    // is computed again and shows it first.
    const long long stronger = post_thread("Salamandre, salamandre, salamandre",
                                           "La salamandre, la salamandre, la salamandre !");
    const HttpResponse changed = get(params);
    EXPECT_EQ(changed.header("x-search-cache"), "miss");
    EXPECT_EQ(json_body(changed)["results"][0]["id"], thread_id(stronger));
    EXPECT_EQ(metric("kb_search_cache_refreshed_within_window_total"), 1);
}

TEST_F(CacheInvalidation, ARefreshedPageIsInTheOrderAFreshSearchGivesWhenTheStatisticsMove) {
    // Two nearly equal results: the salamander note says its word one more time, and both words
    // are in one document each, so they weigh alike.
    const std::string salamander =
        "thread:" + std::to_string(post_thread("Observation du jardin, premier carnet",
                                               "salamandre salamandre salamandre vue hier"));
    const std::string platypus =
        "thread:" + std::to_string(post_thread("Observation du jardin, second carnet",
                                               "ornithorynque ornithorynque vu hier soir"));
    const std::string params = "q=" + url_encode("salamandre ornithorynque") + "&per_page=2";
    cache(params);
    ASSERT_EQ(result_ids(json_body(get(params))), (std::vector<std::string>{salamander, platypus}));
    // Each post says "salamandre" once in a long text: it ranks below both notes, but the word
    // gets commoner, so it weighs less, until the platypus note comes first.
    bool swapped = false;
    for (int i = 0; i < 6 && !swapped; ++i) {
        post_thread("Arrosage du potager " + std::to_string(i),
                    "Faut-il arroser le potager le soir ou le matin, et combien de fois par "
                    "semaine quand il fait chaud ? Une salamandre passe parfois près des tomates.");
        const HttpResponse served = get(params);
        const Json fresh = uncached(params);
        EXPECT_EQ(result_ids(json_body(served)), result_ids(fresh))
            << "after " << i + 1 << " posts, served as " << served.header("x-search-cache");
        EXPECT_EQ(json_body(served)["results"][0]["score"], fresh["results"][0]["score"]);
        swapped = result_ids(fresh) == std::vector<std::string>{platypus, salamander};
    }
    EXPECT_TRUE(swapped) << "the posts never moved the platypus note first";
}

TEST_F(CacheInvalidation, AnAnswerNoPostChangedIsServedInTheOrderAFreshSearchGives) {
    // Two nearly equal results: the platypus note's word is in it alone, the salamander note's
    // in three other posts too, where it is said once in a long text (they rank below).
    const std::string platypus =
        "thread:" + std::to_string(post_thread("Observation du jardin, premier carnet",
                                               "un ornithorynque vu hier soir"));
    const std::string salamander =
        "thread:" + std::to_string(post_thread("Observation du jardin, second carnet",
                                               "salamandre salamandre salamandre salamandre vue"));
    for (int i = 0; i < 3; ++i)
        post_thread("Arrosage du potager " + std::to_string(i),
                    "Faut-il arroser le potager le soir ou le matin, et combien de fois par "
                    "semaine quand il fait chaud ? Une salamandre passe parfois près des tomates.");
    const std::string params = "q=" + url_encode("salamandre ornithorynque") + "&per_page=2";
    cache(params);
    ASSERT_EQ(result_ids(json_body(get(params))), (std::vector<std::string>{platypus, salamander}));
    // Posts with neither word leave the cached answer's documents and counts as they are, but
    // each makes the collection larger: the commoner word weighs more against the rarer one,
    // until the salamander note comes first. Far apart, the answer is carried over as it is;
    // near-equal, it is ranked again.
    std::map<std::string, int> served_as;
    bool swapped = false;
    for (int i = 0; i < 12 && !swapped; ++i) {
        post_thread("Paillage " + std::to_string(i),
                    "Pailler les tomates garde la terre humide quand il fait chaud.");
        const HttpResponse served = get(params);
        const Json fresh = uncached(params);
        const std::string how = served.header("x-search-cache");
        EXPECT_EQ(result_ids(json_body(served)), result_ids(fresh))
            << "after " << i + 1 << " posts, served as " << how;
        EXPECT_EQ(json_body(served)["total"], 5);
        if (i == 0) {
            EXPECT_EQ(how, "hit");
        }
        swapped = result_ids(fresh) == std::vector<std::string>{salamander, platypus};
        // Only the answer whose order changed is computed again.
        EXPECT_EQ(how == "miss", swapped) << "after " << i + 1 << " posts";
        ++served_as[how];
    }
    EXPECT_TRUE(swapped) << "the posts never moved the salamander note first";
    EXPECT_GE(served_as["refreshed"], 1);
}

TEST_F(CacheInvalidation, AnAnswerWhoseResultsTieForGoodIsCarriedOverAsItIs) {
    // Three notes alike for the search (the same words, as often, in as many words): they tie
    // at any collection statistics, in the order of their ids, and a fourth ranks below them.
    std::vector<std::string> alike;
    for (int i = 0; i < 3; ++i)
        alike.push_back("thread:" +
                        std::to_string(post_thread("Un tatou au jardin",
                                                   "Un tatou vu hier soir, puis un autre tatou.")));
    post_thread("Bêtes du jardin",
                "Un tatou, une salamandre et un hérisson vus ce mois-ci au jardin.");
    const std::string params = "q=tatou&per_page=2";
    cache(params);
    ASSERT_EQ(result_ids(json_body(get(params))), (std::vector<std::string>{alike[0], alike[1]}));
    // Posts with none of the words move every weight, but not these ties: the answer is carried
    // over as it is (ranking it again would have given the same).
    for (int i = 0; i < 4; ++i) {
        post_thread("Paillage " + std::to_string(i),
                    "Pailler les tomates garde la terre humide quand il fait chaud.");
        const HttpResponse served = get(params);
        EXPECT_EQ(served.header("x-search-cache"), "hit") << "after " << i + 1 << " posts";
        EXPECT_EQ(result_ids(json_body(served)), result_ids(uncached(params)));
    }
}

TEST_F(CacheInvalidation, ManySearchesRefreshingOneAnswerAtOnceAllGetIt) {
    post_salamander_threads();
    const std::string params = "q=salamandre&per_page=2";
    cache(params);
    // Each post below the page makes the cached answer stale; eight clients then ask for it at
    // once, and each may refresh it (the answer's query is then read by several threads).
    std::atomic<int> ok{0}, other{0};
    const int rounds = 20, clients = 8;
    for (int round = 0; round < rounds; ++round) {
        post_thread("Arrosage du potager, semaine " + std::to_string(round),
                    "Arroser le potager le soir, pailler les tomates ; une salamandre passe.");
        std::atomic<int> ready{0};
        std::vector<std::thread> threads;
        for (int c = 0; c < clients; ++c) {
            threads.emplace_back([&] {
                // Together: the first requests after the post are the ones that refresh.
                for (ready++; ready.load() < clients;) std::this_thread::yield();
                for (int k = 0; k < 3; ++k) (get(params).status == 200 ? ok : other)++;
            });
        }
        for (auto& t : threads) t.join();
    }
    EXPECT_EQ(other.load(), 0);
    EXPECT_EQ(ok.load(), rounds * clients * 3);
    const Json last = json_body(get(params));
    EXPECT_EQ(last["total"], 3 + rounds) << last.dump();
}

TEST_F(CacheInvalidation, AnAnswerComputedAfreshIsTheOneCachedNext) {
    const std::string params = "q=" + url_encode("financement du conventionnement");
    const HttpResponse fresh = http_request(service_->port(), "GET", "/api/v1/search?" + params, "",
                                            {{"Cache-Control", "no-cache"}});
    EXPECT_EQ(fresh.header("x-search-cache"), "miss");
    const HttpResponse next = get(params);
    EXPECT_EQ(next.header("x-search-cache"), "hit");
    EXPECT_EQ(result_ids(json_body(next)), result_ids(json_body(fresh)));
}

TEST_F(CacheInvalidation, ClientsAskingOneNewQuestionAtOnceShareOneComputation) {
    post_salamander_threads();
    // Each round, a question never asked (another page size or page), sent by eight clients at
    // once on connections opened beforehand: those arriving while the first computes it wait
    // for its answer ("shared") instead of computing it too. Every client gets the same
    // answer, whichever way it came. Whether a round overlaps depends on the machine's timing,
    // so rounds go on until a few did (or a bound is reached).
    const int clients = 8, max_rounds = 400, wanted_shared = 5;
    std::map<std::string, int> seen;
    std::vector<HttpResponse> answers(clients);
    std::string params;
    std::atomic<bool> done{false};
    std::barrier start(clients + 1), finish(clients + 1);
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&, c] {
            HttpConnection connection(service_->port());
            for (;;) {
                start.arrive_and_wait();
                if (done) return;
                answers[static_cast<std::size_t>(c)] =
                    connection.request("GET", "/api/v1/search?" + params);
                finish.arrive_and_wait();
            }
        });
    }
    int rounds = 0;
    for (; rounds < max_rounds && seen["shared"] < wanted_shared; ++rounds) {
        params = "q=" + url_encode("salamandre au chantier potager") +
                 "&per_page=" + std::to_string(rounds % 50 + 1) +
                 "&page=" + std::to_string(rounds / 50 + 1);
        start.arrive_and_wait();
        finish.arrive_and_wait();
        int computed = 0;
        for (const HttpResponse& r : answers) {
            // No ASSERT here: the clients' threads wait at the barrier until the end.
            EXPECT_EQ(r.status, 200) << r.body;
            if (r.status != 200 || answers[0].status != 200) continue;
            const std::string how = r.header("x-search-cache");
            ++seen[how];
            computed += how == "miss";
            const Json got = json_body(r), first = json_body(answers[0]);
            EXPECT_EQ(result_ids(got), result_ids(first)) << params;
            EXPECT_EQ(got["total"], first["total"]);
        }
        EXPECT_GE(computed, 1) << "a question never asked was computed by someone";
    }
    done = true;
    start.arrive_and_wait();
    for (auto& t : threads) t.join();
    EXPECT_EQ(seen["miss"] + seen["shared"] + seen["hit"], rounds * clients);
    // Without sharing, every client that overlaps the first one computes too ("miss").
    EXPECT_GE(seen["shared"], wanted_shared)
        << rounds << " rounds: miss " << seen["miss"] << ", hit " << seen["hit"];
    const std::string metrics = get_metrics();
    EXPECT_NE(
        metrics.find("\nkb_search_cache_shared_total " + std::to_string(seen["shared"]) + "\n"),
        std::string::npos)
        << metrics;
}

TEST_F(CacheInvalidation, SearchesRunningWhileCommitsLandAllGetTheirAnswer) {
    // Questions of several words (their parse reads title pairs and frequencies that the
    // engine remembers for one index state), asked without the cache while posts commit.
    const std::vector<std::string> questions = {
        "salamandre du potager arrosage", "arroser le potager le soir", "pailler les tomates",
        "salamandre au chantier d'insertion", "chantier potager salamandre tomates"};
    std::atomic<bool> writing{true};
    std::atomic<int> ok{0}, other{0};
    std::vector<std::thread> clients;
    for (int c = 0; c < 6; ++c) {
        clients.emplace_back([&, c] {
            for (std::size_t k = 0; writing.load() || k < 20; ++k) {
                const HttpResponse r = http_request(
                    service_->port(), "GET",
                    "/api/v1/search?q=" + url_encode(questions[(c + k) % questions.size()]), "",
                    {{"Cache-Control", "no-cache"}});
                (r.status == 200 ? ok : other)++;
            }
        });
    }
    for (int i = 0; i < 12; ++i) {
        post_thread("Salamandre du potager " + std::to_string(i),
                    "Arroser le potager le soir, pailler les tomates du chantier d'insertion.");
    }
    writing = false;
    for (auto& t : clients) t.join();
    EXPECT_EQ(other.load(), 0);
    EXPECT_GE(ok.load(), 6 * 20);
}

TEST_F(CacheInvalidation, EstimatedFacetCountsAreFlagged) {
    for (int i = 0; i < 6; ++i) {
        post_thread("Question lamantin " + std::to_string(i), "Le lamantin du chantier ?");
    }
    // Every match counted up to the exact limit (100 by default).
    const Json exact = json_body(get("q=lamantin"));
    EXPECT_EQ(exact["total"], 6);
    EXPECT_EQ(exact["total_exact"], true);
    EXPECT_EQ(exact["facets_exact"], true);
    EXPECT_EQ(exact["facets"]["kind"][0]["count"], 6);

    // Counted by the matcher, which stops past 2 matches: the facet counts are an estimate, and
    // flagged as one.
    service_ = std::make_unique<ServiceProcess>(
        db_.url(), index_.path(),
        std::vector<std::string>{"--rate-limits", "false", "--exact-counts", "false",
                                 "--facet-exact-limit", "2"});
    const Json estimated = json_body(get("q=lamantin&per_page=1"));
    EXPECT_EQ(estimated["facets_exact"], false) << estimated.dump();
    ASSERT_FALSE(estimated["facets"]["kind"].empty());
    // Scaled up from what was examined to the (estimated) total.
    EXPECT_EQ(estimated["facets"]["kind"][0]["value"], "thread");
    EXPECT_EQ(estimated["facets"]["kind"][0]["count"], estimated["total"]);
    // Small enough to be counted: exact.
    const Json small = json_body(get("q=ornithorynque"));
    EXPECT_EQ(small["facets_exact"], true);
}

TEST_F(CacheInvalidation, ALongQuestionMustMatchOnlyItsRarestWords) {
    // The question's common words, never two side by side in its order.
    for (int i = 0; i < 4; ++i) {
        post_thread("Question de chantier " + std::to_string(i),
                    "Un travail sous contrat pour le salarié du chantier, pourquoi ?");
    }
    post_thread("Question narval", "Un narval et un dugong au chantier, est-ce un lamantin ?");
    post_thread("Question de droit", "Mon contrat de travail est-il valable sans signature ?");
    // Seven content words: the three rarest (narval, dugong, lamantin) must match, the four
    // common ones alone find nothing; two of them side by side, as typed ("contrat travail"),
    // still do.
    const std::string question =
        "q=narval%20dugong%20lamantin%20chantier%20salarie%20contrat%20travail";
    const Json long_question = json_body(get(question));
    EXPECT_EQ(long_question["total"], 2) << long_question.dump();
    EXPECT_EQ(long_question["results"][0]["title"], "Question narval");
    EXPECT_EQ(long_question["results"][1]["title"], "Question de droit");
    // Six words: all of them count (the content's documents with "travail" too).
    EXPECT_GE(json_body(get("q=narval%20dugong%20chantier%20salarie%20contrat%20travail"))["total"],
              5);
    service_ = std::make_unique<ServiceProcess>(
        db_.url(), index_.path(),
        std::vector<std::string>{"--rate-limits", "false", "--drop-common-words", "false"});
    EXPECT_GE(json_body(get(question))["total"], 5);
}

TEST_F(CacheInvalidation, CountsFromDocumentSetsAreExactPastTheMatcherLimit) {
    for (int i = 0; i < 6; ++i) {
        post_thread("Question dugong " + std::to_string(i), "Le dugong du chantier, où va-t-il ?");
    }
    // The matcher would stop counting past 2 matches; the document sets count them all.
    service_ = std::make_unique<ServiceProcess>(
        db_.url(), index_.path(),
        std::vector<std::string>{"--rate-limits", "false", "--facet-exact-limit", "2"});
    const Json first = json_body(get("q=dugong&per_page=1"));
    EXPECT_EQ(first["total"], 6);
    EXPECT_EQ(first["total_exact"], true);
    EXPECT_EQ(first["facets_exact"], true);
    EXPECT_EQ(first["facets"]["kind"][0]["count"], 6);
    // A new post with the word is counted at once; one without it changes nothing.
    post_thread("Question dugong 6", "Encore un dugong au chantier ?");
    post_thread("Question lamproie", "Une lamproie au chantier, pourquoi ?");
    const Json after = json_body(get("q=dugong&per_page=1&kind=thread"));
    EXPECT_EQ(after["total"], 7) << after.dump();
    EXPECT_EQ(after["total_exact"], true);
    EXPECT_EQ(after["facets"]["kind"][0]["count"], 7);
}

// Content and fiches: enough documents for several pages of a ranked, multi-word search.
class Paging : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        db_ = std::make_unique<TestDatabase>();
        index_ = std::make_unique<TempDir>();
        ASSERT_EQ(run_indexer(db_->url(), index_->path(),
                              {source_dir() / "content", corpus_dir() / "la-communaute-fiches"})
                      .exit_code,
                  0);
        service_ = std::make_unique<ServiceProcess>(db_->url(), index_->path());
    }
    static void TearDownTestSuite() {
        service_.reset();
        index_.reset();
        db_.reset();
    }
    static inline std::unique_ptr<TestDatabase> db_;
    static inline std::unique_ptr<TempDir> index_;
    static inline std::unique_ptr<ServiceProcess> service_;
};

TEST_F(Paging, PagesOfARankedSearchFollowEachOtherWithoutRepeatOrGap) {
    // Several words side by side: the adjacent-pair and title boosts weigh in.
    const std::string text = "aide au poste de la structure d'insertion";
    const Json all = search_text(service_->port(), text, "per_page=40");
    const std::vector<std::string> expected = result_ids(all);
    ASSERT_GE(expected.size(), 30u) << all.dump();
    for (const std::string cache : {"miss", "any"}) {
        std::vector<std::string> paged;
        for (int page = 1; page <= 8; ++page) {
            const Json answer =
                search_text(service_->port(), text, "per_page=5&page=" + std::to_string(page));
            for (const auto& id : result_ids(answer)) paged.push_back(id);
        }
        EXPECT_EQ(paged, expected) << "pass " << cache;
        EXPECT_EQ(std::set<std::string>(paged.begin(), paged.end()).size(), paged.size());
    }
}

}  // namespace
}  // namespace kb::test
