package io.sendense.webapp.security;

import io.sendense.persistence.user.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Writes "last login" and "token last used" times, each in its own short transaction with an
 * unversioned UPDATE, so parallel requests of one user never conflict.
 */
@ApplicationScoped
public class LoginRecorder {
  @Inject UserStore users;

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void login(long userId, Instant at) {
    users.touchLogin(userId, at);
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void tokenUse(long tokenId, Instant at) {
    users.touchToken(tokenId, at);
  }
}
