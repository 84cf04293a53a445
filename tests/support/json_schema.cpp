/// @brief The test validator: each keyword checked by one small branch, errors as readable lines.
#include "json_schema.hpp"

#include <cmath>
#include <regex>
#include <set>
#include <stdexcept>

namespace kb::test {

namespace {

using Json = nlohmann::json;

// Keywords that only describe: they never make an instance invalid.
const std::set<std::string> kAnnotations = {"description", "format",   "default",    "title",
                                            "examples",    "example",  "deprecated", "readOnly",
                                            "writeOnly",   "$comment", "summary"};

// Keywords that constrain, each handled by Validator::keyword.
const std::set<std::string> kKeywords = {"$ref",
                                         "type",
                                         "enum",
                                         "const",
                                         "properties",
                                         "required",
                                         "additionalProperties",
                                         "items",
                                         "minItems",
                                         "maxItems",
                                         "minLength",
                                         "maxLength",
                                         "minimum",
                                         "maximum",
                                         "pattern",
                                         "allOf",
                                         "anyOf",
                                         "oneOf"};

std::string type_of(const Json& v) {
    if (v.is_null()) return "null";
    if (v.is_boolean()) return "boolean";
    if (v.is_object()) return "object";
    if (v.is_array()) return "array";
    if (v.is_string()) return "string";
    if (v.is_number_integer()) return "integer";
    return "number";
}

bool has_type(const Json& v, const std::string& type) {
    if (type == "number") return v.is_number();
    if (type == "integer") {
        return v.is_number_integer() ||
               (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>());
    }
    return type_of(v) == type;
}

std::size_t code_points(const std::string& text) {
    std::size_t n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80;
    return n;
}

class Validator {
  public:
    explicit Validator(const Json& root) : root_(root) {}

    void check(const Json& schema, const Json& v, const std::string& at) {
        if (schema.is_boolean()) {
            if (!schema.get<bool>()) fail(at, "no value is allowed here");
            return;
        }
        if (!schema.is_object()) throw std::invalid_argument("schema at " + at + " is no object");
        for (const auto& [key, value] : schema.items()) keyword(schema, key, value, v, at);
    }

    std::vector<std::string> errors;

  private:
    void fail(const std::string& at, const std::string& message) {
        errors.push_back((at.empty() ? "/" : at) + ": " + message);
    }

    // The errors check() would report, without keeping them (for anyOf and oneOf).
    std::vector<std::string> trial(const Json& schema, const Json& v, const std::string& at) {
        Validator inner(root_);
        inner.check(schema, v, at);
        return inner.errors;
    }

    void keyword(const Json& schema, const std::string& key, const Json& value, const Json& v,
                 const std::string& at) {
        if (kAnnotations.count(key)) return;
        if (key == "$ref") {
            check(resolve_ref(root_, value.get<std::string>()), v, at);
        } else if (key == "type") {
            std::vector<std::string> types;
            if (value.is_string()) types.push_back(value.get<std::string>());
            if (value.is_array()) {
                for (const auto& t : value) types.push_back(t.get<std::string>());
            }
            bool ok = false;
            for (const auto& t : types) ok = ok || has_type(v, t);
            if (!ok) fail(at, "expected " + value.dump() + ", got " + type_of(v) + " " + v.dump());
        } else if (key == "enum") {
            bool ok = false;
            for (const auto& allowed : value) ok = ok || allowed == v;
            if (!ok) fail(at, v.dump() + " is not one of " + value.dump());
        } else if (key == "const") {
            if (value != v) fail(at, v.dump() + " is not " + value.dump());
        } else if (key == "properties") {
            if (!v.is_object()) return;
            for (const auto& [name, sub] : value.items()) {
                if (v.contains(name)) check(sub, v[name], at + "/" + name);
            }
        } else if (key == "required") {
            if (!v.is_object()) return;
            for (const auto& name : value) {
                if (!v.contains(name.get<std::string>()))
                    fail(at, "required member \"" + name.get<std::string>() + "\" is missing");
            }
        } else if (key == "additionalProperties") {
            if (!v.is_object()) return;
            const Json props = schema.value("properties", Json::object());
            for (const auto& [name, member] : v.items()) {
                if (props.contains(name)) continue;
                if (value.is_boolean() && !value.get<bool>()) {
                    fail(at, "member \"" + name + "\" is not in the schema");
                } else {
                    check(value, member, at + "/" + name);
                }
            }
        } else if (key == "items") {
            if (!v.is_array()) return;
            for (std::size_t i = 0; i < v.size(); ++i)
                check(value, v[i], at + "/" + std::to_string(i));
        } else if (key == "minItems" || key == "maxItems") {
            if (!v.is_array()) return;
            const bool min = key == "minItems";
            if (min ? v.size() < value.get<std::size_t>() : v.size() > value.get<std::size_t>())
                fail(at, std::to_string(v.size()) + " items, " + key + " " + value.dump());
        } else if (key == "minLength" || key == "maxLength") {
            if (!v.is_string()) return;
            const std::size_t n = code_points(v.get<std::string>());
            const bool min = key == "minLength";
            if (min ? n < value.get<std::size_t>() : n > value.get<std::size_t>())
                fail(at, std::to_string(n) + " characters, " + key + " " + value.dump());
        } else if (key == "minimum" || key == "maximum") {
            if (!v.is_number()) return;
            const bool min = key == "minimum";
            if (min ? v.get<double>() < value.get<double>() : v.get<double>() > value.get<double>())
                fail(at, v.dump() + " is out of range (" + key + " " + value.dump() + ")");
        } else if (key == "pattern") {
            if (!v.is_string()) return;
            if (!std::regex_search(v.get<std::string>(), std::regex(value.get<std::string>())))
                fail(at, v.dump() + " does not match " + value.get<std::string>());
        } else if (key == "allOf") {
            for (const auto& sub : value) check(sub, v, at);
        } else if (key == "anyOf" || key == "oneOf") {
            std::size_t matches = 0;
            std::vector<std::string> reasons;
            for (const auto& sub : value) {
                auto found = trial(sub, v, at);
                if (found.empty()) ++matches;
                reasons.insert(reasons.end(), found.begin(), found.end());
            }
            if (matches == 0) {
                std::string all;
                for (const auto& r : reasons) all += "; " + r;
                fail(at, "matches none of " + key + all);
            } else if (key == "oneOf" && matches > 1) {
                fail(at, "matches " + std::to_string(matches) + " schemas of oneOf");
            }
        } else {
            throw std::invalid_argument("unsupported schema keyword \"" + key + "\" at " + at);
        }
    }

    const Json& root_;
};

}  // namespace

std::vector<std::string> unsupported_keywords(const nlohmann::json& schema) {
    std::vector<std::string> out;
    if (!schema.is_object()) return out;
    auto walk = [&out](const nlohmann::json& sub) {
        for (auto& k : unsupported_keywords(sub)) out.push_back(std::move(k));
    };
    for (const auto& [key, value] : schema.items()) {
        if (!kKeywords.count(key) && !kAnnotations.count(key)) out.push_back(key);
        if (key == "properties") {
            for (const auto& sub : value) walk(sub);
        } else if (key == "items" || key == "additionalProperties") {
            walk(value);
        } else if (key == "allOf" || key == "anyOf" || key == "oneOf") {
            for (const auto& sub : value) walk(sub);
        }
    }
    return out;
}

const nlohmann::json& resolve_ref(const nlohmann::json& root, const std::string& ref) {
    if (ref.rfind("#/", 0) != 0) throw std::invalid_argument("only local $ref: " + ref);
    const nlohmann::json::json_pointer pointer(ref.substr(1));
    if (!root.contains(pointer)) throw std::invalid_argument("dangling $ref: " + ref);
    return root.at(pointer);
}

std::vector<std::string> schema_errors(const nlohmann::json& root, const nlohmann::json& schema,
                                       const nlohmann::json& instance) {
    Validator validator(root);
    validator.check(schema, instance, "");
    return validator.errors;
}

}  // namespace kb::test
