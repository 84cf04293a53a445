/// @brief WebClient: cookie jar, CSRF token and the magic-link sign-in for page tests.
#include "web_client.hpp"

#include "polling.hpp"
#include "smtp_sink.hpp"

#include <cctype>
#include <chrono>
#include <regex>

namespace kb::test {

namespace {

std::string form_encode(const FormFields& fields) {
    std::string out;
    for (const auto& [name, value] : fields) {
        out += (out.empty() ? "" : "&") + url_encode(name) + "=" + url_encode(value);
    }
    return out;
}

}  // namespace

std::string hidden_field(const std::string& html, const std::string& name) {
    const std::regex field("<input type=\"hidden\" name=\"" + name + "\" value=\"([^\"]*)\"");
    std::smatch m;
    return std::regex_search(html, m, field) ? m[1].str() : std::string();
}

std::map<std::string, std::string> WebClient::headers() const {
    std::string jar;
    for (const auto& [name, value] : cookies_)
        jar += (jar.empty() ? "" : "; ") + name + "=" + value;
    if (jar.empty()) return {};
    return {{"Cookie", jar}};
}

void WebClient::remember(const HttpResponse& response) {
    // The client keeps one Set-Cookie per answer in its header map: the pages set at most the
    // visitor and the session cookie, in separate answers except at sign-in (checked there).
    for (const auto& [name, value] : response.headers) {
        if (name != "set-cookie") continue;
        const auto eq = value.find('=');
        const auto end = value.find(';');
        const std::string cookie_name = value.substr(0, eq);
        const std::string cookie_value = value.substr(eq + 1, end - eq - 1);
        if (value.find("Max-Age=0") != std::string::npos)
            cookies_.erase(cookie_name);
        else
            cookies_[cookie_name] = cookie_value;
    }
    const std::string token = hidden_field(response.body, "csrf");
    if (!token.empty()) csrf_ = token;
}

HttpResponse WebClient::get(const std::string& target) {
    HttpResponse r = http_request(port_, "GET", target, "", headers());
    remember(r);
    return r;
}

HttpResponse WebClient::post_form(const std::string& target, FormFields fields, bool with_csrf) {
    bool has_csrf = false;
    for (const auto& [name, value] : fields) has_csrf = has_csrf || name == "csrf";
    if (with_csrf && !has_csrf) fields.emplace_back("csrf", csrf_);
    auto h = headers();
    h["Content-Type"] = "application/x-www-form-urlencoded";
    HttpResponse r = http_request(port_, "POST", target, form_encode(fields), h);
    remember(r);
    return r;
}

HttpResponse WebClient::post_raw(const std::string& target, const std::string& body,
                                 const std::string& content_type) {
    auto h = headers();
    h["Content-Type"] = content_type;
    HttpResponse r = http_request(port_, "POST", target, body, h);
    remember(r);
    return r;
}

std::string WebClient::cookie(const std::string& name) const {
    auto it = cookies_.find(name);
    return it == cookies_.end() ? std::string() : it->second;
}

std::string mailed_sign_in_link(const std::filesystem::path& message_dir,
                                const std::string& email) {
    std::string link;
    std::string address = email;  // the service writes to the address lower-cased
    for (char& c : address) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::regex url(R"(https?://[^/\s]+(/connexion/lien\?\S+))");
    poll_until(
        [&] {
            for (const auto& m : received_messages(message_dir)) {
                if (m["rcpt_tos"][0] != address) continue;
                std::smatch found;
                const std::string text = m["text"].get<std::string>();
                if (std::regex_search(text, found, url)) link = found[1].str();
            }
            return !link.empty();
        },
        std::chrono::milliseconds(5000));
    return link;
}

HttpResponse WebClient::sign_in(const std::string& email, const std::string& display_name,
                                const std::filesystem::path& message_dir,
                                const std::string& back_to) {
    const std::size_t before = received_messages(message_dir).size();
    get("/connexion?retour=" + url_encode(back_to));
    HttpResponse asked = post_form("/connexion", {{"email", email}, {"retour", back_to}});
    if (asked.status != 200) return asked;
    poll_until([&] { return received_messages(message_dir).size() > before; },
               std::chrono::milliseconds(5000));
    const std::string link = mailed_sign_in_link(message_dir, email);
    HttpResponse page = get(link);
    if (page.status != 200) return page;
    return post_form("/connexion/lien", {{"jeton", hidden_field(page.body, "jeton")},
                                         {"retour", hidden_field(page.body, "retour")},
                                         {"display_name", display_name}});
}

}  // namespace kb::test
