/// @brief Unit tests of the NFC composer for Latin letters with combining accents.
#include "nfc.hpp"

#include <gtest/gtest.h>

namespace kb {
namespace {

TEST(ComposeNfc, ComposesFrenchLettersWrittenDecomposed) {
    // e + U+0301, a + U+0300, E + U+0301, c + U+0327, i + U+0302, u + U+0308, y + U+0308.
    EXPECT_EQ(compose_nfc("se\xCC\x81\x63urite\xCC\x81"), "s\xC3\xA9\x63urit\xC3\xA9");
    EXPECT_EQ(compose_nfc("a\xCC\x80 E\xCC\x81t\xC3\xA9"), "\xC3\xA0 \xC3\x89t\xC3\xA9");
    EXPECT_EQ(compose_nfc("c\xCC\xA7"
                          "a i\xCC\x82le u\xCC\x88 y\xCC\x88"),
              "\xC3\xA7"
              "a \xC3\xAEle \xC3\xBC \xC3\xBF");
    EXPECT_EQ(compose_nfc("Y\xCC\x88"), "\xC5\xB8");  // Ÿ, in Latin Extended-A
}

TEST(ComposeNfc, LeavesComposedAndOtherTextAlone) {
    const std::string composed = "r\xC3\xA9glementation-\xC3\xA0-jour \xC5\x93uvre";
    EXPECT_EQ(compose_nfc(composed), composed);
    EXPECT_EQ(compose_nfc("plain-ascii-slug"), "plain-ascii-slug");
    EXPECT_EQ(compose_nfc(""), "");
    // A mark with nothing to compose with, or no precomposed form, stays as it is.
    EXPECT_EQ(compose_nfc("\xCC\x81"
                          "a"),
              "\xCC\x81"
              "a");
    EXPECT_EQ(compose_nfc("q\xCC\x81"), "q\xCC\x81");
    // Cyrillic, CJK and emoji are copied unchanged.
    EXPECT_EQ(compose_nfc("\xD0\xB9 \xE4\xB8\xAD \xF0\x9F\x98\x80"),
              "\xD0\xB9 \xE4\xB8\xAD \xF0\x9F\x98\x80");
}

TEST(ComposeNfc, AMarkWithoutComposedFormStaysAfterTheComposedLetter) {
    // e + acute + acute: the second acute has no composed form with é and stays.
    EXPECT_EQ(compose_nfc("e\xCC\x81\xCC\x81"), "\xC3\xA9\xCC\x81");
}

}  // namespace
}  // namespace kb
