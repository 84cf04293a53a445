/// @brief Thread status as SQL, its values taken from the vocabulary.
#include "thread_status.hpp"

#include "vocabulary.hpp"

namespace kb {

std::string accepted_answer_sql(const std::string& t) {
    return "(SELECT acc.id FROM answers acc WHERE acc.id = " + t +
           ".accepted_answer_id AND NOT acc.hidden)";
}

std::string thread_status_sql(const std::string& t) {
    return "(CASE WHEN " + accepted_answer_sql(t) + " IS NOT NULL THEN '" + kStatusSolved +
           "' WHEN EXISTS (SELECT 1 FROM answers ans WHERE ans.thread_id = " + t +
           ".id AND NOT ans.hidden AND ans.author_id <> " + t + ".author_id) THEN '" +
           kStatusAnswered + "' ELSE '" + kStatusUnanswered + "' END)";
}

}  // namespace kb
