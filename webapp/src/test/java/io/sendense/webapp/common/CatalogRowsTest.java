package io.sendense.webapp.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

class CatalogRowsTest {
  record Row(long id, String name) {}

  /** Rows from a list, noting every read by id. */
  static final class ListRows extends CatalogRows<Row> {
    private static final long serialVersionUID = 1L;
    final List<Row> all;
    final List<Long> found = new ArrayList<>();
    String lastSort;

    ListRows(Row... rows) {
      super("name");
      all = List.of(rows);
    }

    @Override
    protected long total(String search) {
      return matching(search).size();
    }

    @Override
    protected List<Row> page(String search, String sort, int first, int size) {
      lastSort = sort;
      Comparator<Row> order = Comparator.comparing(Row::name);
      List<Row> sorted =
          matching(search).stream()
              .sorted(sort.startsWith("-") ? order.reversed() : order)
              .toList();
      return sorted.subList(Math.min(first, sorted.size()), Math.min(first + size, sorted.size()));
    }

    @Override
    protected long id(Row row) {
      return row.id();
    }

    @Override
    protected Row find(long id) {
      found.add(id);
      return all.stream()
          .filter(r -> r.id() == id)
          .findFirst()
          .orElseThrow(() -> new Refusal(404, "No row " + id));
    }

    private List<Row> matching(String search) {
      return all.stream().filter(r -> search == null || r.name().contains(search)).toList();
    }
  }

  private static ListRows rows() {
    return new ListRows(new Row(1, "web01"), new Row(2, "db01"), new Row(3, "web02"));
  }

  @Test
  void theGlobalFilterIsTheSearchAndTheSortedColumnTheSortKey() {
    ListRows rows = rows();
    Map<String, FilterMeta> filter =
        Map.of(
            FilterMeta.GLOBAL_FILTER_KEY,
            FilterMeta.builder().field(FilterMeta.GLOBAL_FILTER_KEY).filterValue(" web ").build());
    Map<String, SortMeta> sort =
        Map.of("name", SortMeta.builder().field("name").order(SortOrder.DESCENDING).build());
    assertEquals(2, rows.count(filter));
    assertEquals(List.of(new Row(3, "web02")), rows.load(0, 1, sort, filter));
    assertEquals("-name", rows.lastSort);
  }

  @Test
  void anUnsortedTableIsSortedByTheDefaultKey() {
    ListRows rows = rows();
    assertEquals(3, rows.count(Map.of()));
    assertEquals(
        List.of(new Row(2, "db01"), new Row(1, "web01")), rows.load(0, 2, Map.of(), Map.of()));
    assertEquals("name", rows.lastSort);
  }

  @Test
  void aRowOfTheShownPageIsNotReadAgainAndAnotherIsReadByIdOrNullOnceGone() {
    ListRows rows = rows();
    rows.setWrappedData(List.of(new Row(1, "web01")));
    assertEquals("1", rows.getRowKey(new Row(1, "web01")));
    assertEquals(new Row(1, "web01"), rows.getRowData("1"));
    assertEquals(List.of(), rows.found);
    assertEquals(new Row(3, "web02"), rows.getRowData("3"));
    assertNull(rows.getRowData("9"));
    assertEquals(List.of(3L, 9L), rows.found);
  }
}
