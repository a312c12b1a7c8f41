package io.byokwatch.adapter.storage;

import io.byokwatch.port.DeadLetters;
import io.byokwatch.testsupport.Azurite;

import java.util.UUID;

class QueueDeadLettersTest extends DeadLettersContract {
    @Override
    DeadLetters newLetters() {
        return QueueDeadLetters.connect(Azurite.get().connectionString(), "deadletter-" + UUID.randomUUID());
    }
}
