/// @brief Discourse's JSON (webhook payloads, /t/{id}.json, /posts/{id}.json) read into plain
/// values, with every field's type checked.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace kb {

/// A payload that will never be processable as it is (missing field, wrong type): recorded in
/// the inbox, not retried.
class PayloadError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct ForumPost {
    long long id = 0;
    long long topic_id = 0;
    int post_number = 0;
    std::string author;  ///< the display name, else the username
    std::string created_at;
    std::string updated_at;
    std::optional<int> version;
    std::optional<std::string> cooked;
    std::optional<std::string> raw;
    bool deleted = false;  ///< deleted_at is set
    bool accepted_answer = false;
    std::optional<std::string> category;  ///< category_slug when the payload has it
};

struct ForumTopic {
    long long id = 0;
    std::string title;
    std::string slug;
    std::vector<std::string> tags;
    std::optional<std::string> category;  ///< the category's id, as text
    std::string created_at;
    std::string author;
    bool deleted = false;
    std::optional<int> accepted_post_number;  ///< discourse-solved's accepted_answer
    std::vector<ForumPost> posts;             ///< the posts the response carries
    std::vector<long long> stream;            ///< every post id of the topic, in order
};

/// A post object (webhook `post`/`solved` payload, /posts/{id}.json, post_stream.posts[]).
ForumPost parse_forum_post(const nlohmann::json& post);
/// A /t/{id}.json response.
ForumTopic parse_forum_topic(const nlohmann::json& topic);
/// The posts of a /t/{id}/posts.json response.
std::vector<ForumPost> parse_forum_posts(const nlohmann::json& response);

/// "<base>/t/<slug>/<id>", the topic's address on the forum.
std::string forum_topic_url(const std::string& base, const std::string& slug, long long id);

/// The topic id of a forum topic URL ("<base>/t/<slug>/<id>[/<post>]" or "<base>/t/<id>"), if
/// it is one; slug receives the slug when there is one.
std::optional<long long> topic_id_from_url(const std::string& base, const std::string& url,
                                           std::string* slug = nullptr);

}  // namespace kb
