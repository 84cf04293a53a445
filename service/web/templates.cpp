/// @brief Templates: kainjow mustache templates compiled once, rendered with escaped JSON data.
#include "templates.hpp"

#include "html_escape.hpp"

#include <kainjow/mustache.hpp>

#include <atomic>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace kb::web {

namespace mustache = kainjow::mustache;

struct Templates::Compiled {
    std::string source;
    std::uint64_t id = 0;  ///< unique in the process: the key of the per-thread copies
};

namespace {

mustache::data to_data(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::object: {
            mustache::data out{mustache::data::type::object};
            for (const auto& [key, item] : value.items()) out.set(key, to_data(item));
            return out;
        }
        case nlohmann::json::value_t::array: {
            mustache::data out{mustache::data::type::list};
            for (const auto& item : value) out.push_back(to_data(item));
            return out;
        }
        case nlohmann::json::value_t::string:
            // As in mustache.js, an empty string is false: `{{#error}}…{{/error}}` shows nothing
            // for "" (kainjow would open the section), and `{{error}}` still writes nothing.
            if (value.get_ref<const std::string&>().empty())
                return mustache::data{mustache::data::type::bool_false};
            return {value.get<std::string>()};
        case nlohmann::json::value_t::boolean:
            return value.get<bool>() ? mustache::data{mustache::data::type::bool_true}
                                     : mustache::data{mustache::data::type::bool_false};
        case nlohmann::json::value_t::null:
        case nlohmann::json::value_t::discarded:
            return mustache::data{mustache::data::type::bool_false};
        default:
            return {value.dump()};  // numbers
    }
}

// One compiled copy per thread and template: kainjow's render is not declared const (it records
// errors in the object), so threads never share one.
std::atomic<std::uint64_t> next_template_id{1};

mustache::mustache& compiled_for_thread(const std::string& source, std::uint64_t id) {
    thread_local std::map<std::uint64_t, std::unique_ptr<mustache::mustache>> cache;
    auto& slot = cache[id];
    if (!slot) {
        slot = std::make_unique<mustache::mustache>(source);
        slot->set_custom_escape([](const std::string& s) { return http::html_escape(s); });
    }
    return *slot;
}

}  // namespace

Templates::Templates(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        throw std::runtime_error("templates folder not found: " + dir.string());
    }
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() != ".mustache") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        mustache::mustache check(text.str());
        if (!check.is_valid()) {
            throw std::runtime_error("template " + entry.path().string() + ": " +
                                     check.error_message());
        }
        templates_[entry.path().stem().string()] =
            std::make_unique<Compiled>(Compiled{text.str(), next_template_id.fetch_add(1)});
    }
}

Templates::~Templates() = default;

bool Templates::has(const std::string& name) const {
    return templates_.count(name) > 0;
}

std::string Templates::render(const std::string& name, const nlohmann::json& data) const {
    auto it = templates_.find(name);
    if (it == templates_.end()) throw std::logic_error("no template named " + name);
    auto& tmpl = compiled_for_thread(it->second->source, it->second->id);
    std::string out = tmpl.render(to_data(data));
    if (!tmpl.is_valid())
        throw std::runtime_error("template " + name + ": " + tmpl.error_message());
    return out;
}

}  // namespace kb::web
