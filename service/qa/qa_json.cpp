/// @brief Presenters of the Q&A: the JSON of the thread, answer and listing routes.
#include "qa_json.hpp"

#include "entity_ids.hpp"
#include "json_values.hpp"
#include "user_json.hpp"

namespace kb {

using http::nullable;
using http::timestamp_json;

nlohmann::json answer_json(const Answer& a, bool moderator_view) {
    nlohmann::json answer = {{"id", a.id},
                             {"body", a.body},
                             {"html", a.html},
                             {"created_at", timestamp_json(a.created_at)},
                             {"updated_at", timestamp_json(a.updated_at)},
                             {"author", author_json(a.author)},
                             {"votes", a.votes},
                             {"accepted", a.accepted},
                             {"revision_count", a.revision_count}};
    if (moderator_view) answer["hidden"] = a.hidden;
    return answer;
}

nlohmann::json thread_json(const ThreadView& t, bool moderator_view) {
    nlohmann::json answers = nlohmann::json::array();
    for (const auto& a : t.answers) answers.push_back(answer_json(a, moderator_view));
    nlohmann::json thread = {{"id", t.id},
                             {"title", t.title},
                             {"body", t.body},
                             {"html", t.html},
                             {"tags", t.tags},
                             {"step", nullable(t.step)},
                             {"structure_type", nullable(t.structure_type)},
                             {"territory", nullable(t.territory)},
                             {"accepted_answer_id", nullable(t.accepted_answer_id)},
                             {"created_at", timestamp_json(t.created_at)},
                             {"updated_at", timestamp_json(t.updated_at)},
                             {"status", t.status},
                             {"author", author_json(t.author)},
                             {"revision_count", t.revision_count},
                             {"url", thread_url(t.id)},
                             {"answer_count", answers.size()},
                             {"answers", std::move(answers)}};
    if (moderator_view) thread["hidden"] = t.hidden;
    return thread;
}

nlohmann::json thread_page_json(const ThreadPage& page) {
    nlohmann::json results = nlohmann::json::array();
    for (const auto& t : page.results) {
        results.push_back({{"id", t.id},
                           {"title", t.title},
                           {"tags", t.tags},
                           {"step", nullable(t.step)},
                           {"structure_type", nullable(t.structure_type)},
                           {"territory", nullable(t.territory)},
                           {"status", t.status},
                           {"created_at", timestamp_json(t.created_at)},
                           {"author", author_json(t.author)},
                           {"answer_count", t.answer_count},
                           {"url", thread_url(t.id)}});
    }
    return {{"total", page.total},
            {"page", page.page},
            {"per_page", page.per_page},
            {"results", std::move(results)}};
}

}  // namespace kb
