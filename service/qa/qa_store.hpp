/// @brief Q&A storage: threads, answers, acceptance, votes, moderation; each write also queues the
/// thread for indexing in the same transaction (search_outbox), and the notifications it causes.
#pragma once

#include "accounts.hpp"
#include "notification_queue.hpp"
#include "pg_pool.hpp"
#include "qa_views.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kb {

struct ThreadInput {
    std::string title;
    std::string body;
    std::vector<std::string> tags;
    std::optional<std::string> step;
    std::optional<std::string> structure_type;
    std::optional<std::string> territory;
};

struct ThreadPatch {
    std::optional<std::string> title;
    std::optional<std::string> body;
    std::optional<std::vector<std::string>> tags;
    std::optional<std::string> step;
    std::optional<std::string> structure_type;
    std::optional<std::string> territory;
    std::vector<std::string> cleared;  ///< of step, structure_type, territory: set to NULL
};

struct ThreadQuery {
    std::optional<std::string> status;
    std::vector<std::string> tags;
    std::vector<std::string> steps;
    std::vector<std::string> structure_types;
    std::vector<std::string> territories;
    bool for_me = false;
    int page = 1;
    int per_page = 20;
};

class QaStore {
  public:
    explicit QaStore(PgPool& db, RoutingPolicy routing = {}) : db_(db), routing_(routing) {}

    long long create_thread(const User& author, const ThreadInput& input);
    /// nullopt when unknown, or hidden and the viewer is not a moderator.
    std::optional<ThreadView> thread_view(long long id, const std::optional<User>& viewer);
    ThreadPage list_threads(const ThreadQuery& query, const std::optional<User>& viewer);
    /// The ids of the thread's answers that user voted for.
    std::vector<long long> voted_answers(long long thread_id, long long user_id);
    void update_thread(long long id, const User& editor, const ThreadPatch& patch);

    long long create_answer(long long thread_id, const User& author, const std::string& body);
    /// Returns the answer's thread id.
    long long update_answer(long long answer_id, const User& editor, const std::string& body);

    void accept(long long thread_id, const User& user, long long answer_id);
    void unaccept(long long thread_id, const User& user);
    /// Returns the answer's vote count after the change.
    long long vote(long long answer_id, const User& user, bool up);

    /// Moderators only (checked by the caller; qa_moderation.cpp). Returns the thread id
    /// concerned. A change of state is appended to the moderation log with the reason; hiding a
    /// post resolves the open flags on it (a thread's: on its answers too, hidden with it), and
    /// hiding what is already hidden (or restoring what is visible) changes and logs nothing.
    /// Hiding the accepted answer keeps it recorded: it stops counting while hidden and counts
    /// again once restored.
    long long set_thread_hidden(long long thread_id, const User& moderator, bool hidden,
                                const std::optional<std::string>& reason = std::nullopt);
    long long set_answer_hidden(long long answer_id, const User& moderator, bool hidden,
                                const std::optional<std::string>& reason = std::nullopt);

  private:
    PgPool& db_;
    RoutingPolicy routing_;
};

}  // namespace kb
