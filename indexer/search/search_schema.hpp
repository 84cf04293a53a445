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

// Value slots.
enum Slot : Xapian::valueno {
    kUpdatedSlot = 0,  ///< sortable_serialise(seconds since epoch)
    kFacetsSlot = 1,   ///< every facet value of the document, one "<facet>\t<value>" per line
    kSnippetSlot = 2,  ///< the start of the plain text, for snippets (kept out of the JSON data)
    kDataSlot = 3,     ///< the JSON of a hit (id, kind, slug, title, summary, url, tags, ...)
};

/// Facet names as they appear in kFacetsSlot lines and in the API.
inline const std::vector<std::string> kFacetNames = {"kind",   "tag",  "step",    "structure_type",
                                                     "source", "type", "licence", "audience"};

// Metadata keys holding synonym rules ("kb:glossary:<slug>" per glossary, "kb:synonyms" extra).
inline const std::string kGlossaryMetaPrefix = "kb:glossary:";
inline const std::string kExtraSynonymsMeta = "kb:synonyms";
/// Changes whenever synonym metadata may have changed, so readers know to reload it.
inline const std::string kSynonymsVersionMeta = "kb:synonyms-version";

/// Relative weight of the fields (wdf increments): title > summary > body.
constexpr int kTitleWeight = 2;
constexpr int kSummaryWeight = 1;

/// Bytes of plain text kept in kSnippetSlot for snippets.
constexpr std::size_t kSnippetTextLimit = 12 * 1024;

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
