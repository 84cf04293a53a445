/// @brief Shared fixture of the abuse tests: a real server on port 0 over the fixture corpus,
/// accounts with tokens, and calls.
#pragma once

#include "api_assertions.hpp"
#include "http_client.hpp"
#include "process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace kb::test {

using Json = nlohmann::json;

class AbuseServer : public ::testing::Test {
  protected:
    /// Indexes tests/fixtures/kb and creates the accounts; the server starts with start().
    void SetUp() override;
    void start(const std::vector<std::string>& args);
    /// A new account with this role and a token for it.
    std::string token(const std::string& login, const std::string& role);

    HttpResponse call(const std::string& method, const std::string& target,
                      const std::string& token = "", const std::string& body = "",
                      std::map<std::string, std::string> headers = {});
    /// 2xx-or-fail JSON of a call.
    Json ok(const std::string& method, const std::string& target, const std::string& token = "",
            const std::string& body = "");
    long long new_thread(const std::string& token, const std::string& title);

    TestDatabase db_;
    TempDir index_;
    std::unique_ptr<ServiceProcess> service_;
};

/// "t0,t1,…" : count numbered values joined by separator.
std::string numbered(const std::string& prefix, int count, const std::string& separator);

}  // namespace kb::test
