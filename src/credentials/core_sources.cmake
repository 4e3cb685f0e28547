# The credential chain, part of hotlive_core (included from src/CMakeLists.txt): where credentials
# come from, read without the network.
target_sources(hotlive_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/credentials.cpp
  ${CMAKE_CURRENT_LIST_DIR}/credentials_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/environment_source.cpp
  ${CMAKE_CURRENT_LIST_DIR}/oidc_environment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/endpoints.cpp
  ${CMAKE_CURRENT_LIST_DIR}/process_command.cpp
  ${CMAKE_CURRENT_LIST_DIR}/profile_fields.cpp
  ${CMAKE_CURRENT_LIST_DIR}/aliyun_config.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ini_credentials.cpp
  ${CMAKE_CURRENT_LIST_DIR}/instance_sources.cpp
  ${CMAKE_CURRENT_LIST_DIR}/resolver.cpp
  ${CMAKE_CURRENT_LIST_DIR}/process_credentials.cpp
)
