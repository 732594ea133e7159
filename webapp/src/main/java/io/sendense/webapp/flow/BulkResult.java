package io.sendense.webapp.flow;

import java.util.List;

/** What a bulk action did to each flow: some may be refused while the others go through. */
public record BulkResult(int succeeded, int refused, List<Item> items) {

  public static BulkResult of(List<Item> items) {
    int ok = (int) items.stream().filter(Item::ok).count();
    return new BulkResult(ok, items.size() - ok, items);
  }

  /** One flow of the bulk action. */
  public record Item(long id, boolean ok, String message) {}
}
