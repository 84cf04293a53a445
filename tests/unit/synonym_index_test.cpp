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

TEST(SynonymIndex, AnAcronymWrittenAsAStopwordIsSpelledOutUnlessItIsTheVerb) {
    SynonymIndex index;
    index.add_group({"AI", "association intermédiaire"});
    index.add_group({"ETTI", "entreprise de travail temporaire d'insertion"});
    // "ai" is a stopword (j'ai): no document has it as a term, so its expansion stands in.
    EXPECT_EQ(index.spell_out_acronyms(normalize_french("AI")), "association intermediaire");
    EXPECT_EQ(index.spell_out_acronyms(normalize_french("créer une AI ou une ETTI")),
              "creer une association intermediaire ou une etti");
    // After a pronoun it is the verb.
    for (const char* verb : {"j'ai un contrat", "je l'ai signé", "je vous ai écrit", "j'en ai"}) {
        const std::string normalized = normalize_french(verb);
        EXPECT_EQ(index.spell_out_acronyms(normalized), normalized) << verb;
    }
    // A stopword that is no acronym here stays as it is, and so does one of a one-way rule.
    index.add_rule({"comité d'entreprise", "CE"}, {"comité d'entreprise"});
    EXPECT_EQ(index.spell_out_acronyms("est ce que le ce"), "est ce que le ce");
}

}  // namespace
}  // namespace kb
