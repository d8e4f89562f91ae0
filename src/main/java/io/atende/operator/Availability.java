package io.atende.operator;

/**
 * What an operator declared about taking work now. Automatic assignment gives tickets only to operators
 * {@link #ONLINE}; an operator who never said is {@link #OFFLINE}.
 */
public enum Availability {
    ONLINE, AWAY, OFFLINE
}
