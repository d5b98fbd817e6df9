package dev.montage.storage;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The data folder holds the database (with the webhook signing key and the download-link secret), every recording
 * and composition, and the first API key: nobody but the service's own user may read any of it. Folders are made
 * rwx------ and files rw------- as they are created, whatever the process's umask; files that others create (H2,
 * ffmpeg) are tightened right after. On a file system without POSIX permissions these are no-ops.
 *
 * <pre>{@code
 * OwnerOnlyFiles.createDirectories(dataDir.resolve("work"));   // rwx------ for each folder it creates
 * OwnerOnlyFiles.restrict(composedMp4);                        // rw-------
 * }</pre>
 */
public final class OwnerOnlyFiles {

    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnlyFiles() {
    }

    /** Like {@link Files#createDirectories}, each folder it creates owner-only. */
    public static Path createDirectories(Path folder) throws IOException {
        if (!POSIX) {
            return Files.createDirectories(folder);
        }
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(FOLDER);
        return Files.createDirectories(folder, ownerOnly);
    }

    /** Makes one existing file or folder owner-only; symbolic links are left as they are. */
    public static void restrict(Path path) throws IOException {
        if (!POSIX || Files.isSymbolicLink(path)) {
            return;
        }
        Files.setPosixFilePermissions(path,
                Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? FOLDER : FILE);
    }

    /**
     * Makes {@code root} and everything under it owner-only. {@code root} itself may be a symbolic link (a data
     * folder on another disk): the folder it names is walked. Links under it are not followed; a file that vanishes
     * during the walk (a finished job's scratch) is skipped.
     */
    public static void restrictAll(Path root) throws IOException {
        if (!POSIX || !Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root.toRealPath(), new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                return ignoringVanished(dir);
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                return ignoringVanished(file);
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    private static FileVisitResult ignoringVanished(Path path) throws IOException {
        try {
            restrict(path);
        } catch (NoSuchFileException vanished) {
            // nothing left to protect
        }
        return FileVisitResult.CONTINUE;
    }
}
