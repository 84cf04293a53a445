/// @brief The table of entity loaders, and applying one entity's current state to the index.
#include "entity_loaders.hpp"

#include "entity_ids.hpp"
#include "pg_arrays.hpp"
#include "resource_index.hpp"
#include "tag_index.hpp"
#include "thread_index.hpp"
#include "vocabulary.hpp"

#include <stdexcept>

namespace kb {

namespace {

// A rebuild writes the vocabulary's synonym rules once; articles come whole from their files.
std::vector<long long> vocabulary_once(pqxx::transaction_base&) {
    return {0};
}

std::vector<long long> no_ids(pqxx::transaction_base&) {
    return {};
}

}  // namespace

const std::vector<EntityLoader>& entity_loaders() {
    // One line per searchable kind.
    static const std::vector<EntityLoader> loaders = {
        {kKindThread, load_thread_entry, visible_thread_ids, thread_entry_id, nullptr},
        {kKindResource, load_resource_entry, public_resource_ids, resource_entry_id, nullptr},
        {kKindTagVocabulary, nullptr, vocabulary_once, nullptr, apply_tag_vocabulary},
        {kKindArticleTags, nullptr, no_ids, nullptr, apply_article_tags},
    };
    return loaders;
}

const EntityLoader* find_entity_loader(std::string_view kind) {
    for (const auto& loader : entity_loaders()) {
        if (loader.kind == kind) return &loader;
    }
    return nullptr;
}

const std::string& entity_kinds_pg_array() {
    static const std::string kinds = [] {
        std::vector<std::string> names;
        for (const auto& loader : entity_loaders()) names.emplace_back(loader.kind);
        return to_pg_array(names);
    }();
    return kinds;
}

void apply_entity(Xapian::WritableDatabase& db, pqxx::transaction_base& tx,
                  const EntityLoader& loader, long long id, bool* new_spelling) {
    if (loader.apply) {
        loader.apply(db, tx, id);
        return;
    }
    const std::string key = loader.entry_id(id);
    const std::string term = schema::kIdPrefix + key;
    auto entry = loader.load(tx, id);
    if (!entry) {
        db.delete_document(term);
        return;
    }
    // The document's unique term comes from the entry: a loader that named it otherwise would
    // leave a copy behind on every change.
    if (entry->id != key) throw std::logic_error("entity loader returned id " + entry->id);
    // Term generation is cheap enough per entity; one generator per call keeps this reentrant.
    FrenchTermGenerator generator;
    schema::SpellingCounts spelling;
    db.replace_document(term, schema::make_document(*entry, generator));
    generator.take_spelling(spelling);
    for (const auto& [word, count] : spelling) {
        if (new_spelling != nullptr && !*new_spelling) {
            Xapian::TermIterator known = db.spellings_begin();
            known.skip_to(word);
            *new_spelling = known == db.spellings_end() || *known != word;
        }
        db.add_spelling(word, count);
    }
}

void index_all_entities(Xapian::WritableDatabase& db, pqxx::transaction_base& tx) {
    for (const auto& loader : entity_loaders()) {
        for (long long id : loader.indexable_ids(tx)) apply_entity(db, tx, loader, id);
    }
}

}  // namespace kb
