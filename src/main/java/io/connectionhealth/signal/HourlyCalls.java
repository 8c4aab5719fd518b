package io.connectionhealth.signal;

import java.time.Instant;

/** One hour of a connection's calls: how many succeeded (or did not count) and how many failed. */
public record HourlyCalls(Instant hour, long ok, long errors) {
}
