/// @brief The service's commands: serve (default), migrate, admin.
#pragma once

namespace kb {

int run_service(int argc, char** argv);

}  // namespace kb
