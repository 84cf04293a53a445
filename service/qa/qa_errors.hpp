/// @brief The Q&A's "no such post" errors, shared by the store's files.
#pragma once

#include "api_error.hpp"

#include <string>

namespace kb {

inline http::ApiError thread_not_found(long long id) {
    return http::ApiError::not_found(
        "thread_not_found", "Aucune question n'a l'identifiant " + std::to_string(id) + ".");
}

inline http::ApiError answer_not_found(long long id) {
    return http::ApiError::not_found(
        "answer_not_found", "Aucune réponse n'a l'identifiant " + std::to_string(id) + ".");
}

}  // namespace kb
