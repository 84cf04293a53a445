/// @brief The controlled tag vocabulary shared by resources and threads: resolution of what
/// members type (slug or alias) to canonical slugs, and the moderators' operations.
#pragma once

#include "accounts.hpp"
#include "pg_pool.hpp"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kb {

struct Tag {
    std::string slug;
    std::string label;
    std::string description;
    std::vector<std::string> synonyms;
    std::vector<std::string> aliases;  ///< old slugs (renamed or merged) that still answer
    long long resource_count = 0;
    long long thread_count = 0;
    long long article_count = 0;  ///< articles of content files, old slugs read as this one
};

/// Canonical slugs of tags (each a slug or an alias); 400 `unknown_tag` naming the closest
/// existing tags otherwise. Duplicates are dropped, order kept.
std::vector<std::string> resolve_tags(pqxx::transaction_base& tx,
                                      const std::vector<std::string>& tags);

/// Resource and thread ids carrying a tag (used to reindex them after a merge).
struct Retagged {
    std::vector<long long> resources;
    std::vector<long long> threads;
};

class TagStore {
  public:
    /// word_list: a list of the language's words, whose accents the labels of tags known only
    /// by their slug are given back at seeding (none when empty or unreadable).
    TagStore(PgPool& db, std::string word_list) : db_(db), word_list_(std::move(word_list)) {}

    std::vector<std::string> resolve(const std::vector<std::string>& tags);
    std::vector<Tag> list();
    /// Every tag's label by slug: what pages show for a tag (one small query, no counts).
    std::map<std::string, std::string> labels();
    /// The tag a slug or alias names; nullopt when none.
    std::optional<Tag> find(const std::string& slug_or_alias);

    /// Moderators only (checked by the caller); each act is logged.
    Tag create(const User& moderator, const Tag& tag);
    /// Changes label, description, synonyms and, when new_slug is given, the slug (the old one
    /// becomes an alias; tagged items follow).
    Tag update(const User& moderator, const std::string& slug,
               const std::optional<std::string>& new_slug, const std::optional<std::string>& label,
               const std::optional<std::string>& description,
               const std::optional<std::vector<std::string>>& synonyms);
    /// Retags every item of `from` with `into`; `from` becomes an alias of `into`.
    Retagged merge(const User& moderator, const std::string& from, const std::string& into);
    /// 409 `tag_in_use` while an item carries it.
    void remove(const User& moderator, const std::string& slug);

    /// Adds the glossary's acronyms and the tags content, threads and resources already use: the
    /// vocabulary's seed (run at start; existing tags are kept). A tag known only by its slug
    /// is labelled with its words, accents given back ("premiere-annee": "première année"),
    /// unless a moderator has changed its label.
    void seed_from_content();

  private:
    /// Labels still made of the slug's words ("premiere annee") get the accents of the word list.
    void spell_seeded_labels(pqxx::transaction_base& tx);

    PgPool& db_;
    std::string word_list_;
};

}  // namespace kb
