package io.sendense.plugins.repocifs;

import com.hierynomus.mserref.NtStatus;
import com.hierynomus.mssmb2.SMBApiException;
import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.StorageException;

/** Maps smbj's exceptions and NT status codes to {@link FailureKind}s. */
final class CifsErrors {

  private CifsErrors() {}

  static StorageException map(String what, Throwable e) {
    if (e instanceof StorageException storage) {
      return storage;
    }
    if (e instanceof SMBApiException api) {
      FailureKind kind = kindOf(api.getStatus());
      return new StorageException(kind, what + ": " + describe(api.getStatus(), kind), e);
    }
    return new StorageException(
        FailureKind.CONNECTION_LOST, what + ": connection to the SMB server lost (" + e + ")", e);
  }

  static FailureKind kindOf(NtStatus status) {
    switch (status) {
      case STATUS_OBJECT_NAME_NOT_FOUND:
      case STATUS_OBJECT_PATH_NOT_FOUND:
      case STATUS_NOT_FOUND:
      case STATUS_NO_SUCH_FILE:
      case STATUS_DELETE_PENDING:
      case STATUS_NOT_A_DIRECTORY:
        return FailureKind.PATH_NOT_FOUND;
      case STATUS_OBJECT_NAME_COLLISION:
        return FailureKind.ALREADY_EXISTS;
      case STATUS_ACCESS_DENIED:
      case STATUS_LOGON_FAILURE:
      case STATUS_ACCOUNT_DISABLED:
      case STATUS_PASSWORD_EXPIRED:
      case STATUS_LOGON_TYPE_NOT_GRANTED:
        return FailureKind.ACCESS_DENIED;
      case STATUS_BAD_NETWORK_NAME:
        return FailureKind.SHARE_NOT_FOUND;
      case STATUS_DISK_FULL:
        return FailureKind.NO_SPACE;
      case STATUS_NETWORK_NAME_DELETED:
      case STATUS_USER_SESSION_DELETED:
      case STATUS_NETWORK_SESSION_EXPIRED:
      case STATUS_FILE_CLOSED:
        return FailureKind.CONNECTION_LOST;
      default:
        return FailureKind.OTHER;
    }
  }

  private static String describe(NtStatus status, FailureKind kind) {
    switch (kind) {
      case PATH_NOT_FOUND:
        return "not found (" + status + ")";
      case ALREADY_EXISTS:
        return "already exists (" + status + ")";
      case ACCESS_DENIED:
        return "access denied (" + status + "); check user, password and share permissions";
      case NOT_WRITABLE:
        return "the share is read-only (" + status + ")";
      case NO_SPACE:
        return "the share is full (" + status + ")";
      default:
        return "the SMB server answered " + status;
    }
  }
}
