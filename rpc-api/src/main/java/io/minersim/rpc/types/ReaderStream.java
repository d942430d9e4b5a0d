package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.UUID;

/**
 * An {@code io.Reader} parameter as Lotus's rpcenc sends it (SectorAddPieceToAny's second parameter):
 * {@code {"Type":"push"|"null"|"http","Info":"..."}}.
 *
 * <ul>
 *   <li>{@code push}: Info is a UUID; the bytes are POSTed to {@code /rpc/streams/v0/push/<uuid>}.
 *   <li>{@code null}: Info is a decimal byte count; the reader yields that many zero bytes.
 *   <li>{@code http}: Info is a URL the server GETs.
 * </ul>
 *
 * <p>Any shape decodes here, including the {@code {}} of the docs' examples (both fields then read as {@code ""});
 * Lotus treats an unknown or empty Type as push and fails on the UUID, which is the engine's check to make.
 *
 * @param type the reader kind
 * @param info the kind's argument
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReaderStream(@JsonProperty("Type") String type, @JsonProperty("Info") String info) {
    /** Type of a reader whose bytes are pushed over HTTP. */
    public static final String PUSH = "push";
    /** Type of a reader of zero bytes. */
    public static final String NULL = "null";
    /** Type of a reader the server fetches from a URL. */
    public static final String HTTP = "http";

    public ReaderStream {
        type = Checks.string(type);
        info = Checks.string(info);
    }

    /** A push reader for that upload UUID. */
    public static ReaderStream push(UUID uuid) {
        return new ReaderStream(PUSH, uuid.toString());
    }

    /** A reader of {@code size} zero bytes. */
    public static ReaderStream zeros(long size) {
        return new ReaderStream(NULL, Long.toString(Checks.uint64(size, "ReaderStream", "Info")));
    }

    /** A reader the server fetches from {@code url}. */
    public static ReaderStream http(URI url) {
        return new ReaderStream(HTTP, url.toString());
    }
}
