package io.sendense.webapp.flow;

import io.sendense.webapp.retention.RetentionRules;
import java.io.Serializable;

/** The retention fields of the flow form (empty or 0: rule off). */
public class RetentionForm implements Serializable {
  private static final long serialVersionUID = 1L;

  private Integer last;
  private Integer daily;
  private Integer weekly;
  private Integer monthly;
  private Integer yearly;

  static RetentionForm of(RetentionRules rules) {
    RetentionForm form = new RetentionForm();
    if (rules != null) {
      form.last = rules.last();
      form.daily = rules.daily();
      form.weekly = rules.weekly();
      form.monthly = rules.monthly();
      form.yearly = rules.yearly();
    }
    return form;
  }

  RetentionRules rules() {
    return new RetentionRules(last, daily, weekly, monthly, yearly);
  }

  public Integer getLast() {
    return last;
  }

  public void setLast(Integer last) {
    this.last = last;
  }

  public Integer getDaily() {
    return daily;
  }

  public void setDaily(Integer daily) {
    this.daily = daily;
  }

  public Integer getWeekly() {
    return weekly;
  }

  public void setWeekly(Integer weekly) {
    this.weekly = weekly;
  }

  public Integer getMonthly() {
    return monthly;
  }

  public void setMonthly(Integer monthly) {
    this.monthly = monthly;
  }

  public Integer getYearly() {
    return yearly;
  }

  public void setYearly(Integer yearly) {
    this.yearly = yearly;
  }
}
