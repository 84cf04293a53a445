/// @brief kb-service entry point.
#include "service_main.hpp"

int main(int argc, char** argv) {
    return kb::run_service(argc, argv);
}
