/// @brief Test accounts through the admin commands of the real binary.
#include "accounts.hpp"

#include "process.hpp"

#include <stdexcept>

namespace kb::test {

std::string create_user_with_token(const std::string& db_url, const std::string& login,
                                   const std::string& display_name, const std::string& role) {
    CommandResult user = run_command(service_binary(), {"admin", "create-user", login, display_name,
                                                        role, "--database-url", db_url});
    if (user.exit_code != 0) throw std::runtime_error("create-user: " + user.err);
    CommandResult token =
        run_command(service_binary(), {"admin", "create-token", login, "--database-url", db_url});
    if (token.exit_code != 0) throw std::runtime_error("create-token: " + token.err);
    return token.out.substr(0, token.out.find('\n'));
}

}  // namespace kb::test
