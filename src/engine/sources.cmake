# The engine's network side, part of hotlive_net (included from src/CMakeLists.txt): the
# coroutine engine.
target_sources(hotlive_net PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/engine.cpp
)
