/// @brief A small JSON Schema (2020-12 subset) validator for checking real answers against the
/// OpenAPI document's schemas in tests.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace kb::test {

/// Checks instance against schema. `$ref`s ("#/components/schemas/X", any local JSON pointer)
/// are resolved in root. Supported: type (a name or a list, "null" included), enum, const,
/// properties, required, additionalProperties, items, min/maxItems, min/maxLength (code points),
/// minimum, maximum, pattern, allOf, anyOf, oneOf; annotations (description, format, default...)
/// are ignored. Any other keyword throws std::invalid_argument, so that a document using more than
/// this validator understands cannot pass unchecked.
/// Returns one message per violation, naming its place ("/results/0/title: ..."); empty if valid.
std::vector<std::string> schema_errors(const nlohmann::json& root, const nlohmann::json& schema,
                                       const nlohmann::json& instance);

/// The keywords of schema and of its subschemas (properties, items, allOf...) that schema_errors
/// does not understand; empty when it can check every constraint of schema.
std::vector<std::string> unsupported_keywords(const nlohmann::json& schema);

/// The value a local "$ref" ("#/a/b") points to in root; throws std::invalid_argument if none.
const nlohmann::json& resolve_ref(const nlohmann::json& root, const std::string& ref);

}  // namespace kb::test
