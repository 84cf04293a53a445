/// @brief The one typed error of the service: an HTTP status, a stable code and a French message.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace kb::http {

/// Thrown anywhere below a handler; turned into RFC 9457 problem details in one place.
class ApiError : public std::runtime_error {
  public:
    ApiError(int status, std::string code, std::string title, std::string detail)
        : std::runtime_error(detail),
          status_(status),
          code_(std::move(code)),
          title_(std::move(title)) {}

    [[nodiscard]] int status() const { return status_; }
    [[nodiscard]] const std::string& code() const { return code_; }
    [[nodiscard]] const std::string& title() const { return title_; }
    [[nodiscard]] std::string detail() const { return what(); }
    /// Seconds after which the client may try again (a Retry-After header), 0 when not said.
    [[nodiscard]] int retry_after() const { return retry_after_; }
    ApiError& with_retry_after(int seconds) {
        retry_after_ = seconds;
        return *this;
    }
    /// Extra response headers the answer needs (Allow on a 405, for instance).
    [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& headers() const {
        return headers_;
    }
    ApiError& with_header(std::string name, std::string value) {
        headers_.emplace_back(std::move(name), std::move(value));
        return *this;
    }

    static ApiError bad_request(std::string code, std::string detail) {
        return {400, std::move(code), "Requête invalide", std::move(detail)};
    }
    static ApiError not_found(std::string code, std::string detail) {
        return {404, std::move(code), "Ressource introuvable", std::move(detail)};
    }
    static ApiError unauthorized(std::string detail) {
        return {401, "unauthenticated", "Authentification requise", std::move(detail)};
    }
    static ApiError forbidden(std::string detail) {
        return {403, "forbidden", "Action non autorisée", std::move(detail)};
    }
    static ApiError conflict(std::string code, std::string detail) {
        return {409, std::move(code), "Conflit", std::move(detail)};
    }
    static ApiError unprocessable(std::string code, std::string detail) {
        return {422, std::move(code), "Contenu non valide", std::move(detail)};
    }

  private:
    int status_;
    std::string code_;
    std::string title_;
    int retry_after_ = 0;
    std::vector<std::pair<std::string, std::string>> headers_;
};

}  // namespace kb::http
