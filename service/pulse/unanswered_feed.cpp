/// @brief The unanswered questions' SQL and their Atom rendering.
#include "unanswered_feed.hpp"

#include "entity_ids.hpp"
#include "html_escape.hpp"
#include "iso_time.hpp"
#include "pg_arrays.hpp"
#include "pg_fields.hpp"

namespace kb {

namespace {

using http::html_escape;  // & < > and ": enough for XML text and double-quoted attributes

std::string feed_title(const FeedFilter& f) {
    std::string title = "Questions sans réponse";
    if (f.tag) title += " — thème " + *f.tag;
    if (f.territory) title += " — département " + *f.territory;
    if (f.structure_type) title += " — " + *f.structure_type;
    return title;
}

}  // namespace

std::vector<FeedEntry> unanswered_entries(PgPool& db, const FeedFilter& f) {
    return db.with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        auto rows = tx.exec_params(
            R"(SELECT t.id, t.title, left(t.body_markdown, 400), u.display_name,
                      t.created_at, t.tags
                 FROM threads t JOIN users u ON u.id = t.author_id
                WHERE NOT t.hidden
                  AND NOT EXISTS (SELECT 1 FROM thread_first_answers f WHERE f.thread_id = t.id)
                  AND ($1::text IS NULL OR $1 = ANY (t.tags))
                  AND ($2::text IS NULL OR t.territory = $2)
                  AND ($3::text IS NULL OR t.structure_type = $3)
                ORDER BY t.created_at DESC, t.id DESC LIMIT 50)",
            f.tag, f.territory, f.structure_type);
        std::vector<FeedEntry> out;
        for (const auto& r : rows) {
            FeedEntry e;
            e.id = r[0].as<long long>();
            e.title = r[1].as<std::string>();
            // left() counts characters, so the cut never splits a UTF-8 sequence.
            e.summary = r[2].as<std::string>();
            e.author = r[3].as<std::string>();
            e.created_at = rfc3339_utc(timestamp_of(r[4]));
            e.tags = from_pg_array(r[5]);
            out.push_back(std::move(e));
        }
        return out;
    });
}

std::string atom_document(const FeedFilter& filter, const std::vector<FeedEntry>& entries,
                          const std::string& self_path) {
    // The feed is as new as its newest entry; an empty feed keeps a fixed date so that it does
    // not look changed at every poll.
    const std::string updated =
        entries.empty() ? std::string("2026-01-01T00:00:00Z") : entries.front().created_at;
    std::string out = R"(<?xml version="1.0" encoding="utf-8"?>)"
                      "\n"
                      R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">)"
                      "\n";
    out += "  <id>tag:passerelle-iae.fr,2026:" + html_escape(self_path) + "</id>\n";
    out += "  <title>" + html_escape(feed_title(filter)) + "</title>\n";
    out += "  <updated>" + updated + "</updated>\n";
    out += "  <link rel=\"self\" href=\"" + html_escape(self_path) + "\"/>\n";
    out += "  <author><name>Passerelle IAE</name></author>\n";
    for (const auto& e : entries) {
        const std::string path = thread_url(e.id);
        out += "  <entry>\n";
        out += "    <id>tag:passerelle-iae.fr,2026:thread:" + std::to_string(e.id) + "</id>\n";
        out += "    <title>" + html_escape(e.title) + "</title>\n";
        out += "    <link href=\"" + path + "\"/>\n";
        out += "    <published>" + e.created_at + "</published>\n";
        out += "    <updated>" + e.created_at + "</updated>\n";
        out += "    <author><name>" + html_escape(e.author) + "</name></author>\n";
        for (const auto& tag : e.tags) {
            out += "    <category term=\"" + html_escape(tag) + "\"/>\n";
        }
        out += "    <summary>" + html_escape(e.summary) + "</summary>\n";
        out += "  </entry>\n";
    }
    out += "</feed>\n";
    return out;
}

}  // namespace kb
