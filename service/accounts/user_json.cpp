/// @brief Presenters of accounts: the JSON of GET /me, /experts and of a post's author.
#include "user_json.hpp"

#include "json_values.hpp"

namespace kb {

using http::nullable;

nlohmann::json author_json(const Author& author) {
    return {{"id", author.id}, {"display_name", author.display_name}, {"role", author.role}};
}

nlohmann::json profile_json(const Profile& p) {
    return {{"id", p.id},
            {"login", p.login},
            {"display_name", p.display_name},
            {"role", p.role},
            {"structure_name", nullable(p.structure_name)},
            {"structure_type", nullable(p.structure_type)},
            {"territory", nullable(p.territory)},
            {"topics", p.topics},
            {"contact_opt_in", p.contact_opt_in},
            {"contact_email", nullable(p.contact_email)},
            {"notify_mode", p.notify_mode}};
}

nlohmann::json experts_json(const std::vector<Expert>& experts) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : experts) {
        nlohmann::json item = {{"id", e.id},
                               {"display_name", e.display_name},
                               {"structure_name", nullable(e.structure_name)},
                               {"structure_type", nullable(e.structure_type)},
                               {"territory", nullable(e.territory)},
                               {"topics", e.topics}};
        if (e.contact_email) item["contact_email"] = *e.contact_email;
        list.push_back(std::move(item));
    }
    return {{"experts", list}};
}

}  // namespace kb
