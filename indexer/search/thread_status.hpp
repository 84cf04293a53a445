/// @brief The one derivation of a thread's status and of its accepted answer, as SQL over the
/// `threads` row aliased by the caller: the listing, the thread page and the search index all
/// use it, so they cannot disagree.
#pragma once

#include <string>

namespace kb {

/// SQL of the accepted answer's id, or NULL. An accepted answer that a moderator hid does not
/// count while it is hidden; restoring it brings the acceptance back (accepted_answer_id is kept).
std::string accepted_answer_sql(const std::string& thread_alias);

/// SQL of the status: `solved` with a (visible) accepted answer, `answered` with a visible answer
/// by someone other than the asker (the asker's own follow-ups do not answer the question),
/// `unanswered` otherwise.
std::string thread_status_sql(const std::string& thread_alias);

}  // namespace kb
