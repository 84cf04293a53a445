/// @brief Q&A input checks, each failure a 400 with its own code.
#include "input_checks.hpp"

#include "api_error.hpp"
#include "json_body.hpp"
#include "request_params.hpp"
#include "text_lists.hpp"

#include <charconv>
#include <regex>

namespace kb {

long long parse_id(const std::string& raw) {
    const bool digits = !raw.empty() && raw.find_first_not_of("0123456789") == std::string::npos;
    long long value = 0;
    if (digits) {
        const auto [end, error] = std::from_chars(raw.data(), raw.data() + raw.size(), value);
        if (error == std::errc::result_out_of_range) {
            throw http::ApiError::bad_request(
                "invalid_id", "L'identifiant « " + raw.substr(0, 40) +
                                  " » est trop grand (au plus 9223372036854775807).");
        }
    }
    if (!digits || value <= 0) {
        throw http::ApiError::bad_request(
            "invalid_id", "L'identifiant « " + raw + " » n'est pas un nombre entier positif.");
    }
    return value;
}

std::string checked_title(const nlohmann::json& body, bool required, bool& present) {
    auto title = http::optional_string(body, "title");
    present = title.has_value();
    if (!title) {
        if (required)
            throw http::ApiError::bad_request("missing_field",
                                              "Le champ « title » est obligatoire.");
        return "";
    }
    std::string t = trim(*title);
    if (t.empty())
        throw http::ApiError::bad_request("empty_field", "Le titre ne peut pas être vide.");
    if (utf8_length(t) < kMinTitleChars) {
        throw http::ApiError::bad_request(
            "title_too_short", "Le titre doit compter au moins " + std::to_string(kMinTitleChars) +
                                   " caractères : formulez la question en une phrase.");
    }
    if (utf8_length(t) > kMaxTitleChars) {
        throw http::ApiError::bad_request("title_too_long", "Le titre dépasse 200 caractères.");
    }
    return t;
}

std::string checked_body(const nlohmann::json& body, const std::string& field, bool required,
                         bool& present, std::size_t min_chars) {
    auto text = http::optional_string(body, field);
    present = text.has_value();
    if (!text) {
        if (required)
            throw http::ApiError::bad_request("missing_field",
                                              "Le champ « " + field + " » est obligatoire.");
        return "";
    }
    const std::string trimmed = trim(*text);
    if (trimmed.empty())
        throw http::ApiError::bad_request("empty_field", "Le texte ne peut pas être vide.");
    if (utf8_length(trimmed) < min_chars) {
        throw http::ApiError::bad_request(
            "body_too_short",
            "Le texte doit compter au moins " + std::to_string(min_chars) + " caractères.");
    }
    if (utf8_length(*text) > kMaxPostBodyChars) {
        throw http::ApiError::bad_request("body_too_long", "Le texte dépasse 20 000 caractères.");
    }
    return *text;
}

std::vector<std::string> checked_tags(const std::vector<std::string>& tags) {
    static const std::regex tag_re("^[a-z0-9]+(-[a-z0-9]+)*$");
    if (tags.size() > 10)
        throw http::ApiError::bad_request("invalid_tag", "Dix mots-clés au plus.");
    for (const auto& tag : tags) {
        if (tag.size() > 40 || !std::regex_match(tag, tag_re)) {
            throw http::ApiError::bad_request(
                "invalid_tag", "Mot-clé invalide « " + tag + " » (a-z, 0-9 et '-').");
        }
    }
    return tags;
}

bool is_departement(const std::string& code) {
    if (code == "2A" || code == "2B") return true;
    if (code.find_first_not_of("0123456789") != std::string::npos) return false;
    if (code.size() == 2) return code != "00" && code != "20" && code <= "95";
    // Overseas: Guadeloupe, Martinique, Guyane, La Réunion and Mayotte (975 is not one).
    return code.size() == 3 && code >= "971" && code <= "976" && code != "975";
}

std::string checked_departement(const std::string& code) {
    const std::string upper = ascii_upper(code);
    if (!is_departement(upper)) {
        throw http::ApiError::bad_request("invalid_parameter",
                                          "Code de département invalide « " + code +
                                              " » (01 à 95, 2A et 2B pour la Corse, 971 à 976).");
    }
    return upper;
}

std::optional<std::string> checked_territory(const std::optional<std::string>& territory) {
    if (!territory) return std::nullopt;
    return checked_departement(*territory);
}

std::vector<std::string> checked_territories(std::vector<std::string> territories) {
    for (auto& t : territories) t = checked_departement(t);
    return territories;
}

bool clears_field(const nlohmann::json& body, const std::string& field) {
    auto it = body.find(field);
    if (it == body.end()) return false;
    return it->is_null() || (it->is_string() && trim(it->get<std::string>()).empty());
}

std::string checked_email(const std::string& address) {
    // Deliberately simpler than RFC 5322: what a real mailbox looks like, with nothing that
    // could become markup or a header once published (no <, >, quotes, spaces or controls).
    static const std::regex email_re(
        R"(^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)"
        R"((?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}$)");
    const std::string local = address.substr(0, address.find('@'));
    if (address.size() > kMaxEmailChars || !std::regex_match(address, email_re) ||
        local.size() > 64 || local.front() == '.' || local.back() == '.' ||
        local.find("..") != std::string::npos) {
        throw http::ApiError::bad_request(
            "invalid_email", "Adresse électronique invalide (attendu : nom@domaine.fr).");
    }
    return address;
}

std::optional<std::string> checked_reason(const nlohmann::json& body, bool required) {
    auto reason = http::optional_string(body, "reason");
    if (required && (!reason || reason->find_first_not_of(" \t\r\n") == std::string::npos)) {
        throw http::ApiError::bad_request(
            "missing_field", "Le champ « reason » est obligatoire : l'auteur le verra.");
    }
    if (reason && utf8_length(*reason) > 1000)
        throw http::ApiError::bad_request("reason_too_long", "Le motif dépasse 1 000 caractères.");
    return reason;
}

}  // namespace kb
