package io.atende.operator;

/** What an operator's sign-in still needs once their password is right. */
public enum SecondFactor {

    /** Nothing: the operator uses no second factor and the account does not require one. */
    NONE,
    /** A code of their authenticator app, or one of their recovery codes. */
    CODE,
    /** The account requires a second factor the operator has not set up yet: they enrol before using the console. */
    ENROLMENT
}
