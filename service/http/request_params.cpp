/// @brief Query-string validation shared by the listing and search handlers.
#include "request_params.hpp"

#include "api_error.hpp"

#include <algorithm>
#include <cctype>

namespace kb {

int int_param(const http::Request& request, const std::string& name, int fallback, int min,
              int max) {
    auto raw = request.param(name);
    if (!raw) return fallback;
    const std::string range = " (entre " + std::to_string(min) + " et " + std::to_string(max) + ")";
    if (raw->empty() || raw->size() > 9 ||
        raw->find_first_not_of("-0123456789") != std::string::npos ||
        raw->find('-', 1) != std::string::npos) {
        throw http::ApiError::bad_request(
            "invalid_parameter", "Le paramètre « " + name + " » doit être un entier" + range + ".");
    }
    int value = std::stoi(*raw);
    if (value < min || value > max) {
        throw http::ApiError::bad_request(
            "invalid_parameter", "Le paramètre « " + name + " » est hors limites" + range + ".");
    }
    return value;
}

std::vector<std::string> enum_params(const http::Request& request, const std::string& name,
                                     const std::vector<std::string>& allowed) {
    std::vector<std::string> values = request.params(name);
    check_allowed(name, values, allowed);
    return values;
}

int per_page_param(const http::Request& request) {
    return int_param(request, "per_page", kDefaultPerPage, 1, kMaxPerPage);
}

std::vector<std::string> upper_enum_params(const http::Request& request, const std::string& name,
                                           const std::vector<std::string>& allowed) {
    return checked_upper(name, request.params(name), allowed);
}

std::vector<std::string> checked_upper(const std::string& name, std::vector<std::string> values,
                                       const std::vector<std::string>& allowed) {
    for (auto& v : values) v = ascii_upper(std::move(v));
    check_allowed(name, values, allowed);
    return values;
}

void check_allowed(const std::string& name, const std::vector<std::string>& values,
                   const std::vector<std::string>& allowed) {
    for (const auto& v : values) {
        if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
            std::string list;
            for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
            throw http::ApiError::bad_request("invalid_parameter",
                                              "Valeur inconnue « " + v + " » pour « " + name +
                                                  " » ; valeurs possibles : " + list + ".");
        }
    }
}

std::string ascii_upper(std::string text) {
    for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

std::size_t utf8_length(const std::string& text) {
    std::size_t n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80;
    return n;
}

}  // namespace kb
