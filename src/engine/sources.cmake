# The engine's network side: the HTTP client and the coroutine engine.
target_sources(hotlive_net PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/../net/api_client.cpp
  ${CMAKE_CURRENT_LIST_DIR}/engine.cpp
)
