package io.sendense.webapp.vm;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Chart.js configurations (the JSON {@code p:chart} takes) for VM details. */
final class ChartJson {
  private static final double MIB = 1024.0 * 1024.0;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private ChartJson() {}

  /** Transfer speed in MiB/s over the samples of one backup. */
  static String speed(TelemetryDto telemetry) {
    JsonArrayBuilder labels = Json.createArrayBuilder();
    JsonArrayBuilder values = Json.createArrayBuilder();
    for (TelemetryDto.Point p : telemetry.points()) {
      labels.add(TIME.format(p.capturedAt()));
      values.add(round(p.rateBps() / MIB));
    }
    return chart(
        "line",
        labels,
        Json.createArrayBuilder().add(dataset("MiB/s", values, "#3b82f6").add("fill", true)),
        axes("MiB/s", null));
  }

  /** Completed, failed and running backups. */
  static String outcomes(VmDetailsDto m) {
    JsonArrayBuilder labels =
        Json.createArrayBuilder().add("Completed").add("Failed").add("Running");
    JsonArrayBuilder values =
        Json.createArrayBuilder().add(m.succeeded()).add(m.failed()).add(m.running());
    JsonObjectBuilder set =
        Json.createObjectBuilder()
            .add("data", values)
            .add(
                "backgroundColor",
                Json.createArrayBuilder().add("#22c55e").add("#ef4444").add("#3b82f6"));
    return Json.createObjectBuilder()
        .add("type", "doughnut")
        .add(
            "data",
            Json.createObjectBuilder()
                .add("labels", labels)
                .add("datasets", Json.createArrayBuilder().add(set)))
        .build()
        .toString();
  }

  /** Size written (MiB) and duration (s) of completed backups, oldest first. */
  static String trends(List<BackupRow> history) {
    List<BackupRow> complete = new ArrayList<>();
    for (BackupRow b : history) {
      if (b.status().equals("COMPLETE")) {
        complete.add(0, b);
      }
    }
    JsonArrayBuilder labels = Json.createArrayBuilder();
    JsonArrayBuilder sizes = Json.createArrayBuilder();
    JsonArrayBuilder durations = Json.createArrayBuilder();
    for (BackupRow b : complete) {
      labels.add(DAY.format(b.startedAt()));
      sizes.add(round(b.bytesWritten() / MIB));
      durations.add(b.durationMs() == null ? 0 : round(b.durationMs() / 1000.0));
    }
    JsonArrayBuilder sets =
        Json.createArrayBuilder()
            .add(dataset("Size (MiB)", sizes, "#8b5cf6").add("yAxisID", "y"))
            .add(dataset("Duration (s)", durations, "#f59e0b").add("yAxisID", "y1"));
    return chart("line", labels, sets, axes("MiB", "seconds"));
  }

  private static JsonObjectBuilder dataset(String label, JsonArrayBuilder values, String colour) {
    return Json.createObjectBuilder()
        .add("label", label)
        .add("data", values)
        .add("borderColor", colour)
        .add("backgroundColor", colour + "33")
        .add("tension", 0.2);
  }

  private static JsonObjectBuilder axes(String left, String right) {
    JsonObjectBuilder scales =
        Json.createObjectBuilder()
            .add(
                "y",
                Json.createObjectBuilder()
                    .add("beginAtZero", true)
                    .add(
                        "title",
                        Json.createObjectBuilder().add("display", true).add("text", left)));
    if (right != null) {
      scales.add(
          "y1",
          Json.createObjectBuilder()
              .add("beginAtZero", true)
              .add("position", "right")
              .add("title", Json.createObjectBuilder().add("display", true).add("text", right)));
    }
    return Json.createObjectBuilder().add("animation", false).add("scales", scales);
  }

  private static String chart(
      String type, JsonArrayBuilder labels, JsonArrayBuilder sets, JsonObjectBuilder options) {
    return Json.createObjectBuilder()
        .add("type", type)
        .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", sets))
        .add("options", options)
        .build()
        .toString();
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
