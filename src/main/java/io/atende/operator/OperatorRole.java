package io.atende.operator;

/** What an operator may do in the console: work tickets, or also administer the account. */
public enum OperatorRole {
    OPERATOR, ADMIN
}
