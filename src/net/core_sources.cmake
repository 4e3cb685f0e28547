# The network's plain part (no Asio), in hotlive_core beside the retry policy that reads it:
# transport_error's names and error category.
target_sources(hotlive_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/transport.cpp
)
