package io.sendense.webapp.group;

import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.repository.RepositoryDto;
import io.sendense.webapp.repository.RepositoryService;
import io.sendense.webapp.security.Caller;
import io.sendense.webapp.security.Roles;
import io.sendense.webapp.shell.Messages;
import io.sendense.webapp.source.VmDto;
import io.sendense.webapp.source.VmRows;
import io.sendense.webapp.source.VmService;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.primefaces.model.LazyDataModel;

/**
 * The Protection Groups page: groups with member count and protection state, the group form, and
 * member management over a searchable list of all VMs with the groups each is already in.
 */
@Named
@ViewScoped
public class GroupListView implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject transient GroupService groups;
  @Inject transient GroupActions actions;
  @Inject transient VmService vms;
  @Inject transient RepositoryService repositories;
  @Inject transient SecurityContext security;

  private final GroupRows rows =
      new GroupRows() {
        private static final long serialVersionUID = 1L;

        @Override
        protected GroupService groups() {
          return groups;
        }
      };
  private Long editingId;
  private GroupForm form = new GroupForm();
  private GroupDto membersOf;
  private final VmRows memberCandidates =
      new VmRows() {
        private static final long serialVersionUID = 1L;

        @Override
        protected VmService vms() {
          return vms;
        }
      };
  private Map<Long, MemberDto> members = Map.of();
  private List<VmDto> selectedVms = new ArrayList<>();

  /** The groups a page at a time, read from the catalog as the table shows them. */
  public LazyDataModel<GroupDto> getRows() {
    return rows;
  }

  public void startCreate() {
    editingId = null;
    form = new GroupForm();
  }

  public void startEdit(GroupDto row) {
    editingId = row.id();
    form = GroupForm.of(row);
  }

  public void save() {
    if (denied()) {
      return;
    }
    try {
      GroupDto saved =
          editingId == null
              ? actions.create(form.request(), caller())
              : actions.update(editingId, form.request(), caller());
      Messages.info("Saved group " + saved.name(), saved.memberCount() + " member(s)");
    } catch (Refusal e) {
      Messages.error("Not saved", e.getMessage());
      FacesContext.getCurrentInstance().validationFailed();
    }
  }

  public void delete(GroupDto row) {
    if (denied()) {
      return;
    }
    try {
      actions.delete(row.id(), caller());
      Messages.info("Deleted group " + row.name(), "Its VMs stay");
    } catch (Refusal e) {
      Messages.error("Not deleted", e.getMessage());
    }
  }

  public void manageMembers(GroupDto row) {
    membersOf = row;
    selectedVms = new ArrayList<>();
    loadMembers();
  }

  private void loadMembers() {
    members =
        groups.members(membersOf.id()).stream()
            .collect(Collectors.toMap(MemberDto::vmId, Function.identity()));
  }

  public void addSelected() {
    changeMembers(true);
  }

  public void removeSelected() {
    changeMembers(false);
  }

  private void changeMembers(boolean add) {
    if (denied()) {
      return;
    }
    List<Long> ids = selectedVms.stream().map(VmDto::id).toList();
    try {
      MembersRequest request = new MembersRequest(ids, null);
      int changed =
          add
              ? actions.addMembers(membersOf.id(), request, caller())
              : actions.removeMembers(membersOf.id(), request, caller());
      Messages.info(
          (add ? "Added " : "Removed ") + changed + " VM(s)",
          add ? "to " + membersOf.name() : "from " + membersOf.name());
    } catch (Refusal e) {
      Messages.error("Members not changed", e.getMessage());
    }
    selectedVms = new ArrayList<>();
    loadMembers();
  }

  /** "yes", "by rule" or "" for the member column of the VM list. */
  public String membership(VmDto vm) {
    MemberDto m = members.get(vm.id());
    return m == null ? "" : (m.byRule() ? "by rule" : "yes");
  }

  public boolean isAdmin() {
    return security.isCallerInRole(Roles.ADMIN);
  }

  public List<RepositoryDto> getRepositories() {
    return repositories.list();
  }

  private boolean denied() {
    if (isAdmin()) {
      return false;
    }
    Messages.error("Not allowed", "Only admins change protection groups");
    FacesContext.getCurrentInstance().validationFailed();
    return true;
  }

  private Caller caller() {
    return Caller.ofPage(security);
  }

  public Long getEditingId() {
    return editingId;
  }

  public GroupForm getForm() {
    return form;
  }

  public GroupDto getMembersOf() {
    return membersOf;
  }

  /** The VMs the Members dialog lists, a page at a time (searched and sorted in the catalog). */
  public VmRows getMemberCandidates() {
    return memberCandidates;
  }

  public List<VmDto> getSelectedVms() {
    return selectedVms;
  }

  public void setSelectedVms(List<VmDto> selectedVms) {
    this.selectedVms = selectedVms == null ? new ArrayList<>() : selectedVms;
  }
}
