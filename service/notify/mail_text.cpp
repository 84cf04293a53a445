/// @brief Subjects and bodies of the notification mails, in French.
#include "mail_text.hpp"

#include <stdexcept>

namespace kb {

namespace {

std::string title_of(const nlohmann::json& item) {
    return item.value("title", std::string());
}

// A forum thread is answered on the forum: its messages link there.
std::string url_of(const nlohmann::json& item, const std::string& base_url) {
    if (item.contains("url")) return item.value("url", std::string());
    return base_url + item.value("path", std::string());
}

const char* kSignature =
    "\n--\nPasserelle IAE\nPour changer la fréquence de ces messages ou ne plus en recevoir : "
    "PUT /api/v1/me/profile {\"notify_mode\": \"immediate\" | \"daily\" | \"none\"}.\n";

}  // namespace

MailMessage compose_mail(const PendingNotification& n, const std::string& base_url) {
    MailMessage mail;
    mail.to = n.recipient_email;
    const std::string hello = "Bonjour " + n.recipient_name + ",\n\n";
    const std::string title = title_of(n.payload);
    const std::string url = url_of(n.payload, base_url);
    if (n.kind == "question") {
        mail.subject = "Une question vous attend : " + title;
        mail.text = hello + "Une question posée sur " +
                    (n.payload.contains("url") ? "le forum" : "Passerelle IAE") +
                    " correspond à votre profil d'expert :\n\n« " + title + " »\n" + url +
                    "\n\nVotre réponse aidera toute la communauté.\n";
    } else if (n.kind == "answer") {
        mail.subject = "Nouvelle réponse à votre question : " + title;
        mail.text = hello + "Votre question a reçu une réponse :\n\n« " + title + " »\n" + url +
                    "\n\nSi elle vous convient, pensez à l'accepter.\n";
    } else if (n.kind == "accepted") {
        mail.subject = "Une réponse a été acceptée : " + title;
        mail.text = hello + "Une réponse à votre question a été acceptée :\n\n« " + title + " »\n" +
                    url + "\n";
    } else if (n.kind == "digest") {
        const auto& questions = n.payload.at("questions");
        mail.subject = "Questions du jour pour vous : " + std::to_string(questions.size());
        mail.text = hello +
                    "Voici les questions posées qui correspondent à votre profil "
                    "d'expert :\n\n";
        for (const auto& q : questions) {
            mail.text += "- « " + title_of(q) + " »\n  " + url_of(q, base_url) + "\n";
        }
    } else {
        throw std::invalid_argument("unknown notification kind: " + n.kind);
    }
    mail.text += kSignature;
    return mail;
}

}  // namespace kb
