/// @brief Unit tests of UTF-8 handling and the French analysis shared by index and query time.
#include "french.hpp"
#include "utf8.hpp"

#include <gtest/gtest.h>

namespace kb {
namespace {

TEST(Fold, ComposedDecomposedAndPlainGiveTheSameText) {
    EXPECT_EQ(fold("Sécurité"), "securite");
    EXPECT_EQ(fold("Se\xCC\x81"
                   "curite\xCC\x81"),
              "securite");  // e + U+0301
    EXPECT_EQ(fold("SECURITE"), "securite");
    EXPECT_EQ(fold("Œuvre Ærien straße"), "oeuvre aerien strasse");
    EXPECT_EQ(fold("Ça, où, île, être, naïf"), "ca, ou, ile, etre, naif");
}

TEST(Fold, TypographicApostrophesAndSpacesAreNormalised) {
    EXPECT_EQ(fold("l\xE2\x80\x99insertion"), "l'insertion");
    EXPECT_EQ(fold("25\xC2\xA0%"), "25 %");
}

TEST(NormalizeFrench, SplitsElisionsWithBothApostrophes) {
    EXPECT_EQ(normalize_french("d'insertion"), "d insertion");
    EXPECT_EQ(normalize_french("L\xE2\x80\x99"
                               "Agefiph"),
              "l agefiph");
    EXPECT_EQ(normalize_french("qu'il jusqu'au"), "qu il jusqu au");
}

TEST(NormalizeFrench, JoinsApostrophesThatAreNotElisions) {
    EXPECT_EQ(normalize_french("prud'hommes"), "prudhommes");
    EXPECT_EQ(normalize_french("aujourd’hui"), "aujourdhui");
    EXPECT_EQ(normalize_french("l'aujourd'hui"), "l aujourdhui");
    EXPECT_EQ(normalize_french("les 'guillemets'"), "les  guillemets ");
}

TEST(Stopwords, FoldedLookup) {
    EXPECT_TRUE(is_french_stopword("Où"));
    EXPECT_TRUE(is_french_stopword("d"));
    EXPECT_TRUE(is_french_stopword("été"));
    EXPECT_FALSE(is_french_stopword("insertion"));
}

TEST(FrenchStem, AccentsAndElisionsStemAlike) {
    Xapian::Stem stem = make_french_stem();
    EXPECT_EQ(stem("Sécurité"), stem("securite"));
    EXPECT_EQ(stem("se\xCC\x81"
                   "curite\xCC\x81"),
              stem("securite"));
    EXPECT_EQ(stem("d'insertion"), stem("insertion"));
    EXPECT_EQ(stem("l\xE2\x80\x99"
                   "agefiph"),
              stem("agefiph"));
    EXPECT_EQ(stem("structures"), stem("structure"));
    EXPECT_NE(stem("insertion"), stem("structure"));
}

TEST(Utf8, ValidatesStrictly) {
    EXPECT_TRUE(is_valid_utf8("café ✓ 𝄞"));
    EXPECT_FALSE(is_valid_utf8("\xFF"));
    EXPECT_FALSE(is_valid_utf8("caf\xC3"));           // truncated
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
}

TEST(PercentDecode, DecodesAndRejectsMalformedEscapes) {
    EXPECT_EQ(percent_decode("caf%C3%A9+noir", true).value(), "café noir");
    EXPECT_EQ(percent_decode("a+b", false).value(), "a+b");
    EXPECT_FALSE(percent_decode("%G1", true).has_value());
    EXPECT_FALSE(percent_decode("abc%4", true).has_value());
}

}  // namespace
}  // namespace kb
