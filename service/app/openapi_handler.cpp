/// @brief Serves the embedded OpenAPI document as it is, without parsing it again.
#include "openapi_handler.hpp"

#include "openapi_document.hpp"

namespace kb {

http::Response get_openapi(const http::Request&) {
    http::Response r;
    r.body = std::string(openapi_document());
    return r;  // application/json by default
}

}  // namespace kb
