package io.sendense.webapp.group;

import java.io.Serializable;

/** The fields of the group form. */
public class GroupForm implements Serializable {
  private static final long serialVersionUID = 1L;

  private String name;
  private String description;
  private String defaultSchedule;
  private Long defaultRepositoryId;
  private String ruleKind = "";
  private String ruleValue;

  static GroupForm of(GroupDto g) {
    GroupForm f = new GroupForm();
    f.name = g.name();
    f.description = g.description();
    f.defaultSchedule = g.defaultSchedule();
    f.defaultRepositoryId = g.defaultRepositoryId();
    if (g.membershipRule() != null) {
      int colon = g.membershipRule().indexOf(':');
      f.ruleKind = g.membershipRule().substring(0, colon);
      f.ruleValue = g.membershipRule().substring(colon + 1);
    }
    return f;
  }

  GroupRequest request() {
    String rule =
        ruleKind == null || ruleKind.isBlank()
            ? null
            : ruleKind + ":" + (ruleValue == null ? "" : ruleValue);
    return new GroupRequest(name, description, defaultSchedule, defaultRepositoryId, rule);
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String getDefaultSchedule() {
    return defaultSchedule;
  }

  public void setDefaultSchedule(String defaultSchedule) {
    this.defaultSchedule = defaultSchedule;
  }

  public Long getDefaultRepositoryId() {
    return defaultRepositoryId;
  }

  public void setDefaultRepositoryId(Long defaultRepositoryId) {
    this.defaultRepositoryId = defaultRepositoryId;
  }

  public String getRuleKind() {
    return ruleKind;
  }

  public void setRuleKind(String ruleKind) {
    this.ruleKind = ruleKind;
  }

  public String getRuleValue() {
    return ruleValue;
  }

  public void setRuleValue(String ruleValue) {
    this.ruleValue = ruleValue;
  }
}
