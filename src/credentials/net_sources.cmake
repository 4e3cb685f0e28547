# The credential fetchers, part of hotlive_net (included from src/CMakeLists.txt): STS, the ECS
# metadata service, a credentials URI and External processes.
target_sources(hotlive_net PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/credential_http.cpp
  ${CMAKE_CURRENT_LIST_DIR}/fetch_answers.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sts_fetchers.cpp
  ${CMAKE_CURRENT_LIST_DIR}/metadata_fetcher.cpp
  ${CMAKE_CURRENT_LIST_DIR}/uri_fetcher.cpp
  ${CMAKE_CURRENT_LIST_DIR}/process_fetcher.cpp
  ${CMAKE_CURRENT_LIST_DIR}/make_fetcher.cpp
)
