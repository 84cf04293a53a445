/// @brief The API's JSON of flags, the moderation queue and the moderation log.
#include "moderation_json.hpp"

#include "json_values.hpp"

namespace kb {

namespace {

nlohmann::json person_json(const Person& person) {
    return {{"id", person.id}, {"display_name", person.display_name}};
}

std::string resource_url(long long id) {
    return "/api/v1/resources/" + std::to_string(id);
}

}  // namespace

std::string place_url(const ItemPlace& place) {
    return place.kind == "resource" ? resource_url(place.id)
                                    : "/api/v1/threads/" + std::to_string(place.id);
}

nlohmann::json flag_json(const Flag& f) {
    return {{"id", f.id},
            {"item_kind", f.item_kind},
            {"item_id", f.item_id},
            {"reason", f.reason},
            {"comment", f.comment},
            {"status", f.status},
            {"created_at", f.created_at}};
}

nlohmann::json queue_json(const ModerationQueue& queue) {
    nlohmann::json pending = nlohmann::json::array();
    for (const auto& r : queue.pending_resources) {
        pending.push_back({{"id", r.id},
                           {"title", r.title},
                           {"type", r.type},
                           {"summary", r.summary},
                           {"link", http::nullable(r.link)},
                           {"file_name", http::nullable(r.file_name)},
                           {"author", person_json(r.author)},
                           {"created_at", r.created_at},
                           {"url", resource_url(r.id)}});
    }
    nlohmann::json flagged = nlohmann::json::array();
    for (const auto& item : queue.flags) {
        nlohmann::json flags = nlohmann::json::array();
        for (const auto& f : item.flags) {
            flags.push_back({{"id", f.id},
                             {"reason", f.reason},
                             {"comment", f.comment},
                             {"reporter_id", f.reporter_id},
                             {"created_at", f.created_at}});
        }
        flagged.push_back(
            {{"item_kind", item.item_kind},
             {"item_id", item.item_id},
             {"count", item.flags.size()},
             {"flags", flags},
             {"title", item.place ? nlohmann::json(item.place->title) : nlohmann::json(nullptr)},
             {"url",
              item.place ? nlohmann::json(place_url(*item.place)) : nlohmann::json(nullptr)}});
    }
    nlohmann::json misses = nlohmann::json::array();
    for (const auto& m : queue.zero_result_searches) {
        misses.push_back(
            {{"id", m.id}, {"query", m.query}, {"count", m.count}, {"last_seen", m.last_seen}});
    }
    nlohmann::json failures = nlohmann::json::array();
    for (const auto& f : queue.extraction_failures) {
        failures.push_back({{"id", f.id},
                            {"title", f.title},
                            {"status", f.status},
                            {"file_name", http::nullable(f.file_name)},
                            {"error", f.error},
                            {"url", resource_url(f.id)}});
    }
    return {{"pending_resources", pending},
            {"flags", flagged},
            {"zero_result_searches", misses},
            {"extraction_failures", failures}};
}

nlohmann::json log_json(const LogPage& page) {
    nlohmann::json entries = nlohmann::json::array();
    for (const auto& e : page.entries) {
        entries.push_back({{"id", e.id},
                           {"actor", e.actor ? person_json(*e.actor) : nlohmann::json(nullptr)},
                           {"action", e.action},
                           {"item_kind", e.item_kind},
                           {"item_id", e.item_id},
                           {"reason", http::nullable(e.reason)},
                           {"before", e.before},
                           {"after", e.after},
                           {"created_at", e.created_at}});
    }
    return {{"total", page.total},
            {"page", page.page},
            {"per_page", page.per_page},
            {"entries", entries}};
}

}  // namespace kb
