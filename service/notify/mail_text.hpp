/// @brief The French text of each kind of notification.
#pragma once

#include "mailer.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace kb {

/// What the sender knows of a pending notification.
struct PendingNotification {
    long long id = 0;
    std::string kind;  ///< question | answer | accepted | digest
    nlohmann::json payload;
    std::string recipient_email;
    std::string recipient_name;
};

/// The message for a notification; base_url prefixes the paths kept in the payload.
/// Throws std::invalid_argument for an unknown kind.
MailMessage compose_mail(const PendingNotification& notification, const std::string& base_url);

}  // namespace kb
