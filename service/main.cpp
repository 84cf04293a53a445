/// @brief kb-service entry point.
#include "service_main.hpp"

// kb-service allocates with jemalloc (linked first, service/CMakeLists.txt), read here at start.
// Two arenas: with its default of four per core, the peak RSS after the cold questions and a
// wrk run on the scale index was 326 MB instead of 305, for no more requests a second.
// MALLOC_CONF in the environment still decides.
extern "C" {
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables): jemalloc's documented hook
const char* malloc_conf = "narenas:2";
}

int main(int argc, char** argv) {
    return kb::run_service(argc, argv);
}
