package io.sendense.webapp.group;

import io.sendense.webapp.common.CatalogRows;
import java.util.List;

/**
 * Groups a page at a time from the catalog as the groups table asks for them: the global filter
 * searches names, the name column sorts either way in the database, and only the page's groups with
 * their member counts and protecting flows are read.
 */
public abstract class GroupRows extends CatalogRows<GroupDto> {
  private static final long serialVersionUID = 1L;

  protected GroupRows() {
    super("name");
  }

  /** The service to read from (views hold it as a transient injection). */
  protected abstract GroupService groups();

  @Override
  protected long total(String search) {
    return groups().count(search);
  }

  @Override
  protected List<GroupDto> page(String search, String sort, int first, int size) {
    return groups().rows(search, sort.startsWith("-"), first, size);
  }

  @Override
  protected long id(GroupDto group) {
    return group.id();
  }

  @Override
  protected GroupDto find(long id) {
    return groups().get(id);
  }
}
