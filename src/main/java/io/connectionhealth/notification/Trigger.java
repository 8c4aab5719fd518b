package io.connectionhealth.notification;

/** What caused an event: {@code kind} is api_call, job_run, api or ui; {@code id} names the call, run, key or user. */
public record Trigger(String kind, String id) {
}
