package io.sendense.batch.point;

import io.sendense.plugin.api.source.RestoredVm;
import io.sendense.plugin.api.source.VmConfiguration;
import io.sendense.plugin.api.source.VmConfiguration.Controller;
import io.sendense.plugin.api.source.VmConfiguration.ControllerType;
import io.sendense.plugin.api.source.VmConfiguration.Disk;
import io.sendense.plugin.api.source.VmConfiguration.Firmware;
import io.sendense.plugin.api.source.VmConfiguration.Nic;
import io.sendense.plugin.api.source.VmConfiguration.NicType;
import io.sendense.plugin.api.source.VmConfiguration.Provisioning;
import io.sendense.plugin.api.source.VmPlacement;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of what a VM restore keeps: the {@link VmConfiguration} recorded with a point (in
 * the catalog and in the {@code .vm.json} file next to the point's images), placements, network
 * maps and the {@link RestoredVm} an interrupted restore goes on with. One format, one place.
 */
public final class PointJson {
  /** Version of the configuration format; readers refuse newer ones. */
  public static final int FORMAT = 1;

  private PointJson() {}

  public static String write(VmConfiguration c) {
    JsonArrayBuilder controllers = Json.createArrayBuilder();
    for (Controller x : c.controllers()) {
      controllers.add(
          Json.createObjectBuilder()
              .add("key", x.key())
              .add("type", x.type().name())
              .add("busNumber", x.busNumber())
              .add("sharedBus", x.sharedBus()));
    }
    JsonArrayBuilder disks = Json.createArrayBuilder();
    for (Disk d : c.disks()) {
      disks.add(
          Json.createObjectBuilder()
              .add("key", d.key())
              .add("label", d.label())
              .add("controllerKey", d.controllerKey())
              .add("unitNumber", d.unitNumber())
              .add("capacityBytes", d.capacityBytes())
              .add("provisioning", d.provisioning().name())
              .add("datastore", d.datastore()));
    }
    JsonArrayBuilder nics = Json.createArrayBuilder();
    for (Nic n : c.nics()) {
      nics.add(
          Json.createObjectBuilder()
              .add("key", n.key())
              .add("label", n.label())
              .add("type", n.type().name())
              .add("network", n.network())
              .add("macAddress", n.macAddress())
              .add("startConnected", n.startConnected()));
    }
    return Json.createObjectBuilder()
        .add("format", FORMAT)
        .add("name", c.name())
        .add("guestId", c.guestId())
        .add("guestFullName", c.guestFullName())
        .add("firmware", c.firmware().name())
        .add("cpus", c.cpus())
        .add("coresPerSocket", c.coresPerSocket())
        .add("memoryMib", c.memoryMib())
        .add("annotation", c.annotation())
        .add("hardwareVersion", c.hardwareVersion())
        .add("controllers", controllers)
        .add("disks", disks)
        .add("nics", nics)
        .add("placement", placement(c.placement()))
        .build()
        .toString();
  }

  /**
   * @throws IllegalArgumentException naming what is wrong, for text that is not a configuration of
   *     a known format
   */
  public static VmConfiguration configuration(String json) {
    try {
      JsonObject o = parse(json);
      int format = o.getInt("format", 0);
      if (format < 1 || format > FORMAT) {
        throw new IllegalArgumentException(
            "VM configuration format " + format + " is not known; this hub reads 1 to " + FORMAT);
      }
      List<Controller> controllers = new ArrayList<>();
      for (JsonValue v : o.getJsonArray("controllers")) {
        JsonObject x = v.asJsonObject();
        controllers.add(
            new Controller(
                x.getInt("key"),
                ControllerType.valueOf(x.getString("type")),
                x.getInt("busNumber"),
                x.getString("sharedBus", "")));
      }
      List<Disk> disks = new ArrayList<>();
      for (JsonValue v : o.getJsonArray("disks")) {
        JsonObject d = v.asJsonObject();
        disks.add(
            new Disk(
                d.getInt("key"),
                d.getString("label", null),
                d.getInt("controllerKey"),
                d.getInt("unitNumber"),
                d.getJsonNumber("capacityBytes").longValueExact(),
                Provisioning.valueOf(d.getString("provisioning")),
                d.getString("datastore", "")));
      }
      List<Nic> nics = new ArrayList<>();
      for (JsonValue v : o.getJsonArray("nics")) {
        JsonObject n = v.asJsonObject();
        nics.add(
            new Nic(
                n.getInt("key"),
                n.getString("label", null),
                NicType.valueOf(n.getString("type")),
                n.getString("network", ""),
                n.getString("macAddress", ""),
                n.getBoolean("startConnected", true)));
      }
      return new VmConfiguration(
          o.getString("name"),
          o.getString("guestId", ""),
          o.getString("guestFullName", ""),
          Firmware.valueOf(o.getString("firmware")),
          o.getInt("cpus"),
          o.getInt("coresPerSocket"),
          o.getJsonNumber("memoryMib").longValueExact(),
          o.getString("annotation", ""),
          o.getString("hardwareVersion", ""),
          controllers,
          disks,
          nics,
          o.containsKey("placement")
              ? placement(o.getJsonObject("placement"))
              : VmPlacement.UNKNOWN);
    } catch (JsonException | ClassCastException | NullPointerException | ArithmeticException e) {
      throw new IllegalArgumentException("Not a VM configuration: " + e.getMessage(), e);
    }
  }

  public static String write(VmPlacement p) {
    return placement(p).build().toString();
  }

  public static VmPlacement placement(String json) {
    return placement(parse(json));
  }

  private static JsonObjectBuilder placement(VmPlacement p) {
    return Json.createObjectBuilder()
        .add("datacenter", p.datacenter())
        .add("folder", p.folder())
        .add("cluster", p.cluster())
        .add("host", p.host())
        .add("resourcePool", p.resourcePool())
        .add("datastore", p.datastore());
  }

  private static VmPlacement placement(JsonObject o) {
    return new VmPlacement(
        o.getString("datacenter", ""),
        o.getString("folder", ""),
        o.getString("cluster", ""),
        o.getString("host", ""),
        o.getString("resourcePool", ""),
        o.getString("datastore", ""));
  }

  public static String write(Map<String, String> map) {
    JsonObjectBuilder b = Json.createObjectBuilder();
    map.forEach(b::add);
    return b.build().toString();
  }

  public static Map<String, String> map(String json) {
    Map<String, String> map = new LinkedHashMap<>();
    parse(json).forEach((k, v) -> map.put(k, ((jakarta.json.JsonString) v).getString()));
    return map;
  }

  public static String write(RestoredVm vm) {
    JsonArrayBuilder disks = Json.createArrayBuilder();
    for (RestoredVm.Disk d : vm.disks()) {
      disks.add(
          Json.createObjectBuilder()
              .add("key", d.key())
              .add("capacityBytes", d.capacityBytes())
              .add("location", d.location()));
    }
    return Json.createObjectBuilder()
        .add("vmId", vm.vmId())
        .add("name", vm.name())
        .add("disks", disks)
        .build()
        .toString();
  }

  public static RestoredVm restoredVm(String json) {
    JsonObject o = parse(json);
    List<RestoredVm.Disk> disks = new ArrayList<>();
    for (JsonValue v : o.getJsonArray("disks")) {
      JsonObject d = v.asJsonObject();
      disks.add(
          new RestoredVm.Disk(
              d.getInt("key"),
              d.getJsonNumber("capacityBytes").longValueExact(),
              d.getString("location")));
    }
    return new RestoredVm(o.getString("vmId"), o.getString("name"), disks);
  }

  private static JsonObject parse(String json) {
    try (var reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }
}
