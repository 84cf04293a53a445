/// @brief Type-checked reading of Discourse's topic and post JSON.
#include "discourse_model.hpp"

#include <algorithm>
#include <cctype>

namespace kb {

namespace {

using Json = nlohmann::json;

const Json& field(const Json& object, const char* name) {
    static const Json kNull;
    auto it = object.find(name);
    return it == object.end() ? kNull : *it;
}

long long require_id(const Json& object, const char* name) {
    const Json& v = field(object, name);
    if (!v.is_number_integer()) {
        throw PayloadError(std::string("field '") + name + "' is missing or not an integer");
    }
    return v.get<long long>();
}

// Control characters (C0 but tab and line breaks, DEL, C1) never reach the store: the forum's
// text is kept to what the rest of the service accepts (and PostgreSQL refuses NUL).
std::string without_controls(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) continue;
        if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
            ++i;
            continue;
        }
        out += text[i];
    }
    return out;
}

std::optional<std::string> optional_text(const Json& object, const char* name) {
    const Json& v = field(object, name);
    if (v.is_null()) return std::nullopt;
    if (!v.is_string()) throw PayloadError(std::string("field '") + name + "' is not a string");
    return without_controls(v.get<std::string>());
}

std::string text_or_empty(const Json& object, const char* name) {
    return optional_text(object, name).value_or("");
}

std::string display_name(const Json& object) {
    std::string name = text_or_empty(object, "name");
    if (name.empty()) name = text_or_empty(object, "display_username");
    if (name.empty()) name = text_or_empty(object, "username");
    return name;
}

}  // namespace

ForumPost parse_forum_post(const Json& post) {
    if (!post.is_object()) throw PayloadError("the post is not a JSON object");
    ForumPost p;
    p.id = require_id(post, "id");
    p.topic_id = require_id(post, "topic_id");
    p.post_number = static_cast<int>(require_id(post, "post_number"));
    p.author = display_name(post);
    p.created_at = text_or_empty(post, "created_at");
    p.updated_at = optional_text(post, "updated_at").value_or(p.created_at);
    if (const Json& v = field(post, "version"); v.is_number_integer()) p.version = v.get<int>();
    p.cooked = optional_text(post, "cooked");
    // Some editors store a structured document in `raw`: only Markdown text is of use here.
    if (const Json& raw = field(post, "raw"); raw.is_string())
        p.raw = without_controls(raw.get<std::string>());
    p.deleted = !field(post, "deleted_at").is_null();
    p.accepted_answer =
        field(post, "accepted_answer").is_boolean() && field(post, "accepted_answer").get<bool>();
    p.category = optional_text(post, "category_slug");
    return p;
}

std::vector<ForumPost> parse_forum_posts(const Json& response) {
    const Json& stream = field(response, "post_stream");
    const Json& posts = stream.is_object() ? field(stream, "posts") : stream;
    if (!posts.is_array()) throw PayloadError("post_stream.posts is missing or not a list");
    std::vector<ForumPost> out;
    for (const auto& post : posts) out.push_back(parse_forum_post(post));
    return out;
}

ForumTopic parse_forum_topic(const Json& topic) {
    if (!topic.is_object()) throw PayloadError("the topic is not a JSON object");
    ForumTopic t;
    t.id = require_id(topic, "id");
    t.title = text_or_empty(topic, "title");
    t.slug = text_or_empty(topic, "slug");
    if (const Json& tags = field(topic, "tags"); tags.is_array()) {
        for (const auto& tag : tags) {
            // Strings in most versions, {id, name, slug} objects in recent ones.
            if (tag.is_string()) t.tags.push_back(without_controls(tag.get<std::string>()));
            if (tag.is_object() && field(tag, "name").is_string())
                t.tags.push_back(without_controls(field(tag, "name").get<std::string>()));
        }
    }
    if (const Json& c = field(topic, "category_id"); c.is_number_integer())
        t.category = std::to_string(c.get<long long>());
    t.created_at = text_or_empty(topic, "created_at");
    if (const Json& details = field(topic, "details"); details.is_object()) {
        if (const Json& by = field(details, "created_by"); by.is_object())
            t.author = display_name(by);
    }
    t.deleted = !field(topic, "deleted_at").is_null();
    if (const Json& solved = field(topic, "accepted_answer"); solved.is_object()) {
        if (field(solved, "post_number").is_number_integer())
            t.accepted_post_number = field(solved, "post_number").get<int>();
    }
    const Json& stream = field(topic, "post_stream");
    if (!stream.is_object()) throw PayloadError("post_stream is missing");
    t.posts = parse_forum_posts(topic);
    if (const Json& ids = field(stream, "stream"); ids.is_array()) {
        for (const auto& id : ids) {
            if (id.is_number_integer()) t.stream.push_back(id.get<long long>());
        }
    }
    if (t.author.empty()) {
        for (const auto& p : t.posts) {
            if (p.post_number == 1) t.author = p.author;
        }
    }
    return t;
}

std::string forum_topic_url(const std::string& base, const std::string& slug, long long id) {
    return base + "/t/" + (slug.empty() ? "topic" : slug) + "/" + std::to_string(id);
}

std::optional<long long> topic_id_from_url(const std::string& base, const std::string& url,
                                           std::string* slug) {
    const std::string prefix = base + "/t/";
    if (base.empty() || url.rfind(prefix, 0) != 0) return std::nullopt;
    std::string rest = url.substr(prefix.size());
    rest = rest.substr(0, rest.find_first_of("?#"));
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= rest.size()) {
        const auto slash = rest.find('/', start);
        const std::string part =
            rest.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (!part.empty()) parts.push_back(part);
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    auto numeric = [](const std::string& s) {
        return !s.empty() && s.size() < 16 && std::all_of(s.begin(), s.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c)) != 0;
        });
    };
    // /t/<id>, /t/<slug>/<id>, /t/<slug>/<id>/<post_number>
    if (parts.size() == 1 && numeric(parts[0])) return std::stoll(parts[0]);
    if (parts.size() >= 2 && numeric(parts[1])) {
        if (slug != nullptr) *slug = parts[0];
        return std::stoll(parts[1]);
    }
    return std::nullopt;
}

}  // namespace kb
