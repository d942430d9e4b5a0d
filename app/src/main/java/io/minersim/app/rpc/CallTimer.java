package io.minersim.app.rpc;

/**
 * Times the served methods' handlers, as Lotus's metrics proxy ({@code metrics/proxy}) wraps every API method: the
 * wall time of the implementation's call, after decoding and the permission check (Lotus's permissioned proxy sits
 * outside the metered one), whether it answers or fails. Asked once per method when the dispatcher is built, so a
 * call costs two clock reads and the recorder's own work.
 */
@FunctionalInterface
public interface CallTimer {
    /**
     * The recorder of one method's calls, or {@code null} when the method is not timed.
     *
     * @param wireName the method's wire name ({@code Filecoin.SectorsStatus}); aliases share their method's recorder
     * @param goName the Go method name ({@code SectorsStatus})
     */
    Recorder forMethod(String wireName, String goName);

    /** Hears each call of one method. */
    @FunctionalInterface
    interface Recorder {
        /** A call took {@code nanos} nanoseconds. */
        void took(long nanos);
    }
}
