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

  public ApiToken saveToken(ApiToken token) {
    if (token.getId() == null) {
      em.persist(token);
      return token;
    }
    return em.merge(token);
  }
}
