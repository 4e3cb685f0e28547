# Signing and credentials, part of hotlive_core (included from src/CMakeLists.txt).
target_sources(hotlive_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/crypto.cpp
  ${CMAKE_CURRENT_LIST_DIR}/percent_encoding.cpp
  ${CMAKE_CURRENT_LIST_DIR}/signing_key.cpp
  ${CMAKE_CURRENT_LIST_DIR}/acs3.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rpc_v1.cpp
  ${CMAKE_CURRENT_LIST_DIR}/nonce.cpp
  ${CMAKE_CURRENT_LIST_DIR}/request_signer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/redaction.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../credentials/credentials.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../credentials/credentials_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../credentials/environment_source.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../credentials/aliyun_config.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../credentials/ini_credentials.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../credentials/resolver.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../credentials/process_credentials.cpp
)
