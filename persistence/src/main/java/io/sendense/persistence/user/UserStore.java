package io.sendense.persistence.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** Users and their API tokens. */
@ApplicationScoped
public class UserStore {
  @PersistenceContext(unitName = "sendense")
  private EntityManager em;

  protected UserStore() {}

  public UserStore(EntityManager em) {
    this.em = em;
  }

  public Optional<User> byUsername(String username) {
    return em.createNamedQuery("User.byUsername", User.class)
        .setParameter("username", username)
        .getResultStream()
        .findFirst();
  }

  public Optional<User> byId(long id) {
    return Optional.ofNullable(em.find(User.class, id));
  }

  public List<User> all() {
    return em.createNamedQuery("User.all", User.class).getResultList();
  }

  public long count() {
    return em.createNamedQuery("User.count", Long.class).getSingleResult();
  }

  public User save(User user) {
    if (user.getId() == null) {
      em.persist(user);
      return user;
    }
    return em.merge(user);
  }

  public void delete(User user) {
    em.remove(em.contains(user) ? user : em.merge(user));
  }

  /** The token whose SHA-256 hash is {@code tokenHash}, with its user loaded. */
  public Optional<ApiToken> tokenByHash(String tokenHash) {
    return em.createNamedQuery("ApiToken.byHash", ApiToken.class)
        .setParameter("hash", tokenHash)
        .getResultStream()
        .findFirst();
  }

  /** A user's tokens, newest first. */
  public List<ApiToken> tokensOf(User user) {
    return em.createNamedQuery("ApiToken.ofUser", ApiToken.class)
        .setParameter("user", user)
        .getResultList();
  }

  /** Every user's tokens, newest first, with their owners. */
  public List<ApiToken> allTokens() {
    return em.createNamedQuery("ApiToken.all", ApiToken.class).getResultList();
  }

  public Optional<ApiToken> tokenById(long id) {
    return Optional.ofNullable(em.find(ApiToken.class, id));
  }

  public void deleteToken(ApiToken token) {
    em.remove(em.contains(token) ? token : em.merge(token));
  }

  /**
   * Records a login time without touching the row's version: logins happen in parallel (scripts
   * calling the API) and must never conflict with each other or with an edit of the user.
   */
  public void touchLogin(long userId, java.time.Instant at) {
    em.createNativeQuery("UPDATE users SET last_login_at = ? WHERE id = ?")
        .setParameter(1, java.sql.Timestamp.from(at))
        .setParameter(2, userId)
        .executeUpdate();
  }

  /** Records when a token was last used (unversioned, like {@link #touchLogin}). */
  public void touchToken(long tokenId, java.time.Instant at) {
    em.createNativeQuery("UPDATE api_tokens SET last_used_at = ? WHERE id = ?")
        .setParameter(1, java.sql.Timestamp.from(at))
        .setParameter(2, tokenId)
        .executeUpdate();
  }

  public ApiToken saveToken(ApiToken token) {
    if (token.getId() == null) {
      em.persist(token);
      em.flush(); // IDENTITY ids are assigned on flush; callers show the new token's id
      return token;
    }
    return em.merge(token);
  }
}
