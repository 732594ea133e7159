package io.sendense.persistence.settings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;

/** Named hub settings and one-time markers. */
@ApplicationScoped
public class SettingStore {
  @PersistenceContext(unitName = "sendense")
  private EntityManager em;

  protected SettingStore() {}

  public SettingStore(EntityManager em) {
    this.em = em;
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(em.find(Setting.class, name)).map(Setting::getValue);
  }

  public void put(String name, String value) {
    Setting setting = em.find(Setting.class, name);
    if (setting == null) {
      setting = new Setting();
      setting.setName(name);
      setting.setValue(value);
      em.persist(setting);
    } else {
      setting.setValue(value);
    }
  }
}
