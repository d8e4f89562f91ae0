package io.atende.importing;

/** Where an import job stands: running (queued or at work on some node), or ended one of three ways. */
public enum ImportStatus {
    RUNNING, DONE, FAILED, CANCELLED;

    public boolean ended() {
        return this != RUNNING;
    }
}
