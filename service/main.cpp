/// @brief kb-service entry point.
#include "service_main.hpp"

#include <malloc.h>

#include <cstdlib>

int main(int argc, char** argv) {
    // glibc gives threads that allocate at once heaps of their own (up to 8 per core), and each
    // keeps what it freed. With the HTTP workers, the index writer and the uploads, two heaps
    // kept the speed bench with 1,000 resources at 394 MB of peak RSS instead of 460 (448 with
    // four; tests/bench/README.md). MALLOC_ARENA_MAX in the environment still decides.
    if (std::getenv("MALLOC_ARENA_MAX") == nullptr) mallopt(M_ARENA_MAX, 2);
    return kb::run_service(argc, argv);
}
