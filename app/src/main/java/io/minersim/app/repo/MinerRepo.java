package io.minersim.app.repo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A miner repo laid out as Lotus lays out {@code ~/.lotusminer}: the API secret in the keystore, an
 * admin token in {@code token}, and while the miner runs its listen address in {@code api}.
 *
 * <ul>
 *   <li>{@code keystore/MF2XI2BNNJ3XILLQOJUXMYLUMU} (the base32 of {@code auth-jwt-private}, mode 0600,
 *       directory 0700): {@code {"Type":"jwt-hmac-secret","PrivateKey":"<base64 of 32 bytes>"}}, made
 *       on first start and kept, so tokens stay valid across restarts;
 *   <li>{@code token} (0600): a JWT, no trailing newline;
 *   <li>{@code api} (0644): the multiaddr, e.g. {@code /ip4/127.0.0.1/tcp/2345/http}, removed on a
 *       clean stop.
 * </ul>
 */
public final class MinerRepo {
    /** The keystore file name of Lotus's {@code auth-jwt-private} key. */
    public static final String SECRET_FILE = "MF2XI2BNNJ3XILLQOJUXMYLUMU";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Pattern KEY = Pattern.compile(
            "\\{\\s*\"Type\"\\s*:\\s*\"jwt-hmac-secret\"\\s*,\\s*\"PrivateKey\"\\s*:\\s*\"([A-Za-z0-9+/=]+)\"\\s*}\\s*");

    private final Path root;

    private MinerRepo(Path root) {
        this.root = root;
    }

    /** Opens (creating if needed) the repo at {@code root}. */
    public static MinerRepo open(Path root) {
        try {
            Files.createDirectories(root);
            return new MinerRepo(root.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the miner repo " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * The default repo: {@code $MINERSIM_PATH}, else {@code ~/.minersim}.
     *
     * @param env the environment to read {@code MINERSIM_PATH} from
     */
    public static Path defaultPath(java.util.Map<String, String> env) {
        String path = env.get("MINERSIM_PATH");
        if (path != null && !path.isBlank()) {
            return Path.of(path);
        }
        return Path.of(System.getProperty("user.home"), ".minersim");
    }

    public Path root() {
        return root;
    }

    /** The 32-byte API secret, made and stored on first use. */
    public byte[] apiSecret() {
        Path dir = root.resolve("keystore");
        Path file = dir.resolve(SECRET_FILE);
        try {
            if (Files.exists(file)) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Matcher m = KEY.matcher(text);
                if (!m.matches()) {
                    throw new IllegalStateException("the API secret in " + file + " is not a jwt-hmac-secret key");
                }
                byte[] key = Base64.getDecoder().decode(m.group(1));
                if (key.length < 32) {
                    throw new IllegalStateException("the API secret in " + file + " is shorter than 32 bytes");
                }
                return key;
            }
            Files.createDirectories(dir);
            setPermissions(dir, OWNER_DIR);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String json = "{\"Type\":\"jwt-hmac-secret\",\"PrivateKey\":\"" + Base64.getEncoder().encodeToString(key)
                    + "\"}";
            writeAtomically(file, json, OWNER_ONLY);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the API secret " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the admin token to {@code token} (0600, no newline). */
    public void writeToken(String token) {
        write(root.resolve("token"), token, OWNER_ONLY);
    }

    /** Writes the listen multiaddr to {@code api} (0644). */
    public void writeApi(String multiaddr) {
        write(root.resolve("api"), multiaddr, READABLE);
    }

    /** Removes {@code api}: the miner is no longer listening. */
    public void removeApi() {
        try {
            Files.deleteIfExists(root.resolve("api"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root.resolve("api") + ": " + e.getMessage(), e);
        }
    }

    /** Lotus's multiaddr for an HTTP listener on {@code host:port}. */
    public static String multiaddr(String host, int port) {
        String proto = host.contains(":") ? "ip6" : "ip4";
        return "/" + proto + "/" + host + "/tcp/" + port + "/http";
    }

    private void write(Path file, String text, Set<PosixFilePermission> perms) {
        try {
            writeAtomically(file, text, perms);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeAtomically(Path file, String text, Set<PosixFilePermission> perms) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another process is writing " + file, e);
        }
        setPermissions(tmp, perms);
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void setPermissions(Path path, Set<PosixFilePermission> perms) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, perms);
        }
    }
}
