/// @brief Validation of Q&A input: ids, titles, Markdown bodies, tags and vocabularies.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace kb {

constexpr std::size_t kMaxTitleChars = 200;
constexpr std::size_t kMaxPostBodyChars = 20000;
// Minimum lengths, in characters after trimming: a question must say enough to be answered
// ("Aide ?" is not a question), an answer may be short ("Oui.", "Non.").
constexpr std::size_t kMinTitleChars = 10;
constexpr std::size_t kMinQuestionBodyChars = 20;
constexpr std::size_t kMinAnswerBodyChars = 2;
constexpr std::size_t kMaxEmailChars = 254;

/// A positive integer path id; 400 `invalid_id` otherwise (its own message when too large).
long long parse_id(const std::string& raw);
/// Trimmed title: 400 `missing_field`, `empty_field`, `title_too_short` or `title_too_long`.
std::string checked_title(const nlohmann::json& body, bool required, bool& present);
/// Markdown body of at least min_chars: 400 `missing_field`, `empty_field`, `body_too_short` or
/// `body_too_long`.
std::string checked_body(const nlohmann::json& body, const std::string& field, bool required,
                         bool& present, std::size_t min_chars);
/// Tags: at most 10, each 1–40 of a-z, 0-9 and '-'; 400 `invalid_tag`.
std::vector<std::string> checked_tags(const std::vector<std::string>& tags);

/// True for an official département code: 01–19, 2A, 2B, 21–95, 971–974 and 976 (not 20).
bool is_departement(const std::string& code);
/// A département code in any case ("2a" gives "2A"); 400 `invalid_parameter` otherwise.
std::string checked_departement(const std::string& code);
std::optional<std::string> checked_territory(const std::optional<std::string>& territory);
/// Each value of a territory filter, checked and upper-cased.
std::vector<std::string> checked_territories(std::vector<std::string> territories);

/// True when the body sets field to null or to a blank string: the caller clears that field
/// (an empty form input means "no value", as null does).
bool clears_field(const nlohmann::json& body, const std::string& field);

/// A plausible e-mail address (local@domain.tld, no spaces or markup characters, at most 254
/// characters); 400 `invalid_email` otherwise.
std::string checked_email(const std::string& address);

/// The `reason` of a moderator's decision (at most 1,000 characters, 400 `reason_too_long`);
/// when required, a blank or missing one is 400 `missing_field` (the author will read it).
std::optional<std::string> checked_reason(const nlohmann::json& body, bool required);

}  // namespace kb
