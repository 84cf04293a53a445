/// @brief Bad input to the resource library gets a clear 4xx problem and stores nothing: files
/// over the cap, disguised executables, fake PDFs, zip bombs, path names, empty and duplicate
/// files, unknown tags, script links, long titles, wrong JSON types, unknown ids.
#include "resource_fixture.hpp"

#include "api_assertions.hpp"

#include <fstream>

namespace kb::test {
namespace {

class ResourceInput : public Resources {
  protected:
    void SetUp() override {
        Resources::SetUp();
        start({"--max-file-bytes", "65536"});
    }
};

TEST_F(ResourceInput, BadFilesAreRefusedAndNothingIsStored) {
    const long long id = submit(alice_, "Dépôt de fichiers refusés");
    const long long other = submit(alice_, "Déjà partagé");
    const std::string shared = "Contenu déjà partagé par une autre ressource.\n";
    ASSERT_EQ(upload(other, alice_, "partage.txt", shared).status, 200);
    const auto files_before = stored_files().size();
    std::ifstream exe("/bin/true", std::ios::binary);
    const std::string executable((std::istreambuf_iterator<char>(exe)), {});
    std::string bomb_xml(30 * 1024 * 1024, ' ');
    const std::string bomb =
        make_zip({{"[Content_Types].xml", "<Types/>"},
                  {"_rels/.rels", "<Relationships/>"},
                  {"word/document.xml", "<w:document>" + bomb_xml + "</w:document>"}});
    struct Case {
        std::string name, filename, bytes;
        int status;
        std::string code;
    };
    const std::vector<Case> cases = {
        {"over the cap", "gros.txt", std::string(70000, 'a'), 413, "file_too_large"},
        {"far over the cap", "enorme.txt", std::string(200000, 'a'), 413, "payload_too_large"},
        {"executable renamed .pdf", "guide.pdf", executable, 415, "unsupported_type"},
        {"text named .pdf", "guide.pdf", "Ceci n'est pas un PDF.\n", 415, "type_mismatch"},
        {"broken PDF", "guide.pdf", "%PDF-1.7\n1 0 obj\n<< /Type /Catalog", 422, "invalid_file"},
        {"zip bomb as .docx", "modele.docx", bomb, 422, "zip_bomb"},
        {"path as file name", "../../etc/passwd", "root:x:0:0\n", 400, "invalid_filename"},
        {"hidden file name", ".htaccess", "deny\n", 400, "invalid_filename"},
        {"empty file", "vide.txt", "", 400, "empty_file"},
        {"duplicate upload", "copie.txt", shared, 409, "duplicate_file"},
    };
    ASSERT_LT(bomb.size(), 65536u);
    for (const auto& c : cases) {
        expect_problem(upload(id, alice_, c.filename, c.bytes), c.status, c.code, c.name);
    }
    // Without the "file" part, or raw without a name.
    expect_problem(call("POST", url(id, "/file"), alice_, "abc",
                        {{"Content-Type", "application/octet-stream"}}),
                   400, "missing_filename");
    expect_problem(call("POST", url(id, "/file"), alice_, "--x\r\n\r\n",
                        {{"Content-Type", "multipart/form-data; boundary=y"}}),
                   400, "invalid_multipart");
    EXPECT_TRUE(ok("GET", url(id), alice_)["file"].is_null());
    EXPECT_EQ(stored_files().size(), files_before);
}

TEST_F(ResourceInput, BadFieldsAreRefusedWithTheirOwnCodes) {
    const long long before = std::stoll(db_.scalar("SELECT count(*) FROM resources"));
    struct Case {
        std::string name, body;
        std::string code;
    };
    const std::string long_title(300, 'x');
    const std::vector<Case> cases = {
        {"unknown tag", R"({"title":"Titre valable","type":"autre","tags":["glossair"]})",
         "unknown_tag"},
        {"javascript link",
         R"J({"title":"Titre valable","type":"autre","link":"javascript:alert(1)"})J",
         "invalid_link"},
        {"data link", R"({"title":"Titre valable","type":"autre","link":"data:text/html,x"})",
         "invalid_link"},
        {"300-char title", R"({"title":")" + long_title + R"(","type":"autre"})", "title_too_long"},
        {"title a number", R"({"title":5,"type":"autre"})", "invalid_field_type"},
        {"tags a string", R"({"title":"Titre valable","type":"autre","tags":"aci"})",
         "invalid_field_type"},
        {"audiences of numbers", R"({"title":"Titre valable","type":"autre","audiences":[1]})",
         "invalid_field_type"},
        {"unknown type", R"({"title":"Titre valable","type":"logiciel"})", "invalid_parameter"},
        {"unknown licence", R"({"title":"Titre valable","type":"autre","licence":"MIT"})",
         "invalid_parameter"},
        {"missing type", R"({"title":"Titre valable"})", "missing_field"},
        {"long summary",
         R"({"title":"Titre valable","type":"autre","summary":")" + std::string(501, 's') + R"("})",
         "summary_too_long"},
        {"bad territory", R"({"title":"Titre valable","type":"autre","territory":"999x"})",
         "invalid_parameter"},
        {"not an object", R"(["title"])", "invalid_body"},
    };
    for (const auto& c : cases) {
        HttpResponse r = call("POST", "/api/v1/resources", alice_, c.body);
        expect_problem(r, 400, c.code, c.name);
    }
    Json unknown =
        Json::parse(call("POST", "/api/v1/resources", alice_,
                         R"({"title":"Titre valable","type":"autre","tags":["glossair"]})")
                        .body);
    EXPECT_NE(unknown["detail"].get<std::string>().find("glossaire"), std::string::npos)
        << "the closest existing tag is named";
    EXPECT_EQ(std::stoll(db_.scalar("SELECT count(*) FROM resources")), before);
}

TEST_F(ResourceInput, UnknownIdsAndDecisionsOutOfTurn) {
    for (const auto& [method, target] : std::vector<std::pair<std::string, std::string>>{
             {"GET", "/api/v1/resources/999999"},
             {"PATCH", "/api/v1/resources/999999"},
             {"POST", "/api/v1/resources/999999/approve"},
             {"POST", "/api/v1/resources/999999/hide"},
             {"GET", "/api/v1/resources/999999/file"},
             {"POST", "/api/v1/resources/999999/file?filename=a.txt"}}) {
        HttpResponse r = call(method, target, moderator_,
                              method == "PATCH"                           ? R"({"summary":"x"})"
                              : target.find("file?") != std::string::npos ? "texte"
                                                                          : "");
        expect_problem(r, 404, "resource_not_found", method + " " + target);
    }
    expect_problem(call("GET", "/api/v1/resources/abc", ""), 400, "invalid_id");
    const long long id = published("Déjà publiée");
    expect_problem(call("POST", url(id, "/approve"), moderator_), 409, "not_pending");
    expect_problem(call("POST", url(id, "/reject"), moderator_, R"({"reason":"non"})"), 409,
                   "not_pending");
    expect_problem(call("POST", url(id, "/restore"), moderator_), 409, "not_hidden");
    const long long empty = submit(alice_, "Ni lien ni fichier");
    expect_problem(call("POST", url(empty, "/approve"), moderator_), 422, "resource_incomplete");
    expect_problem(call("POST", url(empty, "/reject"), moderator_, "{}"), 400, "missing_field");
    EXPECT_EQ(db_.scalar("SELECT status FROM resources WHERE id = " + std::to_string(empty)),
              "pending");
}

}  // namespace
}  // namespace kb::test
