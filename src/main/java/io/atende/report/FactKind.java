package io.atende.report;

/** What a row of a ticket's facts records. */
enum FactKind {
    /** The ticket was opened. */
    CREATED,
    /** The first operator reply, with its duration and whether it met the first reply target. */
    FIRST_REPLY,
    /** The ticket was finished; the last finish of a finished ticket carries the resolution time and target. */
    FINISHED,
    CANCELLED,
    /**
     * The ticket was merged into another, which finished it: no resolution (the conversation carries on in the other
     * ticket), so neither counted as finished nor timed.
     */
    MERGED,
    REOPENED,
    /** The customer's evaluation (grade and whether the problem was solved). */
    EVALUATED,
    /** A reply by an operator (the author). */
    REPLY,
    /** A stopwatch entry's work, by its operator, on the day it ended. */
    WORK,
    /** A stretch during which the ticket was open, from its opening or reopening to its finish or cancellation. */
    OPEN
}
