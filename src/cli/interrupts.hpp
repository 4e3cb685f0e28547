// SIGINT and SIGTERM for `hotlive run`, installed before anything slow is read, so that an
// interrupt is never lost nor silent: the first asks the run to stop (polled by whatever is
// working: the resume's reading, the run's progress tick), the second quits at once after one
// line saying what is on disk. A SIGINT inherited as ignored (a run started with `&` from a
// script) stays ignored, as the shell meant; SIGTERM is always handled.
#pragma once

#include <string_view>

namespace hotlive::cli::interrupts {

// Installs the handlers (once per process).
void install();

// How many interrupts have arrived (0 while none).
[[nodiscard]] unsigned count();

// The line a second interrupt prints before quitting (up to 1 KiB; a line break is added).
void set_last_words(std::string_view line);

}  // namespace hotlive::cli::interrupts
