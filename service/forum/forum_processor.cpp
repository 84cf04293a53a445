/// @brief Event dispatch for forum deliveries.
#include "forum_processor.hpp"

#include "markdown.hpp"

#include <algorithm>
#include <set>

namespace kb {

namespace {

using Json = nlohmann::json;

// Long topics: /t/{id}.json carries the first 20 posts; the rest are asked for by id.
constexpr std::size_t kPostsPerRequest = 50;

const Json& payload(const Json& body, const char* key) {
    auto it = body.find(key);
    if (it == body.end() || !it->is_object()) {
        throw PayloadError(std::string("the body has no '") + key + "' object");
    }
    return *it;
}

long long topic_id_of(const Json& topic) {
    auto it = topic.find("id");
    if (it == topic.end() || !it->is_number_integer())
        throw PayloadError("field 'id' is missing or not an integer");
    return it->get<long long>();
}

bool is_gone(const ForumError& e) {
    return e.status() == 404 || e.status() == 403 || e.status() == 410;
}

}  // namespace

bool is_known_forum_event(const std::string& event) {
    static const std::set<std::string> kEvents = {"ping",
                                                  "topic_created",
                                                  "topic_edited",
                                                  "topic_destroyed",
                                                  "topic_recovered",
                                                  "post_created",
                                                  "post_edited",
                                                  "post_destroyed",
                                                  "post_recovered",
                                                  "accepted_solution",
                                                  "unaccepted_solution"};
    return kEvents.count(event) != 0;
}

ForumPostContent ForumProcessor::content_of(ForumPost post) {
    if (!post.cooked && !post.raw) {
        try {
            ForumPost full =
                parse_forum_post(client_.get_json("/posts/" + std::to_string(post.id) + ".json"));
            post.cooked = full.cooked;
            post.raw = full.raw;
        } catch (const ForumError& e) {
            if (!is_gone(e)) throw;
        }
    }
    std::string cooked = post.cooked.value_or("");
    if (!post.cooked && post.raw) cooked = render_markdown_html(*post.raw);
    ForumPostContent content{std::move(post), {}};
    content.body = sanitize_forum_html(cooked, settings_.url);
    return content;
}

bool ForumProcessor::sync_topic(long long topic_id, bool announce) {
    const std::string base = "/t/" + std::to_string(topic_id);
    Json response;
    try {
        response = client_.get_json(base + ".json");
    } catch (const ForumError& e) {
        if (!is_gone(e)) throw;
        store_.mark_topic_gone(topic_id);
        return false;
    }
    ForumTopic topic = parse_forum_topic(response);
    std::set<long long> have;
    for (const auto& p : topic.posts) have.insert(p.id);
    std::vector<long long> missing;
    for (long long id : topic.stream) {
        if (have.count(id) == 0) missing.push_back(id);
    }
    for (std::size_t i = 0; i < missing.size(); i += kPostsPerRequest) {
        std::string query;
        for (std::size_t j = i; j < std::min(missing.size(), i + kPostsPerRequest); ++j) {
            query += (query.empty() ? "?" : "&") + std::string("post_ids[]=") +
                     std::to_string(missing[j]);
        }
        for (auto& post : parse_forum_posts(client_.get_json(base + "/posts.json" + query))) {
            if (have.insert(post.id).second) topic.posts.push_back(std::move(post));
        }
    }
    std::vector<ForumPostContent> contents;
    for (auto& post : topic.posts) contents.push_back(content_of(std::move(post)));
    store_.save_topic(topic, contents, forum_topic_url(settings_.url, topic.slug, topic.id),
                      announce);
    return true;
}

std::string ForumProcessor::save_post_or_sync(const ForumPostContent& content, bool announce) {
    auto applied = store_.save_post(content);
    if (!applied) {
        // The post came before its topic: the topic is fetched (with this post, normally).
        if (!sync_topic(content.post.topic_id, announce)) {
            return "topic not found on the forum (404)";
        }
        applied = store_.save_post(content);
        if (!applied) return "topic not found on the forum (404)";
    }
    return *applied ? "" : "stale: a newer version of the post is stored";
}

std::string ForumProcessor::process(const std::string& event, long long seq, const Json& body) {
    if (!body.is_object()) throw PayloadError("the body is not a JSON object");
    if (event == "ping") return "";
    if (event.rfind("topic_", 0) == 0) {
        const long long id = topic_id_of(payload(body, "topic"));
        if (event == "topic_destroyed") {
            return store_.set_topic_deleted(id, true, seq) ? "" : "unknown topic";
        }
        // Only the creation of a topic announces it to experts: not an edit nor a recovery
        // (a topic first seen through them may be old), and not a redelivery (the inbox drops
        // a known event id; a topic stored already is never announced again).
        if (!sync_topic(id, event == "topic_created")) return "topic not found on the forum (404)";
        if (event == "topic_recovered") store_.set_topic_deleted(id, false, seq);
        return "";
    }
    if (event.rfind("post_", 0) == 0) {
        ForumPost post = parse_forum_post(payload(body, "post"));
        if (event == "post_destroyed") {
            if (store_.set_post_deleted(post.id, true, seq)) return "";
            // Not stored yet: the topic as the forum shows it now settles it.
            return sync_topic(post.topic_id) ? "" : "topic not found on the forum (404)";
        }
        const long long post_id = post.id;
        // Discourse sends post_created for a topic's first post beside topic_created, in either
        // order: whichever comes first stores (and announces) the new topic.
        const bool creates_topic = event == "post_created" && post.post_number == 1;
        std::string note = save_post_or_sync(content_of(std::move(post)), creates_topic);
        if (event == "post_recovered") store_.set_post_deleted(post_id, false, seq);
        return note;
    }
    // accepted_solution, unaccepted_solution: the payload is the post concerned.
    ForumPost post = parse_forum_post(payload(body, "solved"));
    const long long topic_id = post.topic_id;
    const long long post_id = post.id;
    std::string note;
    if (event == "accepted_solution") note = save_post_or_sync(content_of(std::move(post)));
    if (!store_.topic_known(topic_id) && !sync_topic(topic_id)) {
        return "topic not found on the forum (404)";
    }
    store_.set_accepted(topic_id,
                        event == "accepted_solution" ? std::optional(post_id) : std::nullopt, seq);
    return note.rfind("stale", 0) == 0 ? "" : note;
}

}  // namespace kb
