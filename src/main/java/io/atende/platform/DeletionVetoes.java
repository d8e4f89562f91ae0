package io.atende.platform;

import java.util.function.Predicate;

import org.springframework.beans.factory.ObjectProvider;

/**
 * How a module asks others whether a record of its own may be deleted. Modules whose records point at it implement
 * the owner's veto interface; the owner asks every one of them, in order, and refuses the deletion as a rule
 * violation while any still points at the record. The vetoes come through an {@link ObjectProvider} and are looked up
 * only when a deletion asks, since the vetoing modules depend on the owner and not the other way round.
 */
public final class DeletionVetoes {

    private DeletionVetoes() {
    }

    /** Refuses with {@code messageKey} when any veto says the record is still in use. */
    public static <V> void refuseWhileAnyUses(ObjectProvider<V> vetoes, Predicate<? super V> uses, String messageKey,
                                              Object... arguments) {
        if (vetoes.orderedStream().anyMatch(uses)) {
            throw new RuleViolationException(messageKey, arguments);
        }
    }
}
