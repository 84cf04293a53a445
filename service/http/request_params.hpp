/// @brief Validated readers for query-string parameters (pages, enumerations), 400 on bad values.
#pragma once

#include "message.hpp"

#include <string>
#include <vector>

namespace kb {

/// An integer parameter within [min, max], default when absent; 400 `invalid_parameter` otherwise.
int int_param(const http::Request& request, const std::string& name, int fallback, int min,
              int max);

/// All values of a repeatable parameter, each checked against allowed (400 `invalid_parameter`).
std::vector<std::string> enum_params(const http::Request& request, const std::string& name,
                                     const std::vector<std::string>& allowed);

/// Throws 400 `invalid_parameter` when a value is not in allowed (an empty allowed accepts all).
void check_allowed(const std::string& name, const std::vector<std::string>& values,
                   const std::vector<std::string>& allowed);

/// Number of Unicode code points of valid UTF-8 text.
std::size_t utf8_length(const std::string& text);

}  // namespace kb
