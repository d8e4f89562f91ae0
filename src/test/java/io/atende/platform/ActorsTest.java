package io.atende.platform;

import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Who acts: the innermost actor set in the thread, restored when its scope closes, nobody's elsewhere. */
class ActorsTest {

    @Test
    void withNothingSetTheSystemActs() {
        assertThat(Actors.current()).isEqualTo(Actor.SYSTEM);
    }

    @Test
    void aScopeSetsItsActorAndRestoresTheOneBeforeOnceWhenClosed() {
        var ana = Actor.operator("op-1", "Ana");
        var mail = Actor.email("carla@example.com");
        try (var outer = Actors.acting(ana)) {
            assertThat(Actors.current()).isEqualTo(ana);
            var inner = Actors.acting(mail);
            assertThat(Actors.current()).isEqualTo(mail);
            inner.close();
            assertThat(Actors.current()).isEqualTo(ana);
            inner.close();
            assertThat(Actors.current()).isEqualTo(ana);
        }
        assertThat(Actors.current()).isEqualTo(Actor.SYSTEM);
    }

    @Test
    void anotherThreadDoesNotSeeTheActor() throws Exception {
        var pool = Executors.newSingleThreadExecutor();
        try (var acting = Actors.acting(Actor.customer("c-1", "Carla"))) {
            assertThat(pool.submit(Actors::current).get()).isEqualTo(Actor.SYSTEM);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void anEmailActorIsNamedByItsAddress() {
        assertThat(Actor.email("carla@example.com")).isEqualTo(new Actor(Actor.Kind.EMAIL, "carla@example.com", "carla@example.com"));
    }
}
