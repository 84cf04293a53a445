# @brief Build step: checks that openapi.json is JSON and writes it into a C++ source as a raw
# string literal, so the document the service serves is always the one it was built with.
# Usage: cmake -DINPUT=openapi.json -DOUTPUT=openapi_document.cpp -P embed_openapi.cmake
file(READ "${INPUT}" document)
string(JSON openapi_version ERROR_VARIABLE json_error GET "${document}" openapi)
if(json_error)
  message(FATAL_ERROR "${INPUT} is not a valid OpenAPI document: ${json_error}")
endif()
set(delimiter "kb_openapi")
string(FIND "${document}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw string delimiter )${delimiter}\"")
endif()
file(WRITE "${OUTPUT}.tmp"
"/// @brief Generated from ${INPUT} by embed_openapi.cmake at build time; do not edit.
#include \"openapi_document.hpp\"

namespace kb {

std::string_view openapi_document() {
    static constexpr char text[] = R\"${delimiter}(${document})${delimiter}\";
    return {text, sizeof(text) - 1};
}

}  // namespace kb
")
# Only a changed document touches the source, so an unchanged one compiles nothing.
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
