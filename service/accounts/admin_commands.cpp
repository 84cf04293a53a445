/// @brief Admin commands: thin wrappers over accounts.cpp with usage text.
#include "admin_commands.hpp"

#include "accounts.hpp"

#include <charconv>
#include <iostream>

namespace kb {

namespace {

constexpr const char* kUsage = R"(Usage:
  kb-service admin create-user LOGIN "Display name" [member|expert|moderator]
  kb-service admin grant LOGIN member|expert|moderator
  kb-service admin create-token LOGIN [DAYS=90] [LABEL]   prints the token once; only its hash is kept
  kb-service admin revoke-tokens LOGIN                    revokes every live token of LOGIN
  kb-service admin send-digests                           makes the daily digests due now
)";

// A whole number of days in [1, 3650]; false for anything else ("abc", "7d", "-1", "1e3").
bool parse_days(const std::string& text, int& days) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 1 || value > 3650)
        return false;
    days = value;
    return true;
}

}  // namespace

int run_admin(const std::string& database_url, const std::vector<std::string>& args) {
    if (args.empty()) {
        std::cerr << kUsage;
        return 2;
    }
    const std::string& command = args[0];
    try {
        pqxx::connection conn(database_url);
        if (command == "create-user" && (args.size() == 3 || args.size() == 4)) {
            User u = create_user(conn, args[1], args[2], args.size() == 4 ? args[3] : kRoleMember);
            std::cout << "user " << u.id << " " << u.login << " (" << u.role << ")\n";
            return 0;
        }
        if (command == "grant" && args.size() == 3) {
            grant_role(conn, args[1], args[2]);
            std::cout << args[1] << " is now " << args[2] << "\n";
            return 0;
        }
        if (command == "create-token" && args.size() >= 2 && args.size() <= 4) {
            int days = 90;
            if (args.size() >= 3 && !parse_days(args[2], days)) {
                std::cerr << "kb-service admin create-token: DAYS must be a whole number of days "
                             "from 1 to 3650, got '"
                          << args[2] << "'\n"
                          << kUsage;
                return 2;
            }
            std::cout << create_token(conn, args[1], days, args.size() == 4 ? args[3] : "") << "\n";
            return 0;
        }
        if (command == "revoke-tokens" && args.size() == 2) {
            std::cout << revoke_tokens(conn, args[1]) << " token(s) revoked\n";
            return 0;
        }
        std::cerr << kUsage;
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "kb-service admin " << command << ": " << e.what() << "\n";
        return 1;
    }
}

}  // namespace kb
