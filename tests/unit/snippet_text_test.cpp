/// @brief The search page's snippets: a line break that ends a heading or a list item shows as
/// " · ", one after punctuation as a space.
#include "snippet_text.hpp"

#include <gtest/gtest.h>

namespace kb::web {
namespace {

TEST(SnippetForPage, AHeadingRunIntoItsParagraphIsSetApart) {
    EXPECT_EQ(snippet_for_page("Pourquoi une feuille de route\nCréer une <mark>SIAE</mark>"),
              "Pourquoi une feuille de route · Créer une <mark>SIAE</mark>");
    // Past a closing tag and spaces.
    EXPECT_EQ(snippet_for_page("L'aide au <mark>poste</mark> \nSon montant"),
              "L'aide au <mark>poste</mark>  · Son montant");
}

TEST(SnippetForPage, ABreakAfterPunctuationIsASpace) {
    EXPECT_EQ(snippet_for_page("de niveau 1.\nSIAE"), "de niveau 1. SIAE");
    EXPECT_EQ(snippet_for_page("Qui met en œuvre l’<mark>IAE</mark> ?\nLes employeurs"),
              "Qui met en œuvre l’<mark>IAE</mark> ? Les employeurs");
    EXPECT_EQ(snippet_for_page("les SIAE ;\nles EA"), "les SIAE ; les EA");
    EXPECT_EQ(snippet_for_page("…\nsuite"), "… suite");
    // Nothing before it, or a dot already there: no second dot.
    EXPECT_EQ(snippet_for_page("\nDébut"), " Début");
    EXPECT_EQ(snippet_for_page("Titre\n\nTexte"), "Titre ·  Texte");
    EXPECT_EQ(snippet_for_page("sans saut"), "sans saut");
}

}  // namespace
}  // namespace kb::web
