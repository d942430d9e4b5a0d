package io.minersim.app.stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API keys the statistics endpoint accepts: those stored in the repo's {@code stats-keys} file
 * (one per line, mode 0600, made by {@code minersim stats create-key}) and any given on the command
 * line. A key is {@code mss_} and 32 base64url characters (24 random bytes).
 */
public final class StatsKeys {
    /** The file in the repo holding the keys. */
    public static final String FILE = "stats-keys";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_\\-.~+/=]{8,200}");

    private final List<byte[]> keys;

    private StatsKeys(Collection<String> keys) {
        this.keys = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Exactly these keys. */
    public static StatsKeys of(Collection<String> keys) {
        for (String k : keys) {
            check(k);
        }
        return new StatsKeys(new LinkedHashSet<>(keys));
    }

    /** The keys stored in {@code repo} (none when it has no key file) plus {@code extra}. */
    public static StatsKeys load(Path repo, Collection<String> extra) {
        Set<String> all = new LinkedHashSet<>(stored(repo));
        for (String k : extra) {
            check(k);
            all.add(k);
        }
        return new StatsKeys(all);
    }

    /** The keys stored in the repo, oldest first. */
    public static List<String> stored(Path repo) {
        Path file = repo.resolve(FILE);
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(line.strip());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stats keys in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Makes a new key, stores it in the repo's key file and returns it. */
    public static String create(Path repo) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String key = "mss_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        List<String> all = new ArrayList<>(stored(repo));
        all.add(key);
        Path file = repo.resolve(FILE);
        Path tmp = repo.resolve(FILE + ".tmp");
        try {
            Files.createDirectories(repo);
            Files.deleteIfExists(tmp);
            Files.createFile(tmp);
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(tmp, String.join("\n", all) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stats keys in " + file + ": " + e.getMessage(), e);
        }
        return key;
    }

    /** Whether {@code key} is one of the keys (compared in constant time). */
    public boolean accepts(String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (byte[] known : keys) {
            ok |= MessageDigest.isEqual(known, k);
        }
        return ok;
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    private static void check(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("a stats key is 8 to 200 characters of A-Z a-z 0-9 _ - . ~ + / =");
        }
    }
}
