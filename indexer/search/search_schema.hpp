/// @brief The Xapian schema: term prefixes, value slots, document data and the analysis setup.
#pragma once

#include "article.hpp"
#include "entity_ids.hpp"
#include "french_terms.hpp"

#include <xapian.h>
#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kb::schema {

// Boolean filter prefixes.
inline const std::string kIdPrefix = "Q";
inline const std::string kKindPrefix = "XK";
inline const std::string kTagPrefix = "XT";
inline const std::string kStepPrefix = "XS";
inline const std::string kStructurePrefix = "XY";
inline const std::string kTerritoryPrefix = "XD";
inline const std::string kCategoryPrefix = "XC";
inline const std::string kStatusPrefix = "XV";
/// Where an entry comes from: "local" (ours) or "forum" (the Discourse forum).
inline const std::string kSourcePrefix = "XF";
inline const std::string kResourceTypePrefix = "XR";
inline const std::string kLicencePrefix = "XL";
inline const std::string kAudiencePrefix = "XA";
/// Title words again, stemmed, under their own prefix ("ZS…"): lets queries weigh title matches
/// apart from body matches.
inline const std::string kTitlePrefix = "S";
/// Unstemmed, folded title words for as-you-type completion.
inline const std::string kTitleWordPrefix = "XW";
/// The stems of a title's first two and first three content words, space-separated
/// ("XAaid post", "XAaid post etp"): a query that starts like a title finds it by one term
/// (title_start_terms).
inline const std::string kTitleStartPrefix = "XA";
/// The stems of each two adjacent content words of a title ("XBdossi demand" for "le dossier de
/// demande"): typed words found side by side in a title (title_pair_terms).
inline const std::string kTitlePairPrefix = "XB";
/// The stems of two words side by side anywhere in a document (adjacent positions, stopwords
/// skipped), space-separated ("XPruptur conventionnel"): the pair boost of queries, with no
/// position list to read (FrenchTermGenerator::set_pair_prefix).
inline const std::string kPairPrefix = "XP";
/// The kPairPrefix term of two stems side by side.
inline std::string pair_term(const std::string& first, const std::string& second) {
    return kPairPrefix + first + ' ' + second;
}

/// Not a term of any document: a commit that added a word to the spelling dictionary reports it
/// among the terms it changed (IndexChanges), and an answer whose words were checked against
/// the dictionary watches it (a new word may change a correction).
inline const std::string kNewSpellingTerm = "\x01kb:new-spelling";

// Value slots.
enum Slot : Xapian::valueno {
    kUpdatedSlot = 0,  ///< sortable_serialise(seconds since epoch)
    kFacetsSlot = 1,   ///< every facet value of the document, one "<facet>\t<value>" per line
    kSnippetSlot = 2,  ///< the plain text, for snippets (kept out of the JSON data)
    kDataSlot = 3,     ///< the JSON of a hit (id, kind, slug, title, summary, url, tags, ...)
    kCitesSlot = 4,    ///< the ids ("article:<slug>") of the documents it cites, one per line
};

/// A facet: its name in kFacetsSlot lines and in the API, and the prefix of the boolean term
/// each of its values is indexed under (the term its filter looks for).
struct Facet {
    std::string name;
    std::string prefix;
};
inline const std::vector<Facet> kFacets = {
    {"kind", kKindPrefix},       {"tag", kTagPrefix},
    {"step", kStepPrefix},       {"structure_type", kStructurePrefix},
    {"source", kSourcePrefix},   {"type", kResourceTypePrefix},
    {"licence", kLicencePrefix}, {"audience", kAudiencePrefix},
};

/// The facet whose value `term` is the boolean term of, or null. The title-start terms share
/// the audience prefix but always hold a space.
const Facet* facet_of_term(std::string_view term);

// Metadata keys holding synonym rules ("kb:glossary:<slug>" per glossary, "kb:synonyms" extra).
inline const std::string kGlossaryMetaPrefix = "kb:glossary:";
inline const std::string kExtraSynonymsMeta = "kb:synonyms";
/// Changes whenever synonym metadata may have changed, so readers know to reload it.
inline const std::string kSynonymsVersionMeta = "kb:synonyms-version";

/// Relative weight of the fields (wdf increments): title > summary > body.
constexpr int kTitleWeight = 2;
constexpr int kSummaryWeight = 1;

/// Bytes of plain text kept in kSnippetSlot for snippets: the whole text of any real document
/// (the longest fiche is ~100 KB), so a snippet can show the passage that matches wherever it
/// is; the bound only stops a pathological file.
constexpr std::size_t kSnippetTextLimit = 512 * 1024;

/// Metadata key of the index format, and the format this build writes. The indexer rebuilds an
/// index of another format: what documents hold changed (2: whole text for snippets, articles
/// for every structure type listed under each, title-start and title-pair terms; 3: pair terms
/// of adjacent words; 4: the documents an article cites; 5: completion terms of two-letter
/// title words; 6: words ending in "ée" stemmed as such once folded; 7: "iée" as "ié"; 8: number
/// words as their digits; 9: verbs and their nouns one stem: "prescrire", "prescripteur"; 10:
/// "créer", "création", "suivre", "suivi" and others).
inline const std::string kFormatMeta = "kb:format";
inline const std::string kFormat = "11";

/// The kTitleStartPrefix terms of a title's content-word stems (given in order): the first two
/// and the first three, for titles and queries alike.
std::vector<std::string> title_start_terms(const std::vector<std::string>& stems);

/// The kTitlePairPrefix terms of a title's content-word stems: each adjacent pair.
std::vector<std::string> title_pair_terms(const std::vector<std::string>& stems);

/// Unique id terms.
std::string article_id(const std::string& slug);
std::string thread_id(long long id);
std::string resource_id(long long id);

/// Seconds since the epoch (negative before 1970) of an ISO date or timestamp (parse_iso_micros).
std::optional<double> parse_iso_seconds(const std::string& text);

/// What goes into one search document, whatever its source (article or Q&A thread).
struct IndexEntry {
    std::string
        id;  ///< "article:<slug>", "thread:<id>" or "resource:<id>"; the unique term is "Q" + id
    std::string kind;
    std::string slug;
    std::string title;
    std::string summary;
    std::string body_text;
    std::string url;
    std::vector<std::string> tags;
    std::vector<std::string> steps;
    std::vector<std::string> structure_types;
    std::string territory;
    std::string category;
    std::string status;                  ///< threads only
    std::string source = "local";        ///< "local" or "forum"
    std::string resource_type;           ///< resources only
    std::string licence;                 ///< resources only
    std::vector<std::string> audiences;  ///< resources only
    std::string updated_at;              ///< ISO 8601; hits show it as RFC 3339 UTC (rfc3339_utc)
    std::vector<std::string> cites;      ///< ids of the documents it cites (articles only)
};

IndexEntry entry_for_article(const Article& article);

/// Word counts for the spelling dictionary.
using SpellingCounts = std::unordered_map<std::string, unsigned>;

/// The indexable document of an entry. Its spelling words are counted in the generator until
/// the caller takes them (FrenchTermGenerator::take_spelling). One generator per thread.
Xapian::Document make_document(const IndexEntry& entry, FrenchTermGenerator& generator);

/// The JSON a search hit is made of. It lives in kDataSlot rather than in the document data,
/// which Glass zlib-compresses one document at a time (4% of a rebuild's CPU); documents
/// written before that keep it in the data.
std::string hit_data(const Xapian::Document& doc);

}  // namespace kb::schema
