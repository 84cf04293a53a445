/// @brief Unit tests of synonym groups matched against query words.
#include "synonym_index.hpp"
#include "french.hpp"

#include <gtest/gtest.h>

namespace kb {
namespace {

TEST(SynonymIndex, AcronymExpandsAndExpansionContractsBothWays) {
    SynonymIndex index;
    index.add_group({"CDIAE", "conseil départemental de l'insertion par l'activité économique"});
    auto from_acronym = index.expansions(content_words(normalize_french("avis du CDIAE")));
    ASSERT_EQ(from_acronym.size(), 1u);
    EXPECT_EQ(from_acronym[0].front(), "conseil");
    auto from_expansion = index.expansions(content_words(
        normalize_french("le Conseil départemental de l’insertion par l’activité économique")));
    ASSERT_EQ(from_expansion.size(), 1u);
    EXPECT_EQ(from_expansion[0], (std::vector<std::string>{"cdiae"}));
    EXPECT_TRUE(index.expansions(content_words(normalize_french("conseil municipal"))).empty());
}

}  // namespace
}  // namespace kb
