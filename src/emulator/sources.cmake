# The emulator (hotlive emulate), part of hotlive_net (included from src/CMakeLists.txt).
target_sources(hotlive_net PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/accounts.cpp
  ${CMAKE_CURRENT_LIST_DIR}/background_load.cpp
  ${CMAKE_CURRENT_LIST_DIR}/command_line_forms.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config.cpp
  ${CMAKE_CURRENT_LIST_DIR}/emulator.cpp
  ${CMAKE_CURRENT_LIST_DIR}/fault_schedule.cpp
  ${CMAKE_CURRENT_LIST_DIR}/http_request.cpp
  ${CMAKE_CURRENT_LIST_DIR}/imds.cpp
  ${CMAKE_CURRENT_LIST_DIR}/issued_credentials.cpp
  ${CMAKE_CURRENT_LIST_DIR}/live_api.cpp
  ${CMAKE_CURRENT_LIST_DIR}/nonce_cache.cpp
  ${CMAKE_CURRENT_LIST_DIR}/oidc_providers.cpp
  ${CMAKE_CURRENT_LIST_DIR}/parameters.cpp
  ${CMAKE_CURRENT_LIST_DIR}/request_log.cpp
  ${CMAKE_CURRENT_LIST_DIR}/responses.cpp
  ${CMAKE_CURRENT_LIST_DIR}/server.cpp
  ${CMAKE_CURRENT_LIST_DIR}/service.cpp
  ${CMAKE_CURRENT_LIST_DIR}/statistics.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sts_config.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sts_api.cpp
  ${CMAKE_CURRENT_LIST_DIR}/throttle.cpp
  ${CMAKE_CURRENT_LIST_DIR}/verification.cpp
)
