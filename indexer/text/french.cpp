/// @brief French analysis: stopword table, elision stripping and a caching, folding stemmer.
#include "french.hpp"

#include "french_numbers.hpp"
#include "utf8.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace kb {

namespace {

// Snowball's French list, folded, plus the elided forms and a few very frequent verbs.
const std::unordered_set<std::string>& stopwords() {
    static const std::unordered_set<std::string> words = {
        "a", "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "et", "eux",
        "il", "ils", "je", "la", "le", "les", "leur", "leurs", "lui", "ma", "mais", "me", "meme",
        "mes", "moi", "mon", "ne", "nos", "notre", "nous", "on", "ou", "par", "pas", "pour", "qu",
        "que", "qui", "sa", "se", "ses", "son", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un",
        "une", "vos", "votre", "vous", "c", "d", "j", "l", "m", "n", "s", "t", "y", "ete", "etee",
        "etees", "etes", "etant", "suis", "es", "est", "sommes", "sont", "serai", "sera", "seront",
        "serait", "etais", "etait", "etaient", "fus", "fut", "soit", "soient", "ai", "as", "avons",
        "avez", "ont", "aurai", "aura", "auront", "aurait", "avais", "avait", "avaient", "eu",
        "eut", "ayant", "cet", "cette", "ca", "ceci", "cela", "celle", "celui", "ceux", "quel",
        "quelle", "quels", "quelles", "dont", "ou", "si", "comme", "jusqu", "lorsqu", "puisqu",
        "quoiqu", "aujourd", "tout", "tous", "toute", "toutes", "sans", "sous", "entre", "vers",
        "chez", "aussi", "donc", "or", "ni", "car", "quoi", "comment", "faut", "peut", "etre",
        "avoir", "faire", "fait", "ils", "elles",
        // Question words and modal verbs: how people phrase questions, not what they ask about.
        "combien", "pourquoi", "quand", "lorsque", "dois", "doit", "doivent", "devez", "puis",
        "pouvez", "peuvent", "peux", "veux", "voudrais", "existe", "quelqu", "etc",
        // "quelqu'un" keeps its apostrophe's word whole (it is no elided article).
        "quelquun"};
    return words;
}

// Elided articles and conjunctions that may precede an apostrophe.
bool is_elided_prefix(std::string_view p) {
    static const std::array<std::string_view, 13> prefixes = {
        "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"};
    for (auto candidate : prefixes) {
        if (p == candidate) return true;
    }
    return false;
}

// Where a folded word's final "ee" or "ees" starts (a stem of three letters or more before
// it), else npos.
std::size_t ee_ending(const std::string& word) {
    const std::size_t n = word.size();
    if (n >= 6 && word.compare(n - 3, 3, "ees") == 0) return n - 3;
    if (n >= 5 && word.compare(n - 2, 2, "ee") == 0) return n - 2;
    return std::string::npos;
}

class FoldingFrenchStemmer : public Xapian::StemImplementation {
  public:
    std::string operator()(const std::string& word) override {
        auto hit = cache_.find(word);
        if (hit != cache_.end()) return hit->second;
        std::string stem = stem_french_word(word, french_);
        // Bounded: a pathological corpus must not grow the cache without limit.
        if (cache_.size() > 200000) cache_.clear();
        cache_.emplace(word, stem);
        return stem;
    }
    std::string get_description() const override { return "french-folding"; }

  private:
    Xapian::Stem french_{"french"};
    std::unordered_map<std::string, std::string> cache_;
};

// A folded word is a stopword when listed, or when it is one letter: a lone "o" typed for "au"
// (`aide o poste`) or a list marker says nothing, yet a rare letter term weighed more than every
// real word of the question. Index and queries drop them alike.
bool is_stop(const std::string& folded) {
    if (folded.size() == 1 && folded[0] >= 'a' && folded[0] <= 'z') return true;
    return stopwords().count(folded) > 0;
}

class FoldingFrenchStopper : public Xapian::Stopper {
  public:
    bool operator()(const std::string& term) const override {
        bool ascii = true;
        for (unsigned char c : term) ascii = ascii && c < 0x80 && !(c >= 'A' && c <= 'Z');
        return ascii ? is_stop(term) : is_stop(fold(term));
    }
    std::string get_description() const override { return "french-folding-stopper"; }
};

// Verbs and the nouns made from them that Snowball stems apart, even the verb's own forms
// ("prescrire" "prescrir", "prescrit" "prescr", "prescrivent" "prescrivent", "prescription"
// "prescript"). A project holder asks "qui peut prescrire" of guides that say "prescripteur",
// "créer une ACI" of guides on its "création", "suivre la convention" of its "suivi", and the
// "renouvellement du conventionnement" of guides on renewing the "convention" ("convention" is
// "convent", "conventionnement" "convention"; "conventionnelle", as in "rupture
// conventionnelle", stays apart). Each line is one family: every stem Snowball gives one of
// its forms over Debian's word list (and the feminine agents, "structure prescriptrice", which
// the list lacks), then the stem they all take. Whole families of the domain only: a suffix
// rule would join "produit" (a product) with "production".
std::optional<std::string_view> verb_and_noun_family(std::string_view stem) {
    struct Family {
        std::vector<std::string_view> stems;
        std::string_view stem;
    };
    // clang-format off
    static const std::array<Family, 13> kFamilies{{
        {{"prescrir", "prescrit", "prescriv", "prescrivent", "prescrivon", "prescript",
          "prescripteur", "prescriptric"}, "prescr"},
        {{"inscrir", "inscriront", "inscris", "inscrit", "inscriv", "inscrivent", "inscrivon",
          "inscript"}, "inscr"},
        {{"instructeur", "instructric", "instruir", "instruiront", "instruis", "instruisent",
          "instruison", "instruit"}, "instruct"},
        {{"romp", "rompent", "rompon", "rompr", "rompront", "rompt", "rompu", "rompus"}, "ruptur"},
        {{"agreent", "agrement", "agreon"}, "agre"},
        {{"suspendent", "suspendon", "suspendr", "suspendront", "suspendu", "suspendus",
          "suspens"}, "suspend"},
        {{"signatair", "signatur", "signent", "signon"}, "sign"},
        {{"creent", "creon", "creation", "createur", "creatric"}, "cre"},
        {{"suivent", "suivon", "suivr", "suivron", "suivront"}, "suiv"},
        {{"deposent", "deposon", "depot"}, "depos"},
        {{"subvention", "subventionnent", "subventionnon"}, "subvent"},
        {{"obtenon", "obtent", "obtenu", "obtenus", "obtiendr", "obtiendront", "obtiennent",
          "obtien", "obtient"}, "obten"},
        {{"convent"}, "convention"},
    }};
    // clang-format on
    for (const auto& family : kFamilies)
        for (const std::string_view member : family.stems)
            if (member == stem) return family.stem;
    return std::nullopt;
}

}  // namespace

std::string stem_french_word(std::string_view word, const Xapian::Stem& snowball) {
    std::string folded = fold(word);
    // Same rule as normalize_french(), for words the snippet highlighter sees whole.
    if (auto apos = folded.find('\''); apos != std::string::npos) {
        if (is_elided_prefix(std::string_view(folded).substr(0, apos))) {
            folded.erase(0, apos + 1);
        } else {
            folded.erase(apos, 1);
        }
    }
    // "trois ans" and "3 ans" are one term; the numbers French writes in several words find
    // their digits through the query (number_words_as_digits, number_spellings).
    if (auto digits = number_word_digits(folded)) return std::string(*digits);
    // Folding hides the "ée" of a participle or a noun from Snowball, which then keeps a
    // letter of it: "durée" stemmed "dure" where "dure" and "durer" give "dur", "conventionnée"
    // "conventionne" where "conventionnement" gives "convention". A word ending in "ee" is read
    // as ending in "ée" (its only reading in French), and the stem folded again. Over the
    // 346,000 words of Debian's list, it splits fewer families of words than folding alone, and
    // joins fewer. But "iée" is stemmed as the folded masculine "ie": Snowball gives folded
    // "salarie" and "salaries" "salar", and "salariée" "salari"; the same masculine and
    // feminine then share a stem (over the list: 23 families fewer split, none more joined).
    std::string stem;
    if (const std::size_t at = ee_ending(folded); at == std::string::npos) {
        stem = snowball(folded);
    } else if (folded[at - 1] == 'i') {
        folded.erase(at, 1);
        stem = snowball(folded);
    } else {
        folded.replace(at, 1, "\xC3\xA9");
        stem = fold(snowball(folded));
    }
    // Snowball turns a "y" between vowels into "i" only before a verb ending it recognises,
    // and folding hides "é" endings from it: "payer" gives "pai" but folded "payes" gives
    // "pay".
    if (!stem.empty() && stem.back() == 'y') stem.back() = 'i';
    if (auto family = verb_and_noun_family(stem)) return std::string(*family);
    return stem;
}

void for_each_word(std::string_view text,
                   const std::function<void(std::string_view gap, std::string_view word)>& fn) {
    auto is_word = [](unsigned char c) { return std::isalnum(c) || c >= 0x80; };
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t gap_start = i;
        while (i < text.size() && !is_word(static_cast<unsigned char>(text[i]))) ++i;
        std::size_t word_start = i;
        while (i < text.size() && is_word(static_cast<unsigned char>(text[i]))) ++i;
        fn(text.substr(gap_start, word_start - gap_start), text.substr(word_start, i - word_start));
    }
}

std::vector<std::string> split_words(std::string_view text) {
    std::vector<std::string> words;
    for_each_word(text, [&](std::string_view, std::string_view word) {
        if (!word.empty()) words.emplace_back(word);
    });
    return words;
}

std::vector<std::string> content_words(std::string_view text) {
    std::vector<std::string> words;
    for_each_word(text, [&](std::string_view, std::string_view word) {
        if (!word.empty() && !is_french_stopword(word)) words.emplace_back(word);
    });
    return words;
}

std::string normalize_french(std::string_view text) {
    std::string folded = fold(text);
    std::string out;
    out.reserve(folded.size());
    for (std::size_t i = 0; i < folded.size(); ++i) {
        if (folded[i] != '\'') {
            out += folded[i];
            continue;
        }
        // The word before the apostrophe: an elided article ("l'", "qu'") is split off, any other
        // apostrophe joins its word ("prud'hommes" and "prudhommes" are one word).
        std::size_t start = out.size();
        while (start > 0 && std::isalpha(static_cast<unsigned char>(out[start - 1]))) --start;
        const bool elision = is_elided_prefix(std::string_view(out).substr(start));
        const bool letter_follows =
            i + 1 < folded.size() && std::isalnum(static_cast<unsigned char>(folded[i + 1]));
        if (elision || !letter_follows || start == out.size()) out += ' ';
    }
    return out;
}

namespace {

struct GapAndWord {
    std::string_view gap, text;
};

// Greetings and thanks around a question ("bonjour", "merci d'avance", "svp"), the wish that
// opens it ("je souhaite", "j'aimerais", "nous cherchons"), the asking itself ("quelqu'un sait",
// "savez-vous"), the verb of "combien de temps met…" and "par où commencer": a transcript that
// says "bonjour" ten times came first for "bonjour, je souhaite créer un chantier d'insertion
// dans ma commune, par où commencer ?", sheets saying "sait" and "met" for "salut quelqu'un
// sait combien de temps met la ddets pour repondre".
bool is_courtesy(const std::vector<GapAndWord>& words, std::size_t i) {
    using Words = std::initializer_list<std::string_view>;
    const std::string_view word = words[i].text;
    auto is_one_of = [word](Words list) {
        return std::find(list.begin(), list.end(), word) != list.end();
    };
    const std::string_view before = i >= 1 ? words[i - 1].text : "";
    const std::string_view two_before = i >= 2 ? words[i - 2].text : "";
    const std::string_view after = i + 1 < words.size() ? words[i + 1].text : "";
    if (is_one_of({"bonjour", "bonsoir", "salut", "merci", "svp", "stp", "cordialement"}))
        return true;
    if (is_one_of({"sait", "saurait", "connait", "connaitrait"}))
        return before == "quelquun" || (before == "un" && two_before == "quelqu");
    if (is_one_of({"savez", "sauriez", "connaissez"})) return after == "vous";
    if (is_one_of({"met", "mettent", "prend", "prennent"}))
        return before == "temps" && i >= 3 && words[i - 3].text == "combien";
    // Only after its subject: "la recherche d'emploi" is a topic.
    if (is_one_of({"souhaite", "souhaiterais", "souhaitons", "souhaiterions", "aimerais",
                   "aimerions", "voulons", "voudrions", "cherche", "cherchons", "recherche",
                   "recherchons"}))
        return before == "je" || before == "j" || before == "nous";
    return (word == "avance" && before == "d" && two_before == "merci") ||
           (word == "commencer" && before == "ou" && two_before == "par");
}

}  // namespace

std::string without_question_phrases(std::string_view normalized) {
    std::vector<GapAndWord> words;
    for_each_word(normalized, [&](std::string_view gap, std::string_view word) {
        words.push_back({gap, word});
    });
    std::vector<bool> how_long(words.size()), courtesy(words.size());
    bool topic_left = false;  // a word that says what the question is about
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string_view next = i + 1 < words.size() ? words[i + 1].text : "";
        how_long[i] = words[i].text == "temps" && i >= 2 && words[i - 2].text == "combien" &&
                      (words[i - 1].text == "de" || words[i - 1].text == "d") && next != "de" &&
                      next != "d" && next != "partiel" && next != "plein";
        courtesy[i] = !words[i].text.empty() && is_courtesy(words, i);
        topic_left = topic_left || (!how_long[i] && !courtesy[i] && !words[i].text.empty() &&
                                    !is_french_stopword(words[i].text));
    }
    std::string out;
    out.reserve(normalized.size());
    for (std::size_t i = 0; i < words.size(); ++i) {
        out += words[i].gap;
        // "bonjour" alone, or "merci", is searched as typed.
        const bool blank = how_long[i] || (courtesy[i] && topic_left);
        out += blank ? std::string(words[i].text.size(), ' ') : std::string(words[i].text);
    }
    return out;
}

namespace {

// Those our texts write both ways (socio-/socio, co-/co, auto-/auto, micro-, pré-…), and their
// neighbours; not "sur", "sous" or "non", which are stopwords or words of their own.
constexpr std::array<std::string_view, 16> kCompoundPrefixes = {
    "agro",  "anti",  "auto",  "bio",  "co",  "eco",  "extra", "inter",
    "micro", "multi", "pluri", "post", "pre", "semi", "socio", "tele"};

}  // namespace

bool is_compound_prefix(std::string_view folded) {
    return std::find(kCompoundPrefixes.begin(), kCompoundPrefixes.end(), folded) !=
           kCompoundPrefixes.end();
}

std::size_t compound_prefix_length(std::string_view folded) {
    for (std::string_view prefix : kCompoundPrefixes) {
        if (folded.size() >= prefix.size() + 4 && folded.starts_with(prefix)) return prefix.size();
    }
    return 0;
}

bool is_french_stopword(std::string_view word) {
    return is_stop(fold(word));
}

Xapian::Stem make_french_stem() {
    return Xapian::Stem(new FoldingFrenchStemmer());
}

Xapian::Stopper* make_french_stopper() {
    return (new FoldingFrenchStopper())->release();
}

}  // namespace kb
