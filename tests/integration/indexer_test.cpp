/// @brief kb-indexer through its binary on a real PostgreSQL and Xapian: the la-communauté fiches,
/// incremental runs, deletions, atomic rebuilds and every bad-input case.
#include "api_assertions.hpp"
#include "http_client.hpp"
#include "index_location.hpp"
#include "process.hpp"
#include "search_helpers.hpp"

#include <gtest/gtest.h>
#include <xapian.h>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <regex>

namespace kb::test {
namespace {

namespace fs = std::filesystem;

Xapian::doccount doc_count(const fs::path& index_dir) {
    auto live = IndexLocation(index_dir).current();
    if (!live) return 0;
    return Xapian::Database(live->string()).get_doccount();
}

nlohmann::json search(int port, const std::string& q) {
    return search_text(port, q, "per_page=50");
}

std::string valid_article(const std::string& slug, const std::string& word) {
    return "---\ntitle: \"Article " + slug + "\"\nslug: " + slug +
           "\nkind: guide\nsummary: \"Résumé\"\ntags: [test]\nsteps: [moyens]\nstructure_types: "
           "[]\n"
           "updated: 2026-01-01\nsources:\n  - \"Fixture\"\n---\nLe mot " +
           word + " figure ici.\n";
}

// Writes "premier" (coquelicot) and "second" (bleuet) under content/guides and indexes them.
void index_two_articles(TestDatabase& db, TempDir& index, TempDir& content) {
    write_file(content.path() / "guides/premier.md", valid_article("premier", "coquelicot"));
    write_file(content.path() / "guides/second.md", valid_article("second", "bleuet"));
    ASSERT_EQ(run_indexer(db.url(), index.path(), {content.path()}).exit_code, 0);
}

TEST(Indexer, IngestsTheLaCommunauteFichesUnchangedAndASecondRunChangesNothing) {
    TestDatabase db;
    TempDir index;
    const fs::path fiches = corpus_dir() / "la-communaute-fiches";
    CommandResult first = run_indexer(db.url(), index.path(), {fiches});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_NE(first.out.find("128 added, 0 updated, 0 deleted, 0 skipped, 0 failed"),
              std::string::npos)
        << first.out;
    EXPECT_EQ(db.scalar("SELECT count(*) FROM articles WHERE kind = 'fiche'"), "128");
    EXPECT_EQ(doc_count(index.path()), 128u);

    // Every title is the file's `name`, every category its folder.
    static const std::regex name_re(R"re(\nname: "((?:[^"\\]|\\.)*)")re");
    auto unescape = [](const std::string& raw) {
        std::string out;
        for (std::size_t i = 0; i < raw.size(); ++i)
            out += (raw[i] == '\\' && i + 1 < raw.size()) ? raw[++i] : raw[i];
        return out;
    };
    int checked = 0;
    for (const auto& entry : fs::recursive_directory_iterator(fiches)) {
        if (entry.path().extension() != ".md") continue;
        std::smatch m;
        std::string text = read_file(entry.path());
        ASSERT_TRUE(std::regex_search(text, m, name_re)) << entry.path();
        pqxx::connection c(db.url());
        pqxx::nontransaction tx(c);
        auto row = tx.exec_params("SELECT title, category FROM articles WHERE slug = $1",
                                  entry.path().stem().string());
        ASSERT_EQ(row.size(), 1u) << entry.path();
        EXPECT_EQ(row[0][0].as<std::string>(), unescape(m[1].str()));
        EXPECT_EQ(row[0][1].as<std::string>(), entry.path().parent_path().filename().string());
        ++checked;
    }
    EXPECT_EQ(checked, 128);

    const std::string generation = IndexLocation(index.path()).current()->string();
    CommandResult second = run_indexer(db.url(), index.path(), {fiches});
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_NE(second.out.find("0 added, 0 updated, 0 deleted, 128 skipped, 0 failed"),
              std::string::npos)
        << second.out;
    EXPECT_EQ(IndexLocation(index.path()).current()->string(), generation);
    EXPECT_EQ(doc_count(index.path()), 128u);
}

TEST(Indexer, BadFilesAreReportedWithLineAndSkippedWhileValidOnesAreIndexed) {
    TestDatabase db;
    TempDir index, content;
    write_file(content.path() / "guides/valide.md", valid_article("valide", "coquelicot"));
    write_file(content.path() / "guides/entete-casse.md", "---\ntitle: \"ouvert\nslug: x\n");
    write_file(content.path() / "guides/utf8-invalide.md",
               valid_article("utf8-invalide", "x") + "suite\n\xC3\x28 casse\n");
    write_file(content.path() / "autre/valide.md", valid_article("valide", "doublon"));
    std::string unknown_step = valid_article("etape-inconnue", "x");
    unknown_step.replace(unknown_step.find("steps: [moyens]"), 15, "steps: [inventee]");
    write_file(content.path() / "guides/etape-inconnue.md", unknown_step);
    std::string unknown_kind = valid_article("genre-inconnu", "x");
    unknown_kind.replace(unknown_kind.find("kind: guide"), 11, "kind: roman");
    write_file(content.path() / "guides/genre-inconnu.md", unknown_kind);
    // A fiche whose date PostgreSQL could not store (no 30 February).
    write_file(content.path() / "fiches/date-impossible.md",
               "---\nname: \"Fiche\"\ndescription: \"D\"\ntimestamp: 2026-02-30T10:00:00+01:00\n"
               "---\nCorps\n");

    CommandResult r = run_indexer(db.url(), index.path(), {content.path()});
    EXPECT_NE(r.exit_code, 0);
    const std::string dir = content.path().string();
    EXPECT_NE(r.err.find(dir + "/guides/entete-casse.md:2: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(dir + "/guides/utf8-invalide.md:15: invalid UTF-8"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find(dir + "/guides/valide.md:3: duplicate slug 'valide'"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find(dir + "/guides/etape-inconnue.md:7: unknown step 'inventee'"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find(dir + "/guides/genre-inconnu.md:4: unknown kind 'roman'"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find(dir + "/fiches/date-impossible.md:4: invalid date "
                               "'2026-02-30T10:00:00+01:00'"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.out.find("1 added"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("6 failed"), std::string::npos) << r.out;
    EXPECT_EQ(db.scalar("SELECT count(*) FROM articles"), "1");
    EXPECT_EQ(db.scalar("SELECT source_path FROM articles"), dir + "/autre/valide.md");
    EXPECT_EQ(doc_count(index.path()), 1u);
}

TEST(Indexer, DeletedFileLeavesSearchAndTableAndRebuildSwapsAtomically) {
    TestDatabase db;
    TempDir index, content;
    ASSERT_NO_FATAL_FAILURE(index_two_articles(db, index, content));
    ServiceProcess service(db.url(), index.path());
    EXPECT_EQ(result_slugs(search(service.port(), "coquelicot")),
              std::vector<std::string>{"premier"});

    fs::remove(content.path() / "guides/premier.md");
    CommandResult r = run_indexer(db.url(), index.path(), {content.path()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("1 deleted"), std::string::npos) << r.out;
    EXPECT_TRUE(result_slugs(search(service.port(), "coquelicot")).empty());
    EXPECT_EQ(db.scalar("SELECT count(*) FROM articles WHERE slug = 'premier'"), "0");
    EXPECT_EQ(http_request(service.port(), "GET", "/api/v1/articles/premier").status, 404);

    // A rebuild writes a new generation and swaps it in; the running service follows it.
    const std::string before = IndexLocation(index.path()).current()->string();
    write_file(content.path() / "guides/troisieme.md", valid_article("troisieme", "marguerite"));
    CommandResult rebuild =
        run_indexer(db.url(), index.path(), {content.path()}, {"--rebuild", "--workers", "2"});
    ASSERT_EQ(rebuild.exit_code, 0) << rebuild.err;
    EXPECT_NE(IndexLocation(index.path()).current()->string(), before);
    // Written in two parts at once, compacted into the generation's one database.
    const fs::path generation = *IndexLocation(index.path()).current();
    EXPECT_TRUE(fs::exists(generation / "iamglass"));
    EXPECT_FALSE(fs::exists(generation / "part-0"));
    EXPECT_FALSE(fs::exists(generation / "part-1"));
    EXPECT_EQ(result_slugs(search(service.port(), "marguerite")),
              std::vector<std::string>{"troisieme"});
    EXPECT_EQ(result_slugs(search(service.port(), "bleuet")), std::vector<std::string>{"second"});
    EXPECT_EQ(doc_count(index.path()), 2u);

    // Incremental runs then update and delete in the rebuilt generation.
    write_file(content.path() / "guides/second.md", valid_article("second", "pervenche"));
    fs::remove(content.path() / "guides/troisieme.md");
    r = run_indexer(db.url(), index.path(), {content.path()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("1 updated, 1 deleted"), std::string::npos) << r.out;
    EXPECT_EQ(result_slugs(search(service.port(), "pervenche")),
              std::vector<std::string>{"second"});
    EXPECT_TRUE(result_slugs(search(service.port(), "bleuet")).empty());
    EXPECT_TRUE(result_slugs(search(service.port(), "marguerite")).empty());
    EXPECT_EQ(doc_count(index.path()), 1u);
}

TEST(Indexer, ARemovedOrEmptiedIndexIsRebuiltFromTheFilesByAPlainRun) {
    TestDatabase db;
    TempDir index, content;
    ASSERT_NO_FATAL_FAILURE(index_two_articles(db, index, content));
    ASSERT_EQ(doc_count(index.path()), 2u);

    // The folder is gone: PostgreSQL's hashes still match the files, yet a plain run restores it.
    fs::remove_all(index.path());
    CommandResult r = run_indexer(db.url(), index.path(), {content.path()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("0 added, 2 updated, 0 deleted, 0 skipped"), std::string::npos) << r.out;
    EXPECT_EQ(doc_count(index.path()), 2u);

    // The generation folder is gone but its link is left.
    fs::remove_all(*IndexLocation(index.path()).current());
    r = run_indexer(db.url(), index.path(), {content.path()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(doc_count(index.path()), 2u);

    // A live but empty generation (as the service creates when it posts before any indexing).
    fs::remove_all(index.path());
    IndexLocation(index.path()).open_writable().close();
    ASSERT_EQ(doc_count(index.path()), 0u);
    r = run_indexer(db.url(), index.path(), {content.path()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("holds no article while PostgreSQL lists 2: rebuilding"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(doc_count(index.path()), 2u);
    ServiceProcess service(db.url(), index.path());
    EXPECT_EQ(result_slugs(search(service.port(), "coquelicot")),
              std::vector<std::string>{"premier"});

    // With the index in place, the next run skips everything again.
    r = run_indexer(db.url(), index.path(), {content.path()});
    EXPECT_NE(r.out.find("2 skipped"), std::string::npos) << r.out;
}

TEST(Indexer, AContentFolderThatMovedKeepsItsArticlesSearchable) {
    TestDatabase db;
    TempDir index, content, moved;
    ASSERT_NO_FATAL_FAILURE(index_two_articles(db, index, content));
    // The same files under another path (a checkout cloned elsewhere, a renamed folder).
    fs::copy(content.path(), moved.path(), fs::copy_options::recursive);
    CommandResult r = run_indexer(db.url(), index.path(), {moved.path()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("0 deleted"), std::string::npos) << r.out;
    // Was: the old paths' deletion (by slug) removed the documents just written from the new.
    EXPECT_EQ(doc_count(index.path()), 2u);
    ServiceProcess service(db.url(), index.path());
    EXPECT_EQ(result_slugs(search(service.port(), "coquelicot")),
              std::vector<std::string>{"premier"});
    EXPECT_EQ(db.scalar("SELECT count(*) FROM articles WHERE source_path LIKE '" +
                        moved.path().string() + "%'"),
              "2");
    EXPECT_EQ(db.scalar("SELECT count(*) FROM articles"), "2");
    // A removed file in the moved folder is still deleted.
    fs::remove(moved.path() / "guides/second.md");
    r = run_indexer(db.url(), index.path(), {moved.path()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("1 deleted"), std::string::npos) << r.out;
    EXPECT_EQ(doc_count(index.path()), 1u);
}

TEST(Indexer, RebuildGivesTheSameResultsAsIncrementalIndexing) {
    TestDatabase db;
    TempDir live, rebuilt;
    const fs::path fixtures = fixture_kb_dir();
    const fs::path fiches = corpus_dir() / "la-communaute-fiches";
    ASSERT_EQ(run_indexer(db.url(), live.path(), {fixtures}).exit_code, 0);
    ASSERT_EQ(run_indexer(db.url(), live.path(), {fixtures, fiches}).exit_code, 0);
    // Three workers whatever the number of cores, each starting a new part every 7 documents
    // (~20 parts of the 135 documents), then compacted into one database.
    CommandResult r = run_indexer(db.url(), rebuilt.path(), {fixtures, fiches},
                                  {"--rebuild", "--workers", "3", "--part-docs", "7"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::smatch parts;
    ASSERT_TRUE(std::regex_search(r.err, parts, std::regex("parts compacted: (\\d+)"))) << r.err;
    EXPECT_GE(std::stoi(parts[1]), 20) << r.err;  // at least ceil(135 / 7)
    const fs::path generation = *IndexLocation(rebuilt.path()).current();
    ASSERT_TRUE(fs::exists(generation / "iamglass"));
    for (const auto& entry : fs::directory_iterator(generation))
        EXPECT_NE(entry.path().filename().string().rfind("part-", 0), 0u) << entry.path();
    ServiceProcess a(db.url(), live.path());
    ServiceProcess b(db.url(), rebuilt.path());
    // Same documents with the same scores; the order of exact ties may differ (document ids
    // depend on the order analysis threads finish in).
    auto scored = [](const nlohmann::json& answer) {
        std::map<std::string, double> out;
        for (const auto& r : answer["results"]) out[r["slug"]] = r["score"];
        return out;
    };
    // Glossary synonyms (metadata of the first part), the spelling dictionary (counts added up
    // over the parts) and completion terms survive the compaction.
    for (const char* q : {"pass iae", "sécurité chantier", "cdiae", "délai de carence",
                          "accompagnement", "equivalent temps plein", "conventionement"}) {
        auto live_answer = search(a.port(), q);
        auto rebuilt_answer = search(b.port(), q);
        EXPECT_GT(live_answer["total"].get<int>(), 0) << q;
        EXPECT_EQ(live_answer["total"], rebuilt_answer["total"]) << q;
        EXPECT_EQ(live_answer["corrected_query"], rebuilt_answer["corrected_query"]) << q;
        if (live_answer["total"].get<int>() <= 50) {
            // The same documents, their scores within a point: a score is a percentage cut to
            // a whole number, and a weight that differs in its last bit moves one sitting on
            // it. Seen once in about forty runs (one document at 4 % against 5 %, "pass iae");
            // where the bit comes from is not known.
            const auto live_scores = scored(live_answer);
            const auto rebuilt_scores = scored(rebuilt_answer);
            ASSERT_EQ(live_scores.size(), rebuilt_scores.size()) << q;
            for (const auto& [slug, score] : live_scores) {
                ASSERT_TRUE(rebuilt_scores.count(slug)) << q << ": " << slug;
                EXPECT_NEAR(score, rebuilt_scores.at(slug), 0.0100001) << q << ": " << slug;
            }
        }
    }
    EXPECT_EQ(search(b.port(), "conventionement")["corrected_query"], "conventionnement");
    auto completions = [](int port) {
        return expect_json(
            http_request(port, "GET", "/api/v1/suggest?q=" + url_encode("le conv")))["suggestions"];
    };
    EXPECT_FALSE(completions(b.port()).empty());
    EXPECT_EQ(completions(a.port()), completions(b.port()));
}

}  // namespace
}  // namespace kb::test
