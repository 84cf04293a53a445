/// @brief Control-character and list-size checks shared by query, path and JSON body decoding.
#include "input_limits.hpp"

#include "api_error.hpp"

#include <vector>

namespace kb::http {

bool has_control_character(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return true;
        if (c == 0x7F) return true;
        // U+0080–U+009F are encoded C2 80 – C2 9F.
        if (c == 0xC2 && i + 1 < text.size()) {
            const auto next = static_cast<unsigned char>(text[i + 1]);
            if (next >= 0x80 && next <= 0x9F) return true;
        }
    }
    return false;
}

void check_text(std::string_view text, const std::string& where) {
    if (has_control_character(text)) {
        throw ApiError::bad_request(
            "invalid_text", where +
                                " contient un caractère de contrôle (seuls la tabulation et le "
                                "retour à la ligne sont admis).");
    }
}

void check_json_text(const nlohmann::json& document) {
    std::vector<const nlohmann::json*> pending = {&document};
    while (!pending.empty()) {
        const nlohmann::json* value = pending.back();
        pending.pop_back();
        if (value->is_string()) {
            check_text(value->get_ref<const std::string&>(), "Le corps de la requête");
        } else if (value->is_object()) {
            for (auto it = value->begin(); it != value->end(); ++it) {
                check_text(it.key(), "Le corps de la requête");
                pending.push_back(&*it);
            }
        } else if (value->is_array()) {
            for (const auto& item : *value) pending.push_back(&item);
        }
    }
}

void check_list_size(const std::string& name, std::size_t count) {
    if (count > kMaxListValues) {
        throw ApiError::bad_request("too_many_values", "« " + name + " » accepte au plus " +
                                                           std::to_string(kMaxListValues) +
                                                           " valeurs (" + std::to_string(count) +
                                                           " reçues).");
    }
}

}  // namespace kb::http
