/// @brief Thread status as SQL, its values taken from the vocabulary.
#include "thread_status.hpp"

#include "vocabulary.hpp"

namespace kb {

std::string accepted_answer_sql(const std::string& t) {
    return "(SELECT acc.id FROM answers acc WHERE acc.id = " + t +
           ".accepted_answer_id AND NOT acc.hidden)";
}

// "Someone other than the asker": forum threads and answers share one local author, so there
// the forum's author names are compared (local posts have none).
std::string thread_status_sql(const std::string& t) {
    return "(CASE WHEN " + accepted_answer_sql(t) + " IS NOT NULL THEN '" + kStatusSolved +
           // thread_first_answers holds a row exactly while the thread has a visible answer by
           // someone other than its asker (kept by triggers on answers, schema/0014).
           "' WHEN EXISTS (SELECT 1 FROM thread_first_answers f WHERE f.thread_id = " + t +
           ".id) THEN '" + kStatusAnswered + "' ELSE '" + kStatusUnanswered + "' END)";
}

}  // namespace kb
