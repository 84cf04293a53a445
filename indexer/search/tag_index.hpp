/// @brief The tag vocabulary in the index: synonym rules of tags, articles' tags through aliases.
#pragma once

#include <xapian.h>
#include <pqxx/pqxx>

#include <string>
#include <unordered_map>
#include <vector>

namespace kb {

/// Outbox kinds that are not one search document each: the vocabulary's synonym rules (entity
/// id 0) and an article's tags (entity id: articles.id), both changed by moderators' renames,
/// merges and synonym edits.
inline constexpr const char* kKindTagVocabulary = "tag_vocabulary";
inline constexpr const char* kKindArticleTags = "article_tags";

/// Metadata key of the tags' synonym rules: a JSON array of {"from": [phrases], "to": [phrases],
/// "terms": [boolean terms]}. A query with a phrase of `from` (a synonym or an old slug) also
/// looks for the tag's label and slug (`to`) and for the items tagged with it (`terms`).
inline const std::string kTagSynonymsMeta = "kb:tag-synonyms";

/// Writes the rules of every tag into db's metadata and marks the synonyms changed (no commit).
void write_tag_synonyms(Xapian::WritableDatabase& db, pqxx::transaction_base& tx);

/// Outbox applier of kKindTagVocabulary (the id is ignored).
void apply_tag_vocabulary(Xapian::WritableDatabase& db, pqxx::transaction_base& tx, long long id);

/// Outbox applier of kKindArticleTags: gives the article's document the tags its PostgreSQL row
/// now has (terms, facet lines, hit data); the rest of the document is kept, since the article's
/// text lives in its content file, not in PostgreSQL.
void apply_article_tags(Xapian::WritableDatabase& db, pqxx::transaction_base& tx, long long id);

/// Old slug -> current slug of every renamed or merged tag.
using TagAliases = std::unordered_map<std::string, std::string>;
TagAliases load_tag_aliases(pqxx::transaction_base& tx);

/// tags with each old slug replaced by its current one, duplicates dropped, order kept: content
/// files keep the slugs they were written with.
std::vector<std::string> resolve_tag_aliases(const std::vector<std::string>& tags,
                                             const TagAliases& aliases);

}  // namespace kb
