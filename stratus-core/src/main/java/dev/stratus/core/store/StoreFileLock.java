package dev.stratus.core.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes one process the only writer of a store file. The mirror assumes nobody else changes the
 * database, so a second Stratus on the same data directory is refused at open. The operating
 * system drops the lock when the process dies, even by {@code kill -9}.
 */
final class StoreFileLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private StoreFileLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static StoreFileLock acquire(Path lockFile) {
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) throw inUse(lockFile, null);
      return new StoreFileLock(channel, lock);
    } catch (OverlappingFileLockException e) {
      close(channel);
      throw inUse(lockFile, e);
    } catch (IOException e) {
      close(channel);
      throw new StoreException("Cannot lock " + lockFile + ": " + e.getMessage(), e);
    } catch (StoreException e) {
      close(channel);
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // Closing the channel below releases it anyway.
    }
    close(channel);
  }

  private static StoreException inUse(Path lockFile, Throwable cause) {
    return new StoreException("Another Stratus process is using this data directory (" + lockFile + " is locked).", cause);
  }

  private static void close(FileChannel channel) {
    try {
      if (channel != null) channel.close();
    } catch (IOException ignored) {
      // Nothing to do: the lock dies with the channel or the process.
    }
  }
}
