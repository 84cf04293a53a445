/// @brief The API's OpenAPI 3.1 document (service/app/openapi.json), compiled into the binary.
#pragma once

#include <string_view>

namespace kb {

/// The text of openapi.json as it was when the service was built (embed_openapi.cmake).
std::string_view openapi_document();

}  // namespace kb
