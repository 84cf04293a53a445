/// @brief Unit tests of UTF-8 handling and the French analysis shared by index and query time.
#include "french.hpp"
#include "french_numbers.hpp"
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

TEST(CompoundPrefix, OnlyAPrefixFollowedByFourLettersOrMoreIsSplitOff) {
    EXPECT_TRUE(is_compound_prefix("socio"));
    EXPECT_TRUE(is_compound_prefix("co"));
    EXPECT_FALSE(is_compound_prefix("sur"));  // a stopword, and a word of its own
    EXPECT_FALSE(is_compound_prefix("cofinancement"));
    EXPECT_EQ(compound_prefix_length("cofinancement"), 2u);
    EXPECT_EQ(compound_prefix_length("socioprofessionnel"), 5u);
    EXPECT_EQ(compound_prefix_length("prerequis"), 3u);
    EXPECT_EQ(compound_prefix_length("cout"), 0u);    // two letters after "co"
    EXPECT_EQ(compound_prefix_length("socio"), 0u);   // the prefix alone
    EXPECT_EQ(compound_prefix_length("emploi"), 0u);  // no prefix
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

TEST(FrenchStem, AWordEndingInEeStemsAsItsAccentedForm) {
    Xapian::Stem stem = make_french_stem();
    // Folded "durée" is "duree": stemmed as "durée", with the verb and the other endings.
    for (const char* word : {"durée", "duree", "durées", "durees", "dure", "durer"})
        EXPECT_EQ(stem(word), "dur") << word;
    EXPECT_EQ(stem("conventionnee"), stem("conventionnement"));
    EXPECT_EQ(stem("créée"), stem("creer"));
    EXPECT_EQ(stem("prolongee"), stem("prolonger"));
    // "iée" with the masculine: a woman and a man employed are both "salarié".
    for (const char* word : {"salariée", "salariee", "salariées", "salarié", "salarie", "salaries"})
        EXPECT_EQ(stem(word), stem("salarié")) << word;
    EXPECT_EQ(stem("associée"), stem("associé"));
    // Only a final "ee": other words keep their stems.
    EXPECT_EQ(stem("entree"), "entre");
    EXPECT_EQ(stem("structure"), "structur");
}

TEST(FrenchStem, ANumberWordStemsAsItsDigits) {
    Xapian::Stem stem = make_french_stem();
    EXPECT_EQ(stem("trois"), "3");
    EXPECT_EQ(stem("Trois"), stem("3"));
    EXPECT_EQ(stem("douze"), "12");
    EXPECT_EQ(stem("vingts"), stem("vingt"));
    EXPECT_EQ(stem("soixante"), "60");
    // "neuf" is also "new": left to Snowball, like any word that is not a number.
    EXPECT_EQ(stem("neuf"), "neuf");
    EXPECT_EQ(stem("troisieme"), "troisiem");
}

TEST(FrenchStem, AVerbAndTheNounsMadeFromItShareAStem) {
    Xapian::Stem stem = make_french_stem();
    // Snowball alone gives six stems here ("prescrir", "prescr", "prescrit", "prescrivent",
    // "prescript", "prescripteur").
    for (const char* word : {"prescrire", "prescrit", "prescrites", "prescrivent", "prescription",
                             "prescripteurs", "prescriptrice"})
        EXPECT_EQ(stem(word), stem("prescripteur")) << word;
    for (const char* word : {"rompre", "rompu", "rompt", "ruptures"})
        EXPECT_EQ(stem(word), stem("rupture")) << word;
    for (const char* word : {"agréée", "agreer", "agrément"}) EXPECT_EQ(stem(word), "agre") << word;
    for (const char* word : {"suspendre", "suspendu", "suspension"})
        EXPECT_EQ(stem(word), stem("suspend")) << word;
    for (const char* word : {"instruire", "instruit", "instruction", "instructrice"})
        EXPECT_EQ(stem(word), stem("instruction")) << word;
    for (const char* word : {"inscrire", "inscrits", "inscription"})
        EXPECT_EQ(stem(word), stem("inscription")) << word;
    for (const char* word : {"signer", "signent", "signature", "signataire"})
        EXPECT_EQ(stem(word), stem("signe")) << word;
    for (const char* word : {"créer", "créée", "création", "créatrice"})
        EXPECT_EQ(stem(word), stem("crée")) << word;
    for (const char* word : {"suivre", "suivent", "suivi"}) EXPECT_EQ(stem(word), "suiv") << word;
    EXPECT_EQ(stem("dépôt"), stem("déposer"));
    EXPECT_EQ(stem("subventionnée"), stem("subvention"));
    for (const char* word : {"obtenir", "obtenu", "obtient", "obtention"})
        EXPECT_EQ(stem(word), stem("obtenir")) << word;
    for (const char* word : {"conventions", "conventionnée", "conventionnement"})
        EXPECT_EQ(stem(word), stem("convention")) << word;
    // Only those families: a product is not its production, a signal not a signature, what
    // comes next ("suite") not a follow-up, a "rupture conventionnelle" not a convention.
    EXPECT_NE(stem("suite"), stem("suivi"));
    EXPECT_NE(stem("conventionnelle"), stem("convention"));
    EXPECT_NE(stem("produit"), stem("production"));
    EXPECT_NE(stem("signal"), stem("signature"));
}

TEST(FrenchNumbers, DigitsGiveTheWordsOfANumberOfSeveralWords) {
    using Spellings = std::vector<std::vector<std::string>>;
    EXPECT_EQ(number_spellings({"24", "mois"}), (Spellings{{"20", "4"}}));
    EXPECT_EQ(number_spellings({"19"}), (Spellings{{"10", "neuf"}}));
    EXPECT_EQ(number_spellings({"77"}), (Spellings{{"60", "10", "7"}}));
    EXPECT_EQ(number_spellings({"71"}), (Spellings{{"60", "11"}}));  // "et" is a stopword
    EXPECT_EQ(number_spellings({"80", "24", "80"}), (Spellings{{"4", "20"}, {"20", "4"}}));
    // One word already, its stem its digits; "... et un" would also find 20 (and 81, 80).
    for (const char* digits : {"3", "20", "21", "81", "100", "2025", "024", "vingt"})
        EXPECT_TRUE(number_spellings({digits}).empty()) << digits;
}

TEST(FrenchNumbers, WordsOfANumberAreReadAsItsDigits) {
    EXPECT_EQ(number_words_as_digits("duree vingt-quatre mois"), "duree 24 mois");
    EXPECT_EQ(number_words_as_digits("vingt quatre"), "24");
    EXPECT_EQ(number_words_as_digits("soixante et onze ans"), "71 ans");
    EXPECT_EQ(number_words_as_digits("dix-neuf"), "19");
    // The longest run, read once: not 80 and 19.
    EXPECT_EQ(number_words_as_digits("quatre-vingt-dix-neuf euros"), "99 euros");
    EXPECT_EQ(number_words_as_digits("quatre-vingts"), "80");
    // Not one number: punctuation between, a single word, "vingt et un", two small numbers.
    for (const char* text :
         {"vingt, quatre", "trois ans", "vingt et un", "deux trois choses", "neuf", "un vingt"})
        EXPECT_EQ(number_words_as_digits(text), text) << text;
}

TEST(QuestionPhrases, HowLongLeavesTheTimeOfTheTopicAlone) {
    auto words = [](const std::string& text) {
        return split_words(without_question_phrases(normalize_french(text)));
    };
    using W = std::vector<std::string>;
    EXPECT_EQ(words("Combien de temps dure une convention ?"),
              (W{"combien", "de", "dure", "une", "convention"}));
    EXPECT_EQ(words("la convention dure combien de temps"),
              (W{"la", "convention", "dure", "combien", "de"}));
    // The topic's "temps": kept.
    EXPECT_EQ(words("combien de temps partiel"), (W{"combien", "de", "temps", "partiel"}));
    EXPECT_EQ(words("combien de temps de travail"), (W{"combien", "de", "temps", "de", "travail"}));
    EXPECT_EQ(words("le temps de travail"), (W{"le", "temps", "de", "travail"}));
    EXPECT_EQ(words("temps"), (W{"temps"}));
}

TEST(QuestionPhrases, GreetingsThanksAndWishesAroundAQuestionAreLeftOut) {
    auto words = [](const std::string& text) {
        return content_words(without_question_phrases(normalize_french(text)));
    };
    using W = std::vector<std::string>;
    EXPECT_EQ(words("Bonjour, je souhaite créer un chantier d'insertion dans ma commune, par où "
                    "commencer ? Merci d'avance"),
              (W{"creer", "chantier", "insertion", "commune"}));
    EXPECT_EQ(words("j'aimerais ouvrir une EI svp"), (W{"ouvrir", "ei"}));
    EXPECT_EQ(words("nous cherchons un CIP"), (W{"cip"}));
    EXPECT_EQ(words("salut quelqu'un sait combien de temps met la ddets pour répondre"),
              (W{"ddets", "repondre"}));
    EXPECT_EQ(words("savez-vous si la DDETS répond vite"), (W{"ddets", "repond", "vite"}));
    // Elsewhere these are verbs of the topic.
    EXPECT_EQ(words("il sait lire"), (W{"sait", "lire"}));
    EXPECT_EQ(words("le temps que met la convention"), (W{"temps", "met", "convention"}));
    // A wish without its subject is a topic; so is what "commencer" does elsewhere.
    EXPECT_EQ(words("la recherche d'emploi"), (W{"recherche", "emploi"}));
    EXPECT_EQ(words("commencer un parcours"), (W{"commencer", "parcours"}));
    // Nothing else to search: searched as typed.
    EXPECT_EQ(words("Bonjour"), (W{"bonjour"}));
    EXPECT_EQ(words("merci"), (W{"merci"}));
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
