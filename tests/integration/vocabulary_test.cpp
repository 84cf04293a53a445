/// @brief The SQL checks of schema/ accept exactly the vocabularies of vocabulary.hpp: each check
/// names the same values, each value is accepted and a value outside the list is refused.
#include "vocabulary.hpp"
#include "process.hpp"

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include <regex>
#include <set>

namespace kb::test {
namespace {

struct Check {
    std::string constraint;  ///< pg_constraint.conname
    std::string insert;      ///< one row, $1 being the checked value (text or text[] literal)
    const std::vector<std::string>& vocabulary;
    bool array = false;  ///< the column is a text[] that must hold vocabulary values only
};

constexpr const char* kUser = "INSERT INTO users (login, display_name) VALUES ('usr', 'U') ";
constexpr const char* kArticle =
    "INSERT INTO articles (slug, kind, title, body_html, source_root, source_path, content_hash";

std::vector<Check> checks() {
    return {
        {"articles_kind_check",
         std::string(kArticle) + ") VALUES ('a', $1, 'T', '', 'r', 'p', 'h')", article_kinds()},
        {"articles_steps_check",
         std::string(kArticle) + ", steps) VALUES ('a', 'guide', 'T', '', 'r', 'p', 'h', $1)",
         known_steps(), true},
        {"articles_structure_types_check",
         std::string(kArticle) +
             ", structure_types) VALUES ('a', 'guide', 'T', '', 'r', 'p', 'h', $1)",
         known_structure_types(), true},
        {"users_role_check",
         "INSERT INTO users (login, display_name, role) VALUES ('usr', 'U', $1)", known_roles()},
        {"users_structure_type_check",
         "INSERT INTO users (login, display_name, structure_type) VALUES ('usr', 'U', $1)",
         known_structure_types()},
        {"threads_structure_type_check",
         std::string("WITH u AS (") + kUser +
             "RETURNING id) INSERT INTO threads (author_id, title, body_markdown, body_html, "
             "structure_type) SELECT id, 'T', '', '', $1 FROM u",
         known_structure_types()},
        {"resources_type_check",
         std::string("WITH u AS (") + kUser +
             "RETURNING id) INSERT INTO resources (author_id, title, type) SELECT id, 'T', $1 FROM "
             "u",
         known_resource_types()},
        {"resources_licence_check",
         std::string("WITH u AS (") + kUser +
             "RETURNING id) INSERT INTO resources (author_id, title, type, licence) "
             "SELECT id, 'T', 'autre', $1 FROM u",
         known_licences()},
        {"resources_status_check",
         std::string("WITH u AS (") + kUser +
             "RETURNING id) INSERT INTO resources (author_id, title, type, link, status) "
             "SELECT id, 'T', 'autre', 'https://r.example', $1 FROM u",
         resource_statuses()},
        {"resources_audiences_check",
         std::string("WITH u AS (") + kUser +
             "RETURNING id) INSERT INTO resources (author_id, title, type, audiences) "
             "SELECT id, 'T', 'autre', $1::text[] FROM u",
         known_audiences(), true},
        {"resources_steps_check",
         std::string("WITH u AS (") + kUser +
             "RETURNING id) INSERT INTO resources (author_id, title, type, steps) "
             "SELECT id, 'T', 'autre', $1::text[] FROM u",
         known_steps(), true},
        {"resources_structure_types_check",
         std::string("WITH u AS (") + kUser +
             "RETURNING id) INSERT INTO resources (author_id, title, type, structure_types) "
             "SELECT id, 'T', 'autre', $1::text[] FROM u",
         known_structure_types(), true},
        {"threads_step_check",
         std::string("WITH u AS (") + kUser +
             "RETURNING id) INSERT INTO threads (author_id, title, body_markdown, body_html, step) "
             "SELECT id, 'T', '', '', $1 FROM u",
         known_steps()},
    };
}

// The quoted literals of a constraint's definition.
std::set<std::string> literals_of(const std::string& definition) {
    std::set<std::string> out;
    static const std::regex literal("'([^']*)'");
    for (auto it = std::sregex_iterator(definition.begin(), definition.end(), literal);
         it != std::sregex_iterator(); ++it) {
        out.insert((*it)[1].str());
    }
    return out;
}

// True when the insert commits; false on a check violation (anything else fails the test).
bool accepted(const std::string& url, const Check& check, const std::string& value) {
    pqxx::connection conn(url);
    pqxx::work tx(conn);
    try {
        tx.exec_params(check.insert, check.array ? "{" + value + "}" : value);
        return true;  // rolled back: every attempt starts from the same empty tables
    } catch (const pqxx::check_violation& e) {
        EXPECT_NE(std::string(e.what()).find(check.constraint), std::string::npos) << e.what();
        return false;
    }
}

TEST(Vocabulary, SqlChecksNameExactlyTheListsOfTheVocabularyModule) {
    TestDatabase db;
    pqxx::connection conn(db.url());
    pqxx::read_transaction tx(conn);
    for (const auto& check : checks()) {
        auto rows =
            tx.exec_params("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = $1",
                           check.constraint);
        ASSERT_EQ(rows.size(), 1u) << check.constraint;
        const std::set<std::string> expected(check.vocabulary.begin(), check.vocabulary.end());
        EXPECT_EQ(literals_of(rows[0][0].as<std::string>()), expected)
            << check.constraint << ": " << rows[0][0].as<std::string>();
    }
}

TEST(Vocabulary, SqlChecksAcceptEveryValueAndRefuseOthers) {
    TestDatabase db;
    for (const auto& check : checks()) {
        for (const auto& value : check.vocabulary)
            EXPECT_TRUE(accepted(db.url(), check, value)) << check.constraint << " " << value;
        EXPECT_FALSE(accepted(db.url(), check, "hors-liste")) << check.constraint;
        // Exact values: the checks are case-sensitive, as the vocabulary is.
        EXPECT_FALSE(accepted(db.url(), check, check.vocabulary.front() + "x")) << check.constraint;
    }
}

TEST(Vocabulary, ArticleKindsAreTheSearchableKindsButThreadsAndResources) {
    std::vector<std::string> searchable = article_kinds();
    searchable.push_back(kKindThread);
    searchable.push_back(kKindResource);
    EXPECT_EQ(known_kinds(), searchable);
    EXPECT_EQ(thread_statuses(),
              (std::vector<std::string>{kStatusUnanswered, kStatusAnswered, kStatusSolved}));
}

}  // namespace
}  // namespace kb::test
