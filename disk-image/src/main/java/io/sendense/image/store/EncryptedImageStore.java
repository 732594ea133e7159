package io.sendense.image.store;

import io.sendense.image.luks.Passphrase;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A store whose images are encrypted with one passphrase (an encrypted repository): every file
 * operation goes to the wrapped store; only {@link #passphrase()} is added. Closing closes the
 * wrapped store.
 */
final class EncryptedImageStore implements ImageStore {
  private final ImageStore store;
  private final Passphrase passphrase;

  EncryptedImageStore(ImageStore store, Passphrase passphrase) {
    this.store = store;
    this.passphrase = passphrase;
  }

  @Override
  public Passphrase passphrase() {
    return passphrase;
  }

  @Override
  public String location(String name) {
    return store.location(name);
  }

  @Override
  public Optional<ImageEntry> stat(String name) throws IOException {
    return store.stat(name);
  }

  @Override
  public boolean isFile(String name) throws IOException {
    return store.isFile(name);
  }

  @Override
  public List<ImageEntry> list(String folder) throws IOException {
    return store.list(folder);
  }

  @Override
  public void createDirectories(String folder) throws IOException {
    store.createDirectories(folder);
  }

  @Override
  public ImageChannel create(String name) throws IOException {
    return store.create(name);
  }

  @Override
  public ImageChannel open(String name, boolean writable) throws IOException {
    return store.open(name, writable);
  }

  @Override
  public void rename(String from, String to) throws IOException {
    store.rename(from, to);
  }

  @Override
  public boolean deleteIfExists(String name) throws IOException {
    return store.deleteIfExists(name);
  }

  @Override
  public void syncFolder(String folder) throws IOException {
    store.syncFolder(folder);
  }

  @Override
  public void close() throws IOException {
    store.close();
  }
}
