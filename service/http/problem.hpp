/// @brief Maps every exception to an RFC 9457 problem+json response, in one place.
#pragma once

#include "message.hpp"

#include <functional>

namespace kb::http {

/// Builds an application/problem+json response.
Response problem(int status, const std::string& code, const std::string& title,
                 const std::string& detail);

/// Runs fn and converts whatever it throws (ours, Xapian's, libpqxx's, nlohmann's, anything) into a
/// problem response; internal messages are logged, never sent.
Response run_guarded(const std::function<Response()>& fn);

}  // namespace kb::http
