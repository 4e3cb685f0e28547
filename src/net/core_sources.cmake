# The network's plain part (no Asio), in hotlive_core beside the retry policy that reads it:
# transport_error's names and error category, and the choice of a proxy.
target_sources(hotlive_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/transport.cpp
  ${CMAKE_CURRENT_LIST_DIR}/proxy_url.cpp
  ${CMAKE_CURRENT_LIST_DIR}/no_proxy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/egress.cpp
)
