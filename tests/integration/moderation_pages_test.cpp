/// @brief The resource and moderation pages over HTTP: who may post each form (anonymous sent to
/// sign in, members refused with the 403 page, moderators served), the CSRF token required by
/// every form (the multipart one included), and bad input answered by 4xx HTML pages, never 500.
#include "resource_fixture.hpp"

#include "smtp_sink.hpp"
#include "web_client.hpp"

#include <fstream>

namespace kb::test {
namespace {

using Fields = FormFields;

// A browser that has opened a page (its visitor cookie and CSRF token).
std::unique_ptr<WebClient> browser(int port) {
    auto client = std::make_unique<WebClient>(port);
    EXPECT_EQ(client->get("/connexion").status, 200);
    return client;
}

// An HTML error page with this status (never a problem+json body, never a 500).
void expect_error_page(const HttpResponse& r, int status, const std::string& context) {
    EXPECT_EQ(r.status, status) << context << "\n" << r.body.substr(0, 400);
    EXPECT_EQ(r.header("content-type").rfind("text/html", 0), 0u) << context;
    EXPECT_NE(r.body.find("Erreur " + std::to_string(status)), std::string::npos) << context;
}

void expect_sign_in_redirect(const HttpResponse& r, const std::string& context) {
    EXPECT_EQ(r.status, 303) << context << "\n" << r.body.substr(0, 400);
    EXPECT_EQ(r.header("location").rfind("/connexion?retour=", 0), 0u) << context;
}

class ModerationPages : public Resources {
  protected:
    void SetUp() override {
        Resources::SetUp();
        start({"--max-file-bytes", "65536", "--smtp-url", sink_.url()});
        anonymous_ = browser(port());
        member_ = browser(port());
        ASSERT_EQ(member_->sign_in("marie@example.org", "Marie", mail_.path()).status, 303);
        moderator_page_ = browser(port());
        ASSERT_EQ(moderator_page_->sign_in("modo@example.org", "Modo", mail_.path()).status, 303);
        ASSERT_FALSE(db_.scalar("UPDATE users SET role = 'moderator' "
                                "WHERE email = 'modo@example.org' RETURNING id")
                         .empty());
    }
    std::string status_of(long long id) {
        return db_.scalar(
            "SELECT status || CASE WHEN hidden THEN '+hidden' ELSE '' END FROM "
            "resources WHERE id = " +
            std::to_string(id));
    }
    long long count(const std::string& table) {
        return std::stoll(db_.scalar("SELECT count(*) FROM " + table));
    }
    static std::string page(long long id, const std::string& tail = "") {
        return "/ressources/" + std::to_string(id) + tail;
    }

    TempDir mail_;
    SmtpSink sink_{mail_.path()};
    std::unique_ptr<WebClient> anonymous_, member_, moderator_page_;
};

// A multipart body of the submission form; csrf omitted when empty.
std::pair<std::string, std::string> submission(const std::string& csrf, const Fields& fields,
                                               const std::string& filename,
                                               const std::string& bytes) {
    const std::string boundary = "----kbpagesboundary";
    std::string body;
    auto part = [&](const std::string& name, const std::string& value) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name +
                "\"\r\n\r\n" + value + "\r\n";
    };
    if (!csrf.empty()) part("csrf", csrf);
    for (const auto& [name, value] : fields) part(name, value);
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
            filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n";
    body += "--" + boundary + "--\r\n";
    return {"multipart/form-data; boundary=" + boundary, body};
}

const Fields kValidResource = {{"title", "Modèle de projet d'insertion"},
                               {"type", "modele-document"},
                               {"licence", "etalab-2.0"},
                               {"audiences", "siae"},
                               {"audiences", "porteur-projet"}};

TEST_F(ModerationPages, EveryModeratorWriteSendsAnonymousToSignInRefusesMembersServesModerators) {
    const long long pending =
        submit(alice_, "Une ressource à décider", {{"link", "https://a.fr/x"}});
    const long long to_reject =
        submit(alice_, "Une ressource à refuser", {{"link", "https://a.fr/y"}});
    const long long shown = published("Une ressource publiée");
    const long long hidden = published("Une ressource à rétablir");
    const long long flagged = published("Une ressource signalée");  // hiding resolves flags
    ok("POST", url(hidden, "/hide"), moderator_);
    const long long flag =
        ok("POST", "/api/v1/flags", carol_,
           Json{{"item_kind", "resource"}, {"item_id", flagged}, {"reason", "spam"}}.dump(), 201)
            .value("id", 0LL);
    http_request(port(), "GET", "/api/v1/search?q=" + url_encode("zorglubienne introuvable"));
    const Json misses = ok("GET", "/api/v1/search/misses", moderator_);
    ASSERT_FALSE(misses["misses"].empty()) << misses.dump();
    const long long miss = misses["misses"][0]["id"].get<long long>();
    const std::string carol_id = db_.scalar("SELECT id FROM users WHERE login = 'carol'");
    ok("POST", "/api/v1/tags", moderator_, R"({"slug":"tag-a-fusionner"})", 201);
    ok("POST", "/api/v1/tags", moderator_, R"({"slug":"tag-a-renommer"})", 201);
    ok("POST", "/api/v1/tags", moderator_, R"({"slug":"tag-a-supprimer"})", 201);

    struct Write {
        std::string target;
        Fields fields;
        std::string done;  // SQL whose value changes when the write is done
    };
    const std::vector<Write> writes = {
        {page(pending, "/approuver"),
         {},
         "SELECT status FROM resources WHERE id = " + std::to_string(pending)},
        {page(to_reject, "/rejeter"),
         {{"motif", "Lien mort"}},
         "SELECT status FROM resources WHERE id = " + std::to_string(to_reject)},
        {page(shown, "/masquer"),
         {},
         "SELECT hidden::text FROM resources WHERE id = " + std::to_string(shown)},
        {page(hidden, "/retablir"),
         {},
         "SELECT hidden::text FROM resources WHERE id = " + std::to_string(hidden)},
        {"/moderation/signalements/" + std::to_string(flag) + "/classer",
         {},
         "SELECT status FROM flags WHERE id = " + std::to_string(flag)},
        {"/moderation/recherches/" + std::to_string(miss) + "/classer",
         {},
         "SELECT (dismissed_at IS NULL)::text FROM search_misses WHERE id = " +
             std::to_string(miss)},
        {"/moderation/roles/" + carol_id,
         {{"role", "expert"}},
         "SELECT role FROM users WHERE id = " + carol_id},
        {"/moderation/etiquettes",
         {{"slug", "nouveau-theme"}, {"label", "Nouveau thème"}},
         "SELECT count(*) FROM tags WHERE slug = 'nouveau-theme'"},
        {"/moderation/etiquettes/renommer",
         {{"tag", "tag-a-renommer"}, {"slug", "tag-renomme"}},
         "SELECT count(*) FROM tags WHERE slug = 'tag-renomme'"},
        {"/moderation/etiquettes/fusionner",
         {{"from", "tag-a-fusionner"}, {"into", "tag-a-renommer"}},
         "SELECT count(*) FROM tags WHERE slug = 'tag-a-fusionner'"},
        {"/moderation/etiquettes/tag-a-supprimer/supprimer",
         {},
         "SELECT count(*) FROM tags WHERE slug = 'tag-a-supprimer'"},
    };
    for (const auto& w : writes) {
        const std::string before = db_.scalar(w.done);
        expect_sign_in_redirect(anonymous_->post_form(w.target, w.fields), "anonymous " + w.target);
        expect_error_page(member_->post_form(w.target, w.fields), 403, "member " + w.target);
        EXPECT_EQ(db_.scalar(w.done), before) << w.target;
        HttpResponse r = moderator_page_->post_form(w.target, w.fields);
        EXPECT_EQ(r.status, 303) << w.target << "\n" << r.body.substr(0, 600);
        EXPECT_NE(db_.scalar(w.done), before) << w.target;
    }
    EXPECT_EQ(status_of(pending), "published");
    EXPECT_EQ(status_of(to_reject), "rejected");
    EXPECT_EQ(
        db_.scalar("SELECT reject_reason FROM resources WHERE id = " + std::to_string(to_reject)),
        "Lien mort");

    // The moderators' pages themselves.
    for (const std::string target :
         {"/moderation", "/moderation/journal", "/moderation/roles", "/moderation/etiquettes"}) {
        expect_sign_in_redirect(anonymous_->get(target), "anonymous " + target);
        expect_error_page(member_->get(target), 403, "member " + target);
        EXPECT_EQ(moderator_page_->get(target).status, 200) << target;
    }
    // The journal shows what the pages did.
    const std::string journal = moderator_page_->get("/moderation/journal").body;
    for (const std::string action :
         {"approve", "reject", "hide", "restore", "flag_dismiss", "tag_merge"})
        EXPECT_NE(journal.find(action), std::string::npos) << action;
}

TEST_F(ModerationPages, SubmissionFormIsForMembersAndKeepsItsFileWithItsRow) {
    expect_sign_in_redirect(anonymous_->get("/ressources/nouvelle"), "GET form");
    auto [type, body] = submission(anonymous_->csrf(), kValidResource, "modele.pdf",
                                   make_pdf("Projet insertion modele"));
    expect_sign_in_redirect(anonymous_->post_raw("/ressources/nouvelle", body, type), "POST form");
    const long long before = count("resources");

    auto [mtype, mbody] = submission(member_->csrf(), kValidResource, "modele.pdf",
                                     make_pdf("Projet insertion modele"));
    HttpResponse sent = member_->post_raw("/ressources/nouvelle", mbody, mtype);
    ASSERT_EQ(sent.status, 303) << sent.body;
    const std::string location = sent.header("location");
    ASSERT_EQ(location.rfind("/ressources/", 0), 0u) << location;
    const long long id = std::stoll(location.substr(12));
    EXPECT_EQ(count("resources"), before + 1);
    EXPECT_EQ(status_of(id), "pending");
    EXPECT_EQ(db_.scalar("SELECT file_name || ' ' || file_mime FROM resources WHERE id = " +
                         std::to_string(id)),
              "modele.pdf application/pdf");
    // The author reads the pending resource and downloads its file through the page; nobody else.
    HttpResponse mine = member_->get(location);
    EXPECT_EQ(mine.status, 200);
    EXPECT_NE(mine.body.find("relecture d'un modérateur"), std::string::npos);
    HttpResponse file = member_->get(page(id, "/fichier"));
    EXPECT_EQ(file.status, 200);
    EXPECT_EQ(file.body.rfind("%PDF-", 0), 0u);
    expect_error_page(anonymous_->get(page(id)), 404, "anonymous pending page");
    expect_error_page(anonymous_->get(page(id, "/fichier")), 404, "anonymous pending file");
    // The moderator sees the decision buttons on it and in the queue.
    EXPECT_NE(moderator_page_->get(page(id)).body.find(page(id, "/approuver")), std::string::npos);
    EXPECT_NE(moderator_page_->get("/moderation").body.find(page(id, "/approuver")),
              std::string::npos);
}

TEST_F(ModerationPages, TheQueueLinksEachFlaggedItemToWhereItIsReadAndNamesAHiddenOne) {
    const Json thread =
        ok("POST", "/api/v1/threads", alice_,
           R"({"title":"Question signalée","body":"Un corps assez long pour la question."})", 201);
    const long long thread_id = thread["id"].get<long long>();
    const Json answer = ok("POST", "/api/v1/threads/" + std::to_string(thread_id) + "/answers",
                           carol_, R"({"body":"Une réponse qui sera signalée."})", 201);
    const long long answer_id = answer["id"].get<long long>();
    const long long resource = published("Ressource signalée");
    for (const auto& [kind, id] : std::vector<std::pair<std::string, long long>>{
             {"answer", answer_id}, {"resource", resource}}) {
        ok("POST", "/api/v1/flags", alice_,
           Json{{"item_kind", kind}, {"item_id", id}, {"reason", "spam"}}.dump(), 201);
    }
    // The API names where each is read; the page links there (an answer at its place).
    const Json queue = ok("GET", "/api/v1/moderation/queue", moderator_);
    ASSERT_EQ(queue["flags"].size(), 2u) << queue.dump();
    EXPECT_EQ(queue["flags"][0]["url"], "/api/v1/threads/" + std::to_string(thread_id));
    EXPECT_EQ(queue["flags"][0]["title"], "Question signalée");
    EXPECT_EQ(queue["flags"][1]["url"], url(resource));
    const std::string html = moderator_page_->get("/moderation").body;
    EXPECT_NE(html.find("href=\"/questions/" + std::to_string(thread_id) + "#reponse-" +
                        std::to_string(answer_id) + "\""),
              std::string::npos);
    EXPECT_NE(html.find("href=\"" + page(resource) + "\""), std::string::npos);
    // Hidden meanwhile (its flags stay open here): no link, and said so.
    ASSERT_FALSE(db_.scalar("UPDATE threads SET hidden = true WHERE id = " +
                            std::to_string(thread_id) + " RETURNING id")
                     .empty());
    const Json after = ok("GET", "/api/v1/moderation/queue", moderator_);
    EXPECT_TRUE(after["flags"][0]["url"].is_null()) << after.dump();
    const std::string hidden = moderator_page_->get("/moderation").body;
    EXPECT_NE(hidden.find("(contenu déjà masqué)"), std::string::npos);
    EXPECT_EQ(hidden.find("#reponse-" + std::to_string(answer_id)), std::string::npos);
}

TEST_F(ModerationPages, EveryFormRefusesAPostWithoutItsToken) {
    const long long pending =
        submit(alice_, "Une ressource en attente", {{"link", "https://a.fr/z"}});
    const std::string mona = db_.scalar("SELECT id FROM users WHERE login = 'mona'");
    const std::vector<std::pair<std::string, Fields>> forms = {
        {page(pending, "/approuver"), {}},
        {page(pending, "/rejeter"), {{"motif", "non"}}},
        {page(pending, "/masquer"), {}},
        {page(pending, "/retablir"), {}},
        {"/moderation/signalements/1/classer", {}},
        {"/moderation/recherches/1/classer", {}},
        {"/moderation/roles/" + mona, {{"role", "member"}}},
        {"/moderation/etiquettes", {{"slug", "sans-jeton"}}},
        {"/moderation/etiquettes/renommer", {{"tag", "glossaire"}, {"slug", "x-y"}}},
        {"/moderation/etiquettes/fusionner", {{"from", "a"}, {"into", "b"}}},
        {"/moderation/etiquettes/glossaire/supprimer", {}},
    };
    for (const auto& [target, fields] : forms) {
        expect_error_page(moderator_page_->post_form(target, fields, false), 403,
                          "no token " + target);
        Fields forged = fields;
        forged.emplace_back("csrf", anonymous_->csrf());  // another browser's token
        expect_error_page(moderator_page_->post_form(target, forged, false), 403,
                          "forged " + target);
    }
    const long long before = count("resources");
    auto [type, body] = submission("", kValidResource, "modele.txt", "Un modèle.\n");
    expect_error_page(member_->post_raw("/ressources/nouvelle", body, type), 403, "multipart");
    auto [ftype, fbody] = submission(anonymous_->csrf(), kValidResource, "modele.txt", "Un.\n");
    expect_error_page(member_->post_raw("/ressources/nouvelle", fbody, ftype), 403, "forged");
    EXPECT_EQ(count("resources"), before);
    EXPECT_EQ(status_of(pending), "pending");
    EXPECT_EQ(db_.scalar("SELECT role FROM users WHERE login = 'mona'"), "moderator");
}

TEST_F(ModerationPages, BadInputGetsA4xxPageNeverA500) {
    const long long shown = published("Une ressource publiée pour les erreurs");
    // Unknown or malformed ids, bad query values.
    expect_error_page(anonymous_->get("/ressources/999999"), 404, "unknown resource");
    expect_error_page(anonymous_->get("/ressources/abc"), 400, "non-numeric id");
    expect_error_page(anonymous_->get("/ressources/999999/fichier"), 404, "unknown file");
    expect_error_page(anonymous_->get(page(shown, "/fichier")), 404, "no file");
    expect_error_page(moderator_page_->post_form("/ressources/999999/approuver", {}), 404,
                      "approve");
    expect_error_page(moderator_page_->post_form("/moderation/signalements/999999/classer", {}),
                      404, "unknown flag");
    expect_error_page(moderator_page_->post_form("/moderation/recherches/999999/classer", {}), 404,
                      "unknown miss");
    expect_error_page(moderator_page_->post_form("/moderation/roles/999999", {{"role", "expert"}}),
                      404, "unknown user");
    expect_error_page(moderator_page_->post_form(page(shown, "/approuver"), {}), 409,
                      "not pending");
    expect_error_page(anonymous_->get("/ressources?type=inconnu"), 400, "unknown type");
    expect_error_page(anonymous_->get("/ressources?territory=20"), 400, "bad territory");
    expect_error_page(anonymous_->get("/ressources?type=%01"), 400, "control character");
    expect_error_page(anonymous_->get("/ressources?tag=%FF"), 400, "invalid UTF-8 query");
    expect_error_page(moderator_page_->get("/moderation/roles?q=%C3"), 400, "invalid UTF-8 q");
    expect_error_page(moderator_page_->get("/moderation/journal?page=0"), 400, "page 0");
    // Control characters and invalid UTF-8 in forms.
    HttpResponse control =
        moderator_page_->post_form("/moderation/etiquettes", {{"slug", "a\x01"}});
    expect_error_page(control, 400, "control character in form");
    HttpResponse utf8 = moderator_page_->post_raw(
        "/moderation/etiquettes", "csrf=" + moderator_page_->csrf() + "&slug=%FF%FE",
        "application/x-www-form-urlencoded");
    expect_error_page(utf8, 400, "invalid UTF-8 in form");
    auto [ctype, cbody] =
        submission(member_->csrf(), {{"title", "Titre\x07 avec cloche"}}, "a.txt", "texte\n");
    expect_error_page(member_->post_raw("/ressources/nouvelle", cbody, ctype), 400,
                      "control character in multipart");

    // The reject reason is required: said beside the field.
    const long long pending =
        submit(alice_, "Une ressource sans motif", {{"link", "https://a.fr/m"}});
    HttpResponse no_reason =
        moderator_page_->post_form(page(pending, "/rejeter"), {{"motif", " "}});
    EXPECT_EQ(no_reason.status, 400);
    EXPECT_NE(no_reason.body.find("id=\"motif-erreur\""), std::string::npos);
    EXPECT_EQ(status_of(pending), "pending");

    // Tag changes refused for a reason shown on the page.
    HttpResponse bad_slug =
        moderator_page_->post_form("/moderation/etiquettes", {{"slug", "Pas Bon"}});
    EXPECT_EQ(bad_slug.status, 400);
    EXPECT_NE(bad_slug.body.find("id=\"erreur\""), std::string::npos);
    HttpResponse unknown = moderator_page_->post_form(
        "/moderation/etiquettes/fusionner", {{"from", "inexistant-x"}, {"into", "glossaire"}});
    EXPECT_GE(unknown.status, 400);
    EXPECT_LT(unknown.status, 500);

    // The last moderator cannot step down: 409, said on the roles page.
    const std::string mona = db_.scalar("SELECT id FROM users WHERE login = 'mona'");
    ASSERT_EQ(moderator_page_->post_form("/moderation/roles/" + mona, {{"role", "member"}}).status,
              303);
    const std::string self = db_.scalar("SELECT id FROM users WHERE email = 'modo@example.org'");
    HttpResponse last =
        moderator_page_->post_form("/moderation/roles/" + self, {{"role", "member"}});
    EXPECT_EQ(last.status, 409);
    EXPECT_NE(last.body.find("id=\"erreur\""), std::string::npos);
    EXPECT_EQ(db_.scalar("SELECT role FROM users WHERE id = " + self), "moderator");
}

TEST_F(ModerationPages, BadFilesAreRefusedWithA4xxPageAndNothingIsStored) {
    const long long before = count("resources");
    const auto files_before = stored_files().size();
    std::ifstream exe("/bin/true", std::ios::binary);
    const std::string executable((std::istreambuf_iterator<char>(exe)), {});
    // An executable renamed .pdf: the form again, the reason beside the file field.
    auto [etype, ebody] = submission(member_->csrf(), kValidResource, "guide.pdf", executable);
    ASSERT_LT(ebody.size(), 65536u);
    HttpResponse refused = member_->post_raw("/ressources/nouvelle", ebody, etype);
    EXPECT_EQ(refused.status, 415) << refused.body.substr(0, 300);
    EXPECT_EQ(refused.header("content-type").rfind("text/html", 0), 0u);
    EXPECT_NE(refused.body.find("id=\"file-erreur\""), std::string::npos);
    EXPECT_NE(refused.body.find("value=\"Modèle de projet d'insertion\""), std::string::npos)
        << "the typed title is kept";
    // Over the size cap (the file alone, then the whole body): the 413 page.
    auto [otype, obody] =
        submission(member_->csrf(), kValidResource, "gros.txt", std::string(70000, 'a'));
    expect_error_page(member_->post_raw("/ressources/nouvelle", obody, otype), 413, "file cap");
    auto [ftype, fbody] =
        submission(member_->csrf(), kValidResource, "enorme.txt", std::string(300000, 'a'));
    expect_error_page(member_->post_raw("/ressources/nouvelle", fbody, ftype), 413, "body cap");
    // Fields the API refuses: each error beside its field, in one answer.
    auto [btype, bbody] = submission(
        member_->csrf(), {{"title", "Court"}, {"type", "inconnu"}, {"link", "javascript:alert(1)"}},
        "", "");
    HttpResponse fields = member_->post_raw("/ressources/nouvelle", bbody, btype);
    EXPECT_EQ(fields.status, 400);
    for (const std::string id : {"title-erreur", "type-erreur", "link-erreur"})
        EXPECT_NE(fields.body.find("id=\"" + id + "\""), std::string::npos) << id;
    EXPECT_EQ(count("resources"), before);
    EXPECT_EQ(stored_files().size(), files_before);
}

}  // namespace
}  // namespace kb::test
