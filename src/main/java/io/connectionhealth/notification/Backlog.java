package io.connectionhealth.notification;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** The events of a workspace waiting to be sent (pending or waiting for a retry), and when the oldest was recorded. */
public record Backlog(long waiting, @Nullable Instant oldest) {
}
