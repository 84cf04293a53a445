/// @brief Validated readers for query-string parameters (pages, enumerations), 400 on bad values.
#pragma once

#include "message.hpp"

#include <string>
#include <vector>

namespace kb {

/// Every paged listing (search, articles, threads) takes per_page from 1 to kMaxPerPage,
/// kDefaultPerPage when absent.
constexpr int kDefaultPerPage = 20;
constexpr int kMaxPerPage = 50;

/// An integer parameter within [min, max], default when absent; 400 `invalid_parameter` otherwise.
int int_param(const http::Request& request, const std::string& name, int fallback, int min,
              int max);

/// All values of a repeatable parameter, each checked against allowed (400 `invalid_parameter`).
std::vector<std::string> enum_params(const http::Request& request, const std::string& name,
                                     const std::vector<std::string>& allowed);

/// The page size of a listing: per_page within [1, kMaxPerPage], kDefaultPerPage when absent.
int per_page_param(const http::Request& request);

/// Like enum_params for a vocabulary of upper-case codes (structure types): values are accepted
/// in any case and returned upper-cased ("aci" gives "ACI").
std::vector<std::string> upper_enum_params(const http::Request& request, const std::string& name,
                                           const std::vector<std::string>& allowed);
/// The same for values already read (a JSON list or field).
std::vector<std::string> checked_upper(const std::string& name, std::vector<std::string> values,
                                       const std::vector<std::string>& allowed);

/// Throws 400 `invalid_parameter` when a value is not in allowed (an empty allowed accepts all).
void check_allowed(const std::string& name, const std::vector<std::string>& values,
                   const std::vector<std::string>& allowed);

/// ASCII letters upper-cased, other bytes kept.
std::string ascii_upper(std::string text);

/// Number of Unicode code points of valid UTF-8 text.
std::size_t utf8_length(const std::string& text);

}  // namespace kb
