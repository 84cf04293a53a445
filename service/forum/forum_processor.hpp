/// @brief What each Discourse event does to the stored threads: topics are fetched from the
/// forum (their payloads carry no text), posts applied unless stale, deletions and acceptance
/// ordered by event id.
#pragma once

#include "discourse_model.hpp"
#include "forum_client.hpp"
#include "forum_settings.hpp"
#include "forum_store.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace kb {

/// The events processed; any other is kept in the inbox and ignored.
bool is_known_forum_event(const std::string& event);

class ForumProcessor {
  public:
    ForumProcessor(const ForumSettings& settings, ForumStore& store, ForumClient& client)
        : settings_(settings), store_(store), client_(client) {}

    /// Applies one delivery. seq orders deletions and acceptance (the event id). Returns a note
    /// for the inbox (empty when all went as expected). Throws ForumError (retry when
    /// transient) or PayloadError (never processable).
    std::string process(const std::string& event, long long seq, const nlohmann::json& body);

    /// Fetches /t/{id}.json (and /t/{id}/posts.json for the posts a long topic leaves out) and
    /// stores it. False when the forum answers 404 or 403: the topic leaves the search.
    /// `announce`: the event creates the topic; if it is stored for the first time, experts hear.
    bool sync_topic(long long topic_id, bool announce = false);

  private:
    /// The post with its content made safe; fetches /posts/{id}.json when the payload has no
    /// text (some relays strip it).
    ForumPostContent content_of(ForumPost post);
    std::string save_post_or_sync(const ForumPostContent& content, bool announce = false);

    const ForumSettings& settings_;
    ForumStore& store_;
    ForumClient& client_;
};

}  // namespace kb
