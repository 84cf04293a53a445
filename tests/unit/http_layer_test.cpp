/// @brief Unit tests of the route table and the single exception-to-problem mapping.
#include "api_error.hpp"
#include "html_escape.hpp"
#include "pg_pool.hpp"
#include "problem.hpp"
#include "router.hpp"

#include <gtest/gtest.h>
#include <xapian.h>
#include <algorithm>
#include <nlohmann/json.hpp>

namespace kb::http {
namespace {

Request make(const std::string& method, const std::string& path) {
    Request r;
    r.method = method;
    r.raw_path = path;
    r.segments = split_path(path);
    return r;
}

Router sample_router() {
    Router router;
    router.add("GET", "/items/:id", [](const Request& r) {
        return Response::json(200, {{"id", r.path_param("id")}});
    });
    router.add("GET", "/items/similar", [](const Request&) {
        return Response::json(200, {{"similar", true}});
    });
    router.add("POST", "/items", [](const Request&) { return Response::json(201, {}); });
    return router;
}

TEST(Router, BindsPathParametersAndPrefersLiteralRoutes) {
    Router router = sample_router();
    Request a = make("GET", "/items/42");
    EXPECT_EQ(nlohmann::json::parse(router.dispatch(a).body)["id"], "42");
    Request b = make("GET", "/items/similar");
    EXPECT_EQ(nlohmann::json::parse(router.dispatch(b).body)["similar"], true);
}

TEST(Router, UnknownPathIs404AndWrongMethodIs405WithAllow) {
    Router router = sample_router();
    Response missing = run_guarded([&] {
        Request r = make("GET", "/nothing");
        return router.dispatch(r);
    });
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(missing.content_type, "application/problem+json");
    EXPECT_EQ(nlohmann::json::parse(missing.body)["code"], "route_not_found");
    Response wrong = run_guarded([&] {
        Request r = make("DELETE", "/items");
        return router.dispatch(r);
    });
    EXPECT_EQ(wrong.status, 405);
    EXPECT_EQ(nlohmann::json::parse(wrong.body)["code"], "method_not_allowed");
}

TEST(Problem, EveryExceptionKindBecomesProblemJsonWithoutInternals) {
    auto body_of = [](const Response& r) { return nlohmann::json::parse(r.body); };
    Response api =
        run_guarded([]() -> Response { throw ApiError::bad_request("bad_thing", "Détail."); });
    EXPECT_EQ(api.status, 400);
    EXPECT_EQ(body_of(api)["code"], "bad_thing");
    EXPECT_EQ(body_of(api)["status"], 400);
    EXPECT_TRUE(body_of(api).contains("type"));
    EXPECT_TRUE(body_of(api).contains("title"));

    Response xapian =
        run_guarded([]() -> Response { throw Xapian::DatabaseCorruptError("secret path /x/y"); });
    EXPECT_EQ(xapian.status, 500);
    EXPECT_EQ(xapian.body.find("secret"), std::string::npos);

    // Readers retried and a writer kept committing under them: try again in a second.
    Response busy = run_guarded(
        []() -> Response { throw Xapian::DatabaseModifiedError("revision discarded /x/y"); });
    EXPECT_EQ(busy.status, 503);
    EXPECT_EQ(body_of(busy)["code"], "service_unavailable");
    EXPECT_NE(std::find(busy.headers.begin(), busy.headers.end(),
                        std::pair<std::string, std::string>("Retry-After", "1")),
              busy.headers.end());
    EXPECT_EQ(busy.body.find("/x/y"), std::string::npos);

    Response db = run_guarded([]() -> Response { throw kb::DatabaseUnavailable("host=secret"); });
    EXPECT_EQ(db.status, 503);
    EXPECT_EQ(db.body.find("secret"), std::string::npos);

    Response std_error =
        run_guarded([]() -> Response { throw std::runtime_error("internal secret"); });
    EXPECT_EQ(std_error.status, 500);
    EXPECT_EQ(std_error.body.find("secret"), std::string::npos);

    Response odd = run_guarded([]() -> Response { throw 42; });
    EXPECT_EQ(odd.status, 500);
    EXPECT_EQ(odd.content_type, "application/problem+json");
}

TEST(RequestParams, RepeatedAndCommaSeparatedValues) {
    Request r;
    r.query = {{"tag", "a,b"}, {"tag", "c"}, {"kind", ""}};
    EXPECT_EQ(r.params("tag"), (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_TRUE(r.params("kind").empty());
    r.query = {{"tag", " a ,\tb, ,"}};
    EXPECT_EQ(r.params("tag"), (std::vector<std::string>{"a", "b"}));
}

TEST(HtmlEscape, EscapesTheFourMarkupCharactersAndKeepsTheRest) {
    EXPECT_EQ(html_escape(""), "");
    EXPECT_EQ(html_escape("aide au poste"), "aide au poste");
    EXPECT_EQ(html_escape("<b>"), "&lt;b&gt;");
    EXPECT_EQ(html_escape("a & b \"c\" d'e"), "a &amp; b &quot;c&quot; d'e");
    EXPECT_EQ(html_escape("&&"), "&amp;&amp;");
    EXPECT_EQ(html_escape("<é>"), "&lt;é&gt;");
    EXPECT_EQ(html_escape(std::string_view("x\0<", 3)), std::string("x\0&lt;", 6));
}

}  // namespace
}  // namespace kb::http
