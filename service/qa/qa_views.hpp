/// @brief What the Q&A store gives back: plain values of a thread, its answers and listing pages
/// (qa_json.hpp makes the API's JSON of them; HTML pages can use them as they are).
#pragma once

#include "accounts.hpp"
#include "iso_time.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kb {

struct Answer {
    long long id = 0;
    long long thread_id = 0;
    std::string body;  ///< Markdown as written
    std::string html;  ///< rendered by cmark in safe mode
    Timestamp created_at;
    Timestamp updated_at;
    Author author;
    long long votes = 0;
    bool accepted = false;  ///< the thread's accepted answer (never while hidden)
    long long revision_count = 0;
    bool hidden = false;  ///< only moderators are given hidden answers
};

struct ThreadView {
    long long id = 0;
    std::string title;
    std::string body;
    std::string html;
    std::vector<std::string> tags;
    std::optional<std::string> step;
    std::optional<std::string> structure_type;
    std::optional<std::string> territory;
    bool hidden = false;
    /// The accepted answer, unless hidden (accepted_answer_sql).
    std::optional<long long> accepted_answer_id;
    Timestamp created_at;
    Timestamp updated_at;
    std::string status;  ///< thread_statuses(), derived by thread_status_sql
    Author author;
    long long revision_count = 0;
    /// Accepted first, then by votes, then oldest first; hidden ones for moderators only.
    std::vector<Answer> answers;
};

/// A thread in a listing.
struct ThreadSummary {
    long long id = 0;
    std::string title;
    std::vector<std::string> tags;
    std::optional<std::string> step;
    std::optional<std::string> structure_type;
    std::optional<std::string> territory;
    std::string status;
    Timestamp created_at;
    Author author;
    long long answer_count = 0;  ///< visible answers
    std::string source;          ///< "local", or "forum" for a topic of the forum (read-only)
};

/// One page of a listing, newest first, with the total over every page.
struct ThreadPage {
    long long total = 0;
    int page = 1;
    int per_page = 20;
    std::vector<ThreadSummary> results;
};

}  // namespace kb
