/// @brief SQL of the tag vocabulary; renames and merges carry tagged items along and queue them
/// for reindexing in the same transaction.
#include "tag_store.hpp"

#include "api_error.hpp"
#include "audit_log.hpp"
#include "outbox.hpp"
#include "pg_arrays.hpp"
#include "tag_index.hpp"
#include "tag_labels.hpp"
#include "vocabulary.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace kb {

namespace {

using http::ApiError;

std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] =
                std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// The three known names (slugs and aliases) closest to an unknown one, closest first.
std::vector<std::string> closest(pqxx::transaction_base& tx, const std::string& unknown) {
    std::vector<std::pair<std::size_t, std::string>> scored;
    for (const auto& row : tx.exec("SELECT slug FROM tags UNION SELECT alias FROM tag_aliases")) {
        const std::string name = row[0].as<std::string>();
        // A shared prefix counts as near: "financ" is closest to "financement".
        const bool prefix = name.rfind(unknown, 0) == 0 || unknown.rfind(name, 0) == 0;
        scored.emplace_back(prefix ? 0 : edit_distance(unknown, name), name);
    }
    std::sort(scored.begin(), scored.end());
    std::vector<std::string> out;
    for (std::size_t i = 0; i < scored.size() && i < 3; ++i) out.push_back(scored[i].second);
    return out;
}

ApiError tag_not_found(const std::string& slug) {
    return ApiError::not_found("tag_not_found", "Aucun mot-clé « " + slug + " ».");
}

Tag read_tag(const pqxx::row& r) {
    return {r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
            from_pg_array(r[3]),    from_pg_array(r[4]),    r[5].as<long long>(),
            r[6].as<long long>(),   r[7].as<long long>()};
}

constexpr const char* kTagSelect = R"(SELECT t.slug, t.label, t.description, t.synonyms,
        coalesce((SELECT array_agg(a.alias ORDER BY a.alias) FROM tag_aliases a
                  WHERE a.slug = t.slug), '{}'),
        (SELECT count(*) FROM resources r WHERE t.slug = ANY(r.tags)
            AND r.status = 'published' AND NOT r.hidden),
        (SELECT count(*) FROM threads h WHERE t.slug = ANY(h.tags) AND NOT h.hidden),
        (SELECT count(*) FROM articles p WHERE t.slug = ANY(p.tags))
    FROM tags t)";

std::optional<Tag> load_tag(pqxx::transaction_base& tx, const std::string& name) {
    auto rows = tx.exec_params(
        std::string(kTagSelect) +
            " WHERE t.slug = coalesce((SELECT slug FROM tag_aliases WHERE alias = $1), $1)",
        name);
    if (rows.empty()) return std::nullopt;
    return read_tag(rows[0]);
}

nlohmann::json tag_json(const Tag& t) {
    return {{"slug", t.slug},
            {"label", t.label},
            {"description", t.description},
            {"synonyms", t.synonyms}};
}

// Replaces `from` by `into` in every resource's, thread's and article's tags (no duplicates),
// queues the changed items for reindexing and returns the resources and threads. An article's
// file keeps the old slug: kb-indexer reads it through the alias (tag_index.hpp).
Retagged retag(pqxx::work& tx, const std::string& from, const std::string& into) {
    constexpr const char* kReplaced =
        R"((SELECT coalesce(array_agg(x.t ORDER BY x.o), '{}') FROM
              (SELECT t, min(o) AS o FROM unnest(array_replace(tags, $1, $2)) WITH ORDINALITY
               AS u(t, o) GROUP BY t) x))";
    Retagged out;
    for (const auto& row : tx.exec_params(std::string("UPDATE resources SET tags = ") + kReplaced +
                                              " WHERE $1 = ANY(tags) RETURNING id, status",
                                          from, into)) {
        out.resources.push_back(row[0].as<long long>());
        enqueue_for_index(tx, kKindResource, row[0].as<long long>());
    }
    for (const auto& row : tx.exec_params(std::string("UPDATE threads SET tags = ") + kReplaced +
                                              " WHERE $1 = ANY(tags) RETURNING id",
                                          from, into)) {
        out.threads.push_back(row[0].as<long long>());
        enqueue_for_index(tx, kKindThread, row[0].as<long long>());
    }
    for (const auto& row : tx.exec_params(std::string("UPDATE articles SET tags = ") + kReplaced +
                                              " WHERE $1 = ANY(tags) RETURNING id",
                                          from, into))
        enqueue_for_index(tx, kKindArticleTags, row[0].as<long long>());
    return out;
}

}  // namespace

std::vector<std::string> resolve_tags(pqxx::transaction_base& tx,
                                      const std::vector<std::string>& tags) {
    std::vector<std::string> out;
    for (const auto& tag : tags) {
        auto rows = tx.exec_params(
            "SELECT slug FROM tags WHERE slug = $1 UNION ALL "
            "SELECT slug FROM tag_aliases WHERE alias = $1",
            tag);
        if (rows.empty()) {
            std::string names;
            for (const auto& name : closest(tx, tag)) names += (names.empty() ? "" : ", ") + name;
            throw ApiError::bad_request(
                "unknown_tag", "Mot-clé inconnu « " + tag + " »" +
                                   (names.empty() ? "." : " ; les plus proches : " + names + "."));
        }
        const std::string slug = rows[0][0].as<std::string>();
        if (std::find(out.begin(), out.end(), slug) == out.end()) out.push_back(slug);
    }
    return out;
}

std::vector<std::string> TagStore::resolve(const std::vector<std::string>& tags) {
    if (tags.empty()) return {};
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        return resolve_tags(tx, tags);
    });
}

std::vector<Tag> TagStore::list() {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        std::vector<Tag> out;
        for (const auto& row : tx.exec(std::string(kTagSelect) + " ORDER BY t.slug"))
            out.push_back(read_tag(row));
        return out;
    });
}

std::map<std::string, std::string> TagStore::labels() {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        std::map<std::string, std::string> out;
        for (const auto& row : tx.exec("SELECT slug, label FROM tags"))
            out.emplace(row[0].as<std::string>(), row[1].as<std::string>());
        return out;
    });
}

std::optional<Tag> TagStore::find(const std::string& name) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        return load_tag(tx, name);
    });
}

Tag TagStore::create(const User& moderator, const Tag& tag) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        if (!tx.exec_params("SELECT 1 FROM tags WHERE slug = $1 UNION ALL "
                            "SELECT 1 FROM tag_aliases WHERE alias = $1",
                            tag.slug)
                 .empty()) {
            throw ApiError::conflict("tag_exists", "Le mot-clé « " + tag.slug + " » existe déjà.");
        }
        tx.exec_params(
            "INSERT INTO tags (slug, label, description, synonyms) VALUES ($1, $2, $3, $4::text[])",
            tag.slug, tag.label, tag.description, to_pg_array(tag.synonyms));
        append_audit(tx, {moderator.id, "tag_create", "tag", tag.slug, std::nullopt, nullptr,
                          tag_json(tag)});
        enqueue_for_index(tx, kKindTagVocabulary, 0);
        Tag created = *load_tag(tx, tag.slug);
        tx.commit();
        return created;
    });
}

Tag TagStore::update(const User& moderator, const std::string& name,
                     const std::optional<std::string>& new_slug,
                     const std::optional<std::string>& label,
                     const std::optional<std::string>& description,
                     const std::optional<std::vector<std::string>>& synonyms) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        auto before = load_tag(tx, name);
        if (!before) throw tag_not_found(name);
        tx.exec_params("SELECT 1 FROM tags WHERE slug = $1 FOR UPDATE", before->slug);
        std::string slug = before->slug;
        if (new_slug && *new_slug != slug) {
            if (!tx.exec_params("SELECT 1 FROM tags WHERE slug = $1 UNION ALL SELECT 1 FROM "
                                "tag_aliases WHERE alias = $1 AND slug <> $2",
                                *new_slug, slug)
                     .empty()) {
                throw ApiError::conflict("tag_exists",
                                         "Le mot-clé « " + *new_slug + " » existe déjà.");
            }
            // Renaming back to one of its own old names: that alias is no longer needed.
            tx.exec_params("DELETE FROM tag_aliases WHERE alias = $1", *new_slug);
            tx.exec_params("UPDATE tags SET slug = $2 WHERE slug = $1", slug, *new_slug);
            tx.exec_params("INSERT INTO tag_aliases (alias, slug) VALUES ($1, $2)", slug,
                           *new_slug);
            retag(tx, slug, *new_slug);
            slug = *new_slug;
        }
        tx.exec_params(
            R"(UPDATE tags SET label = coalesce($2, label), description = coalesce($3, description),
                   synonyms = coalesce($4::text[], synonyms) WHERE slug = $1)",
            slug, label, description,
            synonyms ? std::optional<std::string>(to_pg_array(*synonyms)) : std::nullopt);
        Tag after = *load_tag(tx, slug);
        append_audit(tx, {moderator.id, "tag_update", "tag", before->slug, std::nullopt,
                          tag_json(*before), tag_json(after)});
        enqueue_for_index(tx, kKindTagVocabulary, 0);
        tx.commit();
        return after;
    });
}

Retagged TagStore::merge(const User& moderator, const std::string& from_name,
                         const std::string& into_name) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        auto from = load_tag(tx, from_name);
        if (!from) throw tag_not_found(from_name);
        auto into = load_tag(tx, into_name);
        if (!into) throw tag_not_found(into_name);
        if (from->slug == into->slug) {
            throw ApiError::bad_request("invalid_merge",
                                        "Un mot-clé ne peut pas être fusionné avec lui-même.");
        }
        tx.exec_params("SELECT 1 FROM tags WHERE slug IN ($1, $2) ORDER BY slug FOR UPDATE",
                       from->slug, into->slug);
        Retagged changed = retag(tx, from->slug, into->slug);
        // The merged tag's old names and its own slug now answer for the other; its label and
        // synonyms widen the other's synonyms.
        tx.exec_params("UPDATE tag_aliases SET slug = $2 WHERE slug = $1", from->slug, into->slug);
        std::vector<std::string> synonyms = into->synonyms;
        for (const auto& word : from->synonyms) synonyms.push_back(word);
        synonyms.push_back(from->label);
        tx.exec_params("DELETE FROM tags WHERE slug = $1", from->slug);
        tx.exec_params("INSERT INTO tag_aliases (alias, slug) VALUES ($1, $2)", from->slug,
                       into->slug);
        tx.exec_params(
            "UPDATE tags SET synonyms = (SELECT array_agg(DISTINCT s) FROM unnest($2::text[]) s) "
            "WHERE slug = $1",
            into->slug, to_pg_array(synonyms));
        append_audit(tx, {moderator.id,
                          "tag_merge",
                          "tag",
                          from->slug,
                          std::nullopt,
                          {{"from", tag_json(*from)}, {"into", tag_json(*into)}},
                          {{"into", into->slug},
                           {"resources", changed.resources},
                           {"threads", changed.threads}}});
        enqueue_for_index(tx, kKindTagVocabulary, 0);
        tx.commit();
        return changed;
    });
}

void TagStore::remove(const User& moderator, const std::string& slug) {
    db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        auto tag = load_tag(tx, slug);
        if (!tag || tag->slug != slug) throw tag_not_found(slug);
        tx.exec_params("SELECT 1 FROM tags WHERE slug = $1 FOR UPDATE", slug);
        const long long uses =
            tx.exec_params1(R"(SELECT (SELECT count(*) FROM resources WHERE $1 = ANY(tags))
                                    + (SELECT count(*) FROM threads WHERE $1 = ANY(tags))
                                    + (SELECT count(*) FROM articles WHERE $1 = ANY(tags)))",
                            slug)[0]
                .as<long long>();
        if (uses > 0) {
            throw ApiError::conflict("tag_in_use", "Le mot-clé « " + slug + " » est utilisé par " +
                                                       std::to_string(uses) +
                                                       " contenu(s) : fusionnez-le plutôt.");
        }
        tx.exec_params("DELETE FROM tags WHERE slug = $1", slug);
        append_audit(
            tx, {moderator.id, "tag_delete", "tag", slug, std::nullopt, tag_json(*tag), nullptr});
        enqueue_for_index(tx, kKindTagVocabulary, 0);  // its synonyms go with it
        tx.commit();
    });
}

void TagStore::seed_from_content() {
    db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        // The glossary's "### SIGLE — forme développée" headings: the acronym is the label, its
        // expansion the description (also of a tag the content already uses, if undescribed).
        tx.exec(R"(INSERT INTO tags (slug, label, description)
                   SELECT DISTINCT ON (lower(m[1])) lower(m[1]), m[1], m[2]
                   FROM articles, regexp_matches(body_html,
                        '<h3>([A-Z][A-Z0-9]{1,11}) — ([^<]{1,255})</h3>', 'g') AS m
                   WHERE NOT EXISTS (SELECT 1 FROM tag_aliases a WHERE a.alias = lower(m[1]))
                   ORDER BY lower(m[1])
                   ON CONFLICT (slug) DO UPDATE SET label = EXCLUDED.label,
                       description = EXCLUDED.description WHERE tags.description = '')");
        tx.exec(R"(INSERT INTO tags (slug, label)
                   SELECT DISTINCT s.t, replace(s.t, '-', ' ')
                   FROM (SELECT unnest(tags) AS t FROM articles
                         UNION SELECT unnest(tags) FROM threads
                         UNION SELECT unnest(tags) FROM resources) s
                   WHERE s.t ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(s.t) <= 40
                     AND NOT EXISTS (SELECT 1 FROM tag_aliases a WHERE a.alias = s.t)
                   ON CONFLICT (slug) DO NOTHING)");
        spell_seeded_labels(tx);
        tx.commit();
    });
}

void TagStore::spell_seeded_labels(pqxx::transaction_base& tx) {
    if (word_list_.empty()) return;
    const auto rows = tx.exec(R"(SELECT slug, label FROM tags
                                 WHERE label = replace(slug, '-', ' ')
                                   AND slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$')");
    if (rows.empty()) return;
    std::set<std::string> words;
    for (const auto& row : rows) words.merge(words_of_slug(row[0].as<std::string>()));
    WordSpellings spellings;
    try {
        spellings = WordSpellings::load(word_list_, words);
    } catch (const std::runtime_error&) {
        return;  // the service already warned that its word list is missing
    }
    // The glossary's acronyms, seeded above with their capitals ("cip": "CIP").
    std::set<std::string> acronyms;
    for (const auto& row : tx.exec("SELECT slug FROM tags WHERE label = upper(slug)"))
        acronyms.insert(row[0].as<std::string>());
    for (const auto& row : rows) {
        const auto slug = row[0].as<std::string>();
        const std::string label = label_of_slug(slug, spellings, acronyms);
        if (label != row[1].as<std::string>())
            tx.exec_params("UPDATE tags SET label = $2 WHERE slug = $1", slug, label);
    }
}

}  // namespace kb
