/// @brief BinaryCopy and parse_iso_micros against a real PostgreSQL: every field type the
/// articles table uses arrives intact, timestamps equal PostgreSQL's own reading of the same
/// text, and a refused COPY is reported and leaves the connection usable.
#include "iso_time.hpp"
#include "pg_binary_copy.hpp"
#include "process.hpp"

#include <gtest/gtest.h>
#include <pqxx/pqxx>

namespace kb::test {
namespace {

const std::vector<std::string> kColumns = {"name", "note", "tags", "doc", "flag", "at"};

void create_table(pqxx::work& tx) {
    tx.exec0(R"(CREATE TABLE copied (name text NOT NULL, note text, tags text[] NOT NULL,
                                     doc jsonb NOT NULL, flag boolean NOT NULL, at timestamptz))");
}

TEST(BinaryCopy, EveryFieldTypeArrivesIntact) {
    TestDatabase db;
    pqxx::connection conn(db.url());
    pqxx::work tx(conn);
    create_table(tx);
    // What the text format would have to escape: tabs, newlines, backslashes; and accents.
    const std::string awkward = "a\tb\nc\\d \"quoted\" l’été, {braces}";
    {
        BinaryCopy copy(tx, "copied", kColumns);
        copy.row().text(awkward).null().text_array({}).jsonb("[]").boolean(false).null();
        copy.row()
            .text("deux")
            .text("")
            .text_array({"ACI", "un, deux", "", awkward})
            .jsonb(R"(["Code du travail", {"n": 1}])")
            .boolean(true)
            .timestamptz(*parse_iso_micros("2026-03-13T20:42:50.690581+02:00"));
        copy.complete();
    }
    auto rows = tx.exec(
        "SELECT name, note IS NULL, note, cardinality(tags), tags, doc::text, flag, "
        "to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') FROM copied ORDER BY flag");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0][0].as<std::string>(), awkward);
    EXPECT_TRUE(rows[0][1].as<bool>());
    EXPECT_EQ(rows[0][3].as<int>(), 0);
    EXPECT_EQ(rows[0][5].as<std::string>(), "[]");
    EXPECT_FALSE(rows[0][6].as<bool>());
    EXPECT_TRUE(rows[0][7].is_null());

    EXPECT_EQ(rows[1][0].as<std::string>(), "deux");
    EXPECT_FALSE(rows[1][1].as<bool>());
    EXPECT_EQ(rows[1][2].as<std::string>(), "");
    EXPECT_EQ(rows[1][3].as<int>(), 4);
    auto tag = tx.exec_params1("SELECT tags[4] FROM copied WHERE name = 'deux'");
    EXPECT_EQ(tag[0].as<std::string>(), awkward);
    EXPECT_EQ(rows[1][5].as<std::string>(), R"(["Code du travail", {"n": 1}])");
    EXPECT_TRUE(rows[1][6].as<bool>());
    EXPECT_EQ(rows[1][7].as<std::string>(), "2026-03-13 18:42:50.690581");
}

TEST(BinaryCopy, TimestampsEqualPostgresReadingOfTheSameText) {
    TestDatabase db;
    pqxx::connection conn(db.url());
    pqxx::work tx(conn);
    tx.exec0("SET LOCAL TimeZone = 'UTC'");  // parse_iso_micros reads a time without offset as UTC
    create_table(tx);
    const std::vector<std::string> texts = {"2026-11-22",
                                            "1969-07-20T20:17:40Z",
                                            "2024-02-29 23:59:59",
                                            "2026-03-13T18:42",
                                            "2026-03-13T20:42:50+0200",
                                            "2026-03-13T13:12:50-05:30",
                                            "2026-03-13T18:42:50.690581+00:00",
                                            "2026-03-13T18:42:50.1234565+01:00",
                                            "2026-03-13T18:42:50.1234564-11",
                                            "2026-03-13T18:42:50.9999999Z",
                                            "2026-03-13T18:42:50.0000005Z",
                                            "1999-12-31T23:59:60Z",
                                            "0001-01-01",
                                            "9999-12-31T23:59:59.999999+15:59"};
    {
        BinaryCopy copy(tx, "copied", kColumns);
        for (const auto& text : texts) {
            auto micros = parse_iso_micros(text);
            ASSERT_TRUE(micros) << text;
            copy.row().text(text).null().text_array({}).jsonb("{}").boolean(true).timestamptz(
                *micros);
        }
        copy.complete();
    }
    for (const auto& text : texts) {
        auto r = tx.exec_params1(
            "SELECT at = $1::text::timestamptz, at::text, $1::text::timestamptz::text "
            "FROM copied WHERE name = $1::text",
            text);
        EXPECT_TRUE(r[0].as<bool>()) << text << ": ours " << r[1].as<std::string>()
                                     << ", PostgreSQL's " << r[2].as<std::string>();
    }
}

TEST(BinaryCopy, ARefusedCopyIsReportedAndTheConnectionStaysUsable) {
    TestDatabase db;
    pqxx::connection conn(db.url());
    {
        pqxx::work tx(conn);
        create_table(tx);
        tx.commit();
    }
    {
        pqxx::work tx(conn);
        BinaryCopy copy(tx, "copied", kColumns);
        copy.row().null().null().text_array({}).jsonb("{}").boolean(true).null();  // name NOT NULL
        try {
            copy.complete();
            FAIL() << "a NULL name was accepted";
        } catch (const pqxx::sql_error& e) {
            EXPECT_NE(std::string(e.what()).find("23502"), std::string::npos) << e.what();
        }
    }
    {
        // A COPY abandoned halfway (its writer threw) is cancelled; nothing of it is stored.
        pqxx::work tx(conn);
        try {
            BinaryCopy copy(tx, "copied", kColumns);
            copy.row().text("half").null();
            throw std::runtime_error("writer failed");
        } catch (const std::runtime_error&) {
        }
    }
    {
        // A row with the wrong number of fields is a programming error, caught before sending.
        pqxx::work tx(conn);
        BinaryCopy copy(tx, "copied", kColumns);
        copy.row().text("short");
        EXPECT_THROW(copy.row(), std::logic_error);
    }
    pqxx::work tx(conn);
    EXPECT_EQ(tx.exec1("SELECT count(*) FROM copied")[0].as<int>(), 0);
}

}  // namespace
}  // namespace kb::test
