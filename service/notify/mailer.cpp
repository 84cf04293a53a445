/// @brief The two mail transports and the message format they share.
#include "mailer.hpp"

#include <atomic>

#include <curl/curl.h>

#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <mutex>
#include <random>

namespace kb {

namespace {

std::string base64(const std::string& data) {
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < data.size(); i += 3) {
        const unsigned n = (static_cast<unsigned char>(data[i]) << 16) |
                           (static_cast<unsigned char>(data[i + 1]) << 8) |
                           static_cast<unsigned char>(data[i + 2]);
        out += {kAlphabet[(n >> 18) & 63], kAlphabet[(n >> 12) & 63], kAlphabet[(n >> 6) & 63],
                kAlphabet[n & 63]};
    }
    if (i + 1 == data.size()) {
        const unsigned n = static_cast<unsigned char>(data[i]) << 16;
        out += {kAlphabet[(n >> 18) & 63], kAlphabet[(n >> 12) & 63], '=', '='};
    } else if (i + 2 == data.size()) {
        const unsigned n = (static_cast<unsigned char>(data[i]) << 16) |
                           (static_cast<unsigned char>(data[i + 1]) << 8);
        out +=
            {kAlphabet[(n >> 18) & 63], kAlphabet[(n >> 12) & 63], kAlphabet[(n >> 6) & 63], '='};
    }
    return out;
}

std::string crlf_lines(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\n')
            out += "\r\n";
        else if (c != '\r')
            out += c;
    }
    return out;
}

std::string rfc5322_date() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    return buf;
}

std::string domain_of(const std::string& address) {
    auto at = address.find('@');
    return at == std::string::npos ? "localhost" : address.substr(at + 1);
}

struct Upload {
    const std::string* data;
    std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    const std::size_t n = std::min(size * count, upload->data->size() - upload->offset);
    std::memcpy(buffer, upload->data->data() + upload->offset, n);
    upload->offset += n;
    return n;
}

}  // namespace

std::string render_message(const std::string& from, const MailMessage& message) {
    static std::mt19937_64 random{std::random_device{}()};
    static std::mutex random_mutex;
    unsigned long long token;
    {
        std::lock_guard lock(random_mutex);
        token = random();
    }
    std::string body = base64(crlf_lines(message.text));
    std::string wrapped;
    for (std::size_t i = 0; i < body.size(); i += 76) wrapped += body.substr(i, 76) + "\r\n";
    return "Date: " + rfc5322_date() + "\r\nFrom: " + from + "\r\nTo: " + message.to +
           "\r\nSubject: =?UTF-8?B?" + base64(message.subject) + "?=\r\nMessage-ID: <" +
           std::to_string(token) + "@" + domain_of(from) +
           ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
           "Content-Transfer-Encoding: base64\r\n\r\n" +
           wrapped;
}

SmtpMailer::SmtpMailer(std::string url, std::string from, std::chrono::milliseconds timeout)
    : url_(std::move(url)), from_(std::move(from)), timeout_(timeout) {}

void SmtpMailer::send(const MailMessage& message) {
    const std::string data = render_message(from_, message);
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) throw MailError("curl_easy_init failed");
    curl_slist* recipients = curl_slist_append(nullptr, ("<" + message.to + ">").c_str());
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> guard(recipients,
                                                                      curl_slist_free_all);
    Upload upload{&data};
    const std::string mail_from = "<" + from_ + ">";
    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, mail_from.c_str());
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
    curl_easy_setopt(h, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(h, CURLOPT_READDATA, &upload);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count()));
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout_.count()));
    char error[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
    const CURLcode code = curl_easy_perform(h);
    if (code != CURLE_OK) {
        throw MailError(std::string(curl_easy_strerror(code)) + (error[0] ? ": " : "") + error);
    }
}

SpoolMailer::SpoolMailer(std::filesystem::path dir, std::string from)
    : dir_(std::move(dir)), from_(std::move(from)) {}

void SpoolMailer::send(const MailMessage& message) {
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    const auto stamp = std::chrono::duration_cast<std::chrono::microseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
    // A process-wide counter: two spool mailers (notifications, sign-in links) share the folder.
    static std::atomic<unsigned long long> sequence{0};
    const auto name = std::to_string(stamp) + "-" + std::to_string(++sequence) + ".eml";
    // Written aside then renamed, so a reader of the folder never sees half a message.
    const auto tmp = dir_ / ("." + name + ".tmp");
    {
        std::ofstream out(tmp, std::ios::binary);
        out << render_message(from_, message);
        if (!out.flush()) throw MailError("cannot write " + tmp.string());
    }
    std::filesystem::rename(tmp, dir_ / name, ec);
    if (ec) throw MailError("cannot write " + (dir_ / name).string() + ": " + ec.message());
}

std::unique_ptr<Mailer> make_mailer(const std::string& smtp_url, const std::string& from,
                                    const std::filesystem::path& spool_dir,
                                    std::chrono::milliseconds timeout) {
    if (smtp_url.empty()) return std::make_unique<SpoolMailer>(spool_dir, from);
    return std::make_unique<SmtpMailer>(smtp_url, from, timeout);
}

}  // namespace kb
