package io.sendense.plugins.reponfs;

import com.emc.ecs.nfsclient.mount.MountException;
import com.emc.ecs.nfsclient.mount.MountStatus;
import com.emc.ecs.nfsclient.nfs.NfsException;
import com.emc.ecs.nfsclient.nfs.NfsStatus;
import com.emc.ecs.nfsclient.rpc.RpcException;
import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.StorageException;
import java.util.Map;

/** Maps the NFS client's exceptions and NFSv3 status codes to {@link FailureKind}s. */
final class NfsErrors {

  private NfsErrors() {}

  static StorageException map(String what, Throwable e) {
    if (e instanceof StorageException storage) {
      return storage;
    }
    if (e instanceof RpcException || e.getCause() instanceof RpcException) {
      // The client reports a failed or unanswered call as NFS3ERR_IO with the RPC error as cause.
      return new StorageException(
          FailureKind.CONNECTION_LOST,
          what + ": the NFS server did not answer (" + rootMessage(e) + "); it may be down",
          e);
    }
    if (e instanceof NfsException nfs && nfs.getStatus() != null) {
      FailureKind kind = kindOf(nfs.getStatus());
      return new StorageException(
          kind, what + ": " + describe(kind, String.valueOf(nfs.getStatus())), e);
    }
    if (e instanceof MountException mount) {
      return mountFailure(what, mount);
    }
    return new StorageException(
        FailureKind.CONNECTION_LOST, what + ": no answer from the NFS server (" + e + ")", e);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }

  private static StorageException mountFailure(String what, MountException e) {
    MountStatus status = e.getStatus();
    FailureKind kind =
        status == MountStatus.MNT3ERR_ACCES || status == MountStatus.MNT3ERR_PERM
            ? FailureKind.ACCESS_DENIED
            : status == MountStatus.MNT3ERR_NOENT || status == MountStatus.MNT3ERR_NOTDIR
                ? FailureKind.SHARE_NOT_FOUND
                : FailureKind.PROTOCOL_ERROR;
    String hint =
        kind == FailureKind.SHARE_NOT_FOUND
            ? "the server does not export this path; check the export (showmount -e)"
            : kind == FailureKind.ACCESS_DENIED
                ? "the export refuses this host; allow it in the server's export rules"
                : "mount failed with " + status;
    return new StorageException(kind, what + ": " + hint, e);
  }

  private static final Map<NfsStatus, FailureKind> KINDS =
      Map.ofEntries(
          Map.entry(NfsStatus.NFS3ERR_NOENT, FailureKind.PATH_NOT_FOUND),
          Map.entry(NfsStatus.NFS3ERR_NOTDIR, FailureKind.PATH_NOT_FOUND),
          Map.entry(NfsStatus.NFS3ERR_EXIST, FailureKind.ALREADY_EXISTS),
          Map.entry(NfsStatus.NFS3ERR_ACCES, FailureKind.ACCESS_DENIED),
          Map.entry(NfsStatus.NFS3ERR_PERM, FailureKind.ACCESS_DENIED),
          Map.entry(NfsStatus.NFS3ERR_ROFS, FailureKind.NOT_WRITABLE),
          Map.entry(NfsStatus.NFS3ERR_NOSPC, FailureKind.NO_SPACE),
          Map.entry(NfsStatus.NFS3ERR_DQUOT, FailureKind.NO_SPACE),
          Map.entry(NfsStatus.NFS3ERR_STALE, FailureKind.CONNECTION_LOST),
          Map.entry(NfsStatus.NFS3ERR_BADHANDLE, FailureKind.CONNECTION_LOST));

  static FailureKind kindOf(NfsStatus status) {
    return KINDS.getOrDefault(status, FailureKind.OTHER);
  }

  private static String describe(FailureKind kind, String status) {
    switch (kind) {
      case PATH_NOT_FOUND:
        return "not found (" + status + ")";
      case ALREADY_EXISTS:
        return "already exists (" + status + ")";
      case ACCESS_DENIED:
        return "permission denied (" + status + "); check uid/gid and the export's squash rules";
      case NOT_WRITABLE:
        return "the export is read-only (" + status + ")";
      case NO_SPACE:
        return "the export is full (" + status + ")";
      default:
        return "the NFS server answered " + status;
    }
  }
}
