# The live view's server (Beast, on the run's io_context), part of hotlive_net.
target_sources(hotlive_net PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/server.cpp
)
