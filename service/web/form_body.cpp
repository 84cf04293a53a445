/// @brief Form: splitting on '&' and '=', percent-decoding with '+' as space, checking the text.
#include "form_body.hpp"

#include "api_error.hpp"
#include "input_limits.hpp"
#include "utf8.hpp"

namespace kb::web {

namespace {

std::string checked(std::string text) {
    if (!is_valid_utf8(text)) {
        throw http::ApiError::bad_request("invalid_utf8",
                                          "Le formulaire contient de l'UTF-8 invalide.");
    }
    http::check_text(text, "Le formulaire");
    return text;
}

std::string decoded(const std::string& raw) {
    auto text = percent_decode(raw, true);
    if (!text) {
        throw http::ApiError::bad_request("invalid_percent_encoding",
                                          "Le formulaire contient un encodage %XX invalide.");
    }
    return checked(std::move(*text));
}

}  // namespace

Form::Form(std::vector<std::pair<std::string, std::string>> fields) : fields_(std::move(fields)) {}

Form Form::parse(const http::Request& request) {
    const std::string type = request.content_type.substr(0, request.content_type.find(';'));
    if (!request.body.empty() && type != "application/x-www-form-urlencoded") {
        throw http::ApiError(415, "unsupported_media_type", "Type de contenu non pris en charge",
                             "Ce formulaire s'envoie en application/x-www-form-urlencoded.");
    }
    std::vector<std::pair<std::string, std::string>> fields;
    std::size_t start = 0;
    const std::string& body = request.body;
    while (start < body.size()) {
        std::size_t end = body.find('&', start);
        if (end == std::string::npos) end = body.size();
        const std::string pair = body.substr(start, end - start);
        if (!pair.empty()) {
            const auto eq = pair.find('=');
            const std::string name = decoded(pair.substr(0, eq));
            const std::string value = eq == std::string::npos ? "" : decoded(pair.substr(eq + 1));
            fields.emplace_back(name, value);
        }
        start = end + 1;
    }
    return Form(std::move(fields));
}

Form Form::from_parts(const std::vector<http::FormPart>& parts) {
    std::vector<std::pair<std::string, std::string>> fields;
    for (const auto& part : parts) {
        if (part.filename) continue;
        fields.emplace_back(checked(part.name), checked(part.body));
    }
    return Form(std::move(fields));
}

std::optional<std::string> Form::get(const std::string& name) const {
    for (const auto& [key, value] : fields_) {
        if (key == name) return value;
    }
    return std::nullopt;
}

std::string Form::value(const std::string& name) const {
    return get(name).value_or("");
}

std::vector<std::string> Form::values(const std::string& name) const {
    std::vector<std::string> out;
    for (const auto& [key, value] : fields_) {
        if (key == name && !value.empty()) out.push_back(value);
    }
    return out;
}

}  // namespace kb::web
