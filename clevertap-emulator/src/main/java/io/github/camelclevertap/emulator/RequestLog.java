package io.github.camelclevertap.emulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last upload requests, bounded so that long benchmark runs do not exhaust the heap. */
final class RequestLog {

    static final int CAPACITY = 10_000;

    private final boolean enabled;
    private final Deque<RecordedRequest> requests = new ArrayDeque<>();

    RequestLog(boolean enabled) {
        this.enabled = enabled;
    }

    boolean enabled() {
        return enabled;
    }

    synchronized void add(RecordedRequest request) {
        if (!enabled) {
            return;
        }
        if (requests.size() == CAPACITY) {
            requests.removeFirst();
        }
        requests.addLast(request);
    }

    synchronized List<RecordedRequest> snapshot() {
        return List.copyOf(requests);
    }

    synchronized void clear() {
        requests.clear();
    }
}
