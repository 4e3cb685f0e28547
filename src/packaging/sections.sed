# help2man knows OPTIONS, ENVIRONMENT, FILES and EXAMPLES; CLI11's other headings would become
# sub-sections of whatever came before them. These are sections of their own in a man page.
s/^\.SS "Subcommands:"$/.SH COMMANDS/
s/^\.SS "Positionals:"$/.SH ARGUMENTS/
s/^\.SS "Exit status:"$/.SH "EXIT STATUS"/
# Examples are command lines: a long one wraps ragged and unhyphenated, not stretched to the margin.
s/^\.SH EXAMPLES$/.SH EXAMPLES\n.ad l\n.nh/
