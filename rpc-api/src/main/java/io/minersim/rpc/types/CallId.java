package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * {@code storiface.CallID}: {@code {"Sector":{"Miner":1000,"Number":9},"ID":"07070707-0707-0707-0707-070707070707"}},
 * the handle a worker returns a task's result under.
 *
 * @param sector the sector the call worked on
 * @param id the call's UUID, in its canonical form; Go's {@code uuid.Parse} forms are accepted (36 characters,
 *     braced, {@code urn:uuid:}, or 32 hex digits) and anything else is refused with its error
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallId(@JsonProperty("Sector") SectorId sector, @JsonProperty("ID") String id) {
    public CallId {
        sector = sector == null ? new SectorId(0, 0) : sector;
        id = canonical(id == null ? "00000000-0000-0000-0000-000000000000" : id);
    }

    /** google/uuid's {@code Parse}: the four accepted forms, its two error texts otherwise. */
    private static String canonical(String s) {
        String hex;
        switch (s.length()) {
            case 36 -> hex = dashed(s);
            case 38 -> hex = dashed(s.substring(1, 37)); // Go drops the first character and never checks the braces
            case 45 -> {
                if (!s.substring(0, 9).equalsIgnoreCase("urn:uuid:")) {
                    throw new IllegalArgumentException("invalid urn prefix: \"" + s.substring(0, 9) + "\"");
                }
                hex = dashed(s.substring(9));
            }
            case 32 -> hex = s;
            default -> throw new IllegalArgumentException("invalid UUID length: " + s.length());
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("invalid UUID format");
            }
        }
        String h = hex.toLowerCase(Locale.ROOT);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }

    private static String dashed(String s) {
        if (s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-' || s.charAt(23) != '-') {
            throw new IllegalArgumentException("invalid UUID format");
        }
        return s.substring(0, 8) + s.substring(9, 13) + s.substring(14, 18) + s.substring(19, 23) + s.substring(24);
    }
}
