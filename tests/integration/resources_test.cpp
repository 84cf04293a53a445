/// @brief The resource library over HTTP against the real server, PostgreSQL, Xapian and files:
/// the authorisation matrix, the life cycle into and out of search, versions, files served,
/// concurrent moderation, a crash between a file's write and its row's commit, the audit log.
#include "resource_fixture.hpp"

#include <pqxx/pqxx>

#include <atomic>
#include <thread>

namespace kb::test {
namespace {

TEST_F(Resources, AuthorisationMatrixOfEveryWriteRoute) {
    const long long mine = published("Modèle de convention de la matrice");
    const std::string txt_a = "Premier fichier texte de la matrice.\n";
    const std::string txt_b = "Second fichier texte de la matrice.\n";
    struct Case {
        std::string name;
        std::function<HttpResponse(const std::string& token)> run;
        int anonymous, owner, non_owner, expert, moderator;
    };
    // Each moderation route acts on its own pending resource of Alice (the owner).
    const long long to_approve = submit(alice_, "À approuver", {{"link", "https://a.example"}});
    const long long to_reject =
        submit(alice_, "Ressource à refuser", {{"link", "https://b.example"}});
    const long long to_hide = published("Ressource à masquer");
    const long long to_restore = published("À rétablir");
    ok("POST", url(to_restore, "/hide"), moderator_);
    ok("PATCH", url(mine), alice_, R"({"summary":"Une version à garder"})");
    const std::string version = db_.scalar(
        "SELECT max(id) FROM resource_versions WHERE resource_id = " + std::to_string(mine));
    int file_turn = 0;
    const std::vector<Case> cases = {
        {"submit",
         [&](const std::string& t) {
             return call("POST", "/api/v1/resources", t,
                         R"({"title":"Titre valable","type":"autre"})");
         },
         401, 201, 201, 201, 201},
        {"edit",
         [&](const std::string& t) {
             return call("PATCH", url(mine), t, R"({"summary":"Résumé modifié"})");
         },
         401, 200, 403, 403, 200},
        {"file",
         [&](const std::string& t) {
             return upload(mine, t, "notes.txt", ++file_turn % 2 ? txt_a : txt_b);
         },
         401, 200, 403, 403, 200},
        {"approve",
         [&](const std::string& t) { return call("POST", url(to_approve, "/approve"), t); }, 401,
         403, 403, 403, 200},
        {"reject",
         [&](const std::string& t) {
             return call("POST", url(to_reject, "/reject"), t, R"({"reason":"Doublon"})");
         },
         401, 403, 403, 403, 200},
        {"hide", [&](const std::string& t) { return call("POST", url(to_hide, "/hide"), t); }, 401,
         403, 403, 403, 200},
        {"restore",
         [&](const std::string& t) { return call("POST", url(to_restore, "/restore"), t); }, 401,
         403, 403, 403, 200},
        {"versions", [&](const std::string& t) { return call("GET", url(mine, "/versions"), t); },
         401, 403, 403, 403, 200},
        {"restore version",
         [&](const std::string& t) {
             return call("POST", url(mine, "/versions/" + version + "/restore"), t);
         },
         401, 403, 403, 403, 200},
        {"create tag",
         [&](const std::string& t) {
             return call("POST", "/api/v1/tags", t, R"({"slug":"matrice","label":"Matrice"})");
         },
         401, 403, 403, 403, 201},
        {"edit tag",
         [&](const std::string& t) {
             return call("PATCH", "/api/v1/tags/matrice", t, R"({"label":"Matrices"})");
         },
         401, 403, 403, 403, 200},
        {"merge tag",
         [&](const std::string& t) {
             return call("POST", "/api/v1/tags/matrice/merge", t, R"({"into":"glossaire"})");
         },
         401, 403, 403, 403, 200},
        {"delete tag",
         [&](const std::string& t) {
             call("POST", "/api/v1/tags", moderator_, R"({"slug":"jetable","label":"Jetable"})");
             return call("DELETE", "/api/v1/tags/jetable", t);
         },
         401, 403, 403, 403, 204},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(c.run("").status, c.anonymous) << c.name << " anonymous";
        EXPECT_EQ(c.run(alice_).status, c.owner) << c.name << " owner";
        EXPECT_EQ(c.run(carol_).status, c.non_owner) << c.name << " non-owner";
        EXPECT_EQ(c.run(expert_).status, c.expert) << c.name << " expert";
        EXPECT_EQ(c.run(moderator_).status, c.moderator) << c.name << " moderator";
    }
    // A pending resource is nobody's business but its author's and the moderators'.
    const long long pending = submit(alice_, "En attente", {{"link", "https://c.example"}});
    EXPECT_EQ(call("GET", url(pending), "").status, 404);
    EXPECT_EQ(call("GET", url(pending), carol_).status, 404);
    EXPECT_EQ(call("PATCH", url(pending), carol_, R"({"summary":"x"})").status, 404);
    EXPECT_EQ(call("GET", url(pending), alice_).status, 200);
    EXPECT_EQ(call("GET", url(pending), moderator_).status, 200);
}

TEST_F(Resources, LifeCycleFromSubmissionToSearchByAPhraseInsideThePdfAndOut) {
    const long long id = submit(alice_, "Trame de projet d'insertion",
                                {{"summary", "Une trame à compléter."},
                                 {"audiences", {"porteur-projet", "siae"}},
                                 {"licence", "cc-by-sa-4.0"},
                                 {"type", "guide-methode"}});
    Json created = ok("GET", url(id), alice_);
    EXPECT_EQ(created["status"], "pending");
    EXPECT_EQ(created["licence"], "cc-by-sa-4.0");
    HttpResponse up = upload(id, alice_, "trame.pdf",
                             make_pdf("Le capybara fluorescent mesure les sorties dynamiques"));
    ASSERT_EQ(up.status, 200) << up.body;
    EXPECT_EQ(Json::parse(up.body)["file"]["mime_type"], "application/pdf");
    ASSERT_EQ(wait_extraction(id), "done");
    // Pending: not listed publicly, not searchable.
    EXPECT_EQ(ok("GET", "/api/v1/resources", "")["total"], 0);
    EXPECT_TRUE(eventually_found("capybara fluorescent", id, false, "", 200));

    ok("POST", url(id, "/approve"), moderator_);
    EXPECT_TRUE(eventually_found("capybara fluorescent", id, true, "", 1000));
    EXPECT_TRUE(eventually_found("capybara fluorescent", id, true,
                                 "&type=guide-methode&licence=cc-by-sa-4.0&audience=siae"));
    EXPECT_TRUE(eventually_found("capybara fluorescent", id, false, "&type=annuaire", 200));
    Json search =
        Json::parse(http_request(port(), "GET", "/api/v1/search?q=capybara&kind=resource").body);
    EXPECT_EQ(search["facets"]["type"][0]["value"], "guide-methode");
    EXPECT_EQ(search["facets"]["licence"][0]["value"], "cc-by-sa-4.0");
    EXPECT_EQ(search["facets"]["audience"].size(), 2u);
    EXPECT_EQ(ok("GET", "/api/v1/resources?audience=siae", "")["total"], 1);

    ok("POST", url(id, "/hide"), moderator_);
    EXPECT_TRUE(eventually_found("capybara fluorescent", id, false, "", 1000));
    EXPECT_EQ(call("GET", url(id), "").status, 404);
    EXPECT_EQ(call("GET", url(id, "/file"), "").status, 404);
    ok("POST", url(id, "/restore"), moderator_);
    EXPECT_TRUE(eventually_found("capybara fluorescent", id, true, "", 1000));
}

TEST_F(Resources, RejectedWithAReasonTheAuthorSeesThenResubmittedByAnEdit) {
    const long long id =
        submit(alice_, "Annuaire incomplet", {{"link", "https://annuaire.example"}});
    ok("POST", url(id, "/reject"), moderator_, R"({"reason":"Il manque les SIAE du Nord."})");
    Json seen = ok("GET", url(id), alice_);
    EXPECT_EQ(seen["status"], "rejected");
    EXPECT_EQ(seen["reject_reason"], "Il manque les SIAE du Nord.");
    Json edited = ok("PATCH", url(id), alice_, R"({"summary":"Avec le Nord."})");
    EXPECT_EQ(edited["status"], "pending");
    EXPECT_TRUE(edited["reject_reason"].is_null());
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM resource_versions"), "0");
}

TEST_F(Resources, AnEditOfAPublishedResourceStaysPublishedAndAVersionCanBeRestored) {
    const long long id = published("Simulateur d'aide au poste", {{"type", "simulateur-tableur"}});
    Json edited = ok("PATCH", url(id), alice_,
                     R"({"title":"Simulateur d'aide au poste 2026","link":"https://v2.example"})");
    EXPECT_EQ(edited["status"], "published");
    EXPECT_EQ(edited["version_count"], 1);
    Json versions = ok("GET", url(id, "/versions"), moderator_);
    ASSERT_EQ(versions["versions"].size(), 1u);
    EXPECT_EQ(versions["versions"][0]["title"], "Simulateur d'aide au poste");
    const long long version = versions["versions"][0]["id"];
    Json restored =
        ok("POST", url(id, "/versions/" + std::to_string(version) + "/restore"), moderator_);
    EXPECT_EQ(restored["title"], "Simulateur d'aide au poste");
    EXPECT_EQ(restored["status"], "published");
    EXPECT_EQ(restored["version_count"], 2);
    EXPECT_TRUE(eventually_found("simulateur aide poste", id));
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM moderation_log WHERE action = 'restore_version'"),
              "1");
}

TEST_F(Resources, FilesAreServedAsAttachmentsWithTheirTypeAndAnEtag) {
    const long long id = published("Grille d'analyse financière");
    const std::string csv = "poste;montant\naide au poste;12000\n";
    // Raw body with ?filename= (percent-encoded accents and spaces).
    HttpResponse raw = call("POST", url(id, "/file?filename=grille%20financi%C3%A8re.csv"), alice_,
                            csv, {{"Content-Type", "application/octet-stream"}});
    ASSERT_EQ(raw.status, 200) << raw.body;
    HttpResponse file = call("GET", url(id, "/file"), "");
    ASSERT_EQ(file.status, 200);
    EXPECT_EQ(file.body, csv);
    EXPECT_EQ(file.header("content-type"), "text/csv");
    EXPECT_EQ(file.header("x-content-type-options"), "nosniff");
    EXPECT_EQ(file.header("content-disposition"),
              "attachment; filename=\"grille financi__re.csv\"; "
              "filename*=UTF-8''grille%20financi%C3%A8re.csv");
    const std::string etag = file.header("etag");
    EXPECT_EQ(etag, "\"" + Json::parse(raw.body)["file"]["sha256"].get<std::string>() + "\"");
    HttpResponse again = call("GET", url(id, "/file"), "", "", {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
    // The same content again changes nothing and stores nothing more.
    const auto before = stored_files().size();
    EXPECT_EQ(upload(id, alice_, "grille.csv", csv).status, 200);
    EXPECT_EQ(stored_files().size(), before);
    EXPECT_EQ(ok("GET", url(id), "")["download_count"], 1);
}

TEST_F(Resources, TwoModeratorsApprovingAtOnceOneWinsTheOtherGets409) {
    for (int round = 0; round < 5; ++round) {
        const long long id = submit(alice_, "Course numéro " + std::to_string(round),
                                    {{"link", "https://course.example"}});
        std::atomic<int> ok_count{0}, conflicts{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < 2; ++i) {
            threads.emplace_back([&] {
                const int status = call("POST", url(id, "/approve"), moderator_).status;
                (status == 200 ? ok_count : conflicts)++;
                EXPECT_TRUE(status == 200 || status == 409) << status;
            });
        }
        for (auto& t : threads) t.join();
        EXPECT_EQ(ok_count.load(), 1);
        EXPECT_EQ(conflicts.load(), 1);
        EXPECT_EQ(db_.scalar("SELECT count(*) FROM moderation_log WHERE action = 'approve' AND "
                             "item_id = '" +
                             std::to_string(id) + "'"),
                  "1");
    }
}

TEST_F(Resources, KilledBetweenTheFileWriteAndTheCommitLeavesNoOrphanAndNoHalfFile) {
    start({"--test-file-commit-delay-ms", "4000"});
    const long long id = submit(alice_, "Fichier interrompu");
    std::thread uploader([&] { upload(id, alice_, "note.txt", "Texte jamais enregistré.\n"); });
    // Wait until the file is in place, then kill before the row is committed.
    bool written = false;
    for (int i = 0; i < 200 && !written; ++i) {
        for (const auto& f : stored_files())
            written = written || f.parent_path().filename() != "tmp";
        if (!written) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_TRUE(written);
    service_->kill_hard();
    uploader.join();
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM resources WHERE file_sha256 IS NOT NULL"), "0");
    start();
    EXPECT_TRUE(stored_files().empty());  // the orphan went at start
    EXPECT_TRUE(ok("GET", url(id), alice_)["file"].is_null());
    EXPECT_EQ(call("GET", url(id, "/file"), alice_).status, 404);
}

TEST_F(Resources, TheModerationLogRefusesUpdateAndDeleteIssuedInSql) {
    const long long id = published("Acte journalisé");
    ASSERT_EQ(db_.scalar("SELECT count(*) FROM moderation_log WHERE item_id = '" +
                         std::to_string(id) + "'"),
              "1");
    pqxx::connection c(db_.url());
    for (const std::string sql : {"UPDATE moderation_log SET reason = 'effacé'",
                                  "DELETE FROM moderation_log", "TRUNCATE moderation_log"}) {
        pqxx::work tx(c);
        EXPECT_THROW(tx.exec(sql), pqxx::sql_error) << sql;
    }
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM moderation_log WHERE reason IS NULL"), "1");
}

TEST_F(Resources, AFileWhoseTextCannotBeExtractedIsStillPublishedAndSaysSoToModerators) {
    const long long id = submit(alice_, "Rapport d'activité illisible");
    const std::string broken = "%PDF-1.4\nce n'est pas un vrai corps de PDF\n%%EOF\n";
    ASSERT_EQ(upload(id, alice_, "rapport.pdf", broken).status, 200);
    ASSERT_EQ(wait_extraction(id), "failed");
    Json seen = ok("GET", url(id), moderator_);
    EXPECT_FALSE(seen["extraction_error"].get<std::string>().empty());
    EXPECT_FALSE(ok("GET", url(id), alice_).contains("extraction_error"));
    ok("POST", url(id, "/approve"), moderator_);
    EXPECT_TRUE(eventually_found("rapport activité illisible", id));
}

TEST_F(Resources, TheTextOfAnOfficeDocumentIsSearchable) {
    const long long id = submit(alice_, "Modèle de CDDI");
    ASSERT_EQ(upload(id, alice_, "cddi.docx", make_docx("clause ornithorynque saisonnière")).status,
              200);
    ASSERT_EQ(wait_extraction(id), "done");
    ok("POST", url(id, "/approve"), moderator_);
    EXPECT_TRUE(eventually_found("ornithorynque", id));
}

}  // namespace
}  // namespace kb::test
