package io.sendense.plugins.reponfs;

import com.emc.ecs.nfsclient.nfs.NfsException;
import com.emc.ecs.nfsclient.nfs.NfsStatus;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3;
import io.sendense.plugin.api.repository.StoragePath;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Existence checks that tell "no such file" from "no answer": LOOKUP by LOOKUP from the export's
 * root handle, where only NOENT and NOTDIR mean missing and every other failure (a dead server, a
 * stale handle) is thrown for {@link NfsErrors} to map.
 */
final class NfsLookups {
  private NfsLookups() {}

  static boolean exists(Nfs3 nfs, StoragePath folder, StoragePath path) throws IOException {
    List<String> segments = new ArrayList<>(folder.segments());
    segments.addAll(path.segments());
    byte[] handle = nfs.getRootFileHandle();
    for (String segment : segments) {
      try {
        handle = nfs.wrapped_getLookup(nfs.makeLookupRequest(handle, segment)).getFileHandle();
      } catch (FileNotFoundException e) {
        return false; // the client's answer to NFS3ERR_NOENT
      } catch (NfsException e) {
        if (e.getStatus() == NfsStatus.NFS3ERR_NOENT || e.getStatus() == NfsStatus.NFS3ERR_NOTDIR) {
          return false;
        }
        throw e;
      }
    }
    return true;
  }
}
