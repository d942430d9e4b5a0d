package io.minersim.app.stats;

import io.minersim.sealing.SealingException;

/**
 * A statistics request refused, with Spacescope's HTTP status and code: a missing or bad key (401,
 * {@value #BAD_KEY}), a malformed parameter (200, {@value #BAD_PARAMETER}), a date out of range
 * (200, {@value #OUT_OF_RANGE}), a path or method the API does not have (404 / 405).
 */
public final class StatsApiException extends SealingException {
    private static final long serialVersionUID = 1L;

    /** The token is missing, not a Bearer token, or not a known key. */
    public static final int BAD_KEY = 10011;
    /** A parameter is malformed. */
    public static final int BAD_PARAMETER = 30002;
    /** A date outside the days there are statistics for. */
    public static final int OUT_OF_RANGE = 30004;
    /** No such endpoint. */
    public static final int NOT_FOUND = 40400;
    /** Not a GET. */
    public static final int METHOD_NOT_ALLOWED = 40500;

    private final int httpStatus;
    private final int code;

    public StatsApiException(int httpStatus, int code, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Spacescope's error code, in the envelope's {@code code}. */
    public int code() {
        return code;
    }

    static StatsApiException badParameter(String parameter, String why) {
        return new StatsApiException(200, BAD_PARAMETER, "invalid parameter " + parameter + ": " + why);
    }
}
