/// @brief Dated questions, answers and members written straight into the test database.
#include "pulse_data.hpp"

#include <stdexcept>

namespace kb::test {

std::string make_user(const TestDatabase& db, const std::string& login, const std::string& role,
                      const std::string& territory, const std::string& type) {
    CommandResult r = run_command(
        service_binary(), {"admin", "create-user", login, login, role, "--database-url", db.url()});
    if (r.exit_code != 0) throw std::runtime_error("create-user: " + r.err);
    const std::string t = territory.empty() ? "NULL" : "'" + territory + "'";
    const std::string s = type.empty() ? "NULL" : "'" + type + "'";
    return db.scalar("UPDATE users SET territory = " + t + ", structure_type = " + s +
                     " WHERE login = '" + login + "' RETURNING id");
}

std::string thread(const TestDatabase& db, const std::string& author, const std::string& at,
                   const std::string& territory, const std::string& type, bool hidden) {
    return db.scalar(
        "INSERT INTO threads (author_id, title, body_markdown, body_html, territory, "
        "structure_type, step, hidden, created_at, updated_at) VALUES (" +
        author + ", 'Question de test', 'corps', '<p>corps</p>', " + territory + ", " + type +
        ", NULL, " + (hidden ? "true" : "false") + ", '" + at + "', '" + at + "') RETURNING id");
}

std::string answer(const TestDatabase& db, const std::string& thread_id, const std::string& author,
                   const std::string& at, bool hidden) {
    return db.scalar(
        "INSERT INTO answers (thread_id, author_id, body_markdown, body_html, hidden, "
        "created_at, updated_at) VALUES (" +
        thread_id + ", " + author + ", 'réponse', '<p>réponse</p>', " +
        (hidden ? "true" : "false") + ", '" + at + "', '" + at + "') RETURNING id");
}

}  // namespace kb::test
