/// @brief Forum topics and posts stored as read-only threads and answers (source 'forum'); every
/// change queues the thread for indexing in the same transaction (search_outbox).
#pragma once

#include "discourse_model.hpp"
#include "html_sanitizer.hpp"
#include "notification_queue.hpp"
#include "pg_pool.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kb {

/// A post with its content made safe: what is stored.
struct ForumPostContent {
    ForumPost post;
    SanitizedHtml body;
};

/// What the embed routes know of a stored topic.
struct ForumTopicSummary {
    long long thread_id = 0;
    std::string title;
    std::vector<std::string> tags;
    std::string text;  ///< the question's text
};

class ForumStore {
  public:
    explicit ForumStore(PgPool& db, RoutingPolicy routing = {}) : db_(db), routing_(routing) {}

    /// Stores a topic as the forum shows it now (title, tags, category, deletion, acceptance) with
    /// the posts given; a post older than the stored one is skipped. Returns the thread id.
    /// `announce`: when this stores the topic for the first time (and it is not deleted), the
    /// matching experts are notified in the same transaction, as for a local question; a topic
    /// already stored never is again, whatever the event.
    long long save_topic(const ForumTopic& topic, const std::vector<ForumPostContent>& posts,
                         const std::string& url, bool announce = false);
    /// Applies one post unless the stored one is newer (higher version, or the same version
    /// edited later). nullopt when its topic is not stored yet; else whether it was applied.
    std::optional<bool> save_post(const ForumPostContent& post);

    /// Destroyed/recovered: applied only when seq (the event id) is above the last one applied.
    /// False when the topic (post) is not stored.
    bool set_topic_deleted(long long topic_id, bool deleted, long long seq);
    bool set_post_deleted(long long post_id, bool deleted, long long seq);
    /// Accepted or unaccepted solution (post_id nullopt), ordered by seq like deletions.
    bool set_accepted(long long topic_id, std::optional<long long> post_id, long long seq);
    /// The forum answered 404 for the topic: it leaves the search (kept, hidden).
    void mark_topic_gone(long long topic_id);

    [[nodiscard]] bool topic_known(long long topic_id);
    /// The forum URL of a thread (or of an answer's thread) when it comes from the forum.
    [[nodiscard]] std::optional<std::string> forum_url_of_thread(long long thread_id);
    [[nodiscard]] std::optional<std::string> forum_url_of_answer(long long answer_id);
    [[nodiscard]] std::optional<ForumTopicSummary> topic_summary(long long topic_id);

  private:
    PgPool& db_;
    RoutingPolicy routing_;
};

}  // namespace kb
