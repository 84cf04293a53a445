/// @brief Q&A values as the API's JSON: a thread with its answers, an answer, a listing page.
#pragma once

#include "qa_views.hpp"

#include <nlohmann/json.hpp>

namespace kb {

/// `moderator_view` adds the `hidden` flags that only moderators see.
nlohmann::json thread_json(const ThreadView& thread, bool moderator_view);
nlohmann::json answer_json(const Answer& answer, bool moderator_view);
nlohmann::json thread_page_json(const ThreadPage& page);

}  // namespace kb
