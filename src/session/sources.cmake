# A run as a library: the session that composes plan, journal, engine and report (Asio: hotlive_net).
target_sources(hotlive_net PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/run_session.cpp
  ${CMAKE_CURRENT_LIST_DIR}/group_commit.cpp
)
