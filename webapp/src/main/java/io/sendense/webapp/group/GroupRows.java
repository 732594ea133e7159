package io.sendense.webapp.group;

import io.sendense.webapp.common.LazyTables;
import io.sendense.webapp.common.Refusal;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * Groups a page at a time from the catalog as the groups table asks for them: the global filter
 * searches names, the name column sorts either way in the database, and only the page's groups with
 * their member counts and protecting flows are read. The table asks {@link #count} first.
 */
public abstract class GroupRows extends LazyDataModel<GroupDto> {
  private static final long serialVersionUID = 1L;

  /** The service to read from (views hold it as a transient injection). */
  protected abstract GroupService groups();

  @Override
  public int count(Map<String, FilterMeta> filterBy) {
    return (int) groups().count(LazyTables.search(filterBy));
  }

  @Override
  public List<GroupDto> load(
      int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
    boolean descending = LazyTables.sort(sortBy, "name").startsWith("-");
    return groups().rows(LazyTables.search(filterBy), descending, first, pageSize);
  }

  @Override
  public String getRowKey(GroupDto group) {
    return String.valueOf(group.id());
  }

  /** A row of the shown page, else read by id; null once the group is gone. */
  @Override
  public GroupDto getRowData(String rowKey) {
    long id = Long.parseLong(rowKey);
    List<GroupDto> shown = getWrappedData();
    if (shown != null) {
      for (GroupDto group : shown) {
        if (group.id() == id) {
          return group;
        }
      }
    }
    try {
      return groups().get(id);
    } catch (Refusal gone) {
      return null;
    }
  }
}
