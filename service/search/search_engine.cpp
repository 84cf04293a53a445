/// @brief The search pipeline: normalise, parse (with fallbacks), expand synonyms, filter, rank,
/// count.
#include "search_engine.hpp"

#include "french.hpp"
#include "french_numbers.hpp"
#include "html_escape.hpp"
#include "search_schema.hpp"
#include "snippet_window.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <string_view>
#include <tuple>
#include <unordered_map>

namespace kb {

namespace {

Xapian::Stem& thread_stemmer() {
    // Stemmers cache results and are not thread-safe: one per thread.
    thread_local Xapian::Stem stem = make_french_stem();
    return stem;
}

// Heterogeneous lookup: counting a facet line that was seen before allocates nothing.
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Xapian refuses longer terms.
constexpr std::size_t kMaxTermBytes = 245;

// Weights of the title-start and title-pair boosts (add_title_term_boosts), as a share of what
// BM25 gives a term as rare in a document of average length. A title start is also a title
// pair, so it gets both.
constexpr double kTitleStartWeight = 0.5;
// Weight of typed words found side by side in a title (see add_title_term_boosts).
constexpr double kTitlePairWeight = 1.0;

// Bytes of text in a snippet.
constexpr std::size_t kSnippetLength = 240;

// A filter matching every document that ends itself once the deadline has passed, so the matcher
// stops and ranks what it has examined. Enquire::set_time_limit would not do: it only stops the
// exhaustive counting, while ranking still walks every candidate. The clock is read every 64
// candidates (the first one included, so a deadline already past stops at once).
class DeadlineSource : public Xapian::PostingSource {
  public:
    explicit DeadlineSource(std::chrono::steady_clock::time_point deadline, bool& expired)
        : deadline_(deadline), expired_(expired) {}
    // Every document of the database is in 1..lastdocid: an exact count, estimates unchanged.
    Xapian::doccount get_termfreq_min() const override { return doccount_; }
    Xapian::doccount get_termfreq_est() const override { return doccount_; }
    Xapian::doccount get_termfreq_max() const override { return doccount_; }
    void init(const Xapian::Database& db) override {
        doccount_ = db.get_doccount();
        last_ = db.get_lastdocid();
        did_ = 0;
    }
    void next(double) override {
        ++did_;
        check();
    }
    void skip_to(Xapian::docid id, double) override {
        did_ = std::max(did_, id);
        check();
    }
    bool at_end() const override { return expired_ || did_ > last_; }
    Xapian::docid get_docid() const override { return did_; }
    std::string name() const override { return "kb::DeadlineSource"; }

  private:
    void check() {
        if ((calls_++ & 63) == 0 && std::chrono::steady_clock::now() >= deadline_) expired_ = true;
    }
    std::chrono::steady_clock::time_point deadline_;
    bool& expired_;
    Xapian::doccount doccount_ = 0;
    Xapian::docid last_ = 0;
    Xapian::docid did_ = 0;
    unsigned calls_ = 0;
};

// The documents indexed with one term, each with the same weight. Unlike
// FixedWeightPostingSource under OP_FILTER, it never ends itself when the matcher asks for more
// weight than it gives (that made a document's weight depend on the page size).
class TermWeightSource : public Xapian::PostingSource {
  public:
    TermWeightSource(std::string term, double weight) : term_(std::move(term)), weight_(weight) {
        set_maxweight(weight_);
    }
    Xapian::doccount get_termfreq_min() const override { return freq_; }
    Xapian::doccount get_termfreq_est() const override { return freq_; }
    Xapian::doccount get_termfreq_max() const override { return freq_; }
    double get_weight() const override { return weight_; }
    void init(const Xapian::Database& db) override {
        freq_ = db.get_termfreq(term_);
        it_ = db.postlist_begin(term_);
        end_ = db.postlist_end(term_);
        started_ = false;
    }
    void next(double) override {
        if (started_) ++it_;
        started_ = true;
    }
    void skip_to(Xapian::docid id, double) override {
        started_ = true;
        it_.skip_to(id);
    }
    bool at_end() const override { return started_ && it_ == end_; }
    Xapian::docid get_docid() const override { return *it_; }
    TermWeightSource* clone() const override { return new TermWeightSource(term_, weight_); }
    std::string name() const override { return "kb::TermWeightSource"; }

  private:
    std::string term_;
    double weight_;
    Xapian::doccount freq_ = 0;
    Xapian::PostingIterator it_, end_;
    bool started_ = false;
};

// Counts facets over every matching document (check_at_least = doccount), from the one value slot
// that lists a document's "<facet>\t<value>" lines.
class FacetSpy : public Xapian::MatchSpy {
  public:
    void operator()(const Xapian::Document& doc, double) override {
        ++seen_;
        const std::string facets = doc.get_value(schema::kFacetsSlot);
        std::string_view rest(facets);
        while (!rest.empty()) {
            const std::size_t end = std::min(rest.find('\n'), rest.size());
            const std::string_view line = rest.substr(0, end);
            if (auto it = counts_.find(line); it != counts_.end()) {
                ++it->second;
            } else {
                counts_.emplace(std::string(line), 1);
            }
            rest.remove_prefix(std::min(end + 1, rest.size()));
        }
    }
    std::string name() const override { return "kb.FacetSpy"; }

    [[nodiscard]] std::size_t seen() const { return seen_; }

    /// Counts, scaled up to `total` when only part of the matches was examined.
    std::map<std::string, std::vector<FacetValue>> result(std::size_t total = 0) const {
        std::map<std::string, std::vector<FacetValue>> out;
        for (const auto& facet : schema::kFacets) out[facet.name];
        const double scale =
            (total > seen_ && seen_ > 0) ? static_cast<double>(total) / seen_ : 1.0;
        for (const auto& [line, count] : counts_) {
            const std::size_t tab = line.find('\t');
            if (tab == std::string::npos || tab + 1 == line.size()) continue;
            const auto scaled =
                static_cast<std::size_t>(std::llround(static_cast<double>(count) * scale));
            out[line.substr(0, tab)].push_back({line.substr(tab + 1), scaled});
        }
        for (auto& [facet, list] : out) {
            std::sort(list.begin(), list.end(), [](const FacetValue& a, const FacetValue& b) {
                return a.count != b.count ? a.count > b.count : a.value < b.value;
            });
        }
        return out;
    }

  private:
    std::size_t seen_ = 0;
    std::unordered_map<std::string, std::size_t, StringHash, std::equal_to<>> counts_;
};

Xapian::Query any_of(const std::string& prefix, const std::vector<std::string>& values) {
    std::vector<Xapian::Query> terms;
    for (const auto& v : values) terms.emplace_back(prefix + v);
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// The terms of a query's posting sources, as the counter takes them.
std::vector<std::string> terms_of(const std::vector<WeightedTerm>& sources) {
    std::vector<std::string> terms;
    terms.reserve(sources.size());
    for (const auto& source : sources) terms.push_back(source.term);
    return terms;
}

Xapian::Query filter_query(const SearchFilters& f) {
    std::vector<Xapian::Query> parts;
    if (!f.kinds.empty()) parts.push_back(any_of(schema::kKindPrefix, f.kinds));
    if (!f.tags.empty()) parts.push_back(any_of(schema::kTagPrefix, f.tags));
    if (!f.steps.empty()) parts.push_back(any_of(schema::kStepPrefix, f.steps));
    if (!f.structure_types.empty())
        parts.push_back(any_of(schema::kStructurePrefix, f.structure_types));
    if (!f.territories.empty()) parts.push_back(any_of(schema::kTerritoryPrefix, f.territories));
    if (!f.statuses.empty()) parts.push_back(any_of(schema::kStatusPrefix, f.statuses));
    if (!f.sources.empty()) parts.push_back(any_of(schema::kSourcePrefix, f.sources));
    if (!f.types.empty()) parts.push_back(any_of(schema::kResourceTypePrefix, f.types));
    if (!f.licences.empty()) parts.push_back(any_of(schema::kLicencePrefix, f.licences));
    if (!f.audiences.empty()) parts.push_back(any_of(schema::kAudiencePrefix, f.audiences));
    return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

Xapian::Query phrase_query(const std::vector<std::string>& words, Xapian::Stem& stem) {
    std::vector<Xapian::Query> terms;
    for (const auto& w : words) terms.emplace_back("Z" + stem(w));
    if (terms.size() == 1) return terms.front();
    return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                         static_cast<Xapian::termcount>(terms.size() + 2));
}

// Xapian's own correction (FLAG_SPELLING_CORRECTION) checks whether the *unstemmed* term exists,
// and our index holds only stemmed terms, so it would "correct" valid words. Here a word is
// corrected only when the spelling dictionary (built from the same folded words) does not know it,
// nor the lexicon of the language. Returns the corrected text, empty when nothing changed.
std::string spelling_correction(const std::string& normalized, const TermLookups::On& terms,
                                const SynonymIndex& synonyms, const Lexicon& lexicon,
                                QueryWatch& watch) {
    std::string out;
    bool changed = false;
    for_each_word(normalized, [&](std::string_view gap, std::string_view word_view) {
        out += gap;
        std::string word(word_view);
        // Three-letter words are mostly acronyms: one is checked only when nothing in the index
        // has its stem (`iea` for `iae`), so a known acronym is never "corrected".
        const bool long_enough =
            word.size() >= 4 ||
            (word.size() == 3 && terms.frequency("Z" + thread_stemmer()(word)) == 0);
        // A word of a synonym (a tag's, say) is vocabulary, even when no document has it yet. A
        // word of the language is not a typo because no document uses it: "devenir" is not
        // "retenir", "grève" not "grave", "illégal" not "legal". (Searching a word of its family
        // instead, "porteur" for "porteuse", also took "interaction" for "interdiction" and
        // "materiel" for "maternel", for the same nDCG@10.)
        const bool checkable = long_enough && !is_french_stopword(word) &&
                               word.find_first_of("0123456789") == std::string::npos &&
                               !synonyms.expands_word(word) && !lexicon.contains(word);
        if (checkable && !terms.spelled(word)) {
            // Whether and how it is corrected depends on the dictionary's words: a commit that
            // adds one drops the answer (frequencies of known words are left out: a tie they
            // could break between two corrections is rare, and dropping every answer with a typo
            // at every commit was most of the misses under forum traffic).
            watch.terms.push_back(schema::kNewSpellingTerm);
            std::string suggestion = terms.suggestion(word, word.size() >= 7 ? 2 : 1);
            // Another ending of the same stem ("harcele" for "harcelee") is an inflection, not a
            // typo: the word already matches what the suggestion would.
            Xapian::Stem& stem = thread_stemmer();
            const bool inflection =
                stem(suggestion) == stem(word) &&
                (suggestion.rfind(word, 0) == 0 || word.rfind(suggestion, 0) == 0);
            // One letter away from a three-letter word lie dozens of words: such a word (mostly
            // an acronym) is corrected into the index's own vocabulary ("iea": "iae"), never
            // into a common word ("max" is not "mai").
            const bool common_for_short = word.size() <= 3 && lexicon.contains(suggestion);
            if (!suggestion.empty() && suggestion != word && !inflection && !common_for_short) {
                word = suggestion;
                changed = true;
            }
        }
        out += word;
    });
    return changed ? out : std::string();
}

// A fixed weight for every document indexed with `term`: what BM25 gives a term of that
// frequency in a document of average length, times `scale`. A title property says as much of a
// long document as of a short one, where BM25's length normalisation would favour the shorter.
std::optional<WeightedTerm> title_term_boost(const TermLookups::On& terms, const std::string& term,
                                             double scale) {
    const double docs = terms.db().get_doccount();
    const double freq = terms.frequency(term);
    const double idf = std::log((docs - freq + 0.5) / (freq + 0.5));
    if (freq == 0 || idf <= 0) return std::nullopt;
    return WeightedTerm{term, scale * idf};
}

// Whether a stem of a title is the typed stem or, for a typed stem of 4 letters or more, one
// derived from it: "signe" (sign) finds "signature" (signatur), which Snowball stems apart.
bool stem_matches(std::string_view title_stem, std::string_view typed) {
    return title_stem == typed || (typed.size() >= 4 && title_stem.rfind(typed, 0) == 0);
}

// Boosts from the title-start and title-pair terms (schema::title_start_terms,
// title_pair_terms) of the typed stems, in order.
// - A question that starts like a title (`aide au poste montant 2025`) is most likely about that
//   document: its first two (and three) words are one term of the titles that start with them.
// - Two typed words side by side in a title (`dossier de demande`, `signe la convention` for
//   "La signature de la convention") say more than the same words in a body. The title's first
//   word may be derived from the typed one (stem_matches): the title-pair terms starting with
//   the typed stem are read from the term list (a few in a title vocabulary).
void add_title_term_boosts(const std::vector<std::string>& stems, const TermLookups::On& terms,
                           std::vector<WeightedTerm>& sources, QueryWatch& watch) {
    // Posting sources hide their terms from the query: the watch is told of them here.
    for (const auto& term : schema::title_start_terms(stems)) {
        watch.terms.push_back(term);
        if (auto boost = title_term_boost(terms, term, kTitleStartWeight))
            sources.push_back(std::move(*boost));
    }
    for (std::size_t i = 0; i + 1 < stems.size(); ++i) {
        const std::string& first = stems[i];
        const std::string& second = stems[i + 1];
        const std::string prefix =
            schema::kTitlePairPrefix + first + (first.size() >= 4 ? "" : " ");
        watch.prefixes.push_back(prefix);
        // Held here: a range-for would drop the pointer (and, once the memo moves to another
        // index state, the list) before the loop.
        const auto pair_terms = terms.with_prefix(prefix, 500);
        for (const std::string& term : *pair_terms) {
            const std::size_t space = term.find(' ', schema::kTitlePairPrefix.size());
            if (space == std::string::npos) continue;
            const std::string_view pair(term);
            if (!stem_matches(pair.substr(schema::kTitlePairPrefix.size(),
                                          space - schema::kTitlePairPrefix.size()),
                              first) ||
                !stem_matches(pair.substr(space + 1), second))
                continue;
            if (auto boost = title_term_boost(terms, term, kTitlePairWeight))
                sources.push_back(std::move(*boost));
        }
    }
}

// How many of a question's n distinct content words must match: all of 1 to 6, three in ten
// (at least 3) from 7, the rarest (tests/bench/relevance.sh and speed.sh, 2026-11-30: from 7
// words, p99 of the cold phrasings 7.7 → 4.9 ms for 0.003 nDCG@10; three in four from 4 words
// too cost 0.002 more for little speed; keeping the left-out words as weight (AND_MAYBE) kept
// nDCG@10 but slowed questions of 4 to 6 words).
std::size_t words_to_keep(std::size_t n) {
    return n < 7 ? n : std::max<std::size_t>(3, (3 * n + 9) / 10);
}

// A long question's most common words: the rarest words_to_keep(n) of its n distinct content
// stems say what it is about; the others ("salarie", "travail", "contrat") are in tens of
// thousands of documents, and finding every document with one of them is most of what a long
// question costs. The text without them; a word joined to another by a hyphen or inside
// quotes stays (it belongs to a phrase). Title and pair boosts still use every word, so two of
// them side by side in a document ("contrat de travail") still find it: with the boost under
// AND_MAYBE instead of OR, the cold phrasings' p50 was 30% slower.
std::string drop_common_words(const std::string& text, const std::vector<std::string>& words,
                              const TermLookups::On& terms, Xapian::Stem& stem) {
    std::vector<std::pair<Xapian::doccount, std::string>> stems;  // (frequency, stem)
    for (const auto& w : words) {
        const std::string s = stem(w);
        if (std::none_of(stems.begin(), stems.end(), [&](const auto& e) { return e.second == s; }))
            stems.emplace_back(0, s);
    }
    const std::size_t keep = words_to_keep(stems.size());
    if (keep == stems.size()) return text;
    // Only now: each frequency is a lookup in the index's files.
    for (auto& [frequency, s] : stems) frequency = terms.frequency("Z" + s);
    std::stable_sort(stems.begin(), stems.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> dropped;
    for (std::size_t i = keep; i < stems.size(); ++i) dropped.push_back(stems[i].second);
    std::vector<std::pair<std::string_view, std::string_view>> tokens;
    for_each_word(
        text, [&](std::string_view gap, std::string_view word) { tokens.emplace_back(gap, word); });
    auto joins = [](std::string_view gap, bool at_end) {
        if (gap.empty()) return false;
        const char c = at_end ? gap.back() : gap.front();
        return c == '-' || c == '+' || gap.find('"') != std::string_view::npos;
    };
    std::string out;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const auto [gap, word] = tokens[i];
        out += gap;
        const bool common =
            !word.empty() && !is_french_stopword(word) &&
            std::find(dropped.begin(), dropped.end(), stem(std::string(word))) != dropped.end();
        const bool in_phrase =
            joins(gap, true) || (i + 1 < tokens.size() && joins(tokens[i + 1].first, false));
        if (!common || in_phrase) out += word;
    }
    return out;
}

struct ParsedQuery {
    Xapian::Query query;
    /// Adds weight to what query matches. Its pair terms hold two typed words side by side: a
    /// document with two of a long question's left-out words side by side is found by them.
    Xapian::Query boost;
    std::string corrected;  ///< normalised corrected text, empty when no correction
    QueryWatch watch;       ///< what the parse itself depended on (boost terms, spelling)
    /// query's top-level OR as the ranker reads it: its parts with their scale, its posting
    /// sources' terms with their weight (a Query shows neither a scale nor a source's term).
    std::vector<RankPart> parts;
    std::vector<WeightedTerm> sources;
    RankPart boost_part;
    /// What snippets mark: the stems of the typed words and their synonyms, and the phrases
    /// (as stems) marked only where their words follow one another: a number rewritten in
    /// several words ("24" as "vingt-quatre") does not mark every "vingt" and "quatre".
    std::vector<std::string> marked_stems;
    std::vector<std::vector<std::string>> marked_phrases;
};

ParsedQuery parse_text(const std::string& normalized, const TermLookups::On& terms,
                       const SynonymIndex& synonyms, const Lexicon& lexicon,
                       const SearchTuning& tuning) {
    Xapian::Stem& stem = thread_stemmer();
    Xapian::QueryParser qp;
    qp.set_database(terms.db());
    qp.set_stemmer(stem);
    qp.set_stopper(make_french_stopper());
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
    qp.set_default_op(Xapian::Query::OP_OR);
    ParsedQuery out;
    out.corrected = spelling_correction(normalized, terms, synonyms, lexicon, out.watch);
    // A corrected word is searched in place of the typed one: the typed word occurs nowhere in the
    // corpus, so whatever its stem matches is another word's (`cdiea` stems like `cdi`, and
    // found the CDI inclusion rather than the CDIAE).
    // An acronym French also writes as a stopword ("creer une ai") is in no document's terms:
    // what it stands for is searched in its place.
    // A number typed in words is searched in digits: both writings ask the same (the numbers of
    // one word have one stem already, number_word_digits).
    const std::string text = number_words_as_digits(without_question_phrases(
        synonyms.spell_out_acronyms(out.corrected.empty() ? normalized : out.corrected)));
    const std::vector<std::string> words = content_words(text);
    // A long question's most common words are left out of what must match.
    const std::string matched_text =
        tuning.drop_common_words ? drop_common_words(text, words, terms, stem) : text;
    // No FLAG_BOOLEAN: users type French sentences, and brackets or "et"/"ou" are not operators.
    const unsigned flags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_LOVEHATE;
    try {
        out.query = qp.parse_query(matched_text, flags);
    } catch (const Xapian::QueryParserError&) {
        // Unbalanced quotes and the like: retry as plain words.
        try {
            out.query = qp.parse_query(matched_text, 0);
        } catch (const Xapian::QueryParserError&) {
            out.query = Xapian::Query();
        }
    }
    if (out.query.empty() && !words.empty()) {
        std::vector<Xapian::Query> terms;
        for (const auto& w : words) terms.emplace_back("Z" + stem(w));
        out.query = Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    }
    std::vector<RankPart> parts;
    for (const auto& phrase : synonyms.expansions(words))
        parts.push_back({phrase_query(phrase, stem), tuning.synonym_weight});
    std::vector<Xapian::Query> marked{out.query};
    for (const auto& part : parts) marked.push_back(part.query);
    // "24 mois" finds "vingt-quatre mois" as much as the number typed: its words side by side,
    // as the index's pair terms (one lookup each: the phrase read the positions of every
    // document with both words, and took 10 ms and more).
    for (const auto& spelling : number_spellings(words)) {
        std::vector<std::string> stems;
        for (const auto& w : spelling) stems.push_back(stem(w));
        std::vector<Xapian::Query> pairs;
        for (std::size_t i = 0; i + 1 < stems.size(); ++i)
            pairs.emplace_back(schema::pair_term(stems[i], stems[i + 1]));
        parts.push_back({Xapian::Query(Xapian::Query::OP_AND, pairs.begin(), pairs.end()), 1.0});
        out.marked_phrases.push_back(std::move(stems));
    }
    // A compound French writes with or without a hyphen is found in both writings, as much as
    // typed: "socioprofessionnel" finds "socio-professionnel" (its two words side by side, as a
    // pair term), "co-financement" (two typed words) finds "cofinancement". A word is split only
    // where what follows the prefix is a word of the lexicon ("contrat" is not "co" + "ntrat").
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& word = words[i];
        if (const std::size_t n = compound_prefix_length(word);
            n > 0 && lexicon.contains(std::string_view(word).substr(n))) {
            std::vector<std::string> stems{stem(word.substr(0, n)), stem(word.substr(n))};
            parts.push_back({Xapian::Query(schema::pair_term(stems[0], stems[1])), 1.0});
            out.marked_phrases.push_back(std::move(stems));
        }
        if (i + 1 < words.size() && is_compound_prefix(word)) {
            Xapian::Query joined("Z" + stem(word + words[i + 1]));
            parts.push_back({joined, 1.0});
            marked.push_back(joined);
        }
    }
    out.marked_stems =
        snippet_stems(Xapian::Query(Xapian::Query::OP_OR, marked.begin(), marked.end()));
    // A tag's synonym (or old slug) also finds what moderators tagged with it, with the weight
    // its canonical name would give in a title (a tag says what the whole item is about).
    for (const auto& term : synonyms.expansion_terms(words)) {
        out.watch.terms.push_back(term);  // a posting source: its term is not in the query
        if (auto tagged = title_term_boost(terms, term, tuning.synonym_weight))
            out.sources.push_back(std::move(*tagged));
    }
    if (tuning.title_weight > 0 && !words.empty()) {
        // Title matches count again, on their own: a word in the title says more than in the body.
        std::vector<Xapian::Query> terms;
        for (const auto& w : words) terms.emplace_back("Z" + schema::kTitlePrefix + stem(w));
        parts.push_back({Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end()),
                         tuning.title_weight});
    }
    if (tuning.pair_weight > 0 && words.size() >= 2) {
        // Two typed words found side by side ("rupture conventionnelle") say more than the same
        // words apart: each adjacent pair counts again, as the index's term for the two stems
        // side by side (schema::kPairPrefix). One term lookup where a phrase would read two
        // position lists for every candidate, so the pairs weigh in the one matching pass.
        std::vector<Xapian::Query> pairs;
        for (std::size_t i = 0; i + 1 < words.size(); ++i) {
            std::string pair = schema::pair_term(stem(words[i]), stem(words[i + 1]));
            if (pair.size() <= kMaxTermBytes) pairs.emplace_back(std::move(pair));
        }
        out.boost_part = {Xapian::Query(Xapian::Query::OP_OR, pairs.begin(), pairs.end()),
                          tuning.pair_weight};
        out.boost = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, out.boost_part.query,
                                  out.boost_part.scale);
    }
    if (words.size() >= 2) {
        std::vector<std::string> stems;
        for (const auto& w : words) stems.push_back(stem(w));
        add_title_term_boosts(stems, terms, out.sources, out.watch);
    }
    if (out.query.empty()) {
        // Without typed words to match, neither synonyms nor boosts stand on their own.
        out.sources.clear();
    } else {
        std::vector<Xapian::Query> alternatives{out.query};
        for (const auto& part : parts)
            alternatives.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, part.query, part.scale);
        for (const auto& source : out.sources)
            alternatives.emplace_back(
                (new TermWeightSource(source.term, source.weight))->release());
        parts.insert(parts.begin(), RankPart{out.query, 1.0});
        out.parts = std::move(parts);
        if (alternatives.size() > 1)
            out.query =
                Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
    }
    if (out.corrected == normalized) out.corrected.clear();
    return out;
}

// Title, slug, kind and url of an indexed document, for lists of links.
std::optional<nlohmann::json> link_of(const Xapian::Document& doc) {
    auto data = nlohmann::json::parse(schema::hit_data(doc), nullptr, false);
    if (data.is_discarded()) return std::nullopt;
    return nlohmann::json{{"title", data.value("title", "")},
                          {"slug", data.value("slug", "")},
                          {"kind", data.value("kind", "")},
                          {"url", data.value("url", "")}};
}

// Notes in window the order hits are shown in, when it is not the ranking's.
void show(RankWindow& window, const std::vector<RankedHit>& hits) {
    window.shown_weights.clear();
    window.shown_ids.clear();
    for (const RankedHit& hit : hits) {
        window.shown_weights.push_back(hit.weight);
        window.shown_ids.push_back(hit.id);
    }
}

// Whether a ranked first page computed at an earlier revision, which no commit since changed,
// is still the page a search at db's state gives: the collection statistics moved every weight,
// within the window's spread (weight_spread), and near-equal results may have swapped. What
// must stay apart: the window's last and what was left out (the same documents ranked); with
// citations, the last of the best `citing` and the next (the same ones lending weight); and each
// of the page in the order shown, down to the first after it.
bool page_holds(const SearchResponse& response, const Xapian::Database& db, std::size_t citing) {
    if (!response.window || !response.basis) return true;  // nothing to tell it by: as it was
    const RankWindow& window = *response.window;
    const std::vector<double>& ranked = window.weights;
    if (ranked.size() != window.ids.size()) return false;
    const std::optional<double> spread = weight_spread(window, db);
    if (!spread) return false;
    if (*spread == 1.0) return true;
    // The same margin as Ranker::rerank's, far above the rounding of a sum of weights.
    const double margin = *spread * (1 + 1e-9);
    auto apart = [&](double above, double below) { return above > below * margin; };
    // Documents alike (RankWindow::alike) whose length parts stayed the same still tie, in id
    // order: only the others can part.
    const double len_factor = length_factor(db);
    if (window.more && !ranked.empty() &&
        ((window.left_alike && !window.left_still_tied(len_factor)) ||
         !apart(ranked.back(), window.beyond)))
        return false;
    const bool cited = !window.shown_weights.empty();
    if (cited && citing > 0 && citing < ranked.size() &&
        !apart(ranked[citing - 1], ranked[citing]) &&
        !window.still_tied(citing - 1, citing, len_factor))
        return false;
    const std::vector<double>& shown = cited ? window.shown_weights : ranked;
    if (cited && window.shown_ids.size() != shown.size()) return false;
    // The window position of the k-th result shown.
    auto position = [&](std::size_t k) {
        if (!cited) return k;
        return static_cast<std::size_t>(
            std::find(window.ids.begin(), window.ids.end(), window.shown_ids[k]) -
            window.ids.begin());
    };
    // In the citations' order, two such documents still tie when neither gained any weight (a
    // gain comes from the others of the window, which the checks above keep).
    auto still_tied = [&](std::size_t k) {
        const std::size_t a = position(k);
        const std::size_t b = position(k + 1);
        return window.still_tied(a, b, len_factor) && shown[k] == ranked[a] &&
               shown[k + 1] == ranked[b];
    };
    for (std::size_t k = 0; k < response.basis->per_page && k + 1 < shown.size(); ++k)
        if (!apart(shown[k], shown[k + 1]) && !still_tied(k)) return false;
    return true;
}

// Everything the answer depends on; the text as analysed, so "Congés" and "conges" share an entry.
std::string cache_key(const SearchRequest& r, const std::string& normalized) {
    std::string key = normalized;
    auto add = [&key](const std::vector<std::string>& values) {
        key += '\x1e';
        for (const auto& v : values) key += v + '\x1f';
    };
    add(r.filters.kinds);
    add(r.filters.tags);
    add(r.filters.steps);
    add(r.filters.structure_types);
    add(r.filters.territories);
    add(r.filters.statuses);
    add(r.filters.sources);
    add(r.filters.types);
    add(r.filters.licences);
    add(r.filters.audiences);
    key += '\x1e' + std::string(r.sort_recent ? "recent" : "relevance") + '\x1e' +
           std::to_string(r.page) + '\x1e' + std::to_string(r.per_page);
    return key;
}

}  // namespace

std::shared_ptr<const SynonymIndex> SearchEngine::synonyms_for(const Xapian::Database& db,
                                                               const IndexState& state) {
    {
        // The version key is read again only on another index state: a B-tree lookup a search.
        std::lock_guard lock(synonyms_mutex_);
        if (synonyms_ && synonyms_state_.generation == state.generation &&
            synonyms_state_.revision == state.revision)
            return synonyms_;
    }
    const std::string version = db.get_metadata(schema::kSynonymsVersionMeta);
    std::lock_guard lock(synonyms_mutex_);
    if (!synonyms_ || version != synonyms_version_) {
        synonyms_ = std::make_shared<const SynonymIndex>(SynonymIndex::load(db));
        synonyms_version_ = version;
    }
    synonyms_state_ = state;
    return synonyms_;
}

SearchOutcome SearchEngine::search(const SearchRequest& request) {
    const std::string normalized = normalize_french(request.q);
    const std::string key = cache_key(request, normalized);
    return readers_.read([&](IndexReaders::Lease& lease) -> SearchOutcome {
        const std::string version = lease.version();
        const IndexState state{lease.generation(), lease.db().get_revision()};
        auto work = [&]() -> std::optional<SearchOutcome> {
            const auto deadline = std::chrono::steady_clock::now() + tuning_.deadline;
            QueryWatch watch;
            auto response = std::make_shared<const SearchResponse>(
                compute(request, normalized, lease.db(), version, state, deadline, watch));
            // A partial answer depends on the machine's load, not only on the index: computed
            // again. An answer computed afresh (no-cache) replaces the cached one.
            if (!response->partial) cache_.put(key, state, response, std::move(watch));
            return SearchOutcome{std::move(response), false};
        };
        if (!request.use_cache) return *work();
        ResultCache::Stale stale;
        // A carried answer's near-equal results may have swapped with the statistics.
        auto order_holds = [&](const SearchResponse& response) {
            return page_holds(response, lease.db(), tuning_.citations.citing);
        };
        if (auto cached = cache_.get(key, state, &stale, order_holds))
            return {std::move(cached), true};
        auto refresh_or_compute = [&]() -> std::optional<SearchOutcome> {
            if (stale.response) {
                bool reranked = false;
                auto fresh = refresh(stale, lease.db(), state, reranked);
                cache_.refreshed(fresh != nullptr, reranked);
                if (fresh) {
                    cache_.put(key, state, fresh, std::move(stale.watch));
                    return SearchOutcome{std::move(fresh), true, true};
                }
            }
            return work();
        };
        // The same question on the same index state, asked while it is being computed, waits
        // for that answer rather than computing it too.
        const std::string flight =
            key + '\x1f' + state.generation + '\x1f' + std::to_string(state.revision);
        auto flown = flights_.run(flight, refresh_or_compute);
        if (!flown->shared) return std::move(flown->value);
        cache_.shared(stale.response != nullptr, flown->value.refreshed);
        return {std::move(flown->value.response), flown->value.from_cache, flown->value.refreshed,
                true};
    });
}

std::shared_ptr<const SearchResponse> SearchEngine::refresh(const ResultCache::Stale& stale,
                                                            Xapian::Database& db,
                                                            const IndexState& state,
                                                            bool& reranked) {
    const SearchResponse& old = *stale.response;
    const RankBasis& basis = *old.basis;
    // Every copy of basis's queries made below (the ranker's, the counter's walk) is gone
    // before this lock is.
    std::lock_guard basis_lock(basis.mutex);
    const CommitLog* log = cache_.commit_log();
    if (old.partial || stale.watch.any_change || log == nullptr) return nullptr;
    // The id terms of the documents the commits wrote. None when only the order may have moved:
    // the commits wrote no document the search matches, so none is weighed.
    std::vector<std::string> written;
    if (!stale.order_only) {
        // Many commits since (an import): reading what each wrote would cost more than the answer.
        if (state.revision - stale.state.revision > DocumentChanges::kMaxCommits) return nullptr;
        const auto changed =
            log->changed_between(state.generation, stale.state.revision, state.revision);
        if (!changed) return nullptr;
        // A rewritten document the page shows, a new word for the spelling, a term under a prefix
        // the answer scanned: computed again.
        if (stale.watch.prefix_touched_by(*changed)) return nullptr;
        const auto& watched = stale.watch.terms;
        auto watches = [&](const std::string& term) {
            return std::binary_search(watched.begin(), watched.end(), term);
        };
        if (std::binary_search(changed->begin(), changed->end(), schema::kNewSpellingTerm) &&
            watches(schema::kNewSpellingTerm))
            return nullptr;
        for (const std::string& id_term : id_terms(*changed)) {
            if (watches(id_term)) return nullptr;
            written.push_back(id_term);
        }
        if (written.empty() || written.size() > kMaxRefreshWrites) return nullptr;
    }
    // Ranked again at the state now, as the page was (and re-ordered by the citations again):
    // the commits moved the collection statistics, which can swap near-equal results, and a
    // written document may rank into the page. The page holds when it is the same documents in
    // the same order; their percentages are the new ones. Most often the window ranked last
    // time and the written documents are all there is to weigh again (Ranker::rerank).
    RankWindow window;
    std::optional<std::vector<RankedHit>> ranked;
    if (old.window)
        ranked = ranker_.rerank(db, state, counter_, basis.parts, basis.sources, basis.filter,
                                basis.ranked, *old.window, written, &window);
    const bool within_window = ranked.has_value();
    if (!ranked)
        ranked = ranker_.rank(db, state, counter_, basis.parts, basis.sources, basis.filter, 0,
                              basis.ranked, &window);
    if (!ranked) return nullptr;
    if (basis.cited) {
        const std::shared_ptr<const CitationGraph> graph = citations_.at(db, state);
        if (!graph) return nullptr;
        if (rerank_by_citations(*ranked, *graph, tuning_.citations)) show(window, *ranked);
    }
    const std::size_t shown = std::min(ranked->size(), basis.per_page);
    if (shown != basis.page.size()) return nullptr;
    for (std::size_t i = 0; i < shown; ++i)
        if ((*ranked)[i].id != basis.page[i]) return nullptr;
    auto fresh = std::make_shared<SearchResponse>();
    if (stale.order_only) {
        // No document written matches: the counts are what they were.
        fresh->total = old.total;
        fresh->exact = old.exact;
        fresh->facets_exact = old.facets_exact;
        fresh->facets = old.facets;
    } else {
        const auto counts =
            counter_.count(db, state, basis.query, terms_of(basis.sources), basis.filter);
        if (!counts) return nullptr;
        fresh->total = counts->total;
        fresh->facets = counts->facets;
    }
    fresh->corrected_query = old.corrected_query;
    fresh->hits = old.hits;
    // One hit per page document unless one had no data (skipped when the page was made).
    if (fresh->hits.size() == shown)
        for (std::size_t i = 0; i < shown; ++i) fresh->hits[i].score = (*ranked)[i].percent / 100.0;
    fresh->basis = old.basis;
    fresh->basis_bytes = old.basis_bytes;
    fresh->window = std::make_shared<const RankWindow>(std::move(window));
    // What reads the same renders the same: the texts already made of the answer are kept (most
    // often only the collection's statistics moved, and no percentage with them).
    const bool same_hits = std::ranges::equal(
        fresh->hits, old.hits,
        [](const SearchHit& a, const SearchHit& b) { return a.score == b.score; });
    const bool same_counts = fresh->total == old.total && fresh->exact == old.exact &&
                             fresh->facets_exact == old.facets_exact && fresh->facets == old.facets;
    if (same_hits) fresh->page_results = old.page_results;
    if (same_counts) fresh->page_facets = old.page_facets;
    if (same_hits && same_counts) fresh->rendering = old.rendering;
    reranked = within_window;
    return fresh;
}

SearchResponse SearchEngine::compute(const SearchRequest& request, const std::string& normalized,
                                     Xapian::Database& db, const std::string& version,
                                     const IndexState& state,
                                     std::chrono::steady_clock::time_point deadline,
                                     QueryWatch& watch) {
    auto synonyms = synonyms_for(db, state);
    const bool has_text = normalized.find_first_not_of(" \t\r\n") != std::string::npos;
    SearchResponse response;

    auto run = [&](const ParsedQuery& parsed, SearchResponse& out) {
        const Xapian::Query& text_query = parsed.query;
        const Xapian::Query& boost = parsed.boost;
        const std::vector<std::string> source_terms = terms_of(parsed.sources);
        // Built once: it filters the query, and the counter filters the posting sources' terms
        // with it (empty without filters).
        const Xapian::Query filter =
            request.filters.empty() ? Xapian::Query() : filter_query(request.filters);
        auto filtered = [&](const Xapian::Query& q) {
            if (filter.empty()) return q;
            return q.empty() && !has_text
                       ? Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query::MatchAll, filter)
                       : Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
        };
        Xapian::Query query = filtered(text_query);
        out.hits.clear();
        out.total = 0;
        FacetSpy spy;
        if (query.empty()) {
            out.facets = spy.result();
            return;
        }
        const auto offset = static_cast<Xapian::doccount>((request.page - 1) * request.per_page);
        const auto per_page = static_cast<Xapian::doccount>(request.per_page);
        const bool ranked = !request.sort_recent && !text_query.empty();
        if (ranked && !boost.empty()) {
            query = filtered(Xapian::Query(Xapian::Query::OP_OR, text_query, boost));
        }
        // Totals and facets counted from document sets, so the matcher only ranks: it skips
        // the documents that cannot reach the page. A query the counter cannot read is counted
        // by the matcher: exactly up to facet_exact_limit matches (which stops it from skipping
        // anything), estimated from those it examined beyond.
        // Past the deadline (or with none at all), no time for counting either.
        watch.add_terms(query);
        const std::optional<MatchCounter::Counts> counts =
            tuning_.exact_counts && std::chrono::steady_clock::now() < deadline
                ? counter_.count(db, state, query, source_terms, filter)
                : std::nullopt;
        // A page within the best CitationTuning::window is chosen from all of them, re-ordered
        // by the citations between them, so that every page of the window reads one order.
        const CitationTuning& cite = tuning_.citations;
        const std::shared_ptr<const CitationGraph> graph =
            ranked && cite.weight > 0 && offset < cite.window ? citations_.at(db, state) : nullptr;
        const bool whole_window = graph && !graph->empty();
        const auto first = whole_window ? Xapian::doccount{0} : offset;
        const auto wanted = whole_window
                                ? std::max<Xapian::doccount>(
                                      static_cast<Xapian::doccount>(cite.window), offset + per_page)
                                : per_page;
        // The ranked documents from `first`, in memory (Ranker), else from Xapian's matcher.
        std::optional<std::vector<RankedHit>> ranked_hits;
        std::vector<RankPart> parts;
        RankWindow window;
        if (counts && ranked && tuning_.own_ranker) {
            parts = parsed.parts;
            if (!boost.empty()) parts.push_back(parsed.boost_part);
            ranked_hits = ranker_.rank(db, state, counter_, parts, parsed.sources, filter, first,
                                       wanted, &window);
        }
        if (counts) {
            out.total = counts->total;
            out.exact = true;
            out.facets_exact = true;
            out.facets = counts->facets;
        }
        std::shared_ptr<RankBasis> basis;
        if (counts && ranked_hits && offset == 0) {
            basis = std::make_shared<RankBasis>();
            basis->query = query;
            basis->filter = filter;
            basis->per_page = per_page;
            basis->parts = std::move(parts);
            basis->sources = parsed.sources;
            basis->ranked = wanted;
            basis->cited = whole_window;
            out.basis = basis;
            // Roughly a query tree node and a term per leaf, and the window's documents.
            out.basis_bytes =
                256 +
                96 * static_cast<std::size_t>(
                         std::distance(query.get_terms_begin(), query.get_terms_end())) +
                (2 * sizeof(Xapian::docid) + 2 * sizeof(double) + 2 * sizeof(std::uint32_t)) *
                    window.ids.size() +
                sizeof(Xapian::doccount) * window.frequencies.size();
        }
        if (!ranked_hits) {
            // Set by the deadline filter once the search has run out of time.
            bool expired = false;
            Xapian::Enquire enquire(db);
            enquire.set_weighting_scheme(bm25());
            // Ties in document order (the default), so that page 2 continues page 1 exactly.
            enquire.set_query(
                Xapian::Query(Xapian::Query::OP_FILTER, query,
                              Xapian::Query((new DeadlineSource(deadline, expired))->release())));
            if (!ranked) enquire.set_sort_by_value_then_relevance(schema::kUpdatedSlot, true);
            if (!counts) enquire.add_matchspy(&spy);
            const Xapian::doccount check =
                counts ? 0
                : tuning_.facet_exact_limit == 0
                    ? db.get_doccount()
                    : static_cast<Xapian::doccount>(tuning_.facet_exact_limit);
            const Xapian::MSet mset = enquire.get_mset(first, wanted, check);
            out.partial = expired;
            if (!counts) {
                out.total = mset.get_matches_estimated();
                out.exact =
                    !expired && mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
                out.facets_exact = out.exact && spy.seen() >= out.total;
                out.facets = spy.result(out.facets_exact ? 0 : out.total);
            }
            ranked_hits.emplace();
            for (auto it = mset.begin(); it != mset.end(); ++it)
                ranked_hits->push_back({*it, it.get_weight(), it.get_percent()});
        }
        if (whole_window && rerank_by_citations(*ranked_hits, *graph, cite) && basis)
            show(window, *ranked_hits);
        if (basis) out.window = std::make_shared<const RankWindow>(std::move(window));
        // The page: [offset, offset + per_page) of the ranked documents.
        std::vector<std::pair<Xapian::docid, int>> page;
        for (std::size_t i = offset - first; i < ranked_hits->size() && page.size() < per_page; ++i)
            page.emplace_back((*ranked_hits)[i].id, (*ranked_hits)[i].percent);
        if (basis)
            for (const auto& entry : page) basis->page.push_back(entry.first);
        for (const auto& [id, percent] : page) {
            SearchHit hit;
            const std::shared_ptr<const ShownDocument> doc =
                documents_.get(db, state, id, thread_stemmer());
            if (doc->data().is_discarded()) continue;
            hit.shown = doc->hit;
            // Marked here rather than by MSet::snippet, which stems every word of the passage
            // again and weighs windows anew (a fifth of a search's time): the best window is
            // found once, over the whole text, from where the document's words are by stem
            // (snippet_window.hpp, made when the document was read).
            hit.snippet = highlighted_snippet(doc->text, doc->text_words, parsed.marked_stems,
                                              kSnippetLength, parsed.marked_phrases);
            if (hit.snippet.empty())
                hit.snippet = http::html_escape(hit.data().value("summary", std::string()));
            hit.score = text_query.empty() ? 0.0 : percent / 100.0;
            out.hits.push_back(std::move(hit));
        }
    };

    // Any word matches; documents rank by how many words they have and how telling they are.
    ParsedQuery parsed = has_text ? parse_text(normalized, TermLookups::On(lookups_, db, version),
                                               *synonyms, lexicon_, tuning_)
                                  : ParsedQuery{};
    if (has_text && parsed.query.empty() && request.filters.empty()) {
        response.facets = FacetSpy().result();
        return response;  // only stopwords or punctuation: nothing to look for
    }
    watch = std::move(parsed.watch);
    run(parsed, response);
    // A commit reports the id term of every document it rewrote (IndexChanges): an answer
    // showing one is computed again, whatever else changed in it.
    for (const auto& hit : response.hits)
        if (!hit.shown->id_term.empty()) watch.terms.push_back(hit.shown->id_term);
    watch.finish();
    // Out of time: no further pass, the answer is what the first one found.
    if (response.partial) {
        response.basis.reset();
        response.window.reset();
        return response;
    }
    if (!parsed.corrected.empty()) response.corrected_query = parsed.corrected;
    return response;
}

namespace {

std::string joined_words(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& word : words) out += (out.empty() ? "" : " ") + word;
    return out;
}

// How many words that are not stopwords come before the typed text where it starts a word of
// the title (both joined_words): 0 for "l aide au poste…" and "aide"; npos when it is not there.
std::size_t words_before_typed(const std::string& title, const std::string& typed) {
    for (auto at = title.find(typed); at != std::string::npos; at = title.find(typed, at + 1))
        if (at == 0 || title[at - 1] == ' ')
            return content_words(std::string_view(title).substr(0, at)).size();
    return std::string::npos;
}

}  // namespace

std::vector<nlohmann::json> SearchEngine::suggest(const std::string& q, std::size_t limit) {
    const std::vector<std::string> words = split_words(normalize_french(q));
    // Typed text and titles are compared as their words one space apart: "aide   au" is
    // "aide au", and "L'aide au poste : …" is "l aide au poste …".
    const std::string typed = joined_words(words);
    std::vector<nlohmann::json> out;
    if (words.empty()) return out;
    std::vector<Xapian::Query> parts;
    // The words before the last are complete: matched as search matches them, by stem in the
    // titles (`sortie dyn` finds "Sorties dynamiques"); only the last one is a prefix.
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        if (!is_french_stopword(words[i]))
            parts.emplace_back("Z" + schema::kTitlePrefix + thread_stemmer()(words[i]));
    }
    Xapian::Query last(Xapian::Query::OP_WILDCARD, schema::kTitleWordPrefix + words.back(), 200,
                       Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    Xapian::Query query;
    if (is_french_stopword(words.back()) && !parts.empty()) {
        // "aide au", "projet d'": the last word may be whole, and a stopword is in no title's
        // words; the titles of the words before it stay (they went blank at each such word).
        query =
            Xapian::Query(Xapian::Query::OP_AND_MAYBE,
                          Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end()), last);
    } else {
        parts.push_back(last);
        query = Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
    }
    // The order: titles where the last typed word is a whole word ("ai": the AI guide before
    // "Aides handicap…"); that start with the typed text; our guides, the reference pages,
    // before write-ups, resources and threads; the fewer words before the typed text the better
    // ("aide": "L'aide au poste…" before "L'ASP… de l'aide au poste"; "etti": the ETTI guide
    // before the write-ups that start "Une ETTI"); then shorter titles.
    struct Candidate {
        nlohmann::json link;
        std::tuple<bool, bool, bool, std::size_t, std::size_t> order;
    };
    std::vector<Candidate> candidates = readers_.read([&](IndexReaders::Lease& lease) {
        Xapian::Enquire enquire(lease.db());
        // An acronym French also writes as a stopword ("ai": AI, association intermédiaire) is
        // in no title's completion terms: the titles of what it stands for come too.
        const IndexState state{lease.generation(), lease.db().get_revision()};
        const std::string spelled = synonyms_for(lease.db(), state)->spell_out_acronyms(typed);
        std::vector<Xapian::Query> stems;
        if (spelled != typed)
            for (const auto& word : content_words(spelled))
                stems.emplace_back("Z" + schema::kTitlePrefix + thread_stemmer()(word));
        enquire.set_query(stems.empty() ? query
                                        : Xapian::Query(Xapian::Query::OP_OR, query,
                                                        Xapian::Query(Xapian::Query::OP_AND,
                                                                      stems.begin(), stems.end())));
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        Xapian::MSet mset = enquire.get_mset(0, 200);
        std::vector<Candidate> links;
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            auto link = link_of(it.get_document());
            if (!link) continue;
            const std::string title = (*link)["title"].get<std::string>();
            const auto title_words = split_words(normalize_french(title));
            const std::string folded = joined_words(title_words);
            const bool whole = std::find(title_words.begin(), title_words.end(), words.back()) !=
                               title_words.end();
            const bool starts = folded.rfind(typed, 0) == 0;
            const bool guide = (*link)["kind"] == "guide";
            links.push_back(
                {std::move(*link),
                 {!whole, !starts, !guide, words_before_typed(folded, typed), title.size()}});
        }
        return links;
    });
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.order < b.order; });
    if (candidates.size() > limit) candidates.resize(limit);
    for (auto& c : candidates) out.push_back(std::move(c.link));
    return out;
}

std::vector<nlohmann::json> SearchEngine::related(const std::string& id_term, std::size_t limit) {
    return readers_.read(
        [&](IndexReaders::Lease& lease) { return related(lease.db(), id_term, limit); });
}

std::vector<nlohmann::json> SearchEngine::related(Xapian::Database& db, const std::string& id_term,
                                                  std::size_t limit) {
    Xapian::PostingIterator pit = db.postlist_begin(id_term);
    if (pit == db.postlist_end(id_term)) return {};
    Xapian::RSet rset;
    rset.add_document(*pit);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(id_term));
    // Only stemmed content terms make good "more like this" terms, not filters or ids.
    struct ContentTerms : Xapian::ExpandDecider {
        bool operator()(const std::string& term) const override {
            return term.size() > 3 && term[0] == 'Z' && term[1] != schema::kTitlePrefix[0];
        }
    } decider;
    Xapian::ESet eset = enquire.get_eset(25, rset, &decider);
    std::vector<Xapian::Query> terms;
    for (auto it = eset.begin(); it != eset.end(); ++it) terms.emplace_back(*it);
    if (terms.empty()) return {};
    Xapian::Query similar(Xapian::Query::OP_AND_NOT,
                          Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                          Xapian::Query(id_term));
    // Thread posts are not "related articles".
    similar = Xapian::Query(Xapian::Query::OP_AND_NOT, similar,
                            Xapian::Query(schema::kKindPrefix + kKindThread));
    enquire.set_query(similar);
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
    std::vector<nlohmann::json> out;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        if (auto link = link_of(it.get_document())) out.push_back(*link);
    }
    return out;
}

}  // namespace kb
