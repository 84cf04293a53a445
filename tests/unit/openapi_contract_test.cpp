/// @brief The OpenAPI document against the route table (both list the same operations), the
/// embedded copy against the source file, and the test validator against drifted answers.
#include "error_pages.hpp"
#include "json_schema.hpp"
#include "openapi_check.hpp"
#include "openapi_document.hpp"
#include "routes.hpp"
#include "service_parts.hpp"
#include "test_env.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <regex>
#include <set>

namespace kb::test {
namespace {

using Json = nlohmann::json;

const Json& document() {
    static const Json doc = Json::parse(openapi_document());
    return doc;
}

Json schema(const std::string& name) {
    return {{"$ref", "#/components/schemas/" + name}};
}

// The route table of the real service. Nothing is opened: the parts connect only when a
// handler runs, and none runs here.
std::set<std::pair<std::string, std::string>> routed_operations() {
    ServiceConfig config;
    config.database_url = "";
    config.index_dir = "/nonexistent";
    config.data_dir = (std::filesystem::temp_directory_path() / "kb-openapi-test").string();
    ServiceParts parts(config);
    std::set<std::pair<std::string, std::string>> out;
    for (const auto& [method, pattern] : build_routes(parts.context()).table()) {
        // The pages (HTML) and their static files are not the API: the document leaves them out.
        if (web::is_page_path(pattern) || pattern.rfind("/static/", 0) == 0) continue;
        // ":id" in the table is "{id}" in OpenAPI.
        out.emplace(method, std::regex_replace(pattern, std::regex(":([a-z_]+)"), "{$1}"));
    }
    return out;
}

TEST(OpenApiDocument, ListsExactlyTheRoutesOfTheRouteTable) {
    const auto routed = routed_operations();
    const auto listed = document_operations(document());
    const std::set<std::pair<std::string, std::string>> documented(listed.begin(), listed.end());
    EXPECT_EQ(listed.size(), documented.size());
    for (const auto& [method, path] : routed)
        EXPECT_TRUE(documented.count({method, path})) << method << " " << path << " not documented";
    for (const auto& [method, path] : documented)
        EXPECT_TRUE(routed.count({method, path})) << method << " " << path << " not routed";
    EXPECT_GE(routed.size(), 28u);
}

TEST(OpenApiDocument, EmbeddedCopyIsTheSourceFile) {
    EXPECT_EQ(std::string(openapi_document()),
              read_file(source_dir() / "service/app/openapi.json"));
}

// Every $ref of the document points somewhere, and the validator understands every keyword of
// every schema (components, parameters, bodies and answers alike).
TEST(OpenApiDocument, EverySchemaIsUnderstoodByTheValidator) {
    std::size_t schemas = 0;
    std::function<void(const Json&)> walk = [&](const Json& node) {
        if (!node.is_object() && !node.is_array()) return;
        if (node.is_object() && node.contains("$ref") && node["$ref"].is_string()) {
            EXPECT_NO_THROW(resolve_ref(document(), node["$ref"].get<std::string>()))
                << node["$ref"];
        }
        if (node.is_object() && node.contains("schema")) {
            ++schemas;
            for (const auto& k : unsupported_keywords(node["schema"])) ADD_FAILURE() << k;
        }
        for (const auto& child : node) walk(child);
    };
    walk(document());
    for (const auto& [name, s] : document()["components"]["schemas"].items()) {
        for (const auto& k : unsupported_keywords(s)) ADD_FAILURE() << name << ": " << k;
    }
    EXPECT_GT(schemas, 50u);
}

// A thread as GET /api/v1/threads/{id} gives it (one answer, seen by a member).
Json sample_thread() {
    const Json author = {{"id", 1}, {"display_name", "Alice"}, {"role", "member"}};
    const Json answer = {{"id", 2},
                         {"body", "Trois."},
                         {"html", "<p>Trois.</p>\n"},
                         {"created_at", "2026-01-02T10:00:00Z"},
                         {"author", author},
                         {"updated_at", "2026-01-02T10:00:00Z"},
                         {"votes", 1},
                         {"accepted", true},
                         {"revision_count", 0}};
    return {{"id", 1},
            {"title", "Combien de postes ?"},
            {"body", "Pour *2025*."},
            {"html", "<p>Pour <em>2025</em>.</p>\n"},
            {"tags", {"etp"}},
            {"step", "moyens"},
            {"structure_type", nullptr},
            {"territory", "2A"},
            {"accepted_answer_id", 2},
            {"created_at", "2026-01-01T10:00:00Z"},
            {"updated_at", "2026-01-02T10:00:00Z"},
            {"status", "solved"},
            {"author", author},
            {"revision_count", 0},
            {"url", "/api/v1/threads/1"},
            {"answers", {answer}},
            {"answer_count", 1}};
}

std::string joined(const std::vector<std::string>& errors) {
    std::string out;
    for (const auto& e : errors) out += e + "\n";
    return out;
}

TEST(SchemaValidator, AcceptsTheDocumentedShape) {
    EXPECT_EQ(joined(schema_errors(document(), schema("Thread"), sample_thread())), "");
}

TEST(SchemaValidator, CatchesARenamedField) {
    Json thread = sample_thread();
    thread["answers"][0]["updatedAt"] = thread["answers"][0]["updated_at"];
    thread["answers"][0].erase("updated_at");
    const std::string errors = joined(schema_errors(document(), schema("Thread"), thread));
    EXPECT_NE(errors.find("/answers/0: required member \"updated_at\" is missing"),
              std::string::npos)
        << errors;
    EXPECT_NE(errors.find("/answers/0: member \"updatedAt\" is not in the schema"),
              std::string::npos)
        << errors;
}

TEST(SchemaValidator, CatchesWrongTypesValuesAndNulls) {
    Json thread = sample_thread();
    thread["answers"][0]["votes"] = "1";  // a string for an integer
    thread["status"] = "closed";          // outside the enum
    thread["title"] = nullptr;            // null where a string is required
    thread["step"] = "nowhere";           // neither a step nor null (oneOf)
    thread["tags"] = {"etp", 3};          // a number in a list of strings
    thread["author"]["role"] = "admin";   // through a $ref
    const auto errors = schema_errors(document(), schema("Thread"), thread);
    const std::string text = joined(errors);
    for (const char* place :
         {"/answers/0/votes:", "/status:", "/title:", "/step:", "/tags/1:", "/author/role:"}) {
        EXPECT_NE(text.find(place), std::string::npos) << place << " not reported in\n" << text;
    }
    EXPECT_EQ(errors.size(), 6u) << text;
}

TEST(SchemaValidator, ChecksProblemCodesAndBounds) {
    // The 400 answer of GET /api/v1/search: a Problem whose code is one of its list.
    const Json& bad_request = document()["paths"]["/api/v1/search"]["get"]["responses"]["400"]
                                        ["content"]["application/problem+json"]["schema"];
    Json problem = {{"type", "https://passerelle-iae.fr/problemes/missing_query"},
                    {"title", "Requête invalide"},
                    {"status", 400},
                    {"detail", "Le paramètre « q » est obligatoire."},
                    {"code", "missing_query"}};
    EXPECT_EQ(joined(schema_errors(document(), bad_request, problem)), "");
    problem["code"] = "thread_not_found";
    EXPECT_EQ(schema_errors(document(), bad_request, problem).size(), 1u);
    problem["code"] = "missing_query";
    problem["status"] = 700;
    EXPECT_EQ(schema_errors(document(), bad_request, problem).size(), 1u);
    Json page = {{"total", 0}, {"page", 1}, {"per_page", 101}, {"results", Json::array()}};
    EXPECT_EQ(schema_errors(document(), schema("ArticleListing"), page).size(), 1u);
}

TEST(SchemaValidator, RefusesKeywordsItDoesNotUnderstand) {
    const Json strict = {{"type", "object"}, {"unevaluatedProperties", false}};
    EXPECT_THROW(schema_errors(document(), strict, Json::object()), std::invalid_argument);
    const Json nested = {{"properties", {{"a", {{"items", {{"patternProperties", 1}}}}}}}};
    EXPECT_EQ(unsupported_keywords(nested), std::vector<std::string>{"patternProperties"});
    EXPECT_THROW(schema_errors(document(), schema("Nope"), Json::object()), std::invalid_argument);
}

}  // namespace
}  // namespace kb::test
