package io.sendense.image.guest.lvm;

import io.sendense.image.guest.GuestFsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A section of LVM2 text metadata: keys mapped to numbers ({@link Long}), strings, arrays ({@link
 * List}) or nested sections, in file order.
 */
final class ConfigSection {
  private final String name;
  private final Map<String, Object> values = new LinkedHashMap<>();

  ConfigSection(String name) {
    this.name = name;
  }

  String name() {
    return name;
  }

  void put(String key, Object value) {
    values.put(key, value);
  }

  Map<String, Object> values() {
    return values;
  }

  ConfigSection section(String key) throws GuestFsException {
    return as(key, ConfigSection.class);
  }

  ConfigSection optionalSection(String key) {
    return values.get(key) instanceof ConfigSection s ? s : null;
  }

  long number(String key) throws GuestFsException {
    return as(key, Long.class);
  }

  String string(String key) throws GuestFsException {
    return as(key, String.class);
  }

  List<?> array(String key) throws GuestFsException {
    return as(key, List.class);
  }

  private <T> T as(String key, Class<T> type) throws GuestFsException {
    Object value = values.get(key);
    if (!type.isInstance(value)) {
      throw new GuestFsException(
          "LVM2 metadata: " + name + "/" + key + " is missing or not a " + type.getSimpleName());
    }
    return type.cast(value);
  }
}
