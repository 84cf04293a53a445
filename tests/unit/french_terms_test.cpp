/// @brief FrenchTermGenerator gives a document the terms, wdfs and positions Xapian's
/// TermGenerator gives it with the same French stemmer and stopper.
#include "french_terms.hpp"
#include "french.hpp"
#include "test_env.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace kb {
namespace {

namespace fs = std::filesystem;

// A document's terms as "term wdf [positions]" lines, for readable failures.
std::vector<std::string> dump(const Xapian::Document& doc) {
    std::vector<std::string> lines;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        std::ostringstream line;
        line << *t << " " << t.get_wdf() << " [";
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) line << " " << *p;
        line << " ]";
        lines.push_back(line.str());
    }
    return lines;
}

// The indexing sequence of make_document: weighted title, summary and body with positions, then
// the title again under a prefix without positions.
struct Fields {
    std::string title;
    std::string summary;
    std::string body;
};

Xapian::Document with_xapian(const Fields& f) {
    Xapian::TermGenerator generator;
    generator.set_stemmer(make_french_stem());
    generator.set_stopper(make_french_stopper());
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
    generator.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
    Xapian::Document doc;
    generator.set_document(doc);
    generator.index_text(f.title, 2);
    generator.increase_termpos();
    generator.index_text(f.summary);
    generator.increase_termpos();
    generator.index_text(f.body);
    generator.index_text_without_positions(f.title, 1, "S");
    return doc;
}

Xapian::Document with_ours(FrenchTermGenerator& generator, const Fields& f,
                           std::unordered_map<std::string, unsigned>& spelling) {
    Xapian::Document doc;
    generator.start_document();
    generator.index_text(f.title, doc, 2);
    generator.increase_termpos();
    generator.index_text(f.summary, doc);
    generator.increase_termpos();
    generator.index_text(f.body, doc);
    generator.index_text(f.title, doc, 1, "S", false);
    generator.take_spelling(spelling);
    return doc;
}

void expect_same_terms(FrenchTermGenerator& ours, const Fields& f) {
    std::unordered_map<std::string, unsigned> spelling;
    EXPECT_EQ(dump(with_ours(ours, f, spelling)), dump(with_xapian(f)))
        << "title: " << f.title << "\nbody: " << f.body.substr(0, 200);
}

TEST(FrenchTermGenerator, SameTermsAsXapianOnTrickyText) {
    FrenchTermGenerator ours;
    const std::vector<std::string> texts = {
        "",
        "   ",
        "le la les",
        "conventionnement aci : les etapes du dossier",
        "Conventionnement ACI : Les Étapes",
        "i.b.m. et I.B.M. et U.N.C.L.E et A.b et M&S at&t",
        "c++ c# f### a++++ x+y fish+chips c++11",
        "1.5 2,000 3;4 1.a a.1 12.34.56 v1.2",
        "snake_case _x_ __",
        "l'insertion aujourd'hui qu'il d\xE2\x80\x99"
        "emploi l\xE2\x80\x99"
        "agefiph",
        "mot\xE2\x80\x8B"
        "joint co\xE2\x80\x8D"
        "operer 1\xE2\x80\x8B"
        "2",
        "naïve café NOËL Œuvre straße ÉTÉ été",
        "se\xCC\x81"
        "curite\xCC\x81 cafe\xCC\x81 E\xCC\x81TE\xCC\x81",  // NFD: e + U+0301
        "\xCE\xB1\xCE\xB2\xCE\xB3 \xD0\xBC\xD0\xB8\xD1\x80 日本語 ١٢٣",
        "x\xC2\xB7y a\xD7\xB4"
        "b c\xE2\x80\xA8"
        "d",
        "trailing apostrophe' and 'leading and mid'dle",
        std::string(70, 'a') + " " + std::string(64, 'b') + " " + std::string(65, 'c'),
        "payer paye payes payé essayer",
        "emploi, emplois; EMPLOI! (emploi) [emploi] «emploi» — emploi…",
        "a\tb\nc\r\nd\x01"
        "e\x7F"
        "f",
        "€100 100€ 50% n°3 3ème 1er",
    };
    for (const auto& t : texts) expect_same_terms(ours, {t, t, t});
    // The same generator again: its cache must not change anything.
    for (const auto& t : texts) expect_same_terms(ours, {"titre " + t, "", t + " fin"});
}

TEST(FrenchTermGenerator, SameTermsAsXapianOnNormalisedFiches) {
    // KB_TERMS_COMPARE_DIR points it at another corpus (the scale corpus, say).
    const char* other = std::getenv("KB_TERMS_COMPARE_DIR");
    const fs::path fiches = other ? fs::path(other) : test::corpus_dir() / "la-communaute-fiches";
    ASSERT_TRUE(fs::is_directory(fiches)) << fiches;
    FrenchTermGenerator ours;
    int compared = 0;
    for (const auto& entry : fs::recursive_directory_iterator(fiches)) {
        if (entry.path().extension() != ".md") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        const std::string body = normalize_french(text.str());
        expect_same_terms(ours, {normalize_french(entry.path().stem().string()), "", body});
        ++compared;
    }
    EXPECT_GT(compared, 100);
}

TEST(FrenchTermGenerator, CountsSpellingWordsOncePerOccurrenceWithoutDigits) {
    FrenchTermGenerator ours;
    std::unordered_map<std::string, unsigned> spelling;
    with_ours(ours, {"emploi durable", "", "l emploi et l emploi durable de la structure"},
              spelling);
    EXPECT_EQ(spelling["emploi"], 3u);
    EXPECT_EQ(spelling["durable"], 2u);
    EXPECT_EQ(spelling["structure"], 1u);
    EXPECT_EQ(spelling.count("de"), 0u);  // a stopword
    EXPECT_EQ(spelling.count("la"), 0u);
    with_ours(ours, {"", "", "article l1234 du 2022 et 12.50 euros"}, spelling);
    EXPECT_EQ(spelling["article"], 1u);
    EXPECT_EQ(spelling["euros"], 1u);
    EXPECT_EQ(spelling.count("l1234"), 0u);  // digits: never a misspelt word
    EXPECT_EQ(spelling.count("2022"), 0u);
    EXPECT_EQ(spelling.count("12.50"), 0u);
    // Only what came since the last hand-over is added.
    with_ours(ours, {"", "", "emploi"}, spelling);
    EXPECT_EQ(spelling["emploi"], 4u);
    EXPECT_EQ(spelling["durable"], 2u);
}

TEST(FrenchTermGenerator, StopwordsTakeNoPosition) {
    FrenchTermGenerator ours;
    Xapian::Document doc;
    ours.start_document();
    ours.index_text("le dossier de la structure", doc);
    auto t = doc.termlist_begin();
    ASSERT_EQ(*t, "Zdossi");
    EXPECT_EQ(*t.positionlist_begin(), 1u);
    ++t;
    ASSERT_EQ(*t, "Zstructur");
    EXPECT_EQ(*t.positionlist_begin(), 2u);
}

}  // namespace
}  // namespace kb
