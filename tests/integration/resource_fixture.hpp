/// @brief The fixture of the resource library tests: a migrated database, an indexed fixture
/// corpus, four accounts, a service with its own data folder, and helpers to build files.
#pragma once

#include "http_client.hpp"
#include "process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace kb::test {

using Json = nlohmann::json;

/// A one-page PDF whose text is `text` (ASCII), with a correct cross-reference table.
std::string make_pdf(const std::string& text);
/// A zip made with the zip command from files (name -> content), entries in the given order.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& files);
/// A minimal DOCX holding `text` in one paragraph.
std::string make_docx(const std::string& text);
/// A multipart/form-data body with one file part named "file"; returns {content type, body}.
std::pair<std::string, std::string> multipart_file(const std::string& filename,
                                                   const std::string& bytes);

class Resources : public ::testing::Test {
  protected:
    void SetUp() override;
    void start(const std::vector<std::string>& extra = {});
    [[nodiscard]] int port() const { return service_->port(); }

    HttpResponse call(const std::string& method, const std::string& target,
                      const std::string& token, const std::string& body = "",
                      std::map<std::string, std::string> headers = {});
    Json ok(const std::string& method, const std::string& target, const std::string& token,
            const std::string& body = "", int expected = 200);
    /// A new pending resource by token, with the given extra fields; returns its id.
    long long submit(const std::string& token, const std::string& title,
                     Json extra = Json::object());
    /// Uploads bytes as a multipart file; returns the response.
    HttpResponse upload(long long id, const std::string& token, const std::string& filename,
                        const std::string& bytes);
    /// A published resource with a link, by the member "alice".
    long long published(const std::string& title, Json extra = Json::object());
    /// Polls until the resource's extraction is no longer pending; returns its final status.
    std::string wait_extraction(long long id, int timeout_ms = 15000);
    /// Polls the search API until q finds (or no longer finds) the resource.
    bool eventually_found(const std::string& q, long long id, bool expected = true,
                          const std::string& filters = "", int timeout_ms = 5000);
    /// Regular files stored under the data folder's files/ (temporary files included).
    std::vector<std::filesystem::path> stored_files() const;
    static std::string url(long long id, const std::string& tail = "") {
        return "/api/v1/resources/" + std::to_string(id) + tail;
    }

    TestDatabase db_;
    TempDir index_;
    TempDir data_;
    std::string alice_, carol_, expert_, moderator_;
    std::unique_ptr<ServiceProcess> service_;
};

}  // namespace kb::test
