/// @brief The Q&A operations the API handlers and the pages share: reading a question's fields
/// and a listing's parameters, the writes followed by the wait until searchable, similar questions.
#pragma once

#include "message.hpp"
#include "qa_handlers.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace kb {

/// The fields of a question, in the order a form shows them.
const std::vector<std::string>& question_fields();

/// Checks one field of a question (one of question_fields(); "tags" is a list of slugs or
/// aliases of the vocabulary) read from body, as the API does, and stores it in `into`. Throws
/// the API's 400 for that field (`title_too_short`, `unknown_tag`, `invalid_parameter`…).
void read_question_field(QaContext& app, const nlohmann::json& body, const std::string& field,
                         ThreadInput& into);
/// Every field of a new question; the first error is thrown.
ThreadInput read_question(QaContext& app, const nlohmann::json& body);

/// Where a question sits (field: step, structure_type or territory), checked; nullopt when
/// absent, null or "" (which clears it in an edit).
std::optional<std::string> question_classification(const nlohmann::json& body,
                                                   const std::string& field);

/// The listing's parameters (status, tag, step, structure_type, territory, for_me, page,
/// per_page) read and checked as the API reads them (400 `invalid_parameter` otherwise). for_me
/// is not checked against the viewer here: see restrict_to_me.
ThreadQuery thread_query_of(const http::Request& request);
/// For an expert's "for me" listing: the unanswered questions matching their profile; 403 for
/// a member who is not an expert.
void restrict_to_me(ThreadQuery& query, const User& viewer);

/// The response to a Q&A write, held until its change is searchable (OutboxWriter's
/// once_searchable, at most app.index_wait).
http::Response once_searchable(QaContext& app, http::Response response);

/// Returns the new question's id.
long long ask_question(QaContext& app, const User& author, const ThreadInput& input);
/// body already checked (checked_body); returns the new answer's id.
long long answer_question(QaContext& app, const User& author, long long thread_id,
                          const std::string& body);
/// Accepts answer_id, or withdraws the acceptance when nullopt (asker or moderator: the store
/// checks).
void set_accepted_answer(QaContext& app, const User& user, long long thread_id,
                         std::optional<long long> answer_id);

/// What a moderation act names.
enum class QaPost { thread, answer };
/// Hides or restores a thread or an answer: moderators only (403 otherwise); the moderation log
/// keeps the reason.
void set_post_hidden(QaContext& app, const User& user, QaPost post, long long id, bool hidden,
                     const std::optional<std::string>& reason = std::nullopt);

/// A question like the one being typed, for the ask form.
struct SimilarThread {
    long long id = 0;
    std::string title;
    std::string status;
    std::string url;  ///< the API's URL of the thread
    double score = 0;
};
/// The 5 questions whose text best matches title (visible ones: the search index holds no other).
std::vector<SimilarThread> similar_threads(QaContext& app, const std::string& title);

}  // namespace kb
