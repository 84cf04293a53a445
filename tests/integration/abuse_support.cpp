/// @brief The abuse tests' fixture: server start-up, accounts and calls.
#include "abuse_support.hpp"

#include "accounts.hpp"

namespace kb::test {

void AbuseServer::SetUp() {
    auto r = run_indexer(db_.url(), index_.path(), {fixture_kb_dir()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
}

void AbuseServer::start(const std::vector<std::string>& args) {
    service_ = std::make_unique<ServiceProcess>(db_.url(), index_.path(), args);
}

std::string AbuseServer::token(const std::string& login, const std::string& role) {
    return create_user_with_token(db_.url(), login, login, role);
}

HttpResponse AbuseServer::call(const std::string& method, const std::string& target,
                               const std::string& token, const std::string& body,
                               std::map<std::string, std::string> headers) {
    if (!token.empty()) headers["Authorization"] = "Bearer " + token;
    return http_request(service_->port(), method, target, body, headers);
}

Json AbuseServer::ok(const std::string& method, const std::string& target, const std::string& token,
                     const std::string& body) {
    HttpResponse r = call(method, target, token, body);
    EXPECT_GE(r.status, 200) << method << " " << target << " -> " << r.body;
    EXPECT_LT(r.status, 300) << method << " " << target << " -> " << r.body;
    return Json::parse(r.body, nullptr, false);
}

long long AbuseServer::new_thread(const std::string& token, const std::string& title) {
    Json t = ok("POST", "/api/v1/threads", token,
                Json{{"title", title}, {"body", "Une question assez longue."}}.dump());
    return t.value("id", 0LL);
}

std::string numbered(const std::string& prefix, int count, const std::string& separator) {
    std::string out;
    for (int i = 0; i < count; ++i) out += (i ? separator : "") + prefix + std::to_string(i);
    return out;
}

}  // namespace kb::test
