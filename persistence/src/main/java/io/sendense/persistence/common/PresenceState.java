package io.sendense.persistence.common;

/**
 * Whether a discovered object was seen at the last discovery; gone objects keep their restore
 * points.
 */
public enum PresenceState {
  PRESENT,
  GONE
}
