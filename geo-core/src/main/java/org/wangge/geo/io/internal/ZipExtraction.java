package org.wangge.geo.io.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.wangge.geo.io.UnreadableFileException;

/**
 * Extracts a zip safely: relative paths only, bounded entry count, and sizes counted on the bytes
 * actually inflated (headers can lie). On any failure the files written so far are deleted. Not
 * thread-safe for the same target folder.
 */
public final class ZipExtraction {

  private final String archive;
  private final Path target;
  private final long maxTotalBytes;
  private final int maxEntries;
  private final long maxEntryBytes;
  private final List<Path> written = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private long total;

  public ZipExtraction(
      Path zip, Path target, long maxTotalBytes, int maxEntries, long maxEntryBytes) {
    this.archive = zip.getFileName().toString();
    this.target = target.toAbsolutePath().normalize();
    this.maxTotalBytes = maxTotalBytes;
    this.maxEntries = maxEntries;
    this.maxEntryBytes = maxEntryBytes;
  }

  /** Extracts every data entry; returns the files written, in archive order. */
  public List<Path> extract(Path zip) throws IOException {
    Files.createDirectories(target);
    try (ZipFile file = open(zip)) {
      if (file.size() > maxEntries) {
        throw new UnreadableFileException(
            archive
                + " holds "
                + file.size()
                + " entries, more than the limit of "
                + maxEntries
                + "; upload one data set per archive");
      }
      Enumeration<? extends ZipEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String name = ZipEntryNames.safeRelative(ZipEntryNames.decode(entry.getName()), archive);
        if (ZipEntryNames.isMacMetadata(name)) {
          continue;
        }
        Path destination = target.resolve(name).normalize();
        if (!destination.startsWith(target) || destination.equals(target)) {
          if (entry.isDirectory()) {
            continue;
          }
          throw new UnreadableFileException(
              archive + " was rejected: its entry '" + name + "' lands outside the upload folder");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(destination);
          continue;
        }
        Files.createDirectories(destination.getParent());
        copy(file, entry, name, destination);
      }
      return List.copyOf(written);
    } catch (IOException | RuntimeException e) {
      deleteWritten();
      throw e;
    }
  }

  private ZipFile open(Path zip) throws IOException {
    try {
      return new ZipFile(zip.toFile(), StandardCharsets.ISO_8859_1);
    } catch (ZipException e) {
      throw new UnreadableFileException(
          archive + " is not a readable zip archive (" + e.getMessage() + ")", e);
    }
  }

  private void copy(ZipFile file, ZipEntry entry, String name, Path destination)
      throws IOException {
    OutputStream out;
    try {
      out = Files.newOutputStream(destination, StandardOpenOption.CREATE_NEW);
    } catch (FileAlreadyExistsException e) {
      throw new UnreadableFileException(
          archive + " holds '" + name + "' twice (or it already exists in the upload folder)");
    }
    written.add(destination);
    names.add(name);
    long entryBytes = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = file.getInputStream(entry);
        OutputStream sink = out) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        entryBytes += n;
        total += n;
        if (entryBytes > maxEntryBytes) {
          throw new UnreadableFileException(
              archive
                  + " was rejected: '"
                  + name
                  + "' inflates to more than "
                  + maxEntryBytes
                  + " bytes, the per-file limit (a zip bomb, or split the data)");
        }
        if (total > maxTotalBytes) {
          throw new UnreadableFileException(
              archive
                  + " was rejected: its contents inflate to more than "
                  + maxTotalBytes
                  + " bytes in total, the upload limit (a zip bomb, or split the data)");
        }
        sink.write(buffer, 0, n);
      }
    } catch (ZipException e) {
      throw new UnreadableFileException(
          archive + ": the entry '" + name + "' is corrupt (" + e.getMessage() + ")", e);
    }
  }

  /** The relative names of the extracted files, aligned with {@link #extract}'s result. */
  public List<String> names() {
    return List.copyOf(names);
  }

  private void deleteWritten() {
    for (int i = written.size() - 1; i >= 0; i--) {
      try {
        Files.deleteIfExists(written.get(i));
      } catch (IOException ignored) {
        // best effort: the caller's temporary folder is removed with the upload anyway
      }
    }
  }
}
