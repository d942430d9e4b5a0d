package io.minersim.sealing;

/**
 * One entry of a sector's log, as Lotus writes it.
 *
 * @param kind {@code event;sealing.<Event>} for an event, {@code error;…} for a planner error,
 *     {@code truncate} where the log was cut
 * @param timestamp unix seconds (the start of the epoch the entry was written in)
 * @param trace the error text for error events, else empty
 * @param message the event as JSON ({@code {"User":{…}}}), or the error's text
 */
public record SectorLogEntry(String kind, long timestamp, String trace, String message) {
}
