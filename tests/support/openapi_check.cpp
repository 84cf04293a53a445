/// @brief Finds the declared answer of an operation ($refs followed) and validates a real one.
#include "openapi_check.hpp"

#include "json_schema.hpp"

#include <algorithm>
#include <stdexcept>

namespace kb::test {

namespace {

using Json = nlohmann::json;

const std::vector<std::string> kMethods = {"get",   "put",  "post",   "delete",
                                           "patch", "head", "options"};

const Json& follow(const Json& root, const Json& node) {
    return node.contains("$ref") ? resolve_ref(root, node["$ref"].get<std::string>()) : node;
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), ::tolower);
    return text;
}

void check_headers(const Json& doc, const Json& declared, const HttpResponse& answer,
                   std::vector<std::string>& errors) {
    const Json headers = declared.value("headers", Json::object());
    for (const auto& [name, node] : headers.items()) {
        const Json& header = follow(doc, node);
        const std::string value = answer.header(lower(name));
        if (value.empty()) {
            if (header.value("required", false)) errors.push_back("header " + name + " is missing");
            continue;
        }
        // Header values are text: only string schemas are checked here.
        const Json schema = header.value("schema", Json::object());
        if (schema.value("type", "") == "string") {
            for (const auto& e : schema_errors(doc, schema, value))
                errors.push_back("header " + name + " " + e);
        }
    }
}

}  // namespace

std::vector<std::pair<std::string, std::string>> document_operations(const Json& document) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [path, item] : document.at("paths").items()) {
        for (const auto& method : kMethods) {
            if (item.contains(method)) {
                std::string upper = method;
                std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
                out.emplace_back(upper, path);
            }
        }
    }
    return out;
}

std::vector<std::string> answer_errors(const Json& doc, const std::string& method,
                                       const std::string& path, const HttpResponse& answer) {
    const Json& paths = doc.at("paths");
    if (!paths.contains(path) || !paths[path].contains(lower(method))) {
        throw std::invalid_argument("the document has no operation " + method + " " + path);
    }
    const Json& responses = paths[path][lower(method)].at("responses");
    const std::string status = std::to_string(answer.status);
    const std::string key = responses.contains(status) ? status : "default";
    if (!responses.contains(key)) return {"status " + status + " is not declared"};
    const Json& declared = follow(doc, responses[key]);
    std::vector<std::string> errors;
    check_headers(doc, declared, answer, errors);
    const Json content = declared.value("content", Json::object());
    if (content.empty()) {
        if (!answer.body.empty()) errors.push_back("a body where none is declared");
        return errors;
    }
    std::string media = answer.header("content-type");
    media = lower(media.substr(0, media.find(';')));
    media.erase(media.find_last_not_of(' ') + 1);
    if (!content.contains(media)) {
        errors.push_back("media type '" + media + "' not declared for " + key);
        return errors;
    }
    // Only JSON bodies are checked against their schema; others (CSV, Atom) by media type.
    if (media.size() < 4 || media.compare(media.size() - 4, 4, "json") != 0) return errors;
    const Json body = Json::parse(answer.body, nullptr, false);
    if (body.is_discarded()) {
        errors.push_back("the body is not JSON");
        return errors;
    }
    for (const auto& e : schema_errors(doc, content[media].at("schema"), body))
        errors.push_back("body" + e);
    return errors;
}

}  // namespace kb::test
