/// @brief The resource tests' fixture and file builders.
#include "resource_fixture.hpp"

#include "accounts.hpp"
#include "polling.hpp"

#include <fstream>
#include <thread>

namespace kb::test {

namespace fs = std::filesystem;

std::string make_pdf(const std::string& text) {
    const std::string stream = "BT /F1 12 Tf 72 720 Td (" + text + ") Tj ET";
    const std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
    std::string pdf = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (std::size_t offset : offsets) {
        std::string number = std::to_string(offset);
        pdf += std::string(10 - number.size(), '0') + number + " 00000 n \n";
    }
    pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
           " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

std::string make_zip(const std::vector<std::pair<std::string, std::string>>& files) {
    TempDir dir;
    // zip stores the names relative to its working folder, in the order given.
    std::string command = "cd '" + (dir.path() / "in").string() + "' && zip -q -X '" +
                          (dir.path() / "out.zip").string() + "'";
    for (const auto& [name, content] : files) {
        write_file(dir.path() / "in" / name, content);
        command += " '" + name + "'";
    }
    CommandResult r = run_command("/bin/sh", {"-c", command});
    if (r.exit_code != 0) throw std::runtime_error("zip: " + r.err);
    return read_file(dir.path() / "out.zip");
}

std::string make_docx(const std::string& text) {
    return make_zip(
        {{"[Content_Types].xml",
          R"(<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)"},
         {"_rels/.rels", "<Relationships/>"},
         {"word/document.xml",
          R"(<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>)" +
              text + "</w:t></w:r></w:p></w:body></w:document>"}});
}

std::pair<std::string, std::string> multipart_file(const std::string& filename,
                                                   const std::string& bytes) {
    const std::string boundary = "----kbtestboundary7MA4YWxkTrZu0gW";
    std::string body = "--" + boundary +
                       "\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nbonjour\r\n"
                       "--" +
                       boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
                       filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes +
                       "\r\n--" + boundary + "--\r\n";
    return {"multipart/form-data; boundary=" + boundary, body};
}

void Resources::SetUp() {
    ASSERT_EQ(run_indexer(db_.url(), index_.path(), {fixture_kb_dir()}).exit_code, 0);
    alice_ = create_user_with_token(db_.url(), "alice", "Alice", "member");
    carol_ = create_user_with_token(db_.url(), "carol", "Carol", "member");
    expert_ = create_user_with_token(db_.url(), "bruno", "Bruno", "expert");
    moderator_ = create_user_with_token(db_.url(), "mona", "Mona", "moderator");
    start();
}

void Resources::start(const std::vector<std::string>& extra) {
    // Request budgets lifted: the tests write far more than 20 times a minute.
    std::vector<std::string> args = {"--data-dir", data_.path().string(), "--rate-limits", "false"};
    args.insert(args.end(), extra.begin(), extra.end());
    service_.reset();
    service_ = std::make_unique<ServiceProcess>(db_.url(), index_.path(), args);
}

HttpResponse Resources::call(const std::string& method, const std::string& target,
                             const std::string& token, const std::string& body,
                             std::map<std::string, std::string> headers) {
    if (!token.empty()) headers["Authorization"] = "Bearer " + token;
    if (!body.empty() && !headers.count("Content-Type"))
        headers["Content-Type"] = "application/json";
    return http_request(port(), method, target, body, headers);
}

Json Resources::ok(const std::string& method, const std::string& target, const std::string& token,
                   const std::string& body, int expected) {
    HttpResponse r = call(method, target, token, body);
    EXPECT_EQ(r.status, expected) << method << " " << target << " -> " << r.body;
    return Json::parse(r.body, nullptr, false);
}

long long Resources::submit(const std::string& token, const std::string& title, Json extra) {
    Json body = {{"title", title}, {"type", "modele-document"}};
    body.update(extra);
    Json r = ok("POST", "/api/v1/resources", token, body.dump(), 201);
    return r.value("id", 0LL);
}

HttpResponse Resources::upload(long long id, const std::string& token, const std::string& filename,
                               const std::string& bytes) {
    auto [type, body] = multipart_file(filename, bytes);
    return call("POST", url(id, "/file"), token, body, {{"Content-Type", type}});
}

long long Resources::published(const std::string& title, Json extra) {
    Json fields = {{"link", "https://example.org/" + std::to_string(title.size())}};
    fields.update(extra);
    const long long id = submit(alice_, title, fields);
    ok("POST", url(id, "/approve"), moderator_);
    return id;
}

std::string Resources::wait_extraction(long long id, int timeout_ms) {
    std::string status;
    poll_until(
        [&] {
            status = ok("GET", url(id), moderator_).value("extraction_status", "");
            return status != "pending";
        },
        std::chrono::milliseconds(timeout_ms));
    return status;
}

bool Resources::eventually_found(const std::string& q, long long id, bool expected,
                                 const std::string& filters, int timeout_ms) {
    const std::string wanted = "resource:" + std::to_string(id);
    return poll_until(
        [&] {
            HttpResponse r = http_request(
                port(), "GET",
                "/api/v1/search?kind=resource&per_page=50&q=" + url_encode(q) + filters);
            const Json answer = Json::parse(r.body, nullptr, false);
            bool found = false;
            if (answer.contains("results"))
                for (const auto& hit : answer["results"]) found = found || hit["id"] == wanted;
            return found == expected;
        },
        std::chrono::milliseconds(timeout_ms));
}

std::vector<fs::path> Resources::stored_files() const {
    std::vector<fs::path> out;
    if (!fs::exists(data_.path() / "files")) return out;
    for (const auto& e : fs::recursive_directory_iterator(data_.path() / "files"))
        if (e.is_regular_file()) out.push_back(e.path());
    return out;
}

}  // namespace kb::test
