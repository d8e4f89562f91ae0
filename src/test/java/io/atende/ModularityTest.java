package io.atende;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTest {

    @Test
    void moduleDependenciesRunOneWayAndOnlyThroughFrontDoors() {
        ApplicationModules.of(AtendeApplication.class).verify();
    }
}
