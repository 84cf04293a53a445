/// @brief The bad-input battery: one table of every route with its path, query and body fields;
/// each field gets a NUL byte, a control character, invalid UTF-8, a wrong JSON type and a
/// 10,000-value list, each route malformed JSON and unknown ids: always a 4xx problem+json with
/// the expected code, never a 500.
#include "abuse_support.hpp"

#include <regex>
#include <set>

namespace kb::test {
namespace {

enum class Type { text, list, integer, boolean };

struct Field {
    std::string name;
    Type type = Type::text;
    /// The code a 10,000-value list gets: `too_many_values` for lists; for other fields what
    /// their own check says of a 10,000-value text, or `invalid_field_type` in a JSON body.
    std::string list_code = "too_many_values";
};

struct Route {
    std::string method;
    std::string pattern;  ///< as in the route table: ":id" and ":slug" bind path parameters
    std::vector<Field> query;
    std::vector<Field> body;
    Json valid_body;              ///< null: the route takes no body
    std::string unknown_code;     ///< the 404 of an unknown path id, empty without one
    std::string base_query = "";  ///< what every request sends besides the field under test
};

Field text(std::string name, std::string list_code) {
    return {std::move(name), Type::text, std::move(list_code)};
}
Field list(std::string name) {
    return {std::move(name), Type::list, "too_many_values"};
}
Field integer(std::string name, std::string list_code = "invalid_field_type") {
    return {std::move(name), Type::integer, std::move(list_code)};
}
Field in_body(std::string name) {
    return {std::move(name), Type::text, "invalid_field_type"};
}

// Every route of the route table (BadInput.TheTableListsEveryRoute keeps it so).
const std::vector<Route>& routes() {
    const Field page = integer("page", "invalid_parameter");
    const Field per_page = integer("per_page", "invalid_parameter");
    const std::vector<Field> filters = {list("kind"),           list("tag"),       list("step"),
                                        list("structure_type"), list("territory"), list("status")};
    const std::vector<Field> resource_fields = {
        in_body("title"),     in_body("summary"), in_body("description"),
        in_body("type"),      in_body("link"),    in_body("licence"),
        list("audiences"),    list("steps"),      list("structure_types"),
        in_body("territory"), list("tags")};
    const std::vector<Field> tag_fields = {in_body("slug"), in_body("label"),
                                           in_body("description"), list("synonyms")};
    auto with = [](std::vector<Field> a, const std::vector<Field>& b) {
        a.insert(a.end(), b.begin(), b.end());
        return a;
    };
    static const std::vector<Route> table = {
        {"GET", "/healthz", {}, {}, nullptr, ""},
        {"GET", "/readyz", {}, {}, nullptr, ""},
        {"GET", "/metrics", {}, {}, nullptr, ""},
        {"GET",
         "/api/v1/search",
         with({text("q", "query_too_long"), text("sort", "invalid_parameter"), page, per_page},
              filters),
         {},
         nullptr,
         "",
         "q=iae&"},
        {"POST",
         "/api/v1/search",
         {},
         with({in_body("q"), in_body("sort"), integer("page"), integer("per_page")}, filters),
         {{"q", "iae"}},
         ""},
        {"GET", "/api/v1/search/misses", {integer("limit", "invalid_parameter")}, {}, nullptr, ""},
        {"DELETE", "/api/v1/search/misses/:id", {}, {}, nullptr, "miss_not_found"},
        {"GET",
         "/api/v1/suggest",
         {text("q", "query_too_long"), integer("limit", "invalid_parameter")},
         {},
         nullptr,
         "",
         "q=iae&"},
        {"GET",
         "/api/v1/articles",
         {list("kind"), list("tag"), list("step"), list("structure_type"), page, per_page},
         {},
         nullptr,
         ""},
        {"GET", "/api/v1/articles/:slug", {}, {}, nullptr, "article_not_found"},
        {"POST",
         "/api/v1/threads",
         {},
         {in_body("title"), in_body("body"), list("tags"), in_body("step"),
          in_body("structure_type"), in_body("territory")},
         {{"title", "Une question valable"}, {"body", "Un texte de question assez long."}},
         ""},
        {"GET",
         "/api/v1/threads",
         {list("status"), list("tag"), list("step"), list("structure_type"),
          text("for_me", "invalid_parameter"), page, per_page},
         {},
         nullptr,
         ""},
        {"GET", "/api/v1/threads/similar", {text("title", "title_too_long")}, {}, nullptr, ""},
        {"GET", "/api/v1/threads/:id", {}, {}, nullptr, "thread_not_found"},
        {"PATCH",
         "/api/v1/threads/:id",
         {},
         {in_body("title"), in_body("body"), list("tags")},
         {{"title", "Un nouveau titre"}},
         "thread_not_found"},
        {"POST",
         "/api/v1/threads/:id/answers",
         {},
         {in_body("body")},
         {{"body", "Réponse."}},
         "thread_not_found"},
        {"POST",
         "/api/v1/threads/:id/accept",
         {},
         {integer("answer_id")},
         {{"answer_id", 999999}},
         "thread_not_found"},
        {"DELETE", "/api/v1/threads/:id/accept", {}, {}, nullptr, "thread_not_found"},
        {"POST", "/api/v1/threads/:id/hide", {}, {}, nullptr, "thread_not_found"},
        {"POST", "/api/v1/threads/:id/restore", {}, {}, nullptr, "thread_not_found"},
        {"PATCH",
         "/api/v1/answers/:id",
         {},
         {in_body("body")},
         {{"body", "Réponse."}},
         "answer_not_found"},
        {"PUT", "/api/v1/answers/:id/vote", {}, {}, nullptr, "answer_not_found"},
        {"DELETE", "/api/v1/answers/:id/vote", {}, {}, nullptr, "answer_not_found"},
        {"POST", "/api/v1/answers/:id/hide", {}, {}, nullptr, "answer_not_found"},
        {"POST", "/api/v1/answers/:id/restore", {}, {}, nullptr, "answer_not_found"},
        {"GET", "/api/v1/me", {}, {}, nullptr, ""},
        {"PUT",
         "/api/v1/me/profile",
         {},
         {in_body("display_name"),
          in_body("structure_name"),
          in_body("structure_type"),
          in_body("territory"),
          list("topics"),
          {"contact_opt_in", Type::boolean, "invalid_field_type"},
          in_body("contact_email")},
         {{"display_name", "Mona"}},
         ""},
        {"PUT",
         "/api/v1/users/:id/role",
         {},
         {in_body("role")},
         {{"role", "member"}},
         "user_not_found"},
        {"GET",
         "/api/v1/experts",
         {list("structure_type"), list("territory"), list("topic")},
         {},
         nullptr,
         ""},
        // The forum's routes (not configured here: their own checks are in forum_*_test.cpp).
        {"POST", "/api/v1/forum/webhooks", {}, {}, nullptr, ""},
        {"GET", "/api/v1/related", {}, {}, nullptr, ""},
        {"GET", "/embed/related", {}, {}, nullptr, ""},
        {"GET", "/embed/related.js", {}, {}, nullptr, ""},
        {"GET", "/api/v1/openapi.json", {}, {}, nullptr, ""},
        {"GET",
         "/api/v1/indicators",
         {text("from", "invalid_date"), text("to", "invalid_date"),
          text("territory", "invalid_parameter"), list("structure_type"),
          text("format", "invalid_parameter"), text("series", "invalid_parameter")},
         {},
         nullptr,
         ""},
        {"GET",
         "/flux/questions-sans-reponse.atom",
         {text("tag", "invalid_tag"), text("territory", "invalid_parameter"),
          list("structure_type")},
         {},
         nullptr,
         ""},
        {"POST",
         "/api/v1/resources",
         {},
         resource_fields,
         {{"title", "Une ressource"}, {"type", "autre"}},
         ""},
        {"GET",
         "/api/v1/resources",
         {list("type"), list("tag"), list("audience"), list("step"), list("structure_type"),
          list("territory"), list("status"), page, per_page},
         {},
         nullptr,
         ""},
        {"GET", "/api/v1/resources/:id", {}, {}, nullptr, "resource_not_found"},
        {"PATCH",
         "/api/v1/resources/:id",
         {},
         resource_fields,
         {{"summary", "Un résumé"}},
         "resource_not_found"},
        // A 10,000-value file name reaches the handler with no file: the body is checked first.
        {"POST",
         "/api/v1/resources/:id/file",
         {text("filename", "empty_file")},
         {},
         nullptr,
         "resource_not_found"},
        {"GET", "/api/v1/resources/:id/file", {}, {}, nullptr, "resource_not_found"},
        {"POST", "/api/v1/resources/:id/approve", {}, {}, nullptr, "resource_not_found"},
        {"POST",
         "/api/v1/resources/:id/reject",
         {},
         {in_body("reason")},
         {{"reason", "Motif"}},
         "resource_not_found"},
        {"POST", "/api/v1/resources/:id/hide", {}, {}, nullptr, "resource_not_found"},
        {"POST", "/api/v1/resources/:id/restore", {}, {}, nullptr, "resource_not_found"},
        {"GET", "/api/v1/resources/:id/versions", {}, {}, nullptr, "resource_not_found"},
        {"POST",
         "/api/v1/resources/:id/versions/:version/restore",
         {},
         {},
         nullptr,
         "resource_not_found"},
        {"GET", "/api/v1/tags", {}, {}, nullptr, ""},
        {"POST", "/api/v1/tags", {}, tag_fields, {{"slug", "batterie"}, {"label", "Batterie"}}, ""},
        {"GET", "/api/v1/tags/:slug", {}, {}, nullptr, "tag_not_found"},
        {"PATCH", "/api/v1/tags/:slug", {}, tag_fields, {{"label", "Nouveau"}}, "tag_not_found"},
        {"DELETE", "/api/v1/tags/:slug", {}, {}, nullptr, "tag_not_found"},
        {"POST",
         "/api/v1/tags/:slug/merge",
         {},
         {in_body("into")},
         {{"into", "glossaire"}},
         "tag_not_found"},
        {"POST",
         "/api/v1/flags",
         {},
         {in_body("item_kind"), integer("item_id"), in_body("reason"), in_body("comment")},
         {{"item_kind", "thread"}, {"item_id", 999999}, {"reason", "spam"}},
         ""},
        {"POST", "/api/v1/flags/:id/dismiss", {}, {}, nullptr, "flag_not_found"},
        {"GET", "/api/v1/moderation/queue", {}, {}, nullptr, ""},
        {"GET",
         "/api/v1/moderation/log",
         {list("item_kind"), text("item_id", "invalid_parameter"), page, per_page},
         {},
         nullptr,
         ""},
    };
    return table;
}

Json ten_thousand_items() {
    Json out = Json::array();
    for (int i = 0; i < 10000; ++i) out.push_back("v" + std::to_string(i));
    return out;
}

Json wrong_type(Type type) {
    switch (type) {
        case Type::text:
            return 12345;
        case Type::list:
            return "pas une liste";
        case Type::integer:
        case Type::boolean:
            return "pas un nombre";
    }
    return nullptr;
}

class BadInput : public AbuseServer {
  protected:
    void SetUp() override {
        AbuseServer::SetUp();
        moderator_ = token("mona", "moderator");
        const std::string alice = token("alice", "member"), bob = token("bob", "member");
        // The battery sends hundreds of requests from one address: request limits lifted.
        start({"--rate-limits", "false"});
        thread_ = std::to_string(new_thread(alice, "Une question pour la batterie"));
        answer_ = std::to_string(
            ok("POST", "/api/v1/threads/" + thread_ + "/answers", bob, R"({"body": "Réponse."})")
                .value("id", 0LL));
        user_ = db_.scalar("SELECT id FROM users WHERE login = 'alice'");
        ASSERT_EQ(call("GET", "/api/v1/search?q=zzintrouvablezz").status, 200);
        miss_ = db_.scalar("SELECT id FROM search_misses");
        ASSERT_FALSE(miss_.empty());
        // A published resource with one earlier version.
        resource_ = std::to_string(
            ok("POST", "/api/v1/resources", alice,
               R"({"title": "Ressource de la batterie", "type": "autre", "link": "https://r.example"})")
                .value("id", 0LL));
        ok("POST", "/api/v1/resources/" + resource_ + "/approve", moderator_);
        ok("PATCH", "/api/v1/resources/" + resource_, alice, R"({"summary": "Résumé"})");
        version_ = db_.scalar("SELECT id FROM resource_versions");
        ASSERT_FALSE(version_.empty());
    }

    /// The route's path with its first parameter set to id, or each to the fixture's own object.
    std::string path(const Route& route, const std::optional<std::string>& id = {}) const {
        std::string out = route.pattern;
        bool first = true;
        for (std::size_t colon = out.find(':'); colon != std::string::npos;
             colon = out.find(':'), first = false) {
            const std::size_t end = std::min(out.find('/', colon), out.size());
            const std::string name = out.substr(colon + 1, end - colon - 1);
            std::string value;
            if (first && id) {
                value = *id;
            } else if (name == "version") {
                value = version_;
            } else if (out.find("/threads/") != std::string::npos) {
                value = thread_;
            } else if (out.find("/answers/") != std::string::npos) {
                value = answer_;
            } else if (out.find("/users/") != std::string::npos) {
                value = user_;
            } else if (out.find("/misses/") != std::string::npos) {
                value = miss_;
            } else if (out.find("/resources/") != std::string::npos) {
                value = resource_;
            } else if (out.find("/flags/") != std::string::npos) {
                value = "999998";  // no flag is ever made: every id is unknown
            } else if (out.find("/tags/") != std::string::npos) {
                value = "glossaire";
            } else {
                value = "le-conventionnement-en-bref";
            }
            out.replace(colon, end - colon, value);
        }
        return out;
    }

    void expect(const Route& route, const std::string& target, const std::string& body, int status,
                const std::string& code, const std::string& what) {
        HttpResponse r = call(route.method, target, moderator_, body);
        expect_problem(
            r, status, code,
            route.method + " " + route.pattern + ": " + what + " (" + target.substr(0, 120) + ")");
    }

    std::string moderator_, thread_, answer_, user_, miss_, resource_, version_;
};

TEST_F(BadInput, TheTableListsEveryRoute) {
    // The served OpenAPI document lists the route table's operations (a unit test keeps it so).
    const Json document = ok("GET", "/api/v1/openapi.json");
    std::set<std::string> documented, listed;
    for (const auto& [path, operations] : document["paths"].items()) {
        // "/threads/{id}" in the document is "/threads/:id" in the route table.
        const std::string pattern = std::regex_replace(path, std::regex(R"(\{(\w+)\})"), ":$1");
        for (const auto& [method, operation] : operations.items()) {
            if (method == "parameters") continue;
            std::string upper = method;
            for (char& c : upper) c = static_cast<char>(std::toupper(c));
            documented.insert(upper + " " + pattern);
        }
    }
    for (const Route& route : routes()) listed.insert(route.method + " " + route.pattern);
    EXPECT_EQ(listed, documented);
    EXPECT_EQ(listed.size(), routes().size());
}

TEST_F(BadInput, EveryFieldOfEveryRouteRefusesBadInputWithA4xxProblem) {
    const std::string many = numbered("v", 10000, ",");
    for (const Route& route : routes()) {
        const std::string base = path(route);
        const std::string body = route.valid_body.is_null() ? "" : route.valid_body.dump();
        // Any query parameter, even one the route does not read, is decoded and checked.
        expect(route, base + "?x=a%00b", body, 400, "invalid_text", "NUL in a query parameter");
        // Path parameters.
        if (base != route.pattern) {
            expect(route, path(route, "a%00b"), body, 400, "invalid_text", "NUL in the path");
            expect(route, path(route, "a%01b"), body, 400, "invalid_text", "control in the path");
            expect(route, path(route, "a%FFb"), body, 400, "invalid_utf8", "bad UTF-8 in the path");
            const std::string unknown =
                route.pattern.find(":slug") != std::string::npos ? "page-inconnue" : "999999";
            expect(route, path(route, unknown), body, 404, route.unknown_code, "unknown id");
        }
        // Query fields.
        for (const Field& field : route.query) {
            // Pistache keeps the first of repeated keys: the field replaces its base value.
            const bool in_base = route.base_query.rfind(field.name + "=", 0) == 0;
            const std::string target =
                base + "?" + (in_base ? "" : route.base_query) + field.name + "=";
            expect(route, target + "a%00b", body, 400, "invalid_text", field.name + ": NUL");
            expect(route, target + "a%1Bb", body, 400, "invalid_text", field.name + ": ESC");
            expect(route, target + "a%FFb", body, 400, "invalid_utf8", field.name + ": UTF-8");
            expect(route, target + many, body, 400, field.list_code, field.name + ": 10,000");
        }
        if (route.valid_body.is_null()) continue;
        // The body as a whole.
        expect(route, base, R"({"title": )", 400, "malformed_json", "malformed JSON");
        expect(route, base, "{\"q\": \"a\xFF\"}", 400, "invalid_utf8", "bad UTF-8 in the body");
        expect(route, base, "[]", 400, "invalid_body", "a JSON array as the body");
        expect(route, base, R"({"x": "a\u0000b"})", 400, "invalid_text",
               "NUL in a field no handler reads");
        // Body fields, each bad in turn while the others stay valid.
        for (const Field& field : route.body) {
            auto with = [&](const Json& value) {
                Json b = route.valid_body;
                b[field.name] = value;
                return b.dump();
            };
            if (field.type == Type::text || field.type == Type::list) {
                const bool is_list = field.type == Type::list;
                const std::string with_nul("a\0b", 3);
                const Json nul = is_list ? Json::array({"a", with_nul}) : Json(with_nul);
                const Json esc = is_list ? Json::array({"a\x07"
                                                        "b"})
                                         : Json("a\u0085b");
                expect(route, base, with(nul), 400, "invalid_text", field.name + ": NUL");
                expect(route, base, with(esc), 400, "invalid_text", field.name + ": control");
            }
            expect(route, base, with(wrong_type(field.type)), 400, "invalid_field_type",
                   field.name + ": wrong type");
            expect(route, base, with(ten_thousand_items()), 400, field.list_code,
                   field.name + ": 10,000 values");
        }
    }
    // Nothing of all that was stored.
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM threads"), "1");
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM answers"), "1");
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM post_revisions"), "0");
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM resources"), "1");
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM resource_versions"), "1");
}

TEST_F(BadInput, AnUnknownAnswerInTheBodyIsA404) {
    const auto found = std::find_if(routes().begin(), routes().end(), [](const Route& r) {
        return r.method == "POST" && r.pattern == "/api/v1/threads/:id/accept";
    });
    ASSERT_NE(found, routes().end());
    const Route& accept = *found;
    expect(accept, path(accept), R"({"answer_id": 999999})", 404, "answer_not_found",
           "unknown answer");
}

}  // namespace
}  // namespace kb::test
