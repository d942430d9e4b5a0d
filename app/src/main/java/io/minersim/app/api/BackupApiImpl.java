package io.minersim.app.api;

import io.minersim.rpc.BackupApi;
import io.minersim.sealing.SealingException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * {@code Filecoin.CreateBackup} with Lotus's checks and messages: the node must run with
 * {@code LOTUS_BACKUP_BASE_PATH} set, and the file (both paths {@code ~}-expanded and made absolute) must have the
 * base path as its prefix. The file is written whole or not at all (a temporary file renamed over it).
 */
public final class BackupApiImpl implements BackupApi {

    /** Writes a consistent copy of the whole world to a file. */
    @FunctionalInterface
    public interface Writer {
        void write(Path file) throws IOException;
    }

    private final String base;
    private final Writer writer;

    /**
     * @param base the directory backups may be written into (Lotus's {@code LOTUS_BACKUP_BASE_PATH}), or null
     * @param writer writes the backup
     */
    public BackupApiImpl(String base, Writer writer) {
        this.base = base;
        this.writer = writer;
    }

    @Override
    public void createBackup(String path) {
        if (base == null || base.isEmpty()) {
            throw new SealingException("LOTUS_BACKUP_BASE_PATH env var not set");
        }
        String baseDir = absolute(base);
        String file = absolute(path == null ? "" : path);
        if (!file.startsWith(baseDir)) {
            throw new SealingException("backup file name (" + file + ") must be inside base path (" + baseDir + ")");
        }
        try {
            writer.write(Path.of(file));
        } catch (NoSuchFileException | AccessDeniedException | NotDirectoryException e) {
            throw new SealingException("open " + file + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new SealingException("backup error: " + e.getMessage());
        }
    }

    /** Go's homedir.Expand then filepath.Abs: a leading {@code ~} is the home directory. */
    private static String absolute(String p) {
        String expanded = p.equals("~") || p.startsWith("~/") ? System.getProperty("user.home") + p.substring(1) : p;
        return Path.of(expanded).toAbsolutePath().normalize().toString();
    }
}
