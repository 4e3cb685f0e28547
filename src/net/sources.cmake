# The network side, part of hotlive_net (included from src/CMakeLists.txt): the HTTP client.
target_sources(hotlive_net PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/answer_parser.cpp
  ${CMAKE_CURRENT_LIST_DIR}/api_client.cpp
  ${CMAKE_CURRENT_LIST_DIR}/connector.cpp
  ${CMAKE_CURRENT_LIST_DIR}/deadline_watch.cpp
  ${CMAKE_CURRENT_LIST_DIR}/exchange_error.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tls_stream.cpp
)
