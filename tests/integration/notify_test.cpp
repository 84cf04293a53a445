/// @brief Routing questions to experts and telling askers, over HTTP against the real server and
/// a real SMTP server (aiosmtpd): who is chosen (match, cap, least recently solicited first,
/// never the asker, not those who opted out), the asker's notices, retries while the SMTP server
/// is down, a notification that survives SIGKILL, daily digests and the spool folder.
#include "accounts.hpp"
#include "api_assertions.hpp"
#include "http_client.hpp"
#include "polling.hpp"
#include "process.hpp"
#include "smtp_sink.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <set>
#include <thread>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace kb::test {
namespace {

using Json = nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kPublicUrl = "https://passerelle.example";

class Notify : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(run_indexer(db_.url(), index_.path(), {fixture_kb_dir()}).exit_code, 0);
        // Questions take only tags of the controlled vocabulary: the topics used here.
        (void)db_.scalar(
            "INSERT INTO tags (slug, label) VALUES ('mobilite', 'Mobilité'), "
            "('insertion', 'Insertion') ON CONFLICT (slug) DO NOTHING RETURNING slug");
    }

    // A service sending through `smtp_url` (none: the spool), with extra options.
    void start(const std::string& smtp_url, std::vector<std::string> extra = {}) {
        std::vector<std::string> args = {
            "--rate-limits", "false", "--public-url", kPublicUrl, "--notify-retry-base-ms", "200"};
        if (!smtp_url.empty()) args.insert(args.end(), {"--smtp-url", smtp_url});
        args.insert(args.end(), extra.begin(), extra.end());
        service_ = std::make_unique<ServiceProcess>(db_.url(), index_.path(), args);
    }

    Json call(const std::string& method, const std::string& target, const std::string& token,
              const Json& body, int expected) {
        const auto r = http_request(service_->port(), method, target, body.dump(),
                                    {{"Authorization", "Bearer " + token}});
        return expect_json(r, expected, method + " " + target);
    }

    // A user with an address <login>@example.org and this profile (notify_mode among others).
    std::string user(const std::string& login, const std::string& role, Json profile = {}) {
        const std::string token = create_user_with_token(db_.url(), login, login, role);
        profile["contact_email"] = login + "@example.org";
        call("PUT", "/api/v1/me/profile", token, profile, 200);
        return token;
    }

    long long ask(const std::string& token, const std::string& title,
                  const Json& extra = Json::object()) {
        Json body = {{"title", title}, {"body", "Le détail de la question « " + title + " »."}};
        body.update(extra);
        return call("POST", "/api/v1/threads", token, body, 201)["id"].get<long long>();
    }

    // Logins (sorted) that a kind of notification about the thread was queued for.
    std::string queued_for(long long thread, const std::string& kind = "question") {
        return db_.scalar(
            "SELECT coalesce(string_agg(u.login, ',' ORDER BY u.login), '') FROM notifications n "
            "JOIN users u ON u.id = n.recipient_id WHERE n.kind = '" +
            kind + "' AND n.thread_id = " + std::to_string(thread));
    }

    // Waits until the SMTP server holds `count` messages, then a little longer to see that no
    // more come; returns them.
    std::vector<Json> messages_once(std::size_t count) {
        EXPECT_TRUE(
            poll_until([&] { return received_messages(mail_.path()).size() >= count; }, 15000ms))
            << service_->log();
        std::this_thread::sleep_for(700ms);  // several sender rounds
        return received_messages(mail_.path());
    }

    static std::multiset<std::string> recipients(const std::vector<Json>& messages) {
        std::multiset<std::string> to;
        for (const auto& m : messages) to.insert(m["rcpt_tos"][0].get<std::string>());
        return to;
    }

    TestDatabase db_;
    TempDir index_;
    TempDir mail_;
    std::unique_ptr<ServiceProcess> service_;
};

TEST_F(Notify, MatchingExpertsAreToldNeverTheAskerNorThoseWhoOptedOut) {
    SmtpSink smtp(mail_.path());
    start(smtp.url());
    const Json aci = {{"structure_type", "ACI"}};
    const std::string asker = user("asker", "expert", aci);  // matches, but asks
    user("by-type", "expert", aci);
    user("by-territory", "expert", {{"territory", "59"}});
    user("by-topic", "expert", {{"topics", {"mobilite", "logement"}}});
    user("elsewhere", "expert", {{"structure_type", "EI"}, {"territory", "75"}, {"topics", {"x"}}});
    user("opted-out", "expert", {{"structure_type", "ACI"}, {"notify_mode", "none"}});
    user("member", "member", aci);  // not an expert
    const long long id =
        ask(asker, "Aide à la mobilité des salariés",
            {{"structure_type", "ACI"}, {"territory", "59"}, {"tags", {"mobilite"}}});

    EXPECT_EQ(queued_for(id), "by-territory,by-topic,by-type");
    const auto messages = messages_once(3);
    EXPECT_EQ(recipients(messages),
              (std::multiset<std::string>{"by-territory@example.org", "by-topic@example.org",
                                          "by-type@example.org"}));
    const std::string url = std::string(kPublicUrl) + "/api/v1/threads/" + std::to_string(id);
    for (const auto& m : messages) {
        EXPECT_EQ(m["subject"], "Une question vous attend : Aide à la mobilité des salariés");
        EXPECT_NE(m["text"].get<std::string>().find(url), std::string::npos) << m.dump();
        EXPECT_EQ(m["mail_from"], "passerelle@localhost");
    }
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM notifications WHERE sent_at IS NULL"), "0");
}

TEST_F(Notify, AtMostTheCapLeastRecentlySolicitedFirst) {
    SmtpSink smtp(mail_.path());
    start(smtp.url(), {"--notify-max-experts", "2"});
    const std::string asker = user("asker", "member");
    for (const char* login : {"e1", "e2", "e3"}) user(login, "expert", {{"territory", "13"}});
    const Json where = {{"territory", "13"}};
    EXPECT_EQ(queued_for(ask(asker, "Première question", where)), "e1,e2");
    EXPECT_EQ(queued_for(ask(asker, "Deuxième question", where)), "e1,e3");   // e3 never asked
    EXPECT_EQ(queued_for(ask(asker, "Troisième question", where)), "e2,e3");  // e1 most recent
    const auto messages = messages_once(6);
    EXPECT_EQ(messages.size(), 6U);
    EXPECT_EQ(recipients(messages).count("e1@example.org"), 2U);
}

TEST_F(Notify, TheAskerIsToldOfAnAnswerAndOfAnAcceptance) {
    SmtpSink smtp(mail_.path());
    start(smtp.url());
    const std::string asker = user("asker", "member");
    const std::string expert = create_user_with_token(db_.url(), "expert", "Expert", "expert");
    const std::string moderator = create_user_with_token(db_.url(), "mod", "Mod", "moderator");
    const long long id = ask(asker, "Renouveler un agrément");
    const std::string answers = "/api/v1/threads/" + std::to_string(id) + "/answers";
    const long long answer =
        call("POST", answers, expert, {{"body", "Voici comment faire."}}, 201)["id"];
    call("POST", answers, asker, {{"body", "Précision de ma part."}}, 201);  // own: no notice
    const std::string accept = "/api/v1/threads/" + std::to_string(id) + "/accept";
    call("POST", accept, moderator, {{"answer_id", answer}}, 200);

    const auto messages = messages_once(2);
    ASSERT_EQ(messages.size(), 2U);
    EXPECT_EQ(messages[0]["rcpt_tos"][0], "asker@example.org");
    EXPECT_EQ(messages[0]["subject"], "Nouvelle réponse à votre question : Renouveler un agrément");
    EXPECT_EQ(messages[1]["rcpt_tos"][0], "asker@example.org");
    EXPECT_EQ(messages[1]["subject"], "Une réponse a été acceptée : Renouveler un agrément");

    // Accepting it oneself tells nobody more.
    call("POST", accept, asker, {{"answer_id", answer}}, 200);
    EXPECT_EQ(queued_for(id, "accepted"), "asker");
}

TEST_F(Notify, AnSmtpServerThatIsDownIsRetriedThenDeliveredOnce) {
    int port = 0;
    {
        SmtpSink probe(mail_.path());  // a free port, then nobody listening on it
        port = probe.port();
    }
    start("smtp://127.0.0.1:" + std::to_string(port));
    const std::string asker = user("asker", "member");
    user("expert", "expert", {{"territory", "33"}});
    const long long id = ask(asker, "Question pendant la panne", {{"territory", "33"}});
    const std::string row = "FROM notifications WHERE thread_id = " + std::to_string(id);
    ASSERT_TRUE(
        poll_until([&] { return db_.scalar("SELECT attempts >= 2 " + row) == "t"; }, 10000ms))
        << service_->log();
    EXPECT_EQ(db_.scalar("SELECT sent_at IS NULL " + row), "t");
    EXPECT_NE(db_.scalar("SELECT coalesce(last_error, '') " + row), "");
    EXPECT_NE(service_->log().find("notification_failed"), std::string::npos);

    SmtpSink smtp(mail_.path(), port);
    const auto messages = messages_once(1);
    EXPECT_EQ(messages.size(), 1U);
    ASSERT_TRUE(poll_until([&] { return db_.scalar("SELECT sent_at IS NOT NULL " + row) == "t"; }));
    EXPECT_EQ(db_.scalar("SELECT last_error IS NULL " + row), "t");
    std::this_thread::sleep_for(1000ms);
    EXPECT_EQ(received_messages(mail_.path()).size(), 1U);  // nothing sent twice
    // The operators see it too.
    const std::string metrics = http_request(service_->port(), "GET", "/metrics").body;
    EXPECT_NE(metrics.find("\nkb_notifications_sent_total 1\n"), std::string::npos) << metrics;
    EXPECT_EQ(metrics.find("\nkb_notifications_failed_total 0\n"), std::string::npos);
    EXPECT_EQ(metrics.find("\nkb_notifications_failed_total 1\n"), std::string::npos);
    EXPECT_NE(metrics.find("\nkb_notifications_failed_total "), std::string::npos);
}

// A server that accepts connections and never speaks: each delivery times out.
TEST_F(Notify, AnSmtpServerThatTimesOutIsRetriedThenDeliveredOnce) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    ASSERT_EQ(::listen(fd, 16), 0);  // the kernel completes handshakes; nobody answers
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    const int port = ntohs(address.sin_port);
    start("smtp://127.0.0.1:" + std::to_string(port), {"--smtp-timeout-ms", "300"});
    const std::string asker = user("asker", "member");
    user("expert", "expert", {{"territory", "69"}});
    const long long id = ask(asker, "Question sans réponse du serveur", {{"territory", "69"}});
    const std::string row = "FROM notifications WHERE thread_id = " + std::to_string(id);
    ASSERT_TRUE(
        poll_until([&] { return db_.scalar("SELECT attempts >= 1 " + row) == "t"; }, 10000ms))
        << service_->log();
    EXPECT_NE(db_.scalar("SELECT last_error " + row).find("imeout"), std::string::npos)
        << db_.scalar("SELECT last_error " + row);
    EXPECT_EQ(db_.scalar("SELECT sent_at IS NULL " + row), "t");
    ::close(fd);

    SmtpSink smtp(mail_.path(), port);
    EXPECT_EQ(messages_once(1).size(), 1U);
    ASSERT_TRUE(poll_until([&] { return db_.scalar("SELECT sent_at IS NOT NULL " + row) == "t"; }));
}

TEST_F(Notify, OptingOutDropsWhatWasStillQueued) {
    SmtpSink smtp(mail_.path());
    start(smtp.url(), {"--test-notify-delay-ms", "1500"});
    const std::string asker = user("asker", "member");
    const std::string expert = user("expert", "expert", {{"territory", "31"}});
    const long long id = ask(asker, "Question trop tardive", {{"territory", "31"}});
    EXPECT_EQ(queued_for(id), "expert");
    call("PUT", "/api/v1/me/profile", expert, {{"notify_mode", "none"}}, 200);
    const std::string row = "FROM notifications WHERE thread_id = " + std::to_string(id);
    ASSERT_TRUE(
        poll_until([&] { return db_.scalar("SELECT cancelled_at IS NOT NULL " + row) == "t"; }));
    EXPECT_EQ(db_.scalar("SELECT sent_at IS NULL " + row), "t");
    EXPECT_TRUE(received_messages(mail_.path()).empty());
}

TEST_F(Notify, ANotificationSurvivesSigkillBetweenCommitAndSending) {
    SmtpSink smtp(mail_.path());
    start(smtp.url(), {"--test-notify-delay-ms", "60000"});
    const std::string asker = user("asker", "member");
    user("expert", "expert", {{"topics", {"insertion"}}});
    const long long id = ask(asker, "Question avant la panne", {{"tags", {"insertion"}}});
    EXPECT_EQ(queued_for(id), "expert");
    service_->kill_hard();
    EXPECT_TRUE(received_messages(mail_.path()).empty());

    start(smtp.url());
    const auto messages = messages_once(1);
    ASSERT_EQ(messages.size(), 1U);
    EXPECT_EQ(messages[0]["rcpt_tos"][0], "expert@example.org");
    EXPECT_EQ(messages[0]["subject"], "Une question vous attend : Question avant la panne");
}

TEST_F(Notify, DailyDigestsGroupTheDaysQuestions) {
    SmtpSink smtp(mail_.path());
    start(smtp.url());
    const std::string asker = user("asker", "member");
    user("daily", "expert", {{"structure_type", "AI"}, {"notify_mode", "daily"}});
    user("now", "expert", {{"structure_type", "AI"}});
    const Json ai = {{"structure_type", "AI"}};
    const long long first = ask(asker, "Premier sujet du jour", ai);
    const long long second = ask(asker, "Second sujet du jour", ai);
    auto messages = messages_once(2);  // the immediate expert's; the daily one waits
    EXPECT_EQ(recipients(messages),
              (std::multiset<std::string>{"now@example.org", "now@example.org"}));

    auto digest = [&] {
        return run_command(service_binary(),
                           {"admin", "send-digests", "--database-url", db_.url()});
    };
    auto run = digest();
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.out, "digests: 1 queued\n");
    messages = messages_once(3);
    ASSERT_EQ(messages.size(), 3U);
    const Json& sent = messages[2];
    EXPECT_EQ(sent["rcpt_tos"][0], "daily@example.org");
    EXPECT_EQ(sent["subject"], "Questions du jour pour vous : 2");
    const std::string text = sent["text"];
    for (long long id : {first, second}) {
        EXPECT_NE(text.find("/api/v1/threads/" + std::to_string(id)), std::string::npos) << text;
    }
    EXPECT_NE(text.find("Premier sujet du jour"), std::string::npos);
    EXPECT_NE(text.find("Second sujet du jour"), std::string::npos);

    // The next day's digest holds only what came after.
    ask(asker, "Sujet du lendemain", ai);
    messages_once(4);
    run = digest();
    EXPECT_EQ(run.out, "digests: 1 queued\n");
    messages = messages_once(5);
    ASSERT_EQ(messages.size(), 5U);
    EXPECT_EQ(messages[4]["subject"], "Questions du jour pour vous : 1");
    EXPECT_EQ(messages[4]["text"].get<std::string>().find("Premier sujet"), std::string::npos);
    EXPECT_EQ(digest().out, "digests: 0 queued\n");
}

TEST_F(Notify, WithoutSmtpServerMessagesGoToTheSpoolFolder) {
    TempDir spool;
    start("", {"--mail-spool-dir", spool.path().string()});
    EXPECT_NE(service_->log().find("mail_spool"), std::string::npos);
    const std::string asker = user("asker", "member");
    user("expert", "expert", {{"territory", "2A"}});
    ask(asker, "Question en développement", {{"territory", "2A"}});
    std::vector<std::filesystem::path> files;
    ASSERT_TRUE(poll_until([&] {
        files.clear();
        for (const auto& e : std::filesystem::directory_iterator(spool.path()))
            if (e.path().extension() == ".eml") files.push_back(e.path());
        return !files.empty();
    }));
    const std::string eml = read_file(files.front());
    EXPECT_NE(eml.find("To: expert@example.org\r\n"), std::string::npos) << eml;
    EXPECT_NE(eml.find("Subject: =?UTF-8?B?"), std::string::npos) << eml;
}

TEST_F(Notify, TheProfileCarriesTheNotifyMode) {
    start("");
    const std::string token = create_user_with_token(db_.url(), "alice", "Alice", "expert");
    EXPECT_EQ(call("GET", "/api/v1/me", token, nullptr, 200)["notify_mode"], "immediate");
    EXPECT_EQ(
        call("PUT", "/api/v1/me/profile", token, {{"notify_mode", "daily"}}, 200)["notify_mode"],
        "daily");
    const auto r = http_request(service_->port(), "PUT", "/api/v1/me/profile",
                                Json{{"notify_mode", "weekly"}}.dump(),
                                {{"Authorization", "Bearer " + token}});
    expect_problem(r, 400, "invalid_parameter");
    EXPECT_EQ(call("GET", "/api/v1/me", token, nullptr, 200)["notify_mode"], "daily");
}

}  // namespace
}  // namespace kb::test
