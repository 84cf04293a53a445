/// @brief Where a search document keeps the JSON of its hit, and reading it back from old indexes.
#include "search_schema.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace kb {
namespace {

schema::IndexEntry sample_entry() {
    schema::IndexEntry e;
    e.id = "article:delai-de-carence";
    e.kind = "guide";
    e.slug = "delai-de-carence";
    e.title = "Le délai de carence du Pass IAE";
    e.summary = "Quand un parcours peut reprendre.";
    e.body_text = "Après un parcours, un délai s'applique avant un nouveau parcours.";
    e.url = article_url(e.slug);
    e.tags = {"pass-iae"};
    e.updated_at = "2026-01-15";
    return e;
}

TEST(SearchSchema, TheHitJsonIsAValueAndTheCompressedDocumentDataStaysEmpty) {
    FrenchTermGenerator generator;
    const Xapian::Document doc = schema::make_document(sample_entry(), generator);
    EXPECT_TRUE(doc.get_data().empty());
    const auto hit = nlohmann::json::parse(schema::hit_data(doc));
    EXPECT_EQ(hit.at("title"), "Le délai de carence du Pass IAE");
    EXPECT_EQ(hit.at("slug"), "delai-de-carence");
    EXPECT_EQ(hit.at("url"), "/api/v1/articles/delai-de-carence");
    EXPECT_EQ(hit.at("tags"), nlohmann::json::array({"pass-iae"}));
}

TEST(SearchSchema, ADocumentIndexedBeforeTheDataSlotIsReadFromItsData) {
    Xapian::Document old;
    old.set_data(R"({"title":"Ancien","slug":"ancien"})");
    EXPECT_EQ(nlohmann::json::parse(schema::hit_data(old)).at("slug"), "ancien");
}

}  // namespace
}  // namespace kb
