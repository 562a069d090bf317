package dev.lbguard.source.traffic;

/** Reads one line of a log format; total: a line it cannot read comes back with the reason, never an exception. */
interface LineFormat {
    LogEntry read(String line);
}
