# Reports and the journal, part of hotlive_core (included from src/CMakeLists.txt).
target_sources(hotlive_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/status.cpp
  ${CMAKE_CURRENT_LIST_DIR}/format.cpp
  ${CMAKE_CURRENT_LIST_DIR}/timestamp.cpp
  ${CMAKE_CURRENT_LIST_DIR}/json_fields.cpp
  ${CMAKE_CURRENT_LIST_DIR}/call_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/json_render.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rate_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pace_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pace_sentence.cpp
  ${CMAKE_CURRENT_LIST_DIR}/report_fields.cpp
  ${CMAKE_CURRENT_LIST_DIR}/json_read.cpp
  ${CMAKE_CURRENT_LIST_DIR}/csv.cpp
  ${CMAKE_CURRENT_LIST_DIR}/junit.cpp
  ${CMAKE_CURRENT_LIST_DIR}/markdown.cpp
  ${CMAKE_CURRENT_LIST_DIR}/html.cpp
  ${CMAKE_CURRENT_LIST_DIR}/advice.cpp
  ${CMAKE_CURRENT_LIST_DIR}/file_io.cpp
  ${CMAKE_CURRENT_LIST_DIR}/atomic_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/journal_writer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/journal_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/journalled_calls.cpp
  ${CMAKE_CURRENT_LIST_DIR}/run_identity.cpp
  ${CMAKE_CURRENT_LIST_DIR}/report_destination.cpp
)
