# Signing, part of hotlive_core (included from src/CMakeLists.txt).
target_sources(hotlive_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/crypto.cpp
  ${CMAKE_CURRENT_LIST_DIR}/percent_encoding.cpp
  ${CMAKE_CURRENT_LIST_DIR}/signing_key.cpp
  ${CMAKE_CURRENT_LIST_DIR}/acs3.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rpc_v1.cpp
  ${CMAKE_CURRENT_LIST_DIR}/nonce.cpp
  ${CMAKE_CURRENT_LIST_DIR}/request_signer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/redaction.cpp
)
